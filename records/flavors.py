"""Record flavours: the same content laid out the way each ADR tool reads it.

``madr4`` (default)
    MADR 4.0: YAML front matter (status, date, decision-makers, consulted,
    informed), then ``# Title`` on the very next line (adr-log 2.2.0 takes
    the first line after the front matter as the title, so no blank line).
``log4brains``
    log4brains 1.1.0 (``@log4brains/core`` ``Adr.ts``, ``MarkdownBody.ts``):
    no front matter; ``# Title`` then a bullet list before the first ``##``
    heading, read key by key: ``- Status:`` (draft, proposed, rejected,
    accepted, deprecated, or ``superseded by SLUG``, where SLUG is the link
    text), ``- Deciders:`` (comma-separated), ``- Date:`` (YYYY-MM-DD).
    Without such a list log4brains reports every record as ACCEPTED.
``nygard``
    adr-tools 3.0.0 (Michael Nygard's layout): ``# N. Title``, ``Date:``,
    ``## Status`` (``Accepted``, ``Superseded by [..](0002-x.md)``, link lines
    such as ``Supersedes [..](0001-x.md)``), ``## Context``, ``## Decision``,
    ``## Consequences``. adr-tools reads the title from the first line and
    the status and links from the Status section.

Rendering (:func:`render`) works on the blocks of :mod:`records.content`;
the part above the first ``##`` heading (title, status, links) is written
here, the body by :mod:`records.markdown`. Reading (:func:`read_head`) and
status changes (:func:`set_status`) work on the Markdown text, touching only
the lines that hold the status, so hand-written text elsewhere survives.
A status changed here reads exactly as if the record had been written with it.

Statuses are stored as MADR words (``proposed``, ``accepted``, ``rejected``,
``deprecated``) or ``superseded by NNNN-slug`` (the successor's file stem).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import yaml

from criteria.escape import md_inline, one_line
from records import markdown
from records.blocks import Block, Document, Heading, Link, Para

FLAVORS = ("madr4", "log4brains", "nygard")
DEFAULT_FLAVOR = "madr4"
#: Statuses a person sets with ``stackwise status`` (superseding goes through ``record --supersedes``).
SETTABLE = ("proposed", "accepted", "rejected", "deprecated")

_SUPERSEDED = re.compile(r"^superseded by (?P<ref>\S+)$", re.IGNORECASE)
_STEM = re.compile(r"^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(<?(?P<href>[^)>\s]*)>?\)")


# --------------------------------------------------------------------------- status words and links

def successor(status: str) -> str | None:
    """``0002-use-x`` from ``superseded by 0002-use-x``; None for any other status."""
    m = _SUPERSEDED.match(status.strip())
    return m.group("ref") if m else None


def _link(stem: str) -> str:
    """A link to a sibling record. Stems are ``[0-9a-z-]`` only, so no escaping or ``<>`` is needed."""
    return f"[{stem}]({stem}.md)" if _STEM.match(stem) else stem


def status_text(status: str, flavor: str) -> str:
    """The status as the flavour writes it in the body (front matter keeps the plain string)."""
    ref = successor(status)
    if flavor == "nygard":
        return f"Superseded by {_link(ref)}" if ref else status[:1].upper() + status[1:]
    return f"superseded by {_link(ref)}" if ref else status


def _superseded_para(status: str) -> str | None:
    ref = successor(status)
    return f"Superseded by {_link(ref)}." if ref else None


def _supersedes_line(stem: str, flavor: str) -> str:
    # adr-tools reads "<link type> [text](NNNN-...)" lines; a trailing period would end up in its graph labels
    return f"Supersedes {_link(stem)}" + ("" if flavor == "nygard" else ".")


# --------------------------------------------------------------------------- rendering

def html_relations(status: str, supersedes: Sequence[str] = ()) -> list[Para]:
    """The print HTML's lines under the title: 'Superseded by ...' and 'Supersedes ...', linking the sibling pages."""
    out = []
    ref = successor(status)
    if ref:
        out.append(Para(("Superseded by ", Link(ref, f"{ref}.html"), ".") if _STEM.match(ref)
                        else (f"Superseded by {ref}.",)))
    out += [Para(("Supersedes ", Link(s, f"{s}.html"), ".")) for s in supersedes]
    return out



def _split_title(doc: Document) -> tuple[Heading, list[Block]]:
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading) and b.level == 1:
            return b, doc.blocks[i + 1:]
    raise ValueError("a record needs a level-1 title")  # pragma: no cover - content.build always adds one


def _plain(h: Heading) -> str:
    return "".join(s if isinstance(s, str) else getattr(s, "text", "") for s in h.content).strip()


def _people(front: dict[str, Any], key: str) -> str:
    return ", ".join(one_line(str(p)) for p in front.get(key) or [])


def _date(front: dict[str, Any]) -> str:
    d = front.get("date")
    return d.isoformat() if hasattr(d, "isoformat") else str(d or "")


def _body(blocks: Sequence[Block]) -> list[str]:
    return [p for p in (markdown.block(b) for b in blocks) if p]


def _nygard_sections(blocks: Sequence[Block]) -> list[Block]:
    """MADR sections regrouped under Nygard's Context / Decision / Consequences.

    Context and Problem Statement -> ``## Context``, with Decision Drivers and
    Considered Options as ``###`` under it; Decision Outcome -> ``## Decision``
    (its ``### Consequences`` becomes ``## Consequences``, right after);
    every other section (Pros and Cons, More Information, any added later)
    follows unchanged, in order.
    """
    sections: list[tuple[str, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 2:
            sections.append((_plain(b), [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            sections.append(("", [b]))
    by_name = {name: body for name, body in sections}
    out: list[Block] = []

    def demote(body: list[Block]) -> list[Block]:
        return [Heading(3, body[0].content), *body[1:]] if body and isinstance(body[0], Heading) else body

    used = set()
    if "Context and Problem Statement" in by_name:
        out += [Heading(2, ("Context",)), *by_name["Context and Problem Statement"][1:]]
        used.add("Context and Problem Statement")
        for name in ("Decision Drivers", "Considered Options"):
            if name in by_name:
                out += demote(by_name[name])
                used.add(name)
    if "Decision Outcome" in by_name:
        body = by_name["Decision Outcome"][1:]
        decision: list[Block] = []
        consequences: list[Block] = []
        target = decision
        for b in body:
            if isinstance(b, Heading) and b.level == 3:
                target = consequences if _plain(b) == "Consequences" else decision
                if target is consequences:
                    continue
            target.append(b)
        out += [Heading(2, ("Decision",)), *decision, Heading(2, ("Consequences",)), *consequences]
        used.add("Decision Outcome")
    for name, body in sections:
        if name not in used:
            out += body
    return out


def render(doc: Document, flavor: str = DEFAULT_FLAVOR, *, number: int, supersedes: Sequence[str] = ()) -> str:
    """The whole Markdown record in ``flavor``. ``supersedes``: stems of the records this one replaces."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavour {flavor!r}")
    title, rest = _split_title(doc)
    status = str(doc.front.get("status", "proposed"))
    heading = markdown.block(title)
    parts: list[str]
    if flavor == "madr4":
        parts = [heading]
        para = _superseded_para(status)
        parts += [para] if para else []
        parts += [_supersedes_line(s, flavor) for s in supersedes]
        parts += _body(rest)
        # the title right under the front matter: adr-log reads the first line after it as the title
        return markdown.front_matter(doc.front) + "\n\n".join(parts) + "\n"
    if flavor == "log4brains":
        header = [f"- Status: {status_text(status, flavor)}"]
        for label, key in (("Deciders", "decision-makers"), ("Consulted", "consulted"), ("Informed", "informed")):
            if _people(doc.front, key):
                header.append(f"- {label}: {md_inline(_people(doc.front, key))}")
        header.append(f"- Date: {_date(doc.front)}")
        parts = [heading, "\n".join(header), *[_supersedes_line(s, flavor) for s in supersedes], *_body(rest)]
        return "\n\n".join(parts) + "\n"
    # nygard
    parts = [f"# {number}. " + heading[2:], f"Date: {_date(doc.front)}"]
    for label, key in (("Decision-makers", "decision-makers"), ("Consulted", "consulted"), ("Informed", "informed")):
        if _people(doc.front, key):
            parts.append(f"{label}: {md_inline(_people(doc.front, key))}")
    parts += ["## Status", status_text(status, flavor), *[_supersedes_line(s, flavor) for s in supersedes]]
    parts += _body(_nygard_sections(rest))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class Head:
    """What a record's Markdown says about itself, whatever its flavour."""

    flavor: str | None
    status: str | None
    date: str | None
    title: str | None


def _front_matter_span(lines: list[str]) -> tuple[int, int] | None:
    """(first, last) line index of the ``---`` fences, or None."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return 0, i
    return None


def _head_zone(lines: list[str], start: int) -> tuple[int, int]:
    """(title line, first ``##`` line) from ``start``: the part above the body."""
    title = next((i for i in range(start, len(lines)) if lines[i].startswith("# ")), start)
    end = next((i for i in range(title + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return title, end


def detect(text: str) -> str | None:
    """The flavour of a record's Markdown: front matter -> madr4; ``## Status`` -> nygard; ``- Status:`` -> log4brains."""
    lines = text.split("\n")
    if _front_matter_span(lines):
        return "madr4"
    if any(line.strip() == "## Status" for line in lines):
        return "nygard"
    title, end = _head_zone(lines, 0)
    if any(re.match(r"^[-*]\s+Status\s*:", line, re.IGNORECASE) for line in lines[title:end]):
        return "log4brains"
    return None


def _normalise(text: str) -> str:
    """A status as written in a body (``Superseded by [0002-x](0002-x.md)``) -> ``superseded by 0002-x``."""
    text = text.strip()
    m = _LINK.search(text)
    if m and text.lower().startswith("superseded by"):
        href = m.group("href")
        ref = href[:-3] if href.lower().endswith(".md") else (m.group("text") or href)
        return f"superseded by {ref.rsplit('/', 1)[-1]}"
    text = _LINK.sub(lambda mm: mm.group("text"), text)
    return " ".join(text.split()).lower() if not _SUPERSEDED.match(text) else "superseded by " + text.split()[-1]


def _nygard_status_lines(lines: list[str]) -> tuple[int, int] | None:
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Status"), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return start, end


_RELATION = re.compile(r"^(?P<kind>.+?) \[.*\]\(.*\)\.?$")


def _parse_front(text: str) -> dict[str, Any]:
    """Front matter YAML through the project's safe reader; {} when it is not a mapping or not YAML."""
    from criteria.errors import InputError
    from criteria.yamlio import parse_text

    try:
        data, _ = parse_text(text)
    except InputError:
        return {}
    return data if isinstance(data, dict) else {}


def read_head(text: str, front: dict[str, Any] | None = None) -> Head:
    """Status, date and title from a record's Markdown. ``front``: its front matter when already parsed."""
    flavor = detect(text)
    lines = text.split("\n")
    status = date = None
    span = _front_matter_span(lines)
    title_line, end = _head_zone(lines, span[1] + 1 if span else 0)
    title = lines[title_line][2:].strip() if title_line < len(lines) and lines[title_line].startswith("# ") else None
    if flavor == "madr4":
        if front is None and span:
            front = _parse_front("\n".join(lines[1:span[1]]) + "\n")
        front = front or {}
        status = _normalise(front["status"]) if isinstance(front.get("status"), str) else None
        d = front.get("date")
        date = d.isoformat() if hasattr(d, "isoformat") else (d if isinstance(d, str) and d else None)
    elif flavor == "log4brains":
        for line in lines[title_line:end]:
            m = re.match(r"^[-*]\s+(Status|Date)\s*:\s*(.*)$", line, re.IGNORECASE)
            if m and m.group(1).lower() == "status" and status is None:
                status = _normalise(m.group(2))
            elif m and m.group(1).lower() == "date" and date is None:
                date = m.group(2).strip() or None
    elif flavor == "nygard":
        if title:
            title = re.sub(r"^\d+\.\s+", "", title)
        for line in lines[title_line:]:
            if line.startswith("Date:"):
                date = line[5:].strip() or None
                break
        zone = _nygard_status_lines(lines)
        if zone:
            for line in lines[zone[0] + 1:zone[1]]:
                s = line.strip()
                if not s:
                    continue
                m = _RELATION.match(s)
                if m and not m.group("kind").lower().startswith("superseded by"):
                    continue  # a link line (Supersedes, Amends...), not the status
                status = _normalise(s)
                break
    return Head(flavor=flavor, status=status, date=date, title=title)


# --------------------------------------------------------------------------- changing the status

def set_status(text: str, status: str) -> str:
    """The record's Markdown with its status changed in its own flavour; everything else kept.

    Raises ValueError when the flavour cannot be recognised (nothing to edit safely).
    """
    flavor = detect(text)
    lines = text.split("\n")
    if flavor == "madr4":
        span = _front_matter_span(lines)
        assert span is not None
        new = yaml.safe_dump({"status": status}, allow_unicode=True, width=1000).rstrip("\n")
        idx = next((i for i in range(1, span[1]) if lines[i].startswith("status:")), None)
        if idx is None:
            lines.insert(1, new)
            span = (0, span[1] + 1)
        else:
            # a value continued on indented lines (hand-written YAML) goes too
            stop = idx + 1
            while stop < span[1] and lines[stop].startswith((" ", "\t")):
                stop += 1
            lines[idx:stop] = [new]
            span = (0, span[1] - (stop - idx - 1))
        title, end = _head_zone(lines, span[1] + 1)
        zone = [line for line in lines[title + 1:end] if not line.startswith("Superseded by ")]
        para = _superseded_para(status)
        zone = _collapse([""] + ([para] if para else []) + zone)
        lines[title + 1:end] = zone
        return "\n".join(lines)
    if flavor == "log4brains":
        title, end = _head_zone(lines, 0)
        new = f"- Status: {status_text(status, flavor)}"
        for i in range(title, end):
            if re.match(r"^[-*]\s+Status\s*:", lines[i], re.IGNORECASE):
                lines[i] = new
                return "\n".join(lines)
        first_bullet = next((i for i in range(title + 1, end) if re.match(r"^[-*]\s", lines[i])), None)
        if first_bullet is None:
            lines[title + 1:title + 1] = ["", new]
        else:
            lines.insert(first_bullet, new)
        return "\n".join(lines)
    if flavor == "nygard":
        zone = _nygard_status_lines(lines)
        assert zone is not None
        kept = []
        for line in lines[zone[0] + 1:zone[1]]:
            m = _RELATION.match(line.strip())
            if line.strip() and m and not m.group("kind").lower().startswith("superseded by"):
                kept.append(line.strip())
        body = [status_text(status, flavor), *kept]
        new_zone = [""]
        for item in body:
            new_zone += [item, ""]
        lines[zone[0] + 1:zone[1]] = new_zone
        return "\n".join(lines)
    raise ValueError("cannot tell the record's layout (no front matter, no '- Status:' list, no '## Status')")


def _collapse(zone: list[str]) -> list[str]:
    """Lines between the title and the first section: one blank line between paragraphs, one at each end."""
    out: list[str] = []
    for line in zone:
        if line.strip() == "" and out and out[-1].strip() == "":
            continue
        out.append(line)
    if not out or out[-1].strip() != "":
        out.append("")
    return out
