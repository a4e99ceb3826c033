"""The `performance` rating, derived from a framework benchmark results file (issue 14).

A results file (``data/benchmarks/<id>.yaml``, written by ``benchmarks/frameworks/run.py``)
holds every wrk run: framework, worker count, task, repeat, requests per second, p50 and
p99 latency, error counts and whether the run failed. From it, by code only:

1. **Medians** (:func:`summarise`). For each framework x workers x task, the median of rps,
   p50 and p99 over the repeats that did *not* fail (a run with any non-2xx response or
   socket error is failed and never averaged in).
2. **Throughput share** (:func:`derive`). In each workers x task cell, an option's share is
   its median rps over the highest median rps of any option in that cell. Its throughput
   score G is the geometric mean of its shares over all cells::

       G(o) = ( prod_{c in cells} rps(o, c) / max_o' rps(o', c) ) ^ (1 / |cells|)

   The geometric mean (Fleming and Wallace, "How not to lie with statistics: the correct way
   to summarize benchmark results", CACM 29(3), 1986) makes the ranking independent of
   which option is the reference and stops one task with large absolute numbers from
   dominating.
3. **Anchors** (the catalog's `performance` scale): G >= 0.8 -> 5; >= 0.5 -> 4; >= 1/3 -> 3;
   >= 0.2 -> 2; >= 0.1 -> 1; below -> 0.
4. **p99 tie-breaker.** When G lies within 5 % (relative) of an anchor boundary, the latency
   share L (the geometric mean over cells of best p99 / own p99) decides: the option takes
   the upper band when its L is at least the median L of the options, the lower band
   otherwise. Measurement noise of a few percent should not decide a band when tail
   latency tells the options apart.

A cell where every repeat of an option failed gives that option no share there; it is listed
in ``failed_cells`` and the option is not rated when more than half of its cells failed.

Task (e)'s physical limit (requests in flight / 20 ms) is computed from the file's own server
settings: ``min(workers x threads, connections)`` requests in flight for a threaded WSGI
server, ``connections`` for an async one.
"""
from __future__ import annotations

import math
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Mapping

from criteria.errors import InputError, Problem
from criteria.loader import DATA_DIR
from criteria.yamlio import read_file

BENCHMARKS_DIR = DATA_DIR / "benchmarks"

#: Lower bounds of the bands, highest first: (minimum throughput share G, rating).
ANCHORS: tuple[tuple[float, int], ...] = ((0.8, 5), (0.5, 4), (1 / 3, 3), (0.2, 2), (0.1, 1))
#: Relative distance to a boundary within which p99 latency breaks the tie.
TIE_BAND = 0.05
IO_WAIT_S = 0.020


@dataclass(frozen=True)
class Cell:
    """Medians of one framework x workers x task over its successful repeats."""

    framework: str
    workers: int
    task: str
    rps: float | None
    p50_ms: float | None
    p99_ms: float | None
    ok_repeats: int
    failed_repeats: int
    limit_rps: float | None = None
    share_of_limit: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PerformanceRating:
    """One option's derived rating and the figures behind it."""

    option: str
    rating: int | None
    throughput_share: float | None  # G
    latency_share: float | None  # L
    tie_broken: bool
    cells: int
    failed_cells: tuple[str, ...]


def _fail(file: str | None, message: str, path: tuple[str | int, ...], expected: str) -> InputError:
    return InputError(file, [Problem(message, path, None, expected)])


def limit(server: Mapping[str, Any], workers: int, connections: int) -> float | None:
    """Task (e)'s best possible throughput: requests in flight / 20 ms."""
    if server.get("interface") == "wsgi":
        in_flight = min(workers * int(server.get("threads", 1)), connections)
    else:
        in_flight = connections
    return round(in_flight / IO_WAIT_S, 1)


def summarise(doc: Mapping[str, Any], file: str | None = None) -> list[Cell]:
    """Medians per framework x workers x task, in the order the runs first appear."""
    runs = doc.get("runs")
    if not isinstance(runs, list) or not runs:
        raise _fail(file, "no runs", ("runs",), "a list of wrk runs as benchmarks/frameworks/run.py writes it")
    groups: dict[tuple[str, int, str], list[Mapping[str, Any]]] = {}
    for i, run in enumerate(runs):
        if not isinstance(run, Mapping) or not {"framework", "workers", "task", "failed"} <= set(run):
            raise _fail(file, "a run lacks framework, workers, task or failed", ("runs", i),
                        "framework, workers, task, repeat, failed and, unless failed, rps, p50_ms, p99_ms")
        if not run["failed"] and not all(isinstance(run.get(k), (int, float)) for k in ("rps", "p50_ms", "p99_ms")):
            raise _fail(file, "a successful run lacks its figures", ("runs", i), "numbers rps, p50_ms, p99_ms")
        groups.setdefault((run["framework"], run["workers"], run["task"]), []).append(run)
    connections = int(doc.get("load_generator", {}).get("connections", 64))
    servers = doc.get("servers", {})
    cells = []
    for (fw, workers, task), group in groups.items():
        ok = [r for r in group if not r["failed"]]
        med = (lambda key: round(statistics.median(r[key] for r in ok), 3) if ok else None)
        rps = med("rps")
        lim = share = None
        if task == "e":
            lim = limit(servers.get(fw, {}), workers, connections)
            share = round(rps / lim, 4) if rps is not None and lim else None
        cells.append(Cell(fw, workers, task, rps, med("p50_ms"), med("p99_ms"), len(ok), len(group) - len(ok),
                          lim, share))
    return cells


def band(share: float) -> int:
    """The anchor band of a throughput share G (no tie-breaking)."""
    for lower, rating in ANCHORS:
        if share >= lower:
            return rating
    return 0


def rate(share: float, latency: float, median_latency: float) -> tuple[int, bool]:
    """Rating for throughput share G and latency share L, with the p99 tie-breaker; (rating, tie broken?).

    Near a boundary (within TIE_BAND of it, relative) the upper band goes to an option whose
    latency share is at least ``median_latency`` (the median L of all options), the lower to the rest.
    """
    for lower, rating in ANCHORS:
        if abs(share - lower) <= TIE_BAND * lower:
            return (rating if latency >= median_latency else rating - 1), True
    return band(share), False


def _geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def derive(doc: Mapping[str, Any], file: str | None = None) -> dict[str, PerformanceRating]:
    """Every option's performance rating from a results document (pure: no I/O)."""
    cells = summarise(doc, file)
    by_cell: dict[tuple[int, str], list[Cell]] = {}
    for c in cells:
        by_cell.setdefault((c.workers, c.task), []).append(c)
    shares: dict[str, list[float]] = {}
    lat: dict[str, list[float]] = {}
    failed: dict[str, list[str]] = {}
    for (workers, task), group in by_cell.items():
        ok = [c for c in group if c.rps]
        best_rps = max((c.rps for c in ok), default=None)
        best_p99 = min((c.p99_ms for c in ok if c.p99_ms), default=None)
        for c in group:
            shares.setdefault(c.framework, [])
            lat.setdefault(c.framework, [])
            if c.rps and best_rps and c.p99_ms and best_p99:
                shares[c.framework].append(c.rps / best_rps)
                lat[c.framework].append(best_p99 / c.p99_ms)
            else:
                failed.setdefault(c.framework, []).append(f"({task}) with {workers} worker(s)")
    out = {}
    rated = [fw for fw in shares if shares[fw] and len(failed.get(fw, [])) * 2 <= len(shares[fw]) + len(failed.get(fw, []))]
    median_l = statistics.median(_geomean(lat[fw]) for fw in rated) if rated else 0.0
    for fw in shares:
        n_failed = len(failed.get(fw, []))
        total = len(shares[fw]) + n_failed
        if not shares[fw] or n_failed * 2 > total:
            out[fw] = PerformanceRating(fw, None, None, None, False, total, tuple(failed.get(fw, [])))
            continue
        g, l_share = _geomean(shares[fw]), _geomean(lat[fw])
        rating, tie = rate(g, l_share, median_l)
        out[fw] = PerformanceRating(fw, rating, round(g, 4), round(l_share, 4), tie, total,
                                    tuple(failed.get(fw, [])))
    return out


def _fmt_rps(x: float) -> str:
    return f"{x:,.0f}"


def claim(doc: Mapping[str, Any], option: str) -> str:
    """The measured evidence of one option, in words: every median it got (the evidence item's claim)."""
    cells = [c for c in summarise(doc) if c.framework == option]
    parts = []
    for workers in sorted({c.workers for c in cells}):
        figures = []
        for c in sorted((c for c in cells if c.workers == workers), key=lambda c: c.task):
            if c.rps is None:
                figures.append(f"({c.task}) failed in every repeat")
                continue
            text = f"({c.task}) {_fmt_rps(c.rps)} rps, p99 {c.p99_ms:.1f} ms"
            if c.limit_rps is not None and c.share_of_limit is not None:
                text += f", {c.share_of_limit:.0%} of its {_fmt_rps(c.limit_rps)} rps limit"
            figures.append(text)
        parts.append(f"With {workers} worker{'s' if workers != 1 else ''}: " + "; ".join(figures) + ".")
    return "Medians of the successful repeats. " + " ".join(parts)


def rationale(doc: Mapping[str, Any], r: PerformanceRating, names: Mapping[str, str],
              rated_version: str | None = None) -> str:
    """Why the rating is what it is, from the figures (the rating's rationale).

    ``rated_version`` is the release the matrix rates; when the run measured another one (a release
    that needs a newer Python than the benchmark machine's), the rationale says so.
    """
    if r.rating is None or r.throughput_share is None or r.latency_share is None:
        return (f"Not rated from stackwise's benchmark {doc.get('id')}: it failed in "
                f"{', '.join(r.failed_cells)}.")
    ratings = derive(doc)
    fastest = max(ratings.values(), key=lambda x: x.throughput_share or 0)
    machine = doc.get("machine", {})
    text = (f"Measured by stackwise's own benchmark ({doc.get('id')}, {machine.get('cores')} cores, the server "
            f"pinned to one; load average {machine.get('load_average', {}).get('during_1min', {}).get('median')} "
            f"during the run): over the {r.cells} task x worker-count figures its throughput averages "
            f"{r.throughput_share:.0%} of the fastest option's (geometric mean of per-task shares; "
            f"{names.get(fastest.option, fastest.option)} leads at {fastest.throughput_share:.0%}), so it is "
            f"rated {r.rating} on the scale anchored at 10 / 20 / 33 / 50 / 80 %.")
    if r.tie_broken:
        lower, upper = next((lo, rt) for lo, rt in ANCHORS if abs(r.throughput_share - lo) <= TIE_BAND * lo)
        verdict = "upper" if r.rating == upper else "lower"
        text += (f" Its share lies within {TIE_BAND:.0%} of the {lower:.0%} boundary, so p99 latency decided: its "
                 f"latency share ({r.latency_share:.0%}: best p99 over its own, geometric mean) against the "
                 f"options' median placed it in the {verdict} band.")
    e = [c for c in summarise(doc) if c.framework == r.option and c.task == "e" and c.share_of_limit is not None]
    if e:
        best = max(e, key=lambda c: c.share_of_limit or 0)
        text += (f" Task (e) shows the server design: at best {best.share_of_limit:.0%} of its limit of "
                 f"{_fmt_rps(best.limit_rps or 0)} rps ({best.workers} worker{'s' if best.workers != 1 else ''}).")
    if r.failed_cells:
        text += f" Failed (left out): {', '.join(r.failed_cells)}."
    measured = (doc.get("packages") or {}).get(r.option)
    if rated_version and measured and str(measured) != rated_version:
        python = doc.get("machine", {}).get("python")
        text += (f" The run measured {names.get(r.option, r.option)} {measured}, not the rated {rated_version}"
                 + (f", which does not install on the benchmark machine's Python {python}" if python else "") + ".")
    return text


def load_results(path: str | Path) -> dict[str, Any]:
    """Read a results file with the project's one safe YAML reader."""
    doc, _ = read_file(path)
    if not isinstance(doc, dict):
        raise _fail(str(path), "not a results mapping", (), "a results file written by benchmarks/frameworks/run.py")
    return doc


def results_file(results_id: str) -> Path:
    """Where the results file cited as source ``results_id`` lives."""
    return BENCHMARKS_DIR / f"{results_id}.yaml"


def main(argv: list[str] | None = None) -> int:
    """``python3 -m criteria.performance FILE``: print the derived ratings (exit 2 on bad input)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python3 -m criteria.performance data/benchmarks/<id>.yaml", file=sys.stderr)
        return 2
    try:
        ratings = derive(load_results(args[0]), args[0])
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args[0]}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"{'option':<10} {'rating':>6} {'G (throughput)':>15} {'L (p99)':>8}  note")
    for r in sorted(ratings.values(), key=lambda r: -(r.throughput_share or 0)):
        note = "p99 broke a tie" if r.tie_broken else ""
        if r.failed_cells:
            note += f" failed: {', '.join(r.failed_cells)}"
        g = "-" if r.throughput_share is None else f"{r.throughput_share:.1%}"
        lat = "-" if r.latency_share is None else f"{r.latency_share:.1%}"
        print(f"{r.option:<10} {r.rating if r.rating is not None else '-':>6} {g:>15} {lat:>8}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
