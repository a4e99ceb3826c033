"""``stackwise validate [PATH]``: check the shipped data or a matrix."""
from __future__ import annotations

import argparse

from criteria import InputError, Problem, load_catalog, load_matrix, load_profiles
from criteria.errors import suggest
from criteria.loader import PROFILES_FILE
from criteria.models import Profile
from criteria.yamlio import line_of, read_file


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="check the shipped data, or a matrix file or folder")
    p.add_argument("path", nargs="?", help="matrix file (YAML/JSON/CSV) or data folder; default: shipped data")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    matrix = load_matrix(args.path)
    if args.path is None:
        _check_profile_sources(load_profiles(criteria=load_catalog()), {s.id for s in matrix.sources})
    n_ratings = sum(len(o.ratings) for o in matrix.options)
    n_evidence = sum(len(r.evidence) for o in matrix.options for r in o.ratings.values())
    print(
        f"OK: {len(matrix.criteria)} criteria, {len(matrix.options)} options, {n_ratings} ratings, "
        f"{n_evidence} evidence items, {len(matrix.sources)} sources"
        + (f" (matrix {matrix.meta.version}, checked {matrix.meta.checked})" if matrix.meta else "")
    )
    return 0


def _check_profile_sources(profiles: list[Profile], source_ids: set[str]) -> None:
    """Every source a profile says it follows must be in the bibliography."""
    _, lines = read_file(PROFILES_FILE)
    problems = [
        Problem(f"profile '{p.id}' cites unknown source '{sid}'.{suggest(sid, source_ids)}",
                ("profiles", i, "sources"), line_of(lines, ("profiles", i, "sources")),
                "a source id from data/sources/")
        for i, p in enumerate(profiles) for sid in p.sources if sid not in source_ids
    ]
    if problems:
        raise InputError(str(PROFILES_FILE), problems)
