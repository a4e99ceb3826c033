"""The Python support recorded per option: complete, consistent, and exactly what the gathering script writes.

The facts come from PyPI (scripts/python_support.py); these tests need no network:
they check the recorded facts against each other and against the script's layout.
"""
from __future__ import annotations

from pathlib import Path
import importlib.util

import pytest
from packaging.version import Version

from criteria import load_matrix
from criteria.loader import DATA_DIR
from criteria.pyversions import PYTHON_MINORS, supports

ROOT = Path(__file__).resolve().parents[2]  # the checkout: scripts/ is not part of the package

MATRIX = load_matrix()
OPTIONS = [o.id for o in MATRIX.options]


def _script():
    spec = importlib.util.spec_from_file_location("python_support", ROOT / "scripts" / "python_support.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("oid", OPTIONS)
def test_every_option_records_python_support_for_its_rated_release(oid: str) -> None:
    opt = MATRIX.option(oid)
    assert opt.python is not None, f"{oid}: run scripts/python_support.py"
    assert opt.python.release == opt.version, "the facts must be for the release the ratings hold for"
    assert list(opt.python.newest_release) == list(PYTHON_MINORS)


@pytest.mark.parametrize("oid", OPTIONS)
def test_newest_release_per_python_agrees_with_requires_python(oid: str) -> None:
    facts = MATRIX.option(oid).python
    for minor, newest in facts.newest_release.items():
        if supports(facts.requires_python, minor):
            # The rated release installs there, so the newest one is at least as new.
            assert newest is not None and Version(newest) >= Version(facts.release), (minor, newest)
        else:
            assert newest != facts.release, (minor, newest)


@pytest.mark.parametrize("oid", OPTIONS)
def test_the_block_is_exactly_what_the_script_writes(oid: str) -> None:
    script = _script()
    path = DATA_DIR / "options" / f"{oid}.yaml"
    text = path.read_text(encoding="utf-8")
    facts = MATRIX.option(oid).python
    rebuilt = script.block({"name": script.PYPI_NAMES[oid], "release": facts.release,
                            "requires_python": facts.requires_python, "newest": facts.newest_release},
                           facts.checked)
    assert script.replace_block(text, rebuilt) == text, "hand-edited: rerun scripts/python_support.py"
    # Directly after the url: line, before the ratings.
    lines = text.splitlines()
    url = next(i for i, line in enumerate(lines) if line.startswith("url:"))
    assert lines[url + 2] == "python:"
    assert lines.index("ratings:") > url + 2
