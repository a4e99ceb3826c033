"""``stackwise evaluate REQUIREMENTS``: score the options against a requirements file."""
from __future__ import annotations

import argparse
import json
import sys

from criteria import load_matrix
from criteria.errors import InputError

#: Bounds of --samples (the engine checks them too; here they become a usage message).
MAX_SAMPLES = 1_000_000


def _samples(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number (expected 1 to {MAX_SAMPLES:,})") from None
    if not 1 <= value <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(f"{value} is out of range (expected 1 to {MAX_SAMPLES:,})")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number (expected an integer >= 0)") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative (expected an integer >= 0)")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "evaluate", help="score the options against a requirements file: winner, margin, flip points, verdict")
    p.add_argument("requirements", help="requirements file (YAML or JSON) or a decision bundle (*.stackwise.yaml)")
    p.add_argument("--matrix", help="matrix file or data folder to use instead of the shipped data")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="text for a terminal, markdown for documents, json for programs (default: text)")
    p.add_argument("--samples", type=_samples, default=10_000,
                   help=f"weight samples for the win probability (1 to {MAX_SAMPLES:,}; default 10000)")
    p.add_argument("--seed", type=_seed, default=0, help="random seed (default 0): same seed, same numbers")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so `stackwise validate` and friends do not pay for numpy.
    from scoring import evaluate
    from scoring.render import render_markdown, render_text

    matrix = load_matrix(args.matrix)
    # A decision bundle (from `stackwise record`) is accepted wherever a requirements file is.
    from records.bundle import load_requirements_or_bundle

    requirements = load_requirements_or_bundle(args.requirements, matrix)
    profiles = _profiles_if_needed(requirements, matrix)
    try:
        evaluation = evaluate(matrix, requirements, samples=args.samples, seed=args.seed, profiles=profiles)
    except InputError as exc:
        if exc.file is None:  # found by the engine (e.g. an unknown profile): point into the file
            raise _located(exc, args.requirements) from None
        raise
    if args.format == "json":
        text = json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        text = render_markdown(evaluation)
    else:
        text = render_text(evaluation)
    sys.stdout.write(text)
    return 0


def _located(exc: InputError, path: str) -> InputError:
    """The engine's error with the requirements file's name and lines filled in."""
    from criteria.errors import Problem
    from criteria.yamlio import line_of, read_file

    _, lines = read_file(path)
    return InputError(path, [Problem(p.message, p.path, p.line if p.line is not None else line_of(lines, p.path),
                                     p.expected) for p in exc.problems])


def _profiles_if_needed(requirements, matrix):  # type: ignore[no-untyped-def]
    """Profiles, loaded only when a stakeholder names one (the engine does no I/O)."""
    if not requirements.stakeholders or not any(s.profile for s in requirements.stakeholders):
        return None
    from criteria import load_profiles

    return load_profiles(criteria=matrix.criteria)

