"""Pairwise weighting (AHP) against published worked examples, and its properties.

Published examples:

* Saaty, T. L. (2008). Decision making with the analytic hierarchy process.
  International Journal of Services Sciences 1(1), 83-98: "Which drink is
  consumed more in the U.S.?", seven drinks compared pairwise; the paper gives the
  eigenvector (coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
  water .327) and C.R. = .022.
* Saaty, T. L. (2005). Theory and Applications of the Analytic Network Process.
  RWS Publications: choosing where to live (Bethesda, Boston, Pittsburgh, Santa
  Fe) on five criteria; overall priorities .229, .275, .385, .111 (the same
  figures the AHPy library's test suite reproduces).
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from criteria.pairwise import parse_pairwise, saaty_value
from scoring import ahp, evaluate
from scoring_factory import make_matrix
from criteria.models import Requirements

DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
# Saaty (2008), Table 2: row drink is v times as much consumed as column drink.
DRINK_JUDGMENTS = {
    ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
    ("coffee", "milk"): 1, ("water", "coffee"): 2, ("water", "wine"): 9, ("water", "tea"): 9,
    ("water", "beer"): 3, ("water", "soda"): 2, ("water", "milk"): 3, ("tea", "wine"): 3,
    ("beer", "wine"): 9, ("beer", "tea"): 3, ("beer", "milk"): 1, ("soda", "wine"): 9,
    ("soda", "tea"): 4, ("soda", "beer"): 2, ("soda", "milk"): 2, ("milk", "wine"): 9, ("milk", "tea"): 3,
}


def _matrix(names, judgments):
    idx = {n: i for i, n in enumerate(names)}
    return ahp.reciprocal_matrix(len(names), [(idx[a], idx[b], float(v)) for (a, b), v in judgments.items()])


def test_saaty_2008_drinks():
    w, lam = ahp.principal_weights(_matrix(DRINKS, DRINK_JUDGMENTS))
    published = {"coffee": .177, "wine": .019, "tea": .042, "beer": .116, "soda": .190, "milk": .129,
                 "water": .327}
    assert {n: round(float(x), 3) for n, x in zip(DRINKS, w)} == published
    assert round(float(ahp.consistency_ratio(lam, 7)), 3) == 0.022


def test_saaty_2005_where_to_live():
    crit = ["Culture", "Family", "Housing", "Jobs", "Transportation"]
    criteria = {("Culture", "Housing"): 3, ("Culture", "Transportation"): 5, ("Family", "Culture"): 5,
                ("Family", "Housing"): 7, ("Family", "Transportation"): 7, ("Housing", "Transportation"): 3,
                ("Jobs", "Culture"): 2, ("Jobs", "Housing"): 4, ("Jobs", "Transportation"): 7,
                ("Family", "Jobs"): 1}
    cities = ["Bethesda", "Boston", "Pittsburgh", "Santa Fe"]
    local = {
        "Culture": {("Bethesda", "Pittsburgh"): 1, ("Boston", "Bethesda"): 2, ("Boston", "Pittsburgh"): 2.5,
                    ("Boston", "Santa Fe"): 1, ("Santa Fe", "Bethesda"): 2, ("Santa Fe", "Pittsburgh"): 2.5},
        "Family": {("Bethesda", "Boston"): 2, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2,
                   ("Pittsburgh", "Bethesda"): 3, ("Pittsburgh", "Boston"): 8, ("Pittsburgh", "Santa Fe"): 9},
        "Housing": {("Bethesda", "Boston"): 5, ("Bethesda", "Santa Fe"): 2.5, ("Pittsburgh", "Bethesda"): 2,
                    ("Pittsburgh", "Boston"): 9, ("Pittsburgh", "Santa Fe"): 7, ("Santa Fe", "Boston"): 4},
        "Jobs": {("Bethesda", "Pittsburgh"): 3, ("Bethesda", "Santa Fe"): 4, ("Boston", "Bethesda"): 2,
                 ("Boston", "Pittsburgh"): 6, ("Boston", "Santa Fe"): 8, ("Pittsburgh", "Santa Fe"): 1},
        "Transportation": {("Bethesda", "Boston"): 1.5, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2.5,
                           ("Pittsburgh", "Bethesda"): 2, ("Pittsburgh", "Boston"): 3.5,
                           ("Pittsburgh", "Santa Fe"): 9},
    }
    cw, _ = ahp.principal_weights(_matrix(crit, criteria))
    overall = sum(cw[k] * ahp.principal_weights(_matrix(cities, local[c]))[0] for k, c in enumerate(crit))
    assert [round(float(x), 3) for x in overall] == [0.229, 0.275, 0.385, 0.111]


def test_random_index_table():
    assert [ahp.RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.2, 5.0), min_size=2, max_size=10))
def test_a_consistent_matrix_gives_back_its_weights_and_cr_zero(raw):
    w = np.array(raw) / sum(raw)
    a = w[:, None] / w[None, :]
    got, lam = ahp.principal_weights(a)
    assert np.allclose(got, w, atol=1e-9)
    assert ahp.consistency_ratio(lam, len(w)) == pytest.approx(0.0, abs=1e-9)
    if len(w) >= 3:
        assert ahp.best_revision(a) is None


def test_the_most_inconsistent_triad_and_the_revision_that_helps_most():
    # a = 3b, b = 3c, but a = 1/3 c: the only triad, as contradictory as it gets with these values.
    a = ahp.reciprocal_matrix(3, [(0, 1, 3.0), (1, 2, 3.0), (0, 2, 1 / 3)])
    triad, index = ahp.most_inconsistent_triad(a)
    assert triad == (0, 1, 2) and index == pytest.approx(1 - 1 / 27)
    _, lam = ahp.principal_weights(a)
    before = ahp.consistency_ratio(lam, 3)
    rev = ahp.best_revision(a)
    assert before > 0.1 and rev is not None and rev.new_cr < before
    # Its suggestion, applied, gives the ratio it promises.
    b = a.copy()
    b[rev.i, rev.j], b[rev.j, rev.i] = rev.suggested, 1 / rev.suggested
    assert ahp.consistency_ratio(ahp.principal_weights(b)[1], 3) == pytest.approx(rev.new_cr)


@pytest.mark.parametrize("text, value", [(1, 1.0), (9, 9.0), ("1/3", 1 / 3), (0.333, 1 / 3), (0.5, 0.5),
                                         ("7", 7.0), (" 1 / 9 ", 1 / 9)])
def test_saaty_values_accepted(text, value):
    assert saaty_value(text) == pytest.approx(value)


@pytest.mark.parametrize("bad", [0, 10, 2.5, -3, "three", "1/10", True, None, 0.3, float("nan")])
def test_values_off_the_scale_refused(bad):
    assert saaty_value(bad) is None


def test_parse_reports_every_problem():
    crit = ["a", "b", "c"]
    _, _, problems = parse_pairwise([["a", "b", 3], ["a", "zz", 2], ["b", "b", 1], ["b", "a", 2], ["a", "c"]],
                                    crit)
    text = " | ".join(p.message for p in problems)
    assert "unknown criterion 'zz'" in text
    assert "compared with itself" in text
    assert "compared twice" in text
    assert "list of three" in text
    _, _, problems = parse_pairwise([["a", "b", 3], ["a", "c", 2]], crit)
    assert "pairs not compared: b/c" in problems[0].message


def test_requirements_with_pairwise_weights_and_the_cr_warning():
    m = make_matrix({"x": {"p": 5, "q": 1, "r": 3}, "y": {"p": 1, "q": 5, "r": 3}})
    consistent = Requirements(pairwise=[["p", "q", 3], ["p", "r", 9], ["q", "r", 3]])
    ev = evaluate(m, consistent)
    assert ev.pairwise.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    # Weights 9 : 3 : 1 as shares, shown scaled so the heaviest is 10 (the sliders' top).
    assert ev.weights == pytest.approx({"p": 10.0, "q": 10 / 3, "r": 10 / 9})
    assert ev.to_dict()["pairwise"]["weights"] == pytest.approx({"p": 9 / 13, "q": 3 / 13, "r": 1 / 13}, abs=1e-4)
    assert "within Saaty's 0.1" in ev.verdict
    muddled = Requirements(pairwise=[["p", "q", 3], ["q", "r", 3], ["p", "r", "1/3"]])
    ev = evaluate(m, muddled)
    data = ev.to_dict()["pairwise"]
    assert data["consistency_ratio"] > 0.1 and data["most_inconsistent"] == ["p", "q", "r"]
    assert "above Saaty's 0.1" in ev.verdict and "Revisit how" in ev.verdict
