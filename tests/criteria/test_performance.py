"""The performance derivation (criteria/performance.py, issue 14) on small hand-made results."""
from __future__ import annotations

import math

import pytest

from criteria.errors import InputError
from criteria.performance import ANCHORS, band, derive, limit, rate, summarise


def _run(fw: str, task: str, rps: float, p99: float = 10.0, workers: int = 1, repeat: int = 1,
         failed: bool = False) -> dict:
    return {"framework": fw, "workers": workers, "task": task, "repeat": repeat, "rps": rps,
            "p50_ms": p99 / 2, "p99_ms": p99, "failed": failed}


def _doc(runs: list[dict]) -> dict:
    return {"load_generator": {"connections": 64},
            "servers": {"sync": {"interface": "wsgi", "threads": 4}, "fast": {"interface": "asgi"},
                        "slow": {"interface": "asgi"}},
            "runs": runs}


def test_medians_leave_failed_runs_out() -> None:
    doc = _doc([_run("fast", "a", 100), _run("fast", "a", 300, repeat=2), _run("fast", "a", 200, repeat=3),
                _run("fast", "a", 9999, repeat=4, failed=True)])
    (cell,) = summarise(doc)
    assert (cell.rps, cell.ok_repeats, cell.failed_repeats) == (200, 3, 1)


def test_share_is_the_geometric_mean_of_per_task_shares() -> None:
    doc = _doc([_run("fast", "a", 1000), _run("slow", "a", 500), _run("fast", "b", 100), _run("slow", "b", 80)])
    r = derive(doc)
    assert r["fast"].throughput_share == 1.0 and r["fast"].rating == 5
    assert r["slow"].throughput_share == pytest.approx(math.sqrt(0.5 * 0.8), abs=1e-4)
    assert r["slow"].rating == band(math.sqrt(0.4)) == 4


@pytest.mark.parametrize(("share", "expected"), [(0.95, 5), (0.8, 5), (0.79, 4), (0.5, 4), (0.4, 3),
                                                 (0.25, 2), (0.15, 1), (0.05, 0)])
def test_bands_follow_the_catalog_anchors(share: float, expected: int) -> None:
    assert band(share) == expected


def test_p99_breaks_ties_only_near_a_boundary() -> None:
    assert rate(0.49, latency=0.9, median_latency=0.5) == (4, True)  # 2 % below 0.5, better p99: upper band
    assert rate(0.51, latency=0.2, median_latency=0.5) == (3, True)  # 2 % above 0.5, worse p99: lower band
    assert rate(0.65, latency=0.01, median_latency=0.5) == (4, False)  # far from a boundary: p99 ignored
    assert [lower for lower, _ in ANCHORS] == sorted((lower for lower, _ in ANCHORS), reverse=True)


def test_limit_of_task_e_counts_requests_in_flight() -> None:
    assert limit({"interface": "wsgi", "threads": 4}, workers=2, connections=64) == 400.0
    assert limit({"interface": "asgi"}, workers=1, connections=64) == 3200.0
    assert limit({"interface": "wsgi", "threads": 100}, workers=1, connections=64) == 3200.0  # capped by wrk
    (cell,) = summarise(_doc([_run("sync", "e", 150.0)]))
    assert (cell.limit_rps, cell.share_of_limit) == (200.0, 0.75)


def test_an_option_failing_most_cells_is_not_rated() -> None:
    doc = _doc([_run("fast", "a", 100), _run("slow", "a", 1, failed=True),
                _run("fast", "b", 100), _run("slow", "b", 1, failed=True), _run("fast", "c", 100),
                _run("slow", "c", 90)])
    r = derive(doc)["slow"]
    assert r.rating is None and len(r.failed_cells) == 2


def test_a_results_file_without_runs_is_refused_with_the_key() -> None:
    with pytest.raises(InputError) as exc:
        derive({"runs": []}, "x.yaml")
    assert "runs" in str(exc.value) and "x.yaml" in str(exc.value)
