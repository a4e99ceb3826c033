"""Total scores: one bar per option, best first, the recommendation highlighted."""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

from charts import frames, style

if TYPE_CHECKING:
    from scoring import Evaluation


def total_scores(ev: "Evaluation", top: int | None = style.DEFAULT_TOP, *, dark: bool = False) -> alt.TopLevelMixin:
    """Horizontal bars of score (0-100), sorted by rank; must-have failures in amber."""
    data = frames.scores_frame(ev, top)
    shown, total = len(data), len(ev.ranking)
    subtitle = ["Weighted sum of ratings:", "100 = rated 5 on everything you weigh."]
    if shown < total:
        subtitle.append(f"Top {shown} of {total} options.")
    order = list(data["option"])
    palette = {frames.RECOMMENDED: style.WINNER, frames.TIED: style.WINNER, frames.ELIGIBLE: style.OTHER,
               frames.RULED_OUT: style.RULED_OUT}
    present = [s for s in palette if s in set(data["status"])]  # the legend lists only what is drawn
    color = alt.Color("status:N", title=None,
                      scale=alt.Scale(domain=present, range=[palette[s] for s in present]))
    base = alt.Chart(data).encode(
        y=alt.Y("option:N", sort=order, title=None),
        x=alt.X("score:Q", title="Score (0-100)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("score:Q", title="Score", format=".1f"),
            alt.Tooltip("rank:Q", title="Rank"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("failed:N", title="Failed must-haves"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(color=color)
    # Colour set on the mark itself: Streamlit's chart theme would override a config-level one.
    labels = base.mark_text(align="left", dx=4, fontSize=style.LABEL_SIZE, fontWeight="bold",
                            color=style.INK[dark]).encode(text="label:N")
    chart = (bars + labels).properties(
        title=style.title("Total score per option", subtitle),
        width=style.WIDTH, height=alt.Step(34),
    )
    return style.finish(chart, dark)
