"""The evidence explorer and the bibliography it links to.

Every rating shows its rationale and each piece of evidence with its source,
section and verdict. Claims the sources got wrong or that went out of date are
marked in red/orange, conflicts between sources get their own warning, and
each source id links to its entry in the bibliography at the bottom of the
page (``#src-<id>`` anchors).
"""
from __future__ import annotations

from datetime import date
from types import MappingProxyType

import pandas as pd
import streamlit as st

from criteria import Matrix
from criteria.freshness import DEFAULT_MAX_AGE_MONTHS, freshness_flags
from criteria.models import Evidence, Verdict
from criteria.ranges import matrix_ranges
from scoring import Evaluation
from ui import benchmark_figures
from ui.md import esc

import re

KEY_CRITERION = "evidence_criterion"
#: Source ids are model-checked (``Id``: lower-case letters, digits, ``_`` and ``-``); checked again
#: here because an anchor is the one piece of HTML this page writes.
_SAFE_ID = re.compile(r"^[a-z][a-z0-9_-]{0,63}$").fullmatch
KEY_MAX_AGE = "max_age_months"

#: How each verdict is shown: Streamlit's coloured-text markdown, plus a word, never colour alone.
VERDICT_BADGE = MappingProxyType({
    Verdict.current: ":green-background[current]",
    Verdict.outdated: ":orange-background[**OUTDATED**]",
    Verdict.wrong: ":red-background[**WRONG**]",
    Verdict.unverified: ":gray-background[unverified]",
})


def anchor(source_id: str) -> str:
    return f"src-{source_id}"


def source_link(source_id: str) -> str:
    """A link to the source's entry under "Sources" at the foot of the Evidence tab."""
    return f"[{source_id}](#{anchor(source_id)})"


def evidence_line(ev: Evidence) -> str:
    """One markdown bullet for one piece of evidence."""
    text = f"- {VERDICT_BADGE[ev.verdict]} {source_link(ev.source)}, *{esc(ev.where)}*: {esc(ev.claim)}"
    if ev.checked_against:
        text += f" Checked against {', '.join(source_link(s) for s in ev.checked_against)}."
    if ev.note:
        text += f"  \n  **What the primary source says:** {esc(ev.note)}"
    return text


def render_explorer(ev: Evaluation, matrix: Matrix) -> None:
    crit_ids = sorted(ev.criteria, key=lambda c: -ev.weights[c])  # heaviest first: what matters most
    if st.session_state.get(KEY_CRITERION) not in crit_ids:
        st.session_state[KEY_CRITERION] = crit_ids[0]
    left, right = st.columns([3, 1])
    with left:
        cid = st.selectbox(
            "Criterion", crit_ids, key=KEY_CRITERION,
            format_func=lambda c: f"{ev.criterion_names[c]} (your weight {ev.weights[c]:g})",
        )
    with right:
        max_age = st.number_input("Flag evidence older than (months)", min_value=1, max_value=120,
                                  value=DEFAULT_MAX_AGE_MONTHS, step=1, key=KEY_MAX_AGE)
    criterion = matrix.criterion(cid)
    st.markdown(f"**{esc(criterion.name)}.** {esc(criterion.description or '')}")
    if criterion.anchored:
        with st.expander("What each rating means (the scale)"):
            st.markdown("\n".join(f"- **{k}**: {esc(v)}" for k, v in criterion.anchors().items()))
    else:
        st.info("Unanchored criterion: this matrix gives no meaning for each rating 0-5, so these ratings "
                "are the raters' own judgement and cannot be checked against a stated scale.")
    flags = freshness_flags(matrix, date.today(), int(max_age))
    order = [r.option for r in ev.ranking]
    benchmark_figures.render(matrix, cid, order)  # performance: the measured figures (issue 14)
    per_row = min(3, len(order))
    for start in range(0, len(order), per_row):
        cols = st.columns(per_row)
        for col, oid in zip(cols, order[start:start + per_row]):
            with col, st.container(border=True):
                _rating_card(matrix, oid, cid, flags.get((oid, cid)))
    _recheck(matrix, order, flags, int(max_age))
    _marked_claims(matrix, order)


def _recheck(matrix: Matrix, order: list[str], flags, max_age: int) -> None:
    """Every rating of the compared options that rests only on old sources or only on unverified claims."""
    rows = [
        {"Option": matrix.option(f.option).name, "Criterion": matrix.criterion(f.criterion).name,
         "Rating": matrix.option(f.option).ratings[f.criterion].rating, "Why re-check": "; ".join(f.reasons())}
        for oid in order for c in matrix.criterion_ids()
        if (f := flags.get((oid, c))) is not None and f.flagged
    ]
    with st.expander(f"Ratings to re-check ({len(rows)}): evidence older than {max_age} months, or only unverified"):
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        else:
            st.write("Every rating of the compared options rests on recent, checked evidence.")


def _rating_card(matrix: Matrix, oid: str, cid: str, flag) -> None:
    option = matrix.option(oid)
    entry = option.ratings[cid]
    version = f" {option.version}" if option.version else ""
    st.markdown(f"#### {esc(option.name)}{esc(version)}: {entry.rating:g} / 5")
    rr = matrix_ranges(matrix).get((oid, cid))  # issue 15: the range the evidence leaves open
    if rr is not None and rr.width > 0:
        why = ("given in the matrix" if rr.origin == "file"
               else "default of one point either way: " + ", ".join(rr.reasons))
        st.caption(f"Plausible range {rr.lo:g}-{rr.hi:g} ({esc(why)}); the robustness figures vary it there.")
    st.markdown(esc(entry.rationale))
    if flag is not None and flag.flagged:
        st.warning("Check this rating: " + "; ".join(flag.reasons()) + ".", icon=":material/schedule:")
    if entry.conflict:
        st.warning(f"**Sources disagree:** {esc(entry.conflict)}", icon=":material/compare_arrows:")
    st.markdown("\n".join(evidence_line(e) for e in entry.evidence))


def _marked_claims(matrix: Matrix, order: list[str]) -> None:
    """Every outdated or wrong claim in the compared options, across all criteria."""
    rows = []
    for oid in order:
        option = matrix.option(oid)
        for c in matrix.criteria:
            for e in option.ratings[c.id].evidence:
                if e.verdict in (Verdict.outdated, Verdict.wrong):
                    rows.append({"Option": option.name, "Criterion": c.name, "Verdict": e.verdict.value.upper(),
                                 "Source": e.source, "Where": e.where, "Claim": e.claim,
                                 "Primary source says": e.note or ""})
    conflicts = [
        {"Option": matrix.option(oid).name, "Criterion": c.name, "Conflict": matrix.option(oid).ratings[c.id].conflict}
        for oid in order for c in matrix.criteria if matrix.option(oid).ratings[c.id].conflict
    ]
    with st.expander(f"All claims marked outdated or wrong ({len(rows)}) and conflicts between sources "
                     f"({len(conflicts)})"):
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        else:
            st.write("No claim in the compared options is marked outdated or wrong.")
        if conflicts:
            st.dataframe(pd.DataFrame(conflicts), hide_index=True, width="stretch")


def render_bibliography(matrix: Matrix) -> None:
    """Sources at the foot of the Evidence tab, collapsed: each under its readable title, with an anchor
    the evidence links point at (``#src-<id>``) and its id (as cited) beside it."""
    with st.expander(f"Sources: the {len(matrix.sources)} documents the ratings cite"):
        st.caption("Blog posts and generated pages are checked against primary sources (official documentation, "
                   "changelogs, package pages) before use. The id in brackets is how ratings and answers cite it.")
        for s in sorted(matrix.sources, key=lambda s: (s.publisher.lower(), s.title.lower())):
            if _SAFE_ID(s.id):
                st.markdown(f"<span id='{anchor(s.id)}'></span>", unsafe_allow_html=True)
            dates = f"published {s.published}" + (f", accessed {s.accessed}" if s.accessed else "")
            by = f"{s.author}, " if s.author else ""
            # Only web links: a custom matrix could carry any scheme in 'url'.
            link = f" <{s.url}>" if s.url and s.url.startswith(("https://", "http://")) else ""
            line = (f"**{esc(s.title)}** \\[{esc(s.id)}\\]  \n{esc(by)}{esc(s.publisher)}; {dates}; "
                    f"{s.kind.value}.{link}")
            if s.note:
                line += f"  \n{esc(s.note)}"
            st.markdown(line)
