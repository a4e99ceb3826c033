"""Benchmarks of the Streamlit app (issue 10, figures 3 and 4), each beside ``minimal_app.py``.

Run: ``python benchmarks/bench_app.py [--quick] [--changes N] [--starts N]``

3. Rerun after a weight change: Streamlit's AppTest runs the script once, then
   a weight slider is moved (alternating between two values, so each move is a
   real change) and only ``at.run()`` is timed. The same is done to the
   minimal app's one slider, interleaved change by change. Goal: median within
   3x of the minimal app and under 300 ms.
4. Cold start: ``stackwise app`` (the minimal app: ``streamlit run``) is started and Chromium (through Playwright,
   already launched, a fresh context per run) opens the page; the clock runs
   from starting the process until a Vega-Lite chart is drawn and the script
   has finished. Runs alternate app / minimal / minimal / app ... Goal: median
   within 1.5x of the minimal app.

AppTest reruns skip the browser and the websocket, so figure 3 is the
server-side script time plus AppTest's own bookkeeping, which both sides pay.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    APP, MINIMAL_APP, Figure, free_port, launch_chromium, median, print_table, stackwise_app_cmd, start_command,
    start_streamlit, stop, wait_drawn, wait_healthy,
)

RERUN_GOAL_MS = 300.0
RERUN_GOAL_RATIO = 3.0
START_GOAL_RATIO = 1.5


def _apptest(script: Path):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} raised on its first run: {at.exception[0].message}")
    return at


def first_weight_key() -> str:
    """The slider key of the app's first criterion (``w:<id>``, see ui/state.py)."""
    from criteria import load_matrix

    return f"w:{load_matrix().criterion_ids()[0]}"


def rerun_times(changes: int = 20) -> dict[str, list[float]]:
    """Seconds of each ``at.run()`` after a slider change, app and minimal app interleaved."""
    app, mini = _apptest(APP), _apptest(MINIMAL_APP)
    key = first_weight_key()
    sides = {"app": (app, key), "minimal": (mini, "w")}
    out: dict[str, list[float]] = {"app": [], "minimal": []}
    for i in range(changes + 1):  # the first change of each side warms up and is dropped
        value = 2 if i % 2 == 0 else 8
        for name in (("app", "minimal") if i % 2 == 0 else ("minimal", "app")):
            at, k = sides[name]
            at.slider(key=k).set_value(value)
            t0 = time.perf_counter()
            at.run()
            elapsed = time.perf_counter() - t0
            if at.exception:
                raise RuntimeError(f"{name} raised on a rerun: {at.exception[0].message}")
            if i:
                out[name].append(elapsed)
    return out


def cold_start_times(starts: int = 5) -> dict[str, list[float]]:
    """Seconds from ``streamlit run`` to a drawn page in Chromium, app and minimal app alternating."""
    from playwright.sync_api import sync_playwright

    # The desk starts the way people start it (`stackwise app`, issue 17); the baseline with `streamlit run`.
    starters = {"app": lambda port: start_command(stackwise_app_cmd(port)),
                "minimal": lambda port: start_streamlit(MINIMAL_APP, port)}
    out: dict[str, list[float]] = {"app": [], "minimal": []}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for i in range(starts):
                for name in (("app", "minimal") if i % 2 == 0 else ("minimal", "app")):
                    port = free_port()
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    t0 = time.perf_counter()
                    proc = starters[name](port)
                    try:
                        wait_healthy(port, proc)
                        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
                        wait_drawn(page)
                        out[name].append(time.perf_counter() - t0)
                    finally:
                        ctx.close()
                        stop(proc)
        finally:
            browser.close()
    return out


def figures(quick: bool = False, changes: int | None = None, starts: int | None = None) -> list[Figure]:
    changes = changes or (5 if quick else 30)
    starts = starts or (1 if quick else 5)
    rows = []
    rr = rerun_times(changes)
    app_ms, mini_ms = median(rr["app"]) * 1e3, median(rr["minimal"]) * 1e3
    rows.append(Figure(
        f"(3) app rerun after a weight change (AppTest, median of {changes})", app_ms, "ms",
        f"<= {RERUN_GOAL_RATIO:g}x minimal and < {RERUN_GOAL_MS:g} ms",
        app_ms <= RERUN_GOAL_RATIO * mini_ms and app_ms < RERUN_GOAL_MS,
        baseline=mini_ms, baseline_name="minimal app",
    ))
    cs = cold_start_times(starts)
    app_s, mini_s = median(cs["app"]) * 1e3, median(cs["minimal"]) * 1e3
    rows.append(Figure(
        f"(4) cold start to drawn page in Chromium (median of {starts})", app_s, "ms",
        f"<= {START_GOAL_RATIO:g}x minimal", app_s <= START_GOAL_RATIO * mini_s,
        baseline=mini_s, baseline_name="minimal app",
    ))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions (a smoke run, not a measurement)")
    ap.add_argument("--changes", type=int, default=None, help="slider changes per side (default 30)")
    ap.add_argument("--starts", type=int, default=None, help="cold starts per side (default 5)")
    args = ap.parse_args(argv)
    print_table(figures(args.quick, args.changes, args.starts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
