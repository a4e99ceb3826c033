"""The answer: headline, verdict and charts, all from one evaluation."""
from __future__ import annotations

from dataclasses import dataclass

from datetime import date

import pandas as pd
import streamlit as st

import charts
from criteria import Matrix
from criteria.freshness import DEFAULT_MAX_AGE_MONTHS, flagged, freshness_flags
from scoring import Evaluation
from scoring.verdict import FAIRLY_ROBUST, ROBUST, gap, one, short_verdict
from ui import chart_specs
from ui.md import esc

KEY_TOP = "top_n"


@dataclass(frozen=True)
class Relaxation:
    """Lowering these must-haves to these ratings makes ``option`` eligible."""

    option: str
    lower_to: tuple[tuple[str, float, float], ...]  # (criterion, required now, lower to)


def relaxations(ev: Evaluation, limit: int = 3) -> list[Relaxation]:
    """The options closest to eligible: fewest must-haves to lower, then the smallest total shortfall.

    Pure set logic over the evaluation's failed must-haves: an option becomes
    eligible exactly when each must-have it fails drops to its rating (unless the
    Python requirement rules it out too: lowering must-haves cannot help those).
    """
    ruled = [r for r in ev.ranking if r.failed_must_haves and not r.python_failed]
    ruled.sort(key=lambda r: (len(r.failed_must_haves), sum(f.required - f.rating for f in r.failed_must_haves),
                              -r.score, r.option))
    return [
        Relaxation(r.option, tuple((f.criterion, f.required, f.rating) for f in r.failed_must_haves))
        for r in ruled[:limit]
    ]


def robustness(p: float) -> tuple[str, str]:
    """A word and a colour for the winner's win probability, on the verdict's thresholds."""
    if p >= ROBUST:
        return "robust", "green"
    if p >= FAIRLY_ROBUST:
        return "fairly robust", "orange"
    return "fragile", "red"


#: Longest runner-up name the lead's label holds whole at 1280 px ("Lead over Starlette" fits).
MAX_LABEL_NAME = 12


def render_headline(ev: Evaluation, group: bool = False) -> None:
    names = ev.option_names
    if ev.winner is not None:
        win = ev.result(ev.winner)
        cols = st.columns([1.8, 0.9, 1.3, 1.2])
        cols[0].metric("The group recommends" if group else "Recommended", names[ev.winner])
        cols[1].metric("Score of 100", one(win.score),
                       help="100 = rated 5 out of 5 on every criterion you weigh.")
        if ev.runner_up is not None and ev.margin is not None:
            group = next((t for t in ev.ties if ev.runner_up in t), (ev.runner_up,))
            # A metric's label is cut to its column (a quarter of the page at 1280 px): it holds at most
            # one short name; who is tied second goes under the value, where it wraps (issue 16, item 8).
            tied = None
            if len(group) == 1 and len(names[ev.runner_up]) <= MAX_LABEL_NAME:
                label = f"Lead over {esc(names[ev.runner_up])}"
            elif len(group) == 1:
                label, tied = "Lead over second place", esc(names[ev.runner_up])
            else:
                label = f"Lead over the {len(group)} tied second"
                tied = " and ".join(esc(names[o]) for o in group) if len(group) <= 3 else \
                    ", ".join(esc(names[o]) for o in group[:2]) + f" and {len(group) - 2} more"
            cols[2].metric(label, f"{gap(win.score, ev.result(ev.runner_up).score)} points",
                           delta=tied, delta_color="off", delta_arrow="off",
                           help="Score points between the first and second options that meet every must-have."
                           + (f" Tied second: {', '.join(names[o] for o in group)}." if len(group) > 1 else ""))
        else:
            cols[2].metric("Lead", "none to beat", help="It is the only option that meets every must-have.")
        p = ev.win_probability.get(ev.winner)
        if ev.robustness is not None:  # issue 15: the headline uses weights and ratings varied together
            from ui.uncertainty_view import headline_help

            p = ev.robustness.both.get(ev.winner, 0.0)
        if p is not None:
            word, colour = robustness(p)
            cols[3].metric("Win probability", f"{100 * p:.0f}%", delta=word, delta_color=colour, delta_arrow="off",
                           help=(headline_help(ev) if ev.robustness is not None else
                                 f"Share of {ev.samples:,} weight sets drawn around yours that it wins. ")
                                + f"Robust from {100 * ROBUST:.0f}%, fairly robust from {100 * FAIRLY_ROBUST:.0f}%, "
                                "fragile below (the verdict's thresholds).")
    elif ev.tie:
        # The names get the room a projector needs (issue 16, item 8): a tie's lead is 0, said in the help.
        tied = " and ".join(names[o] for o in ev.tie) if len(ev.tie) == 2 else f"{len(ev.tie)} options"
        cols = st.columns([2.6, 0.9, 1.5])
        cols[0].metric("Tie for first", tied, help="Same score, so no lead: a tie is never broken by list order. "
                       "Tied: " + ", ".join(names[o] for o in ev.tie) + ".")
        cols[1].metric("Score of 100", one(ev.result(ev.tie[0]).score))
        shares = " / ".join(f"{100 * ev.win_probability.get(o, 0):.0f}%" for o in ev.tie[:3])
        cols[2].metric("Win probability", shares,
                       help="In the order named: " + ", ".join(names[o] for o in ev.tie) + ".")
    else:
        render_no_eligible(ev)


def render_no_eligible(ev: Evaluation) -> None:
    names, crit = ev.option_names, ev.criterion_names
    st.error("### No option meets every must-have")
    rows = [
        {
            "Option": names[r.option],
            "Ruled out by": "; ".join(
                [f"{crit[f.criterion]}: needs {f.required:g}, rated {f.rating:g}" for f in r.failed_must_haves]
                + ([r.python.reason] if r.python_failed else [])  # type: ignore[union-attr]
            ),
        }
        for r in ev.ranking
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    lines = []
    for x in relaxations(ev):
        changes = " and ".join(f"**{esc(crit[c])}** from {req:g} to {to:g}" for c, req, to in x.lower_to)
        lines.append(f"- {esc(names[x.option])} qualifies if you lower {changes}.")
    if any(r.python_failed for r in ev.ranking):
        # The verdict's own suggestion covers the Python requirement (which release line would fit).
        lines.append(f"- Or allow a newer Python than {esc(ev.python or '')}: the table names, per option, the "
                     "Python its rated release needs.")
    st.markdown("**What to relax** (the options closest to qualifying)\n\n" + "\n".join(lines))


def render_verdict(ev: Evaluation) -> None:
    """The answer and its reason in two sentences; the rest of the verdict behind "More"."""
    short, rest = short_verdict(ev)
    st.info(esc(short), icon=":material/gavel:")
    if rest:
        with st.expander("More: what else the numbers say (runner-up, tipping points, robustness)"):
            st.markdown(esc(rest))


def _max_age() -> int:
    """The evidence age limit set in the Evidence tab (its widget key), else the default 18 months."""
    return int(st.session_state.get("max_age_months") or DEFAULT_MAX_AGE_MONTHS)


def page_is_dark() -> bool:
    """Whether the page is dark, so chart text can contrast it.

    A theme set in the config (.streamlit/config.toml sets light, for projectors)
    wins: the browser's own report, st.context.theme, can be wrong on a
    session's first run (streamlit issue 11920).
    """
    base = st.get_option("theme.base")
    return (base or st.context.theme.type) == "dark"


def top_n(ev: Evaluation) -> int | None:
    """How many options the charts show: all up to eight; with more, a slider picks (default eight)."""
    n = len(ev.ranking)
    if n <= charts.DEFAULT_TOP:
        return None
    if KEY_TOP not in st.session_state:
        st.session_state[KEY_TOP] = charts.DEFAULT_TOP
    return st.slider("Options shown in the charts (best first)", min_value=2, max_value=n, key=KEY_TOP,
                             help="With many options, the charts show the best ones; the tables keep them all.")


def render_charts(ev: Evaluation, matrix: Matrix, top: int | None, dark: bool, key: str) -> None:
    """The charts tab. ``key`` is :func:`ui.chart_specs.view_key` of this view: the charts come from its cache."""
    def draw(kind: str, **kw) -> None:
        chart_specs.draw(kind, key, ev, matrix, top=top, dark=dark, **kw)

    left, right = st.columns(2)
    with left:
        draw("scores")
    with right:
        if ev.win_probability:
            draw("probability")
        else:
            st.caption("Win probability: no option meets every must-have, so none can win.")
    left, right = st.columns(2)
    with left:
        if charts.frames.challenger(ev) is not None:
            draw("gap")
        else:
            st.caption("Gains and losses need two options that meet every must-have.")
    flips = charts.frames.flips_frame(ev)
    with right:
        if not flips.empty:
            draw("flips")
        else:
            st.caption("Flip points: no single weight change alters the answer"
                       + (" (there is no single winner)." if ev.winner is None else "."))
    # The two wide charts get the full width: 16 criteria need the room.
    flags = [(f.option, f.criterion) for f in flagged(freshness_flags(matrix, date.today(), _max_age()))]
    draw("heatmap", flagged=flags)
    view = st.segmented_control("Contributions as", ["Stacked bars", "Small multiples"], key="contrib_view",
                                default="Stacked bars" if len(ev.ranking) <= charts.DEFAULT_TOP else "Small multiples",
                                help="Small multiples read better with many options: one panel per option.")
    if view == "Small multiples":
        draw("small_multiples", width="content")
    else:
        draw("contributions")
    _flip_table(flips)


def _flip_table(frame: pd.DataFrame) -> None:
    """The flip points (:func:`charts.frames.flips_frame`) in words, for those who read tables rather than dots."""
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
