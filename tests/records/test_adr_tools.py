"""The ADR tools teams use read our records right: log4brains, adr-log and adr-tools, run for real.

scripts/setup.d/30-adr-tools.sh installs them (log4brains 1.1.0 and adr-log 2.2.0 into
.test-services/npm, adr-tools from Debian). Locally a missing tool skips these tests with
the command that installs it; in CI (CI=true) a missing tool fails them.

Each folder is made the way a user makes it: `stackwise record` (one flavour per folder),
`--supersedes`, `stackwise status`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from records import flavors
from stackwise_cli.main import main

from records_paths import DATE, MATRIX_DIR

ROOT = Path(__file__).resolve().parents[2]
NPM_BIN = ROOT / ".test-services" / "npm" / "node_modules" / ".bin"
SETUP = "bash scripts/setup.d/30-adr-tools.sh"

TITLES = {1: "Framework for the partner API", 2: "Partner API framework, second look", 3: "Framework for the admin UI"}


def tool(name: str) -> str:
    """Path of an installed tool: the project-local npm folder first, then PATH."""
    local = NPM_BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed; run `{SETUP}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI runs every setup step before the tests, so this is a set-up failure)")
    pytest.skip(message)


def run(cmd: list[str], cwd: Path, **env: str) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", **env})
    assert proc.returncode == 0, f"{cmd[0]} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def make_folder(tmp: Path, flavor: str) -> Path:
    """0001 superseded by 0002 (accepted), 0003 rejected: the lifecycle a team goes through."""
    folder = tmp / "decisions"
    reqs = {n: tmp / f"req{n}.yaml" for n in TITLES}
    for n, title in TITLES.items():
        reqs[n].write_text(f"title: {title}\nweights: {{docs: {n + 5}, speed: 5, learning: 3}}\n", encoding="utf-8")
    common = ["--out", str(folder), "--date", DATE.isoformat(), "--no-charts", "--matrix", str(MATRIX_DIR),
              "--flavor", flavor]
    assert main(["record", str(reqs[1]), *common]) == 0
    assert main(["record", str(reqs[2]), *common, "--supersedes", "0001", "--status", "accepted"]) == 0
    assert main(["record", str(reqs[3]), *common]) == 0
    assert main(["status", "0003", "rejected", "--folder", str(folder), "--matrix", str(MATRIX_DIR)]) == 0
    return folder


def stems(folder: Path) -> dict[int, str]:
    return {int(p.name[:4]): p.name[:-3] for p in folder.glob("[0-9][0-9][0-9][0-9]-*.md")}


def log4brains_list(folder: Path) -> dict[str, tuple[str, str]]:
    """slug -> (STATUS, title) from `log4brains adr list --raw` run in a project whose ADR folder is ``folder``."""
    project = folder.parent
    (project / ".log4brains.yml").write_text(f"project:\n  name: test\n  tz: UTC\n  adrFolder: ./{folder.name}\n",
                                             encoding="utf-8")
    out = run([tool("log4brains"), "adr", "list", "--raw"], cwd=project)
    rows = {}
    for line in out.splitlines():
        if line.count(",") >= 3:
            slug, status, _package, title = line.split(",", 3)
            rows[slug] = (status, title)
    return rows


def test_log4brains_reads_title_and_status_of_log4brains_records(tmp_path: Path, capsys):
    folder = make_folder(tmp_path, "log4brains")
    s = stems(folder)
    assert log4brains_list(folder) == {
        s[1]: ("SUPERSEDED", TITLES[1]),
        s[2]: ("ACCEPTED", TITLES[2]),
        s[3]: ("REJECTED", TITLES[3]),
    }
    # every status `stackwise status` sets is one log4brains knows (an unknown one would read DRAFT)
    for status in ("proposed", "deprecated", "accepted"):
        assert main(["status", "0003", status, "--folder", str(folder), "--matrix", str(MATRIX_DIR)]) == 0
        assert log4brains_list(folder)[s[3]] == (status.upper(), TITLES[3])


def test_log4brains_finds_the_successor_of_a_superseded_record(tmp_path: Path):
    """log4brains takes the text after 'superseded by' as the successor's slug: it must be the file's stem."""
    folder = make_folder(tmp_path, "log4brains")
    s = stems(folder)
    status_line = next(line for line in (folder / f"{s[1]}.md").read_text().splitlines() if line.startswith("- Status:"))
    assert status_line == f"- Status: superseded by [{s[2]}]({s[2]}.md)"


@pytest.mark.parametrize("flavor", ["madr4", "log4brains", "nygard"])
def test_adr_log_index_shows_our_titles(tmp_path: Path, flavor: str):
    folder = make_folder(tmp_path, flavor)
    s = stems(folder)
    # README.md is our decision log, not a record: adr-log is told to leave it out, as a user would
    out = run([tool("adr-log"), "-d", str(folder), "-e", "README.md"], cwd=tmp_path)
    entries = [line for line in out.splitlines() if line.startswith("* [ADR-")]
    assert entries == [f"* [ADR-{n:04d}]({s[n]}.md) - {TITLES[n]}" for n in sorted(TITLES)]


def test_adr_tools_lists_and_links_nygard_records(tmp_path: Path, capsys):
    folder = make_folder(tmp_path, "nygard")
    s = stems(folder)
    adr = tool("adr")
    (tmp_path / ".adr-dir").write_text(folder.name, encoding="utf-8")
    listed = run([adr, "list"], cwd=tmp_path).split()
    assert listed == [f"{folder.name}/{s[n]}.md" for n in sorted(TITLES)]
    toc = run([adr, "generate", "toc"], cwd=tmp_path)
    for n, title in TITLES.items():
        assert f"* [{n}. {title}]({s[n]}.md)" in toc
    graph = run([adr, "generate", "graph"], cwd=tmp_path)
    assert '_2 -> _1 [label="Supersedes", weight=0]' in graph
    # adr-tools can go on from our records: a new ADR superseding ours marks ours superseded in its own way
    run([adr, "new", "-s", "2", "Framework for the partner API, third look"], cwd=tmp_path,
        ADR_DATE=DATE.isoformat(), VISUAL="true", EDITOR="true")
    assert flavors.read_head((folder / f"{s[2]}.md").read_text()).status.startswith("superseded by 0004-")
    assert main(["check", str(folder), "--matrix", str(MATRIX_DIR)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("0004 Framework for the partner API, third look: skipped (not written by stackwise")
    assert lines[-1] == ("No decision was re-checked. 4 skipped (2 superseded, 1 not written by stackwise, "
                         "1 rejected): 0001 (superseded by 0002-partner-api-framework-second-look), 0002 "
                         "(superseded by 0004-framework-for-the-partner-api-third-look), 0003 (rejected), 0004 "
                         "(not written by stackwise); superseded, rejected and deprecated decisions are not "
                         "re-checked because nobody builds on them any more; records without a stackwise bundle "
                         "named in them have nothing to re-evaluate.")


def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-such-adr-tool is not installed"):
        tool("no-such-adr-tool")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="30-adr-tools.sh"):
        tool("no-such-adr-tool")


def test_adr_log_reads_the_shipped_example_folder(tmp_path: Path):
    folder = ROOT / "docs" / "decisions"
    out = run([tool("adr-log"), "-d", str(folder), "-e", "README.md"], cwd=tmp_path)
    entries = [line for line in out.splitlines() if line.startswith("* [ADR-")]
    titles = [flavors.read_head(p.read_text()).title for p in sorted(folder.glob("[0-9][0-9][0-9][0-9]-*.md"))]
    assert len(entries) == len(titles) == 2
    assert [e.split(") - ", 1)[1] for e in entries] == titles
