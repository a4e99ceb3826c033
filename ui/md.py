"""Escaping text from data files before it goes into Streamlit markdown.

Ratings, claims and notes come from YAML files (or a user's uploaded matrix).
Streamlit never renders raw HTML in markdown without ``unsafe_allow_html``,
but it does read ``[..](..)`` as links, ``$..$`` as LaTeX, ``*``/``_`` as
emphasis and ``<...>`` as autolinks, which would garble or disguise data.
Backticks are kept so quoted code (``async def``) still renders as code.
GFM also turns a bare ``https://...``, ``www.`` or ``name@host.tld`` into a
link. A backslash does not stop that: Streamlit's renderer finds these in the
text after escapes are resolved (mdast-util-gfm-autolink-literal, a
find-and-replace over text nodes; checked in Chromium by tests/e2e). So an
invisible WORD JOINER (U+2060) goes inside each such start: the text reads
and copies the same, but no longer matches, and never becomes a link.
"""
from __future__ import annotations

import re

_SPECIAL = ("\\", "[", "]", "*", "_", "<", ">", "$", "#", "|", "~")
#: Where GFM autolink literals start: between any "scheme:" and "//", "www" and ".", and before "@".
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
#: Invisible, zero-width, and not a word character: it breaks the autolink patterns.
WORD_JOINER = "\u2060"


def esc(text: str) -> str:
    """``text`` with markdown markup characters escaped outside `code spans`."""
    parts = re.split(r"(`[^`]*`)", str(text))
    for i in range(0, len(parts), 2):  # even parts lie outside code spans
        for ch in _SPECIAL:
            parts[i] = parts[i].replace(ch, "\\" + ch)
        parts[i] = _AUTOLINK.sub(WORD_JOINER, parts[i])
    return "".join(parts)
