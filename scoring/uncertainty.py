"""Robustness under both uncertainties: the weights (how much each criterion matters) and the ratings.

Pure numpy kernels, in the style of :mod:`scoring.kernels`. Shapes: ``ratings``,
``lo`` and ``hi`` are ``(n_options, n_criteria)`` on the 0-5 scale with
``lo <= ratings <= hi``; ``weights`` is ``(n_criteria,)``.

Three Monte Carlo estimates of first-rank acceptability [lahdelma2001]_, each over
``samples`` draws, counting wins as :func:`scoring.kernels.win_shares` does
(options within :data:`~scoring.kernels.TIE_TOLERANCE` of the top split the draw):

* ``weights``: weight vectors ``w ~ Dirichlet(concentration * w / sum w)``, ratings
  fixed. Drawn from ``numpy.random.default_rng(seed)`` exactly as
  :func:`~scoring.kernels.win_shares` draws them, so it equals the win probability.
* ``ratings``: weights fixed, each rating ``r ~ Triangular(lo, r, hi)``,
  independently per cell [johnson1997]_: the stated rating stays the most
  likely value, the ends of the range the least. A zero-width range keeps the
  rating exact. Drawn from an independent stream, ``default_rng([seed, 15])``.
* ``both``: the weight draws of ``weights`` paired with the rating draws of
  ``ratings`` (common random numbers: the three estimates differ by the
  uncertainty added, not by sampling noise).

Only the cells with ``hi > lo`` are sampled, and a draw's scores are the fixed
scores plus the drawn deviations: ``S_so = sum_c w_sc r_oc + sum_{k in cells(o)}
w_{s,c_k} (x_sk - r_k)`` (times the 0-100 factor), computed for all draws at once
(in blocks of draws to bound memory; no per-draw Python loop).

References
----------
.. [lahdelma2001] Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic
   multicriteria acceptability analysis for group decision making. Operations
   Research 49(3), 444-454. (Uncertain criterion values and weights sampled
   together; first-rank acceptability.)
.. [johnson1997] Johnson, D. (1997). The triangular distribution as a proxy for
   the beta distribution in risk analysis. Journal of the Royal Statistical
   Society D 46(3), 387-398.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.kernels import SCORE_FACTOR, TIE_TOLERANCE, _dirichlet, dirichlet_alpha, normalize_weights

#: Stream label of the rating draws (any fixed number independent of the weights' stream).
RATING_STREAM = 15
#: Most floats per block of draws x uncertain cells (bounds memory at about 32 MB a block).
BLOCK_CELLS = 4_000_000


@dataclass(frozen=True)
class Shares:
    """Share of draws each option wins, per kind of uncertainty: ``(n_options,)`` arrays summing to 1."""

    weights: np.ndarray
    ratings: np.ndarray
    both: np.ndarray


def triangular(lo: np.ndarray, mode: np.ndarray, hi: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Inverse CDF of ``Triangular(lo, mode, hi)`` at ``u`` in [0, 1) (broadcast over leading axes).

    ``F(mode) = (mode - lo) / (hi - lo)``; below it ``x = lo + sqrt(u (hi - lo)(mode - lo))``,
    above ``x = hi - sqrt((1 - u)(hi - lo)(hi - mode))``. Zero width gives ``mode``.
    """
    width = hi - lo
    with np.errstate(divide="ignore", invalid="ignore"):
        f_mode = np.where(width > 0, (mode - lo) / np.where(width > 0, width, 1.0), 0.5)
    below = u < f_mode
    # One square root per draw: the branch picks what goes under it and which end it leaves from.
    root = np.sqrt(np.where(below, u * (mode - lo), (1.0 - u) * (hi - mode)) * width)
    return np.where(below, lo + root, hi - root)


def count_wins(scores: np.ndarray) -> np.ndarray:
    """Wins per option over the rows of ``scores`` (draws x options); ties within tolerance split."""
    best = scores.max(axis=1, keepdims=True)
    top = scores >= best - TIE_TOLERANCE
    per_row = top.sum(axis=1)
    single = per_row == 1
    wins = np.bincount(top[single].argmax(axis=1), minlength=scores.shape[1]).astype(float)
    if not single.all():
        tied = ~single
        wins += (top[tied] / per_row[tied, None]).sum(axis=0)
    return wins


def robustness_shares(
    ratings: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    weights: np.ndarray,
    samples: int,
    concentration: float,
    seed: int,
) -> Shares:
    """Win shares under weight, rating and joint uncertainty (see the module docstring)."""
    n_opt = ratings.shape[0]
    active = weights > 0
    r_act = ratings[:, active]
    points = SCORE_FACTOR * normalize_weights(weights)[active]  # score points per rating point

    # Weights only: the very draws of kernels.win_shares.
    w = _dirichlet(dirichlet_alpha(weights, concentration), samples, np.random.default_rng(seed))
    base_w = w @ (r_act.T * SCORE_FACTOR)  # (samples, options), computed as win_shares does
    weights_wins = count_wins(base_w)

    # The uncertain cells (weighted criteria only: the others score nothing), grouped by option.
    cell_opt, cell_crit = np.nonzero((hi[:, active] - lo[:, active]) > 0)
    if not len(cell_opt):
        fixed = count_wins((r_act @ points)[None, :])
        share = fixed / fixed.sum()
        return Shares(weights_wins / samples, share, weights_wins / samples)
    mode = r_act[cell_opt, cell_crit]
    c_lo, c_hi = lo[:, active][cell_opt, cell_crit], hi[:, active][cell_opt, cell_crit]
    starts = np.flatnonzero(np.r_[True, cell_opt[1:] != cell_opt[:-1]])  # cells are sorted by option
    owners = cell_opt[starts]

    rng = np.random.default_rng([seed, RATING_STREAM])
    base_r = r_act @ points  # (options,)
    ratings_wins = np.zeros(n_opt)
    both_wins = np.zeros(n_opt)
    block = max(1, BLOCK_CELLS // len(mode))
    for start in range(0, samples, block):  # blocks of draws, not single draws
        stop = min(samples, start + block)
        dev = triangular(c_lo, mode, c_hi, rng.random((stop - start, len(mode)))) - mode
        # Ratings only: fixed weights.
        s = np.broadcast_to(base_r, (stop - start, n_opt)).copy()
        s[:, owners] += np.add.reduceat(dev * points[cell_crit], starts, axis=1)
        ratings_wins += count_wins(s)
        # Both: this block's weight draws with the same rating draws.
        s = base_w[start:stop].copy()
        s[:, owners] += np.add.reduceat(dev * (SCORE_FACTOR * w[start:stop][:, cell_crit]), starts, axis=1)
        both_wins += count_wins(s)
    return Shares(weights_wins / samples, ratings_wins / samples, both_wins / samples)
