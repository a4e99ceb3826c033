"""The benchmark's own virtual environment (issue 14): the eight frameworks, pinned apart from the project.

Why apart: Sanic needs setuptools >= 70 and the project's environment is not ours to upgrade;
the pins live in pyproject.toml's ``frameworks`` extra, read here so there is one list.
``ensure()`` is idempotent: it reinstalls only when the pins changed (a stamp file holds them).

    python3 benchmarks/frameworks/environment.py     # create or update .venv-frameworks/, print its path
"""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("STACKWISE_FRAMEWORKS_VENV", ROOT / ".venv-frameworks"))
STAMP = "stackwise-frameworks.txt"


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The pinned ``frameworks`` extra of pyproject.toml."""
    with pyproject.open("rb") as f:
        return list(tomllib.load(f)["project"]["optional-dependencies"]["frameworks"])


def bin_dir(venv: Path = VENV) -> Path:
    return venv / "bin"


def ensure(venv: Path = VENV, quiet: bool = True) -> Path:
    """Create the venv and install the pins when missing or changed; return its bin directory."""
    reqs = requirements()
    stamp = venv / STAMP
    wanted = "\n".join(reqs) + "\n"
    if stamp.exists() and stamp.read_text() == wanted and (bin_dir(venv) / "python").exists():
        return bin_dir(venv)
    if not (bin_dir(venv) / "python").exists():
        print(f"Creating {venv} for the framework benchmark...", file=sys.stderr)
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)])
        if made.returncode != 0:  # no ensurepip (Debian without python3-venv): a venv without pip
            subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)], check=True)
    print("Installing the pinned frameworks (pyproject.toml, extra 'frameworks')...", file=sys.stderr)
    if (bin_dir(venv) / "pip").exists():
        pip = [str(bin_dir(venv) / "python"), "-m", "pip"]
    else:  # the project's own pip installs into the venv (pip >= 22.3)
        pip = [sys.executable, "-m", "pip", "--python", str(bin_dir(venv) / "python")]
    cmd = [*pip, "install", "--disable-pip-version-check", *(["--quiet"] if quiet else []), *reqs]
    subprocess.run(cmd, check=True)
    stamp.write_text(wanted)
    return bin_dir(venv)


def versions(venv: Path = VENV, packages: tuple[str, ...] = ()) -> dict[str, str]:
    """Installed versions of ``packages`` inside the venv (importlib.metadata, run there)."""
    code = ("import json, sys; from importlib.metadata import version, PackageNotFoundError\n"
            "out = {}\n"
            "for p in sys.argv[1:]:\n"
            "    try: out[p] = version(p)\n"
            "    except PackageNotFoundError: pass\n"
            "print(json.dumps(out))")
    import json

    res = subprocess.run([str(bin_dir(venv) / "python"), "-c", code, *packages],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


if __name__ == "__main__":
    print(ensure(quiet="-v" not in sys.argv))
