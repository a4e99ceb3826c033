"""A matrix kept in an Excel workbook (.xlsx): import and export with openpyxl.

Sheets (names are case-insensitive; other sheets are ignored):

* ``ratings`` (required): the columns of a CSV matrix (:mod:`criteria.csv_matrix`),
  one row per option x criterion x evidence item, header in row 1;
* ``criteria`` (optional): ``id``, ``name`` and optionally ``question``,
  ``description``, ``group`` and the anchors ``0`` .. ``5`` (or ``scale_0`` ..
  ``scale_5``). When present it replaces the shipped catalog;
* ``sources`` (optional): the fields of a bibliography entry as columns (``id``,
  ``title``, ``publisher``, ``published``, ``url``, ``kind``, optionally ``author``,
  ``accessed``, ``note``). Real Excel date cells are accepted for dates.

Safety: the workbook is a zip and passes :func:`criteria.archive.unpack` first (size,
entry count, unpacked total counted while decompressing). Cells are read in openpyxl's
streaming mode with ``data_only=False``, so a formula is seen as a formula and refused,
never evaluated (nor its cached value trusted); macros (``vbaProject.bin``) and external
links are never read. The value count and the cell length obey the same limits as a
YAML or CSV file, checked while the sheet streams. Problems name the sheet, the row and
the column.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from criteria import yamlio
from criteria.archive import unpack
from criteria.csv_matrix import _Builder, _Reader, _Row, _sources
from criteria.errors import InputError, Problem, suggest
from criteria.export import CSV_COLUMNS, matrix_rows
from criteria.models import Criterion, Matrix, Source

#: The longest text a cell may hold (as a CSV cell).
MAX_CELL_CHARS = 131_072
CRITERIA_COLUMNS = ["id", "name", "question", "description", "group", "0", "1", "2", "3", "4", "5"]
SOURCE_FIELDS = ["id", "title", "publisher", "author", "published", "accessed", "url", "kind", "note"]
_SCALE_ALIASES = {f"scale_{i}": str(i) for i in range(6)}


class _Sheet:
    """One worksheet streamed as text cells, with the problems located by sheet, row and column."""

    def __init__(self, book_name: str, ws: Any, budget: list[int]) -> None:
        self.ws = ws
        self.name = f"{book_name}, sheet '{ws.title}'"
        self.budget = budget  # [values left]: shared by every sheet of the workbook

    def error(self, row: int, column: str | None, message: str, expected: str | None) -> InputError:
        return InputError(self.name, [Problem(message, (column,) if column else (), row, expected,
                                              unit="row", key_word="column")])

    def text(self, cell: Any, row: int, column: str) -> str:
        value = cell.value
        if value is None:
            return ""
        if getattr(cell, "data_type", None) == "f":
            raise self.error(row, column, f"the cell holds a formula ({str(value)[:60]}); formulas are not "
                             "evaluated.", "a typed value (copy the cell and paste values only)")
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise self.error(row, column, f"the workbook has more than {yamlio.MAX_SCALARS:,} values.",
                             "a smaller matrix")
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        text = str(value)
        if len(text) > MAX_CELL_CHARS:
            raise self.error(row, column, f"the cell holds {len(text):,} characters.",
                             f"at most {MAX_CELL_CHARS:,}")
        return text.replace("\r\n", "\n").strip()

    def records(self) -> Iterator[tuple[int, list[str], dict[str, str]]]:
        """(row number, header, {column: text}) for every non-blank row after the header in row 1."""
        header: list[str] | None = None
        for r, cells in enumerate(self.ws.iter_rows(), start=1):
            if header is None:
                header = [self.text(c, 1, f"column {i + 1}").lower() for i, c in enumerate(cells)]
                while header and not header[-1]:
                    header.pop()
                if not header:
                    raise self.error(1, None, "row 1 is empty; it must hold the column names.",
                                     "column names in row 1")
                continue
            values: dict[str, str] = {}
            for i, cell in enumerate(cells):
                column = header[i] if i < len(header) else ""
                text = self.text(cell, r, column or f"column {i + 1}")
                if i >= len(header) or not column:
                    if text:
                        raise self.error(r, f"column {i + 1}", "a value in a column with no name in row 1.",
                                         "a column name in row 1, or an empty cell")
                    continue
                values[column] = text
            if any(values.values()):
                yield r, header, values
        if header is None:
            raise self.error(1, None, "the sheet is empty.", "column names in row 1, then one row per item")


def load_xlsx_matrix(path: str | Path) -> Matrix:
    """Load a workbook file (size-capped, like every input)."""
    return load_xlsx_bytes(yamlio.read_capped(Path(path)), str(path))


def load_xlsx_bytes(raw: bytes, name: str) -> Matrix:
    """Load workbook bytes (a file or an upload) into a validated matrix."""
    import openpyxl  # imported on demand: only workbooks need it

    unpack(raw, name)  # bounded before openpyxl sees a byte
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_vba=False,
                                      keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken package
        raise InputError.single(name, f"this is not a readable Excel workbook ({type(exc).__name__}: "
                                      f"{str(exc)[:120]}).",
                                expected="an .xlsx file saved by Excel, LibreOffice or `stackwise matrix "
                                         "--format xlsx`") from None
    try:
        sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
        if "ratings" not in sheets:
            found = ", ".join(f"'{t}'" for t in sheets) or "none"
            raise InputError.single(name, f"no sheet named 'ratings' (sheets found: {found}).{suggest('ratings', sheets)}",
                                    expected="a sheet 'ratings' with the CSV columns; optional sheets 'criteria' "
                                             "and 'sources'")
        budget = [yamlio.MAX_SCALARS]
        criteria, own_criteria = ([], False)
        if "criteria" in sheets:
            criteria, own_criteria = _criteria(_Sheet(name, sheets["criteria"], budget)), True
        else:
            from criteria.loader import load_catalog

            criteria = load_catalog()
        pool, _ = _sources(None)
        own: set[str] = set()
        if "sources" in sheets:
            for source in _source_rows(_Sheet(name, sheets["sources"], budget)):
                pool[source.id] = source
                own.add(source.id)
        ratings = _Sheet(name, sheets["ratings"], budget)
        reader = _Reader(ratings.name, unit="row", key_word="column")
        rows: list[_Row] = []
        for r, header, values in ratings.records():
            if not rows:
                reader._header(header, 1)
            rows.append(_Row(r, {h: values.get(h, "") for h in header}))
        if not rows:
            raise ratings.error(2, None, "the sheet has column names but no rows.",
                                "one row per option x criterion")
        builder = _Builder(ratings.name, criteria, own_criteria, pool, own, unit="row", key_word="column")
        return builder.build(rows)
    finally:
        book.close()


def _criteria(sheet: _Sheet) -> list[Criterion]:
    out: list[Criterion] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for r, header, values in sheet.records():
        values = {_SCALE_ALIASES.get(k, k): v for k, v in values.items()}
        unknown = [k for k in values if k not in CRITERIA_COLUMNS and k not in _SCALE_ALIASES]
        for k in unknown:
            problems.append(Problem(f"unknown column '{k}'.{suggest(k, CRITERIA_COLUMNS)}", (k,), 1,
                                    f"columns from {', '.join(CRITERIA_COLUMNS)}", unit="row", key_word="column"))
        if unknown:
            break
        data: dict[str, Any] = {k: v for k, v in values.items() if k in ("id", "name", "question", "description", "group") and v}
        scale = {k: v for k, v in values.items() if k in "012345" and len(k) == 1 and v}
        if scale:
            data["scale"] = scale
        cid = data.get("id", "")
        if cid in seen:
            problems.append(Problem(f"criterion '{cid}' is defined again (first in row {seen[cid]}).", ("id",), r,
                                    "each criterion once", unit="row", key_word="column"))
            continue
        seen[cid] = r
        try:
            out.append(Criterion.model_validate(data))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                col = str(err["loc"][-1]) if err["loc"] else ""
                expected = "0, 3 and 5 at least (anchors 1, 2 and 4 are optional)" if "scale" in err["loc"] else None
                problems.append(Problem(f"{err['msg']}.", (col,) if col else (), r, expected,
                                        unit="row", key_word="column"))
    if problems:
        raise InputError(sheet.name, problems[:50])
    return out


def _source_rows(sheet: _Sheet) -> list[Source]:
    out: list[Source] = []
    problems: list[Problem] = []
    for r, header, values in sheet.records():
        unknown = [k for k in values if k not in SOURCE_FIELDS]
        for k in unknown:
            problems.append(Problem(f"unknown column '{k}'.{suggest(k, SOURCE_FIELDS)}", (k,), 1,
                                    f"columns from {', '.join(SOURCE_FIELDS)}", unit="row", key_word="column"))
        if unknown:
            break
        data = {k: v for k, v in values.items() if v}
        if "kind" in data:
            data["kind"] = data["kind"].lower()
        try:
            out.append(Source.model_validate(data))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                col = str(err["loc"][0]) if err["loc"] else ""
                expected = {"published": "a date (YYYY-MM-DD, YYYY-MM or YYYY, or an Excel date cell)",
                            "kind": "one of article, official-docs, changelog, benchmark, package-index, repository",
                            "id": "lower-case letters, digits, '-' or '_', starting with a letter"}.get(col)
                msg = f"{err['msg']}."
                if err["type"] == "string_pattern_mismatch":
                    msg = f"{str(err.get('input'))[:60]!r} is not valid here."
                problems.append(Problem(msg, (col,) if col else (), r, expected, unit="row", key_word="column"))
    if problems:
        raise InputError(sheet.name, problems[:50])
    return out


# --------------------------------------------------------------------------- export

def matrix_to_xlsx(matrix: Matrix) -> bytes:
    """The matrix as a workbook (criteria, ratings, sources) that loads back to the same matrix.

    Every text cell is written as text, so a rationale starting with ``=`` never becomes
    a formula in the reader's spreadsheet program.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)

    def sheet(title: str, columns: list[str], rows: list[list[Any]]) -> None:
        ws = book.create_sheet(title)
        ws.append(columns)
        for values in rows:
            cells = []
            for v in values:
                cell = WriteOnlyCell(ws, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
                cells.append(cell)
            ws.append(cells)

    crit_rows = []
    for c in matrix.criteria:
        anchors = c.anchors()
        crit_rows.append([c.id, c.name, c.question or "", c.description or "", c.group or "",
                          *[anchors.get(i, "") for i in range(6)]])
    sheet("criteria", CRITERIA_COLUMNS, crit_rows)
    # The criteria and sources sheets hold names and source details once; the ratings sheet cites ids.
    columns = [c for c in CSV_COLUMNS if c != "criterion_name" and not c.startswith("source_")]
    sheet("ratings", columns, [[row[col] for col in columns] for row in matrix_rows(matrix)])
    src_rows = []
    for s in matrix.sources:
        data = s.model_dump(mode="json")
        src_rows.append([data.get(f) or "" for f in SOURCE_FIELDS])
    sheet("sources", SOURCE_FIELDS, src_rows)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
