"""Shared pieces of the benchmarks (issue 10): the result row, side-by-side timing, a Streamlit server.

Every benchmark module exposes ``figures(quick: bool = False) -> list[Figure]``;
``benchmarks/run.py`` collects them into one table. Nothing here asserts a
speed: figures are printed, goals are compared and shown, never tested.

Timing on a shared, noisy 2-core machine: two sides of a comparison are run
*interleaved* (A, B, A, B, ...) so that a burst of load from another process
hits both sides alike, and the median (not the mean) is reported, which one
slow outlier cannot move.
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
APP = ROOT / "app.py"
MINIMAL_APP = BENCH / "minimal_app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Figure:
    """One row of the benchmark table.

    ``ratio`` is ``median / baseline`` when there is a baseline. ``met`` is
    ``None`` for reference rows that carry no goal.
    """

    name: str
    median: float
    unit: str
    goal: str
    met: bool | None
    baseline: float | None = None
    baseline_name: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def time_once(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (perf_counter, wall clock)."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def interleaved(sides: Mapping[str, Callable[[], object]], repeat: int, warmup: int = 1) -> dict[str, list[float]]:
    """Seconds per call of each side, run in turn A, B, A, B, ... ``repeat`` times each.

    The order within a round alternates too (A B, B A, ...), so neither side
    always runs right after the other's garbage.
    """
    names = list(sides)
    for _ in range(warmup):
        for name in names:
            sides[name]()
    out: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repeat):
        for name in (names if i % 2 == 0 else names[::-1]):
            out[name].append(time_once(sides[name]))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_cmd(script: Path, port: int) -> list[str]:
    """``streamlit run`` headless on 127.0.0.1 only, no telemetry, no file watcher (nothing changes mid-run)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--global.developmentMode", "false",
    ]


def stackwise_app_cmd(port: int) -> list[str]:
    """``stackwise app`` (how people start the desk) with the same server flags as :func:`streamlit_cmd`."""
    return [
        sys.executable, "-m", "stackwise_cli", "app", "--port", str(port), "--",
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--global.developmentMode", "false",
    ]


def start_streamlit(script: Path, port: int) -> subprocess.Popen:
    return start_command(streamlit_cmd(script, port))


def start_command(cmd: list[str]) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("STACKWISE_MATRIX", None)  # the shipped data, always
    env["PYTHONPATH"] = str(ROOT)  # this checkout's code, whatever is installed
    return subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll Streamlit's health endpoint until the server answers (or fail loudly)."""
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"streamlit on port {port} not healthy after {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """End one server we started (by its own handle, never by name)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


#: The page counts as drawn when a Vega-Lite chart has rendered and the script is no longer running.
DRAWN_JS = """() => {
  const chart = document.querySelector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg, .vega-embed canvas, .vega-embed svg');
  const running = document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]');
  return !!chart && !running;
}"""


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_drawn(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=20)


def proc_memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak resident set since start) of ``pid`` in MB (10^6 bytes), from /proc."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) * 1024 / 1e6  # kB -> MB
    return out


def print_table(rows: Sequence[Figure], markdown: bool = False) -> str:
    """The table run.py prints: figure, median, baseline, ratio, goal, met?"""
    head = ["figure", "median", "baseline", "ratio", "goal", "met?"]
    body = []
    for r in rows:
        base = f"{r.baseline:.1f} {r.unit} ({r.baseline_name})" if r.baseline else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        body.append([r.name, f"{r.median:.1f} {r.unit}" if r.median < 1000 else f"{r.median:,.0f} {r.unit}",
                     base, ratio, r.goal, met])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
    else:
        widths = [max(len(x) for x in col) for col in zip(head, *body)]
        fmt = "  ".join(f"{{:{w}}}" for w in widths)
        lines = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
        lines += [fmt.format(*row) for row in body]
    text = "\n".join(lines)
    print(text)
    return text
