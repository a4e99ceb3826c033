"""The app's state as URL query parameters, and back: a pure codec.

A link must reproduce the exact view, so everything that changes the answer
(weights, must-haves, options compared, the profile that set the weights) is
written into the query string. Reading a link never fails: every parameter
that cannot be used is dropped and explained in a note, and the rest applies.

Format (short enough to paste into chat; ids never contain ``:`` or ``,``)::

    ?profile=ml-serving-api
    &w=performance:6,async_support:8      weights 0-10; criteria not listed weigh 0
    &must=api_docs:4                      minimum rating 0-5 per criterion

With a ``profile``, ``w`` and ``must`` override the profile's weights and
must-haves criterion by criterion (the app merges them): unlisted criteria keep
the profile's values, so :func:`encode` then writes zeros too (``templating:0``
lowers a weight the profile sets; ``must=templating:0`` removes its must-have).
A weight outside 0-10 is clamped to the scale, with a note.
    &opt=flask,fastapi                    options compared (absent = all)
    &py=3.9                               oldest Python the project must run on (absent = no constraint)

Meeting mode (several stakeholders, issue 7) replaces ``w`` with ``p``, one
person per ``|``-separated entry, ``name~role~weights``; ``agg`` picks the
aggregation::

    &p=Priya~decision-maker~performance:9,async_support:8|Olu~informed~
    &agg=geometric                        arithmetic (default) or geometric
    &cw=0.5                               how much consulted people count, 0-1 (default 1)

The decision's title and context (for the record) travel too, bounded:
``&title=...`` (at most :data:`MAX_TITLE_CHARS`) and ``&ctx=...`` (at most
:data:`MAX_CONTEXT_CHARS`; a longer context is left out of the link).

Names may not contain ``~``, ``|`` or ``,`` (the app refuses them when typed).

A parameter that is absent leaves that part of the state to the app's default
(``None`` in :class:`ViewState`). Lengths are bounded so a crafted link cannot
make the app do unbounded work: each value at most :data:`MAX_VALUE_CHARS`
characters and :data:`MAX_ITEMS` entries.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from criteria.errors import suggest
from criteria.pyversions import PYTHON_MINORS, minor_problem

MAX_VALUE_CHARS = 2000
MAX_ITEMS = 200
WEIGHT_MIN, WEIGHT_MAX = 0, 10  # the sliders' scale
MUST_MIN, MUST_MAX = 0.0, 5.0  # the rating scale

#: Parameter names this codec reads; anything else gets a note and is ignored.
KNOWN_PARAMS = ("profile", "w", "must", "opt", "p", "agg", "py", "cw", "title", "ctx")
MAX_TITLE_CHARS = 300  # the title's own limit (Requirements.title)
MAX_CONTEXT_CHARS = 1500  # a context longer than this stays out of links: they must paste into chat
ROLES = ("decision-maker", "consulted", "informed")
AGGREGATIONS = ("arithmetic", "geometric")
MAX_PEOPLE = 20
MAX_NAME_CHARS = 60
NAME_FORBIDDEN = ("~", "|", ",")


@dataclass(frozen=True)
class Person:
    """One stakeholder in a link: name, role, and weights (0-10; unlisted = 0)."""

    name: str
    role: str = "decision-maker"
    weights: tuple[tuple[str, int], ...] = ()


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a stakeholder's name in a link, or None when it can."""
    if not name.strip():
        return "a name cannot be empty"
    if len(name) > MAX_NAME_CHARS:
        return f"a name has at most {MAX_NAME_CHARS} characters"
    bad = [c for c in NAME_FORBIDDEN if c in name]
    if bad:
        return f"a name cannot contain {' or '.join(repr(c) for c in bad)}"
    return None


@dataclass(frozen=True)
class ViewState:
    """What a link holds. ``None`` means 'not in the link, use the default'."""

    profile: str | None = None
    weights: dict[str, int] | None = None
    must_have: dict[str, float] | None = None
    options: tuple[str, ...] | None = None
    people: tuple[Person, ...] | None = None  # meeting mode when not None
    aggregation: str | None = None
    python: str | None = None  # oldest Python the project must run on ("3.9")
    consulted_weight: float | None = None  # meeting mode: None = as much as decision-makers
    title: str | None = None
    context: str | None = None


@dataclass
class Parsed:
    """Result of reading a query string: the usable state plus a note per thing dropped."""

    state: ViewState
    notes: list[str] = field(default_factory=list)


def _number(value: float) -> str:
    """Shortest text for a number: 8 rather than 8.0, 3.5 stays 3.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def encode(
    state: ViewState, *, all_options: Sequence[str] | None = None,
    profile_weights: Mapping[str, float] | None = None,
) -> dict[str, str]:
    """Query parameters for a state (insertion order: profile, w, must, opt).

    Zero weights and zero must-haves are left out (unlisted means 0 / none), and
    ``opt`` is left out when it lists every option in ``all_options`` in any
    order, so the common link stays short. Beside a profile, a zero is written where
    the profile's weight (``profile_weights``; unknown: everywhere) is not zero, since
    an unlisted criterion would take the profile's value.
    """
    out: dict[str, str] = {}
    if state.profile:
        out["profile"] = state.profile
    # Beside a profile an unlisted criterion keeps the profile's value, so zeros are written.
    keep_zero = bool(state.profile)

    def said(c: str, v: float) -> bool:
        return v > 0 or (keep_zero and (profile_weights is None or profile_weights.get(c, 0) > 0))

    if state.weights is not None:
        # Always written (even empty) when known: an absent 'w' would mean "use the
        # profile's weights", which is not the same view as "every weight is 0".
        out["w"] = ",".join(f"{c}:{_number(v)}" for c, v in state.weights.items() if said(c, v))
    if state.must_have:
        kept = {c: v for c, v in state.must_have.items() if v > 0 or keep_zero}
        if kept:
            out["must"] = ",".join(f"{c}:{_number(v)}" for c, v in kept.items())
    if state.options is not None:
        if all_options is None or set(state.options) != set(all_options):
            out["opt"] = ",".join(state.options)
    if state.people is not None:
        out["p"] = "|".join(
            f"{p.name}~{p.role}~" + ",".join(f"{c}:{_number(v)}" for c, v in p.weights if v > 0)
            for p in state.people
        )
        if state.aggregation and state.aggregation != AGGREGATIONS[0]:
            out["agg"] = state.aggregation
        if state.consulted_weight is not None and state.consulted_weight != 1:
            out["cw"] = _number(state.consulted_weight)
    if state.title:
        out["title"] = state.title[:MAX_TITLE_CHARS]
    if state.context and len(state.context) <= MAX_CONTEXT_CHARS:
        out["ctx"] = state.context
    if state.python:
        out["py"] = state.python
    return out


def _single(name: str, raw: str | Sequence[str], notes: list[str]) -> str:
    """The value of a parameter; a repeated parameter keeps its last value (as st.query_params does)."""
    if isinstance(raw, str):
        return raw
    values = list(raw)
    if len(values) > 1:
        notes.append(f"URL parameter '{name}' appears {len(values)} times; only the last one is used.")
    return values[-1] if values else ""


def _bounded(name: str, value: str, notes: list[str]) -> str | None:
    if len(value) > MAX_VALUE_CHARS:
        notes.append(f"URL parameter '{name}' is {len(value)} characters long (limit {MAX_VALUE_CHARS}); ignored.")
        return None
    return value


def _items(name: str, value: str, notes: list[str]) -> list[str]:
    items = [p.strip() for p in value.split(",") if p.strip()]
    if len(items) > MAX_ITEMS:
        notes.append(f"URL parameter '{name}' has {len(items)} entries (limit {MAX_ITEMS}); only the first {MAX_ITEMS} are read.")
        items = items[:MAX_ITEMS]
    return items


def _pairs(
    name: str,
    value: str,
    criteria: Sequence[str],
    low: float,
    high: float,
    what: str,
    notes: list[str],
    clamp: bool = False,
) -> dict[str, float]:
    """Parse ``id:number,id:number``; drop (with a note) each entry that is not usable.

    With ``clamp``, a finite number outside ``low``-``high`` is moved to the nearer end, with a note.
    """
    out: dict[str, float] = {}
    for item in _items(name, value, notes):
        cid, sep, num = item.partition(":")
        cid = cid.strip()
        if not sep:
            notes.append(f"Ignored '{item}' in URL parameter '{name}': expected criterion:number, e.g. performance:8.")
            continue
        if cid not in criteria:
            notes.append(f"Ignored '{item}' in URL parameter '{name}': unknown criterion '{cid}'.{suggest(cid, criteria)}")
            continue
        try:
            number = float(num)
        except ValueError:
            notes.append(f"Ignored '{item}' in URL parameter '{name}': '{num}' is not a number.")
            continue
        if clamp and math.isfinite(number) and not low <= number <= high:
            kept = float(high if number > high else low)
            notes.append(f"'{item}' in URL parameter '{name}' is outside the {_number(low)}-{_number(high)} "
                         f"scale; set to {_number(kept)}.")
            number = kept
        if not math.isfinite(number) or not low <= number <= high:
            notes.append(
                f"Ignored '{item}' in URL parameter '{name}': {what} must be between {_number(low)} and {_number(high)}."
            )
            continue
        if cid in out:
            notes.append(f"URL parameter '{name}' gives '{cid}' twice; the last value is used.")
        out[cid] = number
    return out


def decode(
    params: Mapping[str, str | Sequence[str]],
    *,
    criteria: Sequence[str],
    options: Sequence[str],
    profiles: Sequence[str],
) -> Parsed:
    """Read query parameters against the ids that exist; never raises on bad input."""
    notes: list[str] = []
    profile: str | None = None
    weights: dict[str, int] | None = None
    must: dict[str, float] | None = None
    chosen: tuple[str, ...] | None = None

    for name in params:
        if name not in KNOWN_PARAMS:
            notes.append(
                f"Ignored unknown URL parameter '{name[:40]}'.{suggest(name, KNOWN_PARAMS)} "
                f"Known: {', '.join(KNOWN_PARAMS)}."
            )

    raw = params.get("profile")
    if raw is not None:
        value = _bounded("profile", _single("profile", raw, notes), notes)
        if value is not None:
            if value in profiles:
                profile = value
            else:
                notes.append(f"Ignored profile '{value[:64]}': no such profile.{suggest(value, profiles)}")

    raw = params.get("w")
    if raw is not None:
        value = _bounded("w", _single("w", raw, notes), notes)
        if value is not None:
            parsed = _pairs("w", value, criteria, WEIGHT_MIN, WEIGHT_MAX, "a weight", notes, clamp=True)
            weights = {}
            for cid, number in parsed.items():
                if not number.is_integer():
                    # The sliders move in whole steps; keep the view reproducible on them.
                    notes.append(f"Weight {cid}:{_number(number)} rounded to {round(number)} (the sliders use whole numbers).")
                weights[cid] = int(round(number))
            # Beside a profile, zeros lower the profile's weights: a usable view.
            if not any(weights.values()) and value.strip() and (profile is None or not parsed):
                # Every entry was dropped: better the profile's weights than an empty decision.
                notes.append("URL parameter 'w' holds no usable weight above 0; the profile's weights are used instead.")
                weights = None

    raw = params.get("must")
    if raw is not None:
        value = _bounded("must", _single("must", raw, notes), notes)
        if value is not None:
            must = _pairs("must", value, criteria, MUST_MIN, MUST_MAX, "a minimum rating", notes)

    raw = params.get("opt")
    if raw is not None:
        value = _bounded("opt", _single("opt", raw, notes), notes)
        if value is not None:
            kept: list[str] = []
            for oid in _items("opt", value, notes):
                if oid not in options:
                    notes.append(f"Ignored option '{oid[:64]}' in URL parameter 'opt': not in the matrix.{suggest(oid, options)}")
                elif oid in kept:
                    notes.append(f"Option '{oid}' is listed twice in URL parameter 'opt'; counted once.")
                else:
                    kept.append(oid)
            if kept:
                chosen = tuple(kept)
            else:
                notes.append("No usable option in URL parameter 'opt'; every option is compared.")

    people: tuple[Person, ...] | None = None
    raw = params.get("p")
    if raw is not None:
        value = _bounded("p", _single("p", raw, notes), notes)
        if value is not None:
            people = _people(value, criteria, notes) or None
            if people is None:
                notes.append("URL parameter 'p' holds no usable person; meeting mode is off.")
    aggregation: str | None = None
    raw = params.get("agg")
    if raw is not None:
        value = _single("agg", raw, notes)
        if value in AGGREGATIONS:
            aggregation = value
        else:
            notes.append(f"Ignored aggregation '{value[:40]}': expected {' or '.join(AGGREGATIONS)}.")

    python: str | None = None
    raw = params.get("py")
    if raw is not None:
        value = _single("py", raw, notes)
        if minor_problem(value) is None:
            python = value.strip()
        else:
            notes.append(f"Ignored Python version '{value[:20]}' in URL parameter 'py': expected one of "
                         f"{', '.join(PYTHON_MINORS)}; no Python constraint is applied.")


    consulted: float | None = None
    raw = params.get("cw")
    if raw is not None:
        value = _single("cw", raw, notes)[:40]
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if math.isfinite(number) and 0 <= number <= 1:
            consulted = None if number == 1 else number
        else:
            notes.append(f"Ignored cw '{value}': how much consulted people count is a number from 0 to 1.")

    texts: dict[str, str | None] = {"title": None, "ctx": None}
    for name, limit in (("title", MAX_TITLE_CHARS), ("ctx", MAX_CONTEXT_CHARS)):
        raw = params.get(name)
        if raw is None:
            continue
        value = _single(name, raw, notes)
        if len(value) > limit:
            notes.append(f"URL parameter '{name}' is {len(value)} characters long (limit {limit}); ignored.")
        else:
            texts[name] = value

    return Parsed(ViewState(profile, weights, must, chosen, people, aggregation, python=python,
                            consulted_weight=consulted, title=texts["title"], context=texts["ctx"]), notes)


def _people(value: str, criteria: Sequence[str], notes: list[str]) -> tuple[Person, ...]:
    entries = [e for e in value.split("|") if e.strip()]
    if len(entries) > MAX_PEOPLE:
        notes.append(f"URL parameter 'p' lists {len(entries)} people (limit {MAX_PEOPLE}); "
                     f"only the first {MAX_PEOPLE} are read.")
        entries = entries[:MAX_PEOPLE]
    out: list[Person] = []
    for entry in entries:
        parts = entry.split("~")
        if len(parts) != 3:
            notes.append(f"Ignored person '{entry[:40]}' in URL parameter 'p': expected name~role~weights.")
            continue
        name, role, weights = parts[0].strip(), parts[1].strip(), parts[2]
        problem = name_problem(name)
        if problem:
            notes.append(f"Ignored person '{name[:40]}' in URL parameter 'p': {problem}.")
            continue
        if name in {p.name for p in out}:
            notes.append(f"Ignored the second person named '{name}' in URL parameter 'p': names must differ.")
            continue
        if role not in ROLES:
            notes.append(f"Person '{name}': unknown role '{role[:30]}'.{suggest(role, ROLES)} Taken as decision-maker.")
            role = ROLES[0]
        parsed = _pairs("p", weights, criteria, WEIGHT_MIN, WEIGHT_MAX, "a weight", notes, clamp=True) if weights else {}
        out.append(Person(name, role, tuple((c, int(round(v))) for c, v in parsed.items())))
    return tuple(out)
