"""Stress-testing one evaluation (issue 15): rating ranges, robustness, rating flips, stability, two-way grid.

The bookkeeping around :mod:`scoring.uncertainty` and :mod:`scoring.hinges`: ids to
arrays and back. Called by :func:`scoring.engine.evaluate_weights` for every
evaluation, the meeting mode's included (there the weights varied are the
group's weights: the Dirichlet is centred on the pooled shares, as for the win
probability).

Eligibility is judged on the recorded ratings, as everywhere else: an option a
must-have rules out never wins a draw, and a draw's ratings move scores, not
eligibility (the ranges say how sure the evidence is of a score; a must-have is
the team's hard line, checked against the rating the evidence supports).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from criteria.models import Matrix
from criteria.ranges import matrix_ranges
from scoring import ahp, hinges, uncertainty
from scoring.evaluation import Evaluation, PairwiseResult, RatingFlip, Robustness, TwoWay

if TYPE_CHECKING:
    from scoring.engine import DecisionProblem, Standing

#: Steps of the two-way grid per axis (0 to the top of the weight scale).
GRID_STEPS = 41


def range_arrays(matrix: Matrix, problem: "DecisionProblem") -> tuple[np.ndarray, np.ndarray, dict]:
    """``(lo, hi)`` arrays shaped like ``problem.ratings`` and the ranges by (option, criterion)."""
    ranges = matrix_ranges(matrix)
    lo = problem.ratings.copy()
    hi = problem.ratings.copy()
    by_key: dict[tuple[str, str], tuple[float, float]] = {}
    for i, o in enumerate(problem.options):
        for k, c in enumerate(problem.criteria):
            rr = ranges.get((o, c))
            if rr is not None:
                lo[i, k], hi[i, k] = rr.lo, rr.hi
                by_key[(o, c)] = (rr.lo, rr.hi)
    return lo, hi, by_key


def stress(
    ev: Evaluation,
    matrix: Matrix,
    problem: "DecisionProblem",
    weights: np.ndarray,
    st: "Standing",
    *,
    samples: int,
    seed: int,
    concentration: float,
) -> Evaluation:
    """``ev`` with ``robustness``, ``rating_flips``, ``stability``, ``two_way`` and ``ranges`` filled in."""
    opts, crit, R = problem.options, problem.criteria, problem.ratings
    lo, hi, by_key = range_arrays(matrix, problem)
    eligible = np.flatnonzero(st.eligible)
    if not len(eligible):
        return replace(ev, ranges=by_key)
    ws = [w for w in weights if w > 0]
    shares = uncertainty.robustness_shares(R[eligible], lo[eligible], hi[eligible], weights, samples,
                                           concentration, seed)
    active = weights > 0
    cells = int(np.count_nonzero((hi[eligible][:, active] - lo[eligible][:, active]) > 0)) if ws else 0
    # Keyed in ranking order (eligible first, by score), as the win probability always was.
    pos = {int(i): k for k, i in enumerate(eligible)}
    ranked = [int(i) for i in st.order if st.eligible[i]]

    def keyed(a: np.ndarray) -> dict[str, float]:
        return {opts[i]: float(a[pos[i]]) for i in ranked}

    robust = Robustness(
        weights=keyed(shares.weights), ratings=keyed(shares.ratings), both=keyed(shares.both),
        samples=int(samples), seed=int(seed), uncertain_cells=cells,
    )
    flips: tuple[RatingFlip, ...] = ()
    stability: dict[str, tuple[float | None, float | None]] = {}
    two_way = None
    if st.winner is not None:
        floor = np.zeros(len(crit))
        floor[problem.must_idx] = problem.must_req
        win = int(np.flatnonzero(eligible == st.winner)[0])
        found = hinges.rating_flips(R[eligible], weights, win, floor)
        flips = tuple(RatingFlip(
            option=opts[eligible[f.option]], criterion=crit[f.criterion], rating=f.rating, flips_at=f.flips_at,
            winner_then=opts[eligible[f.winner_then]] if f.winner_then is not None else None,
            range=by_key.get((opts[eligible[f.option]], crit[f.criterion])),
        ) for f in found)
        for fp in ev.flip_points:
            # The flip points bound the winner's interval: below the down flip and above the up
            # flip another option wins (scoring.kernels.flip_weights); none below = it holds to 0.
            stability[fp.criterion] = (fp.down_weight if fp.down_weight is not None else 0.0, fp.up_weight)
        two_way = _two_way(ev, problem, weights, eligible)
    # The win probability is the weights-only share: the very same draws (scoring.uncertainty).
    return replace(ev, robustness=robust, win_probability=dict(robust.weights), rating_flips=flips,
                   stability=stability, two_way=two_way, ranges=by_key)


def two_way_criteria(ev: Evaluation) -> tuple[str, str] | None:
    """The two criteria whose weights are nearest to flipping the answer (then the heaviest others)."""
    near = sorted((f for f in ev.flip_points if f.flip_weight is not None),
                  key=lambda f: abs(f.flip_weight - f.current_weight))  # type: ignore[operator]
    chosen = [f.criterion for f in near[:2]]
    for c in sorted(ev.criteria, key=lambda c: -ev.weights[c]):
        if len(chosen) >= 2:
            break
        if c not in chosen:
            chosen.append(c)
    return (chosen[0], chosen[1]) if len(chosen) == 2 else None


def _two_way(ev: Evaluation, problem: "DecisionProblem", weights: np.ndarray, eligible: np.ndarray) -> TwoWay | None:
    pair = two_way_criteria(ev)
    if pair is None:
        return None
    a, b = (problem.criteria.index(c) for c in pair)
    grid = np.linspace(0.0, ev.scale_max, GRID_STEPS)
    idx = hinges.grid_winners(problem.ratings[eligible], weights, a, b, grid)
    names = [problem.options[i] for i in eligible]
    winners = tuple(tuple(names[k] if k >= 0 else None for k in row) for row in idx.tolist())
    return TwoWay(pair, tuple(float(g) for g in grid), winners, (float(weights[a]), float(weights[b])))


def pairwise_weights(entries: list, criteria: tuple[str, ...], scale_max: float) -> tuple[dict[str, float], PairwiseResult]:
    """Weights from checked pairwise judgments (see :mod:`criteria.pairwise`), scaled so the heaviest is
    ``scale_max`` (the sliders' top), and the AHP summary. Criteria not compared get weight 0."""
    from criteria.pairwise import parse_pairwise

    order, judgments, problems = parse_pairwise(entries, criteria)
    if problems:  # the loader reports these with lines; a Requirements built in Python lands here
        from criteria.errors import InputError

        raise InputError(None, problems)
    a = ahp.reciprocal_matrix(len(order), judgments)
    w, lam = ahp.principal_weights(a)
    cr = float(ahp.consistency_ratio(lam, len(order)))
    triad, _ = ahp.most_inconsistent_triad(a)
    rev = ahp.best_revision(a) if cr > ahp.CR_THRESHOLD else None
    result = PairwiseResult(
        weights={c: float(x) for c, x in zip(order, w)},
        consistency_ratio=cr,
        most_inconsistent=tuple(order[i] for i in triad) if triad else None,  # type: ignore[arg-type]
        revision=(order[rev.i], order[rev.j], rev.current, rev.suggested, rev.new_cr) if rev else None,
    )
    top = float(w.max())
    return {c: float(x) * scale_max / top for c, x in zip(order, w)}, result
