"""Tabs beyond the numbers: pros and cons, the FAQ, and the code side by side."""
from __future__ import annotations

import importlib.util

import streamlit as st

from criteria import InputError, Matrix
from scoring import Evaluation
from ui import loaders
from ui.evidence import VERDICT_BADGE, source_link
from ui.faq import check_citations, linked
from ui.md import esc
from ui.proscons import Point, pros_and_cons


def _point_line(p: Point) -> str:
    rel = f", {p.relative}" if p.relative else ""
    cites = ", ".join(source_link(s) for s in p.sources) or "no source confirms it"
    text = (f"- **{esc(p.criterion_name)}** ({p.rating:g}/5{rel}; your weight {p.weight:g}): {esc(p.rationale)} "
            f"Sources: {cites}.")
    if p.doubtful:
        text += f" Also cited, but marked outdated, wrong or unverified: {', '.join(source_link(s) for s in p.doubtful)}."
    return text


def render_pros_cons(ev: Evaluation, matrix: Matrix) -> None:
    st.caption(
        "Derived from the ratings, not written by hand: a pro is a rating of 4-5 (or the best of the compared "
        "options at 3 or more), a con a rating of 0-2 (or the lowest at 3 or less). What you weigh most comes first."
    )
    order = [r.option for r in ev.ranking]
    cards = pros_and_cons(matrix, order, ev.weights)
    per_row = min(3, len(cards))
    for start in range(0, len(cards), per_row):
        cols = st.columns(per_row)
        for col, card in zip(cols, cards[start:start + per_row]):
            with col, st.container(border=True):
                st.markdown(f"#### {esc(card.name)}")
                st.markdown("**Pros**")
                st.markdown("\n".join(_point_line(p) for p in card.pros) or "- None stands out.")
                st.markdown("**Cons**")
                st.markdown("\n".join(_point_line(p) for p in card.cons) or "- None stands out.")


def render_faq(matrix: Matrix, shipped: bool) -> None:
    if not shipped:
        st.info("The FAQ is about the shipped frameworks and cites the shipped bibliography; "
                "it is hidden while you decide on your own matrix.")
        return
    try:
        entries = loaders.faq_entries()
        check_citations(entries, [s.id for s in matrix.sources])
    except InputError as exc:
        st.error("The FAQ file does not load:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    st.caption("Each answer cites its sources by id; the Evidence tab lists them under Sources, at its foot. "
               "Where a comparison page answered the same question, its claim is shown with our verdict.")
    for entry in entries:
        with st.expander(entry.question, expanded=True):
            st.markdown(linked(entry.answer))
            for claim in entry.seed_claims:
                note = f" {esc(claim.note)}" if claim.note else ""
                st.markdown(f"{VERDICT_BADGE[claim.verdict]} {source_link(claim.source)} said: "
                            f"*{esc(claim.claim)}*{note}")


def render_code(matrix: Matrix, shipped: bool) -> None:
    """The Flask/FastAPI examples (ui/code_view.py, written alongside this app)."""
    if not shipped:
        st.info("The code examples compare Flask and FastAPI; they are hidden while you decide on your own matrix.")
        return
    if importlib.util.find_spec("ui.code_view") is None:
        st.info("The side-by-side code examples are not installed in this build.")
        return
    from ui.code_view import render_code_view

    try:
        tasks = loaders.example_tasks()
    except InputError as exc:
        st.error("The code examples do not load:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    render_code_view(st, tasks, {c.id: c for c in matrix.criteria},
                     source_titles={s.id: s.title for s in matrix.sources})
