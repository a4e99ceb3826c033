"""``stackwise evaluate``: the three formats, and every bad input ending in exit 2 without a traceback.

The fixture matrix (tests/fixtures/mini) has two options and two criteria:
alpha rates speed 4, docs 2; beta rates speed 2, docs 5.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from stackwise_cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "req.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD = "title: Pick one\nweights:\n  speed: 3\n  docs: 1\n"


def test_json_is_the_contract_with_numbers_worked_by_hand(capsys, tmp_path, mini):
    # shares 0.75 / 0.25: alpha 100 * (0.75 * 4 + 0.25 * 2) / 5 = 70, beta (0.75 * 2 + 0.25 * 5) * 20 = 55.
    code, out, err = run(capsys, "evaluate", write(tmp_path, GOOD), "--matrix", str(mini), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["winner"] == "alpha" and data["margin"] == 15.0
    assert [(r["option"], r["score"], r["rank"]) for r in data["ranking"]] == [("alpha", 70.0, 1), ("beta", 55.0, 2)]
    assert data["ranking"][0]["contributions"] == {"speed": 60.0, "docs": 10.0}
    # Docs raised to x: alpha 12 + 2x vs beta 6 + 5x -> x = 2. Speed lowered to x: 4x + 2 vs 2x + 5 -> x = 1.5.
    flips = {f["criterion"]: f for f in data["flip_points"]}
    assert flips["docs"]["flip_weight"] == 2.0 and flips["docs"]["new_winner"] == "beta"
    assert flips["speed"]["flip_weight"] == 1.5 and flips["speed"]["new_winner"] == "beta"
    assert set(data["win_probability"]) == {"alpha", "beta"}
    assert "Alpha comes first with 70.0 of 100 points" in data["verdict"]


def test_text_and_markdown(capsys, tmp_path, mini):
    req = write(tmp_path, GOOD)
    code, text, _ = run(capsys, "evaluate", req, "--matrix", str(mini))
    assert code == 0
    assert "Recommended: Alpha" in text and "Flip points" in text and "Verdict" in text
    code, md, _ = run(capsys, "evaluate", req, "--matrix", str(mini), "--format", "markdown")
    assert code == 0
    assert md.startswith("## Pick one") and "| Rank | Option |" in md


def test_same_seed_same_output_different_seed_may_differ(capsys, tmp_path, mini):
    req = write(tmp_path, "weights: {speed: 1, docs: 1}\n")
    outs = [run(capsys, "evaluate", req, "--matrix", str(mini), "--format", "json", "--seed", s, "--samples", "2000")[1]
            for s in ("3", "3", "4")]
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["win_probability"] != json.loads(outs[2])["win_probability"]


def test_shipped_data_smoke(capsys, tmp_path):
    req = write(tmp_path, "weights: {ml_serving: 10, performance: 8, api_docs: 6}\nmust_have: {api_docs: 3}\n")
    code, out, err = run(capsys, "evaluate", req, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {"flask", "fastapi"} <= {r["option"] for r in data["ranking"]}
    assert len(data["flip_points"]) >= 16  # every catalog criterion, weighted or not
    assert data["verdict"]


BAD = [
    ("syntax", "weights:\n  speed: [1\n", ["line", "YAML syntax error"]),
    ("unknown criterion", "weights:\n  sped: 3\n", ["line 2", "weights.sped", "Did you mean 'speed'", "one of speed, docs"]),
    ("unknown must-have", "weights: {speed: 1}\nmust_have:\n  doc: 3\n", ["line 3", "must_have.doc", "Did you mean 'docs'"]),
    ("unknown option", "weights: {speed: 1}\noptions: [alpha, betta]\n", ["line 2", "options[1]", "Did you mean 'beta'", "one of alpha, beta"]),
    ("negative", "weights:\n  speed: -1\n", ["line 2", "weights.speed", "greater than or equal to 0"]),
    ("non-numeric", "weights:\n  speed: high\n", ["line 2", "weights.speed", "valid number"]),
    ("nan", "weights:\n  speed: .nan\n", ["line 2", "weights.speed", "finite number"]),
    ("infinite", "weights:\n  speed: .inf\n", ["line 2", "weights.speed", "finite number"]),
    ("all zero", "weights:\n  speed: 0\n  docs: 0\n", ["line 1", "'weights'", "all weights are zero", "at least one positive weight"]),
    ("no weights", "title: nothing\n", ["'weights'", "all weights are zero"]),
    ("must-have above 5", "weights: {speed: 1}\nmust_have:\n  docs: 6\n", ["line 3", "must_have.docs", "less than or equal to 5"]),
    ("must-have below 0", "weights: {speed: 1}\nmust_have:\n  docs: -0.5\n", ["line 3", "must_have.docs", "greater than or equal to 0"]),
    ("duplicate key", "weights:\n  speed: 1\n  speed: 2\n", ["line 3", "duplicate key 'speed'", "first at line 2"]),
    ("unknown top-level key", "weigths:\n  speed: 1\n", ["line 1", "unknown key 'weigths'", "Did you mean 'weights'"]),
    ("empty file", "", ["the file is empty"]),
    ("not a mapping", "- speed\n- docs\n", ["must be a mapping"]),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in BAD], ids=[n for n, _, _ in BAD])
def test_bad_requirements_exit_2_with_file_line_key_and_remedy(capsys, tmp_path, mini, text, expected):
    path = write(tmp_path, text)
    code, out, err = run(capsys, "evaluate", path, "--matrix", str(mini))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert "req.yaml" in err
    for piece in expected:
        assert piece in err


@pytest.mark.parametrize("args, expected", [
    (["--samples", "0"], "out of range"),
    (["--samples", "-3"], "out of range"),
    (["--samples", "1000001"], "out of range"),
    (["--samples", "many"], "not a whole number"),
    (["--samples", "1.5"], "not a whole number"),
    (["--seed", "-1"], "negative"),
    (["--seed", "x"], "not a whole number"),
    (["--format", "xml"], "invalid choice"),
])
def test_bad_options_exit_2(capsys, tmp_path, mini, args, expected):
    code, out, err = run(capsys, "evaluate", write(tmp_path, GOOD), "--matrix", str(mini), *args)
    assert code == 2 and out == "" and "Traceback" not in err
    assert expected in err


def test_missing_file_and_bad_matrix_exit_2(capsys, tmp_path, mini):
    code, _, err = run(capsys, "evaluate", str(tmp_path / "nope.yaml"), "--matrix", str(mini))
    assert code == 2 and "nope.yaml" in err and "file not found" in err
    code, _, err = run(capsys, "evaluate", write(tmp_path, GOOD), "--matrix", str(tmp_path / "missing-matrix.yaml"))
    assert code == 2 and "missing-matrix.yaml" in err and "Traceback" not in err


STAKEHOLDERS = """title: Meeting
stakeholders:
  - name: Priya
    role: decision-maker
    weights: {{performance: 9, api_docs: 7}}
  - name: Tom
    role: consulted
    profile: {profile}
  - name: Olu
    role: informed
must_have: {{api_docs: 3}}
"""


def test_stakeholders_with_a_shipped_profile(capsys, tmp_path):
    code, out, err = run(capsys, "evaluate", write(tmp_path, STAKEHOLDERS.format(profile="balanced")), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [s["name"] for s in data["stakeholders"]] == ["Priya", "Tom", "Olu"]
    assert data["stakeholders"][1]["weights"]["realtime"] == 5.0  # from the 'balanced' profile
    assert isinstance(data["decisive"], list) and "performance" in data["disagreement"]


def test_unknown_profile_points_at_the_line(capsys, tmp_path):
    code, out, err = run(capsys, "evaluate", write(tmp_path, STAKEHOLDERS.format(profile="balancd")))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "req.yaml, line 8, key 'stakeholders[1].profile'" in err
    assert "Did you mean 'balanced'" in err


def test_evaluate_accepts_a_decision_bundle(tmp_path, capsys) -> None:
    """A bundle written by `stackwise record` evaluates to the same result as its requirements."""
    import json as _json
    from pathlib import Path as _Path

    from stackwise_cli.main import main as _main

    req = _Path(__file__).resolve().parents[2] / "data" / "requirements" / "ml-api.yaml"
    assert _main(["record", str(req), "--out", str(tmp_path), "--date", "2026-11-21"]) == 0
    capsys.readouterr()
    bundle = next(tmp_path.glob("*.stackwise.yaml"))
    assert _main(["evaluate", str(req), "--format", "json", "--samples", "500"]) == 0
    direct = _json.loads(capsys.readouterr().out)
    assert _main(["evaluate", str(bundle), "--format", "json", "--samples", "500"]) == 0
    via_bundle = _json.loads(capsys.readouterr().out)
    assert via_bundle == direct
