"""The matrix in its export shape (JSON, YAML, CSV): the contract later tools build on."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from criteria.models import Matrix
from criteria.yamlio import dump_json, dump_yaml


def tidy_numbers(value: Any) -> Any:
    """Integral floats as ints (a rating of 4, not 4.0), recursively."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: tidy_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tidy_numbers(v) for v in value]
    return value


def matrix_to_dict(matrix: Matrix) -> dict[str, Any]:
    """``{"meta", "criteria", "options", "sources"}`` with every rating and its evidence."""
    data = matrix.model_dump(mode="json", by_alias=True, exclude_none=True)
    for option in data["options"]:
        for entry in option["ratings"].values():
            for ev in entry["evidence"]:
                if not ev.get("checked_against"):
                    ev.pop("checked_against", None)
    if data.get("meta") is None:
        data.pop("meta", None)
    return tidy_numbers(data)


#: The spreadsheet shape, one row per evidence item, self-contained: criterion names and
#: source details ride along, so one CSV (or one workbook's ratings sheet) is a whole decision.
CSV_COLUMNS = ["option", "option_name", "criterion", "criterion_name", "rating", "rationale", "conflict",
               "facts", "source", "source_title", "source_publisher", "source_url", "source_date", "source_kind",
               "where", "claim", "verdict", "checked_against", "note"]


def matrix_rows(matrix: Matrix) -> list[dict[str, Any]]:
    """The matrix as spreadsheet rows (:data:`CSV_COLUMNS`): rating, rationale and conflict on
    the first evidence row of each rating; names and source details on every row."""
    data = matrix_to_dict(matrix)
    crit_names = {c["id"]: c["name"] for c in data["criteria"]}
    sources = {s["id"]: s for s in data["sources"]}
    rows: list[dict[str, Any]] = []
    for option in data["options"]:
        for cid, entry in option["ratings"].items():
            for i, ev in enumerate(entry["evidence"]):
                src = sources.get(ev["source"], {})
                rows.append({
                    "option": option["id"],
                    "option_name": option["name"],
                    "criterion": cid,
                    "criterion_name": crit_names.get(cid, ""),
                    "rating": entry["rating"] if i == 0 else "",
                    "rationale": entry["rationale"] if i == 0 else "",
                    "conflict": entry.get("conflict", "") if i == 0 else "",
                    # recorded facts of a counted criterion (criteria/rubrics.py), as a JSON object
                    "facts": json.dumps(entry["facts"], ensure_ascii=False) if i == 0 and entry.get("facts") else "",
                    "source": ev["source"],
                    "source_title": src.get("title", ""),
                    "source_publisher": src.get("publisher", ""),
                    "source_url": src.get("url", ""),
                    "source_date": src.get("published", ""),
                    "source_kind": src.get("kind", ""),
                    "where": ev["where"],
                    "claim": ev["claim"],
                    "verdict": ev["verdict"],
                    "checked_against": "; ".join(ev.get("checked_against", [])),
                    "note": ev.get("note", ""),
                })
    return rows


#: What makes a spreadsheet program read a cell as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading ``'`` so it stays text.

    The CSV loader takes the ``'`` off again (:func:`csv_unsafe`), so an export round-trips exactly.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_unsafe(cell: str) -> str:
    """The inverse of :func:`csv_safe` for a cell read back from CSV."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def matrix_to_csv(matrix: Matrix) -> str:
    """One row per evidence item (:func:`matrix_rows`); loads back to the same ratings on its own.

    What a CSV cannot carry: the matrix meta, and a criterion's question, description and
    scale unless its id is in the shipped catalog (others come back unanchored). A text cell
    that starts like a formula (``=``, ``+``, ``-``, ``@``) is written with a leading ``'`` so that
    Excel or LibreOffice shows it as text instead of running it.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in matrix_rows(matrix))
    return buf.getvalue()


def render_matrix(matrix: Matrix, fmt: str) -> str:
    if fmt == "json":
        return dump_json(matrix_to_dict(matrix))
    if fmt == "yaml":
        return dump_yaml(matrix_to_dict(matrix))
    if fmt == "csv":
        return matrix_to_csv(matrix)
    raise ValueError(f"unknown format {fmt!r}")
