"""AppTest, issue 16 item 3: the link holds title and context (bounded), and says plainly when it cannot
hold the matrix."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from criteria import load_matrix
from criteria.export import render_matrix
from criteria.query import MAX_CONTEXT_CHARS
from tests.app.apptools import APP, TIMEOUT, texts

DATABASES = Path(__file__).resolve().parents[2] / "data" / "custom" / "databases"


def test_title_and_context_travel_in_the_link(app) -> None:
    at = app.run()
    at.text_input(key="title").set_value("Framework for the fraud API").run()
    at.text_area(key="context").set_value("Two teams, one deadline & a model to serve.").run()
    assert not at.exception
    params = {k: at.query_params[k] for k in at.query_params}
    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        fresh.query_params[k] = v
    fresh.run()
    assert fresh.text_input(key="title").value == "Framework for the fraud API"
    assert fresh.text_area(key="context").value == "Two teams, one deadline & a model to serve."
    assert fresh.title[0].value.startswith("Framework for the fraud API")
    caption = " ".join(c.value for c in fresh.caption)
    assert "link to this exact view" in caption


def test_a_context_too_long_for_a_link_is_left_out_and_that_is_said(app) -> None:
    at = app.run()
    at.text_area(key="context").set_value("x" * (MAX_CONTEXT_CHARS + 1)).run()
    assert "ctx" not in at.query_params
    assert "context is too long for the link" in texts(at)


def test_with_an_uploaded_matrix_the_page_says_the_link_does_not_hold_it(app) -> None:
    raw = render_matrix(load_matrix(DATABASES), "yaml").encode()
    at = app.run()
    at.file_uploader(key="matrix_upload").set_value(("databases.yaml", raw, "application/yaml")).run()
    assert not at.exception
    shown = texts(at).replace("\\", "")
    assert "link to this exact view" not in shown
    assert "The link does not hold your uploaded matrix" in shown and "decision record" in shown
