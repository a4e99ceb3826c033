"""The ratings matrix as a heat map: options x criteria, 0-5."""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection

import altair as alt

from charts import frames, style

if TYPE_CHECKING:
    from criteria.models import Matrix
    from scoring import Evaluation


def ratings_heatmap(
    ev: "Evaluation",
    matrix: "Matrix",
    top: int | None = style.DEFAULT_TOP,
    *,
    dark: bool = False,
    flagged: Collection[tuple[str, str]] = (),
) -> alt.TopLevelMixin:
    """Cells coloured by rating with the number printed; criteria heaviest-weighted first.

    ``flagged`` (option, criterion) pairs print as ``4?``: ratings resting only on old
    or unverified evidence (:func:`criteria.freshness.flagged`).
    """
    data = frames.heatmap_frame(ev, matrix, top, flagged)
    opt_order = list(dict.fromkeys(data["option"]))
    # Row label carries the weight, so the reader sees why rows are in this order.
    data = data.assign(row=[f"{c} · {w:g}" for c, w in zip(data["criterion"], data["weight"])])
    crit_order = data.drop_duplicates("row").sort_values("weight", ascending=False, kind="stable")["row"].tolist()
    base = alt.Chart(data).encode(
        x=alt.X("option:N", sort=opt_order, title=None,
                  axis=alt.Axis(orient="top", labelAngle=-30, labelOverlap=False, labelAlign="left")),
        y=alt.Y("row:N", sort=crit_order, title=None),
        tooltip=[
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("criterion:N", title="Criterion"),
            alt.Tooltip("rating:Q", title="Rating (0-5)"),
            alt.Tooltip("range:N", title="Plausible range (blank: exact)"),
            alt.Tooltip("weight:Q", title="Your weight"),
            alt.Tooltip("rationale:N", title="Why"),
            alt.Tooltip("flagged:N", title="Re-check (old or unverified evidence)"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("rating:Q", title="Rating", scale=alt.Scale(scheme=style.HEAT_SCHEME, domain=[0, 5])),
    )
    ranged = data["range"].ne("").any()
    # Text colour follows the cell, not the page theme: dark cells get white digits.
    ink = alt.condition(alt.datum.rating >= 3, alt.value("white"), alt.value("#111827"))
    text = base.mark_text(fontSize=style.LABEL_SIZE, fontWeight="bold").encode(text=alt.Text("label:N"), color=ink)
    if ranged:
        # Issue 15: a ranged rating shows its range on a second line, in smaller type.
        single = text.transform_filter(alt.datum.range == "")
        top = base.mark_text(fontSize=style.LABEL_SIZE, fontWeight="bold", dy=-7).encode(
            text=alt.Text("label:N"), color=ink).transform_filter(alt.datum.range != "")
        low = base.mark_text(fontSize=11, dy=9).encode(text=alt.Text("range:N"), color=ink).transform_filter(
            alt.datum.range != "")
        text = single + top + low
    shown, total = data["option_id"].nunique(), len(ev.ranking)
    sub = ["Ratings 0-5 from the evidence. Rows: criterion · your weight, heaviest first.",
           "Columns: options, best score first."]
    if shown < total:
        sub.append(f"Top {shown} of {total} options.")
    if data["criterion"].str.endswith(frames.UNANCHORED_TAG).any():
        sub.append(f"{frames.UNANCHORED_TAG} = the matrix states no meaning for that criterion's 0-5 ratings.")
    if data["flagged"].any():
        sub.append("4? = re-check: the rating rests only on old or unverified evidence.")
    if ranged:
        sub.append("Second line: the range the evidence allows (unverified, disputed or old evidence).")
    chart = (cells + text).properties(
        title=style.title("Ratings matrix", sub),
        width=alt.Step(max(70, min(120, 560 // max(1, shown)))), height=alt.Step(40 if ranged else 26),
    )
    return style.finish(chart, dark)
