"""The footprint script's dependency walk (no network): the target's markers decide, not the host's."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.frameworks.footprint import TARGET_ENV, closure  # noqa: E402


def _wheel(*requires: str) -> dict:
    return {"requires": list(requires)}


def test_markers_are_evaluated_for_the_target_python_and_extras_are_left_out() -> None:
    assert TARGET_ENV["python_version"] == "3.13"
    wheels = {
        "app": _wheel("lib>=1", "backport; python_version < '3.13'", "winonly; sys_platform == 'win32'",
                      "extra-dep; extra == 'full'", "newer; python_version >= '3.13'"),
        "lib": _wheel("Sub_Lib"), "sub-lib": _wheel(), "newer": _wheel(),
        "backport": _wheel(), "winonly": _wheel(), "extra-dep": _wheel(),
    }
    assert closure("App", wheels) == {"app", "lib", "sub-lib", "newer"}


def test_a_needed_distribution_pip_did_not_fetch_stops_the_run() -> None:
    with pytest.raises(SystemExit, match="needs missing"):
        closure("app", {"app": _wheel("missing")})
