"""What the framework benchmark runs (issue 14): the eight frameworks, their servers and the five tasks.

Shared by the runner (``run.py``) and the CI smoke test (``tests/benchmarks/test_frameworks_smoke.py``),
so both start the same servers and check the same responses.

Servers, as each framework's documentation recommends for production:

- WSGI apps (Flask, Django, Falcon): Gunicorn with the ``gthread`` worker and ``THREADS`` threads
  per worker (Gunicorn's docs: "keep-alive and thread concurrency"; there is no buffering proxy
  in front, so the ``sync`` worker, which closes every connection, would not be served as documented).
- ASGI apps: Uvicorn with ``--workers`` (FastAPI, Starlette, Litestar), Hypercorn for Quart
  (Quart's docs recommend it and install it with Quart).
- Sanic: its own server (``sanic ... --workers N``).

Access logs are off everywhere (Gunicorn's and Hypercorn's default; ``--no-access-log`` for
Uvicorn, ``--no-access-logs`` for Sanic, whose guide says they "significantly slow" it).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

APPS_DIR = Path(__file__).resolve().parent / "apps"

#: Threads per Gunicorn gthread worker (Gunicorn's design docs show ``--threads 2`` to ``4``).
THREADS = 4
#: Concurrent connections wrk holds open, for every task (the issue fixes 64 for task (e)).
CONNECTIONS = 64


@dataclass(frozen=True)
class Framework:
    """One framework, its app module and the production server that runs it."""

    id: str  # the option id in data/options/
    name: str
    package: str  # distribution name, for the version recorded in results
    interface: str  # "wsgi" | "asgi" | "sanic"
    server: str  # "gunicorn" | "uvicorn" | "hypercorn" | "sanic"
    target: str  # module:attribute the server loads

    def argv(self, bin_dir: Path, port: int, workers: int) -> list[str]:
        """The server command line, binding 127.0.0.1 only."""
        if self.server == "gunicorn":
            return [str(bin_dir / "gunicorn"), "--worker-class", "gthread", "--threads", str(THREADS),
                    "--workers", str(workers), "--bind", f"127.0.0.1:{port}", self.target]
        if self.server == "uvicorn":
            return [str(bin_dir / "uvicorn"), self.target, "--host", "127.0.0.1", "--port", str(port),
                    "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
        if self.server == "hypercorn":
            return [str(bin_dir / "hypercorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                    self.target]
        if self.server == "sanic":
            return [str(bin_dir / "sanic"), self.target, "--host", "127.0.0.1", "--port", str(port),
                    "--workers", str(workers), "--no-access-logs", "--no-motd"]
        raise ValueError(f"unknown server {self.server!r}")

    def settings(self, workers: int) -> dict[str, object]:
        """Server settings as recorded in a results file."""
        out: dict[str, object] = {"interface": self.interface, "server": self.server, "workers": workers}
        if self.server == "gunicorn":
            out |= {"worker_class": "gthread", "threads": THREADS}
        elif self.server == "uvicorn":
            out |= {"loop": "uvloop", "http": "httptools", "access_log": False}
        elif self.server == "sanic":
            out |= {"access_log": False}
        return out

    def concurrency(self, workers: int) -> int | None:
        """Requests one server can have in flight at once; None when only the connections bound it."""
        return workers * THREADS if self.interface == "wsgi" else None


FRAMEWORKS: tuple[Framework, ...] = (
    Framework("flask", "Flask", "flask", "wsgi", "gunicorn", "flask_app:app"),
    Framework("fastapi", "FastAPI", "fastapi", "asgi", "uvicorn", "fastapi_app:app"),
    Framework("django", "Django", "django", "wsgi", "gunicorn", "django_app.wsgi:application"),
    Framework("litestar", "Litestar", "litestar", "asgi", "uvicorn", "litestar_app:app"),
    Framework("starlette", "Starlette", "starlette", "asgi", "uvicorn", "starlette_app:app"),
    Framework("quart", "Quart", "quart", "asgi", "hypercorn", "quart_app:app"),
    Framework("sanic", "Sanic", "sanic", "sanic", "sanic", "sanic_app:app"),
    Framework("falcon", "Falcon", "falcon", "wsgi", "gunicorn", "falcon_app:app"),
)

#: Every package whose version a results file records (the frameworks, servers and helpers).
PACKAGES = ("flask", "fastapi", "django", "litestar", "starlette", "quart", "quart-schema", "sanic",
            "sanic-ext", "falcon", "gunicorn", "uvicorn", "uvloop", "httptools", "hypercorn", "jinja2",
            "pydantic", "pydantic-core", "msgspec", "jsonschema", "werkzeug")

ORDER = {"item": "widget", "quantity": 3, "price": 9.5}
BAD_ORDER = {"item": "", "quantity": "many", "price": -1}


def _json(body: bytes) -> object:
    return json.loads(body.decode("utf-8"))


def _check_hello(status: int, body: bytes) -> str | None:
    if status != 200 or _json(body) != {"message": "Hello, World!"}:
        return f"expected 200 {{'message': 'Hello, World!'}}, got {status} {body[:200]!r}"
    return None


def _check_item(status: int, body: bytes) -> str | None:
    if status != 200 or _json(body) != {"item_id": 42, "q": "hello"}:
        return f"expected 200 {{'item_id': 42, 'q': 'hello'}}, got {status} {body[:200]!r}"
    return None


def _check_order(status: int, body: bytes) -> str | None:
    want = {**ORDER, "total": 28.5}
    if status != 200 or _json(body) != want:
        return f"expected 200 {want}, got {status} {body[:200]!r}"
    return None


def _check_table(status: int, body: bytes) -> str | None:
    text = body.decode("utf-8")
    rows = re.findall(r"<tr><td>(\d+)</td><td>Item \1</td><td>[0-9.]+</td></tr>", text)
    if status != 200 or rows != [str(i) for i in range(1, 51)] or "<h1>Inventory</h1>" not in text:
        return f"expected 200 and a 50-row table, got {status} with {len(rows)} rows: {text[:200]!r}"
    return None


def _check_io(status: int, body: bytes) -> str | None:
    if status != 200 or _json(body) != {"waited_ms": 20}:
        return f"expected 200 {{'waited_ms': 20}}, got {status} {body[:200]!r}"
    return None


@dataclass(frozen=True)
class Task:
    """One benchmark task: the request wrk repeats and how to tell a right answer."""

    id: str  # "a" .. "e", as in the issue
    name: str
    method: str
    path: str
    check: Callable[[int, bytes], str | None] = field(compare=False)
    body: dict | None = None
    io_bound: bool = False

    def lua(self) -> str:
        """wrk script: the request (for a POST) and a ``done`` hook printing one JSON line of figures."""
        head = ""
        if self.method != "GET":
            payload = json.dumps(self.body, separators=(",", ":")).replace("\\", "\\\\").replace('"', '\\"')
            head = (f'wrk.method = "{self.method}"\nwrk.body = "{payload}"\n'
                    'wrk.headers["Content-Type"] = "application/json"\n')
        return head + _DONE_LUA


# Latency figures are in microseconds in wrk; summary.duration too.
_DONE_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nSTACKWISE {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"mean_us":%.1f,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""

TASKS: tuple[Task, ...] = (
    Task("a", "JSON hello", "GET", "/hello", _check_hello),
    Task("b", "path and query parameters", "GET", "/items/42?q=hello", _check_item),
    Task("c", "validated JSON POST", "POST", "/orders", _check_order, body=ORDER),
    Task("d", "HTML table from a template (50 rows)", "GET", "/table", _check_table),
    Task("e", "I/O-bound handler awaiting 20 ms", "GET", "/io", _check_io, io_bound=True),
)

IO_WAIT_S = 0.020


def limit_rps(fw: Framework, workers: int, connections: int = CONNECTIONS) -> float:
    """The physical limit of task (e): requests in flight / 20 ms.

    An async server can have every connection's request waiting at once
    (connections / 0.02 s); a threaded WSGI server only workers x threads of them.
    """
    concurrency = fw.concurrency(workers)
    in_flight = connections if concurrency is None else min(concurrency, connections)
    return in_flight / IO_WAIT_S
