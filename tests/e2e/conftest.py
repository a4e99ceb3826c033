"""A real `streamlit run app.py` on a free port, and Debian's Chromium driven by Playwright.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium
(scripts/test.sh installs it when missing). Screenshots of each state go to
tests/artifacts/ (gitignored) for people to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


# `server` and `browser` are shared session fixtures in tests/conftest.py.

@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()

