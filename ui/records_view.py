"""Decision records in the app: download the record as a zip, restore a bundle, and the decision log.

Three render functions for ``app.py`` (which owns the page layout and state):

* :func:`render_download` - a download button for the record as a zip
  (Markdown, bundle, SVG charts, print HTML). The zip is built only when the
  button is clicked (Streamlit calls the ``data`` callable then), because the
  charts take about a second to render.
* :func:`render_restore` - an uploader for a ``.stackwise.yaml`` bundle;
  returns the restored :class:`~criteria.models.Requirements` once, on the
  run right after a valid upload, so the app can put it into its state
  without overwriting later edits on every rerun.
* :func:`render_decision_log` - the records in a folder with status, date,
  chosen option and whether each still holds against the current matrix.

The pure parts (:func:`record_zip`, :func:`restore_bundle`,
:func:`decision_log`) hold no Streamlit calls and are tested directly.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from criteria import InputError, Matrix, Requirements
from records.bundle import read_bundle_bytes
from records.check import check_folder
from records.content import effective_title
from records.flavors import DEFAULT_FLAVOR, FLAVORS, successor
from records.naming import next_number, stem
from records.record import make_record

DEFAULT_FOLDER = Path("docs/decisions")
STATUSES = ("proposed", "accepted", "rejected", "deprecated")
MAX_BUNDLE_MB = 2
#: How each record flavour is offered in the app (the CLI's ``--flavor`` takes the keys).
FLAVOR_LABELS = {"madr4": "MADR 4.0", "log4brains": "log4brains (MADR with its status list)",
                 "nygard": "adr-tools (Nygard)"}
KEY_RESTORE = "record_bundle_upload"
_KEY_PENDING = "_record_restored"
_KEY_ERROR = "_record_restore_error"


# --------------------------------------------------------------------------- pure helpers

def zip_name(requirements: Requirements, number: int, matrix: Matrix | None = None) -> str:
    return stem(number, effective_title(requirements, matrix)) + ".zip"


def record_zip(
    requirements: Requirements,
    matrix: Matrix,
    *,
    number: int = 1,
    date: _dt.date | None = None,
    status: str = "proposed",
    samples: int = 10_000,
    seed: int = 0,
    flavor: str = DEFAULT_FLAVOR,
) -> bytes:
    """The record's files (Markdown, bundle, HTML, SVG charts) zipped in one folder named after the record.

    ``flavor`` is the Markdown's layout, as ``stackwise record --flavor`` writes it.
    """
    record = make_record(requirements, matrix, number=number, date=date or _dt.date.today(), status=status,
                         samples=samples, seed=seed, flavor=flavor)
    return record.zip_bytes()


def restore_bundle(raw: bytes, name: str, matrix: Matrix) -> Requirements:
    """Requirements from an uploaded bundle, checked against ``matrix`` (InputError when not valid)."""
    return read_bundle_bytes(raw, name, matrix).requirements


@dataclass(frozen=True)
class LogRow:
    """One line of the decision log."""

    number: str
    title: str
    status: str
    date: str
    chosen: str
    still_holds: str  # "yes", "NO", "PROBLEM" (record and bundle disagree, or no bundle), "not checked (<why>)"
    what_changed: str


def decision_log(folder: Path, matrix: Matrix) -> list[LogRow]:
    """Every record in ``folder``, newest first, re-checked against ``matrix``."""
    names = {o.id: o.name for o in matrix.options}
    rows = []
    for r in check_folder(folder, matrix):
        chosen = names.get(r.old_winner or "", r.old_winner) if r.old_winner else "none"
        if not r.checked:
            holds = f"not checked ({r.kind})"
        elif r.problem:
            holds = "PROBLEM"
        else:
            holds = "yes" if r.holds else "NO"
        # "superseded by 0002" fits the column; the successor's full file name is in the record itself
        status = f"superseded by {successor(r.status)[:4]}" if successor(r.status) else r.status
        rows.append(LogRow(f"{r.number:04d}", r.title, status, r.date, chosen, holds, r.details(names)))
    return sorted(rows, key=lambda row: row.number, reverse=True)


# --------------------------------------------------------------------------- Streamlit

def with_text(requirements: Requirements, title: str, context: str) -> Requirements:
    """The requirements with the title and context typed in the app (blank = left out)."""
    return Requirements.model_validate({
        **requirements.model_dump(exclude_none=True),
        "title": title.strip() or None,
        "context": context.strip() or None,
    })


def render_download(
    requirements: Requirements,
    matrix: Matrix,
    *,
    folder: Path = DEFAULT_FOLDER,
    key: str = "record_download",
    ask_text: bool = True,
) -> None:
    """Title, context and status fields plus a download button for the zip, numbered after the records in ``folder``.

    With ``ask_text`` the user can type (or correct) the record's title and the
    context paragraph; they start from ``requirements.title``/``context``.
    """
    import streamlit as st

    number = next_number(Path(folder))
    if ask_text:
        title = st.text_input("Decision title", value=requirements.title or "", max_chars=300, key=f"{key}_title",
                              placeholder=effective_title(Requirements(), matrix))
        context = st.text_area("Context and problem statement", value=requirements.context or "", max_chars=20_000,
                               key=f"{key}_context", placeholder="Why are we deciding, and what constrains us?")
        requirements = with_text(requirements, title, context)
    status = st.selectbox("Status of the decision", STATUSES, key=f"{key}_status",
                          help="MADR status written into the record's front matter.")
    flavor = st.selectbox("Record format", FLAVORS, key=f"{key}_flavor", format_func=FLAVOR_LABELS.__getitem__,
                          help="The Markdown layout your repository's ADR tool reads; every format carries the "
                               "same bundle, so `stackwise check` works on all of them.")
    st.download_button(
        "Download decision record (.zip)",
        data=lambda: record_zip(requirements, matrix, number=number, status=status, flavor=flavor),
        file_name=zip_name(requirements, number, matrix),
        mime="application/zip",
        key=key,
        on_click="ignore",
        help=f"{FLAVOR_LABELS[flavor]} Markdown, print HTML, SVG charts and a re-importable bundle, as record "
             f"{number:04d} (the next free number in {folder}). Unzip into your repository's decision folder.",
    )


def _on_restore(matrix: Matrix) -> None:
    """Parse a new upload once (callbacks run before the script, so the same run returns it)."""
    import streamlit as st

    file = st.session_state.get(KEY_RESTORE)
    st.session_state.pop(_KEY_ERROR, None)
    if file is None:
        return
    try:
        st.session_state[_KEY_PENDING] = restore_bundle(file.getvalue(), file.name, matrix)
    except InputError as exc:
        st.session_state[_KEY_ERROR] = str(exc)


def render_restore(matrix: Matrix) -> Requirements | None:
    """An uploader for a decision bundle; returns its requirements once, right after a valid upload."""
    import streamlit as st

    st.file_uploader("Restore a decision bundle (.stackwise.yaml)", type=["yaml", "yml"], key=KEY_RESTORE,
                     max_upload_size=MAX_BUNDLE_MB, on_change=_on_restore, args=(matrix,),
                     help="The bundle beside a record holds its inputs; uploading it restores them exactly.")
    error = st.session_state.get(_KEY_ERROR)
    if error:
        st.error("The bundle was not restored. What is wrong, and where:")
        st.code(error, language=None)
    return st.session_state.pop(_KEY_PENDING, None)


def _folder_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime_ns) of every file in ``folder``: a record written or edited changes it."""
    out = []
    for p in folder.iterdir():
        if p.is_file():
            st_ = p.stat()
            out.append((p.name, st_.st_size, st_.st_mtime_ns))
    return tuple(sorted(out))


def _cached_log(folder: Path, matrix: Matrix) -> list[LogRow]:
    """:func:`decision_log`, re-read only when the folder's files or the matrix change.

    Reading and re-evaluating every bundle cost about 17 ms on every rerun of the
    app (any slider move) for a log that rarely changes (issue 10). The cache is
    keyed on the folder's file names, sizes and mtimes and the matrix's digest;
    ``st.cache_data`` returns a copy per caller.
    """
    import streamlit as st

    from ui.chart_specs import matrix_digest

    @st.cache_data(show_spinner=False, max_entries=16)
    def cached(folder_name: str, state: tuple, digest: str, _matrix: Matrix) -> list[LogRow]:
        return decision_log(Path(folder_name), _matrix)

    return cached(str(folder.resolve()), _folder_state(folder), matrix_digest(matrix), matrix)


def render_decision_log(folder: Path, matrix: Matrix) -> None:
    """A table of the records in ``folder``: status, date, chosen option, whether it still holds."""
    import streamlit as st

    folder = Path(folder)
    if not folder.is_dir():
        st.info(f"No decision records yet: the folder {folder} does not exist.")
        return
    try:
        rows = _cached_log(folder, matrix)
    except InputError as exc:
        st.error("A decision bundle could not be read:")
        st.code(str(exc), language=None)
        return
    if not rows:
        st.info(f"No decision records (*.stackwise.yaml) in {folder}.")
        return
    broken = [r.number for r in rows if r.still_holds in ("NO", "PROBLEM")]
    if broken:
        st.warning("No longer holds against the current matrix: " + ", ".join(broken)
                   + ". Review those records (`stackwise check` gives the same report).")
    else:
        st.success("Every checked decision still holds against the current matrix.")
    st.dataframe(
        [{"#": r.number, "title": r.title, "status": r.status, "date": r.date, "chosen option": r.chosen,
          "still holds?": r.still_holds, "what changed": r.what_changed} for r in rows],
        hide_index=True, width="stretch",
    )
