"""SVG charts beside the record: drawn by the charts package, ids stable within one process."""
from __future__ import annotations

from records.charts import record_charts, stable_ids


def test_stable_ids_renumber_only_ids_and_references():
    svg = ('<clipPath id="clip7"/><g clip-path="url(#clip7)"><text>clip9 label</text></g>'
           '<clipPath id="clip9"/><g clip-path="url(#clip9)"/>')
    assert stable_ids(svg) == ('<clipPath id="clip1"/><g clip-path="url(#clip1)"><text>clip9 label</text></g>'
                               '<clipPath id="clip2"/><g clip-path="url(#clip2)"/>')


def test_same_chart_twice_in_one_process_gives_the_same_svg(rec_req, rec_matrix):
    from scoring import evaluate

    ev = evaluate(rec_matrix, rec_req, samples=300)
    first, second = record_charts(ev, rec_matrix), record_charts(ev, rec_matrix)
    assert set(first) == {"scores", "win_probability", "flip_points"}
    assert first == second
    assert all(svg.startswith("<svg") for svg in first.values())
