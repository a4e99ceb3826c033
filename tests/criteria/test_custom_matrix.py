"""A team's own matrix in every accepted format: folder, YAML/JSON export, CSV (both shapes).

The example matrix data/custom/databases (its own criteria and sources) is the
reference; each format must load to the same content, and each kind of mistake must
come back as an InputError naming the file, the line and the column or key.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from criteria import InputError, load_matrix, load_matrix_bytes
from criteria import yamlio
from criteria.csv_matrix import load_csv_bytes, load_csv_matrix
from stackwise_cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DATABASES = ROOT / "data" / "custom" / "databases"
TEMPLATE = ROOT / "data" / "custom" / "template.csv"

HEADER = "option,option_name,criterion,rating,rationale,source,where,claim,verdict\n"
GOOD_ROW = "django,Django,async_support,4,Async views.,django-docs-async,Async views,Views may be async.,current\n"


def _csv(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _error(path: Path) -> str:
    with pytest.raises(InputError) as err:
        load_matrix(path)
    return str(err.value)


# --------------------------------------------------------------------------- folder and exports

def test_folder_matrix_brings_its_own_criteria_and_sources() -> None:
    m = load_matrix(DATABASES)
    assert m.criterion_ids() == ["zero_ops", "write_concurrency", "analytics", "sql_features", "python_fit"]
    assert sorted(m.option_ids()) == ["duckdb", "postgresql", "sqlite"]
    assert all(s.id.split("-")[0] in {"sqlite", "python", "postgres", "psycopg", "duckdb"} for s in m.sources)
    assert m.meta is not None and m.meta.title and "databases" in m.meta.title.lower()
    # its ratings reflect what the cited docs say: DuckDB has one read-write process
    assert m.option("duckdb").ratings["write_concurrency"].rating == 1
    assert m.option("postgresql").ratings["write_concurrency"].rating == 5


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_files_load_to_the_same_matrix(tmp_path: Path, fmt: str) -> None:
    folder = load_matrix(DATABASES)
    out = tmp_path / f"databases.{fmt}"
    assert main(["matrix", "--format", fmt, "--matrix", str(DATABASES), "--out", str(out)]) == 0
    assert load_matrix(out) == folder
    assert load_matrix_bytes(out.read_bytes(), out.name) == folder  # the upload path


def test_csv_export_is_a_whole_decision_on_its_own(tmp_path: Path) -> None:
    """Issue 19: the exported CSV carries criterion names and source details, so it loads alone."""
    folder = load_matrix(DATABASES)
    out = tmp_path / "databases.csv"
    assert main(["matrix", "--format", "csv", "--matrix", str(DATABASES), "--out", str(out)]) == 0
    alone = load_csv_matrix(out)
    assert alone.criterion_ids() == folder.criterion_ids()
    assert [c.name for c in alone.criteria] == [c.name for c in folder.criteria]
    assert not any(c.anchored for c in alone.criteria)  # a CSV carries no scale: said plainly, not invented
    cited = {e.source for o in folder.options for r in o.ratings.values() for e in r.evidence}
    for sid in cited:
        got, want = alone.source(sid), folder.source(sid)
        assert (got.title, got.publisher, got.url, got.published, got.kind) == \
            (want.title, want.publisher, want.url, want.published, want.kind)
    for option in folder.options:
        assert alone.option(option.id).ratings == option.ratings
    # With the folder's criteria beside it, the anchors come back too.
    shutil.copy(DATABASES / "criteria.yaml", tmp_path / "criteria.yaml")
    m = load_csv_matrix(out)
    assert m.criteria == folder.criteria
    assert m.option_ids() == folder.option_ids()
    for option in folder.options:
        assert m.option(option.id).ratings == option.ratings
        assert m.option(option.id).name == option.name


def test_csv_export_of_shipped_data_round_trips(tmp_path: Path) -> None:
    shipped = load_matrix()
    out = tmp_path / "shipped.csv"
    assert main(["matrix", "--format", "csv", "--out", str(out)]) == 0
    m = load_matrix(out)
    assert m.criteria == shipped.criteria
    for option in shipped.options:
        assert m.option(option.id).ratings == option.ratings  # conflicts included


# --------------------------------------------------------------------------- spreadsheet shape

def test_template_csv_loads_with_several_evidence_rows_and_quoted_newlines() -> None:
    m = load_matrix(TEMPLATE)
    assert m.criterion_ids() == ["async_support", "api_docs"]  # only rated criteria, catalog order
    assert m.option_ids() == ["django", "litestar"]
    django_async = m.option("django").ratings["async_support"]
    assert django_async.rating == 4 and len(django_async.evidence) == 2  # continuation row adds evidence
    note = m.option("litestar").ratings["api_docs"].evidence[0].note
    assert note is not None and "\n" in note
    assert m.option("litestar").ratings["api_docs"].evidence[0].checked_against == ["litestar-readme"]
    assert {s.id for s in m.sources} == {"django-docs-async", "django-ninja-docs", "litestar-readme",
                                         "litestar-docs-openapi"}
    assert load_csv_bytes(TEMPLATE.read_bytes(), "upload.csv") == m  # uploads take the same path


def test_semicolon_sheets_with_decimal_commas(tmp_path: Path) -> None:
    # Ratings are whole numbers (issue 13: no half points), so the decimal comma is "4,0".
    text = (HEADER + GOOD_ROW.replace("4,Async", '"4,0",Async')).replace(",", ";").replace('"4;0"', "4,0")
    m = load_matrix(_csv(tmp_path, text))
    assert m.option("django").ratings["async_support"].rating == 4


def test_custom_criteria_must_all_be_rated(tmp_path: Path) -> None:
    shutil.copy(DATABASES / "criteria.yaml", tmp_path / "criteria.yaml")
    shutil.copy(DATABASES / "sources" / "docs.yaml", tmp_path / "sources.yaml")
    text = HEADER + "sqlite,SQLite,zero_ops,5,Embedded.,sqlite-whentouse,Intro,A file.,current\n"
    msg = _error(_csv(tmp_path, text))
    assert "m.csv, line 2" in msg and "no rating for: write_concurrency" in msg


# --------------------------------------------------------------------------- CSV errors

@pytest.mark.parametrize(("row", "line_no", "fragments"), [
    (GOOD_ROW.replace(",4,", ",abc,"), 3, ["'rating'", "'abc' is not a number", "a number from 0 to 5"]),
    (GOOD_ROW.replace(",4,", ",7,"), 3, ["'rating'", "out of range", "a number from 0 to 5"]),
    (GOOD_ROW.replace(",4,", ",nan,"), 3, ["out of range"]),
    (GOOD_ROW.replace("async_support", "asyc_support"), 3,
     ["unknown criterion 'asyc_support'", "Did you mean 'async_support'"]),
    (GOOD_ROW.replace("current", "maybe"), 3, ["'verdict'", "current, outdated, wrong, unverified"]),
    (GOOD_ROW.replace("django-docs-async", "django-docs-asyn"), 3,
     ["unknown source 'django-docs-asyn'", "Did you mean 'django-docs-async'"]),
    (GOOD_ROW.replace("Django,", "Django,,"), 3, ["9 columns"]),
    (GOOD_ROW.replace("django,", "Django Project,", 1), 3, ["'option'", "not a valid id"]),
    (GOOD_ROW.replace(",Async views.,", ",,"), 3, ["'rationale' is empty"]),
])
def test_bad_rows_name_file_line_and_column(tmp_path: Path, row: str, line_no: int, fragments: list[str]) -> None:
    path = _csv(tmp_path, HEADER + GOOD_ROW.replace("async_support", "api_docs") + row)
    msg = _error(path)
    assert f"m.csv, line {line_no}" in msg
    for fragment in fragments:
        assert fragment in msg


def test_line_numbers_count_quoted_multiline_cells(tmp_path: Path) -> None:
    multi = GOOD_ROW.replace("Views may be async.", '"first line\nsecond line\nthird line"')
    bad = GOOD_ROW.replace("async_support", "api_docs").replace(",4,", ",x,")
    msg = _error(_csv(tmp_path, HEADER + multi + bad))  # the multi-line row spans lines 2-4
    assert "m.csv, line 5" in msg and "'x' is not a number" in msg


@pytest.mark.parametrize(("header", "fragments"), [
    ("option,criterion,rating,source,where,claim,verdict", ["missing column(s): rationale", "line 1"]),
    ("option,criterion,ratng,rationale,source,where,claim,verdict",
     ["unknown column 'ratng'", "Did you mean 'rating'", "missing column(s): rating"]),
    ("option,criterion,rating,rationale,source,claim,verdict", ["missing evidence column(s): where"]),
    ("option,criterion,rating,rationale,evidence,source,where,claim,verdict", ["either an 'evidence' column"]),
    ("option,criterion,rating,rating,rationale,evidence", ["'rating' appears twice"]),
])
def test_bad_headers(tmp_path: Path, header: str, fragments: list[str]) -> None:
    msg = _error(_csv(tmp_path, header + "\n" + "x,y,1,z,a,b,c,d\n"))
    assert "m.csv" in msg
    for fragment in fragments:
        assert fragment in msg


def test_unclosed_quote_is_a_syntax_error_with_a_line(tmp_path: Path) -> None:
    msg = _error(_csv(tmp_path, HEADER + GOOD_ROW + 'django,Django,api_docs,3,"never closed,x,y,z,current\n'))
    assert "CSV syntax error" in msg and "m.csv, line 3" in msg


def test_conflicting_evidence_rows_point_at_the_first(tmp_path: Path) -> None:
    again = GOOD_ROW.replace(",4,", ",3,").replace("Async views.", "")
    msg = _error(_csv(tmp_path, HEADER + GOOD_ROW + again))
    assert "m.csv, line 3" in msg and "rated 3 here but 4 on line 2" in msg


@pytest.mark.parametrize(("evidence", "fragments"), [
    ('"not json"', ["not valid JSON"]),
    ('"[]"', ["non-empty JSON list"]),
    ('"[{""source"": ""django-docs-async"", ""where"": ""w"", ""verdict"": ""current""}]"',
     ["evidence[0].claim", "field required"]),
    ('"[{""source"": ""django-docs-async"", ""where"": ""w"", ""claim"": ""c"", ""verdict"": ""sure""}]"',
     ["evidence[0].verdict", "current, outdated, wrong, unverified"]),
])
def test_export_shape_evidence_errors(tmp_path: Path, evidence: str, fragments: list[str]) -> None:
    text = "option,option_name,criterion,rating,rationale,evidence\n" + \
        f"django,Django,async_support,4,Async views.,{evidence}\n"
    msg = _error(_csv(tmp_path, text))
    assert "m.csv, line 2" in msg
    for fragment in fragments:
        assert fragment.lower() in msg.lower()


def test_export_shape_refuses_a_repeated_rating(tmp_path: Path) -> None:
    row = 'django,Django,async_support,4,Async views.,"[{""source"": ""django-docs-async"", ' \
          '""where"": ""w"", ""claim"": ""c"", ""verdict"": ""current""}]"\n'
    msg = _error(_csv(tmp_path, "option,option_name,criterion,rating,rationale,evidence\n" + row + row))
    assert "m.csv, line 3" in msg and "rated again (first on line 2)" in msg


def test_empty_header_only_binary_and_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "the file is empty" in _error(_csv(tmp_path, ""))
    assert "no rows" in _error(_csv(tmp_path, HEADER))
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"option,criterion\n\xff\xfe\x00")
    assert "not valid UTF-8" in _error(binary)
    big = _csv(tmp_path, HEADER + GOOD_ROW * 20)
    monkeypatch.setattr(yamlio, "MAX_BYTES", 500)
    assert "limit" in _error(big)
    with pytest.raises(InputError, match="limit"):
        load_csv_bytes(big.read_bytes(), "upload.csv")


# --------------------------------------------------------------------------- other formats' errors

def test_folder_errors_name_file_line_and_key(tmp_path: Path) -> None:
    folder = tmp_path / "databases"
    shutil.copytree(DATABASES, folder)
    opt = folder / "options" / "sqlite.yaml"
    opt.write_text(opt.read_text().replace("rating: 5\n    rationale: A library", "rating: 6\n    rationale: A library"))
    msg = _error(folder)
    assert "sqlite.yaml, line 7" in msg and "ratings.zero_ops.rating" in msg and "less than or equal to 5" in msg


def test_json_export_errors_name_line_and_key(tmp_path: Path) -> None:
    out = tmp_path / "db.json"
    assert main(["matrix", "--format", "json", "--matrix", str(DATABASES), "--out", str(out)]) == 0
    out.write_text(out.read_text().replace('"zero_ops": {', '"zero_opps": {', 1))
    msg = _error(out)
    assert "db.json, line" in msg and "unknown criterion 'zero_opps'" in msg and "Did you mean 'zero_ops'" in msg


def test_cli_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATABASES)]) == 0
    assert main(["validate", str(TEMPLATE)]) == 0
    bad = _csv(tmp_path, HEADER + GOOD_ROW.replace(",4,", ",9,"))
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "out of range" in err and "Traceback" not in err


def test_excel_style_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    text = "\ufeff" + (HEADER + GOOD_ROW.replace("Async views.", '"two\nlines"')).replace("\n", "\r\n")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("utf-8"))
    m = load_matrix(path)
    assert m.option("django").ratings["async_support"].rationale == "two\nlines"  # CRLF in a cell normalised
    path.write_bytes((text + GOOD_ROW.replace("async_support", "api_docs").replace(",4,", ",?,")
                      .replace("\n", "\r\n")).encode("utf-8"))
    msg = _error(path)
    assert "excel.csv, line 4" in msg and "'?' is not a number" in msg
