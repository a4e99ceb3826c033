"""The matrix editor: type a whole decision (options, criteria, ratings, one source per cell) in the app.

The typed grids become CSV rows and go through the same loader as a CSV upload
(:func:`criteria.csv_matrix.load_csv_bytes`), so a bad cell gets the loader's own
message, shown beside the grid with the cell it belongs to. A valid matrix replaces
the active one for this session (as an upload does), so the answer below the editor
updates as the user types; it downloads as YAML, CSV or an Excel workbook.

A cell without a source cites "the team's own judgement" (a source made for this
matrix, dated today) and every typed claim is ``unverified``: the record says so.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from criteria import InputError, Matrix, load_matrix
from criteria.export import render_matrix
from ui.upload import KEY_CUSTOM

KEY_OPEN = "editor_open"
KEY_START = "editor_start"
KEY_DATA = "_editor_data"  # {"criteria": [(id, name)], "options": [(id, name)], "ratings": {...}, "sources": {...}}
KEY_GEN = "_editor_gen"
KEY_BASES = "_editor_bases"  # bumped when the editor starts over, so every grid starts from the new data
EDITOR_NAME = "the matrix typed in the editor"
TEAM_SOURCE = "team-judgement"
STARTS = {
    "empty": "An empty template (3 options x 3 criteria)",
    "example": "The databases example (PostgreSQL, SQLite, DuckDB)",
    "current": "The matrix in use now",
}
_ID = re.compile(r"[^a-z0-9]+")


def is_open() -> bool:
    return bool(st.session_state.get(KEY_OPEN))


def render_toggle() -> None:
    st.toggle("Type a matrix in the app", key=KEY_OPEN,
              help="Options, criteria, a rating and a source per cell in editable grids; the answer updates "
                   "as you type.")


def slug(text: str) -> str:
    """An id from a display name: 'Operational simplicity' -> 'operational-simplicity'."""
    s = _ID.sub("-", text.strip().lower()).strip("-")[:64].strip("-")
    if s and not s[0].isalpha():
        s = ("x-" + s)[:64]
    return s


# --------------------------------------------------------------------------- editor data

def _empty() -> dict:
    return {"criteria": [("", "")] * 3, "options": [("", "")] * 3, "ratings": {}, "sources": {}}


def _from_matrix(matrix: Matrix) -> dict:
    data = {"criteria": [(c.id, c.name) for c in matrix.criteria],
            "options": [(o.id, o.name) for o in matrix.options], "ratings": {}, "sources": {}}
    for o in matrix.options:
        for cid, entry in o.ratings.items():
            data["ratings"][(o.id, cid)] = entry.rating
            src = entry.evidence[0].source if entry.evidence else ""
            url = next((s.url for s in matrix.sources if s.id == src and s.url), None)
            data["sources"][(o.id, cid)] = "" if src == TEAM_SOURCE else (url or src)
    return data


def _start(current: Matrix) -> None:
    choice = st.session_state.get(KEY_START, "empty")
    if choice == "example":
        from criteria.loader import DATA_DIR

        data = _from_matrix(load_matrix(DATA_DIR / "custom" / "databases"))
    elif choice == "current":
        data = _from_matrix(current)
    else:
        data = _empty()
    st.session_state[KEY_DATA] = data
    st.session_state[KEY_GEN] = st.session_state.get(KEY_GEN, 0) + 1


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _named(df: pd.DataFrame) -> list[tuple[str, str]]:
    """(id, name) rows from an edited table; a blank id comes from the name; blank rows are dropped."""
    out = []
    for _, row in df.iterrows():
        name = _text(row.get("name"))
        rid = _text(row.get("id")) or slug(name)
        if rid or name:
            out.append((rid, name or rid))
    return out


# --------------------------------------------------------------------------- building the matrix

@dataclass
class Built:
    matrix: Matrix | None
    problems: list[tuple[str, str]]  # (where, message)


def build(data: dict, today: date | None = None) -> Built:
    """The editor's data through the CSV loader: a matrix, or each problem with the cell it belongs to."""
    today = today or date.today()
    crits = [(c, n) for c, n in data["criteria"] if c or n]
    opts = [(o, n) for o, n in data["options"] if o or n]
    if not crits or not opts:
        return Built(None, [("the matrix", "add at least one option and one criterion.")])
    header = ["option", "option_name", "criterion", "criterion_name", "rating", "rationale", "source",
              "source_title", "source_publisher", "source_date", "where", "claim", "verdict"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    cells: dict[int, str] = {}
    line = 1
    for oid, oname in opts:
        for cid, cname in crits:
            line += 1
            cells[line] = f"{oname} x {cname}"
            rating = data["ratings"].get((oid, cid))
            source = str(data["sources"].get((oid, cid)) or "").strip()
            team = not source
            writer.writerow([
                oid, oname, cid, cname,
                "" if rating is None or pd.isna(rating) else f"{float(rating):g}",
                "Rated by the team in the stackwise matrix editor.",
                TEAM_SOURCE if team else source,
                "The team's own judgement (typed in the matrix editor)" if team else "",
                "this team" if team else "",
                today.isoformat() if team or source.lower().startswith(("http://", "https://")) else "",
                "Matrix editor",
                f"{oname} rated {'' if rating is None or pd.isna(rating) else f'{float(rating):g}'} on {cname}.",
                "unverified",
            ])
    from criteria.csv_matrix import load_csv_bytes

    try:
        matrix = load_csv_bytes(buf.getvalue().encode("utf-8"), "editor")
    except InputError as exc:
        problems = []
        for p in exc.problems:
            where = cells.get(p.line or -1, "the matrix")
            column = f" ({p.path[0]})" if p.path else ""
            problems.append((where + column, p.message + (f" Expected: {p.expected}." if p.expected else "")))
        return Built(None, problems)
    return Built(matrix, [])


# --------------------------------------------------------------------------- page

def render(current: Matrix) -> None:
    """The editor, above the answer: grids in, a matrix for this session out."""
    ss = st.session_state
    if KEY_DATA not in ss:
        ss[KEY_DATA] = _empty()
        ss[KEY_GEN] = 0
    st.subheader("Matrix editor")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        st.selectbox("Start from", list(STARTS), format_func=STARTS.__getitem__, key=KEY_START)
    with right:
        st.button("Start over from this", on_click=_start, args=(current,), width="stretch")
    data = ss[KEY_DATA]
    gen = ss[KEY_GEN]
    # A data editor keeps its edits relative to the data it was first given, so each grid's
    # starting data is built once (per start-over, and per shape for the rating grids) and kept.
    bases: dict[str, pd.DataFrame] = ss.setdefault(KEY_BASES, {})

    def base(key: str, make) -> pd.DataFrame:  # type: ignore[no-untyped-def]
        if key not in bases:
            for old in [k for k in bases if k.split(":")[0] == key.split(":")[0]]:
                del bases[old]  # one shape per grid is enough
            bases[key] = make()
        return bases[key]

    def table(rows: list[tuple[str, str]]) -> pd.DataFrame:
        return pd.DataFrame([list(r) for r in rows] or [["", ""]], columns=["id", "name"], dtype="object")

    names = st.columns(2)
    text = st.column_config.TextColumn
    with names[0]:
        st.markdown("**Options**: what you choose between")
        opt_df = st.data_editor(base(f"opts:{gen}", lambda: table(data["options"])),
                                key=f"ed_opts:{gen}", num_rows="dynamic", hide_index=True, width="stretch",
                                column_config={"id": text("id", help="Blank: made from the name"),
                                               "name": text("Option name")})
    with names[1]:
        st.markdown("**Criteria**: what matters")
        crit_df = st.data_editor(base(f"crits:{gen}", lambda: table(data["criteria"])),
                                 key=f"ed_crits:{gen}", num_rows="dynamic", hide_index=True, width="stretch",
                                 column_config={"id": text("id", help="Blank: made from the name"),
                                                "name": text("Criterion name")})
    data["options"], data["criteria"] = _named(opt_df), _named(crit_df)
    opts = [o for o in data["options"] if o[0]]
    crits = [c for c in data["criteria"] if c[0]]
    if opts and crits:
        sig = "|".join(o for o, _ in opts) + "#" + "|".join(c for c, _ in crits)
        st.markdown("**Ratings** (0-5, higher is better) and **one source per cell** (a URL or a bibliography "
                    "id; blank = the team's own judgement)")
        rows = [o for o, _ in opts]
        cols = {c: n for c, n in crits}
        ratings = base(f"ratings:{gen}:{sig}", lambda: pd.DataFrame(
            [[data["ratings"].get((o, c)) for c in cols] for o in rows],
            index=[n for _, n in opts], columns=list(cols), dtype="float"))
        edited = st.data_editor(
            ratings, key=f"ed_ratings:{gen}:{sig}", width="stretch",
            column_config={c: st.column_config.NumberColumn(n, min_value=0, max_value=5, step=1)
                           for c, n in cols.items()})
        sources = base(f"sources:{gen}:{sig}", lambda: pd.DataFrame(
            [[data["sources"].get((o, c), "") for c in cols] for o in rows],
            index=[n for _, n in opts], columns=list(cols), dtype="object"))
        edited_src = st.data_editor(
            sources, key=f"ed_sources:{gen}:{sig}", width="stretch",
            column_config={c: text(f"{n}: source") for c, n in cols.items()})
        for i, o in enumerate(rows):
            for c in cols:
                data["ratings"][(o, c)] = edited.iloc[i][c]
                value = edited_src.iloc[i][c]
                data["sources"][(o, c)] = "" if value is None or pd.isna(value) else str(value)
    built = build(data)
    if built.problems:
        st.error("Not used yet: fix these cells and the answer below follows.")
        st.dataframe(pd.DataFrame(built.problems, columns=["Cell", "What is wrong"]), hide_index=True,
                     width="stretch")
        return
    matrix = built.matrix
    assert matrix is not None
    custom = ss.get(KEY_CUSTOM)
    if custom is None or custom[0] != EDITOR_NAME or custom[1] != matrix:
        ss[KEY_CUSTOM] = (EDITOR_NAME, matrix)
    st.success(f"The answer below uses this matrix: {len(matrix.options)} options, {len(matrix.criteria)} "
               "criteria (unanchored: no meaning is stated for each rating).")
    d1, d2, d3 = st.columns(3)
    d1.download_button("Download YAML", render_matrix(matrix, "yaml"), "matrix.yaml", "application/yaml",
                       width="stretch")
    d2.download_button("Download CSV", render_matrix(matrix, "csv"), "matrix.csv", "text/csv", width="stretch")
    from criteria.xlsx_matrix import matrix_to_xlsx

    d3.download_button("Download XLSX", matrix_to_xlsx(matrix), "matrix.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
