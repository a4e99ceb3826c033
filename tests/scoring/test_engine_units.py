"""Hand-worked examples of the engine: every expected number is derived in the comments."""
from __future__ import annotations

import math

import numpy as np
import pytest

from criteria.errors import InputError
from scoring import evaluate, kernels
from scoring.evaluation import Evaluation
from scoring_factory import make_matrix, req

# Two options, two criteria, opposite strengths.
OPPOSITE = {"alpha": {"speed": 5, "docs": 0}, "beta": {"speed": 0, "docs": 5}}


def test_scores_margin_and_contributions_by_hand():
    # speed 3, docs 1 -> shares 0.75 / 0.25; alpha = 100 * 0.75 * 5/5 = 75, beta = 25.
    ev = evaluate(make_matrix(OPPOSITE), req({"speed": 3, "docs": 1}))
    assert ev.winner == "alpha" and ev.runner_up == "beta"
    assert ev.scores == pytest.approx({"alpha": 75.0, "beta": 25.0})
    assert ev.margin == pytest.approx(50.0)
    assert ev.result("alpha").contributions == pytest.approx({"speed": 75.0, "docs": 0.0})
    assert [r.rank for r in ev.ranking] == [1, 2]
    assert ev.normalized_weights == pytest.approx({"speed": 0.75, "docs": 0.25})


def test_flip_points_by_hand():
    # Other weights fixed: raising docs to x gives alpha 15 vs beta 5x (numerators), equal at x = 3;
    # lowering speed to x gives alpha 5x vs beta 5 (docs 1 * 5), equal at x = 1.
    ev = evaluate(make_matrix(OPPOSITE), req({"speed": 3, "docs": 1}))
    flips = {f.criterion: f for f in ev.flip_points}
    assert flips["docs"].flip_weight == pytest.approx(3.0)
    assert flips["docs"].direction == "up" and flips["docs"].new_winner == "beta"
    assert flips["speed"].flip_weight == pytest.approx(1.0)
    assert flips["speed"].direction == "down" and flips["speed"].new_winner == "beta"
    assert flips["speed"].within_scale and flips["docs"].within_scale


def test_unweighted_criterion_gets_a_flip_point():
    # c only separates them: alpha 4 vs beta 5 on "x" (weight 0), alpha ahead on "y" by 1 point.
    m = make_matrix({"alpha": {"y": 3, "x": 4}, "beta": {"y": 2, "x": 5}})
    ev = evaluate(m, req({"y": 2}))
    # numerators: alpha 6 + 4x, beta 4 + 5x -> equal at x = 2.
    f = next(f for f in ev.flip_points if f.criterion == "x")
    assert f.current_weight == 0 and f.flip_weight == pytest.approx(2.0) and f.new_winner == "beta"


def test_flip_beyond_the_scale_is_said_plainly():
    m = make_matrix({"alpha": {"speed": 5, "docs": 0}, "beta": {"speed": 3.8, "docs": 1}})
    ev = evaluate(m, req({"speed": 10}))
    # Numerators with docs at weight x: alpha 10 * 5 = 50, beta 10 * 3.8 + x = 38 + x -> equal at 12,
    # beyond 0-10; lowering speed changes nothing (with docs at 0 both lines meet only at 0).
    f = next(f for f in ev.flip_points if f.criterion == "docs")
    assert f.flip_weight == pytest.approx(12.0) and not f.within_scale
    assert "No single weight within the 0-10 scale changes the answer" in ev.verdict
    assert "12" in ev.verdict  # the nearest tipping point is still named


def test_tie_is_explicit_and_not_decided_by_order():
    m = make_matrix({"zeta": {"speed": 4, "docs": 2}, "alpha": {"speed": 2, "docs": 4}})
    ev = evaluate(m, req({"speed": 1, "docs": 1}))  # both 60
    assert ev.winner is None
    assert ev.tie == ("alpha", "zeta") and ev.ties == (("alpha", "zeta"),)
    assert [r.rank for r in ev.ranking] == [1, 1]
    assert ev.margin == 0.0
    assert all(f.flip_weight is None for f in ev.flip_points)
    assert "tie" in ev.verdict and "Zeta" in ev.verdict and "Alpha" in ev.verdict
    d = ev.to_dict()
    assert d["winner"] is None and d["tie"] == ["alpha", "zeta"]
    # Symmetric options under equal weights: each wins about half the draws.
    assert ev.win_probability["alpha"] == pytest.approx(0.5, abs=0.03)


def test_competition_ranks_skip_after_a_tie():
    m = make_matrix({"a": {"s": 5}, "b": {"s": 3}, "c": {"s": 3}, "d": {"s": 1}})
    ev = evaluate(m, req({"s": 1}))
    assert [(r.option, r.rank) for r in ev.ranking] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_no_eligible_option_explains_and_suggests_relaxing():
    m = make_matrix({"alpha": {"speed": 5, "docs": 1}, "beta": {"speed": 2, "docs": 5}})
    ev = evaluate(m, req({"speed": 1}, {"speed": 4, "docs": 3}))
    assert ev.winner is None and ev.margin is None and ev.win_probability == {}
    assert "No option meets every must-have" in ev.verdict
    assert "Alpha by Docs (needs 3, rated 1)" in ev.verdict
    assert "Beta by Speed (needs 4, rated 2)" in ev.verdict
    # Both miss one must-have; alpha's shortfall is 2, beta's 2: the tie goes to the id, alpha.
    assert "relax Docs to 1 (Alpha then qualifies)" in ev.verdict
    assert ev.no_eligible_reason == ev.verdict


def test_only_one_eligible_option():
    m = make_matrix({"alpha": {"speed": 5, "docs": 1}, "beta": {"speed": 2, "docs": 5}})
    ev = evaluate(m, req({"speed": 1, "docs": 1}, {"docs": 3}))
    assert ev.winner == "beta" and ev.margin is None and ev.win_probability == {"beta": 1.0}
    assert "only option that meets every must-have" in ev.verdict
    assert "Alpha by Docs (needs 3, rated 1)" in ev.verdict


def test_verdict_names_what_carries_it_and_where_the_runner_up_is_stronger():
    m = make_matrix({"a": {"speed": 5, "docs": 2, "fun": 3}, "b": {"speed": 2, "docs": 4, "fun": 3}})
    ev = evaluate(m, req({"speed": 5, "docs": 3, "fun": 2}))
    # shares 0.5 / 0.3 / 0.2; a: 50 + 12 + 12 = 74, b: 20 + 24 + 12 = 56.
    assert ev.scores == pytest.approx({"a": 74.0, "b": 56.0})
    assert "A comes first with 74.0 of 100 points, 18.0 ahead of B (56.0)" in ev.verdict
    assert "Speed (+30.0 points: 50.0 against 20.0)" in ev.verdict
    assert "B is stronger on Docs (+12.0 points)" in ev.verdict


def test_win_probability_is_seeded_and_sums_to_one():
    m = make_matrix({"a": {"s": 5, "t": 1}, "b": {"s": 1, "t": 5}, "c": {"s": 3, "t": 3}})
    r = req({"s": 6, "t": 4})
    one, two, other = (evaluate(m, r, seed=s).win_probability for s in (7, 7, 8))
    assert one == two
    assert one != other
    assert sum(one.values()) == pytest.approx(1.0)


def test_dirichlet_draws_centre_on_the_weights_with_the_documented_spread():
    w = np.array([6.0, 3.0, 1.0, 0.0])
    draws = kernels.dirichlet_weights(w, 40_000, 50.0, np.random.default_rng(1))
    p = w / w.sum()
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert np.all(draws[:, 3] == 0.0)  # zero weights stay zero
    assert np.allclose(draws.mean(axis=0), p, atol=0.003)
    assert np.allclose(draws.std(axis=0), np.sqrt(p * (1 - p) / 51.0), rtol=0.05, atol=1e-12)


def test_more_concentration_means_less_doubt():
    m = make_matrix({"a": {"s": 5, "t": 1}, "b": {"s": 1, "t": 5}})
    r = req({"s": 6, "t": 4})  # a: 66, b: 34 -> clear winner
    loose = evaluate(m, r, concentration=2).win_probability["a"]
    firm = evaluate(m, r, concentration=500).win_probability["a"]
    assert firm > loose


def test_evaluation_is_frozen_and_to_dict_has_the_contract_keys():
    ev = evaluate(make_matrix(OPPOSITE), req({"speed": 3, "docs": 1}, {"docs": 0}))
    assert isinstance(ev, Evaluation)
    with pytest.raises(AttributeError):
        ev.winner = "beta"  # type: ignore[misc]
    d = ev.to_dict()
    for key in ("winner", "margin", "ranking", "flip_points", "win_probability", "verdict"):
        assert key in d
    assert set(d["ranking"][0]) == {"option", "score", "rank", "eligible", "contributions", "failed_must_haves"}
    assert {"criterion", "current_weight", "flip_weight", "new_winner"} <= set(d["flip_points"][0])
    assert d["ranking"][0]["score"] == 75.0 and isinstance(d["margin"], float)


def test_restricting_options_never_reorders_the_others():
    m = make_matrix({"a": {"s": 5, "t": 1}, "b": {"s": 1, "t": 5}, "c": {"s": 3, "t": 3}})
    everyone = evaluate(m, req({"s": 6, "t": 4}))
    two = evaluate(m, req({"s": 6, "t": 4}, options=["c", "b"]))
    assert two.scores == {o: s for o, s in everyone.scores.items() if o in ("b", "c")}
    assert two.options == ("b", "c")


@pytest.mark.parametrize("kwargs, key", [
    ({"samples": 0}, "samples"), ({"samples": 2_000_000}, "samples"), ({"samples": 1.5}, "samples"),
    ({"samples": True}, "samples"), ({"seed": -1}, "seed"), ({"seed": "x"}, "seed"),
    ({"concentration": 0}, "concentration"), ({"concentration": math.inf}, "concentration"),
    ({"concentration": math.nan}, "concentration"),
])
def test_bad_parameters_raise_input_error(kwargs, key):
    with pytest.raises(InputError) as info:
        evaluate(make_matrix(OPPOSITE), req({"speed": 1}), **kwargs)
    assert key in str(info.value)


@pytest.mark.parametrize("requirements, text", [
    (req({"sped": 1}), "Did you mean 'speed'"),
    (req({"speed": 1}, {"doc": 3}), "Did you mean 'docs'"),
    (req({"speed": 0, "docs": 0}), "all weights are zero"),
    (req({"speed": 1}, options=["alpha", "gamma"]), "unknown option 'gamma'"),
    (req({"speed": 1}, options=[]), "options list is empty"),
])
def test_requirements_built_in_python_are_checked_too(requirements, text):
    with pytest.raises(InputError) as info:
        evaluate(make_matrix(OPPOSITE), requirements)
    assert text in str(info.value)


def test_missing_rating_in_a_hand_built_matrix_is_reported():
    m = make_matrix({"alpha": {"speed": 5, "docs": 0}, "beta": {"speed": 1}}, criteria=["speed", "docs"])
    with pytest.raises(InputError) as info:
        evaluate(m, req({"speed": 1}))
    assert "option 'beta' has no rating for: docs" in str(info.value)


def test_tie_groups_anchor_on_the_first_score():
    # 10, 10 - 0.6e-9, 10 - 1.2e-9: the third is more than 1e-9 below the first, so not chained in.
    labels = kernels.tie_groups(np.array([10.0, 10.0 - 0.6e-9, 10.0 - 1.2e-9]))
    assert labels.tolist() == [0, 0, 1]


def test_weights_off_the_slider_scale_are_refused():
    # Issue 16, item 2: weights are on the sliders' 0-10 scale everywhere, so a verdict never has to
    # speak of another scale; decimals are fine.
    from pydantic import ValidationError

    for bad in (30, 10.5, -1):
        with pytest.raises(ValidationError, match="10|0"):
            req({"speed": bad, "docs": 1})
    ev = evaluate(make_matrix(OPPOSITE), req({"speed": 7.5, "docs": 2.5}))
    assert ev.scale_max == 10.0


def test_text_and_markdown_views_show_the_numbers():
    from scoring.render import render_markdown, render_text

    ev = evaluate(make_matrix(OPPOSITE), req({"speed": 3, "docs": 1}, title="Pick"))
    text, md = render_text(ev), render_markdown(ev)
    assert "Recommended: Alpha (75.0/100, 50.0 points ahead of Beta" in text
    assert "| 1 | Alpha | 75.0 |" in md and md.startswith("## Pick")
