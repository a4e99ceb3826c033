"""File names and numbering: NNNN-title-with-dashes, the next free number in the folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from records.naming import bundle_name, chart_name, next_number, number_of, numbers_in, record_name, slugify


@pytest.mark.parametrize("title, slug", [
    ("Use FastAPI for the partner API", "use-fastapi-for-the-partner-api"),
    ("  Café  résumé: naïve?  ", "cafe-resume-naive"),
    ("../../etc/passwd", "etc-passwd"),
    ("C++ / Rust & Go!", "c-rust-go"),
    ("!!!", "decision"),
    ("", "decision"),
    ("日本語のタイトル", "decision"),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slug_is_cut_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.split("-") == ["word"] * len(slug.split("-"))


def test_names():
    assert record_name(3, "Use Flask") == "0003-use-flask.md"
    assert bundle_name(12, "Use Flask") == "0012-use-flask.stackwise.yaml"
    assert chart_name(12, "Use Flask", "scores") == "0012-use-flask-scores.svg"
    assert number_of("0042-x.md") == 42 and number_of("README.md") is None


def test_empty_and_missing_folder_start_at_one(tmp_path: Path):
    assert next_number(tmp_path) == 1
    assert next_number(tmp_path / "missing") == 1


def test_non_empty_folder_takes_the_next_after_the_highest(tmp_path: Path):
    for name in ("0001-a.md", "0003-b.stackwise.yaml", "README.md", "12-short.md", "0002x.md", "template.md"):
        (tmp_path / name).write_text("x")
    assert numbers_in(tmp_path) == [1, 3]
    assert next_number(tmp_path) == 4  # a gap (0002) is never reused
