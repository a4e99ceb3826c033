"""Property-based tests of the engine (issue 3, "Done when").

Expected values come from plain-Python re-computations in this file (the
formula of the issue written out again), never from the code under test.
"""
from __future__ import annotations

import math
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scoring import evaluate
from scoring_factory import make_matrix, req

SAMPLES = 300  # enough to exercise the sampling; the properties do not depend on it
RATINGS = st.sampled_from([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw, min_options: int = 2, must: bool = True):
    n_crit = draw(st.integers(1, 5))
    n_opt = draw(st.integers(min_options, 5))
    crit = [f"c{k}" for k in range(n_crit)]
    ratings = {f"o{i}": {c: draw(RATINGS) for c in crit} for i in range(n_opt)}
    # Float weights from 0.001 up: subnormal weights would underflow when scaled, a test artefact.
    weights = {c: draw(st.one_of(st.integers(0, 10), st.floats(1e-3, 10))) for c in crit}
    if sum(weights.values()) <= 0:
        weights[crit[0]] = draw(st.integers(1, 10))
    must_have = {}
    if must:
        for c in draw(st.lists(st.sampled_from(crit), max_size=2, unique=True)):
            must_have[c] = draw(RATINGS)
    return ratings, weights, must_have


def plain_score(row: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(100 * (weights[c] / total) * row[c] / 5 for c in weights)


def winner_of(ratings, weights, must_have):
    """The unique best eligible option by plain arithmetic, or None (tie / none eligible)."""
    eligible = [o for o, row in ratings.items() if all(row[c] >= v for c, v in must_have.items())]
    if not eligible:
        return None
    scores = sorted(((plain_score(ratings[o], weights), o) for o in eligible), reverse=True)
    if len(scores) > 1 and scores[0][0] - scores[1][0] <= 1e-9:
        return None
    return scores[0][1]


@SETTINGS
@given(problems(), st.floats(0.01, 1))
def test_scaling_all_weights_changes_nothing(problem, factor):
    # Factors up to 1: weights stay on the 0-10 scale the Requirements model enforces (issue 16, item 2).
    ratings, weights, must_have = problem
    m = make_matrix(ratings)
    a = evaluate(m, req(weights, must_have), samples=SAMPLES)
    b = evaluate(m, req({c: w * factor for c, w in weights.items()}, must_have), samples=SAMPLES)
    for ra, rb in zip(a.ranking, b.ranking):
        assert math.isclose(ra.score, rb.score, rel_tol=1e-9, abs_tol=1e-9)
        assert ra.eligible == rb.eligible
    gaps = [abs(x.score - y.score) for x in a.ranking for y in a.ranking if x is not y]
    if all(g == 0 or g > 1e-6 for g in gaps):  # no near-tie that rounding could tip
        assert [r.option for r in a.ranking] == [r.option for r in b.ranking]
        assert [r.rank for r in a.ranking] == [r.rank for r in b.ranking]
        assert a.winner == b.winner
        for fa, fb in zip(a.flip_points, b.flip_points):
            assert (fa.flip_weight is None) == (fb.flip_weight is None)
            if fa.flip_weight is not None:
                # Flip weights are in the user's units, so they scale with the weights.
                assert math.isclose(fa.flip_weight * factor, fb.flip_weight, rel_tol=1e-6)
                assert fa.new_winner == fb.new_winner
        # Same normalised weights -> same draws; allow one draw to tip on rounding.
        for o in a.win_probability:
            assert abs(a.win_probability[o] - b.win_probability[o]) <= 1 / SAMPLES + 1e-12


@SETTINGS
@given(problems(), st.randoms(use_true_random=False))
def test_option_order_in_the_input_changes_nothing(problem, rnd: random.Random):
    ratings, weights, must_have = problem
    order = list(ratings)
    shuffled = order[:]
    rnd.shuffle(shuffled)
    a = evaluate(make_matrix(ratings), req(weights, must_have, options=order), samples=SAMPLES)
    b = evaluate(make_matrix({o: ratings[o] for o in shuffled}), req(weights, must_have, options=shuffled[::-1]),
                 samples=SAMPLES)
    da, db = a.to_dict(), b.to_dict()
    # Only the list of options considered keeps the matrix's own order.
    assert da.pop("options") == order and db.pop("options") == shuffled
    assert da == db


@SETTINGS
@given(problems())
def test_contributions_sum_to_the_score_and_match_the_formula(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=SAMPLES)
    for r in ev.ranking:
        assert math.isclose(sum(r.contributions.values()), r.score, rel_tol=1e-12, abs_tol=1e-9)
        assert math.isclose(r.score, plain_score(ratings[r.option], weights), rel_tol=1e-12, abs_tol=1e-9)


@SETTINGS
@given(problems(), st.data())
def test_raising_a_rating_never_lowers_the_score(problem, data):
    ratings, weights, must_have = problem
    option = data.draw(st.sampled_from(sorted(ratings)))
    crit = data.draw(st.sampled_from(sorted(weights)))
    new = data.draw(st.floats(ratings[option][crit], 5))
    before = evaluate(make_matrix(ratings), req(weights, must_have), samples=SAMPLES)
    raised = {o: dict(row) for o, row in ratings.items()}
    raised[option][crit] = new
    after = evaluate(make_matrix(raised), req(weights, must_have), samples=SAMPLES)
    assert after.result(option).score >= before.result(option).score - 1e-12
    for o in ratings:
        if o != option:  # no normalisation across options: the others do not move
            assert after.result(o).score == before.result(o).score


@SETTINGS
@given(problems())
def test_must_have_filtering_is_exact(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=SAMPLES)
    for r in ev.ranking:
        expected = [(c, v, ratings[r.option][c]) for c, v in must_have.items() if ratings[r.option][c] < v]
        assert [(f.criterion, f.required, f.rating) for f in r.failed_must_haves] == expected
        assert r.eligible == (not expected)
    # Eligible options come first, and only they can win or get a win share.
    flags = [r.eligible for r in ev.ranking]
    assert flags == sorted(flags, reverse=True)
    assert set(ev.win_probability) == {r.option for r in ev.ranking if r.eligible}
    assert ev.winner == winner_of(ratings, weights, must_have)
    if ev.winner is None and not any(flags):
        assert "No option meets every must-have" in ev.verdict


def _crossings(ratings, weights, eligible, k):
    """Every weight of criterion k at which two eligible options score the same (plain algebra)."""
    out = []
    for a in eligible:
        for b in eligible:
            if a < b:
                ra, rb = ratings[a][k], ratings[b][k]
                if ra != rb:
                    base_a = sum(weights[c] * ratings[a][c] for c in weights if c != k)
                    base_b = sum(weights[c] * ratings[b][c] for c in weights if c != k)
                    out.append((base_b - base_a) / (ra - rb))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(min_options=2))
def test_flip_points_are_exact(problem):
    """1 % past a reported flip weight the named option wins; 1 % short, the winner stays."""
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=10)
    assume(ev.winner is not None)
    eligible = [o for o in ratings if all(ratings[o][c] >= v for c, v in must_have.items())]
    for f in ev.flip_points:
        k = f.criterion
        if f.flip_weight is None:
            # No flip: the winner holds for every positive weight of k (sampled).
            for x in (f.current_weight / 2, f.current_weight * 2 + 1, 1000.0):
                trial = {**weights, k: x}
                if sum(trial.values()) > 0 and x > 0:
                    assert winner_of(ratings, trial, must_have) in (ev.winner, None)
            continue
        x = f.flip_weight
        past, short = (x * 1.01, x * 0.99) if f.direction == "up" else (x * 0.99, x * 1.01)
        # Skip windows holding another crossing, or probes where rounding decides.
        others = [c for c in _crossings(ratings, weights, eligible, k)
                  if min(past, short) <= c <= max(past, short) and not math.isclose(c, x, rel_tol=1e-9)]
        assume(not others)
        for probe in (past, short):
            scores = sorted((plain_score(ratings[o], {**weights, k: probe}) for o in eligible), reverse=True)
            assume(scores[0] - scores[1] > 1e-7)
        if f.new_winner is not None:
            assert winner_of(ratings, {**weights, k: past}, must_have) == f.new_winner
            if past <= 10:  # the engine itself only takes weights on the 0-10 scale
                assert evaluate(make_matrix(ratings), req({**weights, k: past}, must_have), samples=10).winner \
                    == f.new_winner
        assert winner_of(ratings, {**weights, k: short}, must_have) == ev.winner
        if short <= 10:
            assert evaluate(make_matrix(ratings), req({**weights, k: short}, must_have), samples=10).winner \
                == ev.winner


@SETTINGS
@given(problems(), st.integers(0, 2**32))
def test_same_seed_same_output(problem, seed):
    ratings, weights, must_have = problem
    m = make_matrix(ratings)
    a = evaluate(m, req(weights, must_have), samples=SAMPLES, seed=seed)
    b = evaluate(m, req(weights, must_have), samples=SAMPLES, seed=seed)
    assert a.to_dict() == b.to_dict()
    assert a == b  # full precision too


@SETTINGS
@given(problems())
def test_ties_share_a_rank_and_never_pick_a_winner(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=SAMPLES)
    for group in ev.ties:
        ranks = {ev.result(o).rank for o in group}
        assert len(ranks) == 1
        assert list(group) == sorted(group)  # within a tie: by id, never by input order
    if ev.tie:
        assert ev.winner is None and ev.margin == 0.0
        assert "tie" in ev.verdict
    assert math.isclose(sum(ev.win_probability.values()), 1.0) or not ev.win_probability
