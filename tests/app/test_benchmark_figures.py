"""The Evidence tab opens the performance rating to the measured figures (issue 14)."""
from __future__ import annotations

from tests.app.apptools import chart_title

TASK_TITLES = ("(a) JSON hello", "(b) path and query parameters", "(c) validated JSON POST",
               "(d) HTML table from a template (50 rows)", "(e) I/O-bound handler awaiting 20 ms")


def _titles(at) -> list[str]:
    return [chart_title(el) for el in at.get("vega_lite_chart")]


def test_performance_evidence_shows_one_chart_per_task(app, matrix) -> None:
    at = app.run()
    at.selectbox(key="evidence_criterion").set_value("async_support").run()
    before = _titles(at)
    assert not any(t in before for t in TASK_TITLES)  # only for the performance criterion
    at.selectbox(key="evidence_criterion").set_value("performance").run()
    assert not at.exception
    shown = _titles(at)
    assert [t for t in shown if t in TASK_TITLES] == list(TASK_TITLES)
    labels = " ".join(e.label for e in at.expander)
    cited = {e.source for o in matrix.options for e in o.ratings["performance"].evidence
             if e.source.startswith("stackwise-bench-")}
    assert all(f"Measured figures: {rid}" in labels for rid in cited) and cited
