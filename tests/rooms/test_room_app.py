"""The room pages in Streamlit's AppTest (no browser): who sees what, and what each link may do."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from criteria import Requirements, Stakeholder, load_matrix
from rooms.database import engine_for, resolve_url
from rooms.store import close, create_room, room_and_entries, submit
from scoring import evaluate

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 180


@pytest.fixture
def sqlite_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = str(tmp_path / "rooms.db")
    monkeypatch.setenv("STACKWISE_DB", path)
    return engine_for(resolve_url(path))


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error", "code", "subheader")
             for e in at.get(kind)]
    parts += [str(t.value) for t in at.table]
    return "\n".join(str(p) for p in parts)


def test_participant_submits_and_gets_a_personal_link(sqlite_db) -> None:
    room, _ = create_room(sqlite_db, title="Pick one", matrix=load_matrix(), options=["flask", "fastapi"])
    at = _open(room=room.id)
    assert not at.exception
    assert len(at.slider) == len(load_matrix().criteria)  # the usual intake
    at.text_input(key="room:name").input("Alice")
    at.slider(key="w:performance").set_value(10)
    at.button(key="room:submit").click().run()
    assert not at.exception
    token = at.query_params["token"]
    assert token.startswith("p") and f"room={room.id}&token={token}" in _texts(at)
    _, entries = room_and_entries(sqlite_db, room.id)
    assert [e.name for e in entries] == ["Alice"] and entries[0].weights["performance"] == 10.0
    # The personal link opens Alice's entry for editing, and replaces it.
    again = _open(room=room.id, token=token)
    assert "You are editing" in _texts(again)
    again.slider(key="w:performance").set_value(3)
    again.button(key="room:submit").click().run()
    _, entries = room_and_entries(sqlite_db, room.id)
    assert len(entries) == 1 and entries[0].weights["performance"] == 3.0


def test_bad_links_get_a_message(sqlite_db) -> None:
    room, _ = create_room(sqlite_db, title="Pick one", matrix=load_matrix())
    for params, fragment in (({"room": "r" + "Z" * 22}, "no such room"), ({"room": "x"}, "no such room"),
                             ({"room": room.id, "token": "p" + "Q" * 43}, "does not open any entry"),
                             ({"room": room.id, "token": "f" + "Q" * 43}, "not this room's facilitator token")):
        at = _open(**params)
        assert not at.exception and fragment in _texts(at), params


def test_facilitator_view_hides_weights_until_revealed(sqlite_db) -> None:
    matrix = load_matrix()
    room, ft = create_room(sqlite_db, title="Pick one", matrix=matrix, options=["flask", "fastapi", "django"])
    people = {"Priya": {"performance": 9.0, "api_docs": 8.0}, "Bob": {"learning_curve": 9.0, "templating": 7.0}}
    for name, w in people.items():
        submit(sqlite_db, room.id, name=name, role="decision-maker", weights=w)
    at = _open(room=room.id, token=ft)
    assert not at.exception
    expected = evaluate(matrix, Requirements(options=["flask", "fastapi", "django"], stakeholders=[
        Stakeholder(name=n, weights=w) for n, w in people.items()]))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["The group recommends"] == expected.option_names[expected.winner]
    assert metrics["Score of 100"] == f"{expected.result(expected.winner).score:.1f}"
    text = _texts(at)
    assert "2 submitted (2 weighing)" in text and "Weights" not in str(at.table[0].value.columns.tolist())
    assert "Priya" not in str(at.table[2].value.columns.tolist())  # disagreement without names
    at.button(key="room:reveal").click().run()
    assert "Weights" in at.table[0].value.columns.tolist()
    assert "Priya" in at.table[2].value.columns.tolist()
    at.button(key="room:close").click().run()
    assert "room closed at" in _texts(at)
    closed = _open(room=room.id)
    assert "it accepts no more changes" in _texts(closed) and len(closed.slider) == 0
