"""The machine-readable bundle beside each record: ``NNNN-title.stackwise.yaml``.

Format version 1::

    format: stackwise-decision-bundle
    format_version: 1
    record:   {number, title, status, date}
    inputs:   {requirements: <the requirements file, stakeholders included>,
               samples, seed, concentration}
    matrix:   {version, checked, sha256: <of the canonical matrix export>,
               options: {<id>: {name, version, ratings: {<criterion>: rating}}}}
    results:  <Evaluation.to_dict(), the JSON contract of `stackwise evaluate`>

The ratings snapshot lets ``stackwise check`` say *which* ratings changed
since the decision, not only that the hash differs. Reading goes through
:mod:`criteria.yamlio` (size cap, no aliases or tags, duplicate keys refused,
line numbers), so a hand-edited or hostile bundle fails with an
:class:`~criteria.errors.InputError` naming file, line and key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, StringConstraints

from criteria.export import tidy_numbers
from criteria.errors import InputError
from criteria.loader import check_requirements, load_requirements, validate_model
from criteria.models import DateText, Matrix, Requirements, Strict
from criteria.yamlio import LineMap, line_of, parse_bytes, read_file
from records.hashing import requirements_dict
from records.naming import BUNDLE_SUFFIX

FORMAT = "stackwise-decision-bundle"
FORMAT_VERSION = 1
#: Suffixes that mark a file as a bundle even before it is read.
SUFFIXES = (BUNDLE_SUFFIX, ".stackwise.yml", ".stackwise.json")

#: ``superseded by NNNN-slug`` names the successor's file stem (what ``record --supersedes`` writes);
#: ``superseded by ADR-NNNN`` is the older form, still read.
STATUS_PATTERN = r"^(proposed|accepted|rejected|deprecated|superseded by (ADR-\d{4}|\d{4}-[a-z0-9]+(-[a-z0-9]+)*))$"
Status = Annotated[str, StringConstraints(pattern=STATUS_PATTERN)]


class _Record(Strict):
    number: Annotated[int, Field(ge=0, le=9999)]
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    status: Status = "proposed"
    date: DateText


class _Inputs(Strict):
    requirements: dict[str, Any]
    samples: Annotated[int, Field(ge=1, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0)] = 0
    concentration: Annotated[float, Field(ge=0.01, le=1e6, allow_inf_nan=False)] | None = None  # scoring.engine bounds


class _Option(Strict):
    name: str
    version: str | None = None
    ratings: dict[str, Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]]


class _Matrix(Strict):
    version: str | None = None
    checked: str | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    options: dict[str, _Option]


class _Bundle(Strict):
    format: Literal["stackwise-decision-bundle"]
    format_version: int
    record: _Record
    inputs: _Inputs
    matrix: _Matrix
    results: dict[str, Any]


@dataclass(frozen=True)
class Bundle:
    """A read bundle: the restored requirements plus what the decision was."""

    file: str
    requirements: Requirements
    number: int
    title: str
    status: str
    date: str
    samples: int
    seed: int
    concentration: float | None
    matrix_version: str | None
    matrix_checked: str | None
    matrix_sha256: str
    #: option id -> criterion id -> rating, as when the decision was made
    ratings: dict[str, dict[str, float]]
    option_names: dict[str, str]
    results: dict[str, Any]

    @property
    def winner(self) -> str | None:
        return self.results.get("winner")

    @property
    def margin(self) -> float | None:
        return self.results.get("margin")

    def evaluate_kwargs(self) -> dict[str, Any]:
        """``samples``/``seed`` (and ``concentration`` when recorded) for :func:`scoring.evaluate`."""
        kw: dict[str, Any] = {"samples": self.samples, "seed": self.seed}
        if self.concentration is not None:
            kw["concentration"] = self.concentration
        return kw


def bundle_dict(
    *,
    number: int,
    title: str,
    status: str,
    date: str,
    requirements: Requirements,
    matrix: Matrix,
    matrix_hash: str,
    results: dict[str, Any],
) -> dict[str, Any]:
    """The bundle as plain data (pure). ``results`` is ``Evaluation.to_dict()``."""
    inputs = results.get("inputs") or {}
    considered = results.get("options") or [r["option"] for r in results.get("ranking", [])]
    options = {}
    for oid in considered:
        opt = matrix.option(oid)
        entry: dict[str, Any] = {"name": opt.name}
        if opt.version:
            entry["version"] = opt.version
        entry["ratings"] = {c: e.rating for c, e in opt.ratings.items()}
        options[oid] = entry
    meta = matrix.meta
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "record": {"number": number, "title": title, "status": status, "date": date},
        "inputs": {
            "requirements": requirements_dict(requirements),
            "samples": int(inputs.get("samples", 10_000)),
            "seed": int(inputs.get("seed", 0)),
        },
        "matrix": {
            **({"version": meta.version, "checked": meta.checked} if meta else {}),
            "sha256": matrix_hash,
            "options": options,
        },
        "results": results,
    }
    if inputs.get("concentration") is not None:
        data["inputs"]["concentration"] = float(inputs["concentration"])
    return tidy_numbers(data)


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line text as literal blocks (``|``), so a context reads as it was typed."""


#: Characters YAML reads as line breaks (NEL, LS, PS) besides CR/LF: unescaped, they would come back as
#: newlines or spaces, so text holding them is written double-quoted, where they are escaped.
_YAML_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _YAML_BREAKS):
        style: str | None = '"'
    else:
        # PyYAML falls back to a quoted style by itself when a block cannot hold the text exactly
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
# The reader (criteria.yamlio) takes JSON's exponent numbers such as 0E0 or 1e5 as numbers; YAML 1.1 does
# not, so without this a name typed as "0E0" would be written bare and come back as the float 0.0.
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float",
                              re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE][-+]?[0-9]+$"),
                              list("-0123456789"))


def dump_bundle(data: dict[str, Any]) -> str:
    """Deterministic YAML (insertion order, unicode kept), with a header comment."""
    return ("# stackwise decision bundle: the inputs and results behind the record of the same name.\n"
            "# Re-run with `stackwise evaluate THIS_FILE`; check with `stackwise check FOLDER`.\n"
            + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100))


def is_bundle_name(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def looks_like_bundle(data: Any) -> bool:
    return isinstance(data, dict) and ("format_version" in data or data.get("format") == FORMAT)


def parse_bundle(data: Any, name: str, lines: LineMap, matrix: Matrix | None = None) -> Bundle:
    """Validate bundle data (from :mod:`criteria.yamlio`).

    With ``matrix``, the requirements are also checked against it (unknown
    criteria or options are refused, as for a requirements file); without,
    only their shape is checked (``stackwise check`` reports a decision whose
    requirements no longer fit the matrix instead of failing).
    """
    if not isinstance(data, dict):
        raise InputError.single(name, f"a bundle must be a mapping, not {type(data).__name__}.", line=1,
                                expected=f"a file written by `stackwise record` (format: {FORMAT})")
    if data.get("format") != FORMAT:
        raise InputError.single(name, f"not a stackwise decision bundle (format is {data.get('format')!r}).",
                                path=("format",), line=line_of(lines, ("format",)) or 1,
                                expected=f"format: {FORMAT}")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise InputError.single(
            name, f"unknown bundle format version {version!r}: this stackwise reads version {FORMAT_VERSION}.",
            path=("format_version",), line=line_of(lines, ("format_version",)) or 1,
            expected=f"format_version: {FORMAT_VERSION} (a newer bundle needs a newer stackwise; "
                     "upgrade with pip install -U stackwise)",
        )
    model = validate_model(_Bundle, data, name, lines)
    prefix = ("inputs", "requirements")
    req = validate_model(Requirements, model.inputs.requirements, name, lines, prefix)
    if matrix is not None:
        check_requirements(req, matrix, name, sub_lines(lines, prefix))
    results = model.results
    if "winner" not in results or not isinstance(results.get("ranking"), list):
        raise InputError.single(name, "the results lack 'winner' or 'ranking'.", path=("results",),
                                line=line_of(lines, ("results",)),
                                expected="the output of `stackwise evaluate --format json`")
    return Bundle(
        file=name,
        requirements=req,
        number=model.record.number,
        title=model.record.title,
        status=model.record.status,
        date=model.record.date,
        samples=model.inputs.samples,
        seed=model.inputs.seed,
        concentration=model.inputs.concentration,
        matrix_version=model.matrix.version,
        matrix_checked=model.matrix.checked,
        matrix_sha256=model.matrix.sha256,
        ratings={o: dict(v.ratings) for o, v in model.matrix.options.items()},
        option_names={o: v.name for o, v in model.matrix.options.items()},
        results=results,
    )


def sub_lines(lines: LineMap, prefix: tuple) -> LineMap:
    """The line map of a sub-document, keys made relative to ``prefix``."""
    n = len(prefix)
    return {k[n:]: v for k, v in lines.items() if k[:n] == prefix}


def read_bundle(path: str | Path, matrix: Matrix | None = None) -> Bundle:
    data, lines = read_file(path)
    return parse_bundle(data, str(path), lines, matrix)


def read_bundle_bytes(raw: bytes, name: str, matrix: Matrix | None = None) -> Bundle:
    """A bundle from uploaded bytes (the app's restore)."""
    data, lines = parse_bytes(raw, name)
    return parse_bundle(data, name, lines, matrix)


def load_input(path: str | Path, matrix: Matrix | None = None) -> tuple[Requirements, Bundle | None]:
    """Requirements from a requirements file or a decision bundle, and the bundle when it was one.

    A file is a bundle when its name ends in ``.stackwise.yaml`` (``.yml``,
    ``.json``) or its top level has ``format``/``format_version`` keys; either
    way it is checked against ``matrix`` (default: the shipped one).
    """
    from criteria.loader import load_matrix

    matrix = matrix if matrix is not None else load_matrix()
    data, lines = read_file(path)
    if is_bundle_name(path) or looks_like_bundle(data):
        bundle = parse_bundle(data, str(path), lines, matrix)
        return bundle.requirements, bundle
    # The loader's own entry point, so a requirements file gets exactly its usual messages.
    return load_requirements(path, matrix), None


def load_requirements_or_bundle(path: str | Path, matrix: Matrix | None = None) -> Requirements:
    """Requirements from a requirements file or from a decision bundle, whichever ``path`` is.

    Use it wherever the CLI accepts a requirements file (``evaluate``, ``record``)."""
    return load_input(path, matrix)[0]
