"""The tables behind the charts, built from one :class:`scoring.Evaluation`.

Kept apart from the Altair code so the numbers each chart shows can be tested
(and reused by the app's data tables) without parsing chart specs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection

import pandas as pd

if TYPE_CHECKING:  # imported for hints only: charts never need the engine at import time
    from criteria.models import Matrix
    from scoring import Evaluation

RECOMMENDED = "Recommended"
TIED = "Tied for first"
ELIGIBLE = "Eligible"
RULED_OUT = "Ruled out by a must-have"
#: Score points below which two contributions count as equal (far below the 0.1 shown).
GAP_EPSILON = 1e-6


def shown_options(ev: "Evaluation", top: int | None) -> list[str]:
    """Option ids in ranking order (eligible first, by score), cut to the best ``top``."""
    order = [r.option for r in ev.ranking]
    if top is None or top >= len(order):
        return order
    return order[: max(1, top)]


def status(ev: "Evaluation", option: str) -> str:
    r = ev.result(option)
    if not r.eligible:
        return RULED_OUT
    if option == ev.winner:
        return RECOMMENDED
    if option in ev.tie:
        return TIED
    return ELIGIBLE


def _failed_text(ev: "Evaluation", option: str) -> str:
    r = ev.result(option)
    return "; ".join(
        [f"{ev.criterion_names.get(f.criterion, f.criterion)} needs {f.required:g}, rated {f.rating:g}"
         for f in r.failed_must_haves]
        + ([r.python.reason.rstrip(".")] if r.python_failed else [])  # type: ignore[union-attr]
    )


def scores_frame(ev: "Evaluation", top: int | None = None) -> pd.DataFrame:
    """One row per shown option: score (0-100), status, rank, failed must-haves."""
    from scoring.verdict import one  # the verdict's rounding, so the label and the text agree

    rows = []
    for oid in shown_options(ev, top):
        r = ev.result(oid)
        rows.append({
            "option_id": oid,
            "option": ev.option_names.get(oid, oid),
            "score": round(r.score, 2),
            "rank": r.rank,
            "status": status(ev, oid),
            "failed": _failed_text(ev, oid) or "none",
            "label": one(r.score),
        })
    return pd.DataFrame(rows, columns=["option_id", "option", "score", "rank", "status", "failed", "label"])


def probability_frame(ev: "Evaluation", top: int | None = None) -> pd.DataFrame:
    """One row per eligible shown option: share of sampled weight vectors it wins."""
    rows = [
        {
            "option_id": oid,
            "option": ev.option_names.get(oid, oid),
            "probability": ev.win_probability[oid],
            "label": f"{100 * ev.win_probability[oid]:.0f}%",
            "status": status(ev, oid),
        }
        for oid in shown_options(ev, top)
        if oid in ev.win_probability
    ]
    frame = pd.DataFrame(rows, columns=["option_id", "option", "probability", "label", "status"])
    return frame.sort_values("probability", ascending=False, kind="stable").reset_index(drop=True)


def leader(ev: "Evaluation") -> str | None:
    """The option the answer is about: the winner, else the first of a tie, else None."""
    if ev.winner:
        return ev.winner
    return ev.tie[0] if ev.tie else None


def challenger(ev: "Evaluation") -> str | None:
    lead = leader(ev)
    if lead is None:
        return None
    if ev.tie:
        rest = [o for o in ev.tie if o != lead]
        return rest[0] if rest else None
    return ev.runner_up


def gap_frame(ev: "Evaluation", versus: str | None = None) -> pd.DataFrame:
    """Per weighted criterion: the leader's contribution minus ``versus``'s (default: the runner-up).

    Positive rows are where the leader gains points on the challenger, negative
    where it loses them; the rows sum to the score margin between the two.
    Criteria where both are rated alike (no gap) are left out.
    """
    lead = leader(ev)
    other = versus or challenger(ev)
    cols = ["criterion_id", "criterion", "gap", "side", "weight", "lead_rating", "other_rating",
            "lead_points", "other_points"]
    if lead is None or other is None:
        return pd.DataFrame(columns=cols)
    a, b = ev.result(lead), ev.result(other)
    rows = []
    for cid in ev.criteria:
        if ev.weights[cid] <= 0:
            continue  # weight 0: contributes nothing to anyone
        gap = a.contributions[cid] - b.contributions[cid]
        if abs(gap) < GAP_EPSILON:
            continue  # rated alike: neither gains there, and the row would only add clutter
        rows.append({
            "criterion_id": cid,
            "criterion": ev.criterion_names.get(cid, cid),
            "gap": round(gap, 3),
            "side": f"{ev.option_names[lead]} gains" if gap >= 0 else f"{ev.option_names[lead]} loses",
            "weight": ev.weights[cid],
            # rating = contribution * 5 * 100 / (100 * share): recovered from the evaluation itself
            "lead_rating": _rating(ev, lead, cid),
            "other_rating": _rating(ev, other, cid),
            "lead_points": round(a.contributions[cid], 2),
            "other_points": round(b.contributions[cid], 2),
        })
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def _rating(ev: "Evaluation", option: str, cid: str) -> float:
    """The rating behind a contribution: contribution = 100 * share * rating / 5."""
    share = ev.normalized_weights[cid]
    return round(ev.result(option).contributions[cid] * 5 / (100 * share), 2) if share > 0 else float("nan")


def contributions_frame(ev: "Evaluation", top: int | None = None) -> pd.DataFrame:
    """Long table: option x weighted criterion -> points of the score."""
    rows = []
    for oid in shown_options(ev, top):
        r = ev.result(oid)
        for cid in ev.criteria:
            if ev.weights[cid] <= 0:
                continue
            rows.append({
                "option_id": oid,
                "option": ev.option_names.get(oid, oid),
                "criterion_id": cid,
                "criterion": ev.criterion_names.get(cid, cid),
                "points": round(r.contributions[cid], 3),
                "weight": ev.weights[cid],
                "rating": _rating(ev, oid, cid),
                "score": round(r.score, 2),
            })
    return pd.DataFrame(rows, columns=["option_id", "option", "criterion_id", "criterion", "points",
                                       "weight", "rating", "score"])


def flips_frame(ev: "Evaluation") -> pd.DataFrame:
    """One row per criterion whose weight can change the winner, nearest first."""
    rows = []
    for f in ev.flip_points:
        if f.flip_weight is None:
            continue
        takers = (f.new_winner,) if f.new_winner else f.new_tie
        rows.append({
            "criterion_id": f.criterion,
            "criterion": ev.criterion_names.get(f.criterion, f.criterion),
            "current": f.current_weight,
            "flip": round(f.flip_weight, 2),
            "distance": round(abs(f.flip_weight - f.current_weight), 2),
            "direction": "raise to" if f.direction == "up" else "lower to",
            "new_winner": " and ".join(ev.option_names.get(o, o) for o in takers) or "a tie",
            "within_scale": bool(f.flip_weight <= f.scale_max),
            "shown_flip": min(f.flip_weight, f.scale_max),  # drawn at the scale's edge when beyond it
        })
    frame = pd.DataFrame(rows, columns=["criterion_id", "criterion", "current", "flip", "distance", "direction",
                                        "new_winner", "within_scale", "shown_flip"])
    return frame.sort_values("distance", kind="stable").reset_index(drop=True)


#: Appended to an unanchored criterion's name in the heat map (issue 19).
UNANCHORED_TAG = "(unanchored)"


def heatmap_frame(
    ev: "Evaluation", matrix: "Matrix", top: int | None = None, flagged: Collection[tuple[str, str]] = ()
) -> pd.DataFrame:
    """Long table: shown option x every criterion -> rating (0-5), with the criterion's weight.

    ``flagged`` holds (option, criterion) pairs whose rating needs re-checking
    (see :mod:`criteria.freshness`); their label gets a ``?``.
    """
    marked = set(flagged)
    # A criterion without anchors says so in its row label: its ratings mean only what the raters meant.
    unanchored = {c.id for c in matrix.criteria if not c.anchored}
    rows = []
    for oid in shown_options(ev, top):
        option = matrix.option(oid)
        for cid in ev.criteria:
            entry = option.ratings[cid]
            lo, hi = ev.ranges.get((oid, cid), (entry.rating, entry.rating))  # issue 15: rating ranges
            rows.append({
                "flagged": (oid, cid) in marked,
                "label": f"{entry.rating:g}" + ("?" if (oid, cid) in marked else ""),
                "range": f"{lo:g}-{hi:g}" if hi > lo else "",
                "option_id": oid,
                "option": option.name,
                "criterion_id": cid,
                "criterion": ev.criterion_names.get(cid, cid) + (f" {UNANCHORED_TAG}" if cid in unanchored else ""),
                "rating": entry.rating,
                "weight": ev.weights[cid],
                "rationale": entry.rationale,
            })
    return pd.DataFrame(rows, columns=["option_id", "option", "criterion_id", "criterion", "rating",
                                       "weight", "rationale", "flagged", "label", "range"])


# --------------------------------------------------------------------------- meeting mode (issue 7)

GROUP = "Group"


def people_frame(ev: "Evaluation", top: int | None = None) -> pd.DataFrame:
    """Long table: each weighing person (and the group) x shown option -> score, and whether it is their pick."""
    shown = shown_options(ev, top)
    rows = []
    for s in ev.stakeholders:
        if not s.scores:
            continue  # informed: no weights, no result
        picks = set(s.tie) if s.winner is None else {s.winner}
        for oid in shown:
            rows.append({"person": s.name, "role": s.role, "option_id": oid, "option": ev.option_names[oid],
                         "score": round(s.scores[oid], 2), "pick": oid in picks,
                         "label": f"{s.scores[oid]:.0f}" + (" ★" if oid in picks else "")})
    group_picks = {ev.winner} if ev.winner else set(ev.tie)
    for oid in shown:
        score = ev.result(oid).score
        rows.append({"person": GROUP, "role": "group", "option_id": oid, "option": ev.option_names[oid],
                     "score": round(score, 2), "pick": oid in group_picks,
                     "label": f"{score:.0f}" + (" ★" if oid in group_picks else "")})
    return pd.DataFrame(rows, columns=["person", "role", "option_id", "option", "score", "pick", "label"])


def disagreement_frame(ev: "Evaluation") -> pd.DataFrame:
    """Long table: criterion x weighing person -> share of that person's weight; widest spread first.

    Criteria nobody weighs are left out.
    """
    rows = []
    for cid, spread in ev.disagreement.items():
        if spread.max <= 0:
            continue  # nobody weighs it: nothing to disagree about
        for person, share in spread.by_person.items():
            rows.append({"criterion_id": cid, "criterion": ev.criterion_names.get(cid, cid), "person": person,
                         "share": share, "spread": spread.max - spread.min,
                         "group_share": ev.normalized_weights.get(cid, 0.0)})
    frame = pd.DataFrame(rows, columns=["criterion_id", "criterion", "person", "share", "spread", "group_share"])
    return frame.sort_values(["spread", "criterion_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
