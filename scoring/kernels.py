"""Numerical kernels of the engine: small pure functions over numpy arrays.

Every function here takes and returns plain arrays (no ids, no models, no I/O)
so it can be tested, timed and reused on its own; :mod:`scoring.engine` does
the validation and the bookkeeping of ids around them.

Shapes: ``ratings`` is ``(n_options, n_criteria)`` on the 0-5 scale,
``weights`` is ``(n_criteria,)``, non-negative with a positive sum.

References
----------
.. [fishburn1967] Fishburn, P. C. (1967). Additive utilities with incomplete
   product sets: application to priorities and assignments. Operations
   Research 15(3), 537-542. (The weighted sum model.)
.. [triantaphyllou1997] Triantaphyllou, E. and Sanchez, A. (1997). A sensitivity
   analysis approach for some deterministic multi-criteria decision-making
   methods. Decision Sciences 28(1), 151-194. (Smallest weight change that
   reverses a ranking, in closed form, for the weighted sum model.)
.. [lahdelma2001] Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic
   multicriteria acceptability analysis for group decision making.
   Operations Research 49(3), 444-454. (First-rank acceptability: the share
   of sampled weight vectors for which an option ranks first.)
.. [tervonen2007] Tervonen, T. and Lahdelma, R. (2007). Implementing stochastic
   multicriteria acceptability analysis. European Journal of Operational
   Research 178(2), 500-513. (Monte Carlo computation of those shares.)
"""
from __future__ import annotations

import numpy as np

#: Two scores (on the 0-100 scale) closer than this are a tie. Far below any
#: difference a rating change can make, far above float rounding noise.
TIE_TOLERANCE = 1e-9

#: Ratings run 0-5; scores are reported on 0-100, hence the factor 100 / 5.
SCORE_FACTOR = 100.0 / 5.0


def normalize_weights(weights: np.ndarray) -> np.ndarray:
    """Weights as shares: ``w_c / sum(w)``. The sum must be positive."""
    weights = np.asarray(weights, dtype=float)
    return weights / weights.sum()


def weighted_scores(ratings: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted sum model [fishburn1967]_ on the 0-100 scale.

    ``S_o = 100 * sum_c (w_c / sum_c' w_c') * r_oc / 5``

    No normalisation across options: an option's score depends on its own
    ratings and the weights only, so adding or removing an option never
    reorders the others (no rank reversal).
    """
    return ratings @ (normalize_weights(weights) * SCORE_FACTOR)


def contributions(ratings: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each criterion's term of the score: ``C_oc = 100 * (w_c / sum w) * r_oc / 5``.

    ``contributions(R, w).sum(axis=1) == weighted_scores(R, w)`` up to rounding.
    """
    return ratings * (normalize_weights(weights) * SCORE_FACTOR)[None, :]


def eligible_mask(ratings: np.ndarray, required: np.ndarray) -> np.ndarray:
    """Options meeting every must-have: ``all_m r_om >= req_m``.

    ``ratings`` holds only the must-have columns ``(n_options, n_must)``;
    with no must-haves every option is eligible.
    """
    if ratings.shape[1] == 0:
        return np.ones(ratings.shape[0], dtype=bool)
    return np.all(ratings >= required[None, :], axis=1)


def tie_groups(sorted_scores: np.ndarray, tol: float = TIE_TOLERANCE) -> np.ndarray:
    """Group labels for scores sorted in decreasing order.

    A score joins the current group when it lies within ``tol`` of the group's
    first (highest) score; anchoring on the first keeps groups from chaining.
    Returns an int array: equal labels = tied.
    """
    labels = np.empty(len(sorted_scores), dtype=int)
    label, anchor = -1, np.inf
    for i, s in enumerate(sorted_scores):
        if anchor - s > tol or label < 0:
            label += 1
            anchor = s
        labels[i] = label
    return labels


def crossing_weights(
    ratings: np.ndarray, weights: np.ndarray, winner: int
) -> tuple[np.ndarray, np.ndarray]:
    """Weight of each criterion at which each option draws level with the winner.

    Hold every weight but ``w_k`` fixed and write ``a_o = sum_{c != k} w_c r_oc``,
    ``W' = sum_{c != k} w_c``. Then

    ``S_j(x) - S_i(x) = 20 * ((a_j - a_i) + x (r_jk - r_ik)) / (W' + x)``

    for ``w_k = x``: a ratio of linear functions whose denominator is positive,
    so the sign changes once, at ``x* = -(a_j - a_i) / (r_jk - r_ik)``
    [triantaphyllou1997]_. Returns ``(x_star, dr)``, both ``(n_options,
    n_criteria)``: ``x_star`` is ``nan`` where ``dr == 0`` (parallel: no
    crossing) and ``dr = r_jk - r_ik`` says on which side the challenger gains.
    """
    dr = ratings - ratings[winner][None, :]
    # a_j - a_i computed from the score difference directly (fewer cancellations
    # than forming each a_o): (r_j - r_i) . w  minus the k-th term.
    da = (dr @ weights)[:, None] - dr * weights[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        x_star = np.where(dr != 0, -da / np.where(dr != 0, dr, 1.0), np.nan)
    return x_star, dr


def flip_weights(
    ratings: np.ndarray, weights: np.ndarray, winner: int, candidates: np.ndarray
) -> tuple[np.ndarray, list[tuple[int, ...]], np.ndarray, list[tuple[int, ...]]]:
    """Nearest weights, above and below the current one, where ``winner`` stops winning.

    With the other weights fixed, the option that wins at ``w_k = x`` maximises
    the line ``a_o + x r_ok`` (the shared positive denominator drops out), so the
    winner as a function of ``x`` follows the upper envelope of these lines and
    holds one interval around the current weight. Its ends are the flips:

    * up: the smallest crossing ``x*`` over challengers with ``r_jk > r_ik``;
      just past it the steepest of the challengers crossing there leads;
    * down: the largest positive crossing over challengers with ``r_jk < r_ik``;
      just below it the flattest of them leads. A crossing at ``x* = 0`` is not
      a flip (the challenger would only draw level at weight 0).

    ``candidates`` marks the options allowed to win (eligible, not the winner).
    Returns ``(up, up_new, down, down_new)``: weights per criterion (``nan``
    where no non-negative weight flips) and, per criterion, the tuple of option
    indices that take over (several when identical lines cross together: a tie).
    """
    x_star, dr = crossing_weights(ratings, weights, winner)
    cand = candidates[:, None]
    # Crossings this close to zero are rounding noise of an exact 0 (see above).
    floor = TIE_TOLERANCE * float(weights.sum())
    up_mask = cand & (dr > 0) & (x_star > weights[None, :])
    down_mask = cand & (dr < 0) & (x_star > floor) & (x_star < weights[None, :])
    x_up = np.where(up_mask, x_star, np.inf)
    x_down = np.where(down_mask, x_star, -np.inf)
    up = x_up.min(axis=0)
    down = x_down.max(axis=0)
    up_new: list[tuple[int, ...]] = []
    down_new: list[tuple[int, ...]] = []
    for k in range(ratings.shape[1]):
        up_new.append(_takers(x_up[:, k], up[k], dr[:, k], steepest=True))
        down_new.append(_takers(x_down[:, k], down[k], dr[:, k], steepest=False))
    up = np.where(np.isfinite(up), up, np.nan)
    down = np.where(np.isfinite(down), down, np.nan)
    return up, up_new, down, down_new


def _takers(x: np.ndarray, best: float, dr: np.ndarray, *, steepest: bool) -> tuple[int, ...]:
    """Options that lead just past the crossing ``best`` (ties kept together)."""
    if not np.isfinite(best):
        return ()
    at = np.flatnonzero(np.abs(x - best) <= 1e-12 * abs(best))
    slopes = dr[at]
    target = slopes.max() if steepest else slopes.min()
    # Lines through the same point with the same slope are the same line: a tie.
    return tuple(int(j) for j in at[np.abs(slopes - target) <= 1e-12])


def dirichlet_weights(
    weights: np.ndarray, samples: int, concentration: float, rng: np.random.Generator
) -> np.ndarray:
    """Weight vectors drawn around ``weights``: ``Dirichlet(concentration * w / sum w)``.

    Criteria at weight 0 stay at 0: a Dirichlet needs positive parameters, and
    "what if I started caring about X" is what flip points answer, not this.
    Sampled as normalised gamma variates, the textbook construction. Returns
    ``(samples, n_criteria)`` rows summing to 1 whose mean is the normalised
    weights; a share ``p`` varies with standard deviation
    ``sqrt(p (1 - p) / (concentration + 1))``.
    """
    active = weights > 0
    out = np.zeros((samples, len(weights)))
    out[:, active] = _dirichlet(dirichlet_alpha(weights, concentration), samples, rng)
    return out


def dirichlet_alpha(weights: np.ndarray, concentration: float) -> np.ndarray:
    """Dirichlet parameters of the weighted criteria: ``concentration * w_c / sum w``.

    Rounded to 9 significant digits: numpy's gamma sampler rejects candidates,
    so it consumes a number of random values that depends on each parameter,
    and a one-ulp difference (the same weights written on another scale, say)
    would reshuffle every later draw. Rounding makes such inputs draw the very
    same stream; a relative change below 5e-10 means nothing statistically.
    """
    alpha = concentration * normalize_weights(weights)[weights > 0]
    magnitude = np.floor(np.log10(alpha))
    factor = 10.0 ** (8 - magnitude)
    return np.round(alpha * factor) / factor


def _dirichlet(alpha: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    g = rng.standard_gamma(alpha, size=(samples, len(alpha)))
    total = g.sum(axis=1, keepdims=True)
    # An all-zero row needs every alpha tiny, impossible with sum(alpha) =
    # concentration; guard the division anyway.
    np.maximum(total, np.finfo(float).tiny, out=total)
    g /= total
    return g


def win_shares(
    ratings: np.ndarray, weights: np.ndarray, samples: int, concentration: float, seed: int
) -> np.ndarray:
    """Share of sampled weight vectors for which each option scores highest [lahdelma2001]_.

    Draws ``samples`` weight vectors as :func:`dirichlet_weights` does, from
    ``numpy.random.default_rng(seed)``, scores every option under each (one
    ``(samples x criteria) @ (criteria x options)`` product) and counts first
    places; options tied within :data:`TIE_TOLERANCE` split the win. Same
    inputs and seed, same shares. Returns ``(n_options,)`` summing to 1.
    """
    rng = np.random.default_rng(seed)
    active = weights > 0
    # Only the weighted criteria are sampled: the others stay at 0 in every draw.
    w = _dirichlet(dirichlet_alpha(weights, concentration), samples, rng)
    scores = w @ (ratings[:, active].T * SCORE_FACTOR)
    best = scores.max(axis=1, keepdims=True)
    top = scores >= best - TIE_TOLERANCE
    per_row = top.sum(axis=1)
    # Most rows have one winner: count those with argmax; split only the tied rows.
    single = per_row == 1
    wins = np.bincount(top[single].argmax(axis=1), minlength=ratings.shape[0]).astype(float)
    if not single.all():
        tied = ~single
        wins += (top[tied] / per_row[tied, None]).sum(axis=0)
    return wins / samples
