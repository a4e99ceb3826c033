"""Charts of what the answer hinges on (issue 15): rating flips, stability intervals, two-way sensitivity.

Pure builders like the other chart modules; the ``*_frame`` functions give the
numbers each chart shows (tests read them directly).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from charts import style

if TYPE_CHECKING:
    from scoring import Evaluation

#: Most rating flips drawn (nearest first); the JSON and the table keep them all.
MAX_FLIPS = 12
TIE = "a tie"


def _o(ev: "Evaluation", oid: str | None) -> str:
    return ev.option_names.get(oid, oid) if oid else TIE


def flips_frame(ev: "Evaluation", limit: int | None = MAX_FLIPS) -> pd.DataFrame:
    """One row per rating flip, nearest first: the rating, its range, where the answer flips, who wins then."""
    rows = []
    for f in ev.rating_flips[:limit]:
        lo, hi = f.range if f.range is not None else (f.rating, f.rating)
        rows.append({
            "label": f"{_o(ev, f.option)} · {ev.criterion_names.get(f.criterion, f.criterion)}",
            "option_id": f.option, "criterion_id": f.criterion,
            "rating": f.rating, "flips_at": round(f.flips_at, 2), "distance": round(f.distance, 2),
            "lo": lo, "hi": hi, "within_range": f.within_range,
            "winner_then": _o(ev, f.winner_then),
            "change": "lower to" if f.flips_at < f.rating else "raise to",
        })
    return pd.DataFrame(rows, columns=["label", "option_id", "criterion_id", "rating", "flips_at", "distance",
                                       "lo", "hi", "within_range", "winner_then", "change"])


def rating_flips_chart(ev: "Evaluation", *, dark: bool = False) -> alt.TopLevelMixin:
    """Per rating the answer hinges on: its range (band), its rating (grey dot), where the answer flips."""
    data = flips_frame(ev)
    order = list(data["label"])
    if data.empty:
        sub = ["No single rating, moved anywhere on 0-5, changes the answer."]
    else:
        sub = ["Grey dot: the rating. Band: what its evidence allows.",
               "Diamond: where the winner changes. Nearest first.",
               "A diamond inside its band: the evidence allows it."]
    tooltip = [alt.Tooltip("label:N", title="Rating"), alt.Tooltip("rating:Q", title="Rated"),
               alt.Tooltip("lo:Q", title="Range from"), alt.Tooltip("hi:Q", title="Range to"),
               alt.Tooltip("change:N", title="Answer changes if you"),
               alt.Tooltip("flips_at:Q", title="Flips at", format=".2f"),
               alt.Tooltip("winner_then:N", title="Winner then")]
    y = alt.Y("label:N", sort=order, title=None)
    x_scale = alt.Scale(domain=[0, 5])
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    band = base.mark_bar(height=14, color=style.OTHER, opacity=0.25).encode(
        x=alt.X("lo:Q", title="Rating (0-5)", scale=x_scale), x2="hi:Q")
    rule = base.mark_rule(strokeWidth=2, color=style.OTHER, opacity=0.7).encode(x="rating:Q", x2="flips_at:Q")
    now = base.mark_circle(size=150, color=style.CURRENT, opacity=1).encode(x="rating:Q")
    flip = base.mark_point(size=200, filled=True, opacity=1, shape="diamond").encode(
        x="flips_at:Q", color=alt.Color("winner_then:N", title="Winner then", scale=alt.Scale(scheme="set2")))
    chart = alt.layer(band, rule, now, flip, data=data).properties(
        title=style.title("Ratings the answer hinges on", sub), width=style.WIDTH, height=alt.Step(28))
    return style.finish(chart, dark)


def stability_frame(ev: "Evaluation") -> pd.DataFrame:
    """One row per criterion: current weight and the interval in which the winner holds (edge-clipped for drawing)."""
    top = ev.scale_max
    rows = []
    for c in ev.criteria:
        if c not in ev.stability:
            continue
        lo, hi = ev.stability[c]
        w = ev.weights[c]
        reach = min(w - (lo or 0.0) if lo else w, (hi - w) if hi is not None else float("inf"))
        rows.append({
            "criterion_id": c, "criterion": ev.criterion_names.get(c, c), "current": w,
            "low": lo, "high": hi, "shown_low": lo or 0.0,
            "shown_high": min(hi, top) if hi is not None else top,
            "open_high": hi is None or hi > top,
            "high_text": "none (holds at any weight above)" if hi is None else f"{hi:.2f}",
            "room": reach,
        })
    frame = pd.DataFrame(rows, columns=["criterion_id", "criterion", "current", "low", "high", "shown_low",
                                        "shown_high", "open_high", "high_text", "room"])
    return frame.sort_values(["room", "criterion_id"], kind="stable").reset_index(drop=True)


def stability_chart(ev: "Evaluation", *, dark: bool = False) -> alt.TopLevelMixin:
    """Each weight's stability interval (bar) against its current value (dot); least room first."""
    data = stability_frame(ev)
    top = ev.scale_max
    # A short title: at 1280 px this chart sits in a half-width column, where a longer one was cut.
    sub = ["How far each weight can move before the answer changes.",
           f"Bar: weights (others fixed) at which {_o(ev, ev.winner)} wins.",
           "Dot: your weight. Least room first.",
           f"A bar to the right edge: it holds beyond {top:g} too."]
    y = alt.Y("criterion:N", sort=list(data["criterion"]), title=None)
    tooltip = [alt.Tooltip("criterion:N", title="Criterion"), alt.Tooltip("current:Q", title="Your weight"),
               alt.Tooltip("shown_low:Q", title="Holds from", format=".2f"),
               alt.Tooltip("high_text:N", title="Holds up to")]
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    bar = base.mark_bar(height=14, color=style.WINNER, opacity=0.35).encode(
        x=alt.X("shown_low:Q", title=f"Weight (0-{top:g})", scale=alt.Scale(domain=[0, top])), x2="shown_high:Q")
    now = base.mark_circle(size=150, color=style.CURRENT, opacity=1).encode(x="current:Q")
    chart = alt.layer(bar, now, data=data).properties(
        title=style.title("Stability intervals", sub),
        width=style.WIDTH, height=alt.Step(24))
    return style.finish(chart, dark)


def two_way_frame(ev: "Evaluation") -> pd.DataFrame:
    """Long table of the two-way grid: weight of each criterion -> winner there."""
    tw = ev.two_way
    cols = ["x", "y", "winner", "is_current"]
    if tw is None:
        return pd.DataFrame(columns=cols)
    rows = [{"x": x, "y": y, "winner": _o(ev, tw.winners[r][c]), "is_current": False}
            for r, y in enumerate(tw.grid) for c, x in enumerate(tw.grid)]
    return pd.DataFrame(rows, columns=cols)


def two_way_chart(ev: "Evaluation", *, dark: bool = False) -> alt.TopLevelMixin:
    """Winner over a grid of the two weights nearest to flipping the answer; the cross is where you are."""
    tw = ev.two_way
    data = two_way_frame(ev)
    if tw is None:
        return style.finish(alt.Chart(pd.DataFrame({"x": []})).mark_text().properties(
            title=style.title("Two-way sensitivity", ["Needs a single winner."])), dark)
    a, b = (ev.criterion_names.get(c, c) for c in tw.criteria)
    step = tw.grid[1] - tw.grid[0] if len(tw.grid) > 1 else 1.0
    # Each cell is centred on its grid point; the cross sits exactly at your weights.
    data = data.assign(x1=data["x"] - step / 2, x2=data["x"] + step / 2, y1=data["y"] - step / 2,
                       y2=data["y"] + step / 2)
    domain = [-step / 2, tw.grid[-1] + step / 2]
    names = [n for n in dict.fromkeys(data["winner"]) if n != TIE]
    colours = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"]
    domain_c = names + ([TIE] if (data["winner"] == TIE).any() else [])
    range_c = [colours[i % len(colours)] for i in range(len(names))] + (["#9ca3af"] if TIE in domain_c else [])
    cells = alt.Chart(data).mark_rect().encode(
        x=alt.X("x1:Q", title=f"Weight of {a}", scale=alt.Scale(domain=domain, nice=False)), x2="x2:Q",
        y=alt.Y("y1:Q", title=f"Weight of {b}", scale=alt.Scale(domain=domain, nice=False)), y2="y2:Q",
        color=alt.Color("winner:N", title="Winner", scale=alt.Scale(domain=domain_c, range=range_c)),
        tooltip=[alt.Tooltip("x:Q", title=a, format=".2f"), alt.Tooltip("y:Q", title=b, format=".2f"),
                 alt.Tooltip("winner:N", title="Winner")])
    here = pd.DataFrame({"x": [tw.current[0]], "y": [tw.current[1]], "what": ["your weights"]})
    mark = alt.Chart(here).mark_point(shape="cross", size=400, filled=True, color="black",
                                      stroke="white", strokeWidth=1.5).encode(
        x="x:Q", y="y:Q", tooltip=[alt.Tooltip("what:N", title="Here")])
    sub = ["The two weights nearest to flipping the answer,",
           f"the others fixed. Cross: your weights ({tw.current[0]:g}, {tw.current[1]:g})."]
    chart = alt.layer(cells, mark).properties(
        title=style.title("Two-way sensitivity", sub), width=420, height=420)
    return style.finish(chart, dark)
