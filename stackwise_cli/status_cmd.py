"""``stackwise status NNNN accepted|rejected|deprecated|proposed [--folder DIR]``: change a decision's status.

The status changes in the record's Markdown (in its own flavour: front
matter, ``- Status:`` list or ``## Status`` section), its bundle and its
print HTML, and the folder's decision log (README.md) is rewritten.
Nothing is written when any of it fails (exit 2).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from criteria import load_matrix
from records.flavors import SETTABLE, read_head
from records.index import check_readme, write_readme
from records.lifecycle import find_record, parse_number, status_edits, write_all
from stackwise_cli.record_cmd import DEFAULT_DIR


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "status", help="change a decision record's status (Markdown, bundle, HTML) and the decision log",
        description="Set the status of record NNNN in DIR. Superseding goes through "
                    "`stackwise record ... --supersedes NNNN`, which writes the successor.")
    p.add_argument("number", type=parse_number, metavar="NNNN", help="the record's number, e.g. 0001")
    p.add_argument("status", choices=SETTABLE, help="the new status")
    p.add_argument("--folder", default=DEFAULT_DIR, metavar="DIR", help=f"folder of records (default {DEFAULT_DIR})")
    p.add_argument("--matrix", help="matrix file or folder for the decision log's 'holds?' column "
                                    "(default: the shipped data)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    paths = find_record(folder, args.number)
    matrix = load_matrix(args.matrix)
    check_readme(folder)
    before = read_head(paths.markdown.read_text(encoding="utf-8", errors="replace")).status
    edits = status_edits(paths, args.status)
    write_all(edits)
    readme = write_readme(folder, matrix)
    print(f"{paths.stem}: {before or 'no status'} -> {args.status}")
    print(f"decision log: {readme}", file=sys.stderr)
    return 0
