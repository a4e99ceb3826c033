"""AppTest: text from the URL and typed text reach Streamlit's Markdown escaped (issue 9).

A link like ``?w=[Sign in again](https://evil.example):5`` must not put a
clickable "Sign in again" into the page's warning, and a typed title must not
become a link or emphasis. Streamlit renders these strings as Markdown, so the
test reads the Markdown body: the brackets arrive escaped, and an invisible
word joiner splits "https://" (so GFM's bare-URL autolink does not fire
either; tests/e2e checks in Chromium that no link element appears).
"""
from __future__ import annotations

HOSTILE = "[Sign in again](https://evil.example)"


def test_hostile_url_parameter_is_literal_in_the_note(app) -> None:
    app.query_params["w"] = f"{HOSTILE}:5"
    at = app.run()
    assert not at.exception
    notes = [w.value for w in at.warning if "could not be used" in w.value]
    assert len(notes) == 1, [w.value for w in at.warning]
    body = notes[0]
    assert "Sign in again" in body
    assert HOSTILE not in body  # the raw link syntax never reaches Markdown
    assert "\\[Sign in again\\](https:\u2060//evil.example)" in body


def test_hostile_title_is_literal(app) -> None:
    at = app.run()
    at.text_input(key="title").set_value(f"{HOSTILE} *now* _please_ # x").run()
    assert not at.exception
    shown = at.title[0].value
    assert HOSTILE not in shown and "*now*" not in shown
    assert shown.startswith("\\[Sign in again\\](https:\u2060//evil.example) \\*now\\* \\_please\\_ \\# x")
