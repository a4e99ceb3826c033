"""End-to-end: the decision desk in Chromium, driven the way a person would drive it.

One server for the session (tests/e2e/conftest.py). The weights used are
chosen from the shipped ratings by the formula written out here, so the
expected winners never come from the app under test.
"""
from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from criteria import load_matrix

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LOAD_MS = 60_000
HEADLINE = "[data-testid='stMetricValue']"
CHART = "[data-testid='stVegaLiteChart']"


def shot(page: Page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def wait_ready(page: Page) -> None:
    """The answer is on screen: a headline and at least one drawn chart, no script running."""
    page.wait_for_selector(HEADLINE, timeout=LOAD_MS)
    page.wait_for_selector(f"{CHART} canvas, {CHART} svg", timeout=LOAD_MS)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=LOAD_MS)


def slider(page: Page, label: str):
    """The range input of the weight slider labelled ``label`` (visually hidden, keyboard-focusable)."""
    return page.locator(f"[data-testid='stSidebar'] input[type='range'][aria-label='{label}']")


def unique_argmax(scores: dict[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked[0][1] > ranked[1][1] + 1e-9 else None


def keyboard_case():
    """(c1, c2, o1, o2): weight c1 alone makes o1 win; c1 and c2 at 1 each make o2 win (o1 != o2)."""
    m = load_matrix()
    for c1, c2 in itertools.permutations(m.criterion_ids(), 2):
        o1 = unique_argmax({o.id: o.ratings[c1].rating for o in m.options})
        o2 = unique_argmax({o.id: o.ratings[c1].rating + o.ratings[c2].rating for o in m.options})
        if o1 and o2 and o1 != o2:
            return m, c1, c2, o1, o2
    pytest.skip("no pair of criteria in the shipped ratings changes the winner with one step")


def test_page_loads_without_exception_and_charts_draw(server: str, page: Page) -> None:
    page.goto(server + "/")
    wait_ready(page)
    assert page.locator("[data-testid='stException']").count() == 0
    charts = page.locator(CHART)
    assert charts.count() >= 5
    for i in range(charts.count()):
        assert charts.nth(i).locator("canvas, svg").count() >= 1
    shot(page, "01-default")
    assert "w=" in page.url and "profile=balanced" in page.url


def test_keyboard_weight_change_updates_headline_and_url_and_the_link_restores_it(
    server: str, page: Page, browser
) -> None:
    m, c1, c2, o1, o2 = keyboard_case()
    page.goto(f"{server}/?w={c1}:1")
    wait_ready(page)
    expect(page.locator(HEADLINE).first).to_have_text(m.option(o1).name)
    shot(page, "02-before-keyboard")

    slider(page, m.criterion(c2).name).focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(HEADLINE).first).to_have_text(m.option(o2).name, timeout=LOAD_MS)
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).get('w')?.includes('{c2}:1')", timeout=LOAD_MS
    )
    assert page.locator("[data-testid='stException']").count() == 0
    params = parse_qs(urlparse(page.url).query)
    assert dict(p.split(":") for p in params["w"][0].split(",")) == {c1: "1", c2: "1"}
    shot(page, "03-after-keyboard")

    link = page.url
    other = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    try:
        other.goto(link)
        wait_ready(other)
        expect(other.locator(HEADLINE).first).to_have_text(m.option(o2).name)
        for c in m.criterion_ids():
            expected = "1" if c in (c1, c2) else "0"
            assert slider(other, m.criterion(c).name).input_value() == expected, c
        shot(other, "04-link-reopened")
    finally:
        other.context.close()


def test_invalid_link_shows_a_note_not_a_crash(server: str, page: Page) -> None:
    page.goto(f"{server}/?w=perfomance:8,api_docs:abc&colour=red")
    page.wait_for_selector("[data-testid='stAlert']", timeout=LOAD_MS)
    wait_ready(page)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="could not be used")
    expect(alert).to_contain_text("Did you mean 'performance'")
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "05-invalid-link")


def test_hostile_link_text_in_a_url_shows_as_text_not_a_link(server: str, page: Page) -> None:
    # issue 9: a crafted link must not put a clickable "Sign in again" (or a bare URL) into the page.
    page.goto(f"{server}/?w=[Sign in again](https://evil.example):5")
    page.wait_for_selector("[data-testid='stAlert']", timeout=LOAD_MS)
    wait_ready(page)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="could not be used")
    # Shown as typed (an invisible word joiner sits after "https:", see ui/md.py), and not a link.
    expect(alert).to_contain_text("[Sign in again](https:\u2060//evil.example):5")
    assert alert.locator("a").count() == 0
    assert page.locator("a[href*='evil.example']").count() == 0


def test_meeting_with_two_people(server: str, page: Page) -> None:
    m = load_matrix()
    c = m.criterion_ids()
    page.goto(f"{server}/?p=Priya~decision-maker~{c[0]}:9,{c[1]}:8|Tom~consulted~{c[4]}:10")
    wait_ready(page)
    expect(page.get_by_text("The group recommends")).to_be_visible()
    page.get_by_role("tab", name="Meeting").click()
    people_chart = page.locator(CHART).filter(has=page.locator("canvas, svg")).first
    expect(people_chart).to_be_visible()
    shot(page, "06-meeting")
    page.get_by_role("button", name="Add person").click()
    page.wait_for_function("() => (new URLSearchParams(location.search).get('p') || '').split('|').length === 3",
                           timeout=LOAD_MS)
    assert page.locator("[data-testid='stException']").count() == 0


def test_uploaded_matrix_end_to_end(server: str, page: Page, tmp_path: Path) -> None:
    from criteria.export import render_matrix

    custom = load_matrix(Path(__file__).resolve().parents[2] / "data" / "custom" / "databases")
    file = tmp_path / "databases.yaml"
    file.write_text(render_matrix(custom, "yaml"))
    page.goto(server + "/")
    wait_ready(page)
    page.get_by_text("Bring your own matrix").click()
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Matrix file")
    uploader.locator("input[type='file']").set_input_files(str(file))
    names = {o.name for o in custom.options}
    page.wait_for_function(
        "names => names.includes(document.querySelector(\"[data-testid='stMetricValue']\")?.innerText.trim())",
        arg=sorted(names), timeout=LOAD_MS,
    )
    wait_ready(page)
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "07-uploaded-matrix")
