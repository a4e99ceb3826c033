"""Helpers for driving app.py with Streamlit's AppTest and reading what it shows."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from criteria import load_matrix
from tests.app.apptools import APP, TIMEOUT


@pytest.fixture(scope="session")
def matrix():
    return load_matrix()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):
    """A fresh AppTest of app.py (not yet run) against the shipped data."""
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)
