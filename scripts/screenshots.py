"""Refresh docs/screenshots/: the decision desk at a projector's 1280x800 and at 1920x1080.

    python3 scripts/screenshots.py [--out docs/screenshots]

Starts the app from this checkout on a free port (127.0.0.1 only), opens it in Debian's Chromium
through Playwright, waits until the answer and its charts are drawn, and writes:

* default-WxH.png  - the desk as a new user first sees it (balanced profile);
* meeting-WxH.png  - meeting mode with two people (the link in MEETING);
* app.png          - the README's picture (default view at 1280x800).

Look at every picture before committing it: the point is that a room reads the answer in ten
seconds, which no script can judge.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(1280, 800), (1920, 1080)]
MEETING = "/?p=Priya (tech lead)~decision-maker~ml_serving:9,performance:8,api_docs:7|Tom~consulted~learning_curve:10,ecosystem:6"
HEADLINE = "[data-testid='stMetricValue']"
CHART = "[data-testid='stVegaLiteChart']"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(base: str, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app was not healthy within {seconds:.0f} s")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = p.parse_args()
    from playwright.sync_api import expect, sync_playwright

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                             str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        _wait_healthy(base, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for w, h in SIZES:
                for name, path in (("default", "/"), ("meeting", MEETING)):
                    page = browser.new_context(viewport={"width": w, "height": h}).new_page()
                    page.goto(base + path)
                    page.wait_for_selector(HEADLINE, timeout=180_000)
                    page.wait_for_selector(f"{CHART} svg, {CHART} canvas", timeout=180_000, state="attached")
                    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=180_000)
                    page.wait_for_timeout(2000)  # the last charts finish drawing
                    target = args.out / f"{name}-{w}x{h}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                    page.context.close()
            browser.close()
        shutil.copyfile(args.out / "default-1280x800.png", args.out / "app.png")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
