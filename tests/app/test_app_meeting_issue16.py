"""AppTest, issue 16 items 4, 5 and 6: renaming a person, how roles count, and decisive notes."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from criteria import Requirements, Stakeholder, load_profiles
from scoring import evaluate
from scoring.group import decisive_outcome
from tests.app.apptools import APP, TIMEOUT, texts


def profile(pid: str):
    return next(p for p in load_profiles() if p.id == pid)


def meeting(app):
    at = app.run()
    at.toggle(key="meeting").set_value(True).run()
    assert not at.exception
    return at


def test_after_renaming_the_first_profile_pick_applies_and_the_selector_shows_the_new_name(app, matrix) -> None:
    """Item 4."""
    at = meeting(app)
    at.text_input(key="pe:name").set_value("Priya").run()
    assert at.selectbox(key="person_sel").options[0] == "Priya (decision-maker)"
    prof = profile("ml-serving-api")
    at.selectbox(key="pe:profile").set_value(prof.id).run()
    assert not at.exception
    shown = {c: at.slider(key=f"pe:w:{c}").value for c in matrix.criterion_ids()}
    assert shown == {c: int(prof.weights.get(c, 0)) for c in matrix.criterion_ids()}
    assert at.text_input(key="pe:name").value == "Priya"
    assert at.selectbox(key="person_sel").options[0] == "Priya (decision-maker)"


LINK = {"p": "Ann~decision-maker~performance:9,ml_serving:8|Bob~consulted~templating:10,learning_curve:9"}


def open_link(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_the_group_says_how_roles_count_and_can_count_consulted_people_less(monkeypatch, matrix) -> None:
    """Item 5: default unchanged and said next to the group's weights; half and none are choices, in the link."""
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    at = open_link(LINK)
    assert not at.exception
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "consulted people count as much as decision-makers" in sidebar.replace("\\", "")
    assert "cw" not in at.query_params
    at.radio(key="consulted_weight").set_value(0.5).run()
    assert not at.exception
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "consulted people count half as much as decision-makers" in sidebar.replace("\\", "")
    assert at.query_params["cw"] == "0.5"
    assert "count half as much" in texts(at).replace("\\", "")  # in the verdict (behind "More")
    # The link reproduces it.
    again = open_link({**LINK, "cw": "0.5"})
    assert again.radio(key="consulted_weight").value == 0.5


def test_the_decisive_note_in_the_meeting_tab_says_what_would_actually_change(monkeypatch, matrix) -> None:
    """Item 6: the note names the outcome per person, against the group's actual answer."""
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    at = open_link(LINK)
    req = Requirements(stakeholders=[
        Stakeholder(name="Ann", role="decision-maker", weights={"performance": 9, "ml_serving": 8}),
        Stakeholder(name="Bob", role="consulted", weights={"templating": 10, "learning_curve": 9})])
    ev = evaluate(matrix, req)
    assert ev.decisive, "the case has a decisive person"
    shown = texts(at).replace("\\", "")
    for name in ev.decisive:
        assert f"leaving out {name} would {decisive_outcome(ev, name)}" in shown
    assert "(another winner, or a tie)" not in shown
