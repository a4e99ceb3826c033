"""``stackwise schema [--out DIR]``: write the JSON Schemas of every input file."""
from __future__ import annotations

import argparse
from pathlib import Path

from criteria.schemas import all_schemas
from criteria.yamlio import dump_json


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schema", help="write JSON Schemas for the YAML files (for editors)")
    p.add_argument("--out", default="docs/schemas", help="folder to write into (default: docs/schemas)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in all_schemas().items():
        (out / name).write_text(dump_json(schema), encoding="utf-8")
        print(out / name)
    return 0
