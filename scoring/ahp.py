"""Pairwise weighting (the Analytic Hierarchy Process): weights from "a is v times as important as b".

Pure numpy kernels over a positive reciprocal matrix ``A`` (``a_ij > 0``,
``a_ji = 1 / a_ij``, ``a_ii = 1``), in the style of :mod:`scoring.kernels`.

* Weights: the principal (Perron) eigenvector of ``A``, ``A w = lambda_max w``,
  scaled to sum 1 [saaty1977]_. For a consistent matrix (``a_ij = w_i / w_j``)
  it returns exactly those ``w``, and ``lambda_max = n``.
* Consistency index ``CI = (lambda_max - n) / (n - 1)``; consistency ratio
  ``CR = CI / RI_n`` with Saaty's random index ``RI`` (the mean ``CI`` of
  random reciprocal matrices): 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49
  for n = 3 to 10 [saaty1980]_. ``CR <= 0.1`` is Saaty's threshold for
  acceptable judgments. With n <= 2 every matrix is consistent: ``CR = 0``.
* Most inconsistent triad: the (i, j, k) with the largest Koczkodaj index
  ``TI = min(|1 - a_ik / (a_ij a_jk)|, |1 - a_ij a_jk / a_ik|)`` [koczkodaj1993]_:
  the three judgments that contradict each other most.
* The judgment whose change would reduce ``CR`` most: every judgment ``(i, j)``
  is tried at every value of Saaty's scale (1/9 .. 9), the rest kept, and the
  change giving the lowest ``CR`` is reported (an exhaustive version of the
  revision advice of [saaty2003]_; at most 45 x 17 eigenvalue problems of size
  10, solved in one batched call).

References
----------
.. [saaty1977] Saaty, T. L. (1977). A scaling method for priorities in
   hierarchical structures. Journal of Mathematical Psychology 15(3), 234-281.
.. [saaty1980] Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill,
   New York. (Random index table, ch. 1.)
.. [saaty2003] Saaty, T. L. (2003). Decision-making with the AHP: Why is the
   principal eigenvector necessary. European Journal of Operational Research
   145(1), 85-91.
.. [saaty2008] Saaty, T. L. (2008). Decision making with the analytic hierarchy
   process. International Journal of Services Sciences 1(1), 83-98. (Worked
   example: relative consumption of drinks in the US; the tests reproduce it.)
.. [koczkodaj1993] Koczkodaj, W. W. (1993). A new definition of consistency of
   pairwise comparisons. Mathematical and Computer Modelling 18(7), 79-84.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

#: Saaty's random index RI_n for n = 1..10 [saaty1980]_ (0 for n <= 2: always consistent).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
#: Largest number of criteria compared pairwise (the random index is tabled up to 10).
MAX_CRITERIA = 10
#: Saaty's threshold: above it the judgments should be revisited.
CR_THRESHOLD = 0.1
#: Saaty's fundamental scale and its reciprocals: the values a judgment can take.
SCALE = np.array(sorted({float(v) for v in range(1, 10)} | {1.0 / v for v in range(2, 10)}))


@dataclass(frozen=True)
class Revision:
    """Changing judgment (i, j) from ``current`` to ``suggested`` brings the CR to ``new_cr``."""

    i: int
    j: int
    current: float
    suggested: float
    new_cr: float


def reciprocal_matrix(n: int, judgments: list[tuple[int, int, float]]) -> np.ndarray:
    """The ``n x n`` matrix with ``a_ij = v``, ``a_ji = 1/v`` for each judgment ``(i, j, v)``, 1 on the diagonal."""
    a = np.ones((n, n))
    for i, j, v in judgments:
        a[i, j] = v
        a[j, i] = 1.0 / v
    return a


def _principal(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(lambda_max, w)`` of one matrix or a stack ``(..., n, n)``; ``w`` positive, summing to 1.

    By Perron's theorem a positive matrix has a simple real eigenvalue of
    largest modulus with a positive eigenvector; ``numpy.linalg.eig`` finds it
    as the eigenvalue with the largest real part.
    """
    values, vectors = np.linalg.eig(a)
    k = np.argmax(values.real, axis=-1)
    lam = np.take_along_axis(values.real, k[..., None], axis=-1)[..., 0]
    w = np.take_along_axis(vectors.real, k[..., None, None], axis=-1)[..., 0]
    w = np.abs(w)  # the Perron vector has one sign; eig may return it negated
    return lam, w / w.sum(axis=-1, keepdims=True)


def principal_weights(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights (principal eigenvector, sum 1) and ``lambda_max`` of a positive reciprocal matrix."""
    lam, w = _principal(np.asarray(a, dtype=float))
    return w, float(lam)


def consistency_ratio(lambda_max: float | np.ndarray, n: int) -> float | np.ndarray:
    """``CR = ((lambda_max - n) / (n - 1)) / RI_n``; 0 for n <= 2 (and never below 0: rounding)."""
    if n <= 2:
        return np.zeros_like(np.asarray(lambda_max, dtype=float)) if np.ndim(lambda_max) else 0.0
    ci = (np.asarray(lambda_max, dtype=float) - n) / (n - 1)
    cr = np.maximum(ci / RANDOM_INDEX[n], 0.0)
    return float(cr) if np.ndim(cr) == 0 else cr


def most_inconsistent_triad(a: np.ndarray) -> tuple[tuple[int, int, int] | None, float]:
    """The triad ``(i, j, k)``, i < j < k, with the largest Koczkodaj index, and that index.

    ``(None, 0.0)`` for fewer than three criteria.
    """
    n = a.shape[0]
    triads = np.array(list(combinations(range(n), 3)), dtype=int).reshape(-1, 3)
    if not len(triads):
        return None, 0.0
    i, j, k = triads.T
    ratio = a[i, k] / (a[i, j] * a[j, k])
    ti = np.minimum(np.abs(1 - ratio), np.abs(1 - 1 / ratio))
    best = int(np.argmax(ti))
    return tuple(int(x) for x in triads[best]), float(ti[best])  # type: ignore[return-value]


def best_revision(a: np.ndarray) -> Revision | None:
    """The single judgment change (to a value of :data:`SCALE`) that lowers the CR most.

    None for fewer than three criteria or when no change lowers it.
    """
    n = a.shape[0]
    if n <= 2:
        return None
    pairs = list(combinations(range(n), 2))
    stack = np.broadcast_to(a, (len(pairs), len(SCALE), n, n)).copy()
    for p, (i, j) in enumerate(pairs):
        stack[p, :, i, j] = SCALE
        stack[p, :, j, i] = 1.0 / SCALE
    lam, _ = _principal(stack)
    cr = consistency_ratio(lam, n)
    p, s = np.unravel_index(int(np.argmin(cr)), cr.shape)
    _, lam0 = principal_weights(a)
    now = consistency_ratio(lam0, n)
    if cr[p, s] >= now - 1e-12:
        return None
    i, j = pairs[p]
    return Revision(i, j, float(a[i, j]), float(SCALE[s]), float(cr[p, s]))
