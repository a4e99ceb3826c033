"""`stackwise record` and `stackwise check` end to end, through main() as a user runs them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from criteria import load_matrix
from criteria.export import matrix_to_dict
from stackwise_cli.main import main

from records_paths import MATRIX_DIR, REQ_FILE

M = ["--matrix", str(MATRIX_DIR)]


def record(tmp: Path, *extra: str, src: Path = REQ_FILE) -> int:
    return main(["record", str(src), "--out", str(tmp), "--date", "2026-11-21", "--no-charts", *M, *extra])


def test_record_prints_the_path_and_numbers_on(tmp_path: Path, capsys):
    out = tmp_path / "decisions"
    assert record(out) == 0
    first = capsys.readouterr().out.strip()
    assert first == str(out / "0001-framework-for-the-partner-api.md")
    assert record(out, "--status", "accepted") == 0
    second = capsys.readouterr().out.strip()
    assert second == str(out / "0002-framework-for-the-partner-api.md")
    assert sorted(p.name for p in out.iterdir()) == [
        "0001-framework-for-the-partner-api.html", "0001-framework-for-the-partner-api.md",
        "0001-framework-for-the-partner-api.stackwise.yaml",
        "0002-framework-for-the-partner-api.html", "0002-framework-for-the-partner-api.md",
        "0002-framework-for-the-partner-api.stackwise.yaml", "README.md",
    ]
    assert "status: accepted" in Path(second).read_text()


def test_record_from_a_bundle_reproduces_the_record(tmp_path: Path, capsys):
    assert record(tmp_path / "a") == 0
    bundle = tmp_path / "a" / "0001-framework-for-the-partner-api.stackwise.yaml"
    assert main(["record", str(bundle), "--out", str(tmp_path / "b"), "--date", "2026-11-21", "--no-charts", *M]) == 0
    for name in ("0001-framework-for-the-partner-api.md", "0001-framework-for-the-partner-api.stackwise.yaml",
                 "0001-framework-for-the-partner-api.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("extra, content, needle", [
    ((), "weights: {docz: 3}\n", "unknown criterion 'docz'. Did you mean 'docs'?"),
    ((), "weights: {docs: -1}\n", "weights.docs"),
    ((), "title: [unclosed\n", "YAML syntax error"),
    (("--status", "approved"), "weights: {docs: 1}\n", "unknown status 'approved'"),
    (("--status", "superseded by ADR-12"), "weights: {docs: 1}\n", "unknown status"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, capsys, extra, content, needle):
    req = tmp_path / "req.yaml"
    req.write_text(content)
    out = tmp_path / "out"
    assert record(out, *extra, src=req) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("flag, value, needle", [
    ("--date", "21/11/2026", "YYYY-MM-DD"),
    ("--samples", "0", "0 is outside 1..1,000,000"),
    ("--seed", "-1", "-1 is outside 0.."),
    ("--samples", "many", "invalid number 'many'"),
])
def test_bad_options_are_usage_errors(tmp_path: Path, capsys, flag, value, needle):
    with pytest.raises(SystemExit) as exc:
        main(["record", str(REQ_FILE), "--out", str(tmp_path), flag, value, *M])
    assert exc.value.code == 2
    assert needle in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _changed_matrix(tmp_path: Path, option: str, criterion: str, rating: float) -> Path:
    data = matrix_to_dict(load_matrix(MATRIX_DIR))
    opt = next(o for o in data["options"] if o["id"] == option)
    opt["ratings"][criterion]["rating"] = rating
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_holds_with_the_same_matrix(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path), *M]) == 0
    out = capsys.readouterr().out
    assert "0001 Framework for the partner API: holds: Beta still wins" in out
    assert "All 1 checked decisions still hold." in out


def test_check_fails_when_new_evidence_undermines_the_decision(tmp_path: Path, capsys):
    decisions = tmp_path / "decisions"
    assert record(decisions) == 0
    # Beta won on Docs (5 against Alpha's 2); with Beta's docs re-rated 1, Alpha wins.
    changed = _changed_matrix(tmp_path, "beta", "docs", 1)
    capsys.readouterr()
    assert main(["check", str(decisions), "--matrix", str(changed)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("0001 "))
    assert "DOES NOT HOLD: winner Beta -> Alpha" in line
    assert "beta docs 5 -> 1" in line
    assert "margin 16.2 -> " in line
    assert out.strip().endswith("1 of 1 decisions no longer hold: 0001.")


def test_check_reports_changes_that_leave_the_decision_standing(tmp_path: Path, capsys):
    assert record(tmp_path / "d") == 0
    changed = _changed_matrix(tmp_path, "alpha", "learning", 3)
    capsys.readouterr()
    assert main(["check", str(tmp_path / "d"), "--matrix", str(changed)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert "holds: Beta still wins" in line and "alpha learning 5 -> 3" in line and "margin 16.2 -> " in line


def test_check_skips_superseded_decisions(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    md = tmp_path / "0001-framework-for-the-partner-api.md"
    md.write_text(md.read_text().replace("status: proposed", "status: superseded by ADR-0002"))
    changed = _changed_matrix(tmp_path, "beta", "docs", 1)
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--matrix", str(changed)]) == 0
    assert "skipped (status: superseded by ADR-0002)" in capsys.readouterr().out


def test_check_bad_input_exits_2(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path / "missing"), *M]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert record(tmp_path) == 0
    bundle = tmp_path / "0001-framework-for-the-partner-api.stackwise.yaml"
    bundle.write_text(bundle.read_text().replace("format_version: 1", "format_version: 2"))
    capsys.readouterr()
    assert main(["check", str(tmp_path), *M]) == 2
    err = capsys.readouterr().err
    assert "unknown bundle format version 2" in err and "line 4" in err


def test_check_of_an_empty_folder(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path), *M]) == 0
    assert "No decision records (NNNN-*.md or *.stackwise.yaml)" in capsys.readouterr().out


def test_record_front_matter_is_madr(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    text = Path(capsys.readouterr().out.strip()).read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert list(front) == ["status", "date", "decision-makers", "consulted", "informed"]
    assert str(front["date"]) == "2026-11-21"


def test_record_from_a_bundle_against_a_changed_matrix_says_so(tmp_path: Path, capsys):
    assert record(tmp_path / "a") == 0
    bundle = tmp_path / "a" / "0001-framework-for-the-partner-api.stackwise.yaml"
    changed = _changed_matrix(tmp_path, "alpha", "learning", 3)
    capsys.readouterr()
    assert main(["record", str(bundle), "--out", str(tmp_path / "a"), "--matrix", str(changed), "--no-charts",
                 "--status", "accepted"]) == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("0002-framework-for-the-partner-api.md")
    assert "the matrix differs from the one the bundle was made with (version rec-test-1)" in err
    assert "status: accepted" in Path(out.strip()).read_text()


def test_hostile_title_stays_inside_the_folder(tmp_path: Path, capsys):
    req = tmp_path / "req.yaml"
    req.write_text('title: "../../../tmp/evil <script>alert(1)</script>"\nweights: {docs: 1}\n')
    out = tmp_path / "out"
    assert record(out, src=req) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == out and path.name == "0001-tmp-evil-script-alert-1-script.md"
    assert "# \\.\\./\\.\\./\\.\\./tmp/evil" not in path.read_text()  # dots need no escape...
    assert "# ../../../tmp/evil &lt;script&gt;alert(1)&lt;/script&gt;" in path.read_text()  # ...only the markup
