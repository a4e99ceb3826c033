"""Meeting mode (issue 7): aggregation maths, per-person results, disagreement, decisive stakeholders."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria.errors import InputError
from criteria.models import Profile, Requirements, Stakeholder
from scoring import evaluate
from scoring.group import geometric_mean
from scoring_factory import make_matrix

# A is all speed, B all docs.
OPPOSITE = make_matrix({"a": {"speed": 5, "docs": 0}, "b": {"speed": 0, "docs": 5}})


def group(*people: tuple[str, str, dict], aggregation: str = "arithmetic", **extra) -> Requirements:
    return Requirements(stakeholders=[Stakeholder(name=n, role=r, weights=w) for n, r, w in people],
                        aggregation=aggregation, **extra)


def test_arithmetic_mean_of_normalised_weights_by_hand():
    # Shares: Ann (0.5, 0.5), Bob (1, 0) whatever their scale -> mean (0.75, 0.25).
    r = group(("Ann", "decision-maker", {"speed": 1, "docs": 1}), ("Bob", "consulted", {"speed": 10}))
    ev = evaluate(OPPOSITE, r)
    assert ev.normalized_weights == pytest.approx({"speed": 0.75, "docs": 0.25})
    assert ev.weights == pytest.approx({"speed": 10.0, "docs": 10 / 3})  # heaviest scaled to 10
    assert ev.scores == pytest.approx({"a": 75.0, "b": 25.0})
    assert ev.winner == "a" and ev.aggregation == "arithmetic"


def test_geometric_mean_by_hand_with_the_zero_floor():
    # Ann (0.5, 0.5), Bob (1, 0 -> floor 0.01): speed sqrt(0.5 * 1), docs sqrt(0.5 * 0.01),
    # ratio sqrt(100) = 10 -> shares 10/11 and 1/11.
    r = group(("Ann", "decision-maker", {"speed": 1, "docs": 1}), ("Bob", "consulted", {"speed": 10}),
              aggregation="geometric")
    ev = evaluate(OPPOSITE, r)
    assert ev.normalized_weights == pytest.approx({"speed": 10 / 11, "docs": 1 / 11})
    assert ev.aggregation == "geometric" and "geometric mean" in ev.verdict


def test_geometric_mean_keeps_criteria_nobody_weighs_at_zero():
    shares = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]])
    g = geometric_mean(shares)
    assert g[2] == 0.0 and math.isclose(g.sum(), 1.0)


def test_informed_people_do_not_weigh_but_are_listed():
    base = group(("Ann", "decision-maker", {"speed": 1, "docs": 3}))
    more = group(("Ann", "decision-maker", {"speed": 1, "docs": 3}), ("Olu", "informed", {}))
    a, b = evaluate(OPPOSITE, base), evaluate(OPPOSITE, more)
    assert a.normalized_weights == b.normalized_weights and a.scores == b.scores
    olu = b.stakeholders[1]
    assert (olu.name, olu.role, olu.winner, olu.scores) == ("Olu", "informed", None, {})


def test_disagreement_spread_by_hand():
    r = group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"speed": 2}),
              ("P3", "consulted", {"docs": 1}))
    ev = evaluate(OPPOSITE, r)
    speed = ev.disagreement["speed"]
    # Shares on speed: 1, 1, 0 -> min 0, max 1, population std sqrt(2/9).
    assert (speed.min, speed.max) == (0.0, 1.0)
    assert speed.std == pytest.approx(math.sqrt(2 / 9))
    assert speed.by_person == {"P1": 1.0, "P2": 1.0, "P3": 0.0}
    assert set(ev.to_dict()["disagreement"]) == {"speed", "docs"}


def test_decisive_stakeholders_by_hand():
    # Mean shares: speed 2/3, docs 1/3 -> a wins 66.7 to 33.3.
    # Without P1 (or P2): speed 1/2, docs 1/2 -> a tie, so the answer changes; without P3: speed only -> a.
    r = group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"speed": 2}),
              ("P3", "consulted", {"docs": 1}))
    ev = evaluate(OPPOSITE, r)
    assert ev.winner == "a"
    assert ev.decisive == ("P1", "P2")
    assert ev.to_dict()["decisive"] == ["P1", "P2"]
    assert ev.without == {"P1": None, "P2": None, "P3": "a"}
    assert "leaving out P1 would make the group's answer a tie" in ev.verdict


def test_nobody_decisive_is_an_empty_list():
    r = group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"speed": 2, "docs": 1}),
              ("P3", "consulted", {"speed": 1}))
    ev = evaluate(OPPOSITE, r)
    assert ev.decisive == () and ev.to_dict()["decisive"] == []


def test_a_single_weighing_person_is_the_group():
    alone = evaluate(OPPOSITE, Requirements(weights={"speed": 1, "docs": 3}))
    r = group(("Ann", "decision-maker", {"speed": 1, "docs": 3}), ("Olu", "informed", {}))
    ev = evaluate(OPPOSITE, r)
    assert ev.scores == pytest.approx(alone.scores) and ev.winner == alone.winner
    assert ev.decisive == ()


PEOPLE = st.lists(
    st.tuples(st.sampled_from(["decision-maker", "consulted", "informed"]),
              st.dictionaries(st.sampled_from(["speed", "docs", "fun"]), st.integers(0, 10), min_size=1)),
    min_size=1, max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PEOPLE, st.sampled_from(["arithmetic", "geometric"]))
def test_each_person_gets_what_they_would_get_alone(people, aggregation):
    people = [(role, w) for role, w in people if role == "informed" or sum(w.values()) > 0]
    if not any(role != "informed" for role, _ in people):
        people.append(("decision-maker", {"speed": 1}))
    m = make_matrix({"x": {"speed": 4, "docs": 1, "fun": 3}, "y": {"speed": 2, "docs": 5, "fun": 0},
                     "z": {"speed": 3, "docs": 3, "fun": 3}})
    r = group(*[(f"p{i}", role, w if role != "informed" else {}) for i, (role, w) in enumerate(people)],
              aggregation=aggregation, must_have={"fun": 1})
    ev = evaluate(m, r, samples=200)
    for s, (role, w) in zip(ev.stakeholders, people):
        if role == "informed":
            assert s.scores == {} and s.winner is None
            continue
        alone = evaluate(m, Requirements(weights=w, must_have={"fun": 1}), samples=200)
        assert s.scores == alone.scores  # bit for bit: the same computation
        assert (s.winner, s.tie) == (alone.winner, alone.tie)
    # The group's weights are a proper average: shares sum to 1 and lie within the people's range.
    shares = ev.normalized_weights
    assert math.isclose(sum(shares.values()), 1.0)
    if aggregation == "arithmetic":
        for c, spread in ev.disagreement.items():
            assert spread.min - 1e-12 <= shares[c] <= spread.max + 1e-12


def test_profile_supplies_weights_and_own_weights_override():
    profiles = [Profile(id="fast", name="Fast", description="speed first", weights={"speed": 9, "docs": 1})]
    r = Requirements(stakeholders=[
        Stakeholder(name="Ann", profile="fast"),
        Stakeholder(name="Bob", profile="fast", weights={"docs": 9}),
    ])
    ev = evaluate(OPPOSITE, r, profiles=profiles)
    ann, bob = ev.stakeholders
    assert ann.weights == {"speed": 9, "docs": 1} and bob.weights == {"speed": 9, "docs": 9}
    # Shares: Ann (0.9, 0.1), Bob (0.5, 0.5) -> mean (0.7, 0.3).
    assert ev.normalized_weights == pytest.approx({"speed": 0.7, "docs": 0.3})


def test_unknown_profile_is_an_input_error_with_a_suggestion():
    profiles = {"fast": Profile(id="fast", name="Fast", description="d", weights={"speed": 1})}
    r = Requirements(stakeholders=[Stakeholder(name="Ann", profile="fats")])
    with pytest.raises(InputError) as info:
        evaluate(OPPOSITE, r, profiles=profiles)
    text = str(info.value)
    assert "stakeholders[0].profile" in text and "Did you mean 'fast'" in text
    with pytest.raises(InputError):
        evaluate(OPPOSITE, r)  # no profiles supplied at all


def test_group_to_dict_keys():
    r = group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"docs": 2}))
    d = evaluate(OPPOSITE, r).to_dict()
    for key in ("winner", "margin", "ranking", "flip_points", "win_probability", "verdict",
                "stakeholders", "disagreement", "decisive"):
        assert key in d
    assert set(d["stakeholders"][0]) >= {"name", "role", "winner", "scores"}
    assert set(d["disagreement"]["speed"]) >= {"min", "max", "std", "by_person"}


def test_group_views_list_people_and_the_decisive():
    from scoring.render import render_markdown, render_text

    r = group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"speed": 2}),
              ("P3", "consulted", {"docs": 1}), ("Olu", "informed", {}))
    ev = evaluate(OPPOSITE, r)
    text, md = render_text(ev), render_markdown(ev)
    assert "Olu" in text and "(does not weigh)" in text
    assert "Decisive (leaving one out changes the group's answer): P1, P2" in text
    assert "| P3 | consulted | B | 0.0 | 100.0 |" in md
    assert "around the group's" in ev.verdict
