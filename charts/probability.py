"""Win probability: how often each option wins when the weights wobble."""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

from charts import frames, style

if TYPE_CHECKING:
    from scoring import Evaluation


def win_probability(
    ev: "Evaluation", top: int | None = style.DEFAULT_TOP, *, dark: bool = False
) -> alt.TopLevelMixin:
    """Bars of the share of sampled weight vectors each eligible option wins, largest first."""
    data = frames.probability_frame(ev, top)
    subtitle = [
        f"Share of {ev.samples:,} weight sets, drawn around",
        f"yours, that each option wins (Dirichlet, concentration {ev.concentration:g}).",
    ]
    if data.empty:
        subtitle = ["No option meets every must-have, so none can win."]
    base = alt.Chart(data).encode(
        y=alt.Y("option:N", sort=list(data["option"]), title=None),
        x=alt.X("probability:Q", title="Win probability", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=[
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("probability:Q", title="Wins", format=".1%"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        # The scores chart's colours: blue for the recommendation or those tied first.
        color=alt.condition((alt.datum.status == frames.RECOMMENDED) | (alt.datum.status == frames.TIED),
                            alt.value(style.WINNER), alt.value(style.OTHER))
    )
    # Colour set on the mark itself: Streamlit's chart theme would override a config-level one.
    labels = base.mark_text(align="left", dx=4, fontSize=style.LABEL_SIZE, fontWeight="bold",
                            color=style.INK[dark]).encode(text="label:N")
    chart = (bars + labels).properties(
        title=style.title("Win probability", subtitle),
        width=style.WIDTH, height=alt.Step(34),
    )
    return style.finish(chart, dark)
