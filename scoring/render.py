"""Plain-text and Markdown views of an :class:`~scoring.evaluation.Evaluation`.

Pure string building (no I/O): the CLI prints these, and other front ends may
reuse them. Numbers are those of the evaluation, formatted for reading.
"""
from __future__ import annotations

import textwrap

from criteria.escape import clean, md_inline, one_line
from scoring.evaluation import Evaluation, OptionResult
from scoring.verdict import gap, num, one, pct


def _scale(ev: Evaluation) -> str:
    return f"; scale 0-{num(ev.scale_max)}"


def _headline(ev: Evaluation) -> str:
    if ev.winner is not None:
        w = ev.result(ev.winner)
        margin = (f", {gap(w.score, ev.result(ev.runner_up).score)} points ahead of {ev.option_names[ev.runner_up]}"
                  if ev.runner_up and ev.margin is not None else ", the only eligible option")
        if ev.robustness is not None:  # issue 15: weights and uncertain ratings varied together
            both = ev.robustness.both.get(ev.winner, 0.0)
            return (f"Recommended: {ev.option_names[ev.winner]} ({w.score:.1f}/100{margin}; "
                    f"wins {pct(both)} of draws varying weights and uncertain ratings)")
        prob = ev.win_probability.get(ev.winner)
        return (f"Recommended: {ev.option_names[ev.winner]} ({one(w.score)}/100{margin}; "
                f"wins {pct(prob or 0.0)} of weight variations)")
    if ev.tie:
        return "No single winner: " + " and ".join(ev.option_names[o] for o in ev.tie) + " tie"
    return "No recommendation: no option meets every must-have"


def _status(r: OptionResult) -> str:
    python = r.python
    if r.eligible:
        return "eligible" + (f" (Python {python.required} not checked)" if python and python.status == "unknown" else "")
    parts = [f"{f.criterion} {num(f.rating)} < {num(f.required)}" for f in r.failed_must_haves]
    if python is not None and not python.ok:
        newest = f"; {python.newest} fits" if python.newest else ""
        parts.append(f"needs Python {python.requires_python}{newest}")
    return "ruled out: " + ", ".join(parts)


def _shown_criteria(ev: Evaluation) -> list[str]:
    """Weighted criteria plus those with a must-have (the rest contribute nothing)."""
    return [c for c in ev.criteria if ev.weights[c] > 0 or c in ev.must_have]


def _rows(ev: Evaluation) -> dict[str, list[list[str]]]:
    ranking = [[str(r.rank), ev.option_names[r.option], one(r.score),
                pct(ev.win_probability[r.option]) if r.option in ev.win_probability else "-", _status(r)]
               for r in ev.ranking]
    shown = _shown_criteria(ev)
    contrib = [[ev.criterion_names[c], num(ev.weights[c]),
                num(ev.must_have[c]) if c in ev.must_have else "",
                *[one(r.contributions[c]) for r in ev.ranking]] for c in shown]
    flips = []
    for f in ev.flip_points:
        if f.flip_weight is None:
            at, who = "never", "-"
        else:
            at = num(f.flip_weight) + ("" if f.within_scale else " (off scale)")
            who = ev.option_names[f.new_winner] if f.new_winner else "tie: " + ", ".join(f.new_tie)
        flips.append([ev.criterion_names[f.criterion], num(f.current_weight), at, who])
    return {"ranking": ranking, "contrib": contrib, "flips": flips, **_uncertainty_rows(ev)}


#: Rating flips listed in the text and Markdown views (nearest first; the JSON has them all).
MAX_RATING_FLIPS = 8


def _uncertainty_rows(ev: Evaluation) -> dict[str, list[list[str]]]:
    """Issue 15: shares won under each kind of uncertainty, and the ratings the answer hinges on."""
    rb = ev.robustness
    robust = [[ev.option_names[o], pct(rb.weights[o]), pct(rb.ratings[o]), pct(rb.both[o])]
              for o in rb.both] if rb is not None else []
    hinges = []
    for f in ev.rating_flips[:MAX_RATING_FLIPS]:
        span = f"{num(f.range[0])}-{num(f.range[1])}" if f.range and f.range[1] > f.range[0] else "exact"
        side = "below" if f.flips_at < f.rating else "above"
        hinges.append([ev.option_names[f.option], ev.criterion_names[f.criterion], num(f.rating), span,
                       f"{side} {num(f.flips_at)}", ev.option_names[f.winner_then] if f.winner_then else "a tie"])
    return {"robust": robust, "hinges": hinges}


_HEAD = {
    "ranking": ["Rank", "Option", "Score", "Wins", "Must-haves"],
    "flips": ["Criterion", "Weight", "Flips at", "New winner"],
    "robust": ["Option", "Weights vary", "Ratings vary", "Both vary"],
    "hinges": ["Option", "Criterion", "Rating", "Range", "Answer changes", "Winner then"],
}


def _contrib_head(ev: Evaluation) -> list[str]:
    return ["Criterion", "Weight", "Must", *[ev.option_names[r.option] for r in ev.ranking]]


def _people_rows(ev: Evaluation) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    """Each person's own answer, and the criteria people weigh most differently."""
    options = [r.option for r in ev.ranking]
    head = ["Stakeholder", "Role", "Own winner", *[ev.option_names[o] for o in options]]
    rows = []
    for s in ev.stakeholders:
        if not s.scores:
            rows.append([s.name, s.role, "(does not weigh)", *["" for _ in options]])
            continue
        own = (ev.option_names[s.winner] if s.winner else
               "tie: " + ", ".join(ev.option_names[o] for o in s.tie) if s.tie else "none eligible")
        rows.append([s.name, s.role, own, *[one(s.scores[o]) for o in options]])
    names = [s.name for s in ev.stakeholders if s.scores]
    spread = sorted(((c, sp) for c, sp in ev.disagreement.items() if sp.max > 0), key=lambda kv: -(kv[1].max - kv[1].min))
    dhead = ["Criterion", "Group", *names, "Max - min"]
    drows = [[ev.criterion_names[c], pct(ev.normalized_weights[c]), *[pct(sp.by_person[n]) for n in names],
              pct(sp.max - sp.min)] for c, sp in spread]
    return head, rows, dhead, drows


def _decisive(ev: Evaluation) -> str:
    if ev.decisive:
        return "Decisive (leaving one out changes the group's answer): " + ", ".join(ev.decisive)
    return "Decisive: nobody (leaving out any one person keeps the group's answer)"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    fmt = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()  # noqa: E731
    return [fmt(head), fmt(["-" * w for w in widths]), *[fmt(r) for r in rows]]


def render_text(ev: Evaluation, width: int = 88) -> str:
    """A terminal summary: headline, ranking, contributions, flip points, verdict."""
    rows = _rows(ev)
    out = []
    if ev.title:
        out += [ev.title, ""]
    out += [_headline(ev), ""]
    if ev.python:
        out += [f"Python requirement: {ev.python} (the oldest Python the project must run on); options whose "
                "rated release does not install on it are ruled out", ""]
    out += ["Ranking (score out of 100; wins = share of sampled weightings)", *_table(_HEAD["ranking"], rows["ranking"]), ""]
    out += ["Points per criterion", *_table(_contrib_head(ev), rows["contrib"]), ""]
    out += [f"Flip points (weight at which the winner changes, other weights fixed{_scale(ev)})",
            *_table(_HEAD["flips"], rows["flips"]), ""]
    if rows["robust"]:
        out += [f"Robustness (share of {ev.samples:,} draws won when weights, ratings or both vary)",
                *_table(_HEAD["robust"], rows["robust"]), ""]
    if rows["hinges"]:
        out += ["Ratings the answer hinges on (one rating changed alone, nearest first)",
                *_table(_HEAD["hinges"], rows["hinges"]), ""]
    if ev.stakeholders:
        head, rows_, dhead, drows = _people_rows(ev)
        out += [f"Stakeholders (group weights: {ev.aggregation} mean of normalised weights)", *_table(head, rows_), ""]
        out += ["Weight shares by person (widest gaps first)", *_table(dhead, drows), "", _decisive(ev), ""]
    out += ["Verdict", *textwrap.wrap(ev.verdict, width=width)]
    out.append("")
    out.append(f"({ev.samples:,} samples, seed {ev.seed}, concentration {num(ev.concentration)})")
    # clean(): no terminal escape sequences or other control characters from typed text.
    return clean("\n".join(out)) + "\n"


def _md_escape(text: str) -> str:
    # Titles, option and criterion names may come from a user's file: make them inert
    # (no headings, links, HTML or table breaks) and keep each on one line.
    return md_inline(one_line(text))


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    line = lambda row: "| " + " | ".join(_md_escape(c) for c in row) + " |"  # noqa: E731
    return [line(head), "|" + "|".join("---" for _ in head) + "|", *[line(r) for r in rows]]


def render_markdown(ev: Evaluation) -> str:
    """The same summary as Markdown, for pasting into a document."""
    rows = _rows(ev)
    out = [f"## {_md_escape(ev.title)}" if ev.title else "## Evaluation", "", f"**{_headline(ev)}**", ""]
    if ev.python:
        out += [f"Python requirement: {_md_escape(ev.python)} (the oldest Python the project must run on).", ""]
    out += [_md_escape(ev.verdict), ""]
    out += ["### Ranking", "", *_md_table(_HEAD["ranking"], rows["ranking"]), ""]
    out += ["### Points per criterion", "", *_md_table(_contrib_head(ev), rows["contrib"]), ""]
    out += [f"### Flip points (other weights fixed{_scale(ev)})", "",
            *_md_table(_HEAD["flips"], rows["flips"]), ""]
    if rows["robust"]:
        out += [f"### Robustness (share of {ev.samples:,} draws won)", "", *_md_table(_HEAD["robust"], rows["robust"]),
                ""]
    if rows["hinges"]:
        out += ["### Ratings the answer hinges on", "", *_md_table(_HEAD["hinges"], rows["hinges"]), ""]
    if ev.stakeholders:
        head, rows_, dhead, drows = _people_rows(ev)
        out += [f"### Stakeholders ({ev.aggregation} mean of normalised weights)", "", *_md_table(head, rows_), ""]
        out += ["### Weight shares by person", "", *_md_table(dhead, drows), "", _md_escape(_decisive(ev)) + ".", ""]
    out.append(f"_{ev.samples:,} weight samples, seed {ev.seed}, concentration {num(ev.concentration)}._")
    return "\n".join(out) + "\n"
