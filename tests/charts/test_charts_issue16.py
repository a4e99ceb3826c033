"""Issue 16, items 9 and 10: colours that mean one thing, every row labelled, the marker visible at 10.

Colours are read from the SVG each chart renders to (vl-convert, the decision record's path), so
the test sees what a reader sees, not what the spec intends.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
import vl_convert as vlc

import charts
from charts import style
from criteria import Requirements, load_matrix, load_profiles
from scoring import evaluate

MARK = re.compile(r'<g class="mark-(\w+) role-mark[^"]*"(.*?)</g>', re.S)
PATH = re.compile(r'<path aria-label="([^"]*)"[^>]*?fill="(#[0-9a-fA-F]{6})"')


@pytest.fixture(scope="module")
def matrix():
    return load_matrix()


@pytest.fixture(scope="module")
def ev(matrix):
    prof = next(p for p in load_profiles() if p.id == "balanced")  # 16 weighted criteria
    return evaluate(matrix, Requirements(weights=dict(prof.weights)))


def fills(chart) -> list[tuple[str, str]]:
    """(aria label, fill colour) of every data mark (bars, points) the chart draws."""
    svg = vlc.vegalite_to_svg(chart.to_dict())
    out = []
    for kind, body in MARK.findall(svg):
        if kind in ("rect", "symbol", "arc", "area"):
            out += PATH.findall(body)
    return out


def option_of(label: str, names: set[str]) -> str | None:
    m = re.search(r"(?:^|; )(?:option|Option|New winner): ([^;]+)", label)
    return m.group(1).strip() if m and m.group(1).strip() in names else None


def test_each_option_has_one_colour_and_gains_losses_use_none_of_them(ev, matrix) -> None:
    names = set(ev.option_names.values())
    by_option: dict[str, set[str]] = defaultdict(set)
    for chart in (charts.total_scores(ev), charts.win_probability(ev), charts.flip_points(ev)):
        for label, colour in fills(chart):
            name = option_of(label, names)
            if name:
                by_option[name].add(colour.lower())
    assert by_option, "the charts colour options"
    for name, colours in by_option.items():
        assert len(colours) == 1, (name, colours)
    option_colours = set().union(*by_option.values())
    gap = {c.lower() for _, c in fills(charts.contribution_gap(ev))}
    assert len(gap) == 2 and not gap & option_colours, (gap, option_colours)


def test_stacked_contributions_highlight_the_largest_and_group_the_rest(ev) -> None:
    spec = charts.contributions(ev).to_dict()
    assert sum(1 for w in ev.weights.values() if w > 0) > 6  # more weighed criteria than colours
    colours = {c.lower() for _, c in fills(charts.contributions(ev))}
    assert len(colours) <= 6, colours  # the largest few, and one colour for the rest
    assert "Other criteria" in str(spec)


def test_small_multiples_label_every_row(ev) -> None:
    svg = vlc.vegalite_to_svg(charts.contributions_small_multiples(ev).to_dict())
    for name in ev.criterion_names.values():
        assert f">{name}<" in svg.replace("&amp;", "&"), name


def test_your_weight_marker_is_visible_at_10() -> None:
    """At weight 10 the grey dot must not hide under the flip mark drawn at the scale's edge.

    A made-up matrix guarantees the case (the shipped ratings at equal weights may tie, and a tie
    has no flip points): X leads by 5 x 10 on a; y gains 4 per unit of b's weight, so b flips the
    answer at 12.5, beyond the 0-10 scale, from a weight of 10.
    """
    from tests.scoring.scoring_factory import make_matrix

    ev = evaluate(make_matrix({"x": {"a": 5, "b": 0}, "y": {"a": 0, "b": 4}}), Requirements(weights={"a": 10, "b": 10}))
    at_ten = [f for f in ev.flip_points if f.flip_weight is not None and f.current_weight == 10
              and not f.within_scale]
    assert at_ten and at_ten[0].criterion == "b" and at_ten[0].flip_weight == pytest.approx(12.5)
    svg = vlc.vegalite_to_svg(charts.flip_points(ev).to_dict())
    symbols = [body for kind, body in MARK.findall(svg) if kind == "symbol"]
    # The marker layer is drawn last (on top) ...
    assert "#64748b" in symbols[-1] or style.CURRENT in symbols[-1]
    # ... and not at the same spot as the flip mark of its row.
    pos = re.compile(r'aria-label="[^"]*Criterion: ([^;"]+)[^"]*"[^>]*transform="translate\(([\d.]+),([\d.]+)\)')
    marks = {c: (float(x), float(y)) for c, x, y in pos.findall(symbols[-1])}
    flips = {c: (float(x), float(y)) for c, x, y in pos.findall(symbols[-2])}
    name = ev.criterion_names[at_ten[0].criterion]
    assert abs(marks[name][0] - flips[name][0]) >= 10, (marks[name], flips[name])
