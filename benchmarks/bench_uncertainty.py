"""Benchmark of ``evaluate`` with rating ranges (issue 15): figures printed, nothing asserted.

Run: ``python benchmarks/run.py --only uncertainty`` (or this file directly).

(7a) ``evaluate()`` on the shipped matrix, 10,000 draws, with its rating ranges
     (the default ranges of its unverified and disputed ratings); goal < 20 ms.
(7b) ``evaluate()`` on a generated 200-option x 50-criterion matrix in which a
     quarter of the ratings carry a range of one point either way (the share an
     audit found arguable), side by side, interleaved, with a bare numpy
     baseline doing the same sampling (Dirichlet weights, triangular ratings,
     win counts under weights / ratings / both) and the closed-form flip points;
     goal <= 3x.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_evaluate import baseline_arrays, shipped_requirements  # noqa: E402
from criteria import load_matrix  # noqa: E402
from criteria.models import (  # noqa: E402
    Criterion, Evidence, Matrix, Option, RatingEntry, Requirements, Scale, Source,
)
from scoring import evaluate  # noqa: E402

#: Share of the generated matrix's ratings given a range.
RANGED_SHARE = 0.25


def ranged_matrix(n_options: int = 200, n_criteria: int = 50, seed: int = 42):  # type: ignore[no-untyped-def]
    """A generated matrix with ranges on a quarter of its ratings; its requirements; lo and hi arrays."""
    rng = np.random.default_rng(seed)
    ratings = rng.integers(0, 6, size=(n_options, n_criteria)).astype(float)  # whole ratings 0-5 (issue 13)
    ranged = rng.random((n_options, n_criteria)) < RANGED_SHARE
    lo = np.where(ranged, np.maximum(0, ratings - 1), ratings)
    hi = np.where(ranged, np.minimum(5, ratings + 1), ratings)
    scale = Scale.model_validate({"0": "none", "3": "some", "5": "full"})
    crit = [Criterion(id=f"c{k:02d}", name=f"Criterion {k}", question="?", description="generated", scale=scale)
            for k in range(n_criteria)]
    ev = [Evidence(source="gen", where="n/a", claim="generated", verdict="current")]
    options = [Option(id=f"o{i:03d}", name=f"Option {i}", ratings={
        c.id: RatingEntry(rating=int(ratings[i, k]), rationale="generated", evidence=ev,
                          range=(float(lo[i, k]), float(hi[i, k])) if ranged[i, k] else None)
        for k, c in enumerate(crit)}) for i in range(n_options)]
    source = Source(id="gen", title="generated", publisher="bench", published="2026", kind="article")
    matrix = Matrix(criteria=crit, options=options, sources=[source])
    weights = rng.integers(0, 11, size=n_criteria).astype(float)
    weights[rng.random(n_criteria) < 0.2] = 0.0
    req = Requirements(weights={c.id: float(w) for c, w in zip(crit, weights)},
                       must_have={crit[0].id: 1.0, crit[1].id: 0.5})
    return matrix, req, lo, hi


def numpy_baseline(R, lo, hi, weights, must_idx, must_min, samples, concentration, seed):  # type: ignore[no-untyped-def]
    """The same sampling with bare numpy and no bookkeeping: what the engine must stay close to."""
    eligible = np.all(R[:, must_idx] >= must_min, axis=1)
    R, lo, hi = R[eligible], lo[eligible], hi[eligible]
    active = weights > 0
    wn = weights / weights.sum()
    Ra, loa, hia, g = R[:, active], lo[:, active], hi[:, active], 20.0 * wn[active]
    # Weights vary: Dirichlet draws.
    rng = np.random.default_rng(seed)
    w = rng.standard_gamma(concentration * wn[active], size=(samples, int(active.sum())))
    w /= w.sum(axis=1, keepdims=True)
    sw = (w * 20.0) @ Ra.T
    wins_w = np.bincount(sw.argmax(axis=1), minlength=len(R))
    # Ratings vary: triangular draws on the ranged cells, scores moved by the drawn deviations.
    o, c = np.nonzero(hia > loa)
    a, m, b = loa[o, c], Ra[o, c], hia[o, c]
    starts = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
    rng_r = np.random.default_rng([seed, 15])
    base = Ra @ g
    wins_r = np.zeros(len(R))
    wins_b = np.zeros(len(R))
    block = max(1, 4_000_000 // max(1, len(m)))
    for s0 in range(0, samples, block):
        s1 = min(samples, s0 + block)
        u = rng_r.random((s1 - s0, len(m)))
        f = (m - a) / (b - a)
        x = np.where(u < f, a + np.sqrt(u * (b - a) * (m - a)), b - np.sqrt((1 - u) * (b - a) * (b - m)))
        d = x - m
        sr = np.tile(base, (s1 - s0, 1))
        sr[:, o[starts]] += np.add.reduceat(d * g[c], starts, axis=1)
        wins_r += np.bincount(sr.argmax(axis=1), minlength=len(R))
        sb = sw[s0:s1].copy()
        sb[:, o[starts]] += np.add.reduceat(d * 20.0 * w[s0:s1][:, c], starts, axis=1)
        wins_b += np.bincount(sb.argmax(axis=1), minlength=len(R))
    # Closed-form weight flip points, as in bench_evaluate's baseline.
    win = int(np.argmax(base))
    dr = R - R[win]
    da = (dr @ weights)[:, None] - dr * weights
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = -da / dr
    up = np.where((dr > 0) & (xs > weights), xs, np.inf).min(axis=0)
    down = np.where((dr < 0) & (xs > 0) & (xs < weights), xs, -np.inf).max(axis=0)
    return wins_w / samples, wins_r / samples, wins_b / samples, up, down


def figures(quick: bool = False, repeat: int | None = None, samples: int = 10_000) -> list:
    from common import Figure, interleaved, median

    repeat = repeat or (5 if quick else 51)
    rows = []
    shipped = load_matrix()
    sreq = shipped_requirements(shipped)
    ev = evaluate(shipped, sreq, samples=samples)
    t = interleaved({"shipped": lambda: evaluate(shipped, sreq, samples=samples)}, repeat)
    ms = median(t["shipped"]) * 1e3
    rows.append(Figure(
        f"(7a) evaluate with ranges, shipped {len(shipped.options)}x{len(shipped.criteria)} "
        f"({ev.robustness.uncertain_cells} ranged ratings), {samples:,} draws (median of {repeat})",
        ms, "ms", "< 20 ms", ms < 20.0))

    gm, greq, lo, hi = ranged_matrix()
    R, w, idx, mins = baseline_arrays(gm, greq)
    order = np.argsort([o.id for o in gm.options])  # baseline_arrays sorts options by id; so must lo and hi
    lo, hi = lo[order], hi[order]
    sides = {
        "evaluate": lambda: evaluate(gm, greq, samples=samples),
        "numpy": lambda: numpy_baseline(R, lo, hi, w, idx, mins, samples, 50.0, 0),
    }
    t = interleaved(sides, repeat)
    ev_ms, np_ms = median(t["evaluate"]) * 1e3, median(t["numpy"]) * 1e3
    cells = evaluate(gm, greq, samples=samples).robustness.uncertain_cells
    rows.append(Figure(f"(7b) evaluate with ranges, generated 200x50 ({cells:,} ranged ratings), {samples:,} draws "
                       f"(median of {repeat})", ev_ms, "ms", "<= 3x numpy", ev_ms <= 3 * np_ms, baseline=np_ms,
                       baseline_name="bare numpy, same sampling"))
    return rows


if __name__ == "__main__":
    import common

    common.print_table(figures(quick="--quick" in sys.argv))
