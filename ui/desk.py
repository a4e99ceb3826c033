"""stackwise decision desk: weighted requirements in, an explained recommendation out.

The page itself; ``app.py`` (``streamlit run app.py``) and ``stackwise app`` both run
:func:`main`, so an installed package and a checkout draw the same page. UI only: the numbers come from
:func:`scoring.evaluate`, the data from :mod:`criteria`, the charts from
:mod:`charts`. One evaluation per run feeds the headline, the verdict, every
chart and the tables, so they can never disagree.
"""
from __future__ import annotations

import os

import streamlit as st

from criteria import InputError, Requirements
from criteria.query import MAX_CONTEXT_CHARS
from scoring import evaluate
from ui import answer, chart_specs, editor, evidence, insights, intake, loaders, meeting, records_view, state
from ui import pairwise_intake, uncertainty_view
from ui.md import esc
from ui.upload import active_matrix

def _which(uploaded: str | None) -> str:
    if uploaded == editor.EDITOR_NAME:
        return uploaded
    if uploaded:
        return f"your uploaded matrix '{esc(uploaded)}'"
    if os.environ.get(loaders.MATRIX_ENV):
        return f"the matrix at {esc(os.environ[loaders.MATRIX_ENV])}"
    return "the shipped matrix"


def main() -> None:
    st.set_page_config(page_title="stackwise decision desk", page_icon=":material/balance:", layout="wide")
    try:
        # The path is the cache key: a cached call without it would keep whichever matrix came first.
        shipped = loaders.shipped_matrix(os.environ.get(loaders.MATRIX_ENV) or None)
        profiles = loaders.profiles()
    except InputError as exc:
        st.error("The shipped data does not load, so there is nothing to decide on:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    if "room" in st.query_params:  # a decision room (issue 18) is a page of its own
        from ui.room_view import render_room
        return render_room(profiles)
    if editor.is_open():  # before the matrix is chosen: what is typed now is what this run decides on
        editor.render(active_matrix(shipped)[0])
    matrix, uploaded = active_matrix(shipped)
    state.init_from_url(matrix, profiles)
    # Containers fix the sidebar's visual order; the restore runs first so a restored
    # bundle fills the widget keys before the intake widgets are created in this run.
    intake_box, restore_box = st.sidebar.container(), st.sidebar.container()
    with restore_box, st.expander("Restore a decision bundle"):
        restored = records_view.render_restore(matrix)
    if restored is not None:
        state.apply_requirements(matrix, profiles, restored)
        if restored.pairwise is not None:  # weights from pairwise judgments: sliders and comparisons
            pairwise_intake.restore(matrix, restored.pairwise)
    intake.render(matrix, profiles, intake_box)
    view = state.current(matrix, profiles)
    state.write_url(view, matrix, profiles)

    # The FAQ, the code examples and the default title are about the shipped frameworks;
    # a team's own matrix (uploaded, or $STACKWISE_MATRIX) may be about anything.
    own_matrix = uploaded is not None or bool(os.environ.get(loaders.MATRIX_ENV))
    default_title = "Which Python web framework?"
    if own_matrix:
        default_title = (matrix.meta.title if matrix.meta and matrix.meta.title else None) or "Which option fits best?"
    title = st.session_state.get("title") or default_title
    st.title(esc(title))
    if uploaded:
        link = (". The link does not hold your uploaded matrix: opened elsewhere it shows the shipped matrix. "
                "To share this decision, send the matrix file with the decision record (its tab below); "
                "the recipient uploads the matrix, then restores the record's bundle.")
    else:
        link = "; the address bar always holds a link to this exact view."
        if len(st.session_state.get("context") or "") > MAX_CONTEXT_CHARS:
            link += (f" (The context is too long for the link, over {MAX_CONTEXT_CHARS:,} characters: "
                     "the decision record keeps it.)")
    st.caption(
        f"Deciding on {_which(uploaded)}"
        f" ({len(matrix.options)} options, {len(matrix.criteria)} criteria"
        + (f", checked {matrix.meta.checked}" if matrix.meta else "") + "). "
        "Set your requirements in the sidebar" + link
    )
    notes = st.session_state.get(state.KEY_NOTES) or []
    if notes:
        st.warning("Some parts of the link could not be used and were ignored:\n\n"
                   + "\n".join(f"- {esc(n)}" for n in notes))

    if not view.options:
        st.warning("Choose at least one option to compare in the sidebar.")
        return
    must = {c: v for c, v in (view.must_have or {}).items() if v > 0}  # 0: a profile's must-have removed
    common = dict(
        title=st.session_state.get("title") or None,
        context=st.session_state.get("context") or None,
        must_have=must,
        options=list(view.options),
        python=view.python,
    )
    if view.people is not None:  # meeting mode: the engine aggregates the people's weights
        requirements = Requirements(stakeholders=meeting.stakeholders(), aggregation=view.aggregation,
                                    consulted_weight=view.consulted_weight, **common)
    elif not any(view.weights.values()):
        st.warning("Every weight is 0, so nothing separates the options: move at least one weight slider above 0.")
        return
    else:
        # A restored bundle merges its profile under its weights (issue 16), so beside a profile the
        # zeros are kept; a removed profile must-have cannot be said that way, so the profile is then
        # only the starting point and is not recorded.
        removed = len(must) < len(view.must_have or {})
        profile = None if removed else view.profile
        requirements = Requirements(
            profile=profile, weights={c: float(w) for c, w in view.weights.items() if w > 0 or profile}, **common
        )
    try:
        ev = evaluate(matrix, requirements)
    except InputError as exc:
        st.error("These requirements cannot be evaluated:")
        st.code(str(exc), language=None, wrap_lines=True)
        return

    group = view.people is not None
    answer.render_headline(ev, group=group)
    answer.render_verdict(ev)
    top = answer.top_n(ev)
    dark = answer.page_is_dark()
    key = chart_specs.view_key(matrix, requirements)  # the charts' cache key: what determines them
    names = (["Meeting"] if group else []) + ["Charts", "Evidence", "Pros and cons", "FAQ", "Code side by side",
                                              "Decision record"]
    tabs = dict(zip(names, st.tabs(names)))
    if group:
        with tabs["Meeting"]:
            meeting.render_meeting(ev, matrix, top, dark, key)
    with tabs["Charts"]:
        answer.render_charts(ev, matrix, top, dark, key)
        uncertainty_view.render(ev, matrix, dark, key)  # issue 15: what the answer hinges on
    with tabs["Evidence"]:
        evidence.render_explorer(ev, matrix)
        evidence.render_bibliography(matrix)
    with tabs["Pros and cons"]:
        insights.render_pros_cons(ev, matrix)
    with tabs["FAQ"]:
        insights.render_faq(matrix, not own_matrix)
    with tabs["Code side by side"]:
        insights.render_code(matrix, not own_matrix)
    with tabs["Decision record"]:
        st.caption("An architecture decision record (MADR) of this exact view: the title and context from the "
                   "sidebar, the requirements, the answer, the charts and the evidence. Restore its bundle later "
                   "from the sidebar to reopen the decision.")
        records_view.render_download(requirements, matrix, ask_text=False)
        with st.expander("Decision log: earlier records and whether they still hold"):
            records_view.render_decision_log(records_view.DEFAULT_FOLDER, matrix)
