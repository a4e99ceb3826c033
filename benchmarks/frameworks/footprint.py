"""Measure what `pip install FRAMEWORK==VERSION` brings in, for the eight rated releases (criterion `footprint`).

    python3 benchmarks/frameworks/footprint.py                 # write data/benchmarks/stackwise-footprint-DATE.yaml
    python3 benchmarks/frameworks/footprint.py --out PATH      # write elsewhere
    python3 benchmarks/frameworks/footprint.py --only flask    # some frameworks, printed, nothing written

For each option it reads the exact release the matrix rates (``version`` in data/options/<id>.yaml)
and asks pip to download it with its runtime dependencies (no extras) as wheels for one stated
target, without installing anything::

    pip --isolated download NAME==VER --index-url https://pypi.org/simple --only-binary=:all:
        --python-version 3.13 --implementation cp --abi cp313 --platform manylinux_2_36_x86_64
        --platform manylinux_2_35_x86_64 ... --platform manylinux1_x86_64 -d DIR

``--isolated`` keeps local pip configuration (mirrors, find-links, constraints) out of the
resolution, so the figures are PyPI's. pip resolves from the wheels' metadata for the target's
tags and Requires-Python, but it evaluates environment markers (``python_version < "3.13"``) against
the interpreter running it, not the target. So the script re-derives the dependency closure itself
from every downloaded wheel's ``Requires-Dist`` with the target's marker environment (TARGET_ENV)
and compares: a wheel pip fetched only because of a host marker is dropped and listed under
``dropped_by_target_markers``; a distribution the target needs that pip did not fetch stops the run.

Figures per distribution: the wheel's size (download bytes) and the sum of the file sizes in its
zip directory (unpacked bytes: what lands in site-packages before byte-compilation; pip's .pyc
files and the launcher scripts come on top). MB = 10**6 bytes. Sizes depend on the newest
dependency releases on the day of the run, so the results file carries its date.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: make the repository importable

import yaml  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402
from packaging.utils import canonicalize_name  # noqa: E402

from benchmarks.frameworks.spec import FRAMEWORKS  # noqa: E402
from criteria import load_matrix  # noqa: E402
from criteria.loader import DATA_DIR  # noqa: E402

INDEX_URL = "https://pypi.org/simple"
#: One target for all eight, so the figures compare: the newest Requires-Python among the rated
#: releases is Quart 0.23.1's ">=3.13"; glibc 2.36 is Debian 12's (python:3.13-slim-bookworm).
PYTHON = "3.13"
PLATFORM = "manylinux_2_36_x86_64"
#: pip 23 does not widen ``--platform manylinux_2_36`` to the older glibc tags a real install on that
#: system accepts, so every compatible tag is passed explicitly (newest first, then the legacy aliases).
PLATFORMS = tuple(f"manylinux_2_{minor}_x86_64" for minor in range(36, 4, -1)) + (
    "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64")
#: PEP 508 marker environment of that target (what `python3.13 -c 'import packaging.markers;
#: print(packaging.markers.default_environment())'` gives on such a Linux host, patch level 0).
TARGET_ENV = {
    "implementation_name": "cpython", "implementation_version": "3.13.0", "os_name": "posix",
    "platform_machine": "x86_64", "platform_python_implementation": "CPython", "platform_release": "",
    "platform_system": "Linux", "platform_version": "", "python_full_version": "3.13.0",
    "python_version": PYTHON, "sys_platform": "linux", "extra": "",
}
MB = 10**6


def pip_version() -> str:
    out = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split()[1]


def download(spec: str, folder: Path) -> None:
    """pip download ``spec`` and its runtime dependencies as target wheels into ``folder``."""
    cmd = [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check", "download", spec,
           "--index-url", INDEX_URL, "--only-binary=:all:", "--python-version", PYTHON, "--implementation", "cp",
           "--abi", "cp" + PYTHON.replace(".", ""), *(a for plat in PLATFORMS for a in ("--platform", plat)), "--quiet", "-d", str(folder)]
    subprocess.run(cmd, check=True)


def read_wheel(path: Path) -> dict:
    """Name, version, sizes and Requires-Dist of one wheel (from its zip directory and METADATA)."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        meta_name = next(i.filename for i in infos
                         if i.filename.endswith(".dist-info/METADATA") and i.filename.count("/") == 1)
        meta = Parser().parsestr(z.read(meta_name).decode("utf-8"))
    return {
        "name": meta["Name"], "version": meta["Version"], "wheel": path.name,
        "download_bytes": path.stat().st_size, "unpacked_bytes": sum(i.file_size for i in infos),
        "requires": meta.get_all("Requires-Dist") or [], "requires_python": meta.get("Requires-Python"),
    }


def closure(root: str, wheels: dict[str, dict]) -> set[str]:
    """Canonical names the target needs: ``root`` plus every Requires-Dist whose marker holds for TARGET_ENV
    (no extras), followed transitively. Raises when a needed distribution was not downloaded."""
    need, todo = set(), [canonicalize_name(root)]
    while todo:
        name = todo.pop()
        if name in need:
            continue
        if name not in wheels:
            raise SystemExit(f"{root}: the target needs {name}, which pip did not download")
        need.add(name)
        for text in wheels[name]["requires"]:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate(dict(TARGET_ENV)):
                todo.append(canonicalize_name(req.name))
    return need


def measure_one(option_id: str, package: str, version: str) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"footprint-{option_id}-") as tmp:
        download(f"{package}=={version}", Path(tmp))
        wheels = {canonicalize_name(w["name"]): w for w in map(read_wheel, sorted(Path(tmp).glob("*.whl")))}
    root = wheels[canonicalize_name(package)]
    if root["version"] != version:
        raise SystemExit(f"{package}: asked for {version}, pip downloaded {root['version']}")
    need = closure(package, wheels)
    dists = [{k: wheels[n][k] for k in ("name", "version", "wheel", "download_bytes", "unpacked_bytes")}
             for n in sorted(need)]
    download_bytes = sum(d["download_bytes"] for d in dists)
    unpacked_bytes = sum(d["unpacked_bytes"] for d in dists)
    return {
        "distribution": package, "version": version,
        "totals": {"distributions": len(dists), "download_bytes": download_bytes,
                   "unpacked_bytes": unpacked_bytes, "download_mb": round(download_bytes / MB, 1),
                   "unpacked_mb": round(unpacked_bytes / MB, 1)},
        "distributions": dists,
        "dropped_by_target_markers": sorted(f"{wheels[n]['name']}=={wheels[n]['version']}"
                                            for n in set(wheels) - need),
    }


def measure(only: list[str] | None = None) -> dict:
    matrix = load_matrix()
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    doc: dict = {
        "id": f"stackwise-footprint-{today}",
        "title": "stackwise footprint: what pip install brings in for each rated framework release",
        "date": today,
        "command": "python3 benchmarks/frameworks/footprint.py",
        "pip": pip_version(),
        "index": INDEX_URL,
        "target": {"python": PYTHON, "implementation": "cp", "abi": "cp" + PYTHON.replace(".", ""),
                   "platform": f"{PLATFORM} (glibc 2.36, x86_64; wheels tagged manylinux_2_5 to _2_36 accepted)",
                   "markers": TARGET_ENV},
        "method": (
            "pip --isolated download NAME==VERSION (no extras, wheels only) for the target; the dependency "
            "closure re-derived from the wheels' Requires-Dist with the target's markers; download = wheel "
            "size, unpacked = sum of the file sizes in the wheel's zip directory; MB = 10**6 bytes."),
        "frameworks": {},
    }
    for fw in FRAMEWORKS:
        if only and fw.id not in only:
            continue
        version = matrix.option(fw.id).version
        print(f"{fw.id} {version} ...", file=sys.stderr)
        doc["frameworks"][fw.id] = measure_one(fw.id, fw.package, version)
    return doc


def table(doc: dict) -> str:
    rows = [f"{'option':<10} {'version':<9} {'dists':>5} {'download MB':>11} {'unpacked MB':>11}"]
    for oid, r in doc["frameworks"].items():
        t = r["totals"]
        rows.append(f"{oid:<10} {r['version']:<9} {t['distributions']:>5} {t['download_mb']:>11} "
                    f"{t['unpacked_mb']:>11}" + (f"  dropped: {r['dropped_by_target_markers']}"
                                                 if r["dropped_by_target_markers"] else ""))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", nargs="+", help="option ids to measure (prints, writes nothing unless --out)")
    p.add_argument("--out", type=Path, help="results file (default data/benchmarks/ID.yaml)")
    args = p.parse_args(argv)
    doc = measure(args.only)
    print(table(doc))
    if args.only and not args.out:
        return 0
    out = args.out or DATA_DIR / "benchmarks" / f"{doc['id']}.yaml"
    out.write_text("# Written by benchmarks/frameworks/footprint.py (criterion footprint); docs/benchmarks.md "
                   "has the method.\n" + yaml.safe_dump(doc, sort_keys=False, width=110, allow_unicode=True),
                   encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
