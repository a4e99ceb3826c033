"""Render a :class:`records.blocks.Document` as MADR Markdown with YAML front matter.

Front matter values go through ``yaml.safe_dump`` (never string formatting),
after names are collapsed to one line, so a typed value can neither close the
front matter early nor add keys. Body text spans go through
:mod:`criteria.escape`.
"""
from __future__ import annotations

import re

import yaml

from records.blocks import Block, Bullets, Code, CodeBlock, Document, Heading, Image, Inline, Link, Para, Strong
from criteria.escape import code_span, md_inline, md_lines, safe_url

_LOCAL_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: A code span as text writes it: a run of backticks, text, the same run (CommonMark 6.1).
_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
#: An escaped ampersand that did not start an entity: "Q&amp;A" can go back to "Q&A".
_LONE_AMP = re.compile(r"&amp;(?!#?[A-Za-z0-9]+;)")


def text_span(text: str) -> str:
    """Plain text for Markdown, readable as written: its code spans stay code spans (their
    content is inert: no markup, links or HTML act inside one), and an ``&`` that cannot start an
    entity stays ``&``; everything else is escaped by :func:`criteria.escape.md_inline`."""
    def plain(part: str) -> str:
        return _LONE_AMP.sub("&", md_inline(part))

    out, pos = [], 0
    for m in _CODE.finditer(text):
        out.append(plain(text[pos:m.start()]))
        out.append(code_span(m.group(2)))
        pos = m.end()
    out.append(plain(text[pos:]))
    return "".join(out)


def front_matter(front: dict) -> str:
    """``---\\n<yaml>---\\n``: block style, keys in the given order, unicode kept."""
    body = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{body}---\n"


def local_href(href: str) -> str | None:
    """A link target we allow: an http(s) URL, or a plain file name beside the record."""
    if _LOCAL_FILE.match(href) and ".." not in href:
        return href
    return safe_url(href)


def inline(content: Inline) -> str:
    out = []
    for span in content:
        if isinstance(span, str):
            out.append(text_span(span))
        elif isinstance(span, Strong):
            out.append(f"**{md_inline(span.text)}**")
        elif isinstance(span, Code):
            out.append(code_span(span.text))
        elif isinstance(span, Link):
            href = local_href(span.href)
            text = md_inline(span.text)
            out.append(f"[{text}](<{href}>)" if href else text)
        else:  # pragma: no cover - the Span union is closed
            raise TypeError(type(span))
    return "".join(out)


def block(b: Block) -> str:
    if isinstance(b, Heading):
        return "#" * b.level + " " + inline(b.content)
    if isinstance(b, Para):
        if b.multiline:
            text = "".join(s for s in b.content if isinstance(s, str))
            return "\n".join(md_lines(text))
        return inline(b.content)
    if isinstance(b, Bullets):
        return "\n".join("* " + inline(item) for item in b.items)
    if isinstance(b, Image):
        href = local_href(b.src)
        return f"![{md_inline(b.alt)}](<{href}>)" if href else md_inline(b.alt)
    if isinstance(b, CodeBlock):
        fence = "```"
        while fence in b.text:
            fence += "`"
        return f"{fence}shell\n{b.text}\n{fence}"
    raise TypeError(type(b))  # pragma: no cover


def render(doc: Document) -> str:
    """The whole record: front matter, then blocks separated by blank lines, ending in one newline."""
    parts = [block(b) for b in doc.blocks]
    body = "\n\n".join(p for p in parts if p)
    return front_matter(doc.front) + "\n" + body + "\n"
