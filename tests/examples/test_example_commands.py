"""The commands in task.yaml work as written: test files pass, servers start and answer.

These run real processes, from inside the task folder as a reader would. A
command whose program is not installed here (``fastapi`` needs fastapi-cli from
``fastapi[standard]``; ``gunicorn``) is skipped with the reason, not faked.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.util import find_spec
from pathlib import Path

import pytest

from criteria.examples import EXAMPLES_DIR, load_task

#: Program on the command line -> module that must be importable for it to work.
PROGRAM_MODULES = {"flask": "flask", "uvicorn": "uvicorn", "fastapi": "fastapi_cli", "gunicorn": "gunicorn"}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep __pycache__ out of data/examples
    return env


def _run_pytest(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error::DeprecationWarning",
           "--rootdir", str(folder), *files]
    return subprocess.run(cmd, cwd=folder, env=_env(), capture_output=True, text=True, timeout=120)


def test_testing_task_files_pass_as_a_reader_runs_them() -> None:
    task = load_task(EXAMPLES_DIR / "testing")
    files = [task.spec.flask.test, task.spec.fastapi.test]
    result = _run_pytest(task.folder, *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_testing_task_files_catch_a_broken_app(tmp_path: Path) -> None:
    """The shipped tests can fail: break both greetings and they must."""
    folder = tmp_path / "testing"
    shutil.copytree(EXAMPLES_DIR / "testing", folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("flask_app.py", "fastapi_app.py"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert '{name}!"' in text
        path.write_text(text.replace('{name}!"', '{name}."'), encoding="utf-8")
    result = _run_pytest(folder, "test_flask_app.py", "test_fastapi_app.py")
    assert result.returncode == 1
    assert "4 failed" in result.stdout


# --------------------------------------------------------------------------- servers

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _localise(argv: list[str], port: int) -> list[str]:
    """Same command on a free local port, with at most 2 workers (the CI box has 2 cores)."""
    out: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg in {"--port", "--host", "--bind", "--workers"}:
            skip = True
            if arg == "--workers":
                out += ["--workers", str(min(2, int(argv[i + 1])))]
            continue
        out.append(arg)
    if out[0] == "gunicorn":
        return out[:1] + ["--bind", f"127.0.0.1:{port}"] + out[1:]
    return out + ["--host", "127.0.0.1", "--port", str(port)]


def _get_json(url: str, deadline: float) -> tuple[int, object]:
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}: {last}")


def _serve_and_get(task_id: str, framework: str, index: int, path: str) -> tuple[int, object]:
    task = load_task(EXAMPLES_DIR / task_id)
    command = task.framework(framework).run[index]
    tokens = shlex.split(command)
    env = _env()
    while "=" in tokens[0]:  # leading VAR=value assignments
        key, value = tokens.pop(0).split("=", 1)
        env[key] = value
    module = PROGRAM_MODULES[tokens[0]]
    if find_spec(module) is None or shutil.which(tokens[0]) is None:
        pytest.skip(f"`{tokens[0]}` is not installed here (needs the {module} package): {command}")
    port = _free_port()
    argv = _localise(tokens, port)
    # A new session makes the server (and its reloader/worker children) one process group we own.
    proc = subprocess.Popen(argv, cwd=task.folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        return _get_json(f"http://127.0.0.1:{port}{path}", time.monotonic() + 30)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_flask_dev_server_command_serves_in_debug_mode() -> None:
    status, body = _serve_and_get("dev-server", "flask", 0, "/")
    assert status == 200
    assert body == {"framework": "flask", "debug": True}  # --debug is what turns it on


@pytest.mark.parametrize("index", [0, 1])
def test_fastapi_dev_server_commands_serve(index: int) -> None:
    status, body = _serve_and_get("dev-server", "fastapi", index, "/")
    assert status == 200
    assert body == {"framework": "fastapi"}


@pytest.mark.parametrize("index", [0, 1])
def test_fastapi_production_commands_serve(index: int) -> None:
    status, body = _serve_and_get("production", "fastapi", index, "/healthz")
    assert status == 200
    assert body == {"status": "ok", "ready": True}  # lifespan ran in the worker


def test_flask_production_command_serves() -> None:
    status, body = _serve_and_get("production", "flask", 0, "/healthz")
    assert status == 200
    assert body == {"status": "ok", "debug": False}
