"""Escaping of text a person typed, for Markdown and for HTML.

A decision record mixes our own Markdown (headings, bullets, links to charts)
with text people typed (title, context, names) and text from the matrix
(option names, rationales). Only our own text may produce structure. Typed
text is made inert in three steps:

1. :func:`clean` drops control characters (C0/C1 except newline; bidi
   overrides such as U+202E, which can make a line read differently than it
   is stored), turns tabs into spaces and CRLF/CR into LF.
2. :func:`md_inline` escapes, anywhere in a line, every character CommonMark
   or GitHub-flavoured Markdown (GFM) gives a meaning inline: the backslash
   itself, backticks (code spans), ``*`` and ``_`` (emphasis), ``[`` ``]``
   (links, images, footnotes), ``~`` (strikethrough, fences), ``|`` (tables),
   ``$`` (GitHub math) and ``#``. CommonMark lets a backslash escape any ASCII
   punctuation (spec 0.31, section 2.4), so ``\\[`` is always a literal bracket.
   ``<``, ``>`` and ``&`` become the entities ``&lt;`` ``&gt;`` ``&amp;``:
   a backslash would do for ``<`` in Markdown, but an entity stays inert in
   the raw-HTML contexts GitHub also renders, and ``&`` must be encoded so a
   typed ``&lt;script&gt;`` shows as typed instead of becoming a tag.
3. :func:`md_lines` additionally neutralises line starts: leading spaces are
   removed (four of them would open an indented code block), and a line that
   would open a block (``-``, ``+``, ``=``, ``>``, ``1.``, ``1)``, setext
   underlines) gets its marker escaped. Trailing spaces, which GFM reads as
   a hard line break, are removed.

HTML rendering uses :func:`html_text` (``html.escape`` with quotes) on the
*cleaned but not Markdown-escaped* text, so the HTML shows exactly what the
person typed.
"""
from __future__ import annotations

import html
import re
import unicodedata

#: Characters escaped with a backslash everywhere in a line.
_MD_SPECIAL = set("\\`*_[]~|$#")
#: Entities for the characters HTML gives a meaning to.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: A line that would open a list item or a heading underline once stripped.
_BLOCK_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def clean(text: str) -> str:
    """Normalise line ends and drop characters that are never wanted in a record.

    Keeps letters of every script; removes C0/C1 controls except ``\\n``,
    and Unicode format characters (category Cf: bidi overrides, zero-width
    joiners used to hide text) apart from the zero-width joiner used in emoji.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc" or (cat == "Cf" and ch != "\u200d"):
            continue
        out.append(ch)
    return "".join(out)


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces: for titles and names."""
    return " ".join(clean(text).split())


def squash(text: str) -> str:
    """Runs of whitespace (newlines included) to one space, ends kept: for text spans inside a line."""
    return re.sub(r"\s+", " ", clean(text))


def md_inline(text: str) -> str:
    """Escape one line of typed text for use inside a Markdown paragraph, list item or heading.

    Newlines become spaces: inline text never starts a new block.
    """
    out = []
    for ch in squash(text):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_lines(text: str) -> list[str]:
    """Escape multi-line typed text into Markdown lines that cannot open blocks.

    Returns the lines of one paragraph (callers split paragraphs on blank
    lines first, see :func:`paragraphs`). Each line is stripped of leading and
    trailing whitespace, escaped with :func:`md_inline`, and its first
    character escaped when it would start a list, a block quote or a setext
    heading underline.
    """
    lines = []
    for raw in clean(text).split("\n"):
        line = md_inline(raw.strip())
        if not line:
            continue
        line = _BLOCK_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return lines


def paragraphs(text: str) -> list[str]:
    """Split typed text into paragraphs at blank lines (each still raw, unescaped)."""
    parts = re.split(r"\n\s*\n", clean(text).strip())
    return [p.strip() for p in parts if p.strip()]


def html_text(text: str) -> str:
    """Typed text for HTML element content or a quoted attribute."""
    return html.escape(clean(text), quote=True)


def code_span(text: str) -> str:
    """A Markdown code span holding ``text`` literally (CommonMark 6.1).

    The fence is one backtick longer than the longest run inside, and padded
    with spaces when the text starts or ends with a backtick.
    """
    text = one_line(text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """An ``http(s)`` URL with no characters that could end a Markdown/HTML link, else None.

    ``javascript:``, ``data:`` and relative URLs from a matrix file are
    refused: they are shown as text instead of becoming links. Parentheses
    are percent-encoded so the Markdown link destination ends where we say.
    """
    if not url or not _SAFE_URL.match(url.strip()):
        return None
    return url.strip().replace("(", "%28").replace(")", "%29")
