"""Python versions: which minors a requirement may name, and whether a release supports one.

A requirement ``python: "3.9"`` names the oldest Python the project must run on.
An option's rated release supports it when the release's ``Requires-Python``
(PyPI metadata, recorded in the option file's ``python:`` block) admits that
version, with pip's reading of ``--python-version 3.9``: the version ``3.9``
(equal to 3.9.0) is tested against the specifier set (PEP 440, via
:mod:`packaging`). Pure functions: no I/O.
"""
from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet

#: Python minor versions a requirement may name: 3.9 (end of life 2025-10, yet still the
#: system Python of RHEL 9) up to the newest release this matrix was checked against.
PYTHON_MINORS: tuple[str, ...] = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14")

_MINOR = re.compile(r"^3\.(\d{1,2})$")


def minor_problem(value: object) -> str | None:
    """Why ``value`` is not a usable Python requirement, or None when it is one of :data:`PYTHON_MINORS`."""
    if not isinstance(value, str):
        return "a Python version must be text in quotes, such as \"3.11\""
    if not _MINOR.match(value.strip()):
        return f"'{value}' is not a Python minor version written as \"3.N\""
    if value.strip() not in PYTHON_MINORS:
        return (f"Python {value.strip()} is not among the versions stackwise checks "
                f"({PYTHON_MINORS[0]} to {PYTHON_MINORS[-1]})")
    return None


def specifier_problem(text: str) -> str | None:
    """Why ``text`` is not a valid Requires-Python specifier set, or None."""
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return f"'{text}' is not a valid version specifier (PEP 440, such as >=3.9 or >=3.9,<4)"
    return None


def supports(requires_python: str, minor: str) -> bool:
    """Whether a release whose Requires-Python is ``requires_python`` installs on Python ``minor``."""
    return SpecifierSet(requires_python).contains(minor, prereleases=True)


def readable(requires_python: str) -> str:
    """``>=3.11`` -> ``>= 3.11``; several clauses joined with commas, lowest bound first."""
    specs = sorted(SpecifierSet(requires_python), key=lambda s: (s.operator not in (">=", ">"), str(s)))
    return ", ".join(f"{s.operator} {s.version}" for s in specs)
