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


CSV_COLUMNS = ["option", "option_name", "criterion", "rating", "rationale", "evidence", "conflict", "facts"]


def matrix_to_csv(matrix: Matrix) -> str:
    """One row per option x criterion; the evidence list as JSON in one column.

    Spreadsheets keep the row shape; the evidence column round-trips exactly.
    """
    data = matrix_to_dict(matrix)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for option in data["options"]:
        for cid, entry in option["ratings"].items():
            writer.writerow({
                "option": option["id"],
                "option_name": option["name"],
                "criterion": cid,
                "rating": entry["rating"],
                "rationale": entry["rationale"],
                "evidence": json.dumps(entry["evidence"], ensure_ascii=False),
                "conflict": entry.get("conflict", ""),
                # recorded facts of a counted criterion (criteria/rubrics.py), as a JSON object
                "facts": json.dumps(entry["facts"], ensure_ascii=False) if entry.get("facts") else "",
            })
    return buf.getvalue()


def render_matrix(matrix: Matrix, fmt: str) -> str:
    if fmt == "json":
        return dump_json(matrix_to_dict(matrix))
    if fmt == "yaml":
        return dump_yaml(matrix_to_dict(matrix))
    if fmt == "csv":
        return matrix_to_csv(matrix)
    raise ValueError(f"unknown format {fmt!r}")
