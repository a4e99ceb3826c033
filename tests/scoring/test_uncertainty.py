"""Issue 15: rating ranges, robustness under both uncertainties, rating flips, stability intervals,
the two-way grid, and the meeting-mode path.

Expected winners come from plain-Python arithmetic in this file (the weighted
sum written out again), never from the code under test.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from criteria import load_matrix
from criteria.models import Evidence, Matrix, Option, RatingEntry, Requirements, Source, Stakeholder
from criteria.ranges import DEFAULT_HALF_WIDTH, rating_ranges
from scoring import evaluate, kernels
from scoring.uncertainty import count_wins, triangular
from scoring_factory import SOURCE, criterion, make_matrix, req

SAMPLES = 400
RATINGS = st.sampled_from([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- plain arithmetic

def plain_score(row: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(100 * (weights[c] / total) * row[c] / 5 for c in weights)


def winner_of(ratings, weights, must_have=None):
    """The unique best eligible option, or None (a tie at the top within 1e-9, or none eligible)."""
    must_have = must_have or {}
    eligible = [o for o, row in ratings.items() if all(row[c] >= v for c, v in must_have.items())]
    if not eligible:
        return None
    scores = sorted(((plain_score(ratings[o], weights), o) for o in eligible), reverse=True)
    if len(scores) > 1 and scores[0][0] - scores[1][0] <= 1e-9:
        return None
    return scores[0][1]


def with_rating(ratings, option, criterion, value):
    out = {o: dict(row) for o, row in ratings.items()}
    out[option][criterion] = value
    return out


@st.composite
def problems(draw, must: bool = True):
    n_crit = draw(st.integers(1, 5))
    n_opt = draw(st.integers(2, 5))
    crit = [f"c{k}" for k in range(n_crit)]
    ratings = {f"o{i}": {c: draw(RATINGS) for c in crit} for i in range(n_opt)}
    weights = {c: draw(st.one_of(st.integers(0, 10), st.floats(0.05, 10))) for c in crit}
    if sum(weights.values()) <= 0:
        weights[crit[0]] = draw(st.integers(1, 10))
    must_have = {}
    if must:
        for c in draw(st.lists(st.sampled_from(crit), max_size=2, unique=True)):
            must_have[c] = draw(RATINGS)
    return ratings, weights, must_have


def _synthetic(rating, rationale, evidence, conflict, range_) -> RatingEntry:
    """A rating entry; real-valued ratings pass the whole-number data rule (tested in tests/data),
    since the engine's maths is general."""
    if float(rating).is_integer():
        return RatingEntry(rating=int(rating), rationale=rationale, evidence=evidence, conflict=conflict,
                           range=range_)
    return RatingEntry.model_construct(rating=rating, rationale=rationale, evidence=evidence, conflict=conflict,
                                       facts=None, range=None if range_ is None else tuple(range_))


def ranged_matrix(ratings, ranges) -> Matrix:
    """Like make_matrix, with ``ranges[(option, criterion)] = (lo, hi)`` on the given cells."""
    crit = list(next(iter(ratings.values())))
    ev = Evidence(source="synthetic", where="n/a", claim="synthetic", verdict="current")
    options = [Option(id=o, name=o.title(), ratings={
        c: _synthetic(v, "synthetic", [ev], None, ranges.get((o, c)))
        for c, v in row.items()}) for o, row in ratings.items()]
    return Matrix(criteria=[criterion(c) for c in crit], options=options, sources=[SOURCE])


# --------------------------------------------------------------------------- robustness

@SETTINGS
@given(problems())
def test_zero_width_ranges_give_the_winner_every_rating_draw(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=SAMPLES)
    assume(ev.winner is not None)
    assert ev.robustness.ratings[ev.winner] == 1.0
    assert ev.robustness.uncertain_cells == 0
    # With nothing to vary in the ratings, "both" is "weights" draw for draw.
    assert ev.robustness.both == ev.robustness.weights


@SETTINGS
@given(problems(), st.integers(0, 2**31))
def test_weights_share_is_the_win_probability_and_the_old_kernel(problem, seed):
    ratings, weights, must_have = problem
    m = make_matrix(ratings)
    ev = evaluate(m, req(weights, must_have), samples=SAMPLES, seed=seed)
    assume(ev.eligible)
    assert ev.robustness.weights == ev.win_probability
    # The kernel the win probability used before issue 15, on the eligible options.
    elig = [o for o in sorted(ratings) if o in ev.eligible]
    R = np.array([[ratings[o][c] for c in ratings[elig[0]]] for o in elig])
    w = np.array([float(weights[c]) for c in ratings[elig[0]]])
    old = kernels.win_shares(R, w, SAMPLES, ev.concentration, seed)
    assert {o: pytest.approx(p, abs=1e-12) for o, p in zip(elig, old)} == ev.win_probability


@SETTINGS
@given(problems(), st.data())
def test_ruled_out_options_never_win_a_draw_and_shares_sum_to_one(problem, data):
    ratings, weights, must_have = problem
    # Every rating ranged over the whole scale: the widest rating uncertainty there is.
    ranges = {(o, c): (0.0, 5.0) for o, row in ratings.items() for c in row}
    ev = evaluate(ranged_matrix(ratings, ranges), req(weights, must_have), samples=SAMPLES,
                  seed=data.draw(st.integers(0, 1000)))
    rb = ev.robustness
    if not ev.eligible:
        assert rb is None
        return
    for shares in (rb.weights, rb.ratings, rb.both):
        assert set(shares) == set(ev.eligible)
        assert sum(shares.values()) == pytest.approx(1.0)
        assert all(0 <= p <= 1 for p in shares.values())


def test_robustness_is_seeded_and_reproducible():
    ratings = {"a": {"x": 4, "y": 2}, "b": {"x": 3, "y": 4}}
    m = ranged_matrix(ratings, {("a", "x"): (2, 5), ("b", "y"): (2, 5)})
    one = evaluate(m, req({"x": 6, "y": 4}), seed=7).robustness
    two = evaluate(m, req({"x": 6, "y": 4}), seed=7).robustness
    other = evaluate(m, req({"x": 6, "y": 4}), seed=8).robustness
    assert one == two
    assert one.ratings != other.ratings
    assert (one.samples, one.seed) == (10_000, 7)


def test_ratings_share_matches_the_probability_worked_by_hand():
    # a: x 4 (range 2-5), y 2; b: x 3, y 4 (exact). Weights x 1, y 1: a = 20 (x + 2) / 2 ... a wins iff
    # x_a + 2 > 3 + 4, i.e. x_a > 5: never. Now weights x 3, y 1: a wins iff 3 x_a + 2 > 9 + 4, x_a > 11/3.
    # x_a ~ Triangular(2, 4, 5): P(x > 11/3) = 1 - (11/3 - 2)^2 / ((5 - 2)(4 - 2)) = 1 - (25/9)/6 = 0.537.
    m = ranged_matrix({"a": {"x": 4, "y": 2}, "b": {"x": 3, "y": 4}}, {("a", "x"): (2, 5)})
    ev = evaluate(m, req({"x": 3, "y": 1}), samples=200_000, seed=1)
    assert ev.robustness.ratings["a"] == pytest.approx(1 - (25 / 9) / 6, abs=0.005)
    assert ev.robustness.uncertain_cells == 1


def test_triangular_inverse_cdf():
    u = np.linspace(0, 1, 200_001)[:-1]
    x = triangular(np.full_like(u, 1.0), np.full_like(u, 2.0), np.full_like(u, 5.0), u)
    assert x.min() >= 1.0 and x.max() <= 5.0
    assert x.mean() == pytest.approx((1 + 2 + 5) / 3, abs=1e-3)  # the triangular mean
    assert np.all(triangular(np.array([3.0]), np.array([3.0]), np.array([3.0]), np.array([0.7])) == 3.0)


def test_ties_in_a_draw_split_the_win():
    wins = count_wins(np.array([[1.0, 1.0, 0.0], [2.0, 1.0, 0.0]]))
    assert wins.tolist() == [1.5, 0.5, 0.0]


# --------------------------------------------------------------------------- rating flips

@SETTINGS
@given(problems())
def test_every_rating_flip_applied_changes_the_winner_and_just_short_does_not(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=50)
    assume(ev.winner is not None)
    total = sum(weights.values())
    for f in ev.rating_flips:
        assert 0 <= f.flips_at <= 5
        assert f.rating == ratings[f.option][f.criterion]
        g = 20 * weights[f.criterion] / total  # score points per rating point
        eps = 1e-6 * max(1.0, 1.0 / g)
        step = eps if f.flips_at > f.rating else -eps
        assert winner_of(with_rating(ratings, f.option, f.criterion, f.flips_at), weights, must_have) != ev.winner
        if f.distance > 2 * eps:
            assert winner_of(with_rating(ratings, f.option, f.criterion, f.flips_at - step), weights,
                             must_have) == ev.winner
        past = f.flips_at + step
        if 0 <= past <= 5 and f.winner_then is not None:
            assert winner_of(with_rating(ratings, f.option, f.criterion, past), weights, must_have) == f.winner_then
    distances = [f.distance for f in ev.rating_flips]
    assert distances == sorted(distances)


@SETTINGS
@given(problems())
def test_no_rating_outside_the_list_changes_the_winner(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=50)
    assume(ev.winner is not None)
    listed = {(f.option, f.criterion) for f in ev.rating_flips}
    for o in ev.eligible:
        for c in ratings[o]:
            if (o, c) in listed:
                continue
            # Must-haves are the team's line: the winner's rating is only moved down to its must-have.
            low = max(0.0, must_have.get(c, 0.0)) if o == ev.winner else 0.0
            for value in (low, 5.0):
                assert winner_of(with_rating(ratings, o, c, value), weights, must_have) == ev.winner, (o, c, value)


def test_rating_flip_worked_by_hand(capsys):
    # alpha 4/2, beta 2/5, weights 3/1: alpha 70, beta 55. Alpha's speed falls to x: 15x + 10 = 55 -> x = 3.
    # Beta's docs rises to x: 30 + 5x = 70 -> x = 8 > 5, not listed; beta's speed: 15x + 25 = 70 -> x = 3.
    # Alpha's docs falls to x: 60 + 5x = 55 -> x = -1, not listed.
    m = make_matrix({"alpha": {"speed": 4, "docs": 2}, "beta": {"speed": 2, "docs": 5}})
    ev = evaluate(m, req({"speed": 3, "docs": 1}))
    got = [(f.option, f.criterion, f.rating, round(f.flips_at, 9), f.winner_then) for f in ev.rating_flips]
    assert got == [("alpha", "speed", 4.0, 3.0, "beta"), ("beta", "speed", 2.0, 3.0, "beta")]
    assert "If Alpha's Speed rating were below 3 instead of 4, Beta would win: check that evidence first." \
        in ev.verdict
    assert ev.to_dict()["rating_flips"][0] == {"option": "alpha", "criterion": "speed", "rating": 4.0,
                                               "flips_at": 3.0, "winner_then": "beta"}


def test_a_winners_must_have_rating_is_not_lowered_below_the_must_have():
    m = make_matrix({"alpha": {"speed": 4, "docs": 2}, "beta": {"speed": 2, "docs": 5}})
    ev = evaluate(m, req({"speed": 3, "docs": 1}, must_have={"speed": 3.5}))
    # Alpha's speed would flip at 3, below the must-have 3.5: a must-have question, not listed.
    assert ("alpha", "speed") not in {(f.option, f.criterion) for f in ev.rating_flips}


# --------------------------------------------------------------------------- stability intervals

@SETTINGS
@given(problems())
def test_just_inside_the_stability_interval_keeps_the_winner_and_just_outside_changes_it(problem):
    ratings, weights, must_have = problem
    ev = evaluate(make_matrix(ratings), req(weights, must_have), samples=50)
    assume(ev.winner is not None)
    assert set(ev.stability) == set(ratings[ev.winner])
    for c, (low, high) in ev.stability.items():
        w = weights[c]
        assert low is not None and low <= w and (high is None or high >= w)
        eps = 1e-6 * max(1.0, sum(weights.values()))

        def at(x: float) -> str | None:
            return winner_of(ratings, {**weights, c: x}, must_have)

        if low > 0:
            if w - low > 2 * eps:
                assert at(low + eps) == ev.winner
            assert at(low - eps) != ev.winner
        if high is not None:
            if high - w > 2 * eps:
                assert at(high - eps) == ev.winner
            assert at(high + eps) != ev.winner
        else:
            assert at(w + 1000) in (ev.winner, None)  # None: only a rounding tie far out


def test_stability_is_in_the_users_units_and_json_null_when_unbounded():
    m = make_matrix({"alpha": {"speed": 4, "docs": 2}, "beta": {"speed": 2, "docs": 5}})
    ev = evaluate(m, req({"speed": 9, "docs": 3}))  # 36 + 2d = 18 + 5d at docs 6; 4s + 6 = 2s + 15 at speed 4.5
    data = ev.to_dict()["stability"]
    assert data["docs"] == {"low": 0.0, "high": 6.0}
    assert data["speed"] == {"low": 4.5, "high": None}


# --------------------------------------------------------------------------- two-way sensitivity

@SETTINGS
@given(problems(must=False))
def test_two_way_grid_matches_plain_arithmetic(problem):
    ratings, weights, _ = problem
    assume(len(weights) >= 2)
    ev = evaluate(make_matrix(ratings), req(weights), samples=50)
    assume(ev.winner is not None)
    tw = ev.two_way
    a, b = tw.criteria
    for r in range(0, len(tw.grid), 8):
        for col in range(0, len(tw.grid), 8):
            w = {**weights, a: tw.grid[col], b: tw.grid[r]}
            expected = winner_of(ratings, w) if sum(w.values()) > 0 else None
            assert tw.winners[r][col] == expected


def test_two_way_picks_the_criteria_nearest_to_flipping():
    m = make_matrix({"alpha": {"speed": 4, "docs": 2, "ops": 3}, "beta": {"speed": 2, "docs": 5, "ops": 3}})
    ev = evaluate(m, req({"speed": 3, "docs": 1, "ops": 5}))
    # Flip distances: docs 1 -> 2 (1 away), speed 3 -> 1.5 (1.5 away); ops never flips.
    assert ev.two_way.criteria == ("docs", "speed")
    assert ev.two_way.current == (1.0, 3.0)


# --------------------------------------------------------------------------- ties, meeting mode

def test_a_tie_at_the_top_has_no_flips_or_stability_and_splits_the_draws():
    m = make_matrix({"a": {"x": 4, "y": 2}, "b": {"x": 2, "y": 4}})
    ev = evaluate(m, req({"x": 5, "y": 5}))
    assert ev.winner is None and ev.tie == ("a", "b")
    assert ev.rating_flips == () and ev.stability == {} and ev.two_way is None
    assert ev.robustness.ratings == {"a": 0.5, "b": 0.5}
    data = ev.to_dict()
    assert data["rating_flips"] == [] and data["stability"] == {}


def test_meeting_mode_varies_the_group_weights():
    m = make_matrix({"a": {"x": 4, "y": 2}, "b": {"x": 3, "y": 4}})
    group = Requirements(stakeholders=[Stakeholder(name="P", weights={"x": 9, "y": 1}),
                                       Stakeholder(name="Q", weights={"x": 1, "y": 1})])
    ev = evaluate(m, group, seed=3)
    alone = evaluate(m, req(ev.weights), seed=3)  # the group's weights, typed in by one person
    assert ev.robustness == alone.robustness
    assert ev.rating_flips == alone.rating_flips and ev.stability == alone.stability
    assert "robustness" in ev.to_dict() and ev.to_dict()["decisive"] is not None


# --------------------------------------------------------------------------- default ranges

def _entry(rating, verdict="current", conflict=None, range_=None, source="synthetic"):
    ev = Evidence(source=source, where="n/a", claim="c", verdict=verdict)
    return _synthetic(rating, "r", [ev], conflict, range_)


def test_default_range_rule():
    old = Source(id="old", title="Old", publisher="p", published="2020-01", kind="article")
    m = Matrix(criteria=[criterion(c) for c in ("a", "b", "c", "d", "e")], sources=[SOURCE, old], options=[
        Option(id="o", name="O", ratings={
            "a": _entry(4.5, verdict="unverified"),  # only unverified: 3.5-5 (clipped)
            "b": _entry(0.5, conflict="sources disagree"),  # disputed: 0-1.5 (clipped)
            "c": _entry(3, source="old"),  # stale against a 2026 reference: 2-4
            "d": _entry(3, verdict="unverified", range_=(2.5, 3)),  # the file's own range wins
            "e": _entry(3),  # recent, checked, undisputed: exact
        })])
    r = rating_ranges(m, reference=date(2026, 11, 21))
    assert DEFAULT_HALF_WIDTH == 1.0
    assert (r[("o", "a")].lo, r[("o", "a")].hi, r[("o", "a")].origin) == (3.5, 5.0, "default")
    assert (r[("o", "b")].lo, r[("o", "b")].hi) == (0.0, 1.5)
    assert (r[("o", "c")].lo, r[("o", "c")].hi) == (2.0, 4.0)
    assert "older than 18 months" in r[("o", "c")].reasons[0]
    assert (r[("o", "d")].lo, r[("o", "d")].hi, r[("o", "d")].origin) == (2.5, 3.0, "file")
    assert (r[("o", "e")].lo, r[("o", "e")].hi, r[("o", "e")].origin) == (3.0, 3.0, "exact")
    assert r[("o", "a")].label() == "4.5 (3.5-5)" and r[("o", "e")].label() == "3"


def test_shipped_matrix_ranges_follow_the_rule_from_its_checked_date():
    m = load_matrix()
    r = rating_ranges(m)
    for o in m.options:
        for c, entry in o.ratings.items():
            rr = r[(o.id, c)]
            disputed = entry.conflict is not None or all(e.verdict.value == "unverified" for e in entry.evidence)
            if entry.range is None and disputed:
                assert rr.width > 0 and rr.lo == max(0, entry.rating - 1) and rr.hi == min(5, entry.rating + 1)
