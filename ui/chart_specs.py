"""The app's charts as Vega-Lite spec dicts, built once per distinct view and cached.

Why (issue 10, docs/benchmarks.md): every rerun of the script (any slider,
typed title, tab switch) used to rebuild six Altair charts and let
``st.altair_chart`` validate each against the Vega-Lite JSON schema, which was
85 % of a rerun. Here a chart is built with ``to_dict(validate=False)`` (the
builders are tested, and :mod:`tests.app.test_chart_specs` validates their
specs against the schema once) and the dict is cached with ``st.cache_data``.

The cache key is a digest of what determines a chart: the matrix's content,
the requirements that reach the engine (weights, must-haves, options,
stakeholders, aggregation; not the title or context, which no chart shows),
the number of options shown, the page theme, and the re-check flags.
``evaluate`` is deterministic for those (fixed seed), so equal keys mean equal
evaluations. The evaluation and matrix themselves are passed unhashed
(``_``-prefixed arguments): the key already stands for them.

``st.cache_data`` hands every caller its own unpickled copy, so sessions
never share a mutable dict.
"""
from __future__ import annotations

import hashlib
import weakref
from typing import Any, Callable, Collection

import streamlit as st

import charts
from criteria import Matrix, Requirements
from scoring import Evaluation

#: Fields of Requirements that no chart shows: typing them must not miss the cache.
_NOT_CHARTED = {"title", "context"}
#: Distinct (chart, view) specs kept; a spec is tens of kB, so this stays a few MB.
MAX_SPECS = 256

# id(matrix) -> (weak reference, digest). The weak reference proves the id still names
# the same object (an id can be reused once its object is gone).
_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}


def matrix_digest(matrix: Matrix) -> str:
    """SHA-256 of the matrix's JSON dump, computed once per matrix object."""
    hit = _DIGESTS.get(id(matrix))
    if hit is not None and hit[0]() is matrix:
        return hit[1]
    digest = hashlib.sha256(matrix.model_dump_json().encode()).hexdigest()
    if len(_DIGESTS) > 64:  # uploads come and go: drop entries whose matrix is gone
        for k in [k for k, (ref, _) in _DIGESTS.items() if ref() is None]:
            del _DIGESTS[k]
    _DIGESTS[id(matrix)] = (weakref.ref(matrix), digest)
    return digest


def view_key(matrix: Matrix, requirements: Requirements) -> str:
    """A digest standing for ``evaluate(matrix, requirements)`` as far as the charts can tell."""
    req = requirements.model_dump_json(exclude=_NOT_CHARTED)
    return hashlib.sha256(f"{matrix_digest(matrix)}\n{req}".encode()).hexdigest()


def spec_of(chart: Any) -> dict:
    """An Altair chart as a Vega-Lite dict, unvalidated, without Altair's default 300 px view size.

    ``st.altair_chart`` drops that default too (it renders with Altair's "none"
    theme), so the chart keeps the size it had when drawn from the Altair object.
    """
    spec = chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view")
    if isinstance(view, dict):
        view.pop("continuousWidth", None)
        view.pop("continuousHeight", None)
    return spec


def _build(kind: str, ev: Evaluation, matrix: Matrix, top: int | None, dark: bool,
           flagged: Collection[tuple[str, str]]) -> Any:
    builders: dict[str, Callable[[], Any]] = {
        "scores": lambda: charts.total_scores(ev, top=top, dark=dark),
        "probability": lambda: charts.win_probability(ev, top=top, dark=dark),
        "gap": lambda: charts.contribution_gap(ev, dark=dark),
        "flips": lambda: charts.flip_points(ev, dark=dark),
        "heatmap": lambda: charts.ratings_heatmap(ev, matrix, top=top, dark=dark, flagged=flagged),
        "contributions": lambda: charts.contributions(ev, top=top, dark=dark),
        "small_multiples": lambda: charts.contributions_small_multiples(ev, top=top, dark=dark),
        "people": lambda: charts.people_scores(ev, top=top, dark=dark),
        "disagreement": lambda: charts.disagreement(ev, dark=dark),
    }
    return builders[kind]()


KINDS = ("scores", "probability", "gap", "flips", "heatmap", "contributions", "small_multiples", "people",
         "disagreement")


@st.cache_data(show_spinner=False, max_entries=MAX_SPECS)
def cached_spec(kind: str, key: str, top: int | None, dark: bool, flagged: tuple[tuple[str, str], ...],
                _ev: Evaluation, _matrix: Matrix) -> dict:
    """The spec of chart ``kind`` for the view ``key`` (see :func:`view_key`); a fresh copy per call."""
    return spec_of(_build(kind, _ev, _matrix, top, dark, flagged))


def draw(kind: str, key: str, ev: Evaluation, matrix: Matrix, *, top: int | None = None, dark: bool = False,
         flagged: Collection[tuple[str, str]] = (), width: str | None = None) -> None:
    """Draw chart ``kind`` from the cache (``st.vega_lite_chart``: no schema validation per rerun).

    ``width`` as for ``st.vega_lite_chart`` (None: Streamlit's default, as ``st.altair_chart`` had).
    """
    flags = tuple(sorted(flagged))
    st.vega_lite_chart(cached_spec(kind, key, top, dark, flags, ev, matrix), width=width)
