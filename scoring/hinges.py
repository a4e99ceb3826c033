"""What the answer hinges on: single ratings that flip it, and the winner over a grid of two weights.

Pure numpy kernels over the eligible options, in the style of :mod:`scoring.kernels`.
Shapes: ``ratings`` ``(n_options, n_criteria)`` 0-5, ``weights`` ``(n_criteria,)``.

Rating flips (closed form). With the weights fixed, option ``o``'s score is linear
in each of its ratings: ``S_o = sum_c g_c r_oc`` with ``g_c = 100 w_c / (5 sum w)``
score points per rating point. So, all else fixed [triantaphyllou1997]_:

* lowering the winner ``i``'s rating on ``c`` draws it level with the best
  challenger (score ``S_2``) at ``x = r_ic - (S_i - S_2) / g_c``; below ``x``
  that challenger wins;
* raising challenger ``j``'s rating on ``c`` draws it level with the winner at
  ``x = r_jc + (S_i - S_j) / g_c``; above ``x`` ``j`` wins.

A flip is listed when ``x`` lies on the scale (``0 <= x <= 5``) and, for a
rating of the winner on a must-have criterion, at or above the must-have (below
it the option is ruled out: a question about the must-have, not the evidence).
Raising the winner or lowering a challenger never changes the winner.

Two-way sensitivity. With weights ``x`` and ``y`` on criteria ``a`` and ``b`` and
the others fixed, ``S_o(x, y) = (A_o + x r_oa + y r_ob) / (W' + x + y)`` up to the
0-100 factor; the winner at every grid point is the argmax, computed for the
whole grid at once.

References
----------
.. [triantaphyllou1997] Triantaphyllou, E. and Sanchez, A. (1997). A sensitivity
   analysis approach for some deterministic multi-criteria decision-making
   methods. Decision Sciences 28(1), 151-194. (The most critical criterion
   values: the smallest change of a single a_ij that reverses a ranking.)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.kernels import SCORE_FACTOR, TIE_TOLERANCE, normalize_weights


@dataclass(frozen=True)
class Flip:
    """Option ``option``'s rating on ``criterion`` flips the answer at ``flips_at`` (indices into the arrays)."""

    option: int
    criterion: int
    rating: float
    flips_at: float
    #: Who wins just past ``flips_at``; None when several options draw level there.
    winner_then: int | None


def rating_flips(
    ratings: np.ndarray, weights: np.ndarray, winner: int, floor: np.ndarray | None = None
) -> list[Flip]:
    """Every single rating whose change (0-5, all else fixed) changes the winner, nearest first.

    ``ratings`` holds the eligible options only; ``winner`` indexes it.
    ``floor`` ``(n_criteria,)`` holds the must-have minimum per criterion (0
    where none): the winner's rating is not lowered below it. Nearest = the
    smallest ``|flips_at - rating|``; equal distances keep option then
    criterion order.
    """
    n_opt, n_crit = ratings.shape
    g = SCORE_FACTOR * normalize_weights(weights)
    scores = ratings @ g
    floor = np.zeros(n_crit) if floor is None else floor
    others = np.delete(np.arange(n_opt), winner)
    out: list[Flip] = []
    if not len(others):
        return out
    s_i = scores[winner]
    weighted = np.flatnonzero(g > 0)
    # The winner falls: level with the best challenger(s).
    s2 = scores[others].max()
    best = others[scores[others] >= s2 - TIE_TOLERANCE]
    taker = int(best[0]) if len(best) == 1 else None
    # A crossing within the tie tolerance of an end of the scale still counts: there the
    # options draw level, which changes the answer (no single winner). Rating points per
    # tolerance: TIE_TOLERANCE / g.
    slack = TIE_TOLERANCE / g[weighted]
    x_down = ratings[winner, weighted] - (s_i - s2) / g[weighted]
    for c, x, tol in zip(weighted, x_down, slack):
        low = max(0.0, floor[c])
        if x >= low - tol:
            out.append(Flip(winner, int(c), float(ratings[winner, c]), float(max(x, low)), taker))
    # A challenger rises: level with the winner.
    x_up = ratings[np.ix_(others, weighted)] + (s_i - scores[others])[:, None] / g[weighted][None, :]
    for (a, b) in zip(*np.nonzero(x_up <= 5.0 + slack[None, :])):
        j, c = int(others[a]), int(weighted[b])
        out.append(Flip(j, c, float(ratings[j, c]), float(min(x_up[a, b], 5.0)), j))
    out.sort(key=lambda f: (abs(f.flips_at - f.rating), f.option, f.criterion))
    return out


def grid_winners(
    ratings: np.ndarray, weights: np.ndarray, a: int, b: int, grid: np.ndarray
) -> np.ndarray:
    """Winner index at every ``(w_a, w_b)`` of ``grid x grid``: ``(len(grid), len(grid))``, rows = ``w_b``.

    -1 where options draw level (within tolerance) or every weight is 0.
    """
    rest = weights.copy()
    rest[[a, b]] = 0.0
    base = ratings @ rest  # (options,)
    x = grid[None, :, None]  # weight of a, along columns
    y = grid[:, None, None]  # weight of b, along rows
    total = rest.sum() + x + y
    num = base[None, None, :] + x * ratings[:, a][None, None, :] + y * ratings[:, b][None, None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = SCORE_FACTOR * num / total
    best = scores.max(axis=2)
    top = scores >= best[..., None] - TIE_TOLERANCE
    winner = np.where(top.sum(axis=2) == 1, top.argmax(axis=2), -1)
    return np.where(total[..., 0] > 0, winner, -1)
