"""``stackwise record REQUIREMENTS_OR_BUNDLE``: write the next MADR decision record, its bundle, HTML and charts.

Everything is evaluated and rendered in memory first; files are written only
when all of it succeeded, so bad input leaves the folder untouched.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from criteria import load_matrix, load_profiles
from criteria.errors import InputError
from records import flavors
from records.bundle import load_input
from records.hashing import matrix_sha256
from records.index import check_readme, write_readme
from records.lifecycle import find_record, parse_number, status_edits, write_all
from records.naming import next_number
from records.record import check_status, make_record, write_record

DEFAULT_DIR = "docs/decisions"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "record", help="write the next MADR decision record (Markdown, bundle, HTML, SVG charts)",
        description="Evaluate a requirements file (or re-export a decision bundle) and write the next numbered "
                    "decision record into a folder. Prints the path of the Markdown file.")
    p.add_argument("input", metavar="REQUIREMENTS_OR_BUNDLE",
                   help="requirements YAML, or a NNNN-....stackwise.yaml bundle to re-export")
    p.add_argument("--out", default=DEFAULT_DIR, metavar="DIR", help=f"folder of records (default {DEFAULT_DIR})")
    p.add_argument("--status", default=None, metavar="S",
                   help="proposed (default; a bundle keeps its own), accepted, rejected, deprecated, "
                        "or 'superseded by NNNN-title' (prefer --supersedes on the successor, which links both)")
    p.add_argument("--matrix", help="matrix file or folder instead of the shipped data")
    p.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="record date (default today)")
    p.add_argument("--samples", type=_int_between(1, 1_000_000), default=None, metavar="N",
                   help="weight samples for the win probability (default 10000; a bundle keeps its own)")
    p.add_argument("--seed", type=_int_between(0, 2**32 - 1), default=None, metavar="S",
                   help="random seed (default 0; a bundle keeps its own)")
    p.add_argument("--no-charts", action="store_true", help="skip the SVG charts")
    p.add_argument("--flavor", choices=flavors.FLAVORS, default=flavors.DEFAULT_FLAVOR,
                   help="Markdown layout: madr4 (default; MADR 4.0 front matter), log4brains (the '- Status:' "
                        "list log4brains reads) or nygard (adr-tools' '# N. Title' and '## Status')")
    p.add_argument("--supersedes", type=parse_number, action="append", default=[], metavar="NNNN",
                   help="the record this one replaces (repeatable): it links to it, and that record's status "
                        "becomes 'superseded by' this one (Markdown, bundle and HTML)")
    p.set_defaults(run=run)


def _int_between(low: int, high: int):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid number {text!r} (expected a whole number)") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high:,}")
        return value

    return parse


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r} (expected YYYY-MM-DD)") from None


def run(args: argparse.Namespace) -> int:
    matrix = load_matrix(args.matrix)
    req, bundle = load_input(args.input, matrix)
    samples, seed, concentration, status = 10_000, 0, None, "proposed"
    if bundle is not None:
        # Re-export: the bundle's own settings and status, unless the command line overrides them.
        samples, seed, concentration, status = bundle.samples, bundle.seed, bundle.concentration, bundle.status
        if bundle.matrix_sha256 != matrix_sha256(matrix):
            print(f"note: the matrix differs from the one the bundle was made with "
                  f"(version {bundle.matrix_version}); results are re-evaluated against the current one.",
                  file=sys.stderr)
    if args.status is not None:
        status = check_status(args.status)
    samples = args.samples if args.samples is not None else samples
    seed = args.seed if args.seed is not None else seed
    profiles = load_profiles() if any(s.profile for s in req.stakeholders or []) else None
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError.single(str(out), "is a file, not a folder.", expected="a folder for the records")
    # Everything that can fail is checked before the first file is written.
    targets = [find_record(out, n) for n in dict.fromkeys(args.supersedes)]
    check_readme(out)
    record = make_record(
        req, matrix, number=next_number(out), date=args.date or _dt.date.today(), status=status,
        samples=samples, seed=seed, concentration=concentration, profiles=profiles, charts=not args.no_charts,
        flavor=args.flavor, supersedes=[t.stem for t in targets],
    )
    edits: dict[Path, str] = {}
    for target in targets:
        edits.update(status_edits(target, f"superseded by {record.stem}"))
    path = write_record(out, record)
    write_all(edits)
    write_readme(out, matrix)
    print(path)
    for target in targets:
        print(f"{target.stem}: superseded by {record.stem}", file=sys.stderr)
    return 0
