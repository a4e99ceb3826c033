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

import json

from criteria import load_requirements
from records.record import render_record

from records_paths import DATE, FIX, GOLDEN

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
                          status="accepted")
    a, b = record.markdown.splitlines(), other.markdown.splitlines()
    assert len(a) == len(b)
    assert [i for i, (x, y) in enumerate(zip(a, b)) if x != y] == [1]
    assert b[1] == "status: accepted"


def test_superseded_status_is_in_the_front_matter_and_under_the_title(rec_req, rec_matrix, frozen_results, record):
    """MADR keeps the status in the front matter; a reader of the rendered page sees the successor too."""
    other = render_record(frozen_results, rec_req, rec_matrix, number=1, date=DATE, charts=CHARTS,
                          status="superseded by 0004-use-beta-everywhere")
    a, b = record.markdown.splitlines(), other.markdown.splitlines()
    assert b[1] == "status: superseded by 0004-use-beta-everywhere"
    title = b.index("# Framework for the partner API")
    assert b[title + 1:title + 4] == ["", "Superseded by [0004-use-beta-everywhere](0004-use-beta-everywhere.md).", ""]
    assert a[:1] + a[2:title + 1] + a[title + 1:] == b[:1] + b[2:title + 1] + b[title + 3:]


def test_meeting_mode_record_matches_golden(rec_matrix):
    """Stakeholders: people in the front matter by role, each person's view under More Information."""
    req = load_requirements(FIX / "group.yaml", rec_matrix)
    results = json.loads((FIX / "group-results.json").read_text(encoding="utf-8"))
    rec = render_record(results, req, rec_matrix, number=2, date=DATE, status="accepted")
    assert rec.markdown_name == "0002-framework-for-the-partner-api-architecture-review.md"
    _compare(rec.markdown_name, rec.markdown)
    front = rec.markdown.split("---\n")[1]
    assert "decision-makers:\n- Priya (tech lead)\nconsulted:\n- Tom (junior developer)\n- Amara (security)\n" \
           "informed:\n- Olu (product)\n" in front
    more = rec.markdown.split("## More Information", 1)[1]
    for person in ("Priya (tech lead), decision-maker: would choose Beta",
                   "Tom (junior developer), consulted: would choose Alpha",
                   "Olu (product), informed: gives no weights"):
        assert person in more
