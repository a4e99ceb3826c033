"""``stackwise check [DIR]``: do the recorded decisions still hold against the current matrix?

Exit 0 when every active decision still holds, 1 when any does not (each
named by number with what changed), 2 on bad input. Usable in CI.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from criteria import load_matrix
from records.check import check_folder
from stackwise_cli.record_cmd import DEFAULT_DIR


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check", help="re-evaluate every decision record in a folder; exit 1 when one no longer holds",
        description="Re-evaluate each decision bundle in DIR against the current (or given) matrix and report "
                    "whether its chosen option still wins and what changed. Exit 0: all hold; 1: some do not; "
                    "2: bad input.")
    p.add_argument("dir", nargs="?", default=DEFAULT_DIR, metavar="DIR",
                   help=f"folder of records (default {DEFAULT_DIR})")
    p.add_argument("--matrix", help="matrix file or folder instead of the shipped data")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    matrix = load_matrix(args.matrix)
    results = check_folder(Path(args.dir), matrix)
    if not results:
        print(f"No decision bundles (*.stackwise.yaml) in {args.dir}.")
        return 0
    names = {o.id: o.name for o in matrix.options}
    for r in results:
        print(r.summary(names))
    failed = [r for r in results if r.checked and not r.holds]
    checked = sum(r.checked for r in results)
    if failed:
        print(f"{len(failed)} of {checked} decisions no longer hold: "
              + ", ".join(f"{r.number:04d}" for r in failed) + ".")
        return 1
    print(f"All {checked} checked decisions still hold.")
    return 0
