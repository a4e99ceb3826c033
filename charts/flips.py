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
        sub = ["No single weight change alters the answer", "(or there is no single winner)."]
    else:
        sub = ["The weight at which the answer changes.",
               "Black ring: your weight. Grey mark: the flip,",
               "with the new winner beside it. Nearest first.",
               f"A triangle past the end: only beyond {scale_max:g}."]
    order = list(data["criterion"])
    tooltip = [
        alt.Tooltip("criterion:N", title="Criterion"),
        alt.Tooltip("current:Q", title="Your weight"),
        alt.Tooltip("direction:N", title="Change"),
        alt.Tooltip("flip:Q", title="Flip weight", format=".2f"),
        alt.Tooltip("new_winner:N", title="New winner"),
    ]
    y = alt.Y("criterion:N", sort=order, title=None)
    # A flip beyond the scale is drawn past its end, so it never covers a weight of 10.
    beyond = scale_max * 1.07
    x_scale = alt.Scale(domain=[0, scale_max * 1.12], nice=False)
    axis = alt.Axis(values=list(range(0, int(scale_max) + 1, max(1, int(scale_max) // 10))))
    base = alt.Chart().transform_calculate(
        drawn=f"datum.within_scale ? datum.shown_flip : {beyond}"
    ).encode(y=y, tooltip=tooltip)
    rule = base.mark_rule(strokeWidth=3, color=style.OTHER, opacity=0.5).encode(
        x=alt.X("current:Q", title=f"Weight (0-{scale_max:g})", scale=x_scale, axis=axis), x2="drawn:Q"
    )
    # The new winner is never the recommendation, so it takes the eligible options' slate everywhere.
    flip = base.mark_point(size=200, filled=True, opacity=1, color=style.OTHER).encode(
        x="drawn:Q",
        shape=alt.condition(alt.datum.within_scale, alt.value("circle"), alt.value("triangle-right")),
    )
    name = base.mark_text(align="left", dx=10, fontSize=style.LABEL_SIZE - 2, color=style.INK[dark]).encode(
        x="drawn:Q", text="new_winner:N")
    # Drawn last, on top: your weight stays visible wherever the flip mark falls.
    now = alt.Chart().mark_point(size=170, filled=False, strokeWidth=3, color=style.CURRENT if not dark
                                 else style.INK[dark], opacity=1).encode(
        y=y, x="current:Q",
        tooltip=[alt.Tooltip("criterion:N", title="Criterion"), alt.Tooltip("current:Q", title="Your weight")])
    chart = alt.layer(rule, flip, name, now, data=data).properties(
        title=style.title("Flip points", sub),
        width=style.WIDTH, height=alt.Step(30),
    )
    return style.finish(chart, dark)
