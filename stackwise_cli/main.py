"""Entry point of the ``stackwise`` command.

Each sub-command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. Bad input raises :class:`criteria.InputError`, which is
printed as a one-paragraph message with exit code 2: never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

from criteria.errors import InputError

#: Sub-command modules, in the order ``--help`` lists them.
COMMANDS = ["validate", "matrix", "schema", "evaluate", "record", "check", "status", "app", "room"]


class _Parser(argparse.ArgumentParser):
    # argparse exits with 2 on usage errors already; keep its message short.
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"stackwise: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="stackwise", description="Choose a Python web framework and defend the choice.")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        import_module(f"stackwise_cli.{name}_cmd").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        print(f"stackwise {args.command}: invalid input\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
