"""What a room shows: the group's answer (meeting mode), with hidden weights taken out, and its record.

The group result is exactly meeting mode's: :func:`scoring.evaluate` on
``Requirements(stakeholders=[one per entry], options=room's, aggregation=room's)``
with the default samples and seed, so ``room show`` and ``evaluate --format json``
on the same people give the same numbers.

Hidden weights (the default, against anchoring) are *absent*, not blanked:
each person's ``weights``, each criterion's per-person ``by_person`` shares in
the disagreement, and the verdict's sentence naming whose share was lowest and
highest (replaced by the same gap without names). Per-person scores and own
winners stay, as do the group's weights.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from criteria.models import Matrix, Requirements, Stakeholder
from rooms.store import Entry, Room
from scoring import Evaluation, evaluate
from scoring.verdict import pct


def requirements(room: Room, entries: Sequence[Entry]) -> Requirements | None:
    """Meeting-mode requirements for the room, or None while nobody who weighs has submitted."""
    if not any(e.role != "informed" for e in entries):
        return None
    people = [Stakeholder(name=e.name, role=e.role, weights={} if e.role == "informed" else dict(e.weights))
              for e in entries]
    return Requirements(title=room.title, options=list(room.options) if room.options else None,
                        stakeholders=people, aggregation=room.aggregation)  # type: ignore[arg-type]


def group_evaluation(room: Room, entries: Sequence[Entry]) -> Evaluation | None:
    req = requirements(room, entries)
    return evaluate(room.matrix(), req) if req is not None else None


def _gap_sentence(ev: Evaluation) -> tuple[str, str] | None:
    """The verdict's widest-gap sentence as :func:`scoring.group.group_sentences` writes it, and the
    same sentence without names."""
    spread = sorted(ev.disagreement.items(), key=lambda kv: -(kv[1].max - kv[1].min))
    if not spread or spread[0][1].max - spread[0][1].min <= 0:
        return None
    c, sp = spread[0]
    lo = min(sp.by_person, key=lambda n: sp.by_person[n])
    hi = max(sp.by_person, key=lambda n: sp.by_person[n])
    name = ev.criterion_names[c]
    named = f"The widest gap is on {name}: {pct(sp.min)} of the weight for {lo}, {pct(sp.max)} for {hi}."
    return named, f"The widest gap is on {name}: from {pct(sp.min)} to {pct(sp.max)} of a person's weight."


def without_weights(ev: Evaluation) -> Evaluation:
    """``ev`` with every per-person weight taken out (see the module docstring)."""
    verdict = ev.verdict
    gap = _gap_sentence(ev)
    if gap is not None:
        named, anonymous = gap
        if named in verdict:
            verdict = verdict.replace(named, anonymous)
        else:  # the engine's wording changed: drop the whole people part rather than risk a leak
            cut = verdict.find("The widest gap")
            verdict = verdict[:cut].rstrip() if cut >= 0 else verdict
    return replace(
        ev,
        stakeholders=tuple(replace(s, weights={}) for s in ev.stakeholders),
        disagreement={c: replace(sp, by_person={}) for c, sp in ev.disagreement.items()},
        verdict=verdict,
    )


def result_dict(ev: Evaluation, *, show_weights: bool) -> dict[str, Any]:
    """``evaluate --format json``'s meeting-mode shape; hidden weights absent (keys removed)."""
    if show_weights:
        return ev.to_dict()
    out = without_weights(ev).to_dict()
    for person in out.get("stakeholders", []):
        person.pop("weights", None)
    for spread in out.get("disagreement", {}).values():
        spread.pop("by_person", None)
    return out


def show_dict(room: Room, entries: Sequence[Entry], *, facilitator: bool) -> dict[str, Any]:
    """What ``room show --format json`` prints."""
    show_weights = facilitator or room.weights_revealed
    people = []
    for e in entries:
        person: dict[str, Any] = {"name": e.name, "role": e.role, "submitted": e.submitted_at}
        if show_weights:
            person["weights"] = dict(e.weights)
        people.append(person)
    ev = group_evaluation(room, entries)
    matrix = room.matrix()
    return {
        "room": room.id,
        "title": room.title,
        "status": room.status,
        "created": room.created_at,
        "closed": room.closed_at,
        "options": list(room.options) if room.options else matrix.option_ids(),
        "aggregation": room.aggregation,
        "matrix": {"version": matrix.meta.version if matrix.meta else None, "sha256": room.matrix_sha256},
        "weights_revealed": room.weights_revealed,
        "weights_shown": show_weights,
        "participants": people,
        "result": result_dict(ev, show_weights=show_weights) if ev is not None else None,
    }


def show_text(room: Room, entries: Sequence[Entry], *, facilitator: bool) -> str:
    """A terminal view: the room, who has submitted, then the group's evaluation."""
    from scoring.render import render_text

    show_weights = facilitator or room.weights_revealed
    names = {c.id: c.name for c in room.matrix().criteria}
    lines = [f"Room {room.id}: {room.title}",
             f"Status: {room.status}" + (f" since {room.closed_at}" if room.closed_at else "")
             + f"; {len(entries)} participant{'s' if len(entries) != 1 else ''}; individual weights "
             + ("shown" if show_weights else "hidden"), ""]
    for e in entries:
        line = f"- {e.name} ({e.role}), submitted {e.submitted_at}"
        if show_weights and e.role != "informed":
            heavy = sorted(((w, c) for c, w in e.weights.items() if w > 0), key=lambda t: (-t[0], t[1]))
            line += ": " + ", ".join(f"{names.get(c, c)} {w:g}" for w, c in heavy)
        lines.append(line)
    ev = group_evaluation(room, entries)
    if ev is None:
        lines += ["", "No group answer yet: nobody who weighs (decision-maker or consulted) has submitted."]
        return "\n".join(lines) + "\n"
    if not show_weights:
        ev = without_weights(ev)
        people = [f"- {s.name} alone would pick "
                  + (ev.option_names[s.winner] if s.winner else ("a tie" if s.tie else "no eligible option"))
                  + ": " + ", ".join(f"{ev.option_names[o]} {v:.1f}" for o, v in s.scores.items())
                  for s in ev.stakeholders if s.scores]
        spread = sorted(((c, sp) for c, sp in ev.disagreement.items() if sp.max > 0),
                        key=lambda kv: -(kv[1].max - kv[1].min))
        gaps = [f"- {ev.criterion_names[c]}: group {pct(ev.normalized_weights[c])}, people from {pct(sp.min)} "
                f"to {pct(sp.max)}" for c, sp in spread[:5]]
        decisive = ", ".join(ev.decisive) if ev.decisive else "nobody (leaving out any one person keeps the answer)"
        body = render_text(replace(ev, stakeholders=(), disagreement={}))
        extra = ["Each person alone (scores out of 100)", *people, "",
                 "Widest gaps in weight shares (who is hidden until the facilitator reveals weights)", *gaps, "",
                 f"Decisive: {decisive}", ""]
        return "\n".join(lines) + "\n\n" + body + "\n" + "\n".join(extra)
    return "\n".join(lines) + "\n\n" + render_text(ev)


def make_room_record(room: Room, entries: Sequence[Entry], *, number: int, date: _dt.date | None = None,
                     charts: bool = True):  # type: ignore[no-untyped-def]
    """The MADR record of the room with its stakeholders (the facilitator's document: weights included)."""
    from criteria.errors import InputError
    from records.record import make_record

    req = requirements(room, entries)
    if req is None:
        raise InputError.single(f"room {room.id}", "nobody who weighs has submitted yet, so there is nothing to "
                                "record.", expected="at least one decision-maker or consulted person's weights")
    status = "proposed"
    context = (f"Weighed in decision room {room.id}: {len(entries)} participant"
               f"{'s' if len(entries) != 1 else ''}, each on their own device"
               + (f"; the room closed at {room.closed_at}." if room.closed_at else "; the room was still open."))
    req = req.model_copy(update={"context": context})
    return make_record(req, room.matrix(), number=number, date=date or _dt.date.today(), status=status,
                       charts=charts)


def write_room_record(room: Room, entries: Sequence[Entry], out: Path) -> Path:
    from records.naming import next_number
    from records.record import write_record

    return write_record(out, make_room_record(room, entries, number=next_number(out)))
