"""Size and shape limits, on inputs generated at test time (too big to commit).

* over :data:`MAX_BYTES` is refused before parsing, by the CLI and the loaders;
* a generated 200-option x 50-criterion matrix (several MB) is well inside the
  limits and loads; its load time is printed, not asserted;
* too many values, nesting past :data:`MAX_DEPTH`, devices instead of files,
  are refused with an :class:`InputError`;
* an alias bomb is refused in well under a second (a generous sanity bound:
  expanding it would take minutes and gigabytes).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from criteria import InputError, load_matrix, load_matrix_bytes, requirements_from_data
from criteria.yamlio import MAX_BYTES, MAX_DEPTH, MAX_SCALARS, parse_bytes, parse_text, read_capped
from tests.hardening.generate import big_matrix_text

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "stackwise_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def big_yaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big-matrix.yaml"
    path.write_text(big_matrix_text("yaml"), encoding="utf-8")
    return path


def test_generated_matrix_is_several_megabytes_and_loads(big_yaml: Path) -> None:
    size = big_yaml.stat().st_size
    assert 3_000_000 < size < MAX_BYTES, f"{size} bytes: the generator no longer makes a several-MB matrix"
    start = time.perf_counter()
    matrix = load_matrix_bytes(big_yaml.read_bytes(), big_yaml.name)
    elapsed = time.perf_counter() - start
    print(f"\n200 x 50 matrix, YAML, {size / 1e6:.1f} MB: loaded in {elapsed:.2f} s")
    assert len(matrix.options) == 200 and len(matrix.criteria) == 50
    assert all(len(o.ratings) == 50 for o in matrix.options)
    # Spot-check that values went through intact, against the generator's formula.
    assert matrix.option("opt-123").ratings["crit-045"].rating == (123 * 7 + 45 * 3) % 6


def test_generated_matrix_as_json_loads(tmp_path: Path) -> None:
    raw = big_matrix_text("json").encode("utf-8")
    start = time.perf_counter()
    matrix = load_matrix_bytes(raw, "big-matrix.json")
    print(f"\n200 x 50 matrix, JSON, {len(raw) / 1e6:.1f} MB: loaded in {time.perf_counter() - start:.2f} s")
    assert len(matrix.options) == 200


def test_cli_validates_the_generated_matrix(big_yaml: Path, tmp_path: Path) -> None:
    start = time.perf_counter()
    proc = _cli("validate", str(big_yaml), cwd=tmp_path)
    print(f"\nstackwise validate on the 200 x 50 matrix: {time.perf_counter() - start:.2f} s (process start included)")
    assert proc.returncode == 0, proc.stderr
    assert "200 options" in proc.stdout and "50 criteria" in proc.stdout


def _oversized(path: Path) -> Path:
    # Valid YAML all the way, so only the size can be the reason it is refused.
    with path.open("wb") as fh:
        fh.write(b"criteria: []\n")
        line = b"# " + b"x" * 1000 + b"\n"
        for _ in range(MAX_BYTES // len(line) + 2):
            fh.write(line)
    assert path.stat().st_size > MAX_BYTES
    return path


def test_over_the_size_cap_is_refused_by_the_cli(tmp_path: Path) -> None:
    big = _oversized(tmp_path / "huge.yaml")
    out = tmp_path / "out"
    out.mkdir()
    for args in (["validate", str(big)], ["record", str(big), "--out", str(out)],
                 ["evaluate", str(big)], ["matrix", "--matrix", str(big), "--out", str(out / "m.json")]):
        proc = _cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert "huge.yaml" in proc.stderr and "over the 8 MB limit" in proc.stderr
    assert list(out.iterdir()) == []


def test_over_the_size_cap_is_refused_by_the_loaders(tmp_path: Path) -> None:
    raw = _oversized(tmp_path / "huge.yaml").read_bytes()
    for call in (lambda: load_matrix_bytes(raw, "huge.yaml"), lambda: load_matrix_bytes(raw, "huge.csv"),
                 lambda: parse_bytes(raw, "huge.yaml")):
        with pytest.raises(InputError, match="over the 8 MB limit"):
            call()


def test_too_many_values_are_refused() -> None:
    text = "[" + ",".join(["0"] * (MAX_SCALARS + 1)) + "]"
    with pytest.raises(InputError, match=f"more than {MAX_SCALARS} values"):
        parse_text(text, "many.yaml")


def test_nesting_deeper_than_the_limit_is_refused_without_recursion_error() -> None:
    # 100 000 levels would blow Python's recursion limit in any recursive walker.
    text = "a: " + "[" * 100_000 + "]" * 100_000
    with pytest.raises(InputError, match=f"deeper than {MAX_DEPTH}"):
        parse_text(text, "deep.yaml")
    # ... and the limit itself is accepted, so the check is not off by one.
    parse_text("[" * MAX_DEPTH + "]" * MAX_DEPTH)


@pytest.mark.parametrize("where", ["top", "context", "stakeholder"])
def test_alias_bomb_is_refused_in_well_under_a_second(where: str) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    if where == "top":
        text = "\n".join(bomb)
    elif where == "context":  # inside an accepted key, after valid weights
        text = "weights: {performance: 6}\ncontext:\n" + "\n".join("  " + b for b in bomb)
    else:
        text = "stakeholders:\n  - name: P\n    weights:\n" + "\n".join("      " + b for b in bomb)
    start = time.perf_counter()
    with pytest.raises(InputError, match="aliases"):
        data, lines = parse_text(text, "bomb.yaml")
        requirements_from_data(data, "bomb.yaml", lines, load_matrix())
    elapsed = time.perf_counter() - start
    print(f"\nalias bomb ({where}) refused in {elapsed * 1000:.1f} ms")
    assert elapsed < 1.0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    # /dev/zero never ends: reading it whole would exhaust memory.
    with pytest.raises(InputError, match="not a regular file"):
        read_capped("/dev/zero")
    proc = _cli("validate", "/dev/zero", cwd=tmp_path)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "requirements.yaml"
    os.mkfifo(fifo)  # opening it for reading would block forever with no writer
    with pytest.raises(InputError, match="not a regular file"):
        read_capped(fifo)
    proc = _cli("evaluate", str(fifo), cwd=tmp_path)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
