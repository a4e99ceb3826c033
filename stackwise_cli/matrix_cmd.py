"""``stackwise matrix --format json|yaml|csv``: export the whole matrix."""
from __future__ import annotations

import argparse
import sys

from criteria import load_matrix
from criteria.export import render_matrix


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("matrix", help="export criteria, options with ratings and evidence, and sources")
    p.add_argument("--format", choices=["json", "yaml", "csv"], default="json")
    p.add_argument("--matrix", help="matrix file or folder to read instead of the shipped data")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = render_matrix(load_matrix(args.matrix), args.format)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
