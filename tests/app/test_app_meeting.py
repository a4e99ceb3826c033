"""AppTest: meeting mode (issue 7): people, their own panels, the group's answer, the link.

Expected scores are computed here from the ratings with the written-out
formula (score = 100 * sum w_c r_c / (5 sum w_c)), not by the engine.
"""
from __future__ import annotations

import pytest

from tests.app.apptools import charts, metrics

PEOPLE = "Each person's scores, and the group's"


def score(matrix, option: str, weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return 100 * sum(w * matrix.option(option).ratings[c].rating for c, w in weights.items()) / (5 * total)


def edit(at, matrix, name: str | None = None, role: str | None = None, weights: dict[str, int] | None = None):
    """Change the selected person's panel, one widget per run (each has its own callback)."""
    if name is not None:
        at.text_input(key="pe:name").set_value(name).run()
    if role is not None:
        at.selectbox(key="pe:role").set_value(role).run()
    if weights is not None:
        for c in matrix.criterion_ids():
            at.slider(key=f"pe:w:{c}").set_value(weights.get(c, 0))
        # Slider callbacks each copy the whole panel, so one run applies them all.
        at.run()
    return at


def test_two_people_their_scores_and_the_group(app, matrix) -> None:
    crit = matrix.criterion_ids()
    priya = {crit[0]: 9, crit[1]: 8, crit[3]: 7}
    tom = {crit[4]: 10, crit[6]: 8}
    at = app.run()
    at.toggle(key="meeting").set_value(True).run()
    assert not at.exception
    assert len(at.selectbox(key="person_sel").options) == 2
    edit(at, matrix, name="Priya", weights=priya)
    at.selectbox(key="person_sel").select_index(1).run()
    edit(at, matrix, name="Tom", role="consulted", weights=tom)
    assert not at.exception
    assert at.selectbox(key="person_sel").options == ["Priya (decision-maker)", "Tom (consulted)"]

    assert "The group recommends" in metrics(at)
    data = charts(at)[PEOPLE]
    for person, weights in (("Priya", priya), ("Tom", tom)):
        rows = data[data["person"] == person].set_index("option_id")["score"]
        for oid, value in rows.items():
            assert value == pytest.approx(score(matrix, oid, weights), abs=0.01), (person, oid)
    # The group's weights are the mean of the two people's shares (arithmetic default).
    shares = {c: (priya.get(c, 0) / sum(priya.values()) + tom.get(c, 0) / sum(tom.values())) / 2 for c in crit}
    group = data[data["person"] == "Group"].set_index("option_id")["score"]
    for oid, value in group.items():
        assert value == pytest.approx(score(matrix, oid, shares), abs=0.01), oid
    # Each person's pick is the best option by their own weights.
    for person, weights in (("Priya", priya), ("Tom", tom)):
        picks = data[(data["person"] == person) & data["pick"]]["option_id"].tolist()
        best = max(matrix.option_ids(), key=lambda o: score(matrix, o, weights))
        assert best in picks
    # The link holds the people, not single weights.
    assert "w" not in at.query_params
    assert at.query_params["p"].startswith("Priya~decision-maker~") and "|Tom~consulted~" in at.query_params["p"]
    assert "Where the room disagrees" in charts(at)


def test_link_restores_the_meeting(app, matrix) -> None:
    crit = matrix.criterion_ids()
    app.query_params["p"] = f"Priya~decision-maker~{crit[0]}:9|Olu~informed~|Tom~consulted~{crit[4]}:10"
    app.query_params["agg"] = "geometric"
    at = app.run()
    assert not at.exception
    assert at.toggle(key="meeting").value is True
    assert at.radio(key="agg").value == "geometric"
    assert at.selectbox(key="person_sel").options == ["Priya (decision-maker)", "Olu (informed)", "Tom (consulted)"]
    assert at.text_input(key="pe:name").value == "Priya"
    assert at.slider(key=f"pe:w:{crit[0]}").value == 9
    people = charts(at)[PEOPLE]["person"].unique().tolist()
    assert people == ["Priya", "Tom", "Group"]  # Olu is informed: no row
    assert at.query_params["agg"] == "geometric"


def test_bad_name_is_refused_with_a_note(app, matrix) -> None:
    at = app.run()
    at.toggle(key="meeting").set_value(True).run()
    at.text_input(key="pe:name").set_value("A|B").run()
    assert not at.exception
    assert any("Name not changed" in w.value for w in at.warning)
    assert at.text_input(key="pe:name").value == "Person 1"


def test_informed_only_room_explains_itself(app, matrix) -> None:
    at = app.run()
    at.toggle(key="meeting").set_value(True).run()
    at.selectbox(key="pe:role").set_value("informed").run()
    at.selectbox(key="person_sel").select_index(1).run()
    at.selectbox(key="pe:role").set_value("informed").run()
    assert not at.exception
    message = "\n".join(c.value for c in at.code)
    assert "no stakeholder gives weights" in message


def test_leaving_meeting_mode_keeps_the_single_weights(app, matrix) -> None:
    crit = matrix.criterion_ids()
    app.query_params["w"] = f"{crit[2]}:7,{crit[5]}:3"
    at = app.run()
    at.toggle(key="meeting").set_value(True).run()
    # Both people start from the weights on screen.
    assert at.slider(key=f"pe:w:{crit[2]}").value == 7
    at.slider(key=f"pe:w:{crit[2]}").set_value(1).run()  # Person 1 changes their own copy
    at.toggle(key="meeting").set_value(False).run()
    assert not at.exception
    assert {c: at.slider(key=f"w:{c}").value for c in crit} == {c: 0 for c in crit} | {crit[2]: 7, crit[5]: 3}
    assert at.query_params["w"] == f"{crit[2]}:7,{crit[5]}:3" and "p" not in at.query_params
