"""Smoke test of the framework benchmark (issue 14): every framework's production server starts
and answers every task right, and the order task refuses bad input with 400 or 422.

Checks status codes and bodies, never speed. The servers run from the benchmark's own venv
(.venv-frameworks, made by scripts/setup.d/21-frameworks.sh; ``ensure()`` makes it when missing),
with the same command lines the benchmark uses, one worker, on 127.0.0.1.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.frameworks import environment  # noqa: E402
from benchmarks.frameworks.servers import request, running  # noqa: E402
from benchmarks.frameworks.spec import BAD_ORDER, FRAMEWORKS, TASKS  # noqa: E402


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    return environment.ensure()


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=[f.id for f in FRAMEWORKS])
def test_server_answers_every_task_and_refuses_bad_orders(fw, bin_dir: Path) -> None:
    with running(fw, bin_dir, workers=1) as port:
        for task in TASKS:
            for _ in range(3):  # a few requests each: keep-alive and a reused worker must answer alike
                status, body = request(port, task.method, task.path, task.body)
                assert task.check(status, body) is None, f"{fw.name} task ({task.id}): {task.check(status, body)}"

        # (c) bad input: empty item, a word for the quantity, a negative price.
        status, body = request(port, "POST", "/orders", BAD_ORDER)
        assert status in (400, 422), f"{fw.name}: bad order answered {status} {body[:200]!r}"
        text = body.decode("utf-8", "replace")
        assert any(word in text for word in ("item", "quantity", "price", "many")), (
            f"{fw.name}: the 4xx body does not name the failing field or value: {text[:300]!r}")
        # A missing quantity is refused too (not answered with a made-up total).
        status, body = request(port, "POST", "/orders", {"item": "widget", "price": 2.0})
        assert status in (400, 422), f"{fw.name}: order without quantity answered {status} {body[:200]!r}"
        # The path converter refuses a non-integer id rather than echoing it.
        status, _ = request(port, "GET", "/items/abc")
        assert status in (400, 404, 422), f"{fw.name}: /items/abc answered {status}"


def test_checks_reject_wrong_answers() -> None:
    """The body checks the smoke test relies on do fail on a wrong answer."""
    by_id = {t.id: t for t in TASKS}
    assert by_id["a"].check(200, b'{"message": "Hello"}')
    assert by_id["a"].check(500, b'{"message": "Hello, World!"}')
    assert by_id["b"].check(200, json.dumps({"item_id": "42", "q": "hello"}).encode())
    assert by_id["c"].check(200, json.dumps({"item": "widget", "quantity": 3, "price": 9.5}).encode())
    table = "<h1>Inventory</h1>" + "".join(f"<tr><td>{i}</td><td>Item {i}</td><td>1.00</td></tr>" for i in range(1, 50))
    assert by_id["d"].check(200, table.encode())  # 49 rows, not 50
    full = table + "<tr><td>50</td><td>Item 50</td><td>62.50</td></tr>"
    assert by_id["d"].check(200, full.encode()) is None
    assert by_id["e"].check(200, b'{"waited_ms": 0}')
