"""Record numbering and file names: ``NNNN-title-with-dashes.md`` and its companions.

The number is the next free one in the target folder: one more than the
highest ``NNNN-`` prefix found there (as adr-tools and log4brains number),
so deleting record 0002 never makes its number reappear for a new decision.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: Longest slug kept, in characters; cut at a dash so words stay whole.
MAX_SLUG = 60
_NUMBERED = re.compile(r"^(\d{4})-")
BUNDLE_SUFFIX = ".stackwise.yaml"


def slugify(title: str) -> str:
    """Lowercase ASCII words joined by dashes: ``Use FastAPI (v0.1)!`` -> ``use-fastapi-v0-1``.

    Accents are folded (NFKD, then combining marks dropped); anything else that
    is not a letter or digit separates words. An empty result becomes
    ``decision`` so a file name never starts with a bare dash or is empty.
    Slashes and dots cannot survive, so a title cannot climb out of the folder.
    """
    folded = unicodedata.normalize("NFKD", title)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or "decision"


def numbers_in(folder: Path) -> list[int]:
    """Record numbers used in ``folder`` (any file or folder named ``NNNN-...``)."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        m = _NUMBERED.match(entry.name)
        if m:
            found.append(int(m.group(1)))
    return sorted(set(found))


def next_number(folder: Path) -> int:
    """One more than the highest number used in ``folder``; 1 in an empty or missing folder."""
    used = numbers_in(folder)
    return (used[-1] + 1) if used else 1


def stem(number: int, title: str) -> str:
    """``0007-use-fastapi``: the common start of every file of one record."""
    if not 0 <= number <= 9999:
        raise ValueError(f"record number {number} is outside 0-9999")
    return f"{number:04d}-{slugify(title)}"


def record_name(number: int, title: str) -> str:
    return stem(number, title) + ".md"


def bundle_name(number: int, title: str) -> str:
    return stem(number, title) + BUNDLE_SUFFIX


def html_name(number: int, title: str) -> str:
    return stem(number, title) + ".html"


def chart_name(number: int, title: str, chart: str) -> str:
    return f"{stem(number, title)}-{chart}.svg"


def number_of(name: str) -> int | None:
    """The record number a file name starts with, or None."""
    m = _NUMBERED.match(name)
    return int(m.group(1)) if m else None
