"""A tiny document model, rendered to both Markdown and HTML.

The record's content is built once as blocks (:mod:`records.content`); the
Markdown (:mod:`records.markdown`) and the print HTML (:mod:`records.html`)
render the same blocks, so the two can never say different things.

Inline content is a tuple of spans. A plain ``str`` span is *text*: always
escaped by the renderer. Structure comes only from the span classes below,
which only our own code creates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # checked by the renderer: http(s) URLs or plain local file names only


Span = Union[str, Strong, Code, Link]
Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    content: Inline


@dataclass(frozen=True)
class Para:
    content: Inline
    #: Typed multi-line text kept as several lines (soft breaks); only plain text spans.
    multiline: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Image:
    alt: str
    src: str  # a file name beside the record


@dataclass(frozen=True)
class CodeBlock:
    text: str


Block = Union[Heading, Para, Bullets, Image, CodeBlock]


@dataclass
class Document:
    """Front matter (plain values) plus the body blocks."""

    front: dict = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def h(self, level: int, *content: Span) -> None:
        self.blocks.append(Heading(level, tuple(content)))

    def p(self, *content: Span) -> None:
        self.blocks.append(Para(tuple(content)))

    def bullets(self, items: list[Inline]) -> None:
        if items:
            self.blocks.append(Bullets(tuple(items)))
