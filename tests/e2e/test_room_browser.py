"""A decision room in Chromium: a facilitator and three participants, each in their own browser context.

The participants set their weights with the intake (each picks a project
profile), submit, and get personal links; the facilitator's page, never
reloaded, must show the group result that :func:`scoring.evaluate` computes in
meeting mode for those people's weights, keep individual weights hidden until
revealed, and still show the same room after the app server restarts.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from criteria import Requirements, Stakeholder, load_matrix, load_profiles
from scoring import evaluate
from tests.conftest import ROOT, STARTUP_SECONDS, _free_port
from tests.rooms.helpers import cli_env, ok, room, token_of

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
LOAD_MS = 90_000
OPTIONS = ["flask", "fastapi", "django", "litestar"]
#: name, role, profile id picked in the intake.
PEOPLE = [("Priya", "decision-maker", "ml-serving-api"), ("Bob", "consulted", "server-rendered-site"),
          ("Chen", "decision-maker", "quick-prototype")]


@pytest.fixture(autouse=True)
def _patient_assertions():  # type: ignore[no-untyped-def]
    """Assertions here wait as long as a page load may take on a busy machine (this module only)."""
    expect.set_options(timeout=LOAD_MS)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, for the other browser tests


def _start(db: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in cli_env(STACKWISE_DB=db).items() if k != "STACKWISE_MATRIX"}
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            pytest.fail(f"streamlit was not healthy in {STARTUP_SECONDS} s")
        time.sleep(0.3)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # only the server this test started
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _expected() -> object:
    profiles = {p.id: p for p in load_profiles()}
    people = [Stakeholder(name=n, role=r, weights={c: float(round(w)) for c, w in profiles[pid].weights.items()
                                                   if round(w) > 0}) for n, r, pid in PEOPLE]
    return evaluate(load_matrix(), Requirements(title="Framework for the partner API", options=OPTIONS,
                                                stakeholders=people))


def _participate(browser: Browser, invite: str, name: str, role: str, profile: str) -> tuple[Page, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(LOAD_MS)  # a shared, busy machine: pages take a while to draw
    page = context.new_page()
    page.goto(invite)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_label("Your name", exact=True).press("Enter")
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=LOAD_MS)
    if role != "decision-maker":
        page.locator("[data-testid='stSelectbox']").filter(has_text="Your role").click()
        page.get_by_role("option", name=role.capitalize()).click()
    profile_name = next(p.name for p in load_profiles() if p.id == profile)
    page.locator("[data-testid='stSelectbox']").filter(has_text="Project profile").click()
    page.get_by_role("option", name=profile_name).click()
    expect(page.get_by_text(f"Last set from: {profile_name}")).to_be_visible(timeout=LOAD_MS)
    # The sliders themselves must show the profile before submitting: a click sent while the browser
    # still draws the old values would send those values along with it.
    prof = next(p for p in load_profiles() if p.id == profile)
    for criterion in load_matrix().criteria:
        expect(page.locator(f"input[type='range'][aria-label='{criterion.name}']")).to_have_value(
            str(int(round(prof.weights.get(criterion.id, 0)))))
    page.get_by_role("button", name="Submit my weights").click()
    expect(page.get_by_text(f"Thank you, {name}")).to_be_visible(timeout=LOAD_MS)
    link = page.locator("[data-testid='stCode']").last.inner_text().strip()
    assert "token=p" in link and "token=p" in page.url
    return page, link


def test_facilitator_sees_the_engines_group_result(browser: Browser, tmp_path: Path, request) -> None:
    db = str(tmp_path / "rooms.db")
    log = ARTIFACTS / "streamlit-rooms.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    proc, base = _start(db, log)
    try:
        created = ok(room("create", "--title", "Framework for the partner API", "--options", ",".join(OPTIONS),
                          "--base-url", base, db=db))
        fac_context = browser.new_context(viewport={"width": 1280, "height": 800})
        fac_context.set_default_timeout(LOAD_MS)
        fac = fac_context.new_page()
        fac.goto(created["facilitator_url"])
        expect(fac.get_by_text("Nobody has submitted yet")).to_be_visible(timeout=LOAD_MS)

        pages = [_participate(browser, created["invite_url"], *p) for p in PEOPLE]
        _shot(pages[0][0], "room-participant")

        # The facilitator's page updates by itself (no reload) once all three are in.
        expect(fac.get_by_text("3 submitted (3 weighing)")).to_be_visible(timeout=LOAD_MS)
        # What each person submitted through the intake is their profile's weights...
        from rooms.database import engine_for, resolve_url
        from rooms.store import room_and_entries

        profiles = {p.id: p for p in load_profiles()}
        _, entries = room_and_entries(engine_for(resolve_url(db)), created["room"])
        assert {e.name: e.weights for e in entries} == {
            n: {c: float(w) for c, w in profiles[pid].weights.items() if w > 0} for n, _, pid in PEOPLE}
        # ...and the facilitator sees the engine's meeting-mode answer for those weights.
        ev = _expected()
        names = ev.option_names
        expect(fac.locator("[data-testid='stMetricValue']").first).to_have_text(names[ev.winner], timeout=LOAD_MS)
        ranking = fac.locator("[data-testid='stTable']").nth(1)
        for r in ev.ranking:
            expect(ranking).to_contain_text(f"{names[r.option]}{r.score:.1f}")
        if ev.decisive:
            expect(fac.get_by_test_id("stAlertContentWarning").get_by_text("Decisive:")).to_be_visible()
        # Hidden by default: no weights column, and nobody's share of the weight is named.
        people_table = fac.locator("[data-testid='stTable']").first
        expect(people_table).not_to_contain_text("Weights")
        _shot(fac, "room-facilitator-hidden")
        fac.get_by_role("button", name="Reveal individual weights").click()
        expect(people_table).to_contain_text("Weights", timeout=LOAD_MS)
        _shot(fac, "room-facilitator-revealed")

        # A personal link edits that person's entry only.
        priya, link = pages[0]
        priya.goto(link)
        expect(priya.get_by_text("You are editing Priya's entry")).to_be_visible(timeout=LOAD_MS)
        expect(priya.get_by_role("button", name="Replace my entry")).to_be_visible()

        fac.get_by_role("button", name="Close the room").click()
        expect(fac.get_by_text("room closed at")).to_be_visible(timeout=LOAD_MS)
        priya.reload()
        expect(priya.get_by_text("it accepts no more changes")).to_be_visible(timeout=LOAD_MS)
        for page, _ in pages:
            assert page.locator("[data-testid='stException']").count() == 0
        assert fac.locator("[data-testid='stException']").count() == 0
        winner_before = fac.locator("[data-testid='stMetricValue']").first.inner_text()
    finally:
        _stop(proc)

    # The app server restarts: the room is all still there.
    proc, base2 = _start(db, log)
    try:
        again = fac_context.new_page()
        again.goto(created["facilitator_url"].replace(base, base2))
        expect(again.get_by_text("3 submitted (3 weighing)")).to_be_visible(timeout=LOAD_MS)
        expect(again.locator("[data-testid='stMetricValue']").first).to_have_text(winner_before, timeout=LOAD_MS)
    finally:
        _stop(proc)
