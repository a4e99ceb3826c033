"""Benchmark of the decision-record export (issue 10, figure 5): figures printed, nothing asserted.

Run: ``python benchmarks/bench_records.py [--quick] [--repeat N]``

One decision (the shipped ``data/requirements/ml-api.yaml`` against the
shipped matrix) exported as ``stackwise record`` does it: evaluation,
Markdown, print HTML, the re-importable bundle and the SVG charts
(vl-convert, in process), then written to a fresh folder. The clock covers
:func:`records.record.make_record` plus :func:`records.record.write_record`;
the median of ``--repeat`` runs is reported (goal: under 1 s), with the share
taken by the SVG charts alone beside it for reference.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Figure, median, print_table  # noqa: E402

REQUIREMENTS = ROOT / "data" / "requirements" / "ml-api.yaml"
GOAL_MS = 1000.0
DATE = _dt.date(2026, 1, 1)  # fixed: the record must not depend on the clock


def export_times(repeat: int = 15) -> dict[str, list[float]]:
    """Seconds per full export (make + write) and per chart rendering alone, alternating."""
    from criteria import load_matrix, load_requirements
    from records.charts import record_charts
    from records.record import make_record, write_record
    from scoring import evaluate

    matrix = load_matrix()
    req = load_requirements(REQUIREMENTS, matrix)
    ev = evaluate(matrix, req)
    out: dict[str, list[float]] = {"export": [], "charts": []}
    with tempfile.TemporaryDirectory(prefix="stackwise-bench-") as tmp:
        for i in range(repeat + 1):  # the first round warms up (vl-convert's engine, imports) and is dropped
            t0 = time.perf_counter()
            record = make_record(req, matrix, number=1, date=DATE)
            write_record(Path(tmp) / f"run{i}", record)
            t1 = time.perf_counter()
            svgs = record_charts(ev, matrix)
            t2 = time.perf_counter()
            if not record.svgs or not svgs:
                raise RuntimeError("the record has no SVG charts: the figure would not measure them")
            if i:
                out["export"].append(t1 - t0)
                out["charts"].append(t2 - t1)
    return out


def figures(quick: bool = False, repeat: int | None = None) -> list[Figure]:
    repeat = repeat or (2 if quick else 15)
    times = export_times(repeat)
    export_ms, charts_ms = median(times["export"]) * 1e3, median(times["charts"]) * 1e3
    return [
        Figure(f"(5) record export: Markdown, HTML, bundle, SVG charts (median of {repeat})", export_ms, "ms",
               f"< {GOAL_MS:g} ms", export_ms < GOAL_MS),
        Figure("    of which the SVG charts alone (reference)", charts_ms, "ms", "-", None),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions (a smoke run, not a measurement)")
    ap.add_argument("--repeat", type=int, default=None, help="exports timed (default 15)")
    args = ap.parse_args(argv)
    print_table(figures(args.quick, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
