"""`stackwise validate`, `stackwise matrix` and `stackwise schema` through the real entry point."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from criteria import load_matrix
from criteria.schemas import all_schemas
from stackwise_cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_validate_ok_on_a_folder(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini)]) == 0
    assert "OK: 2 criteria, 2 options" in capsys.readouterr().out


def test_validate_fails_with_exit_2_and_no_traceback(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = mini / "options" / "alpha.yaml"
    f.write_text(f.read_text().replace("verdict: current", "verdict: true-ish"))
    assert main(["validate", str(mini)]) == 2
    err = capsys.readouterr().err
    assert "alpha.yaml, line" in err and "verdict" in err and "Traceback" not in err


def test_console_script_exit_code_and_message(mini: Path) -> None:
    (mini / "options" / "beta.yaml").write_text("id: beta\nname: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "stackwise_cli", "validate", str(mini)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "beta.yaml, line" in proc.stderr and "syntax" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_validate_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:")


def test_matrix_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"criteria", "options", "sources"} <= set(data)
    assert {"id", "name"} <= set(data["criteria"][0])
    option = data["options"][0]
    entry = next(iter(option["ratings"].values()))
    assert {"rating", "rationale", "evidence"} <= set(entry)
    assert {"source", "where", "claim", "verdict"} <= set(entry["evidence"][0])
    assert {"id", "title", "publisher", "published", "kind"} <= set(data["sources"][0])


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_shipped_export_round_trip(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / f"one.{fmt}"
    second = tmp_path / f"two.{fmt}"
    assert main(["matrix", "--format", fmt, "--out", str(first)]) == 0
    assert main(["validate", str(first)]) == 0
    assert main(["matrix", "--format", fmt, "--matrix", str(first), "--out", str(second)]) == 0
    assert first.read_text() == second.read_text()


def test_csv_export_has_a_row_per_evidence_item(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    assert main(["matrix", "--format", "csv", "--matrix", str(mini)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    evidence = sum(len(r.evidence) for o in load_matrix(mini).options for r in o.ratings.values())
    assert len(rows) == evidence  # one row per evidence item
    assert {(r["option"], r["criterion"]) for r in rows if r["rating"]} == {
        (o.id, c) for o in load_matrix(mini).options for c in o.ratings}


def _without_defaults(node):  # type: ignore[no-untyped-def]
    """The schema without ``additionalProperties: true``, which is JSON Schema's default anyway.

    pydantic 2.9 (the lowest version pyproject.toml allows) writes it for ``dict[str, Any]``; newer
    releases leave it out. Both say the same, so the drift check compares what the schema means.
    """
    if isinstance(node, dict):
        return {k: _without_defaults(v) for k, v in node.items() if not (k == "additionalProperties" and v is True)}
    if isinstance(node, list):
        return [_without_defaults(v) for v in node]
    return node


def test_committed_schemas_match_the_models() -> None:
    for name, schema in all_schemas().items():
        committed = json.loads((ROOT / "docs" / "schemas" / name).read_text())
        assert _without_defaults(committed) == _without_defaults(schema), \
            f"docs/schemas/{name} is stale: run `stackwise schema`"


def test_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_csv_export_round_trip_keeps_conflicts(tmp_path: Path) -> None:
    first = tmp_path / "one.csv"
    second = tmp_path / "two.csv"
    assert main(["matrix", "--format", "csv", "--out", str(first)]) == 0
    assert main(["matrix", "--format", "csv", "--matrix", str(first), "--out", str(second)]) == 0
    assert first.read_text() == second.read_text()
    assert "conflict" in first.read_text().splitlines()[0]


def test_validate_catches_profile_citing_unknown_source(monkeypatch, tmp_path: Path, capsys) -> None:
    import criteria.loader as loader

    broken = tmp_path / "profiles.yaml"
    broken.write_text(loader.PROFILES_FILE.read_text().replace("sources: [stecz-2024", "sources: [stecz-2042", 1))
    # load_profiles reads its default path at call time, so pointing it elsewhere breaks the shipped copy
    monkeypatch.setattr(loader, "PROFILES_FILE", broken)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "unknown source 'stecz-2042'" in err and "Did you mean 'stecz-2024'" in err and "line" in err