"""Benchmark of ``scoring.evaluate`` (issue 3 / issue 10): figures printed, nothing asserted.

Run: ``python benchmarks/bench_evaluate.py [--repeat N] [--samples N]``

1. ``evaluate()`` on the shipped matrix with 10,000 samples (goal: median < 10 ms).
2. ``evaluate()`` on a generated 200-option x 50-criterion matrix, side by side
   in the same run with a bare numpy baseline doing the same work (weighted sum,
   Dirichlet sampling, win counts, closed-form flip points); goal: <= 3x.

Both are timed on the same inputs, alternating, median of ``--repeat`` runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

# Pin BLAS to one thread (issue 10 measures "on one core"); must precede numpy's import.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from criteria import load_matrix  # noqa: E402
from criteria.models import (  # noqa: E402
    Criterion, Evidence, Matrix, Option, RatingEntry, Requirements, Scale, Source,
)
from scoring import evaluate  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up (imports, caches)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def generated_matrix(n_options: int = 200, n_criteria: int = 50, seed: int = 42) -> tuple[Matrix, Requirements]:
    rng = np.random.default_rng(seed)
    ratings = rng.integers(0, 6, size=(n_options, n_criteria)).astype(float)  # whole ratings 0-5 (issue 13)
    scale = Scale.model_validate({"0": "none", "3": "some", "5": "full"})
    crit = [Criterion(id=f"c{k:02d}", name=f"Criterion {k}", question="?", description="generated", scale=scale)
            for k in range(n_criteria)]
    ev = [Evidence(source="gen", where="n/a", claim="generated", verdict="current")]
    options = [Option(id=f"o{i:03d}", name=f"Option {i}",
                      ratings={c.id: RatingEntry(rating=int(ratings[i, k]), rationale="generated", evidence=ev)
                               for k, c in enumerate(crit)})
               for i in range(n_options)]
    source = Source(id="gen", title="generated", publisher="bench", published="2026", kind="article")
    matrix = Matrix(criteria=crit, options=options, sources=[source])
    weights = rng.integers(0, 11, size=n_criteria).astype(float)
    weights[rng.random(n_criteria) < 0.2] = 0.0  # some criteria unweighted, as in real use
    req = Requirements(weights={c.id: float(w) for c, w in zip(crit, weights)},
                       must_have={crit[0].id: 1.0, crit[1].id: 0.5})
    return matrix, req


def shipped_requirements(matrix: Matrix) -> Requirements:
    ids = matrix.criterion_ids()
    weights = {c: float(w) for c, w in zip(ids, [8, 6, 7, 9, 4, 5, 5, 6, 1, 3, 5, 6, 7, 10, 4, 2])}
    return Requirements(weights=weights, must_have={"api_docs": 3} if "api_docs" in ids else {})


def numpy_baseline(ratings: np.ndarray, weights: np.ndarray, required_idx: np.ndarray, required: np.ndarray,
                   samples: int, concentration: float, seed: int) -> tuple:
    """The same work with bare numpy and no bookkeeping: what the engine must stay close to."""
    wn = weights / weights.sum()
    scores = ratings @ wn * 20.0
    eligible = np.all(ratings[:, required_idx] >= required, axis=1)
    R = ratings[eligible]
    s = scores[eligible]
    win = int(np.argmax(s))
    # Win counts under Dirichlet-perturbed weights (zero weights stay zero).
    active = weights > 0
    rng = np.random.default_rng(seed)
    g = rng.standard_gamma(concentration * wn[active], size=(samples, int(active.sum())))
    g /= g.sum(axis=1, keepdims=True)
    sampled = g @ R[:, active].T
    counts = np.bincount(sampled.argmax(axis=1), minlength=len(R))
    # Closed-form flip points: x* = -(a_j - a_i) / (r_jk - r_ik), nearest above and below.
    dr = R - R[win]
    da = (dr @ weights)[:, None] - dr * weights
    with np.errstate(divide="ignore", invalid="ignore"):
        x = -da / dr
    up = np.where((dr > 0) & (x > weights), x, np.inf).min(axis=0)
    down = np.where((dr < 0) & (x > 0) & (x < weights), x, -np.inf).max(axis=0)
    return scores, counts / samples, up, down


def skcriteria_wsm(ratings: np.ndarray, weights: np.ndarray):
    """scikit-criteria's weighted sum model on the same matrix and weights (reference only).

    It does less than ``evaluate``: the weighted sum and a ranking, no
    must-haves, no win probability, no flip points. ``None`` when
    scikit-criteria (the ``bench`` extra) is not installed.
    """
    try:
        import skcriteria as skc
        from skcriteria.agg.simple import WeightedSumModel
    except ImportError:
        return None
    model = WeightedSumModel()
    objectives = [max] * ratings.shape[1]

    def run():
        return model.evaluate(skc.mkdm(ratings, objectives, weights=weights))

    return run


def baseline_arrays(matrix, requirements):  # type: ignore[no-untyped-def]
    """The plain arrays the numpy baseline works on: ratings, weights, must-have columns and minimums."""
    crit = matrix.criterion_ids()
    ratings = np.array([[o.ratings[c].rating for c in crit] for o in sorted(matrix.options, key=lambda o: o.id)])
    weights = np.array([requirements.weights.get(c, 0.0) for c in crit])
    must_idx = np.array([crit.index(c) for c in requirements.must_have])
    must_min = np.array(list(requirements.must_have.values()))
    return ratings, weights, must_idx, must_min


def figures(quick: bool = False, repeat: int | None = None, samples: int = 10_000) -> list:
    """Rows for ``benchmarks/run.py``: figures (1), (2) and the scikit-criteria reference.

    Unlike :func:`main`, the two sides of (2) are timed interleaved
    (evaluate, numpy, numpy, evaluate, ...), so load from other processes
    falls on both alike.
    """
    from common import Figure, interleaved, median

    repeat = repeat or (5 if quick else 51)
    rows = []
    shipped = load_matrix()
    sreq = shipped_requirements(shipped)
    t = interleaved({"shipped": lambda: evaluate(shipped, sreq, samples=samples)}, repeat)
    t_shipped = median(t["shipped"]) * 1e3
    rows.append(Figure(
        f"(1) evaluate, shipped {len(shipped.options)}x{len(shipped.criteria)}, {samples:,} samples "
        f"(median of {repeat})", t_shipped, "ms", "< 10 ms", t_shipped < 10.0))

    gm, greq = generated_matrix()
    R, w, idx, req_vals = baseline_arrays(gm, greq)
    sides = {
        "evaluate": lambda: evaluate(gm, greq, samples=samples),
        "numpy": lambda: numpy_baseline(R, w, idx, req_vals, samples, 50.0, 0),
    }
    skc_run = skcriteria_wsm(R, w)
    if skc_run is not None:
        sides["skcriteria"] = skc_run
    t = interleaved(sides, repeat)
    ev_ms, np_ms = median(t["evaluate"]) * 1e3, median(t["numpy"]) * 1e3
    rows.append(Figure(f"(2) evaluate, generated 200x50, {samples:,} samples (median of {repeat})", ev_ms, "ms",
                       "<= 3x numpy", ev_ms <= 3 * np_ms, baseline=np_ms, baseline_name="bare numpy"))
    if skc_run is not None:
        sk_ms = median(t["skcriteria"]) * 1e3
        rows.append(Figure("    reference: scikit-criteria WeightedSumModel, same 200x50 (sum + rank only)", sk_ms,
                           "ms", "-", None))
    else:
        rows.append(Figure("    reference: scikit-criteria not installed (pip install -e '.[bench]')",
                           float("nan"), "ms", "-", None))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=51)
    ap.add_argument("--samples", type=int, default=10_000)
    args = ap.parse_args(argv)
    n = args.samples

    rows = []
    shipped = load_matrix()
    sreq = shipped_requirements(shipped)
    t_shipped = median_ms(lambda: evaluate(shipped, sreq, samples=n), args.repeat)
    rows.append((f"shipped ({len(shipped.options)} options x {len(shipped.criteria)} criteria)", t_shipped,
                 None, "< 10 ms"))

    gm, greq = generated_matrix()
    R, w, idx, req_vals = baseline_arrays(gm, greq)
    t_eval = median_ms(lambda: evaluate(gm, greq, samples=n), args.repeat)
    t_base = median_ms(lambda: numpy_baseline(R, w, idx, req_vals, n, 50.0, 0), args.repeat)
    rows.append(("generated (200 options x 50 criteria)", t_eval, t_base, "<= 3x baseline"))

    print(f"scoring.evaluate, {n:,} samples, median of {args.repeat} runs, BLAS threads = "
          f"{os.environ.get('OPENBLAS_NUM_THREADS')}")
    print(f"{'case':42} {'evaluate':>10} {'numpy':>10} {'ratio':>7}  goal")
    for name, t, base, goal in rows:
        base_s = f"{base:8.2f}ms" if base else f"{'-':>10}"
        ratio = f"{t / base:6.2f}x" if base else f"{'-':>7}"
        print(f"{name:42} {t:8.2f}ms {base_s} {ratio}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
