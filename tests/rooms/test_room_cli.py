"""`stackwise room ...` in real subprocesses, on SQLite and PostgreSQL: every command and every refusal."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from criteria import load_matrix, load_profiles, load_requirements
from tests.rooms.helpers import ROOT, cli_env, ok, refused, room, token_of

ROOM_ID = re.compile(r"^r[A-Za-z0-9_-]{22}$")


def _create(db: str, *extra: str) -> tuple[str, str]:
    out = ok(room("create", "--title", "Framework for the partner API", *extra, db=db))
    return out["room"], token_of(out["facilitator_url"])


def _submit(db: str, rid: str, name: str, path: Path, *extra: str) -> dict:
    return ok(room("submit", rid, "--name", name, "--weights", str(path), *extra, db=db))


def _show(db: str, rid: str, *extra: str) -> dict:
    return ok(room("show", rid, "--format", "json", *extra, db=db))


# --------------------------------------------------------------------------- create

def test_create_prints_the_contract_and_links(db: str) -> None:
    out = ok(room("create", "--title", "T", "--options", "flask,fastapi", db=db))
    assert set(out) == {"room", "facilitator_url", "invite_url"}
    rid = out["room"]
    assert ROOM_ID.match(rid) and not rid.startswith("-")
    assert out["invite_url"] == f"http://localhost:8501/?room={rid}"
    token = token_of(out["facilitator_url"])
    assert out["facilitator_url"] == f"http://localhost:8501/?room={rid}&token={token}"
    assert re.match(r"^f[A-Za-z0-9_-]{43}$", token)
    shown = _show(db, rid)
    assert shown["room"] == rid and shown["status"] == "open" and shown["options"] == ["flask", "fastapi"]
    assert shown["participants"] == [] and shown["result"] is None


def test_create_base_url_from_flag_and_environment(db: str) -> None:
    env = cli_env(STACKWISE_BASE_URL="https://decide.example.org/")
    out = ok(room("create", "--title", "T", db=db, env=env))
    assert out["invite_url"] == f"https://decide.example.org/?room={out['room']}"
    out = ok(room("create", "--title", "T", "--base-url", "http://10.0.0.5:9000", db=db, env=env))
    assert out["facilitator_url"].startswith(f"http://10.0.0.5:9000/?room={out['room']}&token=f")


def test_database_from_environment(db: str) -> None:
    rid, _ = _create(db)
    shown = ok(room("show", rid, "--format", "json", env=cli_env(STACKWISE_DB=db)))
    assert shown["room"] == rid


def test_default_database_is_created_in_the_users_data_folder(tmp_path: Path) -> None:
    env = cli_env(XDG_DATA_HOME=str(tmp_path / "xdg"))
    rid = ok(room("create", "--title", "T", env=env))["room"]
    path = tmp_path / "xdg" / "stackwise" / "rooms.db"
    assert path.is_file() and (path.stat().st_mode & 0o777) == 0o600
    assert ok(room("show", rid, "--format", "json", env=env))["room"] == rid


@pytest.mark.parametrize("args, fragments", [
    (["--title", ""], ["the title is empty"]),
    (["--title", "x" * 301], ["more than 300"]),
    (["--title", "T", "--options", "flask,fastpi"], ["unknown option 'fastpi'", "Did you mean 'fastapi'"]),
    (["--title", "T", "--options", "flask,flask"], ["listed twice"]),
    (["--title", "T", "--options", ","], ["comma-separated"]),
    (["--title", "T", "--base-url", "ftp://x"], ["not an http(s) address"]),
    (["--title", "T", "--matrix", "no/such/matrix.yaml"], ["no/such/matrix.yaml"]),
    (["--title", "T", "--aggregation", "median"], ["invalid choice"]),
])
def test_create_refusals(db: str, args: list[str], fragments: list[str]) -> None:
    refused(room("create", *args, db=db), *fragments)


def test_bad_database_urls_are_refused_cleanly(tmp_path: Path) -> None:
    refused(room("create", "--title", "T", db="mysql://u@h/db"), "unsupported database URL scheme 'mysql'")
    refused(room("create", "--title", "T", db=str(tmp_path)), "is a folder")
    sock = tmp_path / "nowhere"
    refused(room("create", "--title", "T", db=f"postgresql://u@/db?host={sock}"),
            "the room database failed", "reachable database")


# --------------------------------------------------------------------------- submit

def test_submit_gives_a_token_once_and_replacing_needs_it(db: str, weights_files: dict[str, Path]) -> None:
    rid, _ = _create(db)
    first = _submit(db, rid, "Priya", weights_files["priya"])
    token = first["token"]
    assert re.match(r"^p[A-Za-z0-9_-]{43}$", token) and first["replaced"] is False
    assert first["personal_url"] == f"http://localhost:8501/?room={rid}&token={token}"
    refused(room("submit", rid, "--name", "Priya", "--weights", str(weights_files["bob"]), db=db),
            "'Priya' has already submitted", "--token")
    again = _submit(db, rid, "Priya", weights_files["bob"], "--token", token, "--role", "consulted")
    assert again["replaced"] is True and "token" not in again
    people = _show(db, rid)["participants"]
    assert [(p["name"], p["role"]) for p in people] == [("Priya", "consulted")]


def test_a_token_never_edits_another_entry(db: str, weights_files: dict[str, Path]) -> None:
    rid, ft = _create(db)
    priya = _submit(db, rid, "Priya", weights_files["priya"])["token"]
    _submit(db, rid, "Bob", weights_files["bob"])
    refused(room("submit", rid, "--name", "Bob", "--weights", str(weights_files["priya"]), "--token", priya, db=db),
            "the token does not open 'Bob''s entry")
    refused(room("submit", rid, "--name", "Bob", "--weights", str(weights_files["priya"]), "--token", ft, db=db),
            "that is the facilitator's token")
    refused(room("submit", rid, "--name", "Bob", "--weights", str(weights_files["priya"]), "--token",
                 "p" + "A" * 43, db=db), "does not open")
    # Another room's token opens nothing here either.
    other, _ = _create(db)
    stranger = _submit(db, other, "Bob", weights_files["priya"])["token"]
    refused(room("submit", rid, "--name", "Bob", "--weights", str(weights_files["priya"]), "--token", stranger,
                 db=db), "does not open")
    bob = next(p for p in _show(db, rid, "--token", ft)["participants"] if p["name"] == "Bob")
    assert bob["weights"] == {"learning_curve": 9.0, "ecosystem": 8.0, "performance": 1.0}


def test_submit_validates_weights_as_a_requirements_file(db: str, tmp_path: Path) -> None:
    rid, _ = _create(db, "--options", "flask,fastapi")
    cases = {
        "typo.yaml": ("weights: {performance: 9, api_doc: 3}\n", ["typo.yaml, line 1", "unknown criterion 'api_doc'",
                                                                 "Did you mean 'api_docs'"]),
        "text.yaml": ("weights: {performance: 'high'}\n", ["text.yaml", "performance"]),
        "zero.yaml": ("weights: {performance: 0}\n", ["all weights are zero"]),
        "people.yaml": ("stakeholders: [{name: A, weights: {performance: 1}}]\n",
                        ["'stakeholders' belongs to the room"]),
        "options.yaml": ("weights: {performance: 1}\noptions: [flask]\n", ["'options' belongs to the room"]),
        "must.yaml": ("weights: {performance: 1}\nmust_have: {performance: 3}\n", ["'must_have' belongs to the room"]),
        "code.yaml": ("weights: !!python/object/apply:os.system ['true']\n", ["code.yaml"]),
    }
    for name, (text, fragments) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        refused(room("submit", rid, "--name", "A", "--weights", str(path), db=db), *fragments)
    refused(room("submit", rid, "--name", "A", "--weights", str(tmp_path / "missing.yaml"), db=db), "missing.yaml")
    assert _show(db, rid)["participants"] == []


def test_submit_accepts_a_profile_and_names_up_to_100_characters(db: str, weights_files: dict[str, Path]) -> None:
    rid, ft = _create(db)
    _submit(db, rid, "N" * 100, weights_files["chen"])
    refused(room("submit", rid, "--name", "M" * 101, "--weights", str(weights_files["chen"]), db=db), "more than 100")
    refused(room("submit", rid, "--name", "  ", "--weights", str(weights_files["chen"]), db=db), "name is empty")
    refused(room("submit", rid, "--name", "a\x1bb", "--weights", str(weights_files["chen"]), db=db),
            "control characters")
    refused(room("submit", rid, "--name", "A", "--role", "boss", "--weights", str(weights_files["chen"]), db=db),
            "invalid choice")
    person = _show(db, rid, "--token", ft)["participants"][0]
    profile = next(p for p in load_profiles() if p.id == "server-rendered-site")
    assert person["weights"] == {c: float(w) for c, w in profile.weights.items()}


def test_unknown_and_malformed_rooms(db: str, weights_files: dict[str, Path]) -> None:
    _create(db)  # the database exists; the room does not
    for rid, fragment in (("r" + "A" * 22, "no such room in this database"), ("nope", "no such room (a room id is")):
        refused(room("submit", rid, "--name", "A", "--weights", str(weights_files["priya"]), db=db), fragment)
        refused(room("show", rid, db=db), fragment)
        refused(room("close", rid, "--token", "f" + "A" * 43, db=db), fragment)
        refused(room("record", rid, "--token", "f" + "A" * 43, db=db), fragment)
        refused(room("reveal", rid, "--token", "f" + "A" * 43, db=db), fragment)


# --------------------------------------------------------------------------- show

def _meeting_file(tmp_path: Path, people: list[tuple[str, str, Path]], options: list[str] | None) -> Path:
    matrix = load_matrix()
    stakeholders = [{"name": n, "role": r, "weights": dict(load_requirements(p, matrix).weights)}
                    for n, r, p in people]
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps({"title": "Framework for the partner API", "stakeholders": stakeholders,
                                **({"options": options} if options else {})}))
    return path


def test_show_gives_the_engines_meeting_result(db: str, weights_files: dict[str, Path], tmp_path: Path) -> None:
    rid, ft = _create(db, "--options", "flask,fastapi,django,litestar")
    people = [("Priya", "decision-maker", weights_files["priya"]), ("Bob", "consulted", weights_files["bob"]),
              ("Chen", "decision-maker", weights_files["chen"]), ("Dana", "informed", weights_files["bob"])]
    for name, role, path in people:
        _submit(db, rid, name, path, "--role", role)
    shown = _show(db, rid, "--token", ft)
    meeting = _meeting_file(tmp_path, [(n, r, p) for n, r, p in people], ["flask", "fastapi", "django", "litestar"])
    proc = subprocess.run(
        [sys.executable, "-m", "stackwise_cli", "evaluate", str(meeting), "--format", "json"],
        capture_output=True, text=True, env=cli_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    expected = json.loads(proc.stdout)
    # Informed people carry no weights in meeting mode; the room keeps theirs but they do not count.
    assert shown["result"] == expected
    assert [p["name"] for p in shown["participants"]] == ["Priya", "Bob", "Chen", "Dana"]
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", p["submitted"]) for p in shown["participants"])


def test_hidden_weights_are_absent_everywhere(db: str, weights_files: dict[str, Path]) -> None:
    rid, ft = _create(db, "--options", "flask,fastapi,django")
    p_token = _submit(db, rid, "Priya", weights_files["priya"])["token"]
    _submit(db, rid, "Bob", weights_files["bob"])
    hidden = _show(db, rid)
    assert hidden["weights_revealed"] is False and hidden["weights_shown"] is False
    assert all("weights" not in p for p in hidden["participants"])
    result = hidden["result"]
    assert all("weights" not in s for s in result["stakeholders"])
    assert all("by_person" not in s for s in result["disagreement"].values())
    assert all(s["scores"] for s in result["stakeholders"])  # per-person scores may show
    # The verdict keeps the gap but not whose it is.
    assert "The widest gap is on" in result["verdict"] and " for Priya" not in result["verdict"]
    assert " for Bob" not in result["verdict"]
    full = _show(db, rid, "--token", ft)
    assert " for Bob" in full["result"]["verdict"] or " for Priya" in full["result"]["verdict"]
    text = room("show", rid, db=db)
    assert text.returncode == 0 and "Priya" in text.stdout
    for fragment in ("API documentation 8", "Weight shares by person", " for Priya", " for Bob"):
        assert fragment not in text.stdout
    full_text = room("show", rid, "--token", ft, db=db).stdout
    assert "API documentation 8" in full_text and "Weight shares by person" in full_text
    # A participant's token reads nothing more: it is refused, not taken as the facilitator's.
    refused(room("show", rid, "--token", p_token, db=db), "that is a participant's token")
    refused(room("show", rid, "--token", "f" + "B" * 43, db=db), "not this room's facilitator token")


def test_reveal_and_hide(db: str, weights_files: dict[str, Path]) -> None:
    rid, ft = _create(db)
    p_token = _submit(db, rid, "Priya", weights_files["priya"])["token"]
    _submit(db, rid, "Bob", weights_files["bob"])
    refused(room("reveal", rid, "--token", p_token, db=db), "participant's token")
    assert ok(room("reveal", rid, "--token", ft, db=db)) == {"room": rid, "weights_revealed": True}
    shown = _show(db, rid)
    assert shown["participants"][0]["weights"] == {"performance": 9.0, "api_docs": 8.0, "learning_curve": 2.0}
    assert "by_person" in shown["result"]["disagreement"]["performance"]
    assert ok(room("hide", rid, "--token", ft, db=db)) == {"room": rid, "weights_revealed": False}
    assert all("weights" not in p for p in _show(db, rid)["participants"])


# --------------------------------------------------------------------------- close and record

def test_close_makes_the_room_read_only(db: str, weights_files: dict[str, Path]) -> None:
    rid, ft = _create(db)
    p_token = _submit(db, rid, "Priya", weights_files["priya"])["token"]
    refused(room("close", rid, "--token", p_token, db=db), "participant's token")
    refused(room("close", rid, "--token", "f" + "C" * 43, db=db), "not this room's facilitator token")
    refused(room("close", rid, db=db), "the following arguments are required: --token")
    closed = ok(room("close", rid, "--token", ft, db=db))
    assert closed["status"] == "closed" and closed["closed"]
    refused(room("submit", rid, "--name", "Bob", "--weights", str(weights_files["bob"]), db=db), "the room is closed")
    refused(room("submit", rid, "--name", "Priya", "--weights", str(weights_files["bob"]), "--token", p_token, db=db),
            "the room is closed")
    assert ok(room("close", rid, "--token", ft, db=db))["closed"] == closed["closed"]  # idempotent
    shown = _show(db, rid)
    assert shown["status"] == "closed" and len(shown["participants"]) == 1


def test_record_writes_madr_with_the_stakeholders(db: str, weights_files: dict[str, Path], tmp_path: Path) -> None:
    rid, ft = _create(db, "--options", "flask,fastapi")
    out = tmp_path / "decisions"
    refused(room("record", rid, "--token", ft, "--out", str(out), db=db), "nobody who weighs has submitted")
    _submit(db, rid, "Priya", weights_files["priya"])
    _submit(db, rid, "Bob", weights_files["bob"], "--role", "consulted")
    refused(room("record", rid, "--token", "f" + "D" * 43, "--out", str(out), db=db), "facilitator token")
    assert not out.exists()
    proc = room("record", rid, "--token", ft, "--out", str(out), db=db)
    assert proc.returncode == 0, proc.stderr
    md = Path(proc.stdout.strip())
    assert md.parent == out and md.name.startswith("0001-")
    text = md.read_text()
    assert "Priya" in text and "Bob" in text and "Framework for the partner API" in text
    assert len(list(out.glob("*.stackwise.yaml"))) == 1
    afile = tmp_path / "a-file"
    afile.write_text("x")
    refused(room("record", rid, "--token", ft, "--out", str(afile), db=db), "is a file, not a folder")


def test_fifty_participants_then_full(db: str, weights_files: dict[str, Path]) -> None:
    from rooms.database import engine_for, resolve_url
    from rooms.store import MAX_PARTICIPANTS, submit

    rid, _ = _create(db)
    engine = engine_for(resolve_url(db))
    for i in range(MAX_PARTICIPANTS - 1):
        submit(engine, rid, name=f"Person {i}", role="decision-maker", weights={"performance": 1 + i % 9})
    _submit(db, rid, "The fiftieth", weights_files["priya"])
    refused(room("submit", rid, "--name", "One too many", "--weights", str(weights_files["priya"]), db=db),
            "the room is full (50 participants)")
    assert len(_show(db, rid)["participants"]) == 50
