"""AppTest, issue 16 items 1 and 2: a link's profile and weights merge; a weight off the 0-10 scale is clamped.

Expected slider values come from criteria/profiles.yaml, read here.
"""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from criteria import load_profiles
from tests.app.apptools import APP, TIMEOUT, texts, weights

README_LINK = {"profile": "ml-serving-api", "w": "performance:8,api_docs:9", "must": "api_docs:4",
               "opt": "flask,fastapi"}


def profile(pid: str):
    return next(p for p in load_profiles() if p.id == pid)


def open_link(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_the_readme_link_keeps_the_profile_weights_it_does_not_override(monkeypatch, matrix) -> None:
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    prof = profile("ml-serving-api")
    at = open_link(README_LINK)
    assert not at.exception
    expected = {c: int(prof.weights.get(c, 0)) for c in matrix.criterion_ids()} | {"performance": 8, "api_docs": 9}
    assert weights(at, matrix) == expected
    assert expected["ml_serving"] == 10  # the ML-serving slider is not left at 0
    must = {c: at.slider(key=f"m:{c}").value for c in at.multiselect(key="must_sel").value}
    assert must == {**{c: float(v) for c, v in prof.must_have.items()}, "api_docs": 4.0}


def test_a_profile_weight_set_to_0_and_a_profile_must_have_removed_survive_the_link(monkeypatch, matrix) -> None:
    """The link the app writes reproduces the view even where it departs from the profile."""
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    prof = profile("server-rendered-site")
    at = open_link({"profile": prof.id})
    heavy = max(prof.weights, key=prof.weights.get)
    at.slider(key=f"w:{heavy}").set_value(0)
    at.multiselect(key="must_sel").set_value([]).run()
    assert not at.exception
    shown = weights(at, matrix)
    assert shown[heavy] == 0
    params = {k: at.query_params[k] for k in at.query_params}
    again = open_link(params)
    assert weights(again, matrix) == shown
    assert again.multiselect(key="must_sel").value == []
    assert again.selectbox(key="profile").value == prof.id


def test_a_link_weight_off_the_scale_is_clamped_with_a_visible_note(monkeypatch, matrix) -> None:
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    at = open_link({"w": "performance:11,api_docs:-2,ml_serving:4"})
    assert not at.exception
    shown = weights(at, matrix)
    assert shown["performance"] == 10 and shown["api_docs"] == 0 and shown["ml_serving"] == 4
    notes = " ".join(w.value for w in at.warning)
    assert "performance:11" in notes and "set to 10" in notes and "0-10" in notes
    assert "api\\_docs:-2" in notes or "api_docs:-2" in notes
    assert "Tie" not in " ".join(m.label for m in at.metric)  # the view did not collapse into a tie
