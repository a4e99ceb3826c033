"""The answer: headline, verdict and charts, all from one evaluation."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

import charts
from criteria import Matrix
from scoring import Evaluation

KEY_TOP = "top_n"


@dataclass(frozen=True)
class Relaxation:
    """Dropping one must-have alone would make these options eligible."""

    criterion: str
    required: float
    qualify: tuple[str, ...]


def relaxations(ev: Evaluation) -> list[Relaxation]:
    """For each must-have: the options whose only failure is that must-have, most first.

    Pure set logic over the evaluation's failed must-haves: an option failing
    only criterion c becomes eligible when c's minimum drops to its rating.
    """
    out = []
    for cid, required in ev.must_have.items():
        only_this = tuple(
            r.option for r in ev.ranking
            if r.failed_must_haves and all(f.criterion == cid for f in r.failed_must_haves)
        )
        if only_this:
            out.append(Relaxation(cid, required, only_this))
    return sorted(out, key=lambda x: -len(x.qualify))


def render_headline(ev: Evaluation) -> None:
    names = ev.option_names
    if ev.winner is not None:
        win = ev.result(ev.winner)
        cols = st.columns([2.2, 1, 1.3, 1.2])
        cols[0].metric("Recommended", names[ev.winner])
        cols[1].metric("Score", f"{win.score:.1f} / 100",
                       help="100 = rated 5 out of 5 on every criterion you weigh.")
        if ev.runner_up is not None and ev.margin is not None:
            group = next((t for t in ev.ties if ev.runner_up in t), (ev.runner_up,))
            extra = f" (+{len(group) - 1} tied)" if len(group) > 1 else ""
            cols[2].metric(f"Lead over {names[ev.runner_up]}{extra}", f"{ev.margin:.1f} points",
                           help="Score points between the first and second options that meet every must-have."
                           + (f" Tied second: {', '.join(names[o] for o in group)}." if extra else ""))
        else:
            cols[2].metric("Lead", "only eligible option")
        p = ev.win_probability.get(ev.winner)
        if p is not None:
            cols[3].metric("Win probability", f"{100 * p:.0f}%",
                           help=f"Share of {ev.samples:,} weight sets drawn around yours that it wins.")
    elif ev.tie:
        tied = " and ".join(names[o] for o in ev.tie)
        cols = st.columns([2.2, 1, 1.3, 1.2])
        cols[0].metric("Tie for first", tied)
        cols[1].metric("Score", f"{ev.result(ev.tie[0]).score:.1f} / 100")
        cols[2].metric("Lead", "0 points")
        shares = ", ".join(f"{names[o]} {100 * ev.win_probability.get(o, 0):.0f}%" for o in ev.tie)
        cols[3].metric("Win probability", shares)
    else:
        render_no_eligible(ev)


def render_no_eligible(ev: Evaluation) -> None:
    names, crit = ev.option_names, ev.criterion_names
    st.error("### No option meets every must-have")
    rows = [
        {
            "Option": names[r.option],
            "Ruled out by": "; ".join(
                f"{crit[f.criterion]}: needs {f.required:g}, rated {f.rating:g}" for f in r.failed_must_haves
            ),
        }
        for r in ev.ranking
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    relax = relaxations(ev)
    lines = []
    for x in relax:
        who = ", ".join(names[o] for o in x.qualify)
        lines.append(f"- Drop or lower **{crit[x.criterion]}** (now at least {x.required:g}): {who} would qualify.")
    st.markdown("**What to relax**\n\n" + ("\n".join(lines) if lines else
                "- No single must-have rules an option out alone: relax two or more (see the table)."))
    if ev.no_eligible_reason:
        st.caption(ev.no_eligible_reason)


def render_verdict(ev: Evaluation) -> None:
    st.info(ev.verdict, icon=":material/gavel:")


def render_charts(ev: Evaluation, matrix: Matrix) -> None:
    n = len(ev.ranking)
    top: int | None = None
    if n > charts.DEFAULT_TOP:
        if KEY_TOP not in st.session_state:
            st.session_state[KEY_TOP] = charts.DEFAULT_TOP
        top = st.slider("Options shown in the charts (best first)", min_value=2, max_value=n, key=KEY_TOP,
                        help="With many options, the charts show the best ones; the tables keep them all.")
    left, right = st.columns(2)
    with left:
        st.altair_chart(charts.total_scores(ev, top=top))
    with right:
        if ev.win_probability:
            st.altair_chart(charts.win_probability(ev, top=top))
        else:
            st.caption("Win probability: no option meets every must-have, so none can win.")
    left, right = st.columns(2)
    with left:
        if charts.frames.challenger(ev) is not None:
            st.altair_chart(charts.contribution_gap(ev))
        else:
            st.caption("Gains and losses need two options that meet every must-have.")
    with right:
        if not charts.frames.flips_frame(ev).empty:
            st.altair_chart(charts.flip_points(ev))
        else:
            st.caption("Flip points: no single weight change alters the answer"
                       + (" (there is no single winner)." if ev.winner is None else "."))
    # The two wide charts get the full width: 16 criteria need the room.
    st.altair_chart(charts.ratings_heatmap(ev, matrix, top=top))
    st.altair_chart(charts.contributions(ev, top=top))
    _flip_table(ev)


def _flip_table(ev: Evaluation) -> None:
    """The flip points in words, for those who read tables rather than dots."""
    frame = charts.frames.flips_frame(ev)
    with st.expander("Flip points as a table"):
        if frame.empty:
            st.write("No weight change within reach alters the answer.")
            return
        shown = frame.assign(
            where=[f"{d} {f:g}" + ("" if inside else " (beyond the 0-10 scale)")
                   for d, f, inside in zip(frame["direction"], frame["flip"], frame["within_scale"])]
        )[["criterion", "current", "where", "new_winner"]]
        shown.columns = ["Criterion", "Your weight", "Winner changes if you", "New winner"]
        st.dataframe(shown, hide_index=True, width="stretch")
