"""Concurrency, restarts, kills and the schema, on SQLite and on a real PostgreSQL server.

The writers are real processes: the CLI's own ``main`` in fresh interpreters,
released together through a file barrier once each has imported everything, so
their transactions overlap instead of queueing behind interpreter start-up.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from rooms import tokens
from rooms.database import LATEST, current_version, engine_for, ensure_schema, participants, resolve_url, rooms
from rooms.store import create_room, room_and_entries, submit
from tests.rooms.helpers import ROOT, SETUP_SCRIPT, cli_env, ok, refused, room, token_of
from criteria import load_matrix

WRITERS = 20

#: Each child imports the CLI, reports ready, waits for the go file, then runs one command.
_BARRIER_CHILD = """
import os, sys, time
from stackwise_cli.main import main
import rooms.store, rooms.results, scoring  # everything the command needs, before the barrier
ready, go, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
sys.exit(main(argv))
"""


def _together(argvs: list[list[str]], tmp_path: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run ``stackwise`` once per argv, all released at the same moment."""
    barrier = tmp_path / f"barrier-{os.urandom(4).hex()}"
    barrier.mkdir()
    go = barrier / "go"
    procs = []
    for i, argv in enumerate(argvs):
        ready = barrier / f"ready-{i}"
        procs.append((ready, subprocess.Popen(
            [sys.executable, "-c", _BARRIER_CHILD, str(ready), str(go), *argv],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=ROOT)))
    deadline = time.monotonic() + 600
    while not all(r.exists() or p.poll() is not None for r, p in procs):
        assert time.monotonic() < deadline, "writers did not start"
        time.sleep(0.05)
    go.touch()
    out = []
    for _, p in procs:
        stdout, stderr = p.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def test_twenty_writers_at_once_lose_nothing(db: str, tmp_path: Path) -> None:
    rid, ft = (lambda o: (o["room"], token_of(o["facilitator_url"])))(ok(room("create", "--title", "T", db=db)))
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {performance: 7, api_docs: 3}\n")
    results = _together([["room", "submit", rid, "--name", f"Person {i:02d}", "--weights", str(weights),
                          "--db", db] for i in range(WRITERS)], tmp_path)
    for r in results:
        assert r.returncode == 0, r.stderr
    issued = {json.loads(r.stdout)["name"]: json.loads(r.stdout)["token"] for r in results}
    assert len(issued) == WRITERS and len(set(issued.values())) == WRITERS
    shown = ok(room("show", rid, "--format", "json", "--token", ft, db=db))
    assert sorted(p["name"] for p in shown["participants"]) == sorted(issued)
    # Every token opens exactly its own entry.
    engine = engine_for(resolve_url(db))
    r, entries = room_and_entries(engine, rid)
    for e in entries:
        assert tokens.matches(issued[e.name], e.token_hash)
        assert sum(tokens.matches(t, e.token_hash) for t in issued.values()) == 1
    assert r.revision == WRITERS  # one committed change per submission, none lost or doubled


def test_twenty_replacements_and_twenty_rooms_at_once(db: str, tmp_path: Path) -> None:
    """Writers to one room queue (replacements), and 20 first users of a fresh database agree on one schema."""
    results = _together([["room", "create", "--title", f"Room {i}", "--db", db] for i in range(WRITERS)], tmp_path)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    ids = {json.loads(r.stdout)["room"] for r in results}
    assert len(ids) == WRITERS
    engine = engine_for(resolve_url(db))
    with engine.connect() as conn:
        assert current_version(conn) == LATEST
        assert conn.execute(select(text("count(*)")).select_from(rooms)).scalar() == WRITERS

    rid = sorted(ids)[0]
    made = []
    for i in range(WRITERS):
        made.append(submit(engine, rid, name=f"P{i}", role="decision-maker", weights={"performance": 1}).token)
    files = []
    for i in range(WRITERS):
        f = tmp_path / f"w{i}.yaml"
        f.write_text(f"weights: {{performance: {(i + 1) / 2}, api_docs: 2}}\n")  # 0.5-10: the weight scale
        files.append(f)
    results = _together([["room", "submit", rid, "--name", f"P{i}", "--weights", str(files[i]), "--token", made[i],
                          "--db", db] for i in range(WRITERS)], tmp_path)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    r, entries = room_and_entries(engine, rid)
    assert {e.name: e.weights["performance"] for e in entries} == {f"P{i}": (i + 1) / 2 for i in range(WRITERS)}
    assert r.revision == 2 * WRITERS


#: A writer that replaces its entries in a tight loop; entry k of person j carries performance = k / 10
#: so the database's revision counter must equal the sum of every entry's counter.
_LOOP_CHILD = """
import sys
from rooms.database import engine_for, resolve_url
from rooms.store import submit
db, rid = sys.argv[1], sys.argv[2]
people = sys.argv[3:]
engine = engine_for(resolve_url(db))
toks, n = {}, 0
while True:
    for name in people:
        k = n // len(people) + 1
        # k / 10 keeps the count inside the 0-10 weight scale (k stays under 100 here)
        done = submit(engine, rid, name=name, role="decision-maker", weights={"performance": k / 10, "api_docs": 1},
                      token=toks.get(name))
        toks.setdefault(name, done.token)
        n += 1
        print(n, flush=True)
"""


def test_a_writer_killed_mid_write_leaves_the_database_consistent(db: str) -> None:
    engine = engine_for(resolve_url(db))
    r, _ = create_room(engine, title="Kill test", matrix=load_matrix())
    for attempt in range(3):  # three kills at different moments
        people = [f"K{attempt}-{i}" for i in range(4)]
        child = subprocess.Popen([sys.executable, "-c", _LOOP_CHILD, db, r.id, *people], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=ROOT)
        committed = 0
        while committed < 25 + 10 * attempt:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            committed = int(line)
        child.send_signal(signal.SIGKILL)  # mid-loop: most of its time is spent inside a transaction
        child.wait(timeout=60)
        assert child.returncode == -signal.SIGKILL
    if not db.startswith("postgresql"):
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    room_now, entries = room_and_entries(engine, r.id)
    assert entries, "nothing was committed before the kills"
    for e in entries:  # every row whole: parses, and its counter is a whole number of writes
        assert set(e.weights) == {"performance", "api_docs"} and e.weights["performance"] >= 0.1
    assert room_now.revision == sum(round(e.weights["performance"] * 10) for e in entries)
    # Nobody holds a stale lock: the next writer goes straight through.
    assert submit(engine, r.id, name="After", role="consulted", weights={"performance": 2}).token


def test_rooms_survive_restarts(db: str, tmp_path: Path) -> None:
    """A new process (an app server restarted) sees every room; on PostgreSQL the database server restarts
    too, and the long-lived engine of an app server reconnects on its own."""
    out = ok(room("create", "--title", "Kept", db=db))
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {performance: 7, api_docs: 3}\n")
    ok(room("submit", out["room"], "--name", "Priya", "--weights", str(weights), db=db))
    engine = engine_for(resolve_url(db))
    before = room_and_entries(engine, out["room"])
    if db.startswith("postgresql"):
        proc = subprocess.run(["bash", str(SETUP_SCRIPT), "restart"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert room_and_entries(engine, out["room"]) == before  # same process, pooled connections after a restart
    shown = ok(room("show", out["room"], "--format", "json", "--token", token_of(out["facilitator_url"]), db=db))
    assert [p["name"] for p in shown["participants"]] == ["Priya"]
    assert shown["result"]["winner"] is not None


def test_tokens_are_stored_hashed(db: str) -> None:
    engine = engine_for(resolve_url(db))
    r, facilitator = create_room(engine, title="T", matrix=load_matrix())
    participant = submit(engine, r.id, name="A", role="decision-maker", weights={"performance": 1}).token
    with engine.connect() as conn:
        dumped = [tuple(row) for row in conn.execute(select(rooms))] + [tuple(row) for row in
                                                                      conn.execute(select(participants))]
    blob = repr(dumped)
    assert facilitator not in blob and participant not in blob
    assert tokens.token_hash(facilitator) in blob and tokens.token_hash(participant) in blob
    if not db.startswith("postgresql"):
        raw = Path(db).read_bytes() + (Path(db + "-wal").read_bytes() if Path(db + "-wal").exists() else b"")
        assert facilitator.encode() not in raw and participant.encode() not in raw


def test_schema_upgrades_itself_from_version_1(db: str) -> None:
    from sqlalchemy import create_engine

    url = resolve_url(db)
    bare = create_engine(url)  # no automatic upgrade: build a version-1 database by hand
    if url.startswith("sqlite"):
        from rooms.database import _sqlite_events

        _sqlite_events(bare)
    assert ensure_schema(bare, upto=1) == 1
    with bare.begin() as conn:
        cols = {c["name"] for c in __import__("sqlalchemy").inspect(conn).get_columns("rooms")}
        assert "revision" not in cols
        conn.execute(text(
            "INSERT INTO rooms (id, title, status, created_at, facilitator_hash, aggregation, weights_revealed, "
            "matrix, matrix_sha256) VALUES (:id, 'Old room', 'open', '2026-01-01T00:00:00Z', :h, 'arithmetic', "
            ":f, :m, :s)"),
            {"id": "r" + "O" * 22, "h": tokens.token_hash("f" + "O" * 43), "f": False,
             "m": json.dumps(__import__("criteria.export", fromlist=["x"]).matrix_to_dict(load_matrix())), "s": "0" * 64})
    bare.dispose()
    # Any command upgrades it in place; the old room is still there.
    shown = ok(room("show", "r" + "O" * 22, "--format", "json", db=db))
    assert shown["title"] == "Old room" and shown["participants"] == []
    with engine_for(url).connect() as conn:
        assert current_version(conn) == LATEST == 2


def test_a_newer_schema_is_refused(db: str) -> None:
    ok(room("create", "--title", "T", db=db))
    from sqlalchemy import create_engine

    bare = create_engine(resolve_url(db))
    with bare.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 99"))
    bare.dispose()
    engine_for.cache_clear()
    refused(room("show", "r" + "A" * 22, db=db), "schema version 99, newer than this stackwise knows (2)")


def test_ids_and_tokens() -> None:
    import math

    ids = [tokens.new_room_id() for _ in range(2000)]
    toks = [tokens.new_facilitator_token() for _ in range(1000)] + [tokens.new_participant_token() for _ in range(1000)]
    assert len(set(ids)) == len(ids) and len(set(toks)) == len(toks)
    assert not any(x.startswith("-") for x in ids + toks)
    assert all(tokens.is_room_id(x) for x in ids) and all(tokens.is_token(t) for t in toks)
    # Bits of randomness behind each: 6 bits per base64 character after the fixed prefix, whole bytes drawn.
    assert tokens.ROOM_BYTES * 8 >= 128 and math.floor((len(ids[0]) - 1) * 6) >= 128
    assert tokens.TOKEN_BYTES * 8 >= 128
    assert tokens.kind(toks[0]) == "facilitator" and tokens.kind(toks[-1]) == "participant"
    assert tokens.kind("-rf") is None
    assert tokens.matches(toks[0], tokens.token_hash(toks[0])) and not tokens.matches(toks[1], tokens.token_hash(toks[0]))
    assert not tokens.matches(None, tokens.token_hash(toks[0]))
