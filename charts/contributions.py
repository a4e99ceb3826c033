"""Where the points come from: per-criterion contributions and the winner's gains and losses."""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from charts import frames, style

if TYPE_CHECKING:
    from scoring import Evaluation


def contribution_gap(ev: "Evaluation", versus: str | None = None, *, dark: bool = False) -> alt.TopLevelMixin:
    """Diverging bars: per criterion, the leader's points minus the challenger's.

    Bars to the right are where the recommendation gains on the runner-up, to the
    left where it loses; together they add up to the margin.
    """
    data = frames.gap_frame(ev, versus)
    lead, other = frames.leader(ev), versus or frames.challenger(ev)
    if lead is None or other is None:
        head = "Where the winner gains and loses"
        sub = ["Needs at least two options that meet every must-have."]
    else:
        a, b = ev.option_names[lead], ev.option_names[other]
        head = f"{a} against {b}: gains and losses"
        sub = [f"Points per criterion, {a}'s minus {b}'s.",
               f"Teal, right: {a} ahead. Fuchsia, left: {b} ahead.",
               "Criteria rated alike are left out."]
    base = alt.Chart(data).encode(
        y=alt.Y("criterion:N", sort=list(data["criterion"]), title=None),
        x=alt.X("gap:Q", title="Points gained (+) or lost (-)"),
        tooltip=[
            alt.Tooltip("criterion:N", title="Criterion"),
            alt.Tooltip("gap:Q", title="Gap (points)", format="+.2f"),
            alt.Tooltip("weight:Q", title="Your weight"),
            alt.Tooltip("lead_rating:Q", title="Leader's rating"),
            alt.Tooltip("other_rating:Q", title="Challenger's rating"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.condition(alt.datum.gap >= 0, alt.value(style.GAIN), alt.value(style.LOSS)),
    )
    zero = alt.Chart().mark_rule(color=style.OTHER).encode(x=alt.datum(0))
    chart = alt.layer(bars, zero, data=data).properties(
        title=style.title(head, sub), width=style.WIDTH, height=alt.Step(26)
    )
    return style.finish(chart, dark)


#: Tooltip shared by both contribution charts: one bar segment = one option x criterion.
_POINTS_TOOLTIP = [
    alt.Tooltip("option:N", title="Option"),
    alt.Tooltip("criterion:N", title="Criterion"),
    alt.Tooltip("points:Q", title="Points", format=".1f"),
    alt.Tooltip("rating:Q", title="Rating (0-5)"),
    alt.Tooltip("weight:Q", title="Your weight"),
]


def _heaviest_first(data) -> list[str]:  # type: ignore[no-untyped-def]
    """Criteria ordered by weight, heaviest first (stable for equal weights)."""
    return data.drop_duplicates("criterion").sort_values("weight", ascending=False, kind="stable")["criterion"].tolist()


def _grouped(data):  # type: ignore[no-untyped-def]
    """The heaviest :data:`style.TOP_CRITERIA` criteria as they are; the rest summed per option into one
    "Other criteria (n)" segment, so the bar needs a handful of colours, not sixteen."""
    crit_order = _heaviest_first(data)
    keep = crit_order[: style.TOP_CRITERIA]
    rest = [c for c in crit_order if c not in keep]
    if len(rest) <= 1:
        return data, crit_order
    label = f"Other criteria ({len(rest)})"
    others = (data[data["criterion"].isin(rest)]
              .groupby(["option_id", "option"], sort=False, as_index=False)
              .agg(points=("points", "sum"), weight=("weight", "sum"), score=("score", "first")))
    others = others.assign(criterion=label, criterion_id="_other", rating=float("nan"), points=others["points"].round(3))
    grouped = pd.concat([data[data["criterion"].isin(keep)], others[data.columns]], ignore_index=True)
    return grouped, [*keep, label]


def contributions(ev: "Evaluation", top: int | None = style.DEFAULT_TOP, *, dark: bool = False) -> alt.TopLevelMixin:
    """Stacked bars: each option's score split into the points its heaviest criteria bring, the rest grouped."""
    data, crit_order = _grouped(frames.contributions_frame(ev, top))
    order = list(dict.fromkeys(data["option"]))
    colours = [*style.CRITERIA_COLOURS[: len(crit_order)]]
    if len(crit_order) > len(colours):
        colours.append(style.REST)
    chart = alt.Chart(data).transform_calculate(
        # Stack order: heaviest first, the grouped rest last.
        stack=f"indexof({crit_order!r}, datum.criterion)"
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=alt.Y("option:N", sort=order, title=None),
        x=alt.X("points:Q", title="Score points", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("criterion:N", sort=crit_order, title="Criterion",
                        scale=alt.Scale(domain=crit_order, range=colours[: len(crit_order)]),
                        legend=alt.Legend(columns=3, symbolLimit=40, labelLimit=320)),
        order=alt.Order("stack:Q", sort="ascending"),
        tooltip=_POINTS_TOOLTIP,
    ).properties(
        title=style.title("What each score is made of",
                          [f"Your {min(style.TOP_CRITERIA, len(crit_order))} heaviest criteria in colour, "
                           "the rest grouped in grey.", "Segment length = weight share x rating."]),
        width=style.WIDTH, height=alt.Step(34),
    )
    return style.finish(chart, dark)


def contributions_small_multiples(
    ev: "Evaluation", top: int | None = style.DEFAULT_TOP, *, dark: bool = False, columns: int = 4
) -> alt.TopLevelMixin:
    """One small panel per option, same axes: the points each weighted criterion brings.

    Reads better than one stacked bar per option once there are many options or
    criteria: the eye compares the same criterion across panels by position.
    """
    data = frames.contributions_frame(ev, top)
    order = list(dict.fromkeys(data["option"]))
    crit_order = _heaviest_first(data)
    # Blue for the recommendation or the options tied first, as in the scores chart.
    first = [ev.option_names.get(o, o) for o in ((ev.winner,) if ev.winner else ev.tie)]
    chart = alt.Chart(data).mark_bar().encode(
        # Every row labelled (issue 16, item 9): rows tall enough for the labels, no overlap culling.
        y=alt.Y("criterion:N", sort=crit_order, title=None,
                axis=alt.Axis(labelOverlap=False, labelFontSize=style.LABEL_SIZE - 2)),
        x=alt.X("points:Q", title="Score points"),
        color=alt.condition(alt.FieldOneOfPredicate(field="option", oneOf=first),
                            alt.value(style.WINNER), alt.value(style.OTHER)),
        tooltip=_POINTS_TOOLTIP,
    ).properties(width=150, height=alt.Step(20)).facet(
        facet=alt.Facet("option:N", sort=order, title=None,
                        header=alt.Header(labelFontSize=style.LABEL_SIZE, labelFontWeight="bold")),
        columns=columns,
    ).properties(
        title=style.title("Contributions, one panel per option",
                          "Same axes in every panel; panels by score, best first; the recommendation in blue."),
    )
    return style.finish(chart, dark)
