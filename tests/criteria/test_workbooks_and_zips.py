"""Issue 19: Excel workbooks and zipped data folders, through the one loader the CLI and the app share."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria import InputError, load_matrix, load_matrix_bytes
from criteria.xlsx_matrix import matrix_to_xlsx
from stackwise_cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DATABASES = ROOT / "data" / "custom" / "databases"


def _book(matrix_bytes: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(matrix_bytes))
    edit(book)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("source", [None, DATABASES], ids=["shipped", "databases"])
def test_workbook_round_trip_keeps_every_rating_and_anchor(source: Path | None, tmp_path: Path) -> None:
    matrix = load_matrix(source)
    out = tmp_path / "m.xlsx"
    assert main(["matrix", "--format", "xlsx", "--out", str(out)] + (["--matrix", str(source)] if source else [])) == 0
    again = load_matrix(out)
    assert again.criteria == matrix.criteria  # question, description and all anchors come back
    assert again.option_ids() == matrix.option_ids()
    for option in matrix.options:
        assert again.option(option.id).ratings == option.ratings
    assert load_matrix_bytes(out.read_bytes(), "upload.xlsx") == again  # the app's upload path


def test_shipped_single_file_examples_match_the_folder() -> None:
    folder = load_matrix(DATABASES)
    for name in ("databases.xlsx", "databases.csv"):
        single = load_matrix(DATABASES.parent / name)
        assert single.option_ids() == folder.option_ids(), name
        for option in folder.options:
            assert single.option(option.id).ratings == option.ratings, name
    assert load_matrix(DATABASES.parent / "databases.xlsx").criteria == folder.criteria


def test_real_excel_date_cells_are_dates() -> None:
    raw = matrix_to_xlsx(load_matrix(DATABASES))

    def to_date(book):  # type: ignore[no-untyped-def]
        book["sources"]["E2"] = dt.datetime(2024, 5, 17)

    m = load_matrix_bytes(_book(raw, to_date), "dates.xlsx")
    sid = load_workbook(io.BytesIO(raw))["sources"]["A2"].value
    assert m.source(sid).published == "2024-05-17"


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    """A rationale starting with '=' must not become a live formula in the reader's spreadsheet."""
    folder = tmp_path / "db"
    shutil.copytree(DATABASES, folder)
    opt = folder / "options" / "sqlite.yaml"
    text = opt.read_text()
    first = text.index("rationale:")
    end = text.index("\n", first)
    opt.write_text(text[:first] + 'rationale: "=HYPERLINK(\\"http://x\\")"' + text[end:])
    raw = matrix_to_xlsx(load_matrix(folder))
    cells = [c for row in load_workbook(io.BytesIO(raw))["ratings"].iter_rows() for c in row]
    hyper = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert hyper and all(c.data_type == "s" for c in hyper)
    assert load_matrix_bytes(raw, "x.xlsx").option("sqlite").ratings  # and it loads back as text


def test_a_workbook_with_only_a_ratings_sheet_defines_criteria_and_sources_in_rows() -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Ratings"
    ws.append(["option", "criterion", "criterion_name", "rating", "rationale", "source", "source_title",
               "source_date", "where", "claim", "verdict"])
    ws.append(["redis", "latency", "Latency", 5, "In memory.", "https://redis.io/docs/", "Redis docs",
               dt.datetime(2025, 1, 2), "Intro", "Data lives in memory.", "current"])
    ws.append(["valkey", "latency", None, 5.0, "Same engine.", "https://redis.io/docs/", None, None,
               "Intro", "Forked from Redis 7.2.", "unverified"])
    buf = io.BytesIO()
    book.save(buf)
    m = load_matrix_bytes(buf.getvalue(), "cache.xlsx")
    assert m.criterion_ids() == ["latency"] and not m.criterion("latency").anchored
    assert m.source("redis-io-docs").published == "2025-01-02"
    assert m.option("valkey").ratings["latency"].rating == 5


def test_a_bad_criteria_row_names_sheet_row_and_column() -> None:
    raw = matrix_to_xlsx(load_matrix(DATABASES))

    def drop_anchor(book):  # type: ignore[no-untyped-def]
        book["criteria"]["I3"] = None  # anchor 3 of the second criterion

    with pytest.raises(InputError) as exc:
        load_matrix_bytes(_book(raw, drop_anchor), "book.xlsx")
    msg = str(exc.value)
    assert "book.xlsx, sheet 'criteria', row 3, column '3'" in msg and "0, 3 and 5" in msg, msg


def test_zip_made_like_zip_r_loads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "databases.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in sorted(DATABASES.rglob("*")):
            zf.write(p, Path("databases") / p.relative_to(DATABASES))
    assert load_matrix(archive) == load_matrix(DATABASES)
    assert main(["validate", str(archive)]) == 0


def test_a_zip_of_the_folder_contents_loads_too(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in sorted(DATABASES.rglob("*.yaml")):
            zf.write(p, p.relative_to(DATABASES))
    assert load_matrix_bytes(buf.getvalue(), "flat.zip") == load_matrix(DATABASES)


def test_xlsx_export_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", "--format", "xlsx"]) == 2
    assert "--out FILE.xlsx" in capsys.readouterr().err
