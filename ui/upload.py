"""Bring your own matrix: an uploaded YAML/JSON/CSV file replaces the shipped one for this session.

The upload is validated by the same loader as the shipped data
(:func:`criteria.load_matrix_bytes`), so a broken file gets the same message
(file, line, key, what would be valid). The parsed matrix lives in this
session's state only; other sessions never see it.
"""
from __future__ import annotations

from typing import Callable

import streamlit as st

from criteria import InputError, Matrix, load_matrix_bytes
from criteria.yamlio import MAX_BYTES
from ui.md import esc

KEY_UPLOAD = "matrix_upload"
KEY_CUSTOM = "_custom_matrix"  # (file name, Matrix) for this session
KEY_UPLOAD_ERROR = "_upload_error"
KEY_UPLOAD_ID = "_upload_id"
#: The loader's own ceiling (8 MiB), in the MiB Streamlit's uploader counts (issue 9: 5 MB matrices
#: must load). Larger files are refused by the browser widget before they are sent;
#: .streamlit/config.toml's server.maxUploadSize must stay above this.
MAX_UPLOAD_MB = MAX_BYTES // (1024 * 1024)
#: Every format the loader reads from one file (criteria.load_matrix_bytes); the CLI's --matrix takes the same.
UPLOAD_TYPES = ["csv", "xlsx", "zip", "yaml", "yml", "json"]


def active_matrix(shipped: Matrix) -> tuple[Matrix, str | None]:
    """The matrix this session decides on, and the uploaded file's name (None = shipped data)."""
    custom = st.session_state.get(KEY_CUSTOM)
    if custom is not None:
        return custom[1], custom[0]
    return shipped, None


def _on_upload() -> None:
    """Parse a new upload once (callbacks run before the script, so the next run already uses it)."""
    file = st.session_state.get(KEY_UPLOAD)
    st.session_state.pop(KEY_UPLOAD_ERROR, None)
    if file is None:
        return
    try:
        matrix = load_matrix_bytes(file.getvalue(), file.name)
    except InputError as exc:
        st.session_state[KEY_UPLOAD_ERROR] = str(exc)
        return
    st.session_state[KEY_CUSTOM] = (file.name, matrix)


def _reset() -> None:
    st.session_state.pop(KEY_CUSTOM, None)
    st.session_state.pop(KEY_UPLOAD_ERROR, None)


def render_upload(editor_toggle: Callable[[], None] | None = None) -> None:
    """The upload expander; ``editor_toggle`` draws the matrix editor's switch inside it (passed in by
    the caller, so this module does not import the editor, which imports this one)."""
    custom = st.session_state.get(KEY_CUSTOM)
    with st.expander("Bring your own matrix", expanded=custom is not None or KEY_UPLOAD_ERROR in st.session_state):
        st.caption(
            "A CSV or Excel workbook (one row per option x criterion; it may define its own criteria and "
            "sources), a zipped data folder, or a YAML or JSON file in the `stackwise matrix` export shape. "
            f"At most {MAX_UPLOAD_MB} MB. Its criteria replace the shipped catalog for this session only. "
            "Examples: `data/custom/databases.xlsx`, `data/custom/template.csv`."
        )
        st.file_uploader("Matrix file", type=UPLOAD_TYPES, key=KEY_UPLOAD,
                         max_upload_size=MAX_UPLOAD_MB, on_change=_on_upload)
        error = st.session_state.get(KEY_UPLOAD_ERROR)
        if error:
            st.error("The file was not loaded. What is wrong, and where:")
            st.code(error, language=None, wrap_lines=True)
        if editor_toggle is not None:
            editor_toggle()
        if custom is not None:
            st.success(f"Deciding on **{esc(custom[0])}**: {len(custom[1].options)} options, "
                       f"{len(custom[1].criteria)} criteria.")
            st.button("Back to the shipped matrix", on_click=_reset)
