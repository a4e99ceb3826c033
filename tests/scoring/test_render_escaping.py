"""Typed text stays inert in the text and Markdown summaries of `stackwise evaluate`."""
from __future__ import annotations

import pytest

from criteria import InputError, Requirements, load_matrix
from scoring import evaluate
from scoring.render import render_markdown, render_text


def _ev(title: str):
    req = Requirements(title=title, weights={"performance": 5, "api_docs": 5}, options=["flask", "fastapi"])
    return evaluate(load_matrix(), req, samples=200)


def test_markdown_title_cannot_add_headings_or_links() -> None:
    md = render_markdown(_ev("x\n# Injected [click](javascript:alert(1)) <script>"))
    assert "\n# Injected" not in md
    assert "[click](javascript" not in md
    assert "<script>" not in md
    assert md.splitlines()[0].startswith("## x")


def test_text_output_drops_terminal_escapes() -> None:
    text = render_text(_ev("title \x1b[31mred\x1b[0m"))
    assert "\x1b" not in text
    assert "red" in text


@pytest.mark.parametrize("bad", [0.0, 1e-300, 1e9, float("nan")])
def test_concentration_out_of_bounds_is_input_error(bad: float) -> None:
    req = Requirements(weights={"performance": 1})
    with pytest.raises(InputError, match="concentration"):
        evaluate(load_matrix(), req, samples=10, concentration=bad)
