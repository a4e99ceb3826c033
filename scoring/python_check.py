"""The Python-version requirement: does each option's rated release install on it?

A requirement ``python: "3.9"`` (the oldest Python the project must run on) rules
out every option whose rated release's ``Requires-Python`` does not admit 3.9
(:func:`criteria.pyversions.supports`), exactly as a failed must-have does: the
option stays in the ranking, ineligible, with a reason that names the newest
release that does install on 3.9, so the reader knows what the older line offers.

An option with no recorded Python facts (a custom matrix, or an option file
without a ``python:`` block) cannot be checked. It is **not** ruled out, since
absence of data is not evidence of incompatibility, but its check says
``unknown`` and the verdict names it, so the gap is never silent.

Pure: reads the facts the loader put into the model; no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from criteria.models import Option
from criteria.pyversions import PYTHON_MINORS, readable, supports

Status = Literal["supported", "unsupported", "unknown"]


@dataclass(frozen=True)
class PythonCheck:
    """One option against the required Python minor version."""

    required: str
    status: Status
    release: str | None = None  # the rated release the facts are for
    requires_python: str | None = None
    #: The newest release that installs on ``required`` (None: none does, or not recorded).
    newest: str | None = None
    #: The oldest Python (of those stackwise checks) the rated release installs on.
    lowest_supported: str | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether the option stays eligible: supported, or unknown (named in the verdict)."""
        return self.status != "unsupported"

    def brief(self, name: str) -> str:
        """A clause for running text: 'FastAPI 0.165.0 needs Python >= 3.11 (newest for 3.9: 0.128.8)'."""
        if self.status != "unsupported":
            return self.reason.rstrip(".")
        newest = f"newest for {self.required}: {self.newest}" if self.newest else f"no release for {self.required}"
        return f"{name} {self.release} needs Python {readable(self.requires_python or '')} ({newest})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "required": self.required,
            "status": self.status,
            "release": self.release,
            "requires_python": self.requires_python,
            "newest_release_for_required": self.newest,
            "reason": self.reason,
        }


def check_python(option: Option, minor: str) -> PythonCheck:
    """Check ``option``'s rated release against Python ``minor`` (e.g. "3.9")."""
    facts = option.python
    if facts is None:
        return PythonCheck(minor, "unknown", reason=(
            f"Python {minor} cannot be checked for {option.name}: the matrix records no Python "
            "support for it, so it is not ruled out; check its Requires-Python yourself."))
    lowest = next((m for m in PYTHON_MINORS if supports(facts.requires_python, m)), None)
    needs = f"{option.name} {facts.release} needs Python {readable(facts.requires_python)}"
    if supports(facts.requires_python, minor):
        return PythonCheck(minor, "supported", facts.release, facts.requires_python, facts.release, lowest,
                           f"{option.name} {facts.release} supports Python {minor} "
                           f"(Requires-Python {readable(facts.requires_python)}).")
    if minor not in facts.newest_release:
        tail = f"the matrix records no release for {minor}"
        newest = None
    elif facts.newest_release[minor] is None:
        tail = f"no release installs on {minor}"
        newest = None
    else:
        newest = facts.newest_release[minor]
        tail = f"{newest} is the newest release for {minor}"
    return PythonCheck(minor, "unsupported", facts.release, facts.requires_python, newest, lowest,
                       f"{needs}; {tail}.")
