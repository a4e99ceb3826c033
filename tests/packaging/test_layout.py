"""What the wheel must carry, checked without building it (fast; test_wheel.py builds it).

Every top-level package in the repository (a folder with ``__init__.py``) is declared in
pyproject.toml, and every tracked file under a shipped package that is not Python source
matches a package-data pattern: a new module or data file cannot be left out of installs.
"""
from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
#: Top-level packages that are not part of the product.
NOT_SHIPPED = {"tests", "benchmarks"}


def _tracked() -> list[str]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [p for p in out.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


def _source_dir(package: str) -> str:
    """The repository folder a declared package is built from (package-dir mapping)."""
    mapped = SETUPTOOLS.get("package-dir", {})
    top = package.split(".")[0]
    base = mapped.get(top, top)
    return "/".join([base, *package.split(".")[1:]])


def test_every_top_level_package_is_declared() -> None:
    tops = {p.split("/")[0] for p in _tracked() if p.count("/") == 1 and p.endswith("/__init__.py")}
    declared = {_source_dir(p) for p in SETUPTOOLS["packages"]}
    missing = sorted(tops - NOT_SHIPPED - declared)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_every_subpackage_of_a_shipped_package_is_declared() -> None:
    declared = {_source_dir(p) for p in SETUPTOOLS["packages"]}
    data_dirs = {_source_dir(p) for p, pats in SETUPTOOLS["package-data"].items() if "**/*" in pats}
    missing = []
    for rel in _tracked():
        folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
        if not rel.endswith("/__init__.py") or folder in declared:
            continue
        owner = folder.split("/")[0]
        if owner in NOT_SHIPPED or any(folder.startswith(d + "/") for d in data_dirs):
            continue
        missing.append(folder.replace("/", "."))
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_every_non_python_file_of_a_shipped_package_matches_package_data() -> None:
    tracked = _tracked()
    unmatched = []
    for package in SETUPTOOLS["packages"]:
        folder = _source_dir(package)
        patterns = SETUPTOOLS["package-data"].get(package, [])
        # setuptools expands package-data patterns as recursive globs from the package folder.
        matched = {str(f.relative_to(ROOT)) for pat in patterns for f in (ROOT / folder).glob(pat)}
        for rel in tracked:
            if not rel.startswith(folder + "/") or rel.endswith(".py"):
                continue
            inner = rel[len(folder) + 1:]
            if "/" in inner and not any(pat.startswith("**") for pat in patterns):
                continue  # in a subfolder: a subpackage's file, checked under that package's name
            if rel not in matched:
                unmatched.append(rel)
    assert not unmatched, ("files read at run time must match [tool.setuptools.package-data] in "
                           f"pyproject.toml: {unmatched}")


def test_a_checkout_reads_its_own_data_even_beside_another_installed_copy() -> None:
    # Tests run with PYTHONPATH=<worktree> while another worktree may be installed with -e:
    # code and data must both come from the checkout the code was imported from.
    import criteria
    from criteria.loader import CATALOG_FILE, DATA_DIR, PROFILES_FILE

    here = Path(criteria.__file__).resolve().parent.parent
    assert DATA_DIR == here / "data" and (DATA_DIR / "matrix.yaml").is_file()
    assert CATALOG_FILE == here / "criteria" / "catalog.yaml" and PROFILES_FILE.is_file()
