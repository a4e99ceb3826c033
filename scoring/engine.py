"""``evaluate``: the validating wrapper around the kernels.

It checks the inputs (the same checks the loader runs, so requirements built in
Python get the same messages as a file), turns models into arrays, runs the
kernels of :mod:`scoring.kernels` and assembles one frozen
:class:`~scoring.evaluation.Evaluation`. No file or network I/O.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from numbers import Integral, Real
from typing import Mapping, Sequence

import numpy as np

from criteria.errors import InputError, Problem
from criteria.loader import check_requirements
from criteria.models import Matrix, Profile, Requirements
from scoring import kernels
from scoring.evaluation import Evaluation, FailedMustHave, FlipPoint, OptionResult, PairwiseResult
from scoring.python_check import PythonCheck, check_python

#: Default number of sampled weight vectors for the win probability.
DEFAULT_SAMPLES = 10_000
#: Most samples accepted: 1e6 x 50 criteria is already ~400 MB of float64.
MAX_SAMPLES = 1_000_000
#: Default Dirichlet concentration. A criterion holding a share ``p`` of the
#: weight varies with relative standard deviation ``sqrt((1 - p) / (p (c + 1)))``:
#: with c = 50 and p = 0.2 (five criteria that matter) that is about 28 %,
#: i.e. a 7 on the 0-10 slider reads as "somewhere from 5 to 9", about how
#: firmly people hold such numbers. Larger c = more confidence in the weights.
DEFAULT_CONCENTRATION = 50.0
#: Bounds of the concentration: below 0.01 the gamma draws underflow to zero
#: (every weight vector degenerate); above 1e6 the sampling is the point itself.
MIN_CONCENTRATION = 0.01
MAX_CONCENTRATION = 1e6
#: Top of the weight scale people use (the app's sliders run 0-10).
SCALE_MAX = 10.0


@dataclass(frozen=True)
class DecisionProblem:
    """Arrays of one decision problem, options in a canonical (id-sorted) order.

    Sorting by id makes the numbers independent of the order options come in
    (matrix files, ``options:`` lists), down to the last bit of each float.
    """

    criteria: tuple[str, ...]
    options: tuple[str, ...]
    ratings: np.ndarray  # (options, criteria)
    must_idx: np.ndarray  # criterion indices with a must-have
    must_req: np.ndarray  # their minimum ratings
    #: Per option, the check against the required Python (empty: no requirement).
    python: tuple[PythonCheck, ...] = ()

    @property
    def python_ok(self) -> np.ndarray:
        """Bool per option: not ruled out by the Python requirement (all True without one)."""
        return np.array([c.ok for c in self.python] if self.python else [True] * len(self.options), dtype=bool)


def evaluate(
    matrix: Matrix,
    requirements: Requirements,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    concentration: float = DEFAULT_CONCENTRATION,
    profiles: Mapping[str, Profile] | Sequence[Profile] | None = None,
) -> Evaluation:
    """Score, rank and stress-test the options of ``matrix`` against ``requirements``.

    * score: ``100 * sum_c (w_c / sum w) * r_c / 5`` (:func:`scoring.kernels.weighted_scores`);
    * eligible: meets every must-have; the winner is the best eligible option,
      None when none is eligible or when the top is a tie (ties are never
      broken by list order: the verdict says it is a tie);
    * flip points: per matrix criterion, the nearest weight (other weights
      fixed, user's units) where the winner changes (:func:`scoring.kernels.flip_weights`);
    * win probability: share of ``samples`` weight vectors drawn from
      ``Dirichlet(concentration * w / sum w)`` (seeded with ``seed``) that each
      eligible option wins (:func:`scoring.kernels.win_shares`).

    ``profiles`` (id -> Profile, or a list) resolves stakeholders who name a
    profile instead of giving weights; the caller loads them (no I/O here).
    Raises :class:`criteria.errors.InputError` for invalid inputs.
    """
    _check_parameters(samples, seed, concentration)
    if not isinstance(matrix, Matrix) or not isinstance(requirements, Requirements):
        raise TypeError("evaluate(matrix, requirements): expected criteria.models.Matrix and Requirements")
    if requirements.stakeholders:
        from scoring.group import evaluate_group  # the meeting-mode path (issue 7)

        return evaluate_group(matrix, requirements, samples=samples, seed=seed,
                              concentration=concentration, profiles=profiles)
    check_requirements(requirements, matrix, None, {})
    problem = build_problem(matrix, requirements)
    pairwise = None
    if requirements.pairwise is not None:  # issue 15: weights from pairwise judgments (AHP)
        from scoring.stress import pairwise_weights

        derived, pairwise = pairwise_weights(requirements.pairwise, problem.criteria, SCALE_MAX)
        requirements = requirements.model_copy(update={"weights": derived})
    weights = weight_vector(problem.criteria, requirements.weights)
    return evaluate_weights(matrix, requirements, problem, weights, samples=samples, seed=seed,
                            concentration=concentration, pairwise=pairwise)


def _check_parameters(samples: object, seed: object, concentration: object) -> None:
    problems = []
    if not isinstance(samples, Integral) or isinstance(samples, bool) or not 1 <= samples <= MAX_SAMPLES:
        problems.append(Problem(f"samples must be a whole number from 1 to {MAX_SAMPLES:,} (got {samples!r}).",
                                ("samples",), None, f"an integer such as {DEFAULT_SAMPLES}"))
    if not isinstance(seed, Integral) or isinstance(seed, bool) or seed < 0:
        problems.append(Problem(f"seed must be a whole number >= 0 (got {seed!r}).", ("seed",), None,
                                "an integer such as 0"))
    if (not isinstance(concentration, Real) or isinstance(concentration, bool)
            or not math.isfinite(concentration)
            or not MIN_CONCENTRATION <= concentration <= MAX_CONCENTRATION):
        problems.append(Problem(
            f"concentration must be a number from {MIN_CONCENTRATION:g} to {MAX_CONCENTRATION:g} "
            f"(got {concentration!r}).", ("concentration",), None,
            f"a number such as {DEFAULT_CONCENTRATION:g}"))
    if problems:
        raise InputError(None, problems)


def build_problem(matrix: Matrix, requirements: Requirements) -> DecisionProblem:
    """Ratings of the considered options as an array (ids checked beforehand).

    Raises :class:`InputError` when a considered option lacks a rating (the
    loader refuses such matrices; one built in Python might still have it).
    """
    criteria = tuple(matrix.criterion_ids())
    wanted = set(requirements.options) if requirements.options is not None else None
    chosen = sorted((o for o in matrix.options if wanted is None or o.id in wanted), key=lambda o: o.id)
    problems = []
    ratings = np.empty((len(chosen), len(criteria)))
    for i, opt in enumerate(chosen):
        missing = [c for c in criteria if c not in opt.ratings]
        if missing:
            problems.append(Problem(f"option '{opt.id}' has no rating for: {', '.join(missing)}.",
                                    ("options", opt.id, "ratings"), None,
                                    "a rating for every criterion of the matrix"))
            continue
        ratings[i] = [opt.ratings[c].rating for c in criteria]
    if problems:
        raise InputError(None, problems)
    index = {c: k for k, c in enumerate(criteria)}
    must = list(requirements.must_have.items())
    return DecisionProblem(
        criteria=criteria,
        options=tuple(o.id for o in chosen),
        ratings=ratings,
        must_idx=np.array([index[c] for c, _ in must], dtype=int),
        must_req=np.array([float(v) for _, v in must], dtype=float),
        python=tuple(check_python(o, requirements.python) for o in chosen) if requirements.python else (),
    )


def weight_vector(criteria: Sequence[str], weights: Mapping[str, float]) -> np.ndarray:
    """User weights as an array over ``criteria`` (unlisted = 0)."""
    return np.array([float(weights.get(c, 0.0)) for c in criteria], dtype=float)


@dataclass(frozen=True)
class Standing:
    """Scores, eligibility and the ranking order of one weight vector: the cheap part."""

    scores: np.ndarray  # per problem option
    eligible: np.ndarray  # bool per problem option
    order: np.ndarray  # problem option indices in ranking order
    labels: np.ndarray  # tie-group label per position of ``order``
    winner: int | None  # problem option index
    tie: tuple[int, ...]  # indices tied at the top (when winner is None and some are eligible)


def standing(problem: DecisionProblem, weights: np.ndarray) -> Standing:
    """Scores and ranking: eligible first, then by score; ties share a group label."""
    scores = kernels.weighted_scores(problem.ratings, weights)
    eligible = kernels.eligible_mask(problem.ratings[:, problem.must_idx], problem.must_req) & problem.python_ok
    order_parts, label_parts, offset = [], [], 0
    for group in (np.flatnonzero(eligible), np.flatnonzero(~eligible)):
        if not len(group):
            continue
        by_score = group[np.argsort(-scores[group], kind="stable")]
        labels = kernels.tie_groups(scores[by_score]) + offset
        # Within a tie, order by id (the problem order is id order), never by input order.
        by_tie = by_score[np.lexsort((by_score, labels))]
        order_parts.append(by_tie)
        label_parts.append(np.sort(labels))
        offset = labels.max() + 1
    order = np.concatenate(order_parts) if order_parts else np.array([], dtype=int)
    labels = np.concatenate(label_parts) if label_parts else np.array([], dtype=int)
    winner, tie = None, ()
    if len(order) and eligible[order[0]]:
        top = order[labels == labels[0]]
        if len(top) == 1:
            winner = int(top[0])
        else:
            tie = tuple(int(i) for i in top)
    return Standing(scores, eligible, order, labels, winner, tie)


def evaluate_weights(
    matrix: Matrix,
    requirements: Requirements,
    problem: DecisionProblem,
    weights: np.ndarray,
    *,
    samples: int,
    seed: int,
    concentration: float,
    pairwise: "PairwiseResult | None" = None,
) -> Evaluation:
    """The full evaluation for one weight vector over a checked problem."""
    from scoring.verdict import no_eligible_reason, write_verdict

    crit, opts, R = problem.criteria, problem.options, problem.ratings
    st = standing(problem, weights)
    contrib = kernels.contributions(R, weights)
    must = dict(zip((crit[k] for k in problem.must_idx), (float(v) for v in problem.must_req)))

    names = {o.id: o.name for o in matrix.options}
    # Competition rank: 1 + position of the first member of the option's tie group.
    first_pos = {int(lab): int(p) for p, lab in reversed(list(enumerate(st.labels)))}
    ranking = []
    for pos, i in enumerate(st.order):
        first = first_pos[int(st.labels[pos])]
        failed = tuple(
            FailedMustHave(crit[k], float(req), float(R[i, k]))
            for k, req in zip(problem.must_idx, problem.must_req) if R[i, k] < req
        )
        ranking.append(OptionResult(
            option=opts[i], name=names[opts[i]], score=float(st.scores[i]), rank=first + 1,
            eligible=bool(st.eligible[i]),
            contributions=dict(zip(crit, contrib[i].tolist())),
            failed_must_haves=failed,
            python=problem.python[i] if problem.python else None,
        ))

    eligible_order = [int(i) for i in st.order if st.eligible[i]]
    runner_up = opts[eligible_order[1]] if len(eligible_order) > 1 else None
    margin = (float(st.scores[eligible_order[0]] - st.scores[eligible_order[1]])
              if len(eligible_order) > 1 else None)
    if margin is not None and st.winner is None:
        margin = 0.0  # a tie at the top: within tolerance counts as level

    scale_max = weight_scale(weights)
    flips = _flip_points(problem, weights, st, scale_max)

    # Filled in by scoring.stress below (the weights-only shares of the same draws as
    # kernels.win_shares: one Dirichlet sample serves both; tests check they agree).
    win_probability: dict[str, float] = {}

    ties = tuple(
        tuple(opts[i] for i in st.order[st.labels == label])
        for label in np.unique(st.labels) if np.count_nonzero(st.labels == label) > 1
    )
    total = weights.sum()
    ev = Evaluation(
        criteria=crit,
        criterion_names={c.id: c.name for c in matrix.criteria},
        options=tuple(o for o in matrix.option_ids() if o in set(opts)),
        option_names={o: names[o] for o in opts},
        weights={c: float(w) for c, w in zip(crit, weights)},
        normalized_weights={c: float(w / total) for c, w in zip(crit, weights)},
        must_have=must,
        ranking=tuple(ranking),
        winner=opts[st.winner] if st.winner is not None else None,
        tie=tuple(opts[i] for i in st.tie),
        ties=ties,
        runner_up=runner_up,
        margin=margin,
        flip_points=flips,
        win_probability=win_probability,
        verdict="",
        no_eligible_reason=None,
        samples=int(samples),
        seed=int(seed),
        concentration=float(concentration),
        scale_max=scale_max,
        title=requirements.title,
        aggregation=requirements.aggregation if requirements.stakeholders else None,
        python=requirements.python,
    )
    reason = no_eligible_reason(ev) if not eligible_order else None
    ev = replace(ev, no_eligible_reason=reason, pairwise=pairwise)
    # Issue 15: ranges, robustness under both uncertainties, rating flips, stability, two-way grid.
    from scoring.stress import stress

    ev = stress(ev, matrix, problem, weights, st, samples=samples, seed=seed, concentration=concentration)
    return replace(ev, verdict=write_verdict(ev))


def weight_scale(weights: np.ndarray) -> float:
    """Top of the scale the user weighs on: 10 (the app's sliders) when every weight is
    within it, else the next power of ten above the largest weight (0-100, 0-1000, ...),
    so the verdict's "within the scale" speaks of the scale the user actually used."""
    top = float(weights.max())
    return SCALE_MAX if top <= SCALE_MAX else float(10 ** math.ceil(math.log10(top)))


def _flip_points(problem: DecisionProblem, weights: np.ndarray, st: Standing,
                 scale_max: float) -> tuple[FlipPoint, ...]:
    crit, opts = problem.criteria, problem.options
    if st.winner is None:
        return tuple(FlipPoint(c, float(w), None, None, None, scale_max=scale_max)
                     for c, w in zip(crit, weights))
    candidates = st.eligible.copy()
    candidates[st.winner] = False
    up, up_new, down, down_new = kernels.flip_weights(problem.ratings, weights, st.winner, candidates)
    out = []
    for k, c in enumerate(crit):
        w = float(weights[k])
        u = None if np.isnan(up[k]) else float(up[k])
        d = None if np.isnan(down[k]) else float(down[k])
        if u is None and d is None:
            flip, takers, direction = None, (), None
        elif d is None or (u is not None and u - w <= (w - d) * (1 + 1e-9)):
            # Equal distance (up to rounding, so rescaled weights choose alike): prefer caring more.
            flip, takers, direction = u, up_new[k], "up"
        else:
            flip, takers, direction = d, down_new[k], "down"
        names = tuple(opts[j] for j in takers)
        out.append(FlipPoint(
            criterion=c, current_weight=w, flip_weight=flip,
            new_winner=names[0] if len(names) == 1 else None,
            direction=direction,  # type: ignore[arg-type]
            new_tie=names if len(names) > 1 else (),
            up_weight=u, up_winner=tuple(opts[j] for j in up_new[k]),
            down_weight=d, down_winner=tuple(opts[j] for j in down_new[k]),
            scale_max=scale_max,
        ))
    return tuple(out)
