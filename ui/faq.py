"""The FAQ (data/faq.yaml): model, loader, citation checks and citation links. No Streamlit.

Answers cite bibliography ids inline as ``[source-id]``; :func:`linked`
turns them into links to the Sources section, and :func:`check_citations`
reports every cited id the matrix's bibliography does not hold.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from pydantic import Field

from criteria.errors import InputError, Problem, suggest
from criteria.loader import DATA_DIR, validate_model
from criteria.models import DateText, Id, Strict, Text, Verdict
from criteria.yamlio import line_of, read_file

FAQ_FILE = DATA_DIR / "faq.yaml"
CITE = re.compile(r"\[([a-z][a-z0-9_-]{0,63})\]")


class SeedClaim(Strict):
    source: Id
    claim: Text = Field(description="What the seed page said, paraphrased.")
    verdict: Verdict
    note: str | None = None


class Entry(Strict):
    id: Id
    question: Text
    answer: Text = Field(description="Markdown; cite sources inline as [source-id].")
    sources: list[Id] = Field(min_length=1)
    seed_claims: list[SeedClaim] = Field(default_factory=list)


class Faq(Strict):
    checked: DateText
    faq: list[Entry] = Field(min_length=1)


def load_faq(path: Path | None = None) -> list[Entry]:
    data, lines = read_file(path or FAQ_FILE)
    name = str((path or FAQ_FILE).name)
    return list(validate_model(Faq, data, name, lines).faq)


def cited(entry: Entry) -> list[str]:
    """Every source id an entry relies on: inline citations, its list, and seed claims."""
    ids = CITE.findall(entry.answer) + list(entry.sources) + [c.source for c in entry.seed_claims]
    return list(dict.fromkeys(ids))


def check_citations(entries: Iterable[Entry], source_ids: Iterable[str], path: Path | None = None) -> None:
    """Raise :class:`InputError` naming each cited id that is not in the bibliography."""
    known = list(source_ids)
    file = path or FAQ_FILE
    lines: dict = {}
    problems = []
    for i, entry in enumerate(entries):
        for sid in cited(entry):
            if sid not in known:
                loc = ("faq", i, "answer")
                problems.append(Problem(f"entry '{entry.id}' cites unknown source '{sid}'.{suggest(sid, known)}",
                                        loc, line_of(lines, loc), "a source id from data/sources/*.yaml"))
        inline = set(CITE.findall(entry.answer))
        missing = [s for s in inline if s not in entry.sources]
        if missing:
            loc = ("faq", i, "sources")
            problems.append(Problem(f"entry '{entry.id}' cites {', '.join(sorted(missing))} inline but not in "
                                    "'sources'.", loc, line_of(lines, loc), "every inline citation listed"))
    if problems:
        # Line numbers only when something is wrong: the happy path reads nothing (it runs on every rerun).
        _, lines = read_file(file)
        for p in problems:
            p.line = line_of(lines, p.path)
        raise InputError(file.name, problems)


def linked(text: str) -> str:
    """Markdown with each ``[source-id]`` turned into a link to its bibliography anchor."""
    return CITE.sub(lambda m: f"[\\[{m.group(1)}\\]](#src-{m.group(1)})", text)
