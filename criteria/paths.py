"""Where the shipped files are, in a checkout and in an installed package alike.

The repository keeps its data at the top level (``data/`` beside ``criteria/``);
the wheel carries the same folder as the package ``stackwise_data`` (setuptools'
``package-dir`` maps one to the other, see ``pyproject.toml``). Both are found
through :mod:`importlib.resources`, never through the current folder, so every
command works from any folder.

A checkout wins over an installed copy: with ``PYTHONPATH=checkout`` the data
beside the imported ``criteria`` package is used even when another copy of
stackwise (an editable install of a different worktree) is installed, so code
and data always come from the same tree.

Every path here is a real folder or file (``pathlib.Path``): the loaders glob
and stat them, so a zipped install (which no pip install produces) is refused
with a clear message instead of half-working.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

#: Name under which the wheel installs the repository's ``data/`` folder.
DATA_PACKAGE = "stackwise_data"


def _real(traversable: object, what: str) -> Path:
    path = Path(str(traversable))
    if not path.is_dir():
        raise RuntimeError(
            f"stackwise: {what} is not a folder on disk ({traversable!r}); "
            "install stackwise with pip (not as a zip) so its data files are readable."
        )
    return path


#: The ``criteria`` package folder: it holds the catalog and the profiles.
PACKAGE_DIR = _real(resources.files("criteria"), "the criteria package")


def _data_dir() -> Path:
    beside = PACKAGE_DIR.parent
    if (beside / "pyproject.toml").is_file() and (beside / "data" / "matrix.yaml").is_file():
        return beside / "data"  # a checkout (PYTHONPATH or `pip install -e .`)
    return _real(resources.files(DATA_PACKAGE), f"the {DATA_PACKAGE} package")


#: The shipped matrix folder (``data/`` in the repository, ``stackwise_data`` when installed).
DATA_DIR = _data_dir()
#: The shipped criteria catalog.
CATALOG_FILE = PACKAGE_DIR / "catalog.yaml"
#: The shipped project profiles.
PROFILES_FILE = PACKAGE_DIR / "profiles.yaml"
