"""Issue 19: the matrix editor's grids go through the CSV loader (its messages, the cell they belong to)."""
from __future__ import annotations

from datetime import date

from criteria.xlsx_matrix import load_xlsx_bytes, matrix_to_xlsx
from scoring import evaluate
from criteria import Requirements
from ui.editor import TEAM_SOURCE, build, slug

DAY = date(2026, 11, 30)


def _data(ratings: dict, sources: dict | None = None) -> dict:
    return {"criteria": [("speed", "Speed"), ("cost", "Cost"), ("ops", "Ease of operation")],
            "options": [("pg", "PostgreSQL"), ("sqlite", "SQLite"), ("duck", "DuckDB")],
            "ratings": ratings, "sources": sources or {}}


FULL = {("pg", "speed"): 4, ("pg", "cost"): 3, ("pg", "ops"): 2,
        ("sqlite", "speed"): 3, ("sqlite", "cost"): 5, ("sqlite", "ops"): 5,
        ("duck", "speed"): 5, ("duck", "cost"): 5, ("duck", "ops"): 4}


def test_three_by_three_builds_a_matrix_that_decides() -> None:
    built = build(_data(FULL, {("pg", "speed"): "https://www.postgresql.org/docs/current/"}), DAY)
    assert built.problems == []
    m = built.matrix
    assert m.option_ids() == ["pg", "sqlite", "duck"] and m.criterion_ids() == ["speed", "cost", "ops"]
    assert m.source(TEAM_SOURCE).published == "2026-11-30"
    assert m.option("pg").ratings["speed"].evidence[0].source == "postgresql-org-docs-current"
    assert all(e.verdict.value == "unverified" for o in m.options for r in o.ratings.values() for e in r.evidence)
    ev = evaluate(m, Requirements(weights={"speed": 5, "cost": 5, "ops": 5}))
    assert ev.winner == "duck"
    # What downloads as XLSX uploads to the same matrix and the same answer.
    again = load_xlsx_bytes(matrix_to_xlsx(m), "matrix.xlsx")
    assert again == m
    assert evaluate(again, Requirements(weights={"speed": 5, "cost": 5, "ops": 5})).winner == "duck"


def test_bad_cells_get_the_loaders_messages_with_their_cell() -> None:
    ratings = dict(FULL)
    del ratings[("sqlite", "cost")]
    ratings[("duck", "ops")] = 7
    built = build(_data(ratings, {("pg", "ops"): "not a source!"}), DAY)
    assert built.matrix is None
    got = dict(built.problems)
    assert "column 'rating' is empty" in got["SQLite x Cost (rating)"]
    assert "out of range" in got["DuckDB x Ease of operation (rating)"]
    assert "neither a source id nor a URL" in got["PostgreSQL x Ease of operation (source)"]


def test_an_empty_editor_says_what_to_add() -> None:
    built = build({"criteria": [], "options": [("a", "A")], "ratings": {}, "sources": {}}, DAY)
    assert built.matrix is None and "at least one option and one criterion" in built.problems[0][1]


def test_ids_come_from_names() -> None:
    assert slug("Operational simplicity") == "operational-simplicity"
    assert slug("  3rd party ") == "x-3rd-party"
