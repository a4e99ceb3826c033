"""Import a matrix kept in a spreadsheet: one CSV row per option x criterion (x evidence item).

Two shapes are accepted, told apart by the header row:

* **Export shape** (what ``stackwise matrix --format csv`` writes, see
  :func:`criteria.export.matrix_to_csv`): columns ``option, option_name, criterion,
  rating, rationale, evidence`` where ``evidence`` is a JSON list of evidence objects.
  One row per rating.
* **Spreadsheet shape**: instead of ``evidence``, the columns ``source, where, claim,
  verdict`` (optional ``checked_against``, ids separated by ``;`` or ``,``, and
  ``note``) describe one evidence item per row. Further rows for the same option and
  criterion add evidence items; their ``rating`` and ``rationale`` may be left blank
  (or must repeat the first row's values).

Optional columns in both shapes: ``option_name`` and ``conflict``.

Criteria and sources (one CSV can hold a whole decision):

* A row may name a criterion the shipped catalog does not have: with a
  ``criterion_name`` cell it defines a new criterion (id and name; it is *unanchored*).
  When no row rates a catalog criterion at all, every criterion is new and takes its
  name from ``criterion_name`` or, failing that, from its id. A row that mixes an unknown
  id into catalog criteria without a name is a typo, reported with the nearest id.
* A row may cite a source no bibliography has by giving ``source_title``,
  ``source_url`` and ``source_date`` (optional ``source_publisher``, ``source_kind``),
  or a URL in ``source`` (its id is then made from the URL). Rows citing the same
  source must agree on these cells.
* A ``criteria.yaml`` beside the CSV replaces the catalog (every criterion must be
  defined there); a ``sources.yaml`` beside it adds to the bibliography.

With the shipped catalog only the criteria the CSV rates are kept (catalog order, then
new criteria in order of appearance), so a team can rate a subset. The resulting matrix
keeps only the sources its evidence cites (plus those defined beside or in the file).

Every problem is reported as :class:`~criteria.errors.InputError` naming the file, the
CSV line where the row starts (quoted multi-line cells count as the lines they span),
the column, and what would be valid. Size is capped by :data:`criteria.yamlio.MAX_BYTES`.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from criteria.errors import InputError, Problem, format_path, suggest
from criteria.export import csv_unsafe
from criteria.models import Criterion, Evidence, Matrix, Option, Source, SourceKind, Verdict
from criteria import yamlio
from criteria.yamlio import LineMap

#: Columns every CSV needs.
BASE_COLUMNS = ("option", "criterion", "rating", "rationale")
#: The export shape's evidence column.
JSON_COLUMNS = ("evidence",)
#: The spreadsheet shape's evidence columns (one evidence item per row).
ROW_EVIDENCE_COLUMNS = ("source", "where", "claim", "verdict")
#: Cells that define a new criterion or source on the row that first uses it (issue 19).
SOURCE_COLUMNS = ("source_title", "source_publisher", "source_url", "source_date", "source_kind")
OPTIONAL_COLUMNS = ("option_name", "criterion_name", "conflict", "checked_against", "note", "facts") + SOURCE_COLUMNS
ALL_COLUMNS = BASE_COLUMNS + JSON_COLUMNS + ROW_EVIDENCE_COLUMNS + OPTIONAL_COLUMNS

_ID = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_VERDICTS = [v.value for v in Verdict]
_KINDS = [k.value for k in SourceKind]
_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
#: Most problems listed before giving up: enough to fix a sheet in one pass.
_MAX_PROBLEMS = 50


# --------------------------------------------------------------------------- entry points

def load_csv_matrix(path: str | Path) -> Matrix:
    """Load a CSV matrix file; sibling ``criteria.yaml``/``sources.yaml`` are used when present."""
    p = Path(path)
    # Regular files only, size-capped, never more than the cap read (devices, pipes).
    raw = yamlio.read_capped(p)
    name = str(path)
    return load_csv_bytes(raw, name, base_dir=p.parent)


def load_csv_bytes(raw: bytes, name: str, base_dir: str | Path | None = None) -> Matrix:
    """Load CSV bytes (e.g. an upload). ``base_dir`` is where sibling YAML files are looked for;
    ``None`` (uploads) means the shipped catalog and bibliography only."""
    text = yamlio.decode(raw, name)  # size cap, strict UTF-8 (BOM allowed), no NUL bytes
    criteria, own_criteria = _criteria(base_dir)
    sources, own_sources = _sources(base_dir)
    rows = _Reader(name).rows(text)
    return _Builder(name, criteria, own_criteria, sources, own_sources).build(rows)


# --------------------------------------------------------------------------- criteria and sources

def _criteria(base_dir: str | Path | None) -> tuple[list[Criterion], bool]:
    from criteria.loader import load_catalog

    if base_dir is not None and (Path(base_dir) / "criteria.yaml").is_file():
        return load_catalog(Path(base_dir) / "criteria.yaml", complete=False), True
    return load_catalog(), False


def _sources(base_dir: str | Path | None) -> tuple[dict[str, Source], set[str]]:
    """The shipped bibliography plus a sibling ``sources.yaml`` (whose entries win)."""
    from criteria.loader import DATA_DIR, _list_of

    pool: dict[str, Source] = {}
    for f in sorted((DATA_DIR / "sources").glob("*.yaml")):
        for s in _list_of(Source, f, "sources"):
            pool[s.id] = s
    own: set[str] = set()
    if base_dir is not None and (Path(base_dir) / "sources.yaml").is_file():
        for s in _list_of(Source, Path(base_dir) / "sources.yaml", "sources"):
            pool[s.id] = s
            own.add(s.id)
    return pool, own


# --------------------------------------------------------------------------- reading rows

class _Located(list):  # type: ignore[type-arg]
    """Problems that say "row 1, column 'x'" in a workbook and "line 1, key 'x'" in a CSV."""

    def __init__(self, unit: str, key_word: str) -> None:
        super().__init__()
        self.unit, self.key_word = unit, key_word

    def append(self, problem: Problem) -> None:  # type: ignore[override]
        problem.unit, problem.key_word = self.unit, self.key_word
        super().append(problem)


@dataclass
class _Row:
    line: int
    values: dict[str, str]


class _Reader:
    """CSV text to header-keyed rows with the line each row starts on."""

    def __init__(self, name: str, *, unit: str = "line", key_word: str = "key") -> None:
        self.name = name
        self.unit, self.key_word = unit, key_word

    def rows(self, text: str) -> list[_Row]:
        if not text.strip():
            raise InputError.single(self.name, "the file is empty.",
                                    expected=f"a header row with {', '.join(BASE_COLUMNS)} and evidence columns")
        first = text.split("\n", 1)[0]
        # Spreadsheets in many locales export with ';' when ',' is the decimal mark.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        out: list[_Row] = []
        header: list[str] | None = None
        start = 1
        try:
            for cells in reader:
                line, start = start, reader.line_num + 1
                if header is None:
                    header = self._header(cells, line)
                    continue
                if not any(c.strip() for c in cells):
                    continue  # blank spreadsheet row
                if len(cells) > len(header):
                    raise InputError.single(
                        self.name, f"the row has {len(cells)} cells but the header has {len(header)} columns.",
                        line=line, expected="one cell per header column (quote cells that contain the delimiter)",
                    )
                cells = cells + [""] * (len(header) - len(cells))  # trailing empty cells may be dropped
                # Spreadsheets write CRLF inside quoted cells too; keep text newlines uniform.
                # csv_unsafe: our own export guards formula-like text with a leading ' (criteria.export).
                out.append(_Row(line, {h: csv_unsafe(c.replace("\r\n", "\n").strip())
                                       for h, c in zip(header, cells)}))
        except csv.Error as exc:
            raise InputError.single(
                self.name, f"CSV syntax error: {exc}.", line=reader.line_num or start,
                expected="valid CSV (a quoted cell needs its closing quote; double a quote inside it)",
            ) from None
        if header is None:
            raise InputError.single(self.name, "the file has no header row.", line=1,
                                    expected=", ".join(BASE_COLUMNS))
        if not out:
            raise InputError.single(self.name, "the file has a header but no rows.", line=2,
                                    expected="one row per option x criterion")
        return out

    def _header(self, cells: list[str], line: int) -> list[str]:
        header = [c.strip().lower() for c in cells]
        problems: list[Problem] = _Located(self.unit, self.key_word)
        seen: set[str] = set()
        for col in header:
            if col in seen:
                problems.append(Problem(f"column '{col}' appears twice in the header.", (col,), line,
                                        "each column once"))
            seen.add(col)
            if col not in ALL_COLUMNS:
                problems.append(Problem(f"unknown column '{col}'.{suggest(col, ALL_COLUMNS)}", (col,), line,
                                        f"columns from {', '.join(ALL_COLUMNS)}"))
        missing = [c for c in BASE_COLUMNS if c not in seen]
        if missing:
            problems.append(Problem(f"missing column(s): {', '.join(missing)}.", (), line,
                                    f"a header with {', '.join(BASE_COLUMNS)}"))
        has_json = "evidence" in seen
        row_cols = [c for c in ROW_EVIDENCE_COLUMNS if c in seen]
        if has_json and row_cols:
            problems.append(Problem(
                f"give either an 'evidence' column (JSON list) or the columns {', '.join(ROW_EVIDENCE_COLUMNS)}, "
                "not both.", (), line, "one of the two evidence shapes"))
        elif not has_json and len(row_cols) < len(ROW_EVIDENCE_COLUMNS):
            lacking = [c for c in ROW_EVIDENCE_COLUMNS if c not in seen]
            problems.append(Problem(
                f"missing evidence column(s): {', '.join(lacking)}.", (), line,
                f"either 'evidence' (a JSON list) or all of {', '.join(ROW_EVIDENCE_COLUMNS)}"))
        if has_json and seen.intersection(SOURCE_COLUMNS):
            problems.append(Problem("the source_* columns belong to the spreadsheet shape (source, where, claim, "
                                    "verdict), not to the 'evidence' JSON shape.", (), line,
                                    "the spreadsheet shape, or sources in a sources.yaml beside the file"))
        if has_json and ("checked_against" in seen or "note" in seen):
            problems.append(Problem("'checked_against' and 'note' belong inside the evidence JSON in this shape.",
                                    (), line, "those keys inside each evidence object"))
        if problems:
            raise InputError(self.name, problems)
        return header


# --------------------------------------------------------------------------- building the matrix

@dataclass
class _Entry:
    line: int
    rating: float
    rationale: str
    conflict: str | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] | None = None


@dataclass
class _OptionRows:
    line: int
    name: str | None = None
    name_line: int | None = None
    ratings: dict[str, _Entry] = field(default_factory=dict)


class _Builder:
    """Rows to a :class:`Matrix`, collecting every problem with its row and column.

    ``unit``/``key_word`` say how a location reads: "line 5, key 'rating'" for a CSV,
    "row 5, column 'rating'" for a workbook sheet.
    """

    def __init__(self, name: str, criteria: list[Criterion], own_criteria: bool,
                 sources: dict[str, Source], own_sources: set[str], *,
                 unit: str = "line", key_word: str = "key") -> None:
        self.name = name
        self.criteria = criteria
        self.own_criteria = own_criteria
        self.crit_ids = [c.id for c in criteria]
        self.sources = dict(sources)
        self.own_sources = set(own_sources)
        self.unit, self.key_word = unit, key_word
        self.problems: list[Problem] = []
        self.options: dict[str, _OptionRows] = {}
        #: New criteria named in rows: id -> (name or None, first line).
        self.new_criteria: dict[str, tuple[str | None, int]] = {}
        #: Source definitions given in rows: id -> (the cells given, first line).
        self.row_sources: dict[str, tuple[dict[str, str], int]] = {}
        self.used_catalog = False

    def fail(self, line: int | None, column: str | tuple, message: str, expected: str | None) -> None:
        path = column if isinstance(column, tuple) else ((column,) if column else ())
        self.problems.append(Problem(message, path, line, expected, unit=self.unit, key_word=self.key_word))
        if len(self.problems) >= _MAX_PROBLEMS:
            raise InputError(self.name, self.problems + [Problem("stopped after this many problems.")])

    # -- one row -----------------------------------------------------------

    def _id(self, row: _Row, column: str) -> str | None:
        value = row.values.get(column, "")
        if not value:
            self.fail(row.line, column, f"column '{column}' is empty.", "an id such as my-option")
            return None
        if not _ID.match(value):
            self.fail(row.line, column, f"column '{column}': '{value}' is not a valid id.",
                      "lower-case letters, digits, '-' or '_', starting with a letter")
            return None
        return value

    def _rating(self, row: _Row, required: bool) -> float | None:
        text = row.values.get("rating", "")
        if not text:
            if required:
                self.fail(row.line, "rating", "column 'rating' is empty.", "a number from 0 to 5")
            return None
        try:
            value = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
        except ValueError:
            self.fail(row.line, "rating", f"column 'rating': '{text}' is not a number.", "a number from 0 to 5")
            return None
        if not (0 <= value <= 5):  # also refuses nan; inf fails the range
            self.fail(row.line, "rating", f"column 'rating': {text} is out of range.", "a number from 0 to 5")
            return None
        return value

    def _criterion(self, row: _Row, cid: str) -> None:
        """Note a criterion: from the catalog, or new (named here, or decided at the end)."""
        name = row.values.get("criterion_name", "")
        if cid in self.crit_ids:
            self.used_catalog = True
            return
        if self.own_criteria:
            self.fail(row.line, "criterion", f"unknown criterion '{cid}'.{suggest(cid, self.crit_ids)}",
                      f"a criterion id from the criteria beside the file: {', '.join(self.crit_ids)}")
            return
        known = self.new_criteria.get(cid)
        if known is None:
            self.new_criteria[cid] = (name or None, row.line)
        elif name and known[0] is None:
            self.new_criteria[cid] = (name, known[1])
        elif name and name != known[0]:
            self.fail(row.line, "criterion_name",
                      f"criterion '{cid}' is named '{name}' here but '{known[0]}' on {self.unit} {known[1]}.",
                      "the same criterion_name on every row of a criterion (or leave it blank)")

    def _source(self, row: _Row, cell: str) -> str | None:
        """The source id a row cites, defining a new source from its source_* cells when given."""
        given = {c: row.values.get(c, "") for c in SOURCE_COLUMNS if row.values.get(c, "")}
        sid = cell
        if _URL.match(cell):
            url = given.get("source_url")
            if url and url != cell:
                self.fail(row.line, "source_url", f"column 'source' is the URL {cell!r} but source_url is {url!r}.",
                          "the same URL in both, or an id in 'source'")
                return None
            given["source_url"] = cell
            sid = url_id(cell)
        elif not _ID.match(cell):
            self.fail(row.line, "source", f"column 'source': '{cell[:60]}' is neither a source id nor a URL.",
                      "a source id (lower-case letters, digits, '-' or '_') or an https:// address")
            return None
        if not given:
            return sid  # cites a known source (checked with the evidence)
        if sid in self.sources and sid not in self.row_sources:
            # A source the bibliography (shipped, beside the file, or a workbook's sources sheet)
            # already defines: the row may restate it, never silently redefine it.
            known = self.sources[sid]
            fields = {"source_title": known.title, "source_publisher": known.publisher, "source_url": known.url,
                      "source_date": known.published, "source_kind": known.kind.value}
            for col, value in given.items():
                if fields.get(col) is not None and col != "source_kind" and value != fields[col]:
                    self.fail(row.line, col, f"source '{sid}' is already in the bibliography with {col} "
                              f"{fields[col]!r}, not {value!r}.",
                              "the bibliography's value, an empty cell, or a new source id")
                    return None
        earlier = self.row_sources.get(sid)
        if earlier is not None:
            cells, line = earlier
            for col, value in given.items():
                if col in cells and cells[col] != value:
                    self.fail(row.line, col, f"source '{sid}' has {col} {value!r} here but {cells[col]!r} on "
                              f"{self.unit} {line}.", "the same source cells on every row citing that source "
                              "(or leave them blank after the first)")
                    return None
            cells.update({c: v for c, v in given.items() if c not in cells})
        else:
            self.row_sources[sid] = (dict(given), row.line)
        cells = self.row_sources[sid][0]
        base = self.sources[sid].model_dump(mode="json", exclude_none=True) if sid in self.sources else {}
        url = cells.get("source_url") or base.get("url")
        data = {**base, "id": sid,
                "title": cells.get("source_title") or base.get("title") or url or sid,
                "publisher": cells.get("source_publisher") or base.get("publisher") or _host(url) or "unknown publisher",
                "kind": (cells.get("source_kind") or base.get("kind") or "article").lower()}
        if url:
            data["url"] = url
        date = cells.get("source_date") or base.get("published")
        if not date:
            self.fail(row.line, "source_date", f"source '{sid}' is not in the bibliography, so it needs a date.",
                      "its publication date (YYYY-MM-DD, YYYY-MM or YYYY) in source_date")
            return None
        data["published"] = date
        try:
            self.sources[sid] = Source.model_validate(data)
        except ValidationError as exc:
            column = {"title": "source_title", "publisher": "source_publisher", "url": "source_url",
                      "published": "source_date", "kind": "source_kind", "id": "source"}
            for err in exc.errors(include_url=False):
                field_ = str(err["loc"][0]) if err["loc"] else ""
                expected = {"published": "a date YYYY-MM-DD, YYYY-MM or YYYY",
                            "kind": f"one of {', '.join(_KINDS)}"}.get(field_)
                self.fail(row.line, column.get(field_, field_),
                          f"source '{sid}': {err['msg'][0].lower()}{err['msg'][1:]} (got {str(err.get('input'))[:60]!r}).",
                          expected)
            return None
        self.own_sources.add(sid)
        return sid

    def _facts(self, row: _Row) -> dict[str, Any] | None:
        """The optional 'facts' column: a JSON object of a counted criterion's facts (criteria/rubrics.py)."""
        text = row.values.get("facts", "")
        if not text:
            return None
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            self.fail(row.line, "facts", f"column 'facts' is not valid JSON ({str(exc)[:80]}).", "a JSON object")
            return None
        if not isinstance(data, dict):
            self.fail(row.line, "facts", "column 'facts' must be a JSON object.", "a JSON object")
            return None
        return data

    def _evidence_json(self, row: _Row) -> list[dict[str, Any]]:
        text = row.values.get("evidence", "")
        if not text:
            self.fail(row.line, "evidence", "column 'evidence' is empty.",
                      'a JSON list such as [{"source": "...", "where": "...", "claim": "...", "verdict": "current"}]')
            return []
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.fail(row.line, "evidence", f"column 'evidence' is not valid JSON ({exc.msg} at character {exc.pos}).",
                      "a JSON list of evidence objects")
            return []
        except (ValueError, RecursionError) as exc:  # int over 4300 digits; nesting past the recursion limit
            self.fail(row.line, "evidence", f"column 'evidence' cannot be read as JSON ({str(exc)[:80]}).",
                      "a JSON list of evidence objects")
            return []
        if not isinstance(data, list) or not data:
            self.fail(row.line, "evidence", "column 'evidence' must be a non-empty JSON list.",
                      "a JSON list of evidence objects")
            return []
        return [self._evidence(row, item, ("evidence", i)) for i, item in enumerate(data)]

    def _evidence_cells(self, row: _Row) -> dict[str, Any]:
        item: dict[str, Any] = {k: row.values.get(k, "") for k in ROW_EVIDENCE_COLUMNS}
        checked = row.values.get("checked_against", "")
        if checked:
            item["checked_against"] = [s.strip() for s in re.split(r"[;,]", checked) if s.strip()]
        if row.values.get("note"):
            item["note"] = row.values["note"]
        verdict = item["verdict"].lower()
        item["verdict"] = verdict
        for col in ROW_EVIDENCE_COLUMNS:
            if not item[col]:
                self.fail(row.line, col, f"column '{col}' is empty.",
                          f"one of {', '.join(_VERDICTS)}" if col == "verdict" else "text for this evidence item")
        if any(not item[c] for c in ROW_EVIDENCE_COLUMNS):
            return {}
        sid = self._source(row, item["source"])
        if sid is None:
            return {}
        item["source"] = sid
        return self._evidence(row, item, ())

    def _evidence(self, row: _Row, item: Any, loc: tuple) -> dict[str, Any]:
        try:
            ev = Evidence.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = loc + tuple(err["loc"])
                column = format_path(where) if loc else str(err["loc"][0]) if err["loc"] else ""
                expected = None
                if err["type"] == "enum":
                    expected = f"one of {', '.join(_VERDICTS)}"
                elif err["type"] == "extra_forbidden":
                    expected = f"keys {', '.join(Evidence.model_fields)}"
                elif err["type"] == "string_pattern_mismatch":
                    expected = "a source id (lower-case letters, digits, '-' or '_')"
                self.fail(row.line, (column,) if column else (),
                          f"evidence {format_path(where) or 'item'}: {err['msg'][0].lower()}{err['msg'][1:]} "
                          f"(got {str(err.get('input'))[:60]!r}).", expected)
            return {}
        for k, sid in enumerate([ev.source, *ev.checked_against]):
            if sid not in self.sources:
                col = "source" if k == 0 else "checked_against"
                self.fail(row.line, format_path(loc + (col,)) if loc else col,
                          f"evidence cites unknown source '{sid}'.{suggest(sid, self.sources)}",
                          "a source id from the bibliography, or a new source with source_title, source_url "
                          "and source_date on this row")
        return ev.model_dump(mode="json", exclude_none=True)

    def add(self, row: _Row, json_shape: bool) -> None:
        oid = self._id(row, "option")
        cid = self._id(row, "criterion")
        if cid is not None:
            self._criterion(row, cid)
            if self.own_criteria and cid not in self.crit_ids:
                cid = None
        evidence = self._evidence_json(row) if json_shape else [self._evidence_cells(row)]
        evidence = [e for e in evidence if e]
        if oid is None or cid is None:
            self._rating(row, required=False)  # still report a bad rating on the same row
            return
        opt = self.options.setdefault(oid, _OptionRows(row.line))
        name = row.values.get("option_name", "")
        if name:
            if opt.name is None:
                opt.name, opt.name_line = name, row.line
            elif name != opt.name:
                self.fail(row.line, "option_name",
                          f"option '{oid}' is named '{name}' here but '{opt.name}' on {self.unit} {opt.name_line}.",
                          "the same option_name on every row of an option (or leave it blank)")
        entry = opt.ratings.get(cid)
        conflict = row.values.get("conflict") or None
        if entry is None:
            rating = self._rating(row, required=True)
            rationale = row.values.get("rationale", "")
            if not rationale:
                self.fail(row.line, "rationale", "column 'rationale' is empty.", "one line on why this rating")
            if rating is None or not rationale:
                return
            opt.ratings[cid] = _Entry(row.line, rating, rationale, conflict, evidence, self._facts(row))
            return
        if json_shape:
            self.fail(row.line, ("option", "criterion"),
                      f"'{oid}' x '{cid}' is rated again (first on {self.unit} {entry.line}).",
                      "one row per option x criterion in the export shape (put all evidence in its JSON list)")
            return
        # Spreadsheet shape: a further evidence row for the same rating.
        rating = self._rating(row, required=False)
        if rating is not None and rating != entry.rating:
            self.fail(row.line, "rating",
                      f"'{oid}' x '{cid}' is rated {row.values['rating']} here but {entry.rating:g} on "
                      f"{self.unit} {entry.line}.",
                      "the same rating on every evidence row of a rating, or a blank cell")
        rationale = row.values.get("rationale", "")
        if rationale and rationale != entry.rationale:
            self.fail(row.line, "rationale",
                      f"'{oid}' x '{cid}' has a different rationale here than on {self.unit} {entry.line}.",
                      "the rationale once, on the first row (leave it blank on further evidence rows)")
        if conflict:
            entry.conflict = entry.conflict or conflict
        entry.evidence.extend(evidence)

    # -- whole file --------------------------------------------------------

    def _new_criteria(self) -> list[Criterion]:
        """Criteria the rows define; an unnamed unknown id beside catalog criteria is a typo."""
        out: list[Criterion] = []
        for cid, (name, line) in self.new_criteria.items():
            # Unnamed and beside catalog criteria, or one letter away from one: a typo, not a new criterion.
            if name is None and (self.used_catalog or difflib.get_close_matches(cid, self.crit_ids, 1, 0.85)):
                self.fail(line, "criterion", f"unknown criterion '{cid}'.{suggest(cid, self.crit_ids)}",
                          "a criterion id from the shipped catalog, or a criterion_name on this row to define "
                          "a new criterion")
                continue
            try:
                out.append(Criterion.model_validate({"id": cid, "name": name or _name_from_id(cid)}))
            except ValidationError as exc:
                self.fail(line, "criterion_name", f"criterion '{cid}': {exc.errors()[0]['msg']}.",
                          "a name of 1-4000 characters")
        return out

    def build(self, rows: list[_Row]) -> Matrix:
        json_shape = "evidence" in rows[0].values
        for row in rows:
            self.add(row, json_shape)
        new = [] if self.own_criteria else self._new_criteria()
        if self.problems:
            raise InputError(self.name, self.problems)
        used = {cid for opt in self.options.values() for cid in opt.ratings}
        criteria = self.criteria if self.own_criteria else [c for c in self.criteria if c.id in used] + new
        crit_ids = [c.id for c in criteria]
        for oid, opt in self.options.items():
            missing = [c for c in crit_ids if c not in opt.ratings]
            if missing:
                self.fail(opt.line, "option", f"option '{oid}' has no rating for: {', '.join(missing)}.",
                          "a row for every option x criterion")
        if self.problems:
            raise InputError(self.name, self.problems)
        cited = {sid for opt in self.options.values() for e in opt.ratings.values()
                 for ev in e.evidence for sid in [ev["source"], *ev.get("checked_against", [])]}
        sources = [s for sid, s in self.sources.items() if sid in cited or sid in self.own_sources]

        lines: LineMap = {}
        options: list[Option] = []
        for i, (oid, opt) in enumerate(self.options.items()):
            lines[("options", i)] = opt.line
            lines[("options", i, "ratings")] = opt.line
            ratings = {}
            for cid, e in opt.ratings.items():
                lines[("options", i, "ratings", cid)] = e.line
                ratings[cid] = {"rating": e.rating, "rationale": e.rationale, "evidence": e.evidence}
                if e.conflict:
                    ratings[cid]["conflict"] = e.conflict
                if e.facts:
                    ratings[cid]["facts"] = e.facts
            try:
                options.append(Option.model_validate({"id": oid, "name": opt.name or oid, "ratings": ratings}))
            except ValidationError as exc:  # e.g. a rationale over the length limit
                for err in exc.errors(include_url=False):
                    loc = tuple(err["loc"])
                    line = lines.get(("options", i) + loc[:2], opt.line)
                    self.problems.append(Problem(f"{err['msg']}.", loc, line, None,
                                                 unit=self.unit, key_word="key"))
        if self.problems:
            raise InputError(self.name, self.problems)
        matrix = Matrix(criteria=criteria, options=options, sources=sources)
        from criteria.loader import check_matrix

        # The same cross-checks as every other format; lines point at each rating's first row.
        check_matrix(matrix, {"": (self.name, lines)})
        return matrix


# --------------------------------------------------------------------------- helpers

def url_id(url: str) -> str:
    """A stable source id for a URL: its host and path as a slug (``https://www.sqlite.org/wal.html``
    -> ``sqlite-org-wal-html``), shortened with a hash when longer than ids may be."""
    import hashlib

    body = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
    body = re.sub(r"^www\.", "", body, flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", body.lower()).strip("-") or "source"
    if not slug[0].isalpha():
        slug = "s-" + slug
    if len(slug) > 64:
        slug = slug[:55].rstrip("-") + "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    return slug


def _host(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^https?://(?:www\.)?([^/:?#\s]+)", url, re.IGNORECASE)
    return m.group(1).lower() if m else None


def _name_from_id(cid: str) -> str:
    """``sql_features`` -> ``Sql features``: a readable name when a row gives none."""
    words = re.sub(r"[_-]+", " ", cid).strip()
    return words[:1].upper() + words[1:]
