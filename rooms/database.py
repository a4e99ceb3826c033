"""Where the rooms live, how to connect, and the schema (which carries a version and upgrades itself).

The database is ``--db`` or ``$STACKWISE_DB``: a SQLite file path (default
``$XDG_DATA_HOME/stackwise/rooms.db``, i.e. ``~/.local/share/stackwise/rooms.db``,
created on first use), a ``sqlite:///PATH`` URL, or a ``postgresql://`` URL for a
deployment with several app servers (driven by psycopg 3).

SQLite runs in WAL mode (readers never block the one writer, and a process
killed mid-write leaves the last committed state), with a busy timeout so
concurrent writers queue instead of failing, and write transactions open with
``BEGIN IMMEDIATE`` so two writers never deadlock upgrading read locks.
PostgreSQL serialises writers to one room with ``SELECT ... FOR UPDATE`` (see
:mod:`rooms.store`) and schema upgrades with a transaction-level advisory lock.

Every statement is SQLAlchemy Core with bound parameters; the only SQL text
here is fixed DDL and PRAGMAs, never built from input.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import (Boolean, Column, Connection, Engine, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, create_engine, event, inspect, select, text)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from criteria.errors import InputError

DB_ENV = "STACKWISE_DB"
#: Seconds a SQLite writer waits for the lock before giving up (20 writers at once take far less).
SQLITE_BUSY_SECONDS = 60
#: Key of PostgreSQL's advisory lock around schema upgrades ("stackwise rooms" as a number).
_PG_LOCK_KEY = 0x5717_0018


class RoomDatabaseError(InputError):
    """The database cannot be reached or used (CLI: exit 2 with this message)."""


# --------------------------------------------------------------------------- where

def default_path() -> Path:
    """``$XDG_DATA_HOME/stackwise/rooms.db`` (XDG base directories; ``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "stackwise" / "rooms.db"


def resolve_url(value: str | None = None) -> str:
    """The SQLAlchemy URL for ``value`` (or ``$STACKWISE_DB``, or the default file).

    A SQLite file's folder is created (private to the user) on first use.
    """
    raw = (value if value is not None else os.environ.get(DB_ENV)) or ""
    raw = raw.strip()
    if not raw:
        return _sqlite_url(default_path())
    lowered = raw.lower()
    for scheme in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if lowered.startswith(scheme):
            return "postgresql+psycopg://" + raw[len(scheme):]
    if lowered.startswith("sqlite:///"):
        return _sqlite_url(Path(raw[len("sqlite:///"):]))
    if "://" in raw:
        scheme = raw.split("://", 1)[0]
        raise RoomDatabaseError.single(
            "--db", f"unsupported database URL scheme '{scheme[:20]}'.",
            expected="a SQLite file path, sqlite:///PATH, or postgresql://USER@HOST/DB")
    return _sqlite_url(Path(raw))


def _sqlite_url(path: Path) -> str:
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise RoomDatabaseError.single(str(path), "is a folder.", expected="a SQLite file path such as rooms.db")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            # Created private before SQLite opens it: entries hold people's names and weights.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise RoomDatabaseError.single(str(path), f"cannot create the room database: {exc.strerror}.",
                                       expected="a writable path (--db or STACKWISE_DB)") from None
    return "sqlite:///" + str(path.resolve())


def display(url: str) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<database>"


# --------------------------------------------------------------------------- engines

@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine (connection pool) per URL per process; the schema is brought up to date once."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False})
            _sqlite_events(engine)
        else:
            # pre_ping: a pooled connection that died with a server restart is replaced, not used.
            engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except (ArgumentError, ImportError, ValueError) as exc:
        raise RoomDatabaseError.single(display(url), f"invalid database URL: {str(exc).splitlines()[0][:200]}",
                                       expected="postgresql://USER@HOST/DB or a SQLite file path") from None
    ensure_schema(engine)
    return engine


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's begin event (below) emit BEGIN, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")  # a commit that returned is on disk
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # IMMEDIATE takes the write lock up front: a deferred transaction that reads
        # and then writes can fail with "database is locked" without waiting.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("stackwise_write") else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool = False) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back on any error.

    Database failures (server down, disk full, lock timeout) become a
    :class:`RoomDatabaseError` naming the database; integrity errors propagate
    for the caller to explain.
    """
    try:
        with engine.connect() as conn:
            if write:
                conn = conn.execution_options(stackwise_write=True)
            with conn.begin():
                yield conn
    except IntegrityError:
        raise
    except DBAPIError as exc:
        raise _db_error(engine, exc) from None


def _db_error(engine: Engine, exc: DBAPIError) -> RoomDatabaseError:
    first = str(exc.orig).strip().splitlines()[0][:300] if exc.orig else type(exc).__name__
    return RoomDatabaseError.single(
        display(str(engine.url)), f"the room database failed: {first}",
        expected="a reachable database (check --db / STACKWISE_DB, and that the server is running)")


# --------------------------------------------------------------------------- schema

metadata = MetaData()


def _room_columns(*, with_revision: bool) -> list:
    cols = [
        Column("id", String(40), primary_key=True),
        Column("title", String(300), nullable=False),
        Column("status", String(10), nullable=False),  # open | closed
        Column("created_at", String(40), nullable=False),
        Column("closed_at", String(40)),
        Column("facilitator_hash", String(64), nullable=False),
        Column("options", Text),  # JSON list of option ids; NULL = every option of the matrix
        Column("aggregation", String(20), nullable=False),
        Column("weights_revealed", Boolean, nullable=False),
        Column("matrix", Text, nullable=False),  # JSON snapshot (export shape) the room decides on
        Column("matrix_sha256", String(64), nullable=False),
    ]
    if with_revision:
        cols.append(Column("revision", Integer, nullable=False, server_default="0"))
    return cols


def _participant_columns() -> list:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),  # also the order people joined
        Column("room_id", String(40), ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("name", String(100), nullable=False),
        Column("role", String(20), nullable=False),
        Column("weights", Text, nullable=False),  # JSON {criterion: weight}
        Column("token_hash", String(64), nullable=False),
        Column("joined_at", String(40), nullable=False),
        Column("submitted_at", String(40), nullable=False),
        UniqueConstraint("room_id", "name", name="uq_participant_name"),
    ]


rooms = Table("rooms", metadata, *_room_columns(with_revision=True))
participants = Table("participants", metadata, *_participant_columns())
schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))


def _v1(conn: Connection) -> None:
    """Version 1: rooms and participants."""
    m = MetaData()
    Table("schema_version", m, Column("version", Integer, nullable=False))
    Table("rooms", m, *_room_columns(with_revision=False))
    Table("participants", m, *_participant_columns())
    m.create_all(conn)


def _v2(conn: Connection) -> None:
    """Version 2: a revision counter per room, bumped by every change, which the facilitator's
    live view polls (one integer) before re-reading and re-evaluating the room."""
    conn.execute(text("ALTER TABLE rooms ADD COLUMN revision INTEGER NOT NULL DEFAULT 0"))


#: Upgrade steps; step n takes a database at version n-1 to version n. Append, never edit.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2}
LATEST = max(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The schema version of the database behind ``conn`` (0 for an empty database)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(select(schema_version.c.version)).scalar()
    return int(value or 0)


def ensure_schema(engine: Engine, upto: int = LATEST) -> int:
    """Bring the schema to version ``upto`` (default: the latest); return the version reached.

    Safe with many processes starting at once: the upgrade runs in one write
    transaction, under SQLite's write lock or PostgreSQL's advisory lock, and
    re-reads the version once it holds the lock.
    """
    with transaction(engine) as conn:
        version = current_version(conn)
    if version > LATEST:
        raise RoomDatabaseError.single(
            display(str(engine.url)), f"the room database has schema version {version}, newer than this "
            f"stackwise knows ({LATEST}).", expected="a newer stackwise, or another --db")
    if version >= upto:
        return version
    with transaction(engine, write=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        version = current_version(conn)
        for step in range(version + 1, upto + 1):
            MIGRATIONS[step](conn)
        if version < upto:
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=upto))
    return upto
