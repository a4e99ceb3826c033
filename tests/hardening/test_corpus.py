"""Every file in the hardening corpus, through the CLI and through the loaders the app uses.

The corpus (``corpus/manifest.yaml``) lists broken and hostile inputs with the
fragments their message must contain, the line and the key it must name.
For each one:

* the CLI, as a subprocess (``python -m stackwise_cli ...``), exits with code 2,
  prints no traceback, names the file (and line and key where the manifest
  gives them) and writes nothing: ``record --out DIR`` leaves DIR empty;
* the loader the app calls on an upload raises :class:`criteria.errors.InputError`
  and nothing else, with the same file, line, key and fragments;
* no YAML tag ever runs: the tag files would ``touch stackwise-pwned-marker``
  in the working directory, which must stay absent.

The controls under ``corpus/valid/`` must load and exit 0, so a harness that
failed every file (a broken interpreter, a wrong command) cannot pass.
"""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from criteria import InputError, load_matrix, load_matrix_bytes, requirements_from_data
from criteria.yamlio import parse_bytes
from stackwise_cli.main import main as cli_main

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parent.parent
MARKER = "stackwise-pwned-marker"

# The manifest is our own test data, so plain safe_load is fine here.
ENTRIES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))["entries"]
HOSTILE = [e for e in ENTRIES if e["kind"] != "valid"]
VALID = [e for e in ENTRIES if e["kind"] == "valid"]
#: Kinds of corpus file that are matrices (uploads, --matrix, validate).
MATRIX_KINDS = ("matrices", "csv", "xlsx", "zips")


def _ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["file"] for e in entries]


def test_corpus_is_complete() -> None:
    """At least 50 hostile files, every one listed once, every listed one present."""
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()} - {"manifest.yaml", "query.yaml"}
    listed = [e["file"] for e in ENTRIES]
    assert len(listed) == len(set(listed)), "a file is listed twice in the manifest"
    assert set(listed) == on_disk, f"unlisted: {on_disk - set(listed)}; missing: {set(listed) - on_disk}"
    assert len(HOSTILE) >= 50
    assert {e["kind"] for e in HOSTILE} == {"requirements", "matrices", "csv", "bundles", "xlsx", "zips"}
    for e in HOSTILE:
        assert e["expect"], f"{e['file']}: no fragment to check"


# --------------------------------------------------------------------------- CLI, as subprocesses

@dataclass
class CliRun:
    args: list[str]
    code: int
    stdout: str
    stderr: str
    out_dir: Path
    cwd: Path


def _command(entry: dict[str, Any], path: Path, out_dir: Path) -> list[str]:
    """The command a user would run on this file; ``record`` for what it can write, so 'nothing written' is checked."""
    kind = entry["kind"]
    if kind in ("requirements", "bundles") or path.name.startswith(("requirements", "decision")):
        return ["record", str(path), "--out", str(out_dir), "--no-charts", "--date", "2026-01-01"]
    return ["validate", str(path)]


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CliRun]:
    """Run the CLI once per corpus file, a few at a time (startup dominates; the machine has 2 cores)."""
    base = tmp_path_factory.mktemp("cli")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}

    def run(entry: dict[str, Any]) -> tuple[str, CliRun]:
        slot = base / entry["file"].replace("/", "__")
        cwd, out_dir = slot / "cwd", slot / "out"
        cwd.mkdir(parents=True)
        out_dir.mkdir()
        args = _command(entry, CORPUS / entry["file"], out_dir)
        proc = subprocess.run([sys.executable, "-m", "stackwise_cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=120)
        return entry["file"], CliRun(args, proc.returncode, proc.stdout, proc.stderr, out_dir, cwd)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(pool.map(run, ENTRIES))


def _check_message(text: str, entry: dict[str, Any]) -> None:
    name = Path(entry["file"]).name
    assert name in text, f"the message does not name the file {name}:\n{text}"
    if "line" in entry:
        assert f"line {entry['line']}" in text, f"the message does not name line {entry['line']}:\n{text}"
    if "key" in entry:
        assert f"key '{entry['key']}'" in text, f"the message does not name key {entry['key']}:\n{text}"
    for fragment in entry["expect"]:
        assert fragment in text, f"missing {fragment!r} in:\n{text}"


@pytest.mark.parametrize("entry", HOSTILE, ids=_ids(HOSTILE))
def test_cli_refuses_with_exit_2_and_a_clear_message(entry: dict[str, Any], cli_runs: dict[str, CliRun]) -> None:
    run = cli_runs[entry["file"]]
    assert run.code == 2, f"exit {run.code} for {run.args}\nstdout: {run.stdout[-2000:]}\nstderr: {run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr + run.stdout
    assert "\x1b" not in run.stderr, "an escape sequence from the input reached the terminal"
    assert run.stdout == "", "nothing belongs on standard output when the input is refused"
    assert "invalid input" in run.stderr
    _check_message(run.stderr, entry)
    assert list(run.out_dir.iterdir()) == [], "the output folder must stay empty"
    assert not (run.cwd / MARKER).exists(), "a YAML tag ran code"
    assert list(run.cwd.iterdir()) == [], "nothing may be written to the working directory"


@pytest.mark.parametrize("entry", VALID, ids=_ids(VALID))
def test_cli_controls_are_accepted(entry: dict[str, Any], cli_runs: dict[str, CliRun]) -> None:
    run = cli_runs[entry["file"]]
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    if run.args[0] == "record":
        assert any(run.out_dir.iterdir()), "a valid input must produce a record"


# --------------------------------------------------------------------------- the app's loaders, in process

@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_matrix()


def _load_as_app_does(entry: dict[str, Any], raw: bytes, shipped):  # type: ignore[no-untyped-def]
    """The entry point the app (or the records import) uses for this kind of upload."""
    name = Path(entry["file"]).name
    kind = entry["kind"]
    if kind in MATRIX_KINDS or (kind == "valid" and name.startswith("matrix")):
        return load_matrix_bytes(raw, name)
    if kind == "bundles" or name.endswith(".stackwise.yaml"):
        from records.bundle import read_bundle_bytes

        return read_bundle_bytes(raw, name, shipped)
    data, lines = parse_bytes(raw, name)
    return requirements_from_data(data, name, lines, shipped)


@pytest.mark.parametrize("entry", HOSTILE, ids=_ids(HOSTILE))
def test_loader_raises_input_error_only(entry: dict[str, Any], shipped, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a tag that ran would leave its marker
    raw = (CORPUS / entry["file"]).read_bytes()
    try:
        _load_as_app_does(entry, raw, shipped)
    except InputError as exc:
        _check_message(str(exc), entry)
        for problem in exc.problems:
            assert problem.message, "every problem says what is wrong"
    else:
        pytest.fail(f"{entry['file']} was accepted")
    # Any other exception type propagates and fails the test with its traceback.
    assert not (tmp_path / MARKER).exists(), "a YAML tag ran code"


@pytest.mark.parametrize("entry", VALID, ids=_ids(VALID))
def test_loader_controls_load(entry: dict[str, Any], shipped) -> None:
    assert _load_as_app_does(entry, (CORPUS / entry["file"]).read_bytes(), shipped) is not None


@pytest.mark.parametrize("entry", [e for e in HOSTILE if e["kind"] == "requirements"][:12],
                         ids=_ids([e for e in HOSTILE if e["kind"] == "requirements"][:12]))
def test_evaluate_refuses_too(entry: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """``stackwise evaluate`` goes through the same loader: same exit code and message (in process, for speed)."""
    code = cli_main(["evaluate", str(CORPUS / entry["file"])])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    _check_message(err, entry)


@pytest.mark.parametrize("entry", [e for e in HOSTILE if e["kind"] in MATRIX_KINDS],
                         ids=_ids([e for e in HOSTILE if e["kind"] in MATRIX_KINDS]))
def test_matrix_export_writes_nothing(entry: dict[str, Any], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """``stackwise matrix --matrix BAD --out FILE`` refuses before creating FILE."""
    out = tmp_path / "export.json"
    code = cli_main(["matrix", "--matrix", str(CORPUS / entry["file"]), "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    _check_message(err, entry)
    assert not out.exists()
