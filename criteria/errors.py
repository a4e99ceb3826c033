"""One error type for every bad input, so the CLI and the app report it the same way.

An :class:`InputError` names the file, the line (when the YAML parser knows it),
the key path inside the document, what is wrong, and what would be valid.
The CLI prints ``str(error)`` and exits with code 2; the app shows it inline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Iterable, Sequence


#: Most problems collected from one input before giving up: enough to fix a file
#: in one pass, and a bound on the work (each unknown id costs a fuzzy match)
#: that a file with a hundred thousand wrong keys can make us do.
MAX_PROBLEMS = 50


#: Control characters (all but newline) and the invisible bidi controls. A key or
#: file name from a hostile file may hold them (YAML's "\e" and "\u202e" escapes):
#: printed raw, ESC sequences would repaint the user's terminal and bidi overrides
#: make text read differently than it is stored.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control and bidi characters shown as escapes (``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def format_path(path: Sequence[str | int]) -> str:
    """Render a key path as ``options[0].ratings.performance``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def suggest(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt id, or '' when nothing is close."""
    match = get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


@dataclass
class Problem:
    """One thing wrong in an input."""

    message: str
    path: tuple[str | int, ...] = ()
    line: int | None = None
    expected: str | None = None
    #: What ``line`` counts and what ``path`` names: a spreadsheet reports "row 5, column 'rating'".
    unit: str = "line"
    key_word: str = "key"

    def render(self, file: str | None) -> str:
        where = file or "<input>"
        if self.line is not None:
            where += f", {self.unit} {self.line}"
        key = f", {self.key_word} '{format_path(self.path)}'" if self.path else ""
        text = f"{where}{key}: {self.message}"
        if self.expected:
            text += f" Expected: {self.expected}."
        return text


@dataclass
class InputError(Exception):
    """Bad input: one or more problems in one file."""

    file: str | None
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @classmethod
    def single(
        cls,
        file: str | None,
        message: str,
        *,
        path: Sequence[str | int] = (),
        line: int | None = None,
        expected: str | None = None,
    ) -> "InputError":
        return cls(file, [Problem(message, tuple(path), line, expected)])

    def __str__(self) -> str:
        shown = self.problems[:20]
        lines = [p.render(self.file) for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"... and {len(self.problems) - len(shown)} more problems.")
        text = "\n".join(lines) if lines else f"{self.file or '<input>'}: invalid input."
        return printable(text)


class ProblemList(list):  # type: ignore[type-arg]
    """A list of :class:`Problem` that raises :class:`InputError` once :data:`MAX_PROBLEMS` are in it."""

    def __init__(self, file: str | None) -> None:
        super().__init__()
        self.file = file

    def append(self, problem: Problem) -> None:  # type: ignore[override]
        super().append(problem)
        if len(self) >= MAX_PROBLEMS:
            raise InputError(self.file, list(self) + [Problem(
                f"stopped after {MAX_PROBLEMS} problems; fix these and run again.")])
