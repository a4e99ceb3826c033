"""Session state <-> widgets <-> URL.

All per-user state lives in ``st.session_state`` (one per browser session)
and in the URL; nothing here is module-level mutable. The flow of one run:

1. :func:`init_from_url` (first run of a session, or a new matrix): read the
   query string with :func:`criteria.query.decode`, fill the widget keys, keep
   the notes about ignored parameters for display.
2. Widgets render from those keys; callbacks (:func:`apply_profile`,
   :func:`apply_answers`) rewrite the weight keys before the next run.
3. :func:`write_url` encodes the widgets' current state back into the URL, so
   the address bar always holds a link that reproduces the view.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import streamlit as st

from criteria import Matrix, Profile, Requirements
from criteria.query import Person, ViewState, decode, encode
from criteria.questionnaire import QUESTIONS, weights_from_answers
from ui import meeting

KEY_PROFILE = "profile"
KEY_MUST = "must_sel"
KEY_OPTIONS = "options"
KEY_NOTES = "url_notes"
KEY_PYTHON = "python"  # oldest Python the project must run on; NO_PYTHON = no constraint
NO_PYTHON = ""
KEY_INIT = "_state_for"
KEY_SOURCE = "_weights_from"  # what set the weights last: a profile name or "questionnaire"
CUSTOM = ""  # profile selectbox value: no profile
DEFAULT_PROFILE = "balanced"
MUST_DEFAULT = 3.0


def wkey(cid: str) -> str:
    return f"w:{cid}"


def mkey(cid: str) -> str:
    return f"m:{cid}"


def qkey(qid: str) -> str:
    return f"q:{qid}"


def signature(matrix: Matrix) -> str:
    """Identifies a matrix's shape: state is re-initialised when criteria or options change."""
    return "|".join(matrix.criterion_ids()) + "#" + "|".join(matrix.option_ids())


def usable_profiles(matrix: Matrix, profiles: Sequence[Profile]) -> list[Profile]:
    """Profiles whose criteria all exist in this matrix (a custom matrix may have others)."""
    ids = set(matrix.criterion_ids())
    return [p for p in profiles if set(p.weights) <= ids and set(p.must_have) <= ids]


def _profile(profiles: Sequence[Profile], pid: str | None) -> Profile | None:
    return next((p for p in profiles if p.id == pid), None)


def _set_weights(matrix: Matrix, weights: Mapping[str, float]) -> None:
    for cid in matrix.criterion_ids():
        st.session_state[wkey(cid)] = int(round(weights.get(cid, 0)))


def _set_must(matrix: Matrix, must: Mapping[str, float]) -> None:
    ids = [c for c in matrix.criterion_ids() if c in must]
    st.session_state[KEY_MUST] = ids
    for cid in ids:
        st.session_state[mkey(cid)] = float(must[cid])


def init_from_url(matrix: Matrix, profiles: Sequence[Profile]) -> None:
    """Fill the widget keys from the URL once per session (and again for a new matrix)."""
    ss = st.session_state
    sig = signature(matrix)
    if ss.get(KEY_INIT) == sig:
        return
    usable = usable_profiles(matrix, profiles)
    # The link describes the view the session opened with; after a switch of
    # matrix (an upload, or back) its ids belong to the other matrix, so start fresh.
    switched = KEY_INIT in ss
    # get_all keeps repeated parameters visible to the codec, which notes them.
    params = {} if switched else {k: st.query_params.get_all(k) for k in st.query_params}
    parsed = decode(params, criteria=matrix.criterion_ids(), options=matrix.option_ids(),
                    profiles=[p.id for p in usable])
    state = parsed.state
    if state.profile is None and (state.weights is not None or "profile" in params):
        pid = CUSTOM  # weights given without a profile: the link's weights stand alone
    elif state.profile is not None:
        pid = state.profile
    else:
        pid = DEFAULT_PROFILE if _profile(usable, DEFAULT_PROFILE) else (usable[0].id if usable else CUSTOM)
    prof = _profile(usable, pid)
    ss[KEY_PROFILE] = pid
    if state.weights is not None:
        # Beside a profile the link's weights override the profile's criterion by criterion.
        _set_weights(matrix, {**(prof.weights if prof else {}), **state.weights})
        ss[KEY_SOURCE] = "link"
    elif prof is not None:
        _set_weights(matrix, prof.weights)
        ss[KEY_SOURCE] = prof.name
    else:
        _set_weights(matrix, {c: 5 for c in matrix.criterion_ids()})
        ss[KEY_SOURCE] = "equal weights"
    # The profile's must-haves apply unless the link names the criterion (0 removes one).
    must = {**(prof.must_have if prof else {}), **(state.must_have or {})}
    _set_must(matrix, {c: v for c, v in must.items() if v > 0})
    ss[KEY_OPTIONS] = list(state.options) if state.options else matrix.option_ids()
    if state.people:
        meeting.set_people(state.people)
    else:
        ss[meeting.KEY_PEOPLE] = []
    ss[meeting.KEY_MEETING] = bool(state.people)
    ss[meeting.KEY_AGG] = state.aggregation or "arithmetic"
    ss[KEY_PYTHON] = state.python or NO_PYTHON
    ss[meeting.KEY_CW] = 1.0 if state.consulted_weight is None else state.consulted_weight
    if state.title is not None:
        ss["title"] = state.title
    if state.context is not None:
        ss["context"] = state.context
    ss[KEY_NOTES] = parsed.notes
    ss[KEY_INIT] = sig


def apply_requirements(matrix: Matrix, profiles: Sequence[Profile], req: Requirements) -> None:
    """Put restored requirements (a decision bundle) into the widgets, before they render."""
    ss = st.session_state
    usable = usable_profiles(matrix, profiles)
    ss[KEY_PROFILE] = req.profile if _profile(usable, req.profile) else CUSTOM
    _set_weights(matrix, req.weights)
    _set_must(matrix, req.must_have)
    ss[KEY_OPTIONS] = list(req.options) if req.options else matrix.option_ids()
    ss["title"] = req.title or ""
    ss["context"] = req.context or ""
    ss[KEY_PYTHON] = req.python or NO_PYTHON
    ss[KEY_SOURCE] = "restored bundle"
    ss[meeting.KEY_MEETING] = bool(req.stakeholders)
    ss[meeting.KEY_AGG] = req.aggregation
    ss[meeting.KEY_CW] = 1.0 if req.consulted_weight is None else req.consulted_weight
    if req.stakeholders:
        by_id = {p.id: p for p in profiles}
        seated = []
        for s in req.stakeholders:
            # A person may name a profile; their own weights override it criterion by criterion.
            base = dict(by_id[s.profile].weights) if s.profile in by_id else {}
            weights = {**base, **s.weights}
            seated.append(Person(s.name, s.role, tuple((c, int(round(w))) for c, w in weights.items()
                                                     if c in matrix.criterion_ids())))
        meeting.set_people(seated)


def apply_profile(matrix: Matrix, profiles: Sequence[Profile]) -> None:
    """Callback of the profile picker: its weights and must-haves replace the current ones."""
    prof = _profile(profiles, st.session_state.get(KEY_PROFILE))
    if prof is None:
        return  # "custom" keeps whatever the sliders hold
    _set_weights(matrix, prof.weights)
    _set_must(matrix, prof.must_have)
    st.session_state[KEY_SOURCE] = prof.name


def answers() -> dict[str, str]:
    """The questionnaire answers given so far (question id -> answer id)."""
    out = {}
    for q in QUESTIONS:
        value = st.session_state.get(qkey(q.id))
        if value is not None:
            out[q.id] = value
    return out


def apply_answers(matrix: Matrix) -> None:
    """Callback of the questionnaire's button: the answers' weights replace the sliders'."""
    result = weights_from_answers(answers(), matrix.criterion_ids())
    _set_weights(matrix, result.weights)
    if result.python_answered:
        st.session_state[KEY_PYTHON] = result.python or NO_PYTHON
    st.session_state[KEY_PROFILE] = CUSTOM
    st.session_state[KEY_SOURCE] = "questionnaire"


def current(matrix: Matrix, profiles: Sequence[Profile] | None = None) -> ViewState:
    """The state the widgets hold now (``profiles``: to mark the selected profile's removed must-haves)."""
    ss = st.session_state
    texts = dict(title=ss.get("title") or None, context=ss.get("context") or None)
    weights = {c: int(ss.get(wkey(c), 0)) for c in matrix.criterion_ids()}
    must = {c: float(ss[mkey(c)]) for c in ss.get(KEY_MUST, []) if mkey(c) in ss}
    chosen = tuple(o for o in matrix.option_ids() if o in ss.get(KEY_OPTIONS, []))
    python = ss.get(KEY_PYTHON) or None
    if ss.get(meeting.KEY_MEETING) and meeting.people():
        return ViewState(must_have=must, options=chosen, people=meeting.as_people(),
                         aggregation=ss.get(meeting.KEY_AGG) or "arithmetic",
                         consulted_weight=meeting.consulted_weight(), python=python, **texts)
    pid = ss.get(KEY_PROFILE) or None
    if pid is not None:
        # A profile's must-have the user removed is written as 0, or the link would bring it back.
        prof = _profile(profiles or (), pid)
        must = {**{c: 0.0 for c in (prof.must_have if prof else {}) if c not in must}, **must}
    return ViewState(profile=pid, weights=weights, must_have=must, options=chosen, python=python, **texts)


def write_url(state: ViewState, matrix: Matrix, profiles: Sequence[Profile] = ()) -> None:
    """Put the state in the address bar (only when it changed, to avoid needless history churn)."""
    prof = _profile(profiles, state.profile)
    params = encode(state, all_options=matrix.option_ids(), profile_weights=prof.weights if prof else None)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
