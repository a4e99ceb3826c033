"""Meeting mode (issue 7): several people weigh the criteria; the app shows each view and the group's.

The people live in this session's state as plain data (``KEY_PEOPLE``: a list
of dicts with a stable ``sid``, ``name``, ``role`` and ``weights``), not in
widget keys: Streamlit forgets the state of widgets it does not draw, and only
the selected person's editor is drawn. The editor's widgets (``pe:*`` keys)
are loaded from that list before they render and write back through their
callbacks. The group's weights, scores and disagreement come from
:func:`scoring.evaluate` (``scoring.group``); nothing is computed here.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Sequence

import pandas as pd
import streamlit as st

import charts
from criteria import Matrix, Profile, Stakeholder
from criteria.query import AGGREGATIONS, ROLES, Person, name_problem
from scoring import Evaluation
from scoring.group import decisive_outcome, roles_sentence
from ui import chart_specs
from ui.md import esc

KEY_MEETING = "meeting"
KEY_PEOPLE = "_people"
KEY_NEXT = "_next_sid"
KEY_AGG = "agg"
KEY_CW = "consulted_weight"
KEY_SEL = "person_sel"
KEY_NOTE = "_person_note"
KEY_NAME, KEY_ROLE, KEY_PROFILE = "pe:name", "pe:role", "pe:profile"
KEY_LOADED = "_pe_loaded"  # the sid (and list identity) whose values the editor's widgets hold
#: Earlier labels of the person picker -> sid. Streamlit's selectbox sends back the label it shows;
#: right after a rename (or a role change) the browser may still send the old label with the next
#: change, which matches no option and came back as a bare string: the person was lost, the profile
#: pick that travelled with it was ignored and the picker kept the old name (issue 16, item 4).
KEY_ALIASES = "_person_label_aliases"

ROLE_HELP = ("Decision-makers and consulted people weigh; informed people are listed in the record "
             "but do not weigh.")
AGG_LABELS = MappingProxyType({
    "arithmetic": "Average (arithmetic mean)",
    "geometric": "Agreement-seeking (geometric mean)",
})
AGG_HELP = (
    "Whatever scale a person used, their weights are first turned into shares of their total. Average: the group's share of a criterion is the mean of the people's shares. "
    "Agreement-seeking: the geometric mean, which pulls down criteria only some people care about and "
    "favours what the room agrees on (a zero counts as 1% of a person's weight, so nobody can veto a "
    "criterion by leaving it out)."
)


#: How much a consulted person's weights count against a decision-maker's: the choices offered.
CW_LABELS = MappingProxyType({1.0: "As much as decision-makers", 0.5: "Half as much", 0.0: "Not at all (advice only)"})
CW_HELP = ("How the roles count in the group's weights. Informed people never weigh. By default a consulted "
           "person's weights count as much as a decision-maker's; the group can count them half, or not at all "
           "(their own pick is still shown).")


def wkey(cid: str) -> str:
    return f"pe:w:{cid}"


def consulted_weight() -> float | None:
    """The group's choice, as the engine takes it: None for the default (as much as decision-makers)."""
    cw = st.session_state.get(KEY_CW)
    return None if cw is None or cw == 1 else float(cw)


def people() -> list[dict]:
    return st.session_state.setdefault(KEY_PEOPLE, [])


def _new_sid() -> int:
    sid = st.session_state.get(KEY_NEXT, 1)
    st.session_state[KEY_NEXT] = sid + 1
    return sid


def set_people(items: Sequence[Person]) -> None:
    """Replace the people (from a link or a restored bundle)."""
    st.session_state[KEY_PEOPLE] = [
        {"sid": _new_sid(), "name": p.name, "role": p.role, "weights": dict(p.weights)} for p in items
    ]
    st.session_state[KEY_SEL] = st.session_state[KEY_PEOPLE][0]["sid"] if items else None


def as_people() -> tuple[Person, ...]:
    return tuple(
        Person(p["name"], p["role"], tuple((c, int(w)) for c, w in p["weights"].items() if w > 0))
        for p in people()
    )


def stakeholders() -> list[Stakeholder]:
    """The people as the engine's stakeholders (informed people carry no weights)."""
    return [
        Stakeholder(name=p["name"], role=p["role"],
                    weights={} if p["role"] == "informed" else {c: float(w) for c, w in p["weights"].items() if w > 0})
        for p in people()
    ]


def _label(p: dict) -> str:
    return f"{p['name']} ({p['role']})"


def _selected_sid() -> int | None:
    """The picked person's sid, also when the browser sent a label from before a rename."""
    sel = st.session_state.get(KEY_SEL)
    if isinstance(sel, str):
        return st.session_state.get(KEY_ALIASES, {}).get(sel)
    return sel


def _selected() -> dict | None:
    sid = _selected_sid()
    return next((p for p in people() if p["sid"] == sid), None)


def _unique_name(base: str) -> str:
    names = {p["name"] for p in people()}
    n, name = 1, base
    while name in names:
        n += 1
        name = f"{base} {n}"
    return name


def on_toggle(single_weights: dict[str, int]) -> None:
    """Turning meeting mode on for the first time seats two people who start from the current weights."""
    if st.session_state.get(KEY_MEETING) and not people():
        for label in ("Person 1", "Person 2"):
            people().append({"sid": _new_sid(), "name": label, "role": "decision-maker",
                             "weights": dict(single_weights)})
        st.session_state[KEY_SEL] = people()[0]["sid"]


def _add(matrix: Matrix) -> None:
    sel = _selected()
    start = dict(sel["weights"]) if sel else {c: 5 for c in matrix.criterion_ids()}
    person = {"sid": _new_sid(), "name": _unique_name("Person"), "role": "decision-maker", "weights": start}
    people().append(person)
    st.session_state[KEY_SEL] = person["sid"]


def _remove() -> None:
    sel = _selected()
    if sel is None or len(people()) <= 1:
        return
    st.session_state[KEY_PEOPLE] = [p for p in people() if p["sid"] != sel["sid"]]
    st.session_state[KEY_SEL] = people()[0]["sid"]


def _save(matrix: Matrix) -> None:
    """Callback of every editor widget: copy the editor into the selected person."""
    sel = _selected()
    if sel is None:
        return
    st.session_state.pop(KEY_NOTE, None)
    name = str(st.session_state.get(KEY_NAME, sel["name"])).strip()
    problem = name_problem(name)
    if problem is None and name != sel["name"] and name in {p["name"] for p in people()}:
        problem = "two people cannot share a name"
    before = _label(sel)
    if problem:
        st.session_state[KEY_NOTE] = f"Name not changed: {problem}."
        st.session_state[KEY_NAME] = sel["name"]  # the field shows the name kept
    else:
        sel["name"] = name
    sel["role"] = st.session_state.get(KEY_ROLE, sel["role"])
    if _label(sel) != before:
        st.session_state.setdefault(KEY_ALIASES, {})[before] = sel["sid"]
        # Set again (a callback may): Streamlit then sends the picker its value, so it shows the new label.
        st.session_state[KEY_SEL] = sel["sid"]
    sel["weights"] = {c: int(st.session_state.get(wkey(c), sel["weights"].get(c, 0))) for c in matrix.criterion_ids()}


def _apply_profile(matrix: Matrix, profiles: Sequence[Profile]) -> None:
    sel = _selected()
    prof = next((p for p in profiles if p.id == st.session_state.get(KEY_PROFILE)), None)
    if sel is None or prof is None:
        return
    sel["weights"] = {c: int(round(prof.weights.get(c, 0))) for c in matrix.criterion_ids()}
    # Written here, in the callback, so the script never has to overwrite the editor's widgets: a
    # script-side reset raced the browser and swallowed the next pick after a rename (issue 16, item 4).
    for c, w in sel["weights"].items():
        st.session_state[wkey(c)] = w
    st.session_state[KEY_PROFILE] = ""


def render_editor(matrix: Matrix, profiles: Sequence[Profile]) -> None:
    """The people panel in the sidebar: aggregation, who is in the room, and the selected person's weights."""
    ss = st.session_state
    st.radio("Group weights", AGGREGATIONS, key=KEY_AGG, format_func=AGG_LABELS.__getitem__, help=AGG_HELP)
    choices = list(CW_LABELS)
    cw = ss.get(KEY_CW)
    if not isinstance(cw, (int, float)) or not 0 <= cw <= 1:
        ss[KEY_CW] = 1.0
    elif float(cw) not in choices:  # another share, from a restored bundle: offered as it is
        choices.append(float(cw))
    st.radio("Consulted people count", choices, key=KEY_CW, help=CW_HELP, horizontal=True,
             format_func=lambda v: CW_LABELS.get(v) or f"{v:g} of a decision-maker")
    st.caption(AGG_HELP.split(". ")[0] + "; " + roles_sentence(consulted_weight()) + ".")  # beside the weights
    items = people()
    sids = [p["sid"] for p in items]
    sid = _selected_sid()
    if ss.get(KEY_SEL) != sid or sid not in sids:  # a stale label resolved, or a person gone
        ss[KEY_SEL] = sid if sid in sids else sids[0]
    labels = {p["sid"]: _label(p) for p in items}
    st.selectbox("Person", sids, key=KEY_SEL, format_func=labels.__getitem__,
                 help="Pick whose weights to edit; each person has their own panel.")
    left, right = st.columns(2)
    left.button("Add person", on_click=_add, args=(matrix,), width="stretch")
    right.button("Remove", on_click=_remove, disabled=len(items) <= 1, width="stretch")
    sel = _selected()
    # Load the selected person into the editor's keys before the widgets are created, only when
    # another person (or another list: a link, a restored bundle) is shown. Between such changes
    # the widgets and their callbacks keep person and editor equal, and leaving the widgets alone
    # lets a change the browser sends during a rerun (a rename, then a profile pick) stand.
    loaded = (sel["sid"], id(items))
    if ss.get(KEY_LOADED) != loaded or KEY_NAME not in ss:
        ss[KEY_NAME], ss[KEY_ROLE], ss[KEY_PROFILE] = sel["name"], sel["role"], ""
        for c in matrix.criterion_ids():
            ss[wkey(c)] = int(sel["weights"].get(c, 0))
        ss[KEY_LOADED] = loaded
    st.text_input("Name", key=KEY_NAME, max_chars=60, on_change=_save, args=(matrix,))
    if ss.get(KEY_NOTE):
        st.warning(ss[KEY_NOTE])
    st.selectbox("Role", ROLES, key=KEY_ROLE, on_change=_save, args=(matrix,), help=ROLE_HELP)
    if sel["role"] == "informed":
        st.caption("Informed people do not weigh; they are listed in the decision record.")
        return
    usable = [p for p in profiles if set(p.weights) <= set(matrix.criterion_ids())]
    by_id = {p.id: p for p in usable}
    st.selectbox("Start from a profile", ["", *by_id], key=KEY_PROFILE,
                 format_func=lambda pid: by_id[pid].name if pid else "(keep these weights)",
                 on_change=_apply_profile, args=(matrix, usable))
    st.markdown(f"**{esc(sel['name'])}'s weights** (0 = ignore, 10 = decisive)")
    for c in matrix.criteria:
        st.slider(c.name, min_value=0, max_value=10, step=1, key=wkey(c.id), help=c.question,
                  on_change=_save, args=(matrix,))


def render_meeting(ev: Evaluation, matrix: Matrix, top: int | None, dark: bool, key: str) -> None:
    """The meeting tab: decisive people, each person's scores beside the group's, and the disagreement."""
    names = ev.option_names
    if ev.decisive:
        # Compared with the group's actual answer (a winner or a tie), person by person.
        st.warning("**Decisive:** " + "; ".join(f"leaving out {esc(n)} would {esc(decisive_outcome(ev, n))}"
                                                for n in ev.decisive) + ". Their view carries it.")
    else:
        st.success("Nobody is decisive: leaving out any one person keeps the group's answer.")
    st.caption(AGG_HELP + " In this group " + roles_sentence(ev.consulted_weight) + ".")
    chart_specs.draw("people", key, ev, matrix, top=top, dark=dark)  # key: chart_specs.view_key of this view
    if not charts.frames.disagreement_frame(ev).empty:
        chart_specs.draw("disagreement", key, ev, matrix, dark=dark)
    rows = []
    for s in ev.stakeholders:
        own = names.get(s.winner, "") if s.winner else (" and ".join(names[o] for o in s.tie) or "")
        heavy = sorted(((w, c) for c, w in s.weights.items() if w > 0), reverse=True)[:3]
        rows.append({"Person": s.name, "Role": s.role, "Would pick alone": own or "(does not weigh)",
                     "Weighs most": ", ".join(ev.criterion_names[c] for _, c in heavy)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
