"""Escaping text from data files before it goes into Streamlit markdown.

Ratings, claims and notes come from YAML files (or a user's uploaded matrix).
Streamlit never renders raw HTML in markdown without ``unsafe_allow_html``,
but it does read ``[..](..)`` as links, ``$..$`` as LaTeX, ``*``/``_`` as
emphasis and ``<...>`` as autolinks, which would garble or disguise data.
Backticks are kept so quoted code (``async def``) still renders as code.
"""
from __future__ import annotations

import re

_SPECIAL = ("\\", "[", "]", "*", "_", "<", ">", "$", "#", "|", "~")


def esc(text: str) -> str:
    """``text`` with markdown markup characters escaped outside `code spans`."""
    parts = re.split(r"(`[^`]*`)", str(text))
    for i in range(0, len(parts), 2):  # even parts lie outside code spans
        for ch in _SPECIAL:
            parts[i] = parts[i].replace(ch, "\\" + ch)
    return "".join(parts)
