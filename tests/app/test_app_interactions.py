"""AppTest: each interaction of the decision desk, against the shipped data.

Expected values come from the matrix's ratings and the profiles file, through
the score formula written out here (score = 100 * sum w_c r_c / (5 sum w_c)),
never from the app or the engine under test.
"""
from __future__ import annotations

import itertools

import pytest

from criteria import load_profiles
from criteria.query import encode, ViewState
from tests.app.apptools import charts, metrics, set_only, texts, weights

SCORES = "Total score per option"


def unique_leaders(matrix) -> list[tuple[str, str]]:
    """(criterion, option) pairs where one option is rated strictly highest on the criterion."""
    out = []
    for c in matrix.criterion_ids():
        ratings = sorted(((o.ratings[c].rating, o.id) for o in matrix.options), reverse=True)
        if ratings[0][0] > ratings[1][0]:
            out.append((c, ratings[0][1]))
    return out


def test_default_view_loads_with_headline_and_charts(app, matrix) -> None:
    at = app.run()
    assert not at.exception
    shown = metrics(at)
    # The default view is the balanced profile: every criterion weighs the same, so the leaders are the
    # options with the highest rating sum (written out here); two may share it, and then the app says so.
    balanced = next(p for p in load_profiles() if p.id == "balanced")
    total = {o.name: sum(balanced.weights.get(c, 0) * o.ratings[c].rating for c in matrix.criterion_ids())
             for o in matrix.options}
    leaders = sorted(n for n, v in total.items() if v == max(total.values()))
    if len(leaders) == 1:
        assert shown["Recommended"] == leaders[0]
    else:
        assert all(n in shown["Tie for first"] for n in leaders), shown
    drawn = charts(at)
    assert SCORES in drawn and len(drawn) >= 5
    # Every option is compared by default.
    assert set(drawn[SCORES]["option_id"]) == set(matrix.option_ids())
    # The URL already holds the view.
    assert at.query_params.get("profile") == "balanced"


def test_profile_sets_the_weights(app, matrix) -> None:
    at = app.run()
    profile = next(p for p in load_profiles() if p.id == "ml-serving-api")
    at.selectbox(key="profile").set_value(profile.id).run()
    assert not at.exception
    expected = {c: int(profile.weights.get(c, 0)) for c in matrix.criterion_ids()}
    assert weights(at, matrix) == expected
    assert at.query_params["profile"] == profile.id
    assert at.query_params["w"] == encode(ViewState(weights=expected))["w"]
    # Its must-haves come along too.
    assert set(at.multiselect(key="must_sel").value) == set(profile.must_have)
    # The sources it follows are named as people know them, not by bibliography id.
    caption = " ".join(c.value for c in at.sidebar.caption if "guidance" in c.value)
    for sid in profile.sources:
        src = matrix.source(sid)
        assert src.publisher in caption.replace("\\", "") and sid not in caption


def test_moving_a_weight_changes_headline_and_chart_data(app, matrix) -> None:
    (c1, o1), (c2, o2) = next(
        (a, b) for a, b in itertools.combinations(unique_leaders(matrix), 2) if a[1] != b[1]
    )
    at = set_only(app.run(), matrix, {c1: 10})
    assert not at.exception
    assert metrics(at)["Recommended"] == matrix.option(o1).name
    data = charts(at)[SCORES].set_index("option_id")["score"]
    for o in matrix.options:  # with one weighted criterion, score = 100 * rating / 5
        assert data[o.id] == pytest.approx(20 * o.ratings[c1].rating, abs=0.01)

    at.slider(key=f"w:{c1}").set_value(0)
    at.slider(key=f"w:{c2}").set_value(10)
    at.run()
    assert metrics(at)["Recommended"] == matrix.option(o2).name
    data = charts(at)[SCORES].set_index("option_id")["score"]
    for o in matrix.options:
        assert data[o.id] == pytest.approx(20 * o.ratings[c2].rating, abs=0.01)
    # Beside the default profile, the link also says which of its weights are now 0 (issue 16, item 1).
    written = dict(item.split(":") for item in at.query_params["w"].split(","))
    assert {c: v for c, v in written.items() if v != "0"} == {c2: "10"}


def test_must_have_that_rules_out_everything_is_explained(app, matrix) -> None:
    # Two criteria no option rates 5 on together (found from the ratings).
    crit = matrix.criterion_ids()
    c1, c2 = next(
        (a, b) for a, b in itertools.combinations(crit, 2)
        if not any(o.ratings[a].rating >= 5 and o.ratings[b].rating >= 5 for o in matrix.options)
    )
    app.query_params["must"] = f"{c1}:5,{c2}:5"
    at = app.run()
    assert not at.exception
    assert any("No option meets every must-have" in e.value for e in at.error)
    assert "Recommended" not in metrics(at)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Option", "Ruled out by"]
    rows = dict(zip(table["Option"], table["Ruled out by"]))
    assert set(rows) == {o.name for o in matrix.options}
    for o in matrix.options:  # each option names exactly the must-haves it misses
        for c in (c1, c2):
            named = matrix.criterion(c).name in rows[o.name]
            assert named == (o.ratings[c].rating < 5), (o.id, c, rows[o.name])
    relax = next(md.value for md in at.markdown if "What to relax" in md.value)
    first = relax.split("\n- ", 1)[1].split(" qualifies", 1)[0]
    failures = {o.name: sum(o.ratings[c].rating < 5 for c in (c1, c2)) for o in matrix.options}
    assert failures[first] == min(failures.values())  # the closest option is proposed first


def test_query_params_restore_the_state(app, matrix) -> None:
    crit = matrix.criterion_ids()
    opts = matrix.option_ids()[:2]
    app.query_params.update({
        "profile": "api-microservices",
        "w": f"{crit[0]}:7,{crit[3]}:2",
        "must": f"{crit[1]}:1.5",
        "opt": ",".join(opts),
    })
    at = app.run()
    assert not at.exception
    assert not at.warning or all("could not be used" not in w.value for w in at.warning)
    # Issue 16, item 1: beside a profile, the link's weights and must-haves override the profile's
    # criterion by criterion; the rest keep the profile's values.
    prof = next(p for p in load_profiles() if p.id == "api-microservices")
    expected = {c: int(prof.weights.get(c, 0)) for c in crit} | {crit[0]: 7, crit[3]: 2}
    assert weights(at, matrix) == expected
    assert at.selectbox(key="profile").value == "api-microservices"
    must = {**prof.must_have, crit[1]: 1.5}
    assert set(at.multiselect(key="must_sel").value) == set(must)
    assert at.slider(key=f"m:{crit[1]}").value == 1.5
    assert at.multiselect(key="options").value == opts
    assert set(charts(at)[SCORES]["option_id"]) == set(opts)
    # The app writes back exactly the link it was given (canonical form).
    assert at.query_params["w"] == encode(ViewState(weights=expected))["w"]
    assert at.query_params["opt"] == ",".join(opts)


def test_invalid_query_params_are_reported_and_ignored(app, matrix) -> None:
    crit = matrix.criterion_ids()
    app.query_params.update({
        "w": f"{crit[0][:-1]}:8,{crit[1]}:abc,{crit[2]}:6",
        "opt": f"{matrix.option_ids()[0]},nosuchframework",
        "colour": "red",
        "must": f"{crit[3]}:9",
    })
    at = app.run()
    assert not at.exception
    note = next(w.value for w in at.warning if "could not be used" in w.value)
    assert f"'{crit[0][:-1]}:8'" in note and f"Did you mean '{crit[0]}'" in note
    assert "'abc' is not a number" in note
    assert "nosuchframework" in note and "'colour'" in note and "between 0 and 5" in note
    # The valid parts apply...
    assert weights(at, matrix) == {c: 0 for c in crit} | {crit[2]: 6}
    assert at.multiselect(key="options").value == [matrix.option_ids()[0]]
    assert at.multiselect(key="must_sel").value == []
    # ...and the rewritten URL holds only them.
    assert dict(at.query_params) == {"w": f"{crit[2]}:6", "opt": matrix.option_ids()[0]}


def test_all_weights_zero_asks_for_a_weight(app, matrix) -> None:
    at = set_only(app.run(), matrix, {})
    assert not at.exception
    assert any("Every weight is 0" in w.value for w in at.warning)
    assert not at.get("vega_lite_chart")


def test_questionnaire_sets_weights_and_shows_what_moved_them(app, matrix) -> None:
    from criteria.questionnaire import weights_from_answers

    at = app.run()
    at.radio(key="q:ml").set_value("yes")
    at.radio(key="q:building").set_value("api").run()
    assert "Which answer moved which weight" in texts(at)
    at.button[0].click().run()
    expected = weights_from_answers({"ml": "yes", "building": "api"}, matrix.criterion_ids()).weights
    assert weights(at, matrix) == expected
    assert at.selectbox(key="profile").value == ""  # custom: the answers set them, not a profile
    assert "profile" not in at.query_params
    assert "Yes, that is its main job" in texts(at)


def test_evidence_tab_marks_claims_and_flags_old_ratings(app, matrix) -> None:
    from datetime import date

    from criteria.freshness import flagged, freshness_flags

    at = app.run()
    labels = [e.label for e in at.expander]
    expected = len(flagged(freshness_flags(matrix, date.today(), 18)))
    assert f"Ratings to re-check ({expected})" in " ".join(labels)
    wrong_or_outdated = sum(
        e.verdict.value in ("outdated", "wrong")
        for o in matrix.options for r in o.ratings.values() for e in r.evidence
    )
    assert f"outdated or wrong ({wrong_or_outdated})" in " ".join(labels)
    # Raising the age limit can only lower the count.
    at.number_input(key="max_age_months").set_value(120).run()
    relaxed = len(flagged(freshness_flags(matrix, date.today(), 120)))
    assert relaxed <= expected
    assert f"Ratings to re-check ({relaxed})" in " ".join(e.label for e in at.expander)


def test_sessions_do_not_share_state(matrix) -> None:
    """Two sessions of the same process: one's link and slider moves never reach the other."""
    from streamlit.testing.v1 import AppTest

    from tests.app.apptools import APP, TIMEOUT

    crit = matrix.criterion_ids()
    first = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    first.query_params["w"] = f"{crit[0]}:3"
    first.run()
    first.slider(key=f"w:{crit[1]}").set_value(9).run()
    second = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    balanced = next(p for p in load_profiles() if p.id == "balanced")
    assert weights(second, matrix) == {c: int(balanced.weights.get(c, 0)) for c in crit}
    assert weights(first, matrix)[crit[1]] == 9


def test_a_tie_is_shown_as_a_tie(app, matrix) -> None:
    # A criterion whose top rating is shared: weighing it alone ties those options.
    cid, tied = next(
        (c, {o.name for o in matrix.options if o.ratings[c].rating == top})
        for c in matrix.criterion_ids()
        for top in [max(o.ratings[c].rating for o in matrix.options)]
        if sum(o.ratings[c].rating == top for o in matrix.options) >= 2
    )
    app.query_params["w"] = f"{cid}:10"
    at = app.run()
    assert not at.exception
    shown = metrics(at)
    assert "Recommended" not in shown
    if len(tied) == 2:
        assert set(shown["Tie for first"].split(" and ")) == tied
    else:  # three or more: the count in the headline (it must fit a projector), every name in the verdict
        assert shown["Tie for first"] == f"{len(tied)} options"
        assert all(name in at.info[0].value for name in tied), at.info[0].value


def test_python_requirement_from_link_and_select_box(app, matrix) -> None:
    """py=3.9 in the link sets the select box; options whose rated release needs a newer Python are out."""
    from packaging.specifiers import SpecifierSet

    out = {o.name for o in matrix.options if not SpecifierSet(o.python.requires_python).contains("3.9")}
    assert out, "the shipped rated releases include some that need Python > 3.9"
    app.query_params.update({"py": "3.9"})
    at = app.run()
    assert not at.exception
    assert at.selectbox(key="python").value == "3.9"
    # The short verdict gives the answer; what ruled options out is in "More" (issue 16, item 11).
    verdict = " ".join(e.value for e in at.info) + " " + " ".join(m.value for m in at.markdown)
    assert "Ruled out by the Python 3.9 requirement" in verdict
    assert all(name in verdict for name in out)
    assert at.query_params["py"] == "3.9"
    # Back to no constraint: nothing is ruled out by Python, and the link drops the parameter.
    at.selectbox(key="python").set_value("").run()
    assert "Python 3.9" not in at.info[0].value
    assert "py" not in at.query_params


def test_bad_python_in_the_link_is_noted_and_ignored(app) -> None:
    app.query_params.update({"py": "2.7"})
    at = app.run()
    assert not at.exception
    note = next(w.value for w in at.warning if "could not be used" in w.value)
    assert "Python version '2.7'" in note and "3.9" in note
    assert at.selectbox(key="python").value == ""
    assert "py" not in at.query_params


def test_questionnaire_python_answer_sets_the_requirement(app) -> None:
    at = app.run()
    at.radio(key="q:python").set_value("py311").run()
    assert "Python requirement" in texts(at)
    at.button[0].click().run()
    assert at.selectbox(key="python").value == "3.11"
    assert at.query_params["py"] == "3.11"


def test_nothing_fits_the_python_and_must_haves_is_explained(app, matrix) -> None:
    """Python 3.9 plus a must-have only releases needing a newer Python meet: the table says why each is out."""
    from packaging.specifiers import SpecifierSet

    fits = [o for o in matrix.options if SpecifierSet(o.python.requires_python).contains("3.9")]
    # A must-have that every option installable on 3.9 misses, if the ratings allow one.
    crit = next((c for c in matrix.criterion_ids()
                 if max(o.ratings[c].rating for o in fits) < max(o.ratings[c].rating for o in matrix.options)), None)
    if crit is None:
        pytest.skip("no criterion separates the 3.9-installable options from the rest")
    top = max(o.ratings[crit].rating for o in matrix.options)
    app.query_params.update({"py": "3.9", "must": f"{crit}:{top:g}"})
    at = app.run()
    assert not at.exception
    table = texts(at)
    assert "No option meets every must-have" in table
    out = next(o for o in matrix.options if o not in fits and o.ratings[crit].rating >= top)
    assert f"{out.name} {out.python.release} needs Python" in table
    assert "Or allow a newer Python than 3.9" in table
