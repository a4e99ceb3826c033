"""Pieces of the framework benchmark that need no server (issue 14): wrk output, limits, the writer."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.frameworks import rate  # noqa: E402
from benchmarks.frameworks.load import parse  # noqa: E402
from benchmarks.frameworks.spec import FRAMEWORKS, TASKS, THREADS, limit_rps  # noqa: E402
from criteria.performance import limit  # noqa: E402

WRK_OUT = """Running 2s test @ http://127.0.0.1:8000/hello
  1 threads and 64 connections
  4000 requests in 2.00s, 500.00KB read
STACKWISE {"requests":4000,"duration_us":2000000,"p50_us":12500,"p99_us":40250,"mean_us":13000.0,"connect":0,"read":0,"write":0,"status":3,"timeout":0}
"""


def test_wrk_figures_are_parsed_and_errors_fail_the_run() -> None:
    run = parse(WRK_OUT)
    assert (run.rps, run.p50_ms, run.p99_ms, run.non2xx) == (2000.0, 12.5, 40.25, 3)
    assert run.failed and run.errors == 3
    clean = parse(WRK_OUT.replace('"status":3', '"status":0'))
    assert not clean.failed


def test_wrk_output_without_figures_is_an_error() -> None:
    with pytest.raises(ValueError, match="no figures"):
        parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_post_task_script_sends_the_order_as_json() -> None:
    (post,) = [t for t in TASKS if t.method == "POST"]
    script = post.lua()
    assert 'wrk.method = "POST"' in script and '\\"quantity\\":3' in script
    assert "application/json" in script and "done = function" in script
    assert "wrk.method" not in TASKS[0].lua()


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=[f.id for f in FRAMEWORKS])
@pytest.mark.parametrize("workers", [1, 2])
def test_runner_and_derivation_agree_on_the_limit(fw, workers: int) -> None:
    assert limit_rps(fw, workers) == limit(fw.settings(workers) | {"threads": THREADS}, workers, 64)


def test_servers_bind_loopback_only() -> None:
    for fw in FRAMEWORKS:
        argv = " ".join(fw.argv(Path("/v/bin"), 8123, 2))
        assert "127.0.0.1" in argv and "0.0.0.0" not in argv, argv


BLOCK = """id: x
ratings:
  performance:
    rating: 2
    rationale: >-
      Old words
      over two lines.
    evidence:
      - source: stackwise-bench-2020-01-01
        where: old
        claim: old figures
        verdict: current
      - source: seed-a
        where: Section 1
        claim: Fast.
        verdict: unverified
        checked_against: [docs]
    conflict: kept
  async_support:
    rating: 5
    rationale: untouched
"""


def test_writer_touches_only_the_performance_block() -> None:
    item = ["      - source: stackwise-bench-2026-01-01", "        where: summary", "        claim: new", "        verdict: current"]
    out = rate.rewrite_block(BLOCK, "x", 4, "New reason.", item)
    assert "    rating: 4\n    rationale: >-\n      New reason.\n    evidence:\n      - source: stackwise-bench-2026-01-01" in out
    assert "stackwise-bench-2020-01-01" not in out  # the older results file's item is replaced
    assert "      - source: seed-a\n        where: Section 1\n        claim: Fast." in out
    assert out.endswith("    conflict: kept\n  async_support:\n    rating: 5\n    rationale: untouched\n")
