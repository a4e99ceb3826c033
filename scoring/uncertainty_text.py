"""The verdict's sentences about uncertainty (issue 15): robustness under both, what threatens it,
the rating the answer hinges on, and the pairwise judgments' consistency.

Like :mod:`scoring.verdict`, every sentence restates numbers held in the
:class:`~scoring.evaluation.Evaluation`; nothing is looked up elsewhere.
"""
from __future__ import annotations

from scoring.evaluation import Evaluation, RatingFlip

#: Same thresholds as the verdict's robustness wording (imported lazily there to avoid a cycle).
ROBUST, FAIRLY_ROBUST = 0.9, 0.7
#: A kind of uncertainty "threatens" the answer when the winner's share under it alone drops
#: at least this far below 100 % and further than under the other kind.
THREAT_GAP = 0.02


def _num(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _pct(p: float) -> str:
    """A share as people read it; never rounded to 100% or 0% when it is not exactly that."""
    if 0.999 < p < 1:
        return "over 99.9%"
    if 0 < p < 0.001:
        return "under 0.1%"
    return f"{p * 100:.0f}%" if 0.005 <= p <= 0.995 or p in (0.0, 1.0) else f"{p * 100:.1f}%"


def both_share(ev: Evaluation, option: str | None = None) -> float | None:
    """The share of draws (weights and ratings varied) that ``option`` (default: the winner) wins."""
    if ev.robustness is None:
        return None
    return ev.robustness.both.get(option or ev.winner or "", 0.0)


def robustness_word(p: float) -> str:
    if p >= ROBUST:
        return "robust"
    if p >= FAIRLY_ROBUST:
        return "fairly robust"
    return "fragile" if p >= 0.5 else "a toss-up"


def threat(ev: Evaluation) -> str | None:
    """Which uncertainty threatens the answer: "weights", "ratings", "both" or None (neither much)."""
    rb = ev.robustness
    if rb is None or ev.winner is None:
        return None
    lost_w = 1.0 - rb.weights.get(ev.winner, 0.0)
    lost_r = 1.0 - rb.ratings.get(ev.winner, 0.0)
    if max(lost_w, lost_r) < THREAT_GAP:
        return None
    if lost_w >= 2 * lost_r:
        return "weights"
    if lost_r >= 2 * lost_w:
        return "ratings"
    return "both"


def robustness_sentences(ev: Evaluation) -> list[str]:
    """The robustness under both uncertainties and which kind threatens the answer."""
    rb = ev.robustness
    p = both_share(ev) or 0.0
    names = ev.option_names
    wn = names.get(ev.winner or "", ev.winner or "")
    whose = "the group's" if ev.aggregation else "yours"
    ranged = (f" and the {rb.uncertain_cells} uncertain ratings within their ranges"  # type: ignore[union-attr]
              if rb.uncertain_cells else "")  # type: ignore[union-attr]
    head = f"With the weights varied around {whose}{ranged} ({rb.samples:,} draws), {wn} wins {_pct(p)} of them"  # type: ignore[union-attr]
    word = robustness_word(p)
    if word in ("fragile", "a toss-up"):
        rival, q = max(((o, s) for o, s in rb.both.items() if o != ev.winner),  # type: ignore[union-attr]
                       key=lambda kv: kv[1], default=(None, 0.0))
        if rival:
            head += f" ({names.get(rival, rival)} wins {_pct(q)})"
    out = [f"{head}: {word}."]
    if not rb.uncertain_cells:  # type: ignore[union-attr]
        out.append("Every rating it rests on is taken as exact (no ranges), so only the weights can move it.")
        return out
    kind = threat(ev)
    w_share, r_share = rb.weights.get(ev.winner or "", 0.0), rb.ratings.get(ev.winner or "", 0.0)  # type: ignore[union-attr]
    detail = f"(weights alone: {_pct(w_share)}; ratings alone: {_pct(r_share)})"
    if kind is None:
        out.append(f"Neither the weights nor the evidence threatens it much {detail}.")
    elif kind == "weights":
        out.append(f"What threatens it is how firmly the weights are held, not the evidence {detail}.")
    elif kind == "ratings":
        out.append(f"What threatens it is the evidence, not the weights {detail}.")
    else:
        out.append(f"Both the weights and the evidence threaten it {detail}.")
    return out


def hinge_sentence(ev: Evaluation, flip: RatingFlip | None = None) -> str:
    """The nearest rating flip in plain words, e.g. "If FastAPI's Performance rating were below 2.5
    instead of 3, Litestar would win: check that evidence first."."""
    if ev.winner is None or ev.robustness is None:
        return ""
    f = flip or (ev.rating_flips[0] if ev.rating_flips else None)
    if f is None:
        if ev.runner_up is None:
            return ""
        return "No single rating, moved anywhere on the 0-5 scale, changes the answer."
    names, crit = ev.option_names, ev.criterion_names
    side = "below" if f.flips_at < f.rating else "above"
    who = (f"{names.get(f.winner_then, f.winner_then)} would win" if f.winner_then
           else "the lead would end in a tie")
    inside = ""
    if f.within_range and f.range is not None:
        inside = f" (within the {_num(f.range[0])}-{_num(f.range[1])} its evidence allows)"
    return (f"If {names.get(f.option, f.option)}'s {crit.get(f.criterion, f.criterion)} rating were {side} "
            f"{_num(f.flips_at)} instead of {_num(f.rating)}{inside}, {who}: check that evidence first.")


def pairwise_sentence(ev: Evaluation) -> str:
    """How the weights came from pairwise judgments, and a warning when they are inconsistent."""
    pw = ev.pairwise
    if pw is None:
        return ""
    crit = ev.criterion_names
    text = (f"The weights come from your pairwise judgments of {len(pw.weights)} criteria "
            f"(consistency ratio {pw.consistency_ratio:.2f}")
    if pw.consistency_ratio <= 0.1:
        return text + ", within Saaty's 0.1)."
    text += ", above Saaty's 0.1: the judgments contradict each other"
    if pw.most_inconsistent:
        text += ", most among " + ", ".join(crit.get(c, c) for c in pw.most_inconsistent)
    text += ")."
    if pw.revision:
        a, b, now, new, cr = pw.revision
        text += (f" Revisit how {crit.get(a, a)} compares with {crit.get(b, b)}: {judgment(new)} instead of "
                 f"{judgment(now)} would bring the ratio to {cr:.2f}.")
    return text


def judgment(v: float) -> str:
    """A Saaty-scale value as people say it: 3, 1/3."""
    return _num(v) if v >= 1 else f"1/{round(1 / v)}"
