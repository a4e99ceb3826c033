"""``stackwise validate [PATH]``: check the shipped data or a matrix."""
from __future__ import annotations

import argparse

from criteria import load_catalog, load_matrix, load_profiles


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="check the shipped data, or a matrix file or folder")
    p.add_argument("path", nargs="?", help="matrix file (YAML/JSON/CSV) or data folder; default: shipped data")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    matrix = load_matrix(args.path)
    if args.path is None:
        load_profiles(criteria=load_catalog(), source_ids={s.id for s in matrix.sources})
    n_ratings = sum(len(o.ratings) for o in matrix.options)
    n_evidence = sum(len(r.evidence) for o in matrix.options for r in o.ratings.values())
    print(
        f"OK: {len(matrix.criteria)} criteria, {len(matrix.options)} options, {n_ratings} ratings, "
        f"{n_evidence} evidence items, {len(matrix.sources)} sources"
        + (f" (matrix {matrix.meta.version}, checked {matrix.meta.checked})" if matrix.meta else "")
    )
    return 0

