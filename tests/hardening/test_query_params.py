"""Malformed, out-of-range and far-too-long URL parameters: decode never raises and says what it dropped.

Cases come from ``corpus/query.yaml``; the oversized ones are generated here.
Whatever survives decoding must be usable as is: weights whole numbers 0-10,
minimum ratings 0-5, options and profile ids that exist.
"""
from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from criteria import load_matrix, load_profiles
from criteria.query import MAX_ITEMS, MAX_VALUE_CHARS, Parsed, decode

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "corpus" / "query.yaml").read_text("utf-8"))["cases"]


@pytest.fixture(scope="module")
def ids() -> dict[str, list[str]]:
    matrix = load_matrix()
    return {"criteria": matrix.criterion_ids(), "options": matrix.option_ids(),
            "profiles": [p.id for p in load_profiles()]}


def _decode(params: dict[str, Any], ids: dict[str, list[str]]) -> Parsed:
    return decode(params, criteria=ids["criteria"], options=ids["options"], profiles=ids["profiles"])


def _assert_usable(parsed: Parsed, ids: dict[str, list[str]]) -> None:
    state = parsed.state
    for cid, w in (state.weights or {}).items():
        assert cid in ids["criteria"] and isinstance(w, int) and 0 <= w <= 10
    for cid, m in (state.must_have or {}).items():
        assert cid in ids["criteria"] and math.isfinite(m) and 0 <= m <= 5
    assert set(state.options or ()) <= set(ids["options"])
    assert state.profile is None or state.profile in ids["profiles"]


@pytest.mark.parametrize("case", CASES, ids=[str(c["params"])[:60] for c in CASES])
def test_hostile_parameters_are_dropped_with_a_note(case: dict[str, Any], ids: dict[str, list[str]]) -> None:
    parsed = _decode(case["params"], ids)
    notes = " ".join(parsed.notes)
    for fragment in case["expect"]:
        assert fragment in notes, f"missing {fragment!r} in notes: {parsed.notes}"
    if not case["expect"]:
        assert parsed.notes == []
    _assert_usable(parsed, ids)


def _generated() -> list[tuple[str, dict[str, Any], str]]:
    long_w = ",".join(["performance:5"] * 2000)  # 28 000 characters
    return [
        ("value over the length limit", {"w": "performance:5," + "x" * MAX_VALUE_CHARS}, "characters long"),
        ("one megabyte value", {"w": "a" * 1_000_000}, "characters long"),
        ("one megabyte profile", {"profile": "p" * 1_000_000}, "characters long"),
        ("one megabyte option list", {"opt": "flask," * 200_000}, "characters long"),
        ("many entries", {"opt": ",".join(["flask"] * (MAX_ITEMS + 50))}, f"limit {MAX_ITEMS}"),
        ("long weight list", {"w": long_w}, "characters long"),
        ("number of 1000 digits", {"w": "performance:1" + "0" * 1000}, "between 0 and 10"),
        ("a thousand repeats", {"w": ["performance:5"] * 1000}, "appears 1000 times"),
        ("long unknown name", {"x" * 100_000: "1"}, "Ignored unknown URL parameter"),
    ]


@pytest.mark.parametrize("label, params, fragment", _generated(), ids=[g[0] for g in _generated()])
def test_far_too_long_parameters_are_bounded(label: str, params: dict[str, Any], fragment: str,
                                             ids: dict[str, list[str]]) -> None:
    start = time.perf_counter()
    parsed = _decode(params, ids)
    print(f"\n{label}: decoded in {(time.perf_counter() - start) * 1000:.1f} ms, {len(parsed.notes)} notes")
    assert any(fragment in n for n in parsed.notes), parsed.notes
    _assert_usable(parsed, ids)
    # A note quotes at most a bounded slice of what it drops, never the whole megabyte.
    assert all(len(n) <= MAX_VALUE_CHARS + 500 for n in parsed.notes)
