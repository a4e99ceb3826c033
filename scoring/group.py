"""Meeting mode (issue 7): several stakeholders' weights turned into one group answer.

* Each weighing stakeholder (decision-maker or consulted, with weights or a
  profile) counts once, whatever scale they used: their weights are first
  normalised to shares ``p_sc = w_sc / sum_c w_sc``.
* ``aggregation: arithmetic`` (default): ``g_c = mean_s p_sc``. The aggregation
  of individual priorities of Forman and Peniwati (1998) [forman1998]_.
* ``aggregation: geometric``: ``g_c = prod_s max(p_sc, FLOOR)^(1/n)``, then
  normalised to sum 1; criteria that nobody weighs stay at 0. The geometric mean
  is the aggregation that respects ratio judgements (Aczel and Saaty 1983)
  [aczel1983]_ and favours criteria the room agrees on. A zero in a product
  would let one person who did not list a criterion erase everyone else's view
  of it, so a zero share reads as "hardly matters" (:data:`FLOOR`, 1 % of a
  person's weight) rather than as a veto.
* Roles: informed stakeholders do not weigh; a consulted person's shares count
  ``a = consulted_weight`` (default 1, as a decision-maker's) in the means, which
  become weighted means: ``g_c = sum_s a_s p_sc / sum_s a_s`` and
  ``g_c ∝ exp(sum_s a_s log max(p_sc, FLOOR) / sum_s a_s)``. A stakeholder's ``profile`` supplies
  starting weights; weights they also give override the profile's, criterion
  by criterion. Must-haves are the group's (the file's top-level ``must_have``).

Group weights are reported scaled so the heaviest criterion is 10 (the top of
the sliders); scores, flip points and win probability are those of
:func:`scoring.evaluate` on these weights. Each person's own result equals
evaluating that person alone with the group's must-haves and options.

References
----------
.. [forman1998] Forman, E. and Peniwati, K. (1998). Aggregating individual
   judgments and priorities with the Analytic Hierarchy Process. European
   Journal of Operational Research 108(1), 165-169.
.. [aczel1983] Aczel, J. and Saaty, T. L. (1983). Procedures for synthesizing
   ratio judgements. Journal of Mathematical Psychology 27(1), 93-102.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

import numpy as np

from criteria.errors import InputError, Problem, suggest
from criteria.loader import check_requirements
from criteria.models import Matrix, Profile, Requirements, Stakeholder
from scoring.engine import SCALE_MAX, build_problem, evaluate_weights, standing, weight_vector
from scoring.evaluation import Evaluation, Spread, StakeholderResult

#: Share a zero weight counts as in the geometric mean (see the module docstring).
FLOOR = 0.01
#: Roles whose weights count.
WEIGHING_ROLES = ("decision-maker", "consulted")


def arithmetic_mean(shares: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Group shares ``g_c = sum_s a_s p_sc / sum_s a_s`` of ``shares`` (people x criteria, rows summing
    to 1); ``counts`` ``a_s`` default to 1 (the plain mean)."""
    return np.average(shares, axis=0, weights=counts)


def geometric_mean(shares: np.ndarray, floor: float = FLOOR, counts: np.ndarray | None = None) -> np.ndarray:
    """Normalised weighted geometric mean ``g_c ∝ exp(sum_s a_s log max(p_sc, floor) / sum_s a_s)``.

    Criteria at 0 for everyone who counts stay at 0; the result sums to 1.
    """
    a = np.ones(len(shares)) if counts is None else np.asarray(counts, dtype=float)
    g = np.exp(np.average(np.log(np.maximum(shares, floor)), axis=0, weights=a))
    g[~(shares[a > 0] > 0).any(axis=0)] = 0.0
    return g / g.sum()


AGGREGATIONS = {"arithmetic": arithmetic_mean, "geometric": geometric_mean}


def aggregate(shares: np.ndarray, method: str = "arithmetic", counts: np.ndarray | None = None) -> np.ndarray:
    """Group shares from per-person shares with ``method`` (arithmetic or geometric), each person
    counting ``counts`` (default: everyone 1)."""
    return AGGREGATIONS[method](shares, counts=counts)


def role_counts(people: Sequence[Stakeholder], consulted_weight: float | None) -> np.ndarray:
    """How much each weighing person's shares count: 1 for a decision-maker, ``consulted_weight`` (default 1)
    for a consulted person."""
    cw = 1.0 if consulted_weight is None else float(consulted_weight)
    return np.array([cw if s.role == "consulted" else 1.0 for s in people])


def _profiles_by_id(profiles: Mapping[str, Profile] | Sequence[Profile] | None) -> dict[str, Profile]:
    if profiles is None:
        return {}
    if isinstance(profiles, Mapping):
        return dict(profiles)
    return {p.id: p for p in profiles}


def resolve_stakeholders(
    requirements: Requirements, profiles: Mapping[str, Profile] | Sequence[Profile] | None = None
) -> Requirements:
    """The requirements with every profile replaced by its weights (own weights override).

    Raises :class:`InputError` naming the stakeholder when a profile is unknown
    or was not supplied.
    """
    by_id = _profiles_by_id(profiles)
    people: list[Stakeholder] = []
    problems = []
    for i, s in enumerate(requirements.stakeholders or []):
        if s.profile is None:
            people.append(s)
            continue
        prof = by_id.get(s.profile)
        if prof is None:
            known = sorted(by_id)
            problems.append(Problem(
                f"stakeholder '{s.name}' names unknown profile '{s.profile}'.{suggest(s.profile, known)}",
                ("stakeholders", i, "profile"), None,
                f"one of {', '.join(known)}" if known else "weights instead (no profiles were loaded)"))
            continue
        people.append(s.model_copy(update={"weights": {**prof.weights, **s.weights}, "profile": None}))
    if problems:
        raise InputError(None, problems)
    return requirements.model_copy(update={"stakeholders": people})


def evaluate_group(
    matrix: Matrix,
    requirements: Requirements,
    *,
    samples: int,
    seed: int,
    concentration: float,
    profiles: Mapping[str, Profile] | Sequence[Profile] | None = None,
) -> Evaluation:
    """The group's evaluation plus each person's result, the disagreement and who is decisive."""
    resolved = resolve_stakeholders(requirements, profiles)
    check_requirements(resolved, matrix, None, {})
    problem = build_problem(matrix, resolved)
    crit = problem.criteria
    people = list(resolved.stakeholders or [])
    weighing = [s for s in people if s.role in WEIGHING_ROLES and sum(s.weights.values()) > 0]
    raw = np.array([weight_vector(crit, s.weights) for s in weighing])
    shares = raw / raw.sum(axis=1, keepdims=True)
    counts = role_counts(weighing, resolved.consulted_weight)
    if not counts.sum() > 0:
        raise InputError(None, [Problem("consulted people do not count (consulted_weight: 0) and no decision-maker "
                                        "gives weights.", ("consulted_weight",), None,
                                        "a decision-maker with weights, or a consulted_weight above 0")])
    group = aggregate(shares, resolved.aggregation, counts)
    # Scaled so the heaviest criterion is at the top of the sliders: scores do not change.
    group_weights = group * (SCALE_MAX / group.max())

    ev = evaluate_weights(matrix, resolved, problem, group_weights, samples=samples, seed=seed,
                          concentration=concentration)

    results = []
    for s in people:
        if s in weighing:
            st = standing(problem, weight_vector(crit, s.weights))
            results.append(StakeholderResult(
                name=s.name, role=s.role, weights={c: float(s.weights[c]) for c in crit if c in s.weights},
                winner=problem.options[st.winner] if st.winner is not None else None,
                tie=tuple(problem.options[i] for i in st.tie),
                scores={problem.options[i]: float(st.scores[i]) for i in st.order},
            ))
        else:
            results.append(StakeholderResult(s.name, s.role, {}, None, (), {}))

    disagreement = {
        c: Spread(min=float(shares[:, k].min()), max=float(shares[:, k].max()), std=float(shares[:, k].std()),
                  by_person={s.name: float(shares[j, k]) for j, s in enumerate(weighing)})
        for k, c in enumerate(crit)
    }

    group_st = standing(problem, group_weights)
    decisive, without = [], {}
    without_tie: dict[str, tuple[str, ...]] = {}
    if len(weighing) > 1:  # removing the only weighing person leaves no weights to decide with
        for j, s in enumerate(weighing):
            rest = np.delete(counts, j)
            if counts[j] == 0 or not rest.sum() > 0:
                continue  # who does not count cannot be decisive; nobody left who counts: no answer to compare
            others = np.delete(shares, j, axis=0)
            st = standing(problem, aggregate(others, resolved.aggregation, rest))
            without[s.name] = problem.options[st.winner] if st.winner is not None else None
            without_tie[s.name] = tuple(problem.options[i] for i in st.tie)
            if (st.winner, st.tie) != (group_st.winner, group_st.tie):
                decisive.append(s.name)

    ev = replace(ev, aggregation=resolved.aggregation, stakeholders=tuple(results),
                 disagreement=disagreement, decisive=tuple(decisive), without=without, without_tie=without_tie,
                 consulted_weight=resolved.consulted_weight)
    intro, rest = group_sentences(ev, len(weighing), any(s.role == "consulted" for s in weighing))
    return replace(ev, verdict=" ".join(p for p in (intro, ev.verdict, rest) if p))


def roles_sentence(consulted_weight: float | None) -> str:
    """How roles count in the group's weights, in words (said beside the group's weights)."""
    cw = 1.0 if consulted_weight is None else consulted_weight
    if cw == 1:
        return "consulted people count as much as decision-makers"
    if cw == 0:
        return "only decision-makers' weights count; consulted people's views are shown but do not count"
    if cw == 0.5:
        return "consulted people count half as much as decision-makers"
    return f"a consulted person counts {cw:g} of a decision-maker"


def decisive_outcome(ev: Evaluation, name: str) -> str:
    """What leaving out ``name`` would do to the group's answer, compared with the answer it has now."""
    names = ev.option_names
    from scoring.verdict import _join

    winner = ev.without.get(name)
    tie = ev.without_tie.get(name, ())
    if winner is not None:
        if ev.winner is None and ev.tie:
            return f"break the tie in favour of {names.get(winner, winner)}"
        return f"make {names.get(winner, winner)} the group's pick"
    if tie:
        listed = _join([names.get(o, o) for o in tie])
        if ev.winner is None and ev.tie:
            if set(tie) < set(ev.tie):
                return f"narrow the tie to {listed}"
            return f"change the tie to one of {listed}"
        return f"make the group's answer a tie of {listed}"
    return "leave the group with no answer"


def group_sentences(ev: Evaluation, n_weighing: int, consulted: bool = False) -> tuple[str, str]:
    """What the room adds to the verdict: how weights were pooled (said first, since the
    flip points quote group weights), then who prefers what and who is decisive."""
    from scoring.verdict import _join, pct

    names = ev.option_names
    how = ("the mean" if ev.aggregation == "arithmetic" else "the geometric mean")
    roles = f" ({roles_sentence(ev.consulted_weight)})" if consulted else ""
    if n_weighing == 1:  # a mean of one is that person's weights: say so, not "the mean of person's"
        intro = (f"Group weights are the one weighing person's normalised weights{roles}, scaled so the "
                 f"heaviest criterion is {SCALE_MAX:g}.")
    else:
        intro = (f"Group weights are {how} of {n_weighing} people's normalised weights{roles}, scaled so the "
                 f"heaviest criterion is {SCALE_MAX:g}.")
    out = []
    views = []
    for s in ev.stakeholders:
        if not s.scores:
            continue
        pick = names.get(s.winner, s.winner) if s.winner else ("a tie of " + _join([names[o] for o in s.tie])
                                                                  if s.tie else "no eligible option")
        views.append(f"{s.name} alone would pick {pick}")
    if views:
        out.append("; ".join(views) + ".")
    spread = sorted(ev.disagreement.items(), key=lambda kv: -(kv[1].max - kv[1].min))
    if spread and spread[0][1].max - spread[0][1].min > 0:
        c, sp = spread[0]
        lo = min(sp.by_person, key=lambda n: sp.by_person[n])
        hi = max(sp.by_person, key=lambda n: sp.by_person[n])
        out.append(f"The widest gap is on {ev.criterion_names[c]}: {pct(sp.min)} of the weight for {lo}, "
                   f"{pct(sp.max)} for {hi}.")
    if ev.decisive:
        out.append("Decisive: " + "; ".join(f"leaving out {n} would {decisive_outcome(ev, n)}"
                                            for n in ev.decisive) + ".")
    elif n_weighing > 1:
        out.append("Leaving out any one person does not change the group's answer.")
    return intro, " ".join(out)
