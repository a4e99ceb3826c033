"""Room tests run against SQLite always and against a real PostgreSQL server.

The PostgreSQL server is the throwaway cluster ``scripts/setup.d/10-postgresql.sh``
starts; it writes the URL to ``.test-services/postgres_url``. Without that file
the PostgreSQL cases skip on a developer machine and FAIL in CI (``CI=true``),
where a missing server is a broken set-up, not a reason to test less.
Each test gets a fresh database (SQLite file or PostgreSQL database).
"""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Iterator

import pytest

from tests.rooms.helpers import postgres_admin_url, with_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty room database: a SQLite file path, or a postgresql:// URL of a new database."""
    if request.param == "sqlite":
        yield str(tmp_path / "rooms.db")
        return
    import psycopg
    from psycopg import sql

    admin = postgres_admin_url()
    name = "rooms_" + secrets.token_hex(6)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(admin, name)
    finally:
        from rooms.database import engine_for

        engine_for.cache_clear()  # drop pooled connections of this process before dropping the database
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def weights_files(tmp_path: Path) -> dict[str, Path]:
    """Three people's requirements files that pull towards different frameworks."""
    files = {
        "priya": "weights: {performance: 9, api_docs: 8, learning_curve: 2}\n",
        "bob": "weights: {learning_curve: 9, ecosystem: 8, performance: 1}\n",
        "chen": "profile: server-rendered-site\n",
    }
    out = {}
    for name, text in files.items():
        p = tmp_path / f"{name}.yaml"
        p.write_text(text)
        out[name] = p
    return out
