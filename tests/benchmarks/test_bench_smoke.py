"""Smoke tests of the benchmark modules (issue 10): they import and their pieces return the right shapes.

No timing is asserted here (speed goals live in ``benchmarks/run.py``'s
printed table); these tests only catch a benchmark that no longer runs.
"""
from __future__ import annotations

import importlib
import math
import os
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import common  # noqa: E402
import run  # noqa: E402


@pytest.mark.parametrize("name", sorted(run.BENCHMARKS))
def test_every_benchmark_module_imports_and_has_figures(name: str) -> None:
    module = importlib.import_module(run.BENCHMARKS[name])
    assert callable(module.figures)


def test_interleaved_runs_each_side_repeat_times_in_alternating_order() -> None:
    calls: list[str] = []
    out = common.interleaved({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, repeat=3, warmup=1)
    assert [len(out["a"]), len(out["b"])] == [3, 3]
    assert all(t >= 0 for t in out["a"] + out["b"])
    # warm-up a b, then rounds a b / b a / a b
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]


def test_numpy_baseline_returns_one_value_per_option_and_criterion() -> None:
    import bench_evaluate

    rng = np.random.default_rng(1)
    ratings = rng.integers(0, 11, size=(7, 5)) / 2
    weights = np.array([3.0, 0.0, 5.0, 1.0, 2.0])
    scores, shares, up, down = bench_evaluate.numpy_baseline(
        ratings, weights, np.array([], dtype=int), np.array([]), samples=200, concentration=50.0, seed=0)
    assert scores.shape == (7,)
    assert shares.shape == (7,) and math.isclose(shares.sum(), 1.0)
    assert up.shape == down.shape == (5,)
    # score = 100 * sum(w r) / (5 sum w), written out here rather than taken from the code
    expected = 100 * (ratings @ weights) / (5 * weights.sum())
    np.testing.assert_allclose(scores, expected)


def test_scikit_criteria_reference_is_optional() -> None:
    import bench_evaluate

    run_wsm = bench_evaluate.skcriteria_wsm(np.ones((3, 2)), np.array([1.0, 2.0]))
    assert run_wsm is None or run_wsm().rank_.shape == (3,)


def test_figure_ratio_and_table() -> None:
    fig = common.Figure("x", 30.0, "ms", "<= 3x", True, baseline=10.0, baseline_name="base")
    ref = common.Figure("y", 5.0, "ms", "-", None)
    assert fig.ratio == pytest.approx(3.0) and ref.ratio is None
    text = common.print_table([fig, ref], markdown=True)
    lines = text.splitlines()
    assert len(lines) == 4 and all(line.count("|") == 7 for line in lines)
    assert "3.00x" in lines[2] and "yes" in lines[2]


def test_proc_memory_reads_this_process() -> None:
    mem = common.proc_memory_mb(os.getpid())
    assert mem["VmHWM"] >= mem["VmRSS"] > 0


def test_minimal_app_draws_one_slider_and_one_chart() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(common.MINIMAL_APP), default_timeout=60).run()
    assert not at.exception
    assert len(at.slider) == 1 and len(at.get("vega_lite_chart")) == 1
    at.slider(key="w").set_value(9).run()
    assert not at.exception


def test_uncertainty_baseline_draws_what_the_engine_draws() -> None:
    """Issue 15's baseline does the same sampling: on a small ranged matrix its shares match the engine's."""
    import bench_uncertainty
    from bench_evaluate import baseline_arrays
    from scoring import evaluate

    gm, greq, lo, hi = bench_uncertainty.ranged_matrix(n_options=12, n_criteria=6, seed=3)
    R, w, idx, mins = baseline_arrays(gm, greq)
    order = np.argsort([o.id for o in gm.options])
    ww, wr, wb, _, _ = bench_uncertainty.numpy_baseline(R, lo[order], hi[order], w, idx, mins, 2000, 50.0, 0)
    ev = evaluate(gm, greq, samples=2000, seed=0)
    ids = sorted(o.id for o in gm.options)
    eligible = [o for o in ids if o in ev.eligible]
    for shares, engine in ((ww, ev.robustness.weights), (wr, ev.robustness.ratings), (wb, ev.robustness.both)):
        assert dict(zip(eligible, shares)) == pytest.approx(engine, abs=0.01)
