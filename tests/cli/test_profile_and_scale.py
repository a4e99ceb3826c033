"""Issue 16, items 1 and 2: a profile given with weights, and the 0-10 weight scale, in requirements files.

Expected values come from criteria/profiles.yaml read here, never from the code under test.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria import load_profiles
from stackwise_cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "req.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def profile(pid: str):
    return next(p for p in load_profiles() if p.id == pid)


def test_weights_beside_a_profile_override_it_criterion_by_criterion(capsys, tmp_path) -> None:
    """Item 1: `profile: ml-serving-api` plus `weights: {templating: 10}` keeps the profile's other weights."""
    prof = profile("ml-serving-api")
    assert prof.weights["templating"] != 10 and prof.weights["ml_serving"] > 0  # the case is meaningful
    code, out, err = run(capsys, "evaluate", write(tmp_path, "profile: ml-serving-api\nweights: {templating: 10}\n"),
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    expected = {**{c: float(w) for c, w in prof.weights.items()}, "templating": 10.0}
    assert {c: w for c, w in data["weights"].items() if c in expected} == expected
    assert data["must_have"] == {c: float(v) for c, v in prof.must_have.items()}


def test_profile_must_haves_apply_unless_must_have_names_the_criterion(capsys, tmp_path) -> None:
    prof = profile("server-rendered-site")
    assert prof.must_have, "this profile has must-haves"
    cid, required = next(iter(prof.must_have.items()))
    code, out, err = run(capsys, "evaluate", write(tmp_path, "profile: server-rendered-site\nweights: {api_docs: 9}\n"
                                                    "must_have: {performance: 2}\n"), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["must_have"] == {**{c: float(v) for c, v in prof.must_have.items()}, "performance": 2.0}
    assert data["weights"]["api_docs"] == 9.0 and data["weights"][cid] == float(prof.weights[cid])
    lowered = required - 1
    code, out, err = run(capsys, "evaluate", write(tmp_path, f"profile: server-rendered-site\n"
                                                    f"must_have: {{{cid}: {lowered:g}}}\n"), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["must_have"][cid] == float(lowered)


@pytest.mark.parametrize("value", ["11", "10.5", "1000", "-1"])
def test_a_weight_outside_0_to_10_is_exit_2_naming_the_range(capsys, tmp_path, value) -> None:
    """Item 2: the file's weight scale is the sliders' scale."""
    code, out, err = run(capsys, "evaluate", write(tmp_path, f"weights:\n  performance: {value}\n  api_docs: 5\n"))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "line 2" in err and "weights.performance" in err
    assert "0 to 10" in err


def test_a_stakeholder_weight_outside_0_to_10_is_exit_2(capsys, tmp_path) -> None:
    text = ("stakeholders:\n  - name: A\n    weights: {performance: 12}\n"
            "  - name: B\n    weights: {api_docs: 4}\n")
    code, out, err = run(capsys, "evaluate", write(tmp_path, text))
    assert code == 2 and "Traceback" not in err and "0 to 10" in err and "line 3" in err


def test_decimal_weights_inside_the_scale_are_fine(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "evaluate", write(tmp_path, "weights: {performance: 7.5, api_docs: 10, ml_serving: 0.5}\n"),
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["weights"]["performance"] == 7.5 and data["weights"]["ml_serving"] == 0.5
    assert data["inputs"]["scale_max"] == 10
