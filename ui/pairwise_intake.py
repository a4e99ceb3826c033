"""Pairwise weighting in the sidebar (issue 15): pick up to eight criteria, compare each pair once,
and set the weight sliders from the principal eigenvector (:mod:`scoring.ahp`).

Only the comparisons needed are asked: n(n-1)/2 for the n criteria picked (28 for
eight). The sliders take whole numbers, so the weights are scaled so the heaviest
is 10 and rounded (a compared criterion never drops to 0); the exact shares and
the consistency ratio are shown beside them.
"""
from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from criteria import Matrix
from scoring import ahp
from scoring.uncertainty_text import judgment
from ui import state
from ui.md import esc

KEY_PICK = "ahp_pick"
#: Most criteria compared in the app (28 questions); files may compare up to ten.
MAX_PICK = 8
#: The answer scale: +v = the first criterion is v times as important, -v = the second is.
CHOICES = [9, 7, 5, 3, 2, 1, -2, -3, -5, -7, -9]
WORDS = {1: "equally important", 2: "slightly more (2)", 3: "moderately more (3)", 5: "strongly more (5)",
         7: "very strongly more (7)", 9: "extremely more (9)"}


def pair_key(a: str, b: str) -> str:
    return f"ahp:{a}:{b}"


def answers(picked: list[str]) -> list[tuple[int, int, float]]:
    """The judgments given so far as ``(i, j, v)`` over ``picked`` (unanswered pairs count as equal)."""
    out = []
    for (i, a), (j, b) in combinations(enumerate(picked), 2):
        v = int(st.session_state.get(pair_key(a, b), 1))
        out.append((i, j, float(v) if v >= 1 else 1.0 / -v))
    return out


def slider_weights(picked: list[str], weights) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Eigenvector weights as 0-10 slider values: heaviest 10, none of the picked below 1."""
    top = max(weights)
    return {c: max(1, int(round(10 * w / top))) for c, w in zip(picked, weights)}


def _set_sliders(matrix: Matrix, picked: list[str], judgments: list[tuple[int, int, float]], source: str) -> None:
    """The judgments' eigenvector weights replace the sliders' (run before the sliders are drawn)."""
    w, _ = ahp.principal_weights(ahp.reciprocal_matrix(len(picked), judgments))
    values = slider_weights(picked, w)
    for cid in matrix.criterion_ids():
        st.session_state[state.wkey(cid)] = values.get(cid, 0)
    st.session_state[state.KEY_PROFILE] = state.CUSTOM
    st.session_state[state.KEY_SOURCE] = source


def _apply(matrix: Matrix, picked: list[str]) -> None:
    """Button callback: the comparisons' weights replace the sliders'."""
    _set_sliders(matrix, picked, answers(picked), "pairwise comparisons")


def render(matrix: Matrix) -> None:
    names = {c.id: c.name for c in matrix.criteria}
    with st.expander("Or compare criteria in pairs", expanded="pairwise" in str(st.session_state.get(state.KEY_SOURCE))):
        st.caption("Pick the criteria that matter (2 to 8) and say, for each pair, which matters more and how much "
                   "(Saaty's 1-9 scale). The weights are the principal eigenvector of your answers; criteria not "
                   "picked get weight 0.")
        picked = st.multiselect("Criteria to compare", matrix.criterion_ids(), key=KEY_PICK,
                                max_selections=MAX_PICK, format_func=names.__getitem__)
        if len(picked) < 2:
            st.caption("Pick at least two criteria.")
            return
        for a, b in combinations(picked, 2):
            st.select_slider(
                f"{names[a]} vs {names[b]}", options=CHOICES, value=st.session_state.get(pair_key(a, b), 1),
                key=pair_key(a, b),
                format_func=lambda v, a=a, b=b: (WORDS[1] if v == 1 else
                                                 f"{names[a] if v > 1 else names[b]}: {WORDS[abs(v)]}"),
            )
        a_mat = ahp.reciprocal_matrix(len(picked), answers(picked))
        w, lam = ahp.principal_weights(a_mat)
        cr = float(ahp.consistency_ratio(lam, len(picked)))
        values = slider_weights(picked, w)
        st.dataframe(pd.DataFrame({"Criterion": [names[c] for c in picked], "Share": [f"{100 * x:.1f}%" for x in w],
                                   "Slider": [values[c] for c in picked]}),
                     hide_index=True, width="stretch")
        if cr > ahp.CR_THRESHOLD:
            triad, _ = ahp.most_inconsistent_triad(a_mat)
            text = (f"Consistency ratio {cr:.2f}, above Saaty's 0.1: some answers contradict each other"
                    + (", most among " + ", ".join(names[picked[i]] for i in triad) if triad else "") + ".")
            rev = ahp.best_revision(a_mat)
            if rev is not None:
                x, y = names[picked[rev.i]], names[picked[rev.j]]
                text += (f" Changing {x} vs {y} from {judgment(rev.current)} to {judgment(rev.suggested)} "
                         f"(as a ratio of {x} to {y}) would bring it to {rev.new_cr:.2f}.")
            st.warning(esc(text))
        else:
            st.caption(f"Consistency ratio {cr:.2f} (Saaty accepts up to 0.1).")
        st.button("Set the weights from these comparisons", on_click=_apply, args=(matrix, list(picked)),
                  type="primary", width="stretch", key="ahp_apply")


def _choice(v: float) -> int | None:
    """A Saaty value as the widget's choice (+k, or -k for 1/k), None when the widget has no such step."""
    k = round(v) if v >= 1 else -round(1 / v)
    return k if k in CHOICES and abs((k if k > 0 else 1 / -k) - v) < 1e-9 else None


def restore(matrix: Matrix, entries: list) -> None:
    """Put a restored bundle's pairwise judgments into the comparison widgets and the weight sliders.

    Runs before the widgets render (like :func:`ui.state.apply_requirements`). The sliders get the
    judgments' eigenvector weights, as "Set the weights from these comparisons" would set them; the
    comparisons are filled in too when the app can show them (at most eight criteria, every value
    one of the widget's steps), so the room sees where the weights came from.
    """
    from criteria.pairwise import parse_pairwise

    order, judgments, problems = parse_pairwise(entries, matrix.criterion_ids())
    if problems or len(order) < 2:
        return  # the bundle was validated on upload; nothing sensible to show otherwise
    _set_sliders(matrix, list(order), judgments, "restored bundle (pairwise comparisons)")
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(pair_key("", "")[:4])]:
        del st.session_state[key]  # the comparisons of an earlier pick
    st.session_state[KEY_PICK] = []
    choices = {}
    for i, j, v in judgments:
        a, b, v = (order[i], order[j], v) if i < j else (order[j], order[i], 1 / v)
        choices[pair_key(a, b)] = _choice(v)
    if len(order) <= MAX_PICK and None not in choices.values():
        st.session_state[KEY_PICK] = list(order)
        st.session_state.update(choices)
