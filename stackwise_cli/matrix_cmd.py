"""``stackwise matrix --format json|yaml|csv|xlsx``: export the whole matrix."""
from __future__ import annotations

import argparse
import sys

from criteria import InputError, load_matrix
from criteria.export import render_matrix


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("matrix", help="export criteria, options with ratings and evidence, and sources")
    p.add_argument("--format", choices=["json", "yaml", "csv", "xlsx"], default="json",
                   help="xlsx writes an Excel workbook (sheets criteria, ratings, sources); it needs --out")
    p.add_argument("--matrix", help="matrix file or folder to read instead of the shipped data")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx":
        if not args.out:
            raise InputError.single(None, "--format xlsx writes a binary workbook, so it needs a file.",
                                    expected="--out FILE.xlsx")
        matrix = load_matrix(args.matrix)
        from criteria.xlsx_matrix import matrix_to_xlsx  # openpyxl only when asked

        with open(args.out, "wb") as fh:
            fh.write(matrix_to_xlsx(matrix))
        return 0
    text = render_matrix(load_matrix(args.matrix), args.format)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
