"""The MADR 4.0 record as blocks, built from an evaluation (its ``to_dict()``), the requirements and the matrix.

Section order (MADR 4.0 template, adr/madr ``template/adr-template.md``):
front matter (status, date, decision-makers, consulted, informed);
``# title``; Context and Problem Statement; Decision Drivers; Considered
Options; Decision Outcome (Consequences, Confirmation); Pros and Cons of the
Options; More Information.

Every sentence is generated from numbers in the evaluation or from the
matrix's ratings, rationales and evidence; nothing is invented. Text that
came from a person or a file enters as plain ``str`` spans, which the
renderers escape.

Thresholds used for the Good / Neutral / Bad lines (on the 0-5 scale of the
catalog): a rating of 4 or more is *Good*, 2 or less is *Bad*, anything
between is *Neutral*.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from criteria.freshness import DEFAULT_MAX_AGE_MONTHS, flagged, freshness_flags, parse_date_text
from criteria.models import Matrix, RatingEntry, Requirements
from records.blocks import Code, CodeBlock, Document, Image, Inline, Link, Para
from criteria.escape import one_line, paragraphs

GOOD_AT = 4.0
BAD_AT = 2.0
#: Most Good/Bad consequence lines listed for the chosen option.
MAX_CONSEQUENCES = 5
DEFAULT_TITLE = "Choose a Python web framework"


@dataclass(frozen=True)
class RecordMeta:
    """What identifies one record: number, title, status, date and its companion files."""

    number: int
    title: str
    status: str = "proposed"
    date: _dt.date = field(default_factory=_dt.date.today)
    bundle_file: str = ""
    #: chart key -> SVG file name beside the record (only charts that were drawn)
    charts: dict[str, str] = field(default_factory=dict)
    matrix_sha256: str = ""
    inputs_sha256: str = ""


#: The options of the shipped matrix: a record about them (or some of them) is a framework choice.
FRAMEWORK_IDS = frozenset({"flask", "fastapi", "django", "litestar", "starlette", "quart", "sanic", "falcon"})


def effective_title(req: Requirements, matrix: Matrix | None = None) -> str:
    """The record's title: the one typed, else a default that names what is being chosen.

    A team's own matrix (a database, a queue) must not get a record titled after web frameworks:
    its default names its options ("Choose between PostgreSQL, SQLite and DuckDB").
    """
    if req.title and one_line(req.title):
        return one_line(req.title)
    if matrix is None or {o.id for o in matrix.options} <= FRAMEWORK_IDS:
        return DEFAULT_TITLE
    names = [one_line(o.name) for o in matrix.options if not req.options or o.id in req.options]
    if len(names) > 4:
        return f"Choose one of {len(names)} options: {', '.join(names[:3])} and {len(names) - 3} more"
    return "Choose between " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])


# --------------------------------------------------------------------------- small formatters

def _num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "n/a"
    return f"{x:.{digits}f}"


def _w(x: float) -> str:
    """A weight as people typed it: 8, 7.5, 0.25 (no trailing zeros)."""
    return f"{x:.4g}"


def _pct(x: float) -> str:
    """A share as a percentage with one decimal, so 0.999 reads 99.9% and never rounds up to 100%."""
    return "0%" if x == 0 else "100%" if x == 1 else f"{100 * x:.1f}%"


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1] if items else ""


def _reason(text: str) -> str:
    """A rationale after 'because': first letter lowercased unless the word is an acronym or a name-like token."""
    text = one_line(text)
    first = text.split(" ", 1)[0]
    if first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower() and first.isalpha()):
        return text[0].lower() + text[1:]
    return text


def _rating(x: float) -> str:
    return f"{x:g}/5"


class _Names:
    """Option and criterion display names from the matrix (ids as fallback)."""

    def __init__(self, matrix: Matrix) -> None:
        self.opt = {o.id: o.name for o in matrix.options}
        self.crit = {c.id: c.name for c in matrix.criteria}
        #: Criteria without scale anchors (issue 19): the record says so where they are weighed.
        self.unanchored = {c.id for c in matrix.criteria if not c.anchored}

    def o(self, oid: str | None) -> str:
        return self.opt.get(oid or "", oid or "none")

    def c(self, cid: str) -> str:
        return self.crit.get(cid, cid)


class _Citations:
    """Numbers sources in order of first citation: ``[1]``, ``[2]``...

    A claim whose verdict is ``current`` cites its own source; a claim found
    ``wrong`` or ``outdated`` cites the primary sources it was checked against
    instead (the record should rest on what holds, not on the claim that did
    not). Unverified claims cite their source and say so.
    """

    def __init__(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.order: list[str] = []
        self.known = {s.id for s in matrix.sources}

    def ref(self, sid: str) -> str:
        if sid not in self.order:
            self.order.append(sid)
        return f"[{self.order.index(sid) + 1}]"

    def cite(self, entry: RatingEntry) -> str:
        refs: list[str] = []
        unverified = False
        for ev in entry.evidence:
            verdict = ev.verdict.value
            ids = [ev.source] if verdict == "current" else list(ev.checked_against)
            if verdict == "unverified" and not ids:
                ids, unverified = [ev.source], True
            for sid in ids:
                if sid in self.known:
                    r = self.ref(sid)
                    if r not in refs:
                        refs.append(r)
        if not refs:
            return ""
        return " " + "".join(refs) + (" (unverified)" if unverified and len(refs) == 1 else "")


# --------------------------------------------------------------------------- the sections

def _people(req: Requirements, role: str) -> list[str]:
    return [one_line(s.name) for s in (req.stakeholders or []) if s.role == role]


def front_matter(meta: RecordMeta, req: Requirements) -> dict[str, Any]:
    """MADR 4.0 front matter keys, in the template's order."""
    return {
        "status": meta.status,
        "date": meta.date,
        "decision-makers": _people(req, "decision-maker"),
        "consulted": _people(req, "consulted"),
        "informed": _people(req, "informed"),
    }


def _weights(ev: dict) -> tuple[dict[str, float], dict[str, float]]:
    weights = {c: float(w) for c, w in (ev.get("weights") or {}).items()}
    shares = {c: float(w) for c, w in (ev.get("normalized_weights") or {}).items()}
    return weights, shares


def _weight_label(ev: dict, c: str) -> str:
    """``weight 8`` for one person's weights; the share of the weight in meeting mode (group weights are rescaled)."""
    weights, shares = _weights(ev)
    if ev.get("stakeholders"):
        return f"{_pct(shares.get(c, 0.0))} of the group's weight"
    return f"weight {_w(weights.get(c, 0.0))}"


def _drivers(doc: Document, ev: dict, names: _Names, group: bool) -> None:
    weights, shares = _weights(ev)
    must = {c: float(v) for c, v in (ev.get("must_have") or {}).items()}
    order = sorted((c for c in weights if weights[c] > 0 or c in must), key=lambda c: (-weights.get(c, 0.0), c))
    items: list[Inline] = []
    for c in order:
        w = weights.get(c, 0.0)
        if group:
            text = f"{names.c(c)}: {_pct(shares.get(c, 0.0))} of the group's weight"
        else:
            text = f"{names.c(c)}: weight {_w(w)} ({_pct(shares.get(c, 0.0))} of the total)"
        if c in must:
            text += f"; must have at least {_rating(must[c])}"
        if c in names.unanchored:
            text += "; unanchored: the matrix states no meaning for its 0-5 ratings"
        items.append((text,))
    doc.h(2, "Decision Drivers")
    if group:
        doc.p(f"Weights are the {ev.get('aggregation') or 'arithmetic'} mean of each weighing stakeholder's "
              "normalised weights (everyone counts equally), heaviest first.")
    else:
        doc.p("The criteria as weighed, heaviest first (weights are relative; unlisted criteria weigh 0).")
    doc.bullets(items)
    rest = [names.c(c) for c in ev.get("criteria", []) if weights.get(c, 0.0) <= 0 and c not in must]
    if rest:
        doc.p("Not weighed: " + ", ".join(rest) + ".")
    if ev.get("python"):
        doc.p(f"Python requirement: the project must run on Python {ev['python']} or newer; an option whose rated "
              "release does not install on it (its Requires-Python on PyPI) is ruled out.")


def _considered(doc: Document, ev: dict, matrix: Matrix) -> None:
    doc.h(2, "Considered Options")
    items: list[Inline] = []
    for oid in ev.get("options") or [r["option"] for r in ev["ranking"]]:
        opt = matrix.option(oid)
        label = opt.name + (f" {opt.version}" if opt.version else "")
        items.append((label,))
    doc.bullets(items)


def _edge(ev: dict, winner: str, other: str) -> list[tuple[str, float]]:
    """Criteria where ``winner`` gains most score over ``other``: (criterion, points), largest first."""
    rows = {r["option"]: r for r in ev["ranking"]}
    a, b = rows[winner]["contributions"], rows[other]["contributions"]
    diffs = [(c, float(a[c]) - float(b.get(c, 0.0))) for c in a]
    return sorted((d for d in diffs if d[1] > 0), key=lambda d: (-d[1], d[0]))


def _chosen_sentence(ev: dict, names: _Names) -> Inline:
    rows = {r["option"]: r for r in ev["ranking"]}
    winner = ev.get("winner")
    tie = ev.get("tie") or []
    samples = int((ev.get("inputs") or {}).get("samples", 0))
    if winner is None and tie:
        tied = " and ".join(f'"{names.o(o)}"' for o in tie)
        score = _num(rows[tie[0]]["score"])
        return ("Chosen option: none yet, because ", tied, f" tie at {score} of 100 points; the decision-makers "
                "break the tie (the verdict under More Information says which criteria separate them).")
    if winner is None:
        reason = ev.get("no_eligible_reason") or "No option meets every must-have."
        return ("Chosen option: none, because ", _reason(reason))
    w = rows[winner]
    runner = ev.get("runner_up")
    prob = (ev.get("win_probability") or {}).get(winner)
    if runner is None:
        return (f"Chosen option: \"{names.o(winner)}\", because it is the only option that meets every "
                f"must-have (score {_num(w['score'])} of 100).")
    edge = _edge(ev, winner, runner)[:3]
    carried = ", ".join(f"{names.c(c)} (+{_num(p)})" for c, p in edge)
    text = (f" because it scores {_num(w['score'])} of 100 against {_num(rows[runner]['score'])} for "
            f"{names.o(runner)}, a margin of {_num(ev.get('margin'))} points")
    if carried:
        text += f", carried by {carried}"
    if prob is not None and samples:
        text += f"; it wins {_pct(float(prob))} of {samples:,} weightings sampled around yours"
    return (f"Chosen option: \"{names.o(winner)}\",", text + ".")


def _consequences(doc: Document, ev: dict, matrix: Matrix, names: _Names, cites: _Citations) -> None:
    doc.h(3, "Consequences")
    winner = ev.get("winner")
    weights, _ = _weights(ev)
    if winner is None and ev.get("tie"):
        doc.bullets([("Bad, because no option is chosen yet: the decision-makers have to break the tie before "
                      "anyone builds on this decision.",)])
        return
    if winner is None:
        doc.bullets([("Bad, because no option is chosen yet: the team has to relax a must-have or add an option "
                      "before anyone builds on this decision.",)])
        return
    opt = matrix.option(winner)
    others = [r["option"] for r in ev["ranking"] if r["option"] != winner]
    weighed = sorted((c for c, w in weights.items() if w > 0), key=lambda c: (-weights[c], c))
    good: list[Inline] = []
    bad: list[Inline] = []
    for c in weighed:
        entry = opt.ratings[c]
        best_other = max(others, key=lambda o: (matrix.option(o).ratings[c].rating, o), default=None)
        other_r = matrix.option(best_other).ratings[c].rating if best_other else None
        if entry.rating >= GOOD_AT and len(good) < MAX_CONSEQUENCES:
            good.append((f"Good, because {names.c(c)} is rated {_rating(entry.rating)} ({_weight_label(ev, c)}): "
                         f"{_reason(entry.rationale)}{cites.cite(entry)}",))
        elif (entry.rating <= BAD_AT or (other_r is not None and other_r - entry.rating >= 1)) \
                and len(bad) < MAX_CONSEQUENCES:
            vs = (f", where {names.o(best_other)} has {_rating(other_r)}"
                  if other_r is not None and other_r > entry.rating else "")
            bad.append((f"Bad, because {names.c(c)} is rated only {_rating(entry.rating)}{vs} "
                        f"({_weight_label(ev, c)}): {one_line(entry.rationale)}{cites.cite(entry)}",))
    low_unweighted = [c for c in ev.get("criteria", []) if weights.get(c, 0.0) <= 0
                      and opt.ratings[c].rating <= BAD_AT]
    if low_unweighted:
        listed = ", ".join(f"{names.c(c)} ({_rating(opt.ratings[c].rating)})" for c in low_unweighted)
        bad.append((f"Bad, because on criteria nobody weighed it rates low: {listed}; if one of them starts to "
                    "matter, re-evaluate.",))
    if not good:
        good.append((f"Good, because it has the best weighted score, though no weighted criterion rates it "
                     f"{_rating(GOOD_AT)} or higher.",))
    if not bad:
        bad.append(("Bad, because no weighted or unweighted criterion rates it low, so the risk lies in the "
                    "ratings themselves: re-check them when the matrix changes.",))
    doc.bullets(good + bad)


def _confirmation(doc: Document, meta: RecordMeta) -> None:
    doc.h(3, "Confirmation")
    doc.p("The decision holds while the chosen option still wins when its inputs are re-evaluated against the "
          "current feature matrix. The bundle ", Code(meta.bundle_file), " beside this record holds those inputs. "
          "Run ", Code("stackwise check"), " on the folder of this record (for example ",
          Code("stackwise check docs/decisions"), ") in CI: exit code 0 means every decision still holds, "
          "1 names each one that no longer does and what changed (ratings, winner, margin). Review this "
          "record when it fails or when the matrix version changes.")


def _pros_cons(doc: Document, ev: dict, matrix: Matrix, names: _Names, cites: _Citations) -> None:
    doc.h(2, "Pros and Cons of the Options")
    weights, _ = _weights(ev)
    weighed = sorted((c for c, w in weights.items() if w > 0), key=lambda c: (-weights[c], c))
    doc.p("Per option, the weighted criteria, heaviest first: a rating of "
          f"{_rating(GOOD_AT)} or more is Good, {_rating(BAD_AT)} or less is Bad, anything between is Neutral. "
          "Numbers in brackets cite the sources listed under More Information.")
    for row in ev["ranking"]:
        oid = row["option"]
        opt = matrix.option(oid)
        doc.h(3, opt.name)
        desc = f"Score {_num(row['score'])} of 100, rank {row['rank']}"
        if opt.version:
            desc += f"; ratings hold for version {opt.version}"
        python = row.get("python") or {}
        if row["eligible"]:
            desc += "."
        elif python.get("status") == "unsupported" and not row.get("failed_must_haves"):
            desc += f"; not eligible (does not install on Python {python.get('required')})."
        else:
            desc += "; not eligible (misses a must-have)."
        if opt.url:
            doc.p(desc + " ", Link("Project page", opt.url))
        else:
            doc.p(desc)
        items: list[Inline] = []
        for f in row.get("failed_must_haves") or []:
            items.append((f"Bad, because it misses the must-have {names.c(f['criterion'])} of at least "
                          f"{_rating(float(f['required']))} (rated {_rating(float(f['rating']))}).",))
        if python.get("status") in ("unsupported", "unknown"):
            # The reason names the newest release for the required Python (or says it cannot be checked).
            kind = "Bad" if python["status"] == "unsupported" else "Neutral"
            items.append((f"{kind}, because {one_line(python.get('reason') or '')}",))
        for c in weighed:
            entry = opt.ratings[c]
            kind = "Good" if entry.rating >= GOOD_AT else "Bad" if entry.rating <= BAD_AT else "Neutral"
            text = f"{kind}, because {_reason(entry.rationale)} ({names.c(c)}: {_rating(entry.rating)}){cites.cite(entry)}"
            if entry.conflict:
                # Where sources contradict each other, the record says so instead of hiding it in the rating.
                text += f"; sources disagree: {one_line(entry.conflict)}"
            items.append((text,))
        doc.bullets(items)


def _more_information(doc: Document, ev: dict, req: Requirements, matrix: Matrix, meta: RecordMeta,
                      names: _Names, cites: _Citations) -> None:
    doc.h(2, "More Information")
    inputs = ev.get("inputs") or {}
    samples = int(inputs.get("samples", 0))

    doc.h(3, "Win probability")
    probs = ev.get("win_probability") or {}
    if probs:
        doc.p(f"Share of {samples:,} weightings, drawn from a Dirichlet distribution centred on the weights above "
              f"(concentration {inputs.get('concentration', 'n/a'):g}, seed {inputs.get('seed', 0)}), "
              "that each eligible option wins:" if isinstance(inputs.get("concentration"), (int, float))
              else f"Share of {samples:,} sampled weightings each eligible option wins:")
        doc.bullets([(f"{names.o(o)}: {_pct(float(p))}",)
                     for o, p in sorted(probs.items(), key=lambda kv: (-float(kv[1]), kv[0]))])
    else:
        doc.p("No option is eligible, so no win probability was computed.")
    if "win_probability" in meta.charts:
        doc.blocks.append(Image("Win probability by option", meta.charts["win_probability"]))

    doc.h(3, "Flip points")
    weights, _ = _weights(ev)
    flips = [f for f in ev.get("flip_points", []) if f.get("flip_weight") is not None]
    steady = [f["criterion"] for f in ev.get("flip_points", []) if f.get("flip_weight") is None]
    if flips:
        doc.p("For each criterion, the weight (other weights unchanged, in the units above) at which another "
              "option would win, nearest first. The weight scale runs 0-10."
              + (" In meeting mode the group's weights are rescaled so the heaviest criterion weighs 10."
                 if ev.get("stakeholders") else ""))
        flips.sort(key=lambda f: (abs(float(f["flip_weight"]) - float(f["current_weight"])), f["criterion"]))
        items: list[Inline] = []
        for f in flips:
            who = (names.o(f["new_winner"]) if f.get("new_winner")
                   else " and ".join(names.o(o) for o in f.get("new_tie") or []) + " (tied)")
            text = (f"{names.c(f['criterion'])}: at weight {_w(float(f['flip_weight']))} "
                    f"(now {_w(float(f['current_weight']))}) {who} would win")
            if f.get("within_scale") is False:
                text += "; no weight within the 0-10 scale changes the answer through this criterion"
            items.append((text + ".",))
        doc.bullets(items)
    if ev.get("winner") is None:
        doc.p("With no single winner there are no flip points.")
    elif steady:
        doc.p("No weight changes the winner through: " + ", ".join(names.c(c) for c in steady) + ".")
    if "flip_points" in meta.charts:
        doc.blocks.append(Image("Flip points by criterion", meta.charts["flip_points"]))

    if ev.get("stakeholders"):
        _stakeholders(doc, ev, names)

    if ev.get("verdict"):
        doc.h(3, "Verdict")
        doc.p(one_line(str(ev["verdict"])))

    _recheck(doc, ev, matrix, meta, names)

    doc.h(3, "Sources")
    if cites.order:
        items = []
        for i, sid in enumerate(cites.order, 1):
            s = matrix.source(sid)
            text = f"[{i}] {s.title}. {s.publisher}"
            if s.author:
                text += f" ({s.author})"
            text += f", published {s.published}"
            if s.accessed:
                text += f", accessed {s.accessed}"
            text += f". Kind: {s.kind.value}."
            url = s.url
            items.append((text, " ", Link(url, url)) if url else (text,))
        doc.bullets(items)
    else:
        doc.p("No sources were cited for the weighted criteria.")

    doc.h(3, "Reproduce")
    m = matrix.meta
    mv = f"matrix version {m.version}, ratings checked {m.checked}" if m else "an unversioned matrix"
    doc.p(f"Evaluated against {mv}. SHA-256 of the canonical matrix export: ", Code(meta.matrix_sha256),
          ". SHA-256 of the inputs (requirements, matrix hash, samples, seed): ", Code(meta.inputs_sha256), ".")
    doc.p("From the folder holding this record, this command re-runs the evaluation (add ", Code("--matrix PATH"),
          " if the matrix was not the one shipped with stackwise):")
    doc.blocks.append(CodeBlock(reproduce_command(meta.bundle_file, samples, int(inputs.get("seed", 0)))))


def _recheck(doc: Document, ev: dict, matrix: Matrix, meta: RecordMeta, names: _Names) -> None:
    """Ratings this decision leans on whose evidence is old or unverified.

    Age is measured from the date the matrix was checked (the record's date when the
    matrix carries none), so re-exporting a bundle later gives the same record; how a
    decision ages afterwards is what ``stackwise check`` is for.
    """
    options = {r["option"] for r in ev.get("ranking", [])}
    weights, _ = _weights(ev)
    weighed = {c for c, w in weights.items() if w > 0}
    reference = parse_date_text(matrix.meta.checked) if matrix.meta else meta.date
    flags = [f for f in flagged(freshness_flags(matrix, reference, DEFAULT_MAX_AGE_MONTHS))
             if f.option in options and f.criterion in weighed]
    doc.h(3, "Ratings to re-check")
    if not flags:
        doc.p("None: every weighted rating of the considered options has evidence from within "
              f"{DEFAULT_MAX_AGE_MONTHS} months of the matrix check ({reference.isoformat()}) and at least "
              "one claim checked against a primary source.")
        return
    doc.p(f"These weighted ratings rest only on evidence more than {DEFAULT_MAX_AGE_MONTHS} months older than "
          f"the matrix check ({reference.isoformat()}), or only on unverified claims; confirm them before "
          "relying on this decision:")
    doc.bullets([(f"{names.o(f.option)}, {names.c(f.criterion)}: {'; '.join(f.reasons())}.",) for f in flags])


#: Most rating flips listed in the record (nearest first; the bundle's evaluation has them all).
MAX_HINGES = 5


def _hinges(doc: Document, ev: dict, matrix: Matrix, names: _Names) -> None:
    """Issue 15, under Confirmation: the ratings the decision hinges on, nearest first, and how robust it is."""
    from criteria.ranges import matrix_ranges

    flips = ev.get("rating_flips") or []
    rb = ev.get("robustness")
    if not ev.get("winner") or rb is None:
        return
    def _share(x: float) -> str:  # 0.9999 must not read as 100 %
        return f"{100 * x:.2f}%" if 0.999 < x < 1 else _pct(x)

    both = rb["both"].get(ev["winner"], 0.0)
    doc.p(f"Checked against both kinds of uncertainty ({rb['samples']:,} draws, seed {rb['seed']}): "
          f"{names.o(ev['winner'])} wins {_share(both)} of the draws when the weights and the uncertain ratings "
          f"vary together ({_share(rb['weights'].get(ev['winner'], 0.0))} with the weights alone, "
          f"{_share(rb['ratings'].get(ev['winner'], 0.0))} with the ratings alone).")
    if not flips:
        doc.p("No single rating, moved anywhere on the 0-5 scale, changes the answer.")
        return
    ranges = matrix_ranges(matrix)
    doc.p("The ratings this decision hinges on (a change to one of them alone changes the answer); "
          "confirm these first when the evidence moves:")
    items = []
    for f in flips[:MAX_HINGES]:
        rr = ranges.get((f["option"], f["criterion"]))
        span = f" (plausible {rr.lo:g}-{rr.hi:g})" if rr is not None and rr.width > 0 else ""
        side = "below" if f["flips_at"] < f["rating"] else "above"
        then = names.o(f["winner_then"]) + " would win" if f["winner_then"] else "the lead would end in a tie"
        items.append((f"{names.o(f['option'])}, {names.c(f['criterion'])}: rated {f['rating']:g}{span}; "
                      f"{side} {f['flips_at']:.2f}".rstrip("0").rstrip(".") + f", {then}.",))
    doc.bullets(items)
    if len(flips) > MAX_HINGES:
        doc.p(f"... and {len(flips) - MAX_HINGES} more further away (all in the bundle's evaluation).")


def reproduce_command(bundle_file: str, samples: int, seed: int) -> str:
    return f"stackwise evaluate {bundle_file} --samples {samples} --seed {seed}"


def _stakeholders(doc: Document, ev: dict, names: _Names) -> None:
    doc.h(3, "Stakeholders")
    doc.p("Each person's view, as if they had decided alone:")
    items: list[Inline] = []
    for s in ev["stakeholders"]:
        scores = s.get("scores") or {}
        weights = s.get("weights") or {}
        total = sum(float(w) for w in weights.values())
        if s.get("winner"):
            choice = f"would choose {names.o(s['winner'])}"
        elif s.get("tie"):
            choice = "sees a tie between " + " and ".join(names.o(o) for o in s["tie"])
        elif total <= 0:
            choice = "gives no weights (kept informed)"
        else:
            choice = "finds no eligible option"
        text = f"{one_line(s['name'])}, {s.get('role', 'decision-maker')}: {choice}"
        if scores and total > 0:
            text += "; scores " + ", ".join(
                f"{names.o(o)} {_num(float(v))}" for o, v in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
            top = sorted(((c, float(w)) for c, w in weights.items() if float(w) > 0), key=lambda kv: (-kv[1], kv[0]))
            text += "; weighs most " + ", ".join(f"{names.c(c)} ({_pct(w / total)})" for c, w in top[:3])
        items.append((text + ".",))
    doc.bullets(items)
    spread = ev.get("disagreement") or {}
    if spread:
        ranked = sorted(spread.items(), key=lambda kv: (-float(kv[1].get("std", 0.0)), kv[0]))[:3]
        lines: list[Inline] = []
        for c, sp in ranked:
            by = sp.get("by_person") or {}
            if not by:
                continue
            lo = min(by.items(), key=lambda kv: (kv[1], kv[0]))
            hi = max(by.items(), key=lambda kv: (kv[1], kv[0]))
            lines.append((f"{names.c(c)}: from {_pct(float(lo[1]))} ({one_line(lo[0])}) to "
                          f"{_pct(float(hi[1]))} ({one_line(hi[0])}) of a person's weight",))
        if lines:
            doc.p("Where they disagree most (spread of normalised weights):")
            doc.bullets(lines)
    decisive = ev.get("decisive") or []
    if decisive:
        doc.p("Decisive: without " + ", ".join(one_line(n) for n in decisive)
              + ", the group's winner would change.")
    else:
        doc.p("No single stakeholder is decisive: removing any one person leaves the group's winner unchanged.")


def build(ev: dict, req: Requirements, matrix: Matrix, meta: RecordMeta) -> Document:
    """The whole record as a :class:`Document` (pure: no I/O, no clock; the date is in ``meta``)."""
    names = _Names(matrix)
    cites = _Citations(matrix)
    group = bool(ev.get("stakeholders"))
    doc = Document(front=front_matter(meta, req))
    doc.h(1, meta.title)

    doc.h(2, "Context and Problem Statement")
    if req.context and req.context.strip():
        for para in paragraphs(req.context):
            doc.blocks.append(Para((para,), multiline=True))
    opts = _or([names.o(o) for o in ev.get("options") or []])
    doc.p(f"Which of {opts} should we build on? The options were compared on the stakeholders' weighted "
          "criteria using the cited stackwise feature matrix." if group else
          f"Which of {opts} should we build on? The options were compared on weighted criteria using the "
          "cited stackwise feature matrix.")

    _drivers(doc, ev, names, group)
    _considered(doc, ev, matrix)

    doc.h(2, "Decision Outcome")
    doc.p(*_chosen_sentence(ev, names))
    if "scores" in meta.charts:
        doc.blocks.append(Image("Scores by option, split into criterion contributions", meta.charts["scores"]))
    _consequences(doc, ev, matrix, names, cites)
    _confirmation(doc, meta)
    _hinges(doc, ev, matrix, names)
    _pros_cons(doc, ev, matrix, names, cites)
    _more_information(doc, ev, req, matrix, meta, names, cites)
    return doc
