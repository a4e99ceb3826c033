"""Issue 16, item 12: every difference the verdict and the text views show agrees with the figures they show.

"+3.8 points: 6.2 against 2.5" (exact 6.25 and 2.5) reads as arithmetic gone wrong. The case
below is built so that halves appear: criterion a weighs 1 of 8 (share 0.125), so a rating of
2.5 contributes 100 * 0.125 * 2.5 / 5 = 6.25 and a rating of 1 contributes 2.5; criterion b
weighs 7 of 8: ratings 5 and 4 give 87.5 and 70. Scores 93.75 and 72.5, margin 21.25.
"""
from __future__ import annotations

import re
from decimal import Decimal

from criteria import load_matrix, load_profiles
from scoring import evaluate
from scoring.render import render_text
from tests.scoring.scoring_factory import make_matrix, req

HALVES = make_matrix({"x": {"a": 2.5, "b": 5}, "y": {"a": 1, "b": 4}})


def _consistent(text: str) -> None:
    pairs = re.findall(r"\+(\d+\.\d) points: (\d+\.\d) against (\d+\.\d)", text)
    for d, a, b in pairs:
        assert Decimal(d) == Decimal(a) - Decimal(b), (d, a, b, text)
    heads = re.findall(r"with (\d+\.\d) of 100 points, (\d+\.\d) ahead of [^(]+\((\d+\.\d)\)", text)
    for s, m, r in heads:
        assert Decimal(m) == Decimal(s) - Decimal(r), (s, m, r, text)
    return len(pairs) + len(heads)


def test_halves_round_the_same_way_in_figures_and_differences() -> None:
    ev = evaluate(HALVES, req({"a": 1, "b": 7}), samples=200)
    assert ev.result("x").contributions["a"] == 6.25 and ev.margin == 21.25  # the case holds halves
    assert _consistent(ev.verdict) == 3  # the headline and two criteria
    assert "(+3.8 points: 6.3 against 2.5)" in ev.verdict
    assert "93.8 of 100 points, 21.3 ahead of Y (72.5)" in ev.verdict
    text = render_text(ev)
    assert "93.8/100, 21.3 points ahead of Y" in text


def test_shipped_profiles_never_show_a_difference_that_disagrees() -> None:
    matrix = load_matrix()
    checked = 0
    for prof in load_profiles():
        ev = evaluate(matrix, req(prof.weights, prof.must_have), samples=200)
        checked += _consistent(ev.verdict)
    assert checked >= len(load_profiles())
