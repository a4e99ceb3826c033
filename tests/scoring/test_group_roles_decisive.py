"""Issue 16, items 5 and 6: how roles count in the group's weights, and decisive notes that compare
with the group's actual answer. Expected shares are worked out by hand in the comments."""
from __future__ import annotations

import math

import pytest

from criteria.models import Requirements, Stakeholder
from scoring import evaluate
from scoring.group import decisive_outcome
from scoring_factory import make_matrix

OPPOSITE = make_matrix({"a": {"speed": 5, "docs": 0}, "b": {"speed": 0, "docs": 5}})
# Each option is all one criterion: weighing one criterion alone picks its option.
THREE = make_matrix({"a": {"c1": 5, "c2": 0, "c3": 0}, "b": {"c1": 0, "c2": 5, "c3": 0},
                     "c": {"c1": 0, "c2": 0, "c3": 5}})


def group(*people, **extra) -> Requirements:
    return Requirements(stakeholders=[Stakeholder(name=n, role=r, weights=w) for n, r, w in people], **extra)


ANN_BOB = (("Ann", "decision-maker", {"speed": 1}), ("Bob", "consulted", {"docs": 1}))


def test_by_default_consulted_people_count_as_decision_makers_and_the_verdict_says_so():
    ev = evaluate(OPPOSITE, group(*ANN_BOB), samples=200)
    assert ev.normalized_weights == pytest.approx({"speed": 0.5, "docs": 0.5})
    assert "consulted people count as much as decision-makers" in ev.verdict


def test_consulted_at_half_weight_by_hand():
    # Shares Ann (1, 0) x 1, Bob (0, 1) x 0.5 -> speed 1 / 1.5 = 2/3, docs 0.5 / 1.5 = 1/3.
    ev = evaluate(OPPOSITE, group(*ANN_BOB, consulted_weight=0.5), samples=200)
    assert ev.normalized_weights == pytest.approx({"speed": 2 / 3, "docs": 1 / 3})
    assert ev.winner == "a"
    assert "consulted people count half as much as decision-makers" in ev.verdict
    assert ev.to_dict()["consulted_weight"] == 0.5


def test_consulted_at_half_weight_geometric_by_hand():
    # Weighted geometric mean, exponents 1/1.5 and 0.5/1.5, zero shares floored at 0.01:
    # speed 1^(2/3) * 0.01^(1/3), docs 0.01^(2/3) * 1^(1/3); ratio 0.01^(1/3) / 0.01^(2/3) = 0.01^(-1/3).
    ev = evaluate(OPPOSITE, group(*ANN_BOB, consulted_weight=0.5, aggregation="geometric"), samples=200)
    ratio = 0.01 ** (-1 / 3)
    assert ev.normalized_weights["speed"] == pytest.approx(ratio / (1 + ratio))


def test_consulted_not_counting_leaves_the_decision_makers_and_is_never_decisive():
    ev = evaluate(OPPOSITE, group(*ANN_BOB, consulted_weight=0), samples=200)
    assert ev.normalized_weights == pytest.approx({"speed": 1.0, "docs": 0.0})
    assert "Bob" not in ev.decisive
    # Their own view is still shown.
    assert next(s for s in ev.stakeholders if s.name == "Bob").winner == "b"
    assert "only decision-makers' weights count" in ev.verdict


def test_consulted_weight_outside_0_to_1_is_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        group(*ANN_BOB, consulted_weight=2)


def test_a_decisive_person_in_a_tied_group_is_compared_with_the_actual_tie():
    # Shares 1/3 each: a, b and c tie. Without Ann: c2 and c3 at 1/2 -> b and c tie.
    ev = evaluate(THREE, group(("Ann", "decision-maker", {"c1": 1}), ("Bob", "decision-maker", {"c2": 1}),
                               ("Cy", "decision-maker", {"c3": 1})), samples=200)
    assert ev.winner is None and set(ev.tie) == {"a", "b", "c"}
    assert set(ev.decisive) == {"Ann", "Bob", "Cy"}
    assert "make the group's answer a tie" not in ev.verdict
    assert decisive_outcome(ev, "Ann") == "narrow the tie to B and C"
    assert "leaving out Ann would narrow the tie to B and C" in ev.verdict


def test_a_decisive_person_who_breaks_a_tie():
    # Ann (1, 0) and Bob (0, 1): a tie at 50. Without Ann, Bob alone picks b.
    ev = evaluate(OPPOSITE, group(*ANN_BOB), samples=200)
    assert ev.winner is None
    assert decisive_outcome(ev, "Ann") == "break the tie in favour of B"
    assert "leaving out Ann would break the tie in favour of B" in ev.verdict


def test_a_decisive_person_under_a_winner_still_reads_as_before():
    # Mean shares: speed 2/3 -> a wins; without P1: speed 1/2, docs 1/2 -> a tie of A and B.
    ev = evaluate(OPPOSITE, group(("P1", "decision-maker", {"speed": 1}), ("P2", "consulted", {"speed": 2}),
                                  ("P3", "consulted", {"docs": 1})), samples=200)
    assert decisive_outcome(ev, "P1") == "make the group's answer a tie of A and B"
    assert math.isclose(sum(ev.normalized_weights.values()), 1.0)
