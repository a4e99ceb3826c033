"""SVG charts for a record, drawn by the app's own builders in :mod:`charts` and saved through vl-convert.

The record shows the same charts as the app: criterion contributions per
option (``scores``), the win probability, and the flip points. vl-convert
renders Vega-Lite to SVG in process (no browser, no network), so a record can
be written offline and in CI. A chart that fails to render is left out (the
record says the same in words), never a reason to lose the record.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from criteria.models import Matrix

#: Chart key -> builder name in :mod:`charts` (keys become file-name suffixes).
CHARTS: dict[str, str] = {
    "scores": "contributions",
    "win_probability": "win_probability",
    "flip_points": "flip_points",
}


_COUNTED_ID = re.compile(r"(?<=id=\")(clip|gradient|pattern)(\d+)(?=\")|(?<=url\(#)(clip|gradient|pattern)(\d+)(?=\))")


def stable_ids(svg: str) -> str:
    """Renumber vl-convert's element ids (``clip7``...) from 1 in order of appearance.

    vl-convert numbers clip paths with a counter that lives as long as the
    process, so the same chart drawn twice in one process gets different ids.
    Renumbering makes the SVG a function of the chart alone, which the
    byte-for-byte re-export promise needs.
    """
    seen: dict[str, str] = {}

    def sub(m: re.Match) -> str:
        key = m.group(0)
        kind = m.group(1) or m.group(3)
        if key not in seen:
            seen[key] = f"{kind}{sum(1 for k in seen if k.startswith(kind)) + 1}"
        return seen[key]

    return _COUNTED_ID.sub(sub, svg)


def to_svg(chart: Any) -> str:
    """An Altair chart as SVG text (vl-convert, in process), with stable element ids."""
    import vl_convert

    return stable_ids(vl_convert.vegalite_to_svg(chart.to_dict()))


def record_charts(evaluation: Any, matrix: Matrix) -> dict[str, str]:
    """Chart key -> SVG text for ``evaluation`` (a :class:`scoring.Evaluation`)."""
    import charts

    out: dict[str, str] = {}
    for key, builder_name in CHARTS.items():
        builder: Callable[..., Any] | None = getattr(charts, builder_name, None)
        if builder is None:
            continue
        if key == "win_probability" and not evaluation.win_probability:
            continue  # no eligible option: nothing to draw
        if key == "flip_points" and all(f.flip_weight is None for f in evaluation.flip_points):
            continue
        try:
            out[key] = to_svg(builder(evaluation))
        except Exception as exc:  # noqa: BLE001 - a chart must never cost the record
            import warnings

            warnings.warn(f"chart {key!r} could not be drawn: {exc}", stacklevel=2)
    return out
