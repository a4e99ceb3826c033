"""`stackwise record --supersedes`, `stackwise status`, `stackwise check` (problems, skips, --format json)
and the decision log README, run through main() as a user runs them (issues 20 and 16, item 7)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria import load_matrix
from criteria.export import matrix_to_dict
from records.flavors import read_head
from stackwise_cli.main import main

FIX = Path(__file__).resolve().parents[1] / "records" / "fixtures"
MATRIX = FIX / "matrix"
REQ = FIX / "api.yaml"
M = ["--matrix", str(MATRIX)]
S1 = "0001-framework-for-the-partner-api"
S2 = "0002-framework-for-the-partner-api"
JSON_KEYS = ["record", "status", "holds", "winner_then", "winner_now", "margin_then", "margin_now", "changes",
             "problem"]


def record(out: Path, *extra: str) -> int:
    return main(["record", str(REQ), "--out", str(out), "--date", "2026-11-21", "--no-charts", *M, *extra])


def check(folder: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", str(folder), *M, *extra])
    return code, capsys.readouterr().out


def changed_matrix(tmp: Path, option: str, criterion: str, rating: float) -> Path:
    data = matrix_to_dict(load_matrix(MATRIX))
    next(o for o in data["options"] if o["id"] == option)["ratings"][criterion]["rating"] = rating
    path = tmp / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- supersede and status

@pytest.mark.parametrize("flavor", ["madr4", "log4brains", "nygard"])
def test_supersede_marks_the_old_record_in_its_own_flavour_and_bundle(tmp_path: Path, capsys, flavor):
    assert record(tmp_path, "--flavor", flavor) == 0
    old_md_before = (tmp_path / f"{S1}.md").read_text()
    assert record(tmp_path, "--flavor", flavor, "--supersedes", "1", "--status", "accepted") == 0
    old_md = (tmp_path / f"{S1}.md").read_text()
    new_md = (tmp_path / f"{S2}.md").read_text()
    assert read_head(old_md).status == f"superseded by {S2}"
    assert read_head(new_md).status == "accepted"
    assert f"[{S1}]({S1}.md)" in new_md and f"[{S2}]({S2}.md)" in old_md  # linked both ways
    assert f"  status: superseded by {S2}\n" in (tmp_path / f"{S1}.stackwise.yaml").read_text()
    assert f"<tr><th>status</th><td>superseded by {S2}</td></tr>" in (tmp_path / f"{S1}.html").read_text()
    # only the status lines changed in the old record
    changed = [a for a in old_md.splitlines() if a not in old_md_before.splitlines()]
    assert len(changed) <= 2 and all(S2 in line for line in changed)
    if flavor == "madr4":
        assert old_md.startswith(f"---\nstatus: superseded by {S2}\n")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert f"0001 Framework for the partner API: skipped (status: superseded by {S2})" in out
    assert out.splitlines()[-1].startswith("All 1 checked decisions still hold. 1 skipped (1 superseded): 0001")


def test_status_changes_a_record_and_check_skips_rejected_and_deprecated(tmp_path: Path, capsys):
    assert record(tmp_path) == 0 and record(tmp_path, "--flavor", "nygard") == 0
    capsys.readouterr()
    assert main(["status", "0001", "rejected", "--folder", str(tmp_path), *M]) == 0
    assert capsys.readouterr().out.strip() == f"{S1}: proposed -> rejected"
    assert main(["status", "2", "deprecated", "--folder", str(tmp_path), *M]) == 0
    assert "## Status\n\nDeprecated\n\n## Context" in (tmp_path / f"{S2}.md").read_text()
    # the evidence moved against both decisions, but nobody builds on them any more
    changed = changed_matrix(tmp_path, "beta", "docs", 1)
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--matrix", str(changed)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == ("No decision was re-checked. 2 skipped (1 deprecated, 1 rejected): 0001 (rejected), "
                    "0002 (deprecated); superseded, rejected and deprecated decisions are not re-checked because "
                    "nobody builds on them any more.")
    assert main(["status", "0001", "accepted", "--folder", str(tmp_path), *M]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--matrix", str(changed)]) == 1  # back in play, and it no longer holds


@pytest.mark.parametrize("flavor, before, after", [
    ("madr4", "status: proposed", "status: Rejected"),
    ("log4brains", "- Status: proposed", "- Status: rejected"),
    ("nygard", "## Status\n\nProposed\n", "## Status\n\nRejected\n"),
])
def test_check_reads_a_status_edited_by_hand_in_every_flavour(tmp_path: Path, capsys, flavor, before, after):
    assert record(tmp_path, "--flavor", flavor) == 0
    md = tmp_path / f"{S1}.md"
    assert before in md.read_text()
    md.write_text(md.read_text().replace(before, after, 1))
    changed = changed_matrix(tmp_path, "beta", "docs", 1)
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--matrix", str(changed)]) == 0
    assert "0001 Framework for the partner API: skipped (status: rejected)" in capsys.readouterr().out


@pytest.mark.parametrize("argv, needle", [
    (["status", "0009", "accepted"], "no record numbered 0009"),
    (["status", "0001", "accepted", "--folder", "missing"], "no such folder"),
])
def test_status_bad_input_exits_2_and_writes_nothing(tmp_path: Path, capsys, argv, needle):
    assert record(tmp_path) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    argv = [a if a != "missing" else str(tmp_path / "missing") for a in argv]
    if "--folder" not in argv:
        argv += ["--folder", str(tmp_path)]
    capsys.readouterr()
    assert main([*argv, *M]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_status_word_outside_the_list_is_a_usage_error(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    with pytest.raises(SystemExit) as exc:
        main(["status", "0001", "approved", "--folder", str(tmp_path)])
    assert exc.value.code == 2
    assert "invalid choice: 'approved'" in capsys.readouterr().err


def test_status_of_a_record_without_its_bundle_is_refused(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    (tmp_path / f"{S1}.stackwise.yaml").unlink()
    md = (tmp_path / f"{S1}.md").read_bytes()
    capsys.readouterr()
    assert main(["status", "0001", "accepted", "--folder", str(tmp_path), *M]) == 2
    assert f"has no bundle: {S1}.stackwise.yaml is missing" in capsys.readouterr().err
    assert (tmp_path / f"{S1}.md").read_bytes() == md


def test_superseding_a_missing_record_writes_nothing(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    assert record(tmp_path, "--supersedes", "0007") == 2
    assert "no record numbered 0007" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --------------------------------------------------------------------------- check: problems with the files (16.7)

def test_a_record_without_its_bundle_is_reported(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    (tmp_path / f"{S1}.stackwise.yaml").unlink()
    code, out = check(tmp_path, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"0001 Framework for the partner API: PROBLEM: {S1}.md has no bundle ({S1}.stackwise.yaml is missing "
        "beside it), so it cannot be checked",
        f"1 of 1 records could not be checked because of a problem with their files: 0001.",
    ]


def test_an_edited_outcome_is_reported_not_taken_as_evidence(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    md = tmp_path / f"{S1}.md"
    md.write_text(md.read_text().replace('Chosen option: "Beta"', 'Chosen option: "Alpha"'))
    code, out = check(tmp_path, capsys)
    assert code == 1
    line = out.splitlines()[0]
    assert line == (f'0001 Framework for the partner API: PROBLEM: {S1}.md says the chosen option is "Alpha" but '
                    f'{S1}.stackwise.yaml records "Beta" (the Markdown was edited, or the two files do not belong '
                    "together)")
    assert "DOES NOT HOLD" not in out


def test_edited_bundle_inputs_are_reported_not_taken_as_evidence(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    bundle = tmp_path / f"{S1}.stackwise.yaml"
    text = bundle.read_text()
    assert "      learning: 3\n" in text
    bundle.write_text(text.replace("      learning: 3\n", "      learning: 10\n", 1))
    code, out = check(tmp_path, capsys)
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"0001 Framework for the partner API: PROBLEM: the inputs in {S1}.stackwise.yaml do not "
                           f"match the SHA-256 printed in {S1}.md (")
    assert line.endswith("now): the bundle was edited after the record was written")
    assert "DOES NOT HOLD" not in out and "margin" not in out


def test_both_problems_share_one_line(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    md = tmp_path / f"{S1}.md"
    md.write_text(md.read_text().replace('Chosen option: "Beta"', 'Chosen option: "Gamma"'))
    bundle = tmp_path / f"{S1}.stackwise.yaml"
    bundle.write_text(bundle.read_text().replace("seed: 0\n", "seed: 5\n", 1))
    code, out = check(tmp_path, capsys)
    assert code == 1
    problem_lines = [line for line in out.splitlines() if "PROBLEM" in line]
    assert len(problem_lines) == 1
    assert '"Gamma"' in problem_lines[0] and "SHA-256" in problem_lines[0]


def test_a_hand_written_adr_in_the_folder_is_skipped_not_broken(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    (tmp_path / "0002-use-postgresql.md").write_text("# 2. Use PostgreSQL\n\nDate: 2026-01-01\n\n## Status\n\n"
                                                     "Accepted\n\n## Context\n\nWe need a database.\n")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert "0002 Use PostgreSQL: skipped (not written by stackwise: it names no bundle; status: accepted)" in out


# --------------------------------------------------------------------------- check --format json

def test_check_json_shape_and_exit_codes(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    assert record(tmp_path, "--supersedes", "0001") == 0
    assert record(tmp_path) == 0
    s3 = "0003-framework-for-the-partner-api"
    (tmp_path / "0004-orphan.md").write_text((tmp_path / f"{s3}.md").read_text().replace(s3, "0004-orphan"))
    code, out = check(tmp_path, capsys, "--format", "json")
    assert code == 1  # the orphan is a problem
    data = json.loads(out)
    assert [list(d) for d in data] == [JSON_KEYS] * 4
    by = {d["record"]: d for d in data}
    assert by[f"{S1}.md"] == {"record": f"{S1}.md", "status": f"superseded by {S2}", "holds": None,
                              "winner_then": "beta", "winner_now": None, "margin_then": 16.25, "margin_now": None,
                              "changes": [], "problem": None}
    assert by[f"{S2}.md"]["holds"] is True and by[f"{S2}.md"]["winner_now"] == "beta"
    assert by[f"{S2}.md"]["margin_now"] == pytest.approx(16.25)
    assert by["0004-orphan.md"]["holds"] is False and "has no bundle" in by["0004-orphan.md"]["problem"]
    (tmp_path / "0004-orphan.md").unlink()
    changed = changed_matrix(tmp_path, "beta", "docs", 1)
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--matrix", str(changed), "--format", "json"]) == 1
    now = {d["record"]: d for d in json.loads(capsys.readouterr().out)}
    third = now["0003-framework-for-the-partner-api.md"]
    assert (third["holds"], third["winner_then"], third["winner_now"], third["problem"]) == (False, "beta", "alpha",
                                                                                             None)
    assert third["changes"] == ["beta docs 5 -> 1"] and third["margin_now"] > 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "nope"), *M, "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no such folder" in captured.err


# --------------------------------------------------------------------------- the decision log README

def test_decision_log_keeps_hand_written_text(tmp_path: Path, capsys):
    tmp_path.joinpath("README.md").write_text("# Our decisions\n\nWritten by hand above.\n")
    assert record(tmp_path) == 0
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# Our decisions\n\nWritten by hand above.\n\n<!-- stackwise:decision-log start")
    readme = readme + "\nWritten by hand below.\n"
    (tmp_path / "README.md").write_text(readme)
    assert record(tmp_path, "--supersedes", "0001", "--status", "accepted") == 0
    assert main(["status", "0002", "deprecated", "--folder", str(tmp_path), *M]) == 0
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# Our decisions\n\nWritten by hand above.\n\n")
    assert readme.endswith("<!-- stackwise:decision-log end -->\n\nWritten by hand below.\n")
    rows = [line for line in readme.splitlines() if line.startswith("| 000")]
    assert rows == [
        f"| 0001 | [Framework for the partner API]({S1}.md) | superseded by [0002]({S2}.md) | 2026-11-21 | Beta "
        "| not checked (superseded) |",
        f"| 0002 | [Framework for the partner API]({S2}.md) | deprecated | 2026-11-21 | Beta "
        "| not checked (deprecated) |",
    ]
    assert main(["status", "0002", "accepted", "--folder", str(tmp_path), *M]) == 0
    assert f"| 0002 | [Framework for the partner API]({S2}.md) | accepted | 2026-11-21 | Beta | yes |" \
        in (tmp_path / "README.md").read_text()


def test_decision_log_is_made_when_missing_and_says_no(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# Decision log\n")
    changed = changed_matrix(tmp_path, "beta", "docs", 1)
    assert main(["status", "0001", "accepted", "--folder", str(tmp_path), "--matrix", str(changed)]) == 0
    assert f"| 0001 | [Framework for the partner API]({S1}.md) | accepted | 2026-11-21 | Beta | **no** |" \
        in (tmp_path / "README.md").read_text()


def test_broken_markers_stop_everything(tmp_path: Path, capsys):
    assert record(tmp_path) == 0
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text().replace("<!-- stackwise:decision-log end -->", ""))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    capsys.readouterr()
    assert record(tmp_path) == 2
    assert "decision-log markers are broken" in capsys.readouterr().err
    assert main(["status", "0001", "accepted", "--folder", str(tmp_path), *M]) == 2
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_broken_bundle_in_the_folder_stops_record_and_status_before_writing(tmp_path: Path, capsys):
    assert record(tmp_path) == 0 and record(tmp_path) == 0
    bundle = tmp_path / f"{S1}.stackwise.yaml"
    bundle.write_text(bundle.read_text().replace("format_version: 1", "format_version: 9"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    capsys.readouterr()
    assert record(tmp_path) == 2
    assert "unknown bundle format version 9" in capsys.readouterr().err
    assert main(["status", "0002", "accepted", "--folder", str(tmp_path), *M]) == 2
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_titles_cannot_break_the_table(tmp_path: Path, capsys):
    req = tmp_path / "req.yaml"
    req.write_text("title: 'Pipes | and <b>tags</b>'\nweights: {docs: 1}\n")
    out = tmp_path / "d"
    assert main(["record", str(req), "--out", str(out), "--no-charts", *M]) == 0
    row = next(line for line in (out / "README.md").read_text().splitlines() if line.startswith("| 0001"))
    assert row.count(" | ") == 5 and "<b>" not in row and "\\|" in row


# --------------------------------------------------------------------------- the shipped example folder

def test_example_folder_shows_a_superseded_decision_and_its_successor(capsys):
    from criteria.loader import load_matrix as load_shipped
    from records.index import readme_text

    folder = Path(__file__).resolve().parents[2] / "docs" / "decisions"
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json"]) == 0
    data = {d["record"][:4]: d for d in json.loads(capsys.readouterr().out)}
    assert sorted(data) == ["0001", "0002"]
    successor = data["0002"]["record"][:-3]
    assert data["0001"]["status"] == f"superseded by {successor}" and data["0001"]["holds"] is None
    assert data["0002"]["status"] == "accepted" and data["0002"]["holds"] is True
    assert all(d["problem"] is None for d in data.values())
    assert f"Supersedes [{data['0001']['record'][:-3]}]" in (folder / data["0002"]["record"]).read_text()
    # the committed decision log is what `stackwise record/status` would write now (regenerate when it drifts)
    assert (folder / "README.md").read_text() == readme_text(folder, load_shipped())
