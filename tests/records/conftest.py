"""Fixtures for the decision-record tests: a three-option matrix of our own and its requirements.

The matrix lives in tests/records/fixtures/matrix so the golden files do not
change when the shipped data or other tests' fixtures do.
"""
from __future__ import annotations

import json

import pytest

from criteria import load_matrix, load_requirements
from records_paths import FIX, MATRIX_DIR, REQ_FILE


@pytest.fixture(scope="session")
def rec_matrix():
    return load_matrix(MATRIX_DIR)


@pytest.fixture(scope="session")
def rec_req(rec_matrix):
    return load_requirements(REQ_FILE, rec_matrix)


@pytest.fixture(scope="session")
def frozen_results() -> dict:
    """An evaluation's to_dict() saved once, so renderer goldens do not move with the engine's wording."""
    return json.loads((FIX / "api-results.json").read_text(encoding="utf-8"))
