"""The FAQ file: valid, every citation in the bibliography, the four questions the issue asks."""
from __future__ import annotations

from pathlib import Path

import pytest

from criteria import InputError, load_matrix
from ui.faq import CITE, check_citations, cited, linked, load_faq


def test_every_cited_source_exists() -> None:
    entries = load_faq()
    check_citations(entries, [s.id for s in load_matrix().sources])  # raises on any unknown id


def test_covers_the_questions_the_issue_names() -> None:
    questions = " ".join(e.question.lower() for e in load_faq())
    for topic in ("python versions", "one deployment", "django", "flask extensions"):
        assert topic in questions, topic


def test_each_answer_cites_inline() -> None:
    for entry in load_faq():
        assert CITE.findall(entry.answer), entry.id


def test_unknown_citation_is_reported_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "faq.yaml"
    bad.write_text(
        'checked: "2026-11-21"\nfaq:\n  - id: q\n    question: Why?\n'
        "    answer: Because [flask-pypy].\n    sources: [flask-pypi]\n"
    )
    entries = load_faq(bad)
    with pytest.raises(InputError) as err:
        check_citations(entries, ["flask-pypi"], bad)
    text = str(err.value)
    assert "flask-pypy" in text and "Did you mean 'flask-pypi'" in text and "line 5" in text
    assert "inline but not in 'sources'" in text


def test_unknown_key_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "faq.yaml"
    bad.write_text('checked: "2026-11-21"\nfaq:\n  - id: q\n    question: Q\n    answer: A [x].\n'
                   "    sources: [x]\n    anwser: typo\n")
    with pytest.raises(InputError, match="unknown key 'anwser'"):
        load_faq(bad)


def test_links_point_at_bibliography_anchors() -> None:
    assert linked("see [flask-pypi].") == "see [\\[flask-pypi\\]](#src-flask-pypi)."
    entry = load_faq()[0]
    assert set(cited(entry)) >= set(entry.sources)


def test_faq_text_matches_the_rated_versions_and_the_app_defaults() -> None:
    """Issue 16, item 14: no stale version, no advice to add an option that is compared by default."""
    import re

    from criteria import load_matrix
    from ui.faq import load_faq

    matrix = load_matrix()
    text = " ".join(e.answer for e in load_faq())
    for option in matrix.options:
        for version in re.findall(rf"\b{option.name} (\d+\.\d+)\b", text):
            assert option.version and option.version.startswith(version), (option.name, version, option.version)
    for name in (o.name for o in matrix.options):
        assert f"Add {name} to the compared options" not in text
