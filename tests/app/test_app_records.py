"""AppTest: the decision-record tab and restoring a bundle into the app's state."""
from __future__ import annotations

import datetime as dt

from criteria import Requirements
from records.record import make_record
from scoring import evaluate
from tests.app.apptools import metrics, weights


def test_restored_bundle_fills_the_requirements(app, matrix) -> None:
    crit = matrix.criterion_ids()
    opts = matrix.option_ids()[:3]
    req = Requirements(title="Partner API framework", context="Launch in Q3.",
                       weights={crit[2]: 9, crit[5]: 4}, must_have={crit[2]: 2}, options=opts)
    record = make_record(req, matrix, number=7, date=dt.date(2026, 11, 21), charts=False)
    at = app.run()
    at.file_uploader(key="record_bundle_upload").set_value(
        (record.bundle_name, record.bundle.encode(), "application/yaml")
    ).run()
    assert not at.exception
    assert weights(at, matrix) == {c: 0 for c in crit} | {crit[2]: 9, crit[5]: 4}
    assert at.multiselect(key="must_sel").value == [crit[2]]
    assert at.multiselect(key="options").value == opts
    assert at.text_input(key="title").value == "Partner API framework"
    assert at.text_area(key="context").value == "Launch in Q3."
    assert at.title[0].value == "Partner API framework"
    # The URL follows the restored state.
    assert at.query_params["w"] == f"{crit[2]}:9,{crit[5]}:4"
    # And the record tab offers the download for this view.
    assert at.get("download_button")
    assert metrics(at)["Recommended"] in {matrix.option(o).name for o in opts}


def test_restored_bundle_with_pairwise_judgments_sets_sliders_and_comparisons(app, matrix) -> None:
    """A bundle whose weights came from pairwise judgments restores them: before, the sliders stayed at 0."""
    # api_docs is 3 x ml_serving, performance 3 x api_docs and 9 x ml_serving (written in mixed order).
    req = Requirements(pairwise=[["performance", "api_docs", 3], ["ml_serving", "api_docs", "1/3"],
                                 ["performance", "ml_serving", 9]])
    record = make_record(req, matrix, number=3, date=dt.date(2026, 11, 30), charts=False)
    at = app.run()
    at.file_uploader(key="record_bundle_upload").set_value(
        (record.bundle_name, record.bundle.encode(), "application/yaml")
    ).run()
    assert not at.exception
    # Shares 9 : 3 : 1 with the heaviest at 10, as the app's own "Set the weights" button rounds them.
    assert {c: v for c, v in weights(at, matrix).items() if v} == {"performance": 10, "api_docs": 3, "ml_serving": 1}
    assert at.multiselect(key="ahp_pick").value == ["performance", "api_docs", "ml_serving"]
    assert at.select_slider(key="ahp:performance:api_docs").value == 3
    assert at.select_slider(key="ahp:api_docs:ml_serving").value == 3
    assert at.select_slider(key="ahp:performance:ml_serving").value == 9
    # The app evaluates the sliders it shows (whole numbers), so its answer is the one for those weights.
    shown = evaluate(matrix, Requirements(weights={"performance": 10, "api_docs": 3, "ml_serving": 1}))
    assert metrics(at)["Recommended"] == matrix.option(shown.winner).name
