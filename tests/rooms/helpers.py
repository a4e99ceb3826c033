"""Helpers for the room tests: the CLI in a subprocess, and where the test PostgreSQL server is."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL_FILE = ROOT / ".test-services" / "postgres_url"
SETUP_SCRIPT = ROOT / "scripts" / "setup.d" / "10-postgresql.sh"


def postgres_admin_url() -> str:
    """The URL of the test server's own database, or fail/skip as described above."""
    if not PG_URL_FILE.exists():
        message = f"{PG_URL_FILE} is missing: run bash {SETUP_SCRIPT.relative_to(ROOT)} (scripts/test.sh does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return PG_URL_FILE.read_text().strip()


def with_database(url: str, name: str) -> str:
    head, _, query = url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{query}" if query else "")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"STACKWISE_DB", "STACKWISE_BASE_URL"}}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def room(*args: str, db: str | None = None, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``stackwise room ARGS`` in a real subprocess (with ``--db`` when given)."""
    argv = [sys.executable, "-m", "stackwise_cli", "room", *args]
    if db is not None:
        argv += ["--db", db]
    return subprocess.run(argv, capture_output=True, text=True, env=env or cli_env(), cwd=cwd or ROOT, timeout=300)


def ok(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def refused(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Assert exit 2 with a message (no traceback) holding every fragment; return the message."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    for f in fragments:
        assert f in proc.stderr, (f, proc.stderr)
    return proc.stderr


def token_of(url: str) -> str:
    return url.split("token=", 1)[1]
