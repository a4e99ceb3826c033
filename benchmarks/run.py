"""Run every benchmark of issue 10 and print one table: figure, median, baseline, ratio, goal, met?

Run from the repository root::

    python benchmarks/run.py              # the full run (about 5 minutes on 2 cores)
    python benchmarks/run.py --markdown   # the same table as Markdown, for docs/benchmarks.md
    python benchmarks/run.py --quick      # few repetitions: checks that everything runs, measures nothing
    python benchmarks/run.py --only evaluate records

Figures are printed, never asserted (speed goals do not belong in tests).
The exit code is 0 when every benchmark ran, whether or not its goal was met,
and 1 when one of them could not run (its error is printed).
See docs/benchmarks.md for the method.
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

# One BLAS thread, as bench_evaluate sets it: must precede numpy's first import.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, print_table  # noqa: E402

#: Name -> module; each has ``figures(quick: bool) -> list[Figure]``. In the order of the issue's figures.
BENCHMARKS = {
    "evaluate": "bench_evaluate",
    "app": "bench_app",
    "records": "bench_records",
    "memory": "bench_memory",
    "uncertainty": "bench_uncertainty",  # issue 15: evaluate with rating ranges
}


def machine() -> str:
    import numpy
    import streamlit

    load = os.getloadavg()
    return (f"{platform.machine()}, {os.cpu_count()} cores, load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}; "
            f"Python {platform.python_version()}, numpy {numpy.__version__}, streamlit {streamlit.__version__}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions: a smoke run, not a measurement")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these benchmarks")
    args = ap.parse_args(argv)

    import streamlit.logger

    # AppTest and the cached loaders log "missing ScriptRunContext" outside a script run: noise here.
    streamlit.logger.set_log_level("error")
    print(f"stackwise benchmarks ({'quick' if args.quick else 'full'} run): {machine()}", flush=True)
    rows: list[Figure] = []
    failed = []
    t0 = time.perf_counter()
    for name in args.only or BENCHMARKS:
        start = time.perf_counter()
        print(f"... {name}", end="", flush=True)
        try:
            module = importlib.import_module(BENCHMARKS[name])
            rows.extend(module.figures(quick=args.quick))
            print(f" {time.perf_counter() - start:.0f} s", flush=True)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
            print(" FAILED", flush=True)
            traceback.print_exc()
            failed.append(name)
    print(f"\nall benchmarks: {time.perf_counter() - t0:.0f} s\n")
    print_table(rows, markdown=args.markdown)
    missed = [r.name.strip() for r in rows if r.met is False]
    print(f"\ngoals met: {sum(r.met is True for r in rows)} of {sum(r.met is not None for r in rows)}"
          + (f"; missed: {'; '.join(missed)}" if missed else ""))
    if failed:
        print(f"could not run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
