"""A decision's life after it is written: change its status, supersede it.

A status lives in three files of a record, and all three change together:
the Markdown (in its own flavour, see :mod:`records.flavors`), the bundle's
``record.status`` and the status row of the print HTML. Each edit touches
only the line(s) holding the status, so hand-written text survives.
:func:`status_edits` computes the new texts in memory (InputError, nothing
written, when a file is missing or cannot be read); :func:`write_all` writes
them.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from criteria.errors import InputError
from criteria.yamlio import parse_text
from records import flavors
from records.bundle import read_bundle
from records.html import block as html_block
from records.naming import BUNDLE_SUFFIX, number_of


@dataclass(frozen=True)
class RecordPaths:
    """The files of one record in a folder (the HTML may be missing)."""

    markdown: Path
    bundle: Path
    html: Path

    @property
    def stem(self) -> str:
        return self.markdown.name[:-3]


def record_markdowns(folder: Path) -> list[Path]:
    """``NNNN-*.md`` files in ``folder``, by name (README.md and other notes are not records)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".md" and number_of(p.name) is not None)


def find_record(folder: Path, number: int) -> RecordPaths:
    """The record numbered ``number`` in ``folder``; InputError naming what is missing."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError.single(str(folder), "no such folder.", expected="a folder of decision records (--folder DIR)")
    found = [p for p in record_markdowns(folder) if number_of(p.name) == number]
    if not found:
        have = ", ".join(f"{number_of(p.name):04d}" for p in record_markdowns(folder)) or "none"
        raise InputError.single(str(folder), f"no record numbered {number:04d} (no {number:04d}-*.md file).",
                                expected=f"one of the record numbers there: {have}")
    if len(found) > 1:
        raise InputError.single(str(folder), f"several records numbered {number:04d}: "
                                + ", ".join(p.name for p in found) + ".",
                                expected="one NNNN-*.md file per number")
    md = found[0]
    stem = md.name[:-3]
    return RecordPaths(markdown=md, bundle=md.with_name(stem + BUNDLE_SUFFIX), html=md.with_name(stem + ".html"))


def parse_number(text: str) -> int:
    """``7``, ``0007`` or ``0007-use-x`` -> 7 (argparse type)."""
    m = re.match(r"^(\d{1,4})(?:-.*)?$", text.strip())
    if not m:
        import argparse

        raise argparse.ArgumentTypeError(f"invalid record number {text!r} (expected NNNN, e.g. 0001)")
    return int(m.group(1))


def bundle_with_status(text: str, status: str, name: str) -> str:
    """The bundle's text with ``record.status`` replaced (the line found through the YAML line map)."""
    data, lines = parse_text(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("record"), dict):
        raise InputError.single(name, "has no 'record' mapping.", expected="a bundle written by `stackwise record`")
    rows = text.split("\n")
    new_value = yaml.safe_dump(status, allow_unicode=True, width=1000).split("\n")[0]
    line = lines.get(("record", "status"))
    if line is not None:
        row = rows[line - 1]
        m = re.match(r"^(\s*status:\s*)", row)
        if not m:
            raise InputError.single(name, "the record status is not on one line of its own.", line=line,
                                    path=("record", "status"), expected="status: <value>")
        rows[line - 1] = m.group(1) + new_value
    else:
        title_line = lines.get(("record", "title")) or lines.get(("record",))
        indent = re.match(r"^(\s*)", rows[(title_line or 1) - 1]).group(1) if title_line else "  "
        rows.insert(title_line or 1, f"{indent}status: {new_value}")
    out = "\n".join(rows)
    check, _ = parse_text(out, name)
    if check.get("record", {}).get("status") != status:  # pragma: no cover - defensive: never write a wrong bundle
        raise InputError.single(name, "could not change the status safely.", path=("record", "status"))
    return out


_HTML_STATUS = re.compile(r"(<tr><th>status</th><td>)(.*?)(</td></tr>)")


_HTML_SUPERSEDED = re.compile(r"^<p>Superseded by .*</p>\n", re.MULTILINE)


def html_with_status(text: str, status: str) -> str:
    """The print HTML with its status row and its 'Superseded by' line changed (as far as it has them)."""
    text = _HTML_STATUS.sub(lambda m: m.group(1) + _html.escape(status, quote=True) + m.group(3), text, count=1)
    text = _HTML_SUPERSEDED.sub("", text, count=1)
    line = "".join(html_block(b) + "\n" for b in flavors.html_relations(status))
    end = text.find("</table>\n")
    if line and end >= 0:
        text = text[:end + len("</table>\n")] + line + text[end + len("</table>\n"):]
    return text


def status_edits(paths: RecordPaths, status: str) -> dict[Path, str]:
    """New texts of the record's files with ``status``; InputError when the record cannot be changed safely."""
    try:
        md = paths.markdown.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(str(paths.markdown), f"cannot be read ({exc}).") from None
    if not paths.bundle.is_file():
        raise InputError.single(str(paths.markdown), f"has no bundle: {paths.bundle.name} is missing beside it.",
                                expected="the record's .stackwise.yaml bundle (restore it from version control)")
    read_bundle(paths.bundle)  # a broken bundle fails here, before anything is written
    try:
        new_md = flavors.set_status(md, status)
    except ValueError as exc:
        raise InputError.single(str(paths.markdown), f"{exc}.",
                                expected="a record written by `stackwise record` (madr4, log4brains or nygard)") from None
    edits = {paths.markdown: new_md,
             paths.bundle: bundle_with_status(paths.bundle.read_text(encoding="utf-8"), status, str(paths.bundle))}
    if paths.html.is_file():
        edits[paths.html] = html_with_status(paths.html.read_text(encoding="utf-8"), status)
    return edits


def write_all(edits: dict[Path, str]) -> None:
    """Write the edited files (bytes exactly as computed; no newline translation)."""
    for path, text in edits.items():
        path.write_bytes(text.encode("utf-8"))
