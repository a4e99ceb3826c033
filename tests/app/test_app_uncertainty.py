"""The app's issue-15 parts: the headline's share under both uncertainties, the three new charts,
and the pairwise (AHP) intake setting the sliders."""
from __future__ import annotations

from criteria.models import Requirements
from scoring import evaluate
from tests.app.apptools import charts, metrics, texts, weights

NEW_CHARTS = ("Ratings the answer hinges on", "Stability intervals",
              "Two-way sensitivity")


def _evaluation(at, matrix):
    w = {c: float(v) for c, v in weights(at, matrix).items() if v > 0}
    must = {c: float(at.slider(key=f"m:{c}").value) for c in at.multiselect(key="must_sel").value}
    return evaluate(matrix, Requirements(weights=w, must_have=must))


def test_headline_uses_both_uncertainties_and_the_new_charts_are_drawn(app, matrix):
    at = app.run()
    # A profile with one winner: the default (balanced) view may be a tie, which has no single share.
    at.selectbox(key="profile").set_value("ml-serving-api").run()
    assert not at.exception
    ev = _evaluation(at, matrix)
    assert ev.winner is not None
    assert metrics(at)["Win probability"] == f"{100 * ev.robustness.both[ev.winner]:.0f}%"
    drawn = charts(at)
    for title in NEW_CHARTS:
        assert title in drawn
    flips = drawn["Ratings the answer hinges on"]
    expected = [f"{ev.option_names[f.option]} · {ev.criterion_names[f.criterion]}" for f in ev.rating_flips[:12]]
    assert list(flips["label"]) == expected
    stab = drawn["Stability intervals"]
    assert set(stab["criterion_id"]) == set(ev.stability)
    grid = drawn["Two-way sensitivity"]
    assert len(grid) == len(ev.two_way.grid) ** 2
    shown = texts(at)
    assert "What the answer hinges on" in shown or any("What the answer hinges on" in h.value for h in at.subheader)
    if ev.rating_flips:
        assert "check that evidence first" in shown


def test_pairwise_comparisons_set_the_sliders(app, matrix):
    at = app.run()
    at.multiselect(key="ahp_pick").set_value(["performance", "api_docs", "ml_serving"]).run()
    # performance = 3 x api_docs, api_docs = 3 x ml_serving, performance = 9 x ml_serving: consistent.
    at.select_slider(key="ahp:performance:api_docs").set_value(3).run()
    at.select_slider(key="ahp:api_docs:ml_serving").set_value(3).run()
    at.select_slider(key="ahp:performance:ml_serving").set_value(9).run()
    assert not any("Consistency ratio" in w.value for w in at.warning)
    at.button(key="ahp_apply").click().run()
    assert not at.exception
    got = weights(at, matrix)
    # Shares 9 : 3 : 1, heaviest at 10: 10, 3.33 -> 3, 1.11 -> 1; everything else 0.
    assert {c: v for c, v in got.items() if v} == {"performance": 10, "api_docs": 3, "ml_serving": 1}


def test_inconsistent_comparisons_are_flagged_with_the_triad_and_the_fix(app, matrix):
    at = app.run()
    at.multiselect(key="ahp_pick").set_value(["performance", "api_docs", "ml_serving"]).run()
    at.select_slider(key="ahp:performance:api_docs").set_value(3).run()
    at.select_slider(key="ahp:api_docs:ml_serving").set_value(3).run()
    at.select_slider(key="ahp:performance:ml_serving").set_value(-3).run()  # ml_serving 3 x performance
    warning = next(w.value for w in at.warning if "Consistency ratio" in w.value)
    assert "above Saaty's 0.1" in warning
    assert "Performance, API documentation, ML model serving fit" in warning
    assert "would bring it to" in warning


def test_evidence_tab_and_heat_map_show_ranges(app, matrix):
    from charts import frames
    from criteria.ranges import rating_ranges

    at = app.run()
    at.selectbox(key="evidence_criterion").set_value("performance").run()
    ranges = rating_ranges(matrix)
    ranged = [o.id for o in matrix.options if ranges[(o.id, "performance")].width > 0]
    assert ranged, "the shipped matrix has disputed performance ratings"
    captions = [c.value for c in at.caption if c.value.startswith("Plausible range")]
    assert len(captions) == len(ranged)
    rr = ranges[(ranged[0], "performance")]
    assert any(f"Plausible range {rr.lo:g}-{rr.hi:g}" in c for c in captions)
    heat = charts(at)["Ratings matrix"]
    row = heat[(heat["option_id"] == ranged[0]) & (heat["criterion_id"] == "performance")].iloc[0]
    assert row["range"] == f"{rr.lo:g}-{rr.hi:g}"
    ev = _evaluation(at, matrix)
    assert frames.heatmap_frame(ev, matrix)["range"].ne("").sum() == sum(
        1 for o in matrix.options for c in matrix.criterion_ids() if ranges[(o.id, c)].width > 0)
