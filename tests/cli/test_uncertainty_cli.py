"""``stackwise evaluate`` with rating ranges and pairwise judgments (issue 15): the JSON keys, and
every bad range or bad judgment ending in exit 2 with file, line, key and what would be valid."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.cli.test_evaluate import GOOD, run, write


def _set_range(mini: Path, text: str) -> None:
    """Give alpha's speed rating (4) the range written in ``text``."""
    path = mini / "options" / "alpha.yaml"
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("    rating: 4\n", f"    rating: 4\n    range: {text}\n", 1), encoding="utf-8")


def test_json_carries_the_issue_15_keys(capsys, tmp_path, mini):
    _set_range(mini, "[2.5, 5]")
    code, out, err = run(capsys, "evaluate", write(tmp_path, GOOD), "--matrix", str(mini), "--format", "json",
                         "--samples", "2000", "--seed", "4")
    assert code == 0, err
    data = json.loads(out)
    rb = data["robustness"]
    assert set(rb) == {"weights", "ratings", "both", "samples", "seed"}
    assert (rb["samples"], rb["seed"]) == (2000, 4)
    assert rb["weights"] == data["win_probability"]
    # alpha = 15 x + 10, beta = 15 y + 25 (speed 3, docs 1), x = alpha's speed ~ Triangular(2.5, 4, 5) (its
    # range), y = beta's speed ~ Triangular(1, 2, 3) (the default range: its evidence is unverified and old).
    # Beta wins iff x < y + 1: P = E_y[F_x(y + 1)], integrated here on a fine grid.
    y = np.linspace(1, 3, 200_001)
    pdf_y = np.where(y < 2, y - 1, 3 - y)  # Triangular(1, 2, 3) density (area 1)
    t = y + 1
    cdf_x = np.where(t < 4, (t - 2.5) ** 2 / (2.5 * 1.5), 1 - (5 - t) ** 2 / (2.5 * 1))
    cdf_x = np.clip(np.where(t < 2.5, 0, cdf_x), 0, 1)
    expected = float(np.trapezoid(pdf_y * cdf_x, y))
    assert rb["ratings"]["beta"] == pytest.approx(expected, abs=0.02)
    assert data["rating_flips"][0] == {"option": "alpha", "criterion": "speed", "rating": 4.0, "flips_at": 3.0,
                                       "winner_then": "beta"}
    assert data["stability"] == {"speed": {"low": 1.5, "high": None}, "docs": {"low": 0.0, "high": 2.0}}
    assert "within the 2.5-5 its evidence allows" in data["verdict"]


@pytest.mark.parametrize("text, expected", [
    ("[4.5, 5]", "must contain the rating 4"),  # lo > rating
    ("[3, 6]", "less than or equal to 5"),  # hi > 5
    ("[3]", "a list of two numbers"),  # wrong length
    ("[3, 4, 5]", "a list of two numbers"),
    ("[low, 5]", "valid number"),  # not a number
    ("[yes, 5]", "valid number"),
    ("3", "a list of two numbers"),
])
def test_bad_ranges_exit_2(capsys, tmp_path, mini, text, expected):
    _set_range(mini, text)
    code, out, err = run(capsys, "evaluate", write(tmp_path, GOOD), "--matrix", str(mini))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "alpha.yaml" in err and "line " in err and "range" in err and expected in err, err


PAIRS = "pairwise:\n  - [speed, docs, {v}]\n"


def test_pairwise_requirements(capsys, tmp_path, mini):
    code, out, err = run(capsys, "evaluate", write(tmp_path, PAIRS.format(v=3)), "--matrix", str(mini),
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["pairwise"] == {"weights": {"speed": 0.75, "docs": 0.25}, "consistency_ratio": 0.0,
                                "most_inconsistent": None}
    assert data["weights"] == {"speed": 10.0, "docs": 3.3333}
    assert data["winner"] == "alpha" and data["margin"] == 15.0  # the same shares as GOOD's 3 : 1


@pytest.mark.parametrize("text, expected", [
    (PAIRS.format(v=10), "10 is not on Saaty's scale"),
    (PAIRS.format(v=2.5), "2.5 is not on Saaty's scale"),
    (PAIRS.format(v="much"), "'much' is not on Saaty's scale"),
    ("pairwise:\n  - [speed, dcos, 3]\n", "unknown criterion 'dcos'. Did you mean 'docs'?"),
    ("pairwise:\n  - [speed, speed, 3]\n", "compared with itself"),
    ("pairwise:\n  - [speed, docs, 3]\n  - [docs, speed, 1/3]\n", "compared twice"),
    ("pairwise:\n  - [speed, docs]\n", "list of three"),
    ("pairwise: []\n", "the pairwise list is empty"),
    ("weights: {speed: 1}\npairwise:\n  - [speed, docs, 3]\n", "either 'weights' or 'pairwise'"),
    ("pairwise: 3\n", "valid list"),
])
def test_bad_pairwise_exit_2(capsys, tmp_path, mini, text, expected):
    code, out, err = run(capsys, "evaluate", write(tmp_path, text), "--matrix", str(mini))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "req.yaml" in err and expected in err, err
    if expected != "valid list":
        assert "line " in err and "Expected:" in err, err


def test_missing_pairs_are_named(capsys, tmp_path):
    text = "pairwise:\n  - [performance, api_docs, 3]\n  - [performance, ml_serving, 1/5]\n"
    code, out, err = run(capsys, "evaluate", write(tmp_path, text))
    assert code == 2 and "pairs not compared: api_docs/ml_serving" in err, err
