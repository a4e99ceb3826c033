"""Benchmark the eight frameworks (issue 14) and write a results file to data/benchmarks/.

    python3 benchmarks/frameworks/run.py            # full run: about 11 minutes on 2 quiet cores (17 at load average 25)
    python3 benchmarks/frameworks/run.py --quick    # smoke run: every server, every task, 1 worker, about 2 minutes
    python3 benchmarks/frameworks/run.py --only flask fastapi --workers 1

What happens (docs/benchmarks.md has the method): the pinned frameworks are installed into
their own venv (.venv-frameworks/) and wrk from Debian when missing; then, repeat by repeat,
for each worker count, every framework's production server is started on 127.0.0.1 (pinned to
CPU 0 when there are two), each task is checked once (status and body), then
measured by wrk (pinned to CPU 1) for a fixed duration; each server start begins with a
discarded warm-up of load on the first task. Repeats go round-robin across the
frameworks, the order rotating each repeat, so a burst of load from elsewhere hits them alike.
A run with any error is recorded as failed and left out of the medians.

Figures are printed and written, never asserted. The exit code is 0 when every server started
and 1 otherwise.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make the repository importable

import yaml  # noqa: E402

from benchmarks.frameworks import environment as fw_venv  # noqa: E402
from benchmarks.frameworks.load import Run, ensure_wrk, run_wrk, wrk_version  # noqa: E402
from benchmarks.frameworks.servers import ServerError, cpu_plan, request, running  # noqa: E402
from benchmarks.frameworks.spec import CONNECTIONS, FRAMEWORKS, PACKAGES, TASKS, THREADS, limit_rps  # noqa: E402

from criteria.loader import DATA_DIR  # noqa: E402
from criteria.performance import summarise  # noqa: E402

RESULTS_DIR = DATA_DIR / "benchmarks"

# wrk takes whole seconds.
FULL = {"warmup": 1, "duration": 2, "repeats": 3, "workers": [1, 2]}
QUICK = {"warmup": 0, "duration": 1, "repeats": 1, "workers": [1]}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


class Progress:
    """One status line: step k of n, current measurement, elapsed and remaining time."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.start = total, 0, time.monotonic()
        self.tty = sys.stderr.isatty()

    def show(self, text: str) -> None:
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else float("nan")
        eta_s = "?" if eta != eta else f"{eta / 60:.1f} min"
        line = f"[{self.done}/{self.total}] {elapsed / 60:4.1f} min, {eta_s} left | {text}"
        if self.tty:
            sys.stderr.write("\r\033[K" + line[:160])
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def step(self) -> None:
        self.done += 1

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def measure(args: argparse.Namespace) -> dict:
    """Run the benchmark; return the results document (not yet written)."""
    bin_dir = fw_venv.ensure()
    wrk = ensure_wrk()
    server_pin, load_pin, pin_note = cpu_plan()
    frameworks = [f for f in FRAMEWORKS if not args.only or f.id in args.only]
    tasks = [t for t in TASKS if not args.tasks or t.id in args.tasks]
    total = args.repeats * len(args.workers) * len(frameworks) * len(tasks)
    progress = Progress(total)
    runs: list[dict] = []
    problems: list[str] = []
    loads: list[float] = []
    started = dt.datetime.now(dt.timezone.utc)
    load_start = os.getloadavg()
    for rep in range(1, args.repeats + 1):
        # Rotate the order each repeat so no framework always runs first (or right after a hot one).
        shift = (rep - 1) % len(frameworks)
        order = frameworks[shift:] + frameworks[:shift]
        for workers in args.workers:
            for fw in order:
                progress.show(f"repeat {rep}, {workers} worker(s): starting {fw.name}")
                try:
                    with running(fw, bin_dir, workers, pin=server_pin) as port:
                        if args.warmup:  # discarded: every worker imports, allocates and fills its caches
                            progress.show(f"repeat {rep}, {workers} worker(s): {fw.name} warm-up")
                            run_wrk(wrk, port, tasks[0], args.warmup, pin=load_pin)
                        for task in tasks:
                            progress.show(f"repeat {rep}, {workers} worker(s): {fw.name} ({task.id}) {task.name}")
                            status, body = request(port, task.method, task.path, task.body)
                            wrong = task.check(status, body)
                            row = {"framework": fw.id, "workers": workers, "task": task.id, "repeat": rep}
                            if wrong:
                                problems.append(f"{fw.name} task ({task.id}): {wrong}")
                                runs.append({**row, "failed": True, "check": wrong})
                            else:
                                loads.append(os.getloadavg()[0])
                                result: Run = run_wrk(wrk, port, task, args.duration, pin=load_pin)
                                runs.append({**row, **result.as_dict()})
                            progress.step()
                except ServerError as exc:
                    problems.append(str(exc))
                    for task in tasks:
                        runs.append({"framework": fw.id, "workers": workers, "task": task.id, "repeat": rep,
                                     "failed": True, "check": "server did not start"})
                        progress.step()
    progress.close()
    finished = dt.datetime.now(dt.timezone.utc)
    versions = fw_venv.versions(packages=PACKAGES)
    doc = {
        "id": args.id or f"stackwise-bench-{started:%Y-%m-%d}",
        "title": "stackwise framework benchmark: eight Python web frameworks, five tasks",
        "quick": args.quick,
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "command": "python3 benchmarks/frameworks/run.py " + " ".join(sys.argv[1:]),
        "machine": {
            "cpu_model": cpu_model(),
            "cores": os.cpu_count(),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "pinning": pin_note,
            "load_average": {
                "start": [round(x, 2) for x in load_start],
                "end": [round(x, 2) for x in os.getloadavg()],
                "during_1min": {"min": round(min(loads), 2), "median": round(statistics.median(loads), 2),
                                "max": round(max(loads), 2)} if loads else None,
            },
        },
        "load_generator": {
            "tool": wrk_version(wrk), "threads": 1, "connections": CONNECTIONS,
            "warmup_s_per_server_start": args.warmup, "duration_s": args.duration, "repeats": args.repeats,
            "order": "round-robin: each repeat runs every framework once per worker count, order rotated",
        },
        "packages": dict(sorted(versions.items())),
        "servers": {fw.id: {**fw.settings(1), "workers": list(args.workers), "bind": "127.0.0.1",
                            "command": " ".join(fw.argv(Path("bin"), 0, 0)).replace("bin/", "")
                            .replace("127.0.0.1:0", "127.0.0.1:PORT").replace("--port 0", "--port PORT")
                            .replace("--workers 0", "--workers N")}
                    for fw in frameworks},
        "tasks": {t.id: {"name": t.name, "method": t.method, "path": t.path,
                         **({"body": t.body} if t.body else {})} for t in tasks},
        "notes": [
            "Django 5.2.19 (LTS) is measured, not 6.1.3: Django 6 needs Python >= 3.12 and this machine runs 3.11.",
            "Quart 0.22.0 is measured, not 0.23.1: Quart 0.23 needs Python > 3.11.",
            f"WSGI servers run {THREADS} threads per worker (Gunicorn gthread); task (e) limit = "
            f"min(workers x {THREADS}, {CONNECTIONS}) / 20 ms for them and {CONNECTIONS} / 20 ms for async servers.",
        ],
        "problems": problems,
        "runs": runs,
    }
    doc["summary"] = [c.as_dict() for c in summarise(doc)]
    # limit_rps is recorded beside each (e) figure by summarise(); the spec is the one formula.
    assert all(c["limit_rps"] == limit_rps(next(f for f in FRAMEWORKS if f.id == c["framework"]), c["workers"])
               for c in doc["summary"] if c["task"] == "e")
    return doc


def table(doc: dict) -> str:
    """Markdown table of the medians: one row per framework and worker count."""
    cells = {(c["framework"], c["workers"], c["task"]): c for c in doc["summary"]}
    tasks = list(doc["tasks"])
    names = {f.id: f.name for f in FRAMEWORKS}
    head = "| framework | workers | " + " | ".join(
        f"({t}) rps / p99 ms" + (" / share of limit" if t == "e" else "") for t in tasks) + " |"
    lines = [head, "|" + "---|" * (2 + len(tasks))]
    for fw in doc["servers"]:
        for w in doc["servers"][fw]["workers"]:
            parts = []
            for t in tasks:
                c = cells.get((fw, w, t))
                if c is None or c["rps"] is None:
                    parts.append("failed")
                    continue
                s = f"{c['rps']:,.0f} / {c['p99_ms']:.1f}"
                if c.get("share_of_limit") is not None:
                    s += f" / {c['share_of_limit']:.0%}"
                parts.append(s)
            lines.append(f"| {names[fw]} | {w} | " + " | ".join(parts) + " |")
    return "\n".join(lines)


class _NoAliases(yaml.SafeDumper):
    """Writes repeated values out in full: the project's YAML reader refuses anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smoke run: 1 repeat, 1 worker, short runs")
    p.add_argument("--only", nargs="+", metavar="ID", choices=[f.id for f in FRAMEWORKS])
    p.add_argument("--tasks", nargs="+", metavar="ID", choices=[t.id for t in TASKS])
    p.add_argument("--workers", nargs="+", type=int, metavar="N")
    p.add_argument("--repeats", type=int)
    p.add_argument("--duration", type=int, help="seconds measured per task and repeat")
    p.add_argument("--warmup", type=int, help="seconds of discarded load at each server start")
    p.add_argument("--id", help="results id (default stackwise-bench-DATE)")
    p.add_argument("--out", type=Path, help="results file (default data/benchmarks/ID.yaml; "
                                             "a --quick run goes to benchmarks/results/ unless --out is given)")
    args = p.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.repeats < 1 or args.duration <= 0 or args.warmup < 0 or any(w < 1 for w in args.workers):
        p.error("--repeats, --workers and --duration must be positive, --warmup not negative")
    doc = measure(args)
    out = args.out
    if out is None:
        folder = ROOT / "benchmarks" / "results" if args.quick else RESULTS_DIR
        out = folder / f"{doc['id']}{'-quick' if args.quick else ''}.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Written by benchmarks/frameworks/run.py (issue 14); docs/benchmarks.md has the method.\n"
                   + yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, width=110, allow_unicode=True,
                               default_flow_style=None))
    print(table(doc))
    for problem in doc["problems"]:
        print("problem:", problem)
    print(f"\nwrote {out}")
    if not args.quick and out.parent == RESULTS_DIR:
        print(f"derive the ratings from it and cite it: python3 benchmarks/frameworks/rate.py {out.relative_to(ROOT)}")
    return 1 if any("server" in p for p in doc["problems"]) else 0


if __name__ == "__main__":
    sys.exit(main())
