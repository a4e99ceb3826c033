"""The sidebar: profile, questionnaire, weights, must-haves, options, title and context."""
from __future__ import annotations

from typing import Sequence

import streamlit as st

from criteria import Matrix, Profile
from criteria.questionnaire import QUESTIONS, explain, question, weights_from_answers
from ui import editor, meeting, pairwise_intake, state
from ui.md import esc
from ui.upload import render_upload


def render(matrix: Matrix, profiles: Sequence[Profile], box=None) -> None:
    """The intake widgets, in ``box`` (a sidebar container; default the sidebar itself)."""
    usable = state.usable_profiles(matrix, profiles)
    names = {c.id: c.name for c in matrix.criteria}
    with box if box is not None else st.sidebar:
        st.header("Your requirements")
        single = {c: int(st.session_state.get(state.wkey(c), 0)) for c in matrix.criterion_ids()}
        st.toggle("Meeting mode: several people weigh", key=meeting.KEY_MEETING,
                  on_change=meeting.on_toggle, args=(single,),
                  help="Each person sets their own weights; the app shows where they agree, where they do not, "
                       "and the group's answer.")
        if st.session_state.get(meeting.KEY_MEETING):
            meeting.render_editor(matrix, usable)
            _keep_single_weights(matrix)
        else:
            _profile_picker(matrix, usable)
            _questionnaire(matrix, names)
            pairwise_intake.render(matrix)  # issue 15: weights from pairwise comparisons (AHP)
            _weights(matrix)
        _must_haves(matrix, names)
        _python(matrix)
        st.subheader("Options")
        st.multiselect(
            "Options to compare", matrix.option_ids(), key=state.KEY_OPTIONS,
            format_func=lambda oid: matrix.option(oid).name,
            help="Every option in the matrix by default. Removing one never reorders the others.",
        )
        st.subheader("For the decision record")
        # Profiles fit only the shipped framework catalog: without them the matrix is about something else.
        example = "Framework for the partner API" if usable else "Which option for the reporting service"
        st.text_input("Decision title", key="title", max_chars=300, placeholder=f"e.g. {example}")
        st.text_area("Context", key="context", max_chars=20_000, height=90,
                     placeholder="Why are we deciding? Constraints, deadlines, people.")
        render_upload(editor.render_toggle)


def _profile_picker(matrix: Matrix, usable: Sequence[Profile]) -> None:
    by_id = {p.id: p for p in usable}
    options = [state.CUSTOM, *by_id]
    if st.session_state.get(state.KEY_PROFILE) not in options:
        st.session_state[state.KEY_PROFILE] = state.CUSTOM
    st.selectbox(
        "Project profile", options, key=state.KEY_PROFILE,
        format_func=lambda pid: by_id[pid].name if pid else "Custom (set the weights yourself)",
        on_change=state.apply_profile, args=(matrix, usable),
        help="A preset of weights and must-haves for a common kind of project. Fine-tune below.",
    )
    prof = by_id.get(st.session_state[state.KEY_PROFILE])
    if prof is not None:
        # Name the sources as people know them (publisher, year), not by their ids.
        known = {src.id: src for src in matrix.sources}
        named = [f"{known[sid].publisher} ({known[sid].published[:4]})" if sid in known else sid
                 for sid in prof.sources]
        cited = f" Follows the guidance of: {', '.join(named)}." if named else ""
        st.caption(esc(prof.description + cited))
    else:
        # Always one element here: had it vanished when the questionnaire's button switched the
        # profile to custom, the questionnaire below would be redrawn, collapsed (issue 16, item 13).
        st.caption("Custom weights: set them below, or from the questions.")


def _questionnaire(matrix: Matrix, names: dict[str, str]) -> None:
    # Open once its answers set the weights, so "which answer moved which weight" stays in view.
    with st.expander("Or answer a few questions", expanded=st.session_state.get(state.KEY_SOURCE) == "questionnaire"):
        st.caption("Your answers set the weights; the list below shows which answer moved which weight.")
        for q in QUESTIONS:
            labels = {a.id: a.label for a in q.answers}
            st.radio(q.text, list(labels), key=state.qkey(q.id), index=None,
                     format_func=labels.__getitem__, help=q.help)
        given = state.answers()
        result = weights_from_answers(given, matrix.criterion_ids())
        st.button("Set the weights from these answers", on_click=state.apply_answers, args=(matrix,),
                  disabled=not given, type="primary", width="stretch")
        rows = explain(result, names)
        if rows:
            st.markdown("**Which answer moved which weight** (all start at 5):")
            st.markdown("\n".join(f"- **{esc(r['criterion'])}** → {r['weight']}: {esc(r['changes'])}" for r in rows))
        if result.python_answered:
            label = next(a.label for a in question("python").answers if (a.python or None) == result.python)
            st.markdown(f"**Python requirement** → {esc(result.python or 'none')}: from \u201c{esc(label)}\u201d "
                        "(a constraint, not a weight: the button sets it below the must-haves).")


def _weights(matrix: Matrix) -> None:
    st.subheader("Weights")
    source = st.session_state.get(state.KEY_SOURCE)
    st.caption(
        "How much each criterion matters: 0 = ignore, 10 = decisive. Only the ratios count."
        + (f" Last set from: {source}." if source else "")
    )
    groups: dict[str, list] = {}
    for c in matrix.criteria:
        groups.setdefault(c.group or "Other", []).append(c)
    for group, members in groups.items():
        if len(groups) > 1:
            st.markdown(f"**{esc(group.capitalize())}**")
        for c in members:
            st.slider(c.name, min_value=0, max_value=10, step=1, key=state.wkey(c.id), help=c.question)


#: Said wherever an unanchored criterion's ratings are read (issue 19).
UNANCHORED_NOTE = ("Unanchored: this matrix gives no meaning for each rating of this criterion, "
                   "so its 0-5 ratings are the raters' own judgement.")


def _must_haves(matrix: Matrix, names: dict[str, str]) -> None:
    st.subheader("Must-haves")
    st.multiselect(
        "Criteria with a minimum rating", matrix.criterion_ids(), key=state.KEY_MUST,
        format_func=names.__getitem__,
        help="An option rated below the minimum on any of these is ruled out, whatever its score.",
    )
    for cid in st.session_state.get(state.KEY_MUST, []):
        key = state.mkey(cid)
        # Only a new must-have needs a starting value; passing one for a key that
        # already holds a value would make Streamlit warn and ignore it.
        extra = {} if key in st.session_state else {"value": state.MUST_DEFAULT}
        anchors = matrix.criterion(cid).anchors()
        scale_help = ("Rating scale: " + " ".join(f"{k} = {v}" for k, v in anchors.items()) if anchors else
                      UNANCHORED_NOTE)
        st.slider(f"{names[cid]}: at least", min_value=0.5, max_value=5.0, step=0.5, key=key, format="plain",
                  help=scale_help, **extra)


def _python(matrix: Matrix) -> None:
    """The oldest Python the project must run on: options whose rated release needs a newer one are ruled out."""
    from criteria.pyversions import PYTHON_MINORS

    choices = [state.NO_PYTHON, *PYTHON_MINORS]
    if st.session_state.get(state.KEY_PYTHON) not in choices:
        st.session_state[state.KEY_PYTHON] = state.NO_PYTHON
    st.selectbox(
        "Oldest Python it must run on", choices, key=state.KEY_PYTHON,
        format_func=lambda v: f"Python {v}" if v else "No constraint",
        help="Options whose rated release does not install on this Python (its Requires-Python on PyPI) are "
             "ruled out; the verdict names the newest release that would.",
    )
    if st.session_state.get(state.KEY_PYTHON):
        unknown = [o.name for o in matrix.options if o.python is None]
        if unknown:
            st.caption(esc("Cannot be checked (no Python support recorded in the matrix): " + ", ".join(unknown)
                           + ". They are not ruled out; the verdict names them."))


def _keep_single_weights(matrix: Matrix) -> None:
    """Streamlit drops the state of widgets it does not draw; keep the one-person weights for later."""
    for key in [state.KEY_PROFILE, *(state.wkey(c) for c in matrix.criterion_ids())]:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
