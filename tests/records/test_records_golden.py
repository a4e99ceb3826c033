"""Golden-file tests of the Markdown (and the print HTML) of a record.

The record is rendered from an evaluation saved once as JSON
(fixtures/api-results.json) with a fixed date, so these files change only
when the renderer changes. After an intended change, regenerate and review
the diff:

    STACKWISE_UPDATE_GOLDEN=1 python -m pytest tests/records/test_records_golden.py
"""
from __future__ import annotations

import os

import pytest

from records.record import render_record

from conftest import DATE, GOLDEN

UPDATE = os.environ.get("STACKWISE_UPDATE_GOLDEN") == "1"
CHARTS = {"scores": "<svg xmlns='http://www.w3.org/2000/svg'/>",
          "win_probability": "<svg xmlns='http://www.w3.org/2000/svg'/>"}


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden file {path}; run with STACKWISE_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the golden file (see module docstring to regenerate)"


@pytest.fixture(scope="module")
def record(rec_req, rec_matrix, frozen_results):
    return render_record(frozen_results, rec_req, rec_matrix, number=1, date=DATE, charts=CHARTS)


def test_markdown_matches_golden(record):
    assert record.markdown_name == "0001-framework-for-the-partner-api.md"
    _compare(record.markdown_name, record.markdown)


def test_html_matches_golden(record):
    _compare(record.html_name, record.html)


def test_accepted_status_changes_only_the_front_matter(rec_req, rec_matrix, frozen_results, record):
    other = render_record(frozen_results, rec_req, rec_matrix, number=1, date=DATE, charts=CHARTS,
                          status="superseded by ADR-0004")
    a, b = record.markdown.splitlines(), other.markdown.splitlines()
    assert [i for i, (x, y) in enumerate(zip(a, b)) if x != y] == [1]
    assert b[1] == "status: superseded by ADR-0004"
