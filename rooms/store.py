"""Rooms and their entries: every operation is one transaction over :mod:`rooms.database`.

Rules kept here, whatever the front end:

* a room id or token that is malformed, unknown or of the wrong kind gets an
  :class:`~criteria.errors.InputError` saying so (never a traceback);
* an entry is created by its first submission, which returns the
  participant's token; replacing it needs that token, and a token only ever
  opens the entry it was issued for;
* a closed room refuses submissions; at most :data:`MAX_PARTICIPANTS` entries
  per room, names of at most :data:`MAX_NAME_CHARS` characters;
* weights are validated as in requirement files, against the room's own matrix.

Writers to one room are serialised (SQLite's write lock; ``FOR UPDATE`` on the
room row in PostgreSQL), so the participant limit and the name check hold
under concurrent submissions.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from criteria.errors import InputError, Problem, printable, suggest
from criteria.export import matrix_to_dict
from criteria.loader import check_requirements, matrix_from_data, validate_model
from criteria.models import Matrix, Requirements
from rooms import tokens
from rooms.database import participants, rooms, transaction

MAX_PARTICIPANTS = 50
MAX_NAME_CHARS = 100
MAX_TITLE_CHARS = 300
ROLES = ("decision-maker", "consulted", "informed")
AGGREGATIONS = ("arithmetic", "geometric")
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Room:
    id: str
    title: str
    status: str
    created_at: str
    closed_at: str | None
    options: tuple[str, ...] | None
    aggregation: str
    weights_revealed: bool
    matrix_json: str
    matrix_sha256: str
    revision: int
    facilitator_hash: str

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    def matrix(self) -> Matrix:
        """The matrix snapshot the room was opened on (parsed and validated once per process)."""
        return _matrix(self.matrix_sha256, self.matrix_json)


@dataclass(frozen=True)
class Entry:
    """One participant's entry."""

    id: int
    name: str
    role: str
    weights: dict[str, float]
    joined_at: str
    submitted_at: str
    token_hash: str


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@lru_cache(maxsize=16)
def _matrix(sha: str, text: str) -> Matrix:
    return matrix_from_data(json.loads(text), f"room matrix {sha[:12]}", {})


def _label(room_id: str) -> str:
    return f"room {printable(str(room_id)[:40])}"


# --------------------------------------------------------------------------- validation

def _text_problem(value: str, what: str, limit: int) -> str | None:
    if not value.strip():
        return f"the {what} is empty"
    if len(value) > limit:
        return f"the {what} has {len(value)} characters, more than {limit}"
    if printable(value) != value or "\n" in value:
        return f"the {what} holds control characters or line breaks"
    return None


def check_title(title: str) -> str:
    title = (title or "").strip()
    problem = _text_problem(title, "title", MAX_TITLE_CHARS)
    if problem:
        raise InputError.single("--title", problem + ".", expected=f"1 to {MAX_TITLE_CHARS} characters of text")
    return title


def check_name(name: str) -> str:
    name = (name or "").strip()
    problem = _text_problem(name, "name", MAX_NAME_CHARS)
    if problem:
        raise InputError.single("--name", problem + ".", expected=f"1 to {MAX_NAME_CHARS} characters of text")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError.single("--role", f"unknown role '{printable(str(role)[:40])}'.{suggest(str(role), ROLES)}",
                                expected=" | ".join(ROLES))
    return role


def check_options(matrix: Matrix, options: Sequence[str] | None) -> tuple[str, ...] | None:
    if options is None:
        return None
    ids = matrix.option_ids()
    problems = []
    for oid in options:
        if oid not in ids:
            problems.append(Problem(f"unknown option '{printable(oid[:64])}'.{suggest(oid, ids)}", ("options",), None,
                                    f"some of {', '.join(ids)}"))
    if not options:
        problems.append(Problem("the options list is empty.", ("options",), None, f"some of {', '.join(ids)}"))
    if len(set(options)) != len(options):
        problems.append(Problem("an option is listed twice.", ("options",), None, "each option once"))
    if problems:
        raise InputError("--options", problems)
    return tuple(options)


def check_weights(matrix: Matrix, name: str, role: str, weights: Mapping[str, Any], source: str | None) -> dict:
    """Weights validated as in a requirements file: known criteria, plain finite numbers 0-1e6,
    and (unless the person is only informed) at least one above 0."""
    req = validate_model(Requirements, {"weights": dict(weights)}, source, {})
    if role == "informed":  # informed people do not weigh: only the keys are checked
        ids = matrix.criterion_ids()
        bad = [Problem(f"unknown criterion '{c}'.{suggest(c, ids)}", ("weights", c), None, f"one of {', '.join(ids)}")
               for c in req.weights if c not in ids]
        if bad:
            raise InputError(source, bad)
        return {c: float(w) for c, w in req.weights.items()}
    person = Requirements(stakeholders=[{"name": name, "role": role, "weights": dict(req.weights)}])
    try:
        check_requirements(person, matrix, source, {})
    except InputError as exc:
        # Say it in the words of a requirements file (key 'weights'), not of the internal list.
        raise InputError(source, [Problem(p.message, ("weights",) + tuple(p.path[3:]), None, p.expected)
                                  for p in exc.problems]) from None
    return {c: float(w) for c, w in req.weights.items()}


# --------------------------------------------------------------------------- reading

def _room_from_row(row: Any) -> Room:
    return Room(
        id=row.id, title=row.title, status=row.status, created_at=row.created_at, closed_at=row.closed_at,
        options=tuple(json.loads(row.options)) if row.options else None, aggregation=row.aggregation,
        weights_revealed=bool(row.weights_revealed), matrix_json=row.matrix, matrix_sha256=row.matrix_sha256,
        revision=int(row.revision), facilitator_hash=row.facilitator_hash,
    )


def _entry_from_row(row: Any) -> Entry:
    return Entry(id=int(row.id), name=row.name, role=row.role, weights=json.loads(row.weights),
                 joined_at=row.joined_at, submitted_at=row.submitted_at, token_hash=row.token_hash)


def _load_room(conn: Connection, room_id: str, *, lock: bool = False) -> Room:
    if not tokens.is_room_id(room_id):
        raise InputError.single(_label(room_id), "no such room (a room id is 'r' and 22 letters, digits, - or _).",
                                expected="the id printed by `stackwise room create`")
    query = select(rooms).where(rooms.c.id == room_id)
    if lock:
        query = query.with_for_update()  # PostgreSQL: writers to this room queue here (SQLite: a no-op)
    row = conn.execute(query).first()
    if row is None:
        raise InputError.single(_label(room_id), "no such room in this database.",
                                expected="an id printed by `stackwise room create` with the same --db / STACKWISE_DB")
    return _room_from_row(row)


def _entries(conn: Connection, room_id: str) -> list[Entry]:
    rows = conn.execute(select(participants).where(participants.c.room_id == room_id).order_by(participants.c.id))
    return [_entry_from_row(r) for r in rows]


def get_room(engine: Engine, room_id: str) -> Room:
    with transaction(engine) as conn:
        return _load_room(conn, room_id)


def room_and_entries(engine: Engine, room_id: str) -> tuple[Room, list[Entry]]:
    """The room and its entries, read in one transaction (a consistent snapshot)."""
    with transaction(engine) as conn:
        room = _load_room(conn, room_id)
        return room, _entries(conn, room_id)


def revision(engine: Engine, room_id: str) -> int:
    """The room's change counter: cheap to poll."""
    with transaction(engine) as conn:
        value = conn.execute(select(rooms.c.revision).where(rooms.c.id == room_id)).scalar()
    if value is None:
        raise InputError.single(_label(room_id), "no such room in this database.")
    return int(value)


# --------------------------------------------------------------------------- tokens

def require_facilitator(room: Room, token: str | None) -> None:
    """Raise unless ``token`` is this room's facilitator token."""
    if not token:
        raise InputError.single(_label(room.id), "this needs the facilitator's token.",
                                path=("--token",), expected="the token printed in the facilitator_url by `room create`")
    if tokens.kind(token) == "participant":
        raise InputError.single(_label(room.id), "that is a participant's token; this needs the facilitator's.",
                                path=("--token",), expected="the token in the facilitator_url")
    if not tokens.matches(token, room.facilitator_hash):
        raise InputError.single(_label(room.id), "the token is not this room's facilitator token.",
                                path=("--token",), expected="the token in this room's facilitator_url")


def entry_for_token(entries: Sequence[Entry], token: str | None) -> Entry | None:
    """The entry ``token`` was issued for, or None. Every entry is compared (constant time each)."""
    found = None
    for e in entries:
        if tokens.matches(token, e.token_hash):
            found = e
    return found


# --------------------------------------------------------------------------- writing

def create_room(engine: Engine, *, title: str, matrix: Matrix, options: Sequence[str] | None = None,
                aggregation: str = "arithmetic") -> tuple[Room, str]:
    """A new open room; returns it and the facilitator's token (shown once, stored hashed)."""
    title = check_title(title)
    opts = check_options(matrix, options)
    if aggregation not in AGGREGATIONS:
        raise InputError.single("--aggregation", f"unknown aggregation '{printable(aggregation[:30])}'.",
                                expected=" | ".join(AGGREGATIONS))
    text = json.dumps(matrix_to_dict(matrix), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    token = tokens.new_facilitator_token()
    values = dict(
        id=tokens.new_room_id(), title=title, status=OPEN, created_at=now(), closed_at=None,
        facilitator_hash=tokens.token_hash(token), options=json.dumps(list(opts)) if opts is not None else None,
        aggregation=aggregation, weights_revealed=False, matrix=text,
        matrix_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), revision=0,
    )
    with transaction(engine, write=True) as conn:
        conn.execute(rooms.insert().values(**values))
    return get_room(engine, values["id"]), token


@dataclass(frozen=True)
class Submitted:
    entry: Entry
    #: The participant's token on a first submission (shown once); None when an entry was replaced.
    token: str | None
    replaced: bool


def submit(engine: Engine, room_id: str, *, name: str, role: str, weights: Mapping[str, Any],
           token: str | None = None, source: str | None = None) -> Submitted:
    """Add an entry (no token) or replace the caller's own entry (its token)."""
    name, role = check_name(name), check_role(role)
    if token is not None and tokens.kind(token) == "facilitator":
        raise InputError.single(_label(room_id), "that is the facilitator's token; an entry is replaced with the "
                                "participant's own token.", path=("--token",),
                                expected="the token printed by this person's first submission")
    room = get_room(engine, room_id)
    clean = check_weights(room.matrix(), name, role, weights, source)
    stamp = now()
    new_token = None
    try:
        with transaction(engine, write=True) as conn:
            room = _load_room(conn, room_id, lock=True)
            if room.closed:
                raise InputError.single(_label(room_id), f"the room is closed (since {room.closed_at}); "
                                        "it accepts no more submissions.", expected="an open room")
            existing = conn.execute(select(participants).where(
                participants.c.room_id == room_id, participants.c.name == name)).first()
            if token is None:
                if existing is not None:
                    raise InputError.single(_label(room_id), f"'{printable(name)}' has already submitted.",
                                            path=("--name",),
                                            expected="--token with the token from that first submission to "
                                                     "replace it, or another name")
                count = conn.execute(select(func.count()).select_from(participants)
                                     .where(participants.c.room_id == room_id)).scalar()
                if int(count or 0) >= MAX_PARTICIPANTS:
                    raise InputError.single(_label(room_id), f"the room is full ({MAX_PARTICIPANTS} participants).",
                                            expected=f"at most {MAX_PARTICIPANTS} people per room")
                new_token = tokens.new_participant_token()
                conn.execute(participants.insert().values(
                    room_id=room_id, name=name, role=role, weights=json.dumps(clean, sort_keys=True),
                    token_hash=tokens.token_hash(new_token), joined_at=stamp, submitted_at=stamp))
            else:
                if existing is None or not tokens.matches(token, existing.token_hash):
                    raise InputError.single(_label(room_id), f"the token does not open '{printable(name)}''s entry.",
                                            path=("--token",),
                                            expected="the token printed by that person's first submission "
                                                     "(a token only ever edits its own entry)")
                conn.execute(update(participants).where(participants.c.id == existing.id).values(
                    role=role, weights=json.dumps(clean, sort_keys=True), submitted_at=stamp))
            conn.execute(update(rooms).where(rooms.c.id == room_id).values(revision=rooms.c.revision + 1))
            row = conn.execute(select(participants).where(
                participants.c.room_id == room_id, participants.c.name == name)).first()
    except IntegrityError:
        # Two first submissions under one name raced; the database's unique key kept one.
        raise InputError.single(_label(room_id), f"'{printable(name)}' has already submitted.", path=("--name",),
                                expected="another name, or --token to replace that entry") from None
    return Submitted(_entry_from_row(row), new_token, token is not None)


def close(engine: Engine, room_id: str, token: str | None) -> Room:
    """Make the room read-only (idempotent)."""
    with transaction(engine, write=True) as conn:
        room = _load_room(conn, room_id, lock=True)
        require_facilitator(room, token)
        if not room.closed:
            conn.execute(update(rooms).where(rooms.c.id == room_id).values(
                status=CLOSED, closed_at=now(), revision=rooms.c.revision + 1))
    return get_room(engine, room_id)


def set_revealed(engine: Engine, room_id: str, token: str | None, revealed: bool) -> Room:
    """Show (or hide again) each person's weights to everyone who can see the room.

    Allowed on a closed room too: revealing changes no entry, and "close, then
    reveal and discuss" is the usual order in a meeting.
    """
    with transaction(engine, write=True) as conn:
        room = _load_room(conn, room_id, lock=True)
        require_facilitator(room, token)
        conn.execute(update(rooms).where(rooms.c.id == room_id).values(
            weights_revealed=bool(revealed), revision=rooms.c.revision + 1))
    return get_room(engine, room_id)
