"""Flip points: how far each weight is from changing the answer."""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

from charts import frames, style

if TYPE_CHECKING:
    from scoring import Evaluation


def flip_points(ev: "Evaluation", *, dark: bool = False) -> alt.TopLevelMixin:
    """Dumbbells on the 0-10 weight scale: your weight (grey dot) to the weight where the winner changes.

    Nearest flips first. A flip beyond the scale is drawn at its edge as a
    triangle; the tooltip gives the exact weight.
    """
    data = frames.flips_frame(ev)
    scale_max = ev.scale_max
    if data.empty:
        sub = ["No single weight change alters the answer (or there is no single winner)."]
    else:
        sub = ["Grey dot: your weight. Coloured mark: where the winner changes.",
               "Nearest first. A triangle: only beyond 10, off the scale."]
    order = list(data["criterion"])
    tooltip = [
        alt.Tooltip("criterion:N", title="Criterion"),
        alt.Tooltip("current:Q", title="Your weight"),
        alt.Tooltip("direction:N", title="Change"),
        alt.Tooltip("flip:Q", title="Flip weight", format=".2f"),
        alt.Tooltip("new_winner:N", title="New winner"),
    ]
    y = alt.Y("criterion:N", sort=order, title=None)
    x_scale = alt.Scale(domain=[0, scale_max])
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    rule = base.mark_rule(strokeWidth=3, color=style.OTHER, opacity=0.6).encode(
        x=alt.X("current:Q", title="Weight (0-10)", scale=x_scale), x2="shown_flip:Q"
    )
    now = base.mark_circle(size=160, color=style.CURRENT, opacity=1).encode(x="current:Q")
    flip = base.mark_point(size=220, filled=True, opacity=1).encode(
        x="shown_flip:Q",
        shape=alt.condition(alt.datum.within_scale, alt.value("circle"), alt.value("triangle-right")),
        color=alt.Color("new_winner:N", title="New winner", scale=alt.Scale(scheme="set2")),
    )
    chart = alt.layer(rule, now, flip, data=data).properties(
        title=style.title("Flip points: how far each weight is from changing the answer", sub),
        width=style.WIDTH, height=alt.Step(28),
    )
    return style.finish(chart, dark)
