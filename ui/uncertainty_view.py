"""What the answer hinges on (issue 15): robustness under both uncertainties, rating flips,
stability intervals and the two-way chart, drawn under the other charts.

UI only: every number comes from the one :class:`scoring.Evaluation`; the
charts from :mod:`charts.uncertainty`, cached per view like :mod:`ui.chart_specs`.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import charts
from charts.uncertainty import flips_frame, stability_frame
from criteria import Matrix
from scoring import Evaluation
from scoring.uncertainty_text import hinge_sentence, threat
from ui.chart_specs import MAX_SPECS, spec_of
from ui.md import esc

KINDS = ("rating_flips", "stability", "two_way")


def headline_help(ev: Evaluation) -> str:
    """The headline metric's help: what the share counts, split by kind of uncertainty."""
    rb = ev.robustness
    if rb is None or ev.winner is None:
        return ""
    w, r = rb.weights.get(ev.winner, 0.0), rb.ratings.get(ev.winner, 0.0)
    return (f"Share of {rb.samples:,} draws it wins when the weights vary around yours and the "
            f"{rb.uncertain_cells} uncertain ratings vary within their ranges, together. Weights alone: "
            f"{100 * w:.0f}%; ratings alone: {100 * r:.0f}%. ")


@st.cache_data(show_spinner=False, max_entries=MAX_SPECS)
def _spec(kind: str, key: str, dark: bool, _ev: Evaluation) -> dict:
    builders = {"rating_flips": charts.rating_flips_chart, "stability": charts.stability_chart,
                "two_way": charts.two_way_chart}
    return spec_of(builders[kind](_ev, dark=dark))


def _draw(kind: str, key: str, ev: Evaluation, dark: bool) -> None:
    st.vega_lite_chart(_spec(kind, key, dark, ev))


def robustness_frame(ev: Evaluation) -> pd.DataFrame:
    """One row per eligible option: share of draws won under each kind of uncertainty."""
    rb = ev.robustness
    if rb is None:
        return pd.DataFrame(columns=["Option", "Weights vary", "Ratings vary", "Both vary"])
    # Options that win no draw under any kind of uncertainty are left out (the caption says so).
    rows = [{"Option": ev.option_names.get(o, o), "Weights vary": f"{100 * rb.weights[o]:.1f}%",
             "Ratings vary": f"{100 * rb.ratings[o]:.1f}%", "Both vary": f"{100 * rb.both[o]:.1f}%"}
            for o in rb.both if max(rb.weights[o], rb.ratings[o], rb.both[o]) > 0]
    return pd.DataFrame(rows)


def render(ev: Evaluation, matrix: Matrix, dark: bool, key: str) -> None:
    """The section: robustness table, the ratings the answer hinges on, stability, two-way sensitivity."""
    st.subheader("What the answer hinges on")
    rb = ev.robustness
    if rb is None:
        st.caption("No option meets every must-have, so nothing can win a draw.")
        return
    kind = threat(ev)
    said = {"weights": "the weights threaten it more than the evidence",
            "ratings": "the evidence threatens it more than the weights",
            "both": "the weights and the evidence threaten it alike",
            None: "neither the weights nor the evidence threatens it much"}[kind]
    st.caption(f"Share of {rb.samples:,} draws each option wins (seed {rb.seed}) when the weights vary around "
               f"yours, when the {rb.uncertain_cells} uncertain ratings vary within their ranges, and both: "
               + (f"{said}." if ev.winner else "there is no single winner.")
               + " Ratings resting only on unverified, disputed or old evidence get a range of one point "
                 "either way unless the matrix gives one.")
    frame = robustness_frame(ev)
    st.dataframe(frame, hide_index=True, width="stretch")
    if len(frame) < len(rb.both):
        st.caption(f"The other {len(rb.both) - len(frame)} eligible options win no draw.")
    if ev.winner is None:
        st.caption("Rating flips, stability intervals and the two-way chart need a single winner.")
        return
    sentence = hinge_sentence(ev)
    if sentence:
        st.markdown(f"**{esc(sentence)}**")
    left, right = st.columns(2)
    with left:
        _draw("rating_flips", key, ev, dark)
    with right:
        _draw("stability", key, ev, dark)
    left, right = st.columns(2)
    with left:
        if ev.two_way is not None:
            _draw("two_way", key, ev, dark)
    with right:
        with st.expander(f"Every rating the answer hinges on ({len(ev.rating_flips)})"):
            frame = flips_frame(ev, limit=None)
            if frame.empty:
                st.write("No single rating, moved anywhere on 0-5, changes the answer.")
            else:
                shown = frame[["label", "rating", "lo", "hi", "change", "flips_at", "winner_then"]]
                shown.columns = ["Rating", "Rated", "Range from", "Range to", "Answer changes if you",
                                 "Flips at", "Winner then"]
                st.dataframe(shown, hide_index=True, width="stretch")
        with st.expander("Stability intervals as a table"):
            frame = stability_frame(ev)
            shown = frame.assign(low=frame["shown_low"].round(2))[["criterion", "current", "low", "high_text"]]
            shown.columns = ["Criterion", "Your weight", "Holds from", "Holds up to"]
            st.dataframe(shown, hide_index=True, width="stretch")
