"""The app's record helpers: the zip, restoring a bundle, and the decision log (pure parts and AppTest)."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from criteria import InputError, load_matrix
from criteria.export import matrix_to_dict
from records.flavors import FLAVORS
from records.record import make_record, write_record
from ui.records_view import decision_log, record_zip, restore_bundle, zip_name

from records_paths import DATE, MATRIX_DIR


def test_zip_holds_markdown_bundle_html_and_svg_charts(rec_req, rec_matrix):
    data = record_zip(rec_req, rec_matrix, number=5, date=DATE, samples=500)
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    stem = "0005-framework-for-the-partner-api"
    assert names == sorted(f"{stem}/{stem}{suffix}" for suffix in (
        ".md", ".stackwise.yaml", ".html", "-scores.svg", "-win-probability.svg", "-flip-points.svg"))
    zf = zipfile.ZipFile(io.BytesIO(data))
    md = zf.read(f"{stem}/{stem}.md").decode()
    assert f"![Scores by option, split into criterion contributions](<{stem}-scores.svg>)" in md
    assert zf.read(f"{stem}/{stem}-scores.svg").startswith(b"<svg")
    assert data == record_zip(rec_req, rec_matrix, number=5, date=DATE, samples=500)  # deterministic bytes
    assert zip_name(rec_req, 5) == f"{stem}.zip"


def test_restore_gives_back_the_requirements(rec_req, rec_matrix):
    rec = make_record(rec_req, rec_matrix, number=1, date=DATE, charts=False, samples=500)
    assert restore_bundle(rec.bundle.encode(), rec.bundle_name, rec_matrix) == rec_req
    with pytest.raises(InputError, match="unknown bundle format version 3"):
        restore_bundle(rec.bundle.replace("format_version: 1", "format_version: 3").encode(), "up.yaml", rec_matrix)


@pytest.fixture
def log_folder(tmp_path: Path, rec_req, rec_matrix) -> Path:
    folder = tmp_path / "decisions"
    for n, status in ((1, "accepted"), (2, "proposed"), (3, "deprecated")):
        write_record(folder, make_record(rec_req, rec_matrix, number=n, date=DATE, status=status, charts=False,
                                         samples=500))
    return folder


def test_decision_log_lists_status_date_choice_and_holds(log_folder, rec_matrix, tmp_path):
    rows = decision_log(log_folder, rec_matrix)
    assert [(r.number, r.status, r.date, r.chosen, r.still_holds) for r in rows] == [
        ("0003", "deprecated", "2026-11-21", "Beta", "not checked (deprecated)"),
        ("0002", "proposed", "2026-11-21", "Beta", "yes"),
        ("0001", "accepted", "2026-11-21", "Beta", "yes"),
    ]
    data = matrix_to_dict(load_matrix(MATRIX_DIR))
    next(o for o in data["options"] if o["id"] == "beta")["ratings"]["docs"]["rating"] = 1
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    rows = decision_log(log_folder, load_matrix(changed))
    assert [r.still_holds for r in rows] == ["not checked (deprecated)", "NO", "NO"]
    assert "winner Beta -> Alpha" in rows[1].what_changed and "beta docs 5 -> 1" in rows[1].what_changed


def test_decision_log_shows_superseded_and_broken_records(log_folder, rec_matrix):
    """The new statuses and the record/bundle problems of `stackwise check` reach the app's log too."""
    from records.lifecycle import find_record, status_edits, write_all

    write_all(status_edits(find_record(log_folder, 1), "superseded by 0002-framework-for-the-partner-api"))
    (log_folder / "0002-framework-for-the-partner-api.stackwise.yaml").unlink()
    rows = decision_log(log_folder, rec_matrix)
    assert [(r.number, r.status, r.still_holds) for r in rows] == [
        ("0003", "deprecated", "not checked (deprecated)"),
        ("0002", "proposed", "PROBLEM"),
        ("0001", "superseded by 0002", "not checked (superseded)"),
    ]
    assert "has no bundle" in rows[1].what_changed


def test_decision_log_renders_in_the_app(log_folder):
    from streamlit.testing.v1 import AppTest

    script = (
        "from pathlib import Path\n"
        "from criteria import load_matrix\n"
        "from ui.records_view import render_decision_log\n"
        f"render_decision_log(Path({str(log_folder)!r}), load_matrix({str(MATRIX_DIR)!r}))\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert at.success[0].value.startswith("Every checked decision still holds")
    df = at.dataframe[0].value
    assert list(df["#"]) == ["0003", "0002", "0001"]
    assert list(df["still holds?"]) == ["not checked (deprecated)", "yes", "yes"]


def test_download_button_renders_in_the_app(rec_req):
    from streamlit.testing.v1 import AppTest

    script = (
        "from criteria import load_matrix, load_requirements\n"
        "from ui.records_view import render_download\n"
        f"m = load_matrix({str(MATRIX_DIR)!r})\n"
        f"render_download(load_requirements({str(Path(__file__).parent / 'fixtures' / 'api.yaml')!r}, m), m,"
        " folder=__import__('pathlib').Path('/nonexistent-folder'))\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert at.selectbox[0].value == "proposed"
    assert at.text_input[0].value == "Framework for the partner API"
    assert at.text_area[0].value.startswith("Partners integrate from our OpenAPI description.")


def test_with_text_replaces_title_and_context(rec_req):
    from ui.records_view import with_text

    req = with_text(rec_req, "  New title ", "")
    assert (req.title, req.context) == ("New title", None)
    assert req.weights == rec_req.weights and req.must_have == rec_req.must_have


def test_decision_log_reads_status_and_date_edited_in_the_markdown(log_folder, rec_matrix):
    md = next(log_folder.glob("0002-*.md"))
    md.write_text(md.read_text().replace("status: proposed\ndate: 2026-11-21", "status: accepted\ndate: 2026-12-01"))
    row = next(r for r in decision_log(log_folder, rec_matrix) if r.number == "0002")
    assert (row.status, row.date, row.still_holds) == ("accepted", "2026-12-01", "yes")


class _Upload:
    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def test_restore_callback_keeps_the_requirements_or_the_message(monkeypatch, rec_req, rec_matrix):
    import streamlit

    from ui import records_view as rv

    state: dict = {}
    monkeypatch.setattr(streamlit, "session_state", state)
    rec = make_record(rec_req, rec_matrix, number=1, date=DATE, charts=False, samples=300)
    state[rv.KEY_RESTORE] = _Upload(rec.bundle_name, rec.bundle.encode())
    rv._on_restore(rec_matrix)
    assert state[rv._KEY_PENDING] == rec_req and rv._KEY_ERROR not in state
    state.pop(rv._KEY_PENDING)
    state[rv.KEY_RESTORE] = _Upload("bad.stackwise.yaml", b"format: stackwise-decision-bundle\nformat_version: 9\n")
    rv._on_restore(rec_matrix)
    assert rv._KEY_PENDING not in state
    assert "bad.stackwise.yaml, line 2, key 'format_version': unknown bundle format version 9" in state[rv._KEY_ERROR]


@pytest.mark.parametrize("flavor, first_line", [("madr4", "---"), ("log4brains", "# "), ("nygard", "# 5. ")])
def test_the_app_download_writes_each_record_flavor(rec_req, rec_matrix, flavor, first_line):
    from ui.records_view import FLAVOR_LABELS

    assert set(FLAVOR_LABELS) == set(FLAVORS)  # every flavour the CLI writes is offered in the app
    zf = zipfile.ZipFile(io.BytesIO(record_zip(rec_req, rec_matrix, number=5, date=DATE, samples=200, flavor=flavor)))
    md = next(n for n in zf.namelist() if n.endswith(".md"))
    text = zf.read(md).decode()
    assert text.startswith(first_line), text[:80]
    assert (text.startswith("---")) == (flavor == "madr4")
    assert any(n.endswith(".stackwise.yaml") for n in zf.namelist())
