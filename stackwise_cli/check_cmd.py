"""``stackwise check [DIR] [--format text|json]``: do the recorded decisions still hold against the current matrix?

Exit 0 when every checked decision still holds, 1 when any does not or a
record has a problem (no bundle, an outcome that disagrees with its bundle,
edited inputs), each named by number with what changed, 2 on bad input.
Usable in CI. ``--format json`` prints a list of ``{"record", "status",
"holds", "winner_then", "winner_now", "margin_then", "margin_now",
"changes", "problem"}`` (``holds`` is null for a skipped record).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from criteria import load_matrix
from records.check import check_folder, summary
from stackwise_cli.record_cmd import DEFAULT_DIR


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check", help="re-evaluate every decision record in a folder; exit 1 when one no longer holds",
        description="Re-evaluate each decision record in DIR against the current (or given) matrix and report "
                    "whether its chosen option still wins and what changed, after checking that each record "
                    "and its bundle belong together. Superseded, rejected and deprecated decisions are skipped. "
                    "Exit 0: all hold; 1: some do not, or a record has a problem; 2: bad input.")
    p.add_argument("dir", nargs="?", default=DEFAULT_DIR, metavar="DIR",
                   help=f"folder of records (default {DEFAULT_DIR})")
    p.add_argument("--matrix", help="matrix file or folder instead of the shipped data")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    matrix = load_matrix(args.matrix)
    results = check_folder(Path(args.dir), matrix)
    failed = any(r.checked and not r.holds for r in results)
    if args.format == "json":
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return 1 if failed else 0
    if not results:
        print(f"No decision records (NNNN-*.md or *.stackwise.yaml) in {args.dir}.")
        return 0
    names = {o.id: o.name for o in matrix.options}
    for r in results:
        print(r.summary(names))
    print(summary(results))
    return 1 if failed else 0
