"""Meeting mode: each person's scores beside the group's, and where the room disagrees."""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

from charts import frames, style

if TYPE_CHECKING:
    from scoring import Evaluation


def people_scores(ev: "Evaluation", top: int | None = style.DEFAULT_TOP, *, dark: bool = False) -> alt.TopLevelMixin:
    """A grid: one row per person (and the group), one column per option, the score in each cell; ★ = their pick."""
    data = frames.people_frame(ev, top)
    people = list(dict.fromkeys(data["person"]))
    options = list(dict.fromkeys(data["option"]))
    base = alt.Chart(data).encode(
        x=alt.X("option:N", sort=options, title=None,
                axis=alt.Axis(orient="top", labelAngle=-30, labelOverlap=False, labelAlign="left")),
        y=alt.Y("person:N", sort=people, title=None),
        tooltip=[
            alt.Tooltip("person:N", title="Person"),
            alt.Tooltip("role:N", title="Role"),
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("score:Q", title="Score", format=".1f"),
            alt.Tooltip("pick:N", title="Their pick"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        # No legend: every cell prints its score.
        color=alt.Color("score:Q", legend=None, scale=alt.Scale(scheme=style.HEAT_SCHEME, domain=[0, 100])),
    )
    text = base.mark_text(fontSize=style.LABEL_SIZE, fontWeight="bold").encode(
        text="label:N",
        color=alt.condition(alt.datum.score >= 60, alt.value("white"), alt.value("#111827")),
    )
    chart = (cells + text).properties(
        title=style.title("Each person's scores, and the group's",
                          ["Score (0-100) each option gets with that person's weights alone; ★ = their pick.",
                           "Last row: the group's weights."]),
        width=alt.Step(max(70, min(120, 560 // max(1, len(options))))), height=alt.Step(30),
    )
    return style.finish(chart, dark)


def disagreement(ev: "Evaluation", *, dark: bool = False) -> alt.TopLevelMixin:
    """Per criterion, each person's share of their own weight: a line from lowest to highest, a dot per person."""
    data = frames.disagreement_frame(ev)
    order = list(dict.fromkeys(data["criterion"]))
    y = alt.Y("criterion:N", sort=order, title=None)
    span = alt.Chart(data).mark_rule(strokeWidth=3, color=style.OTHER, opacity=0.5).encode(
        y=y, x=alt.X("min(share):Q", title="Share of the person's total weight", axis=alt.Axis(format="%")),
        x2="max(share):Q",
    )
    dots = alt.Chart(data).mark_circle(size=170, opacity=0.95).encode(
        y=y, x="share:Q",
        color=alt.Color("person:N", title="Person", scale=alt.Scale(scheme="set2")),
        tooltip=[
            alt.Tooltip("criterion:N", title="Criterion"),
            alt.Tooltip("person:N", title="Person"),
            alt.Tooltip("share:Q", title="Share of their weight", format=".0%"),
            alt.Tooltip("group_share:Q", title="Group's share", format=".0%"),
        ],
    )
    group = alt.Chart(data).mark_tick(thickness=2, size=22, color=style.WINNER).encode(
        y=y, x="mean(group_share):Q",
        tooltip=[alt.Tooltip("criterion:N", title="Criterion"),
                 alt.Tooltip("mean(group_share):Q", title="Group's share", format=".0%")],
    )
    chart = alt.layer(span, dots, group).properties(
        title=style.title("Where the room disagrees",
                          ["Each dot: how much of one person's weight goes to the criterion. Blue tick: the group.",
                           "Widest disagreement first."]),
        width=style.WIDTH, height=alt.Step(26),
    )
    return style.finish(chart, dark)
