"""Decision rooms in the app (issue 18): ``?room=ID`` is a participant's page, ``&token=...`` opens
one's own entry (participant token) or the facilitator's view (facilitator token).

UI only: the rooms, entries and tokens live in :mod:`rooms.store`, the group's
answer is meeting mode's evaluation (:mod:`rooms.results`), and the weights are
set with the desk's own intake widgets (profile, questionnaire, sliders).
"""
from __future__ import annotations

import os
from typing import Sequence

import pandas as pd
import streamlit as st

from criteria import InputError, Matrix, Profile
from rooms import tokens
from rooms.database import engine_for, resolve_url
from rooms.results import group_evaluation, make_room_record, without_weights
from rooms.store import (MAX_NAME_CHARS, ROLES, Entry, Room, close, entry_for_token, revision, room_and_entries,
                         set_revealed, submit)
from scoring import Evaluation
from scoring.verdict import pct
from ui import answer, intake, state
from ui.md import esc

#: Seconds between refreshes of the facilitator's live view (a one-integer poll when nothing changed).
LIVE_SECONDS = 2.0
KEY_NAME, KEY_ROLE, KEY_LOADED, KEY_DONE = "room:name", "room:role", "room:loaded", "room:done"
KEY_CACHE = "room:evaluation"
ROLE_LABELS = {"decision-maker": "Decision-maker (weighs)", "consulted": "Consulted (weighs)",
               "informed": "Informed (listed, does not weigh)"}


def render_room(profiles: Sequence[Profile]) -> None:
    """The whole page for a ``?room=`` link."""
    room_id = st.query_params.get("room", "")
    token = st.query_params.get("token") or None
    try:
        engine = engine_for(resolve_url(None))
        room, entries = room_and_entries(engine, room_id)
    except InputError as exc:
        st.title("Decision room")
        st.error("This room cannot be opened:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.caption("Check the link, or ask the facilitator for a new one.")
        return
    st.title(esc(room.title))
    if token is not None and tokens.kind(token) == "facilitator":
        if not tokens.matches(token, room.facilitator_hash):
            st.error("This link's token is not this room's facilitator token. Use the facilitator link "
                     "printed when the room was created.")
            return
        _facilitator(engine, room.id, token)
        return
    entry = None
    if token is not None:
        entry = entry_for_token(entries, token)
        if entry is None:
            st.error("This personal link's token does not open any entry in this room. Use the link you were "
                     "given when you submitted, or the invite link to take part under another name.")
            return
    _participant(engine, room, entry, token, profiles)


# --------------------------------------------------------------------------- participant

def _link(room_id: str, token: str | None = None) -> str:
    """An absolute link into this room on the address the browser uses."""
    url = getattr(st.context, "url", None) or os.environ.get("STACKWISE_BASE_URL") or "http://localhost:8501"
    base = url.split("?", 1)[0].rstrip("/")
    return f"{base}/?room={room_id}" + (f"&token={token}" if token else "")


def _slider_weights(weights: dict[str, float], matrix: Matrix) -> dict[str, int]:
    """An entry's weights on the sliders' 0-10 scale (entries from the CLI may use any scale: ratios kept)."""
    top = max(weights.values(), default=0.0)
    scale = 10.0 / top if top > 10 else 1.0
    return {c: int(round(weights.get(c, 0.0) * scale)) for c in matrix.criterion_ids()}


def _load_intake(room: Room, entry: Entry | None, matrix: Matrix, profiles: Sequence[Profile]) -> None:
    """Fill the intake's keys once per room and entry (afterwards the widgets own them)."""
    ss = st.session_state
    marker = (room.id, entry.id if entry else None)
    if ss.get(KEY_LOADED) == marker:
        return
    usable = state.usable_profiles(matrix, profiles)
    default = next((p for p in usable if p.id == state.DEFAULT_PROFILE), usable[0] if usable else None)
    if entry is not None:
        weights = _slider_weights(entry.weights, matrix)
        ss[state.KEY_PROFILE], ss[state.KEY_SOURCE] = state.CUSTOM, "your entry"
        ss[KEY_NAME], ss[KEY_ROLE] = entry.name, entry.role
    else:
        weights = {c: int(round(default.weights.get(c, 0))) if default else 5 for c in matrix.criterion_ids()}
        ss[state.KEY_PROFILE] = default.id if default else state.CUSTOM
        ss[state.KEY_SOURCE] = default.name if default else "equal weights"
        ss.setdefault(KEY_ROLE, ROLES[0])
    for c, w in weights.items():
        ss[state.wkey(c)] = w
    ss[KEY_LOADED] = marker


def _participant(engine, room: Room, entry: Entry | None, token: str | None,  # type: ignore[no-untyped-def]
                 profiles: Sequence[Profile]) -> None:
    matrix = room.matrix()
    names = {c.id: c.name for c in matrix.criteria}
    options = ", ".join(matrix.option(o).name for o in (room.options or matrix.option_ids()))
    st.caption(f"Decision room. Options: {esc(options)}. Weigh on your own: nobody sees your weights until the "
               "facilitator reveals them, so nobody anchors on anybody else.")
    done = st.session_state.pop(KEY_DONE, None)
    if done:
        st.success(done["message"])
        if done.get("link"):
            st.markdown("**Your personal link** (keep it: it is the only way to change your entry, and it opens "
                        "nobody else's):")
            st.code(done["link"], language=None, wrap_lines=True)
    if room.closed:
        st.warning(f"This room closed at {esc(room.closed_at or '')}: it accepts no more changes.")
        if entry is not None:
            st.markdown(f"Your entry, as **{esc(entry.name)}** ({esc(entry.role)}):")
            st.table(pd.DataFrame([{"Criterion": names.get(c, c), "Weight": f"{w:g}"}
                                   for c, w in sorted(entry.weights.items(), key=lambda kv: -kv[1]) if w > 0]))
        return
    _load_intake(room, entry, matrix, profiles)
    if entry is not None:
        st.info(f"You are editing **{esc(entry.name)}**'s entry (submitted {esc(entry.submitted_at)}). "
                "Change your weights and submit again to replace it.")
    left, right = st.columns(2)
    left.text_input("Your name", key=KEY_NAME, max_chars=MAX_NAME_CHARS, disabled=entry is not None,
                    help="How the room lists you. Fixed once you have submitted.")
    right.selectbox("Your role", ROLES, key=KEY_ROLE, format_func=ROLE_LABELS.__getitem__,
                    help="Decision-makers and consulted people weigh; informed people are listed in the record.")
    informed = st.session_state.get(KEY_ROLE) == "informed"
    if informed:
        st.caption("Informed people do not weigh: submitting lists you in the room and its record.")
    else:
        usable = state.usable_profiles(matrix, profiles)
        # The desk's own intake: profile, questionnaire, a slider per criterion.
        intake._profile_picker(matrix, usable)
        intake._questionnaire(matrix, names)
        intake._weights(matrix)
    st.button("Replace my entry" if entry else "Submit my weights", type="primary", key="room:submit",
              on_click=_submit, args=(engine, room, entry, token, matrix))
    error = st.session_state.pop("room:error", None)
    if error:
        st.error("Not submitted:")
        st.code(error, language=None, wrap_lines=True)


def _submit(engine, room: Room, entry: Entry | None, token: str | None, matrix: Matrix) -> None:  # type: ignore[no-untyped-def]
    ss = st.session_state
    role = ss.get(KEY_ROLE, ROLES[0])
    weights = {} if role == "informed" else {
        c: float(ss.get(state.wkey(c), 0)) for c in matrix.criterion_ids() if ss.get(state.wkey(c), 0) > 0}
    name = entry.name if entry else str(ss.get(KEY_NAME, ""))
    try:
        done = submit(engine, room.id, name=name, role=role, weights=weights, token=token, source="your weights")
    except InputError as exc:
        ss["room:error"] = str(exc)
        return
    # Say back what was stored, so a person can check it is what the sliders showed.
    names = {c.id: c.name for c in matrix.criteria}
    heavy = sorted(done.entry.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    stored = ("; heaviest: " + ", ".join(f"{names.get(c, c)} {w:g}" for c, w in heavy)) if heavy else ""
    if done.token is not None:
        st.query_params["token"] = done.token  # the address bar now holds the personal link
        ss[KEY_DONE] = {"message": f"Thank you, {done.entry.name}: your weights are in the room{stored}.",
                        "link": _link(room.id, done.token)}
    else:
        ss[KEY_DONE] = {"message": f"Your entry is replaced with these weights{stored}."}


# --------------------------------------------------------------------------- facilitator

def _facilitator(engine, room_id: str, token: str) -> None:  # type: ignore[no-untyped-def]
    st.caption("Facilitator's view: it follows the submissions as they arrive. Keep this link to yourself: it can "
               "reveal weights, close the room and download the record.")
    st.markdown("**Invite link** for the participants (each weighs on their own device):")
    st.code(_link(room_id), language=None, wrap_lines=True)
    _live(engine, room_id, token)


@st.fragment(run_every=LIVE_SECONDS)
def _live(engine, room_id: str, token: str) -> None:  # type: ignore[no-untyped-def]
    try:
        room, entries, ev = _snapshot(engine, room_id)
    except InputError as exc:
        st.error(str(exc))
        return
    revealed = room.weights_revealed
    status = f"closed at {room.closed_at}" if room.closed else "open"
    weighing = sum(e.role != "informed" for e in entries)
    st.subheader(f"{len(entries)} submitted ({weighing} weighing) · room {status}")
    _controls(engine, room, entries, token, ev is not None)
    if entries:
        names = {c.id: c.name for c in room.matrix().criteria}
        rows = []
        for e in entries:
            row = {"Name": e.name, "Role": e.role, "Submitted (UTC)": e.submitted_at.replace("T", " ").rstrip("Z")}
            if revealed and e.role != "informed":
                heavy = sorted(((w, c) for c, w in e.weights.items() if w > 0), key=lambda t: (-t[0], t[1]))
                row["Weights"] = ", ".join(f"{names.get(c, c)} {w:g}" for w, c in heavy)
            rows.append(row)
        st.table(pd.DataFrame(rows))
    else:
        st.info("Nobody has submitted yet. Share the invite link; this view updates by itself.")
    if ev is None:
        if entries:
            st.info("No group answer yet: nobody who weighs (decision-maker or consulted) has submitted.")
        return
    shown = ev if revealed else without_weights(ev)
    st.markdown("### The group's answer")
    answer.render_headline(shown, group=True)
    st.table(pd.DataFrame([{"Rank": r.rank, "Option": shown.option_names[r.option], "Score": f"{r.score:.1f}",
                            "Wins": pct(shown.win_probability[r.option]) if r.option in shown.win_probability
                            else "-"} for r in shown.ranking]).set_index("Rank"))
    if shown.decisive:
        st.warning(f"**Decisive:** leaving out {' or '.join(esc(n) for n in shown.decisive)} would change the "
                   "group's answer.")
    elif len([s for s in shown.stakeholders if s.scores]) > 1:
        st.success("Nobody is decisive: leaving out any one person keeps the group's answer.")
    answer.render_verdict(shown)
    st.markdown("### Where the room disagrees")
    st.caption("Share of each person's weight per criterion, widest gaps first"
               + ("." if revealed else "; who is who stays hidden until you reveal the weights."))
    people = [s.name for s in shown.stakeholders if s.scores]
    rows = []
    for c, sp in sorted(shown.disagreement.items(), key=lambda kv: -(kv[1].max - kv[1].min)):
        if sp.max <= 0:
            continue
        row = {"Criterion": shown.criterion_names[c], "Group": pct(shown.normalized_weights[c]),
               "Lowest": pct(sp.min), "Highest": pct(sp.max), "Gap": pct(sp.max - sp.min)}
        if revealed:
            row.update({n: pct(sp.by_person[n]) for n in people})
        rows.append(row)
    st.table(pd.DataFrame(rows))
    st.markdown("### Each person alone")
    st.table(pd.DataFrame([{"Person": s.name, "Role": s.role,
                            "Would pick": shown.option_names.get(s.winner, "a tie") if s.winner or s.tie else "-",
                            **{shown.option_names[o]: f"{v:.1f}" for o, v in s.scores.items()}}
                           for s in shown.stakeholders if s.scores]))


def _snapshot(engine, room_id: str) -> tuple[Room, list[Entry], Evaluation | None]:  # type: ignore[no-untyped-def]
    """The room, its entries and the group's evaluation; re-read and re-evaluated only when the room's
    revision (one integer, polled every tick) has changed since the last tick."""
    rev = revision(engine, room_id)
    cached = st.session_state.get(KEY_CACHE)
    if cached and cached[0] == (room_id, rev):
        return cached[1]
    room, entries = room_and_entries(engine, room_id)
    snap = (room, entries, group_evaluation(room, entries))
    st.session_state[KEY_CACHE] = ((room_id, room.revision), snap)
    return snap


def _controls(engine, room: Room, entries: list[Entry], token: str, can_record: bool) -> None:  # type: ignore[no-untyped-def]
    cols = st.columns(3)
    label = "Hide individual weights" if room.weights_revealed else "Reveal individual weights"
    # Callbacks run before the rerun the click causes, so the view below already shows the change.
    cols[0].button(label, key="room:reveal", width="stretch", on_click=set_revealed,
                   args=(engine, room.id, token, not room.weights_revealed),
                   help="Hidden by default, so nobody anchors on anybody else's numbers.")
    cols[1].button("Close the room", key="room:close", disabled=room.closed, width="stretch", on_click=close,
                   args=(engine, room.id, token), help="Read-only from then on: no new entries, no changes.")
    if can_record:
        cols[2].download_button(
            "Download the decision record", key="room:record", width="stretch",
            data=lambda: make_room_record(room, entries, number=1).zip_bytes(),
            file_name=f"decision-room-{room.id}.zip", mime="application/zip",
            help="MADR record (Markdown, HTML, charts, bundle) with every stakeholder and their weights.")
