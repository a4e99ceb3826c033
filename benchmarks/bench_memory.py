"""Peak memory of the app's server process with one and with ten browser sessions (issue 10, figure 6).

Run: ``python benchmarks/bench_memory.py [--quick] [--sessions N]``

``streamlit run app.py`` is started; Chromium (Playwright) opens the page in
one browser context (one Streamlit session), waits until it is drawn, moves
the first weight slider one step and waits for the rerun to be drawn. The
peak resident set of the server process (``VmHWM`` in /proc/<pid>/status,
MB = 10^6 bytes) is read. Then nine more contexts do the same, all ten kept
open, and the peak is read again. Per extra session = (peak with ten - peak
with one) / 9. The minimal app (``minimal_app.py``) is measured the same way
with one session, for reference. Goals: under 250 MB with one session, under
25 MB per extra session.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    APP, MINIMAL_APP, Figure, free_port, launch_chromium, print_table, proc_memory_mb, start_streamlit, stop,
    wait_drawn, wait_healthy,
)

ONE_GOAL_MB = 250.0
EXTRA_GOAL_MB = 25.0


def _open_session(browser, url: str):
    """A new browser context (= a new Streamlit session): draw the page, move a slider, draw again."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url, wait_until="commit")
    wait_drawn(page)
    # The range input is visually hidden but keyboard-focusable (as in tests/e2e).
    # The app's weight sliders sit in the sidebar; the minimal app's one slider in the page.
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]')
    slider = (sidebar if sidebar.count() else page.locator('[data-testid="stSlider"] input[type="range"]')).first
    before = slider.input_value()
    slider.focus()
    page.keyboard.press("ArrowRight" if before != slider.get_attribute("max") else "ArrowLeft")
    deadline = time.monotonic() + 10
    while slider.input_value() == before and time.monotonic() < deadline:
        time.sleep(0.1)  # the debounced widget change reaches the server, then the rerun starts
    wait_drawn(page)
    if slider.input_value() == before:
        raise RuntimeError("the slider did not move: the session's rerun would not be measured")
    return ctx


def peak_memory(script: Path, sessions: int) -> dict[str, float]:
    """VmHWM/VmRSS (MB) of the server after one session, and after ``sessions`` sessions if more than one."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    out: dict[str, float] = {}
    proc = start_streamlit(script, port)
    try:
        wait_healthy(port, proc)
        out["idle_rss"] = proc_memory_mb(proc.pid)["VmRSS"]
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                contexts = [_open_session(browser, url)]
                mem = proc_memory_mb(proc.pid)
                out["one_hwm"], out["one_rss"] = mem["VmHWM"], mem["VmRSS"]
                if sessions > 1:
                    for _ in range(sessions - 1):
                        contexts.append(_open_session(browser, url))
                    mem = proc_memory_mb(proc.pid)
                    out["many_hwm"], out["many_rss"] = mem["VmHWM"], mem["VmRSS"]
                for ctx in contexts:
                    ctx.close()
            finally:
                browser.close()
    finally:
        stop(proc)
    return out


def figures(quick: bool = False, sessions: int | None = None) -> list[Figure]:
    sessions = sessions or (3 if quick else 10)
    mini = peak_memory(MINIMAL_APP, 1)
    app = peak_memory(APP, sessions)
    extra = (app["many_hwm"] - app["one_hwm"]) / (sessions - 1)
    return [
        Figure("(6) peak RSS of the app server, one session", app["one_hwm"], "MB", f"< {ONE_GOAL_MB:g} MB",
               app["one_hwm"] < ONE_GOAL_MB, baseline=mini["one_hwm"], baseline_name="minimal app"),
        Figure(f"(6) peak RSS, {sessions} sessions", app["many_hwm"], "MB", "-", None),
        Figure(f"(6) per extra session (({sessions}-session peak - one) / {sessions - 1})", extra, "MB",
               f"< {EXTRA_GOAL_MB:g} MB", extra < EXTRA_GOAL_MB),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="three sessions instead of ten (a smoke run)")
    ap.add_argument("--sessions", type=int, default=None, help="sessions in the second reading (default 10)")
    args = ap.parse_args(argv)
    print_table(figures(args.quick, args.sessions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
