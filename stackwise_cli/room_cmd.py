"""``stackwise room ...``: decision rooms where each stakeholder weighs on their own (issue 18).

::

    room create --title T [--options a,b] [--matrix PATH]      -> {"room", "facilitator_url", "invite_url"}
    room submit ID --name N [--role R] --weights FILE [--token T]
    room show ID [--format json|text] [--token FACILITATOR_TOKEN]
    room close ID --token FACILITATOR_TOKEN
    room record ID --token FACILITATOR_TOKEN [--out DIR]
    room reveal|hide ID --token FACILITATOR_TOKEN

Every sub-command takes ``--db URL`` (default ``$STACKWISE_DB``, else a SQLite
file in the user's data folder). Links start with ``--base-url`` (default
``$STACKWISE_BASE_URL``, else http://localhost:8501). Bad input, an unknown room
or a wrong token: a message and exit 2.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from criteria.errors import InputError

BASE_URL_ENV = "STACKWISE_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"
ROLES = ("decision-maker", "consulted", "informed")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "room", help="decision rooms: each stakeholder weighs on their own device; the facilitator sees the room",
        description="Open a decision room, collect each person's weights, see the group's answer, close it "
                    "and record it. The database is --db or $STACKWISE_DB (a SQLite file by default, or a "
                    "postgresql:// URL).")
    sub = p.add_subparsers(dest="room_command", required=True, metavar="{create,submit,show,close,record,reveal,hide}")

    c = sub.add_parser("create", help="open a room; prints its id, the facilitator's link and the invite link")
    c.add_argument("--title", required=True, help="what the room decides (at most 300 characters)")
    c.add_argument("--options", type=_options, default=None, metavar="a,b,...",
                   help="option ids to compare (default: every option of the matrix)")
    c.add_argument("--matrix", help="matrix file or data folder (default: the shipped data); the room keeps a copy")
    c.add_argument("--aggregation", choices=["arithmetic", "geometric"], default="arithmetic",
                   help="how the group's weights are pooled (default arithmetic, as in meeting mode)")
    _common(c, links=True)
    c.set_defaults(run=run_create)

    s = sub.add_parser("submit", help="add your weights to a room, or replace them with your token")
    s.add_argument("room_id", metavar="ID")
    s.add_argument("--name", required=True, help="your name in the room (at most 100 characters)")
    s.add_argument("--role", choices=ROLES, default="decision-maker",
                   help="decision-maker (default) or consulted weigh; informed people are listed only")
    s.add_argument("--weights", required=True, metavar="FILE",
                   help="a requirements file (YAML or JSON) with weights: or profile:")
    s.add_argument("--token", help="your token from the first submission, to replace your entry")
    _common(s, links=True)
    s.set_defaults(run=run_submit)

    sh = sub.add_parser("show", help="participants, the group's answer, and weights when revealed")
    sh.add_argument("room_id", metavar="ID")
    sh.add_argument("--format", choices=["json", "text"], default="text", help="default text")
    sh.add_argument("--token", help="the facilitator's token: shows every person's weights")
    _common(sh)
    sh.set_defaults(run=run_show)

    for name, func, text in (("close", run_close, "make the room read-only"),
                             ("reveal", run_reveal, "show each person's weights to everyone in the room"),
                             ("hide", run_hide, "hide each person's weights again (the default)")):
        x = sub.add_parser(name, help=text)
        x.add_argument("room_id", metavar="ID")
        x.add_argument("--token", required=True, help="the facilitator's token")
        _common(x)
        x.set_defaults(run=func)

    r = sub.add_parser("record", help="write the room's MADR decision record, with its stakeholders")
    r.add_argument("room_id", metavar="ID")
    r.add_argument("--token", required=True, help="the facilitator's token")
    r.add_argument("--out", default="docs/decisions", metavar="DIR", help="folder of records (default docs/decisions)")
    _common(r)
    r.set_defaults(run=run_record)


def _common(p: argparse.ArgumentParser, *, links: bool = False) -> None:
    p.add_argument("--db", default=None, metavar="URL",
                   help="SQLite file or postgresql:// URL (default $STACKWISE_DB, else the user's data folder)")
    if links:
        p.add_argument("--base-url", default=None, metavar="URL",
                       help=f"address of the app for links (default ${BASE_URL_ENV}, else {DEFAULT_BASE_URL})")


def _options(text: str) -> list[str]:
    items = [t.strip() for t in text.split(",")]
    if not text.strip() or any(not t for t in items):
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of option ids (e.g. flask,fastapi)")
    return items


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rooms.database import engine_for, resolve_url

    return engine_for(resolve_url(args.db))


def _base_url(args: argparse.Namespace) -> str:
    base = (args.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).strip()
    if not base.startswith(("http://", "https://")) or any(ch in base for ch in " ?#\"'<>"):
        raise InputError.single("--base-url", f"'{base[:80]}' is not an http(s) address.",
                                expected="e.g. https://stackwise.example.org (also $STACKWISE_BASE_URL)")
    return base.rstrip("/")


def room_link(base: str, room_id: str, token: str | None = None) -> str:
    return f"{base}/?room={room_id}" + (f"&token={token}" if token else "")


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def run_create(args: argparse.Namespace) -> int:
    from criteria import load_matrix
    from rooms.store import create_room

    base = _base_url(args)
    matrix = load_matrix(args.matrix)
    room, token = create_room(_engine(args), title=args.title, matrix=matrix, options=args.options,
                              aggregation=args.aggregation)
    _print_json({"room": room.id, "facilitator_url": room_link(base, room.id, token),
                 "invite_url": room_link(base, room.id)})
    return 0


def run_submit(args: argparse.Namespace) -> int:
    from criteria import load_requirements
    from criteria.yamlio import line_of, read_file
    from rooms.store import get_room, submit

    base = _base_url(args)
    engine = _engine(args)
    room = get_room(engine, args.room_id)
    req = load_requirements(args.weights, room.matrix())  # validated exactly as a requirements file
    data, lines = read_file(args.weights)
    for key in ("stakeholders", "options", "must_have"):
        if key in data:  # a profile's own must-haves are not the file's: they are left out quietly
            raise InputError.single(args.weights, f"'{key}' belongs to the room, not to one person's weights.",
                                    path=(key,), line=line_of(lines, (key,)),
                                    expected="only weights: (or profile:) in a room submission")
    done = submit(engine, args.room_id, name=args.name, role=args.role, weights=req.weights, token=args.token,
                  source=args.weights)
    out: dict[str, object] = {"room": args.room_id, "name": done.entry.name, "role": done.entry.role,
                              "submitted": done.entry.submitted_at, "replaced": done.replaced}
    if done.token is not None:
        out["token"] = done.token
        out["personal_url"] = room_link(base, args.room_id, done.token)
    _print_json(out)
    if done.token is not None:
        print("Keep the token: it is shown only now, and it is the only way to change this entry.", file=sys.stderr)
    return 0


def _facilitator_room(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rooms.store import require_facilitator, room_and_entries

    engine = _engine(args)
    room, entries = room_and_entries(engine, args.room_id)
    require_facilitator(room, args.token)
    return engine, room, entries


def run_show(args: argparse.Namespace) -> int:
    from rooms.results import show_dict, show_text
    from rooms.store import require_facilitator, room_and_entries

    room, entries = room_and_entries(_engine(args), args.room_id)
    facilitator = False
    if args.token is not None:
        require_facilitator(room, args.token)  # a wrong token is an error, never a quiet downgrade
        facilitator = True
    if args.format == "json":
        _print_json(show_dict(room, entries, facilitator=facilitator))
    else:
        sys.stdout.write(show_text(room, entries, facilitator=facilitator))
    return 0


def run_close(args: argparse.Namespace) -> int:
    from rooms.store import close

    room = close(_engine(args), args.room_id, args.token)
    _print_json({"room": room.id, "status": room.status, "closed": room.closed_at})
    return 0


def _set_revealed(args: argparse.Namespace, revealed: bool) -> int:
    from rooms.store import set_revealed

    room = set_revealed(_engine(args), args.room_id, args.token, revealed)
    _print_json({"room": room.id, "weights_revealed": room.weights_revealed})
    return 0


def run_reveal(args: argparse.Namespace) -> int:
    return _set_revealed(args, True)


def run_hide(args: argparse.Namespace) -> int:
    return _set_revealed(args, False)


def run_record(args: argparse.Namespace) -> int:
    from rooms.results import write_room_record

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError.single(str(out), "is a file, not a folder.", expected="a folder for the records")
    _, room, entries = _facilitator_room(args)
    print(write_room_record(room, entries, out))
    return 0
