"""Start and stop one framework's production server (issue 14), and ask it one request.

Each server runs in its own process group (``start_new_session``) so that stopping it ends
the workers it forked, and only those: no process is ever found by name.
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from benchmarks.frameworks.spec import APPS_DIR, Framework

#: CPU the server is pinned to; wrk gets the other one (see cpu_plan()).
SERVER_CPU = 0
LOAD_CPU = 1


def cpu_plan() -> tuple[list[str], list[str], str]:
    """taskset prefixes for server and load generator, and a sentence saying what was done."""
    cpus = os.sched_getaffinity(0)
    if shutil.which("taskset") and {SERVER_CPU, LOAD_CPU} <= cpus:
        return (["taskset", "-c", str(SERVER_CPU)], ["taskset", "-c", str(LOAD_CPU)],
                f"server pinned to CPU {SERVER_CPU}, wrk to CPU {LOAD_CPU} (taskset)")
    return [], [], "not pinned (taskset or a second CPU is missing)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: dict | None = None,
            timeout: float = 10.0) -> tuple[int, bytes]:
    """One HTTP/1.1 request to 127.0.0.1:port; returns (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


class ServerError(RuntimeError):
    """A server that would not start; carries the tail of its output."""


@contextmanager
def running(fw: Framework, bin_dir: Path, workers: int, pin: list[str] | None = None,
            startup_timeout: float = 60.0) -> Iterator[int]:
    """Run ``fw``'s server with ``workers`` workers until the block ends; yields its port."""
    port = free_port()
    log = open(_log_path(fw), "wb")  # read back only when the server fails to start
    env = {**os.environ, "PYTHONPATH": str(APPS_DIR), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen([*(pin or []), *fw.argv(bin_dir, port, workers)], cwd=APPS_DIR, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_ready(proc, port, startup_timeout, fw)
        yield port
    finally:
        _stop(proc)
        log.close()


def _log_path(fw: Framework) -> Path:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"stackwise-bench-{fw.id}.log"
    return path


def _wait_ready(proc: subprocess.Popen, port: int, timeout: float, fw: Framework) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"{fw.name}'s server exited with {proc.returncode}: {_tail(fw)}")
        try:
            status, _ = request(port, "GET", "/hello", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{fw.name}'s server did not answer /hello within {timeout:.0f} s: {_tail(fw)}")


def _tail(fw: Framework) -> str:
    try:
        return _log_path(fw).read_text(errors="replace")[-1500:]
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (its own workers), SIGKILL what is left after 10 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # stragglers of this group only
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)
