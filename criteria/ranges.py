"""Rating ranges: how far the evidence leaves each rating open.

A rating may carry ``range: [lo, hi]`` (``0 <= lo <= rating <= hi <= 5``, checked
by :class:`~criteria.models.RatingEntry`). Without one, the **default-range
rule** applies:

* a rating whose evidence is only ``unverified`` (every item), or disputed
  (``conflict:`` is set), or stale (every item older than the age limit, see
  :mod:`criteria.freshness`) gets ``[rating - 1, rating + 1]`` clipped to 0-5:
  one point either way, the size of the disagreements an audit of the matrix
  found (a quarter of the sampled cells arguable by a point);
* any other rating is taken as exact: ``[rating, rating]``.

Staleness needs a reference date. :func:`rating_ranges` takes it as an
argument; :func:`reference_date` gives the default the engine uses: the
matrix's ``meta.checked`` date (when the ratings were last checked), else the
newest source date in the matrix. So the same files always give the same
ranges (no clock), and "stale" means "already old when the ratings were
checked".
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from criteria.freshness import DEFAULT_MAX_AGE_MONTHS, freshness_flags, parse_date_text, source_date
from criteria.models import Matrix, RatingEntry

#: Half-width of the default range, in rating points.
DEFAULT_HALF_WIDTH = 1.0

Origin = Literal["file", "default", "exact"]


@dataclass(frozen=True)
class RatingRange:
    """The plausible ratings of one (option, criterion), and where the range comes from."""

    rating: float
    lo: float
    hi: float
    origin: Origin
    #: Why the default applies (empty for ``file`` and ``exact``).
    reasons: tuple[str, ...] = ()

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def label(self) -> str:
        """``4`` for an exact rating, ``4 (3-5)`` for a range."""
        if self.width <= 0:
            return f"{self.rating:g}"
        return f"{self.rating:g} ({self.lo:g}-{self.hi:g})"


def reference_date(matrix: Matrix) -> date | None:
    """The matrix's checked date, else its newest source date, else None (no staleness)."""
    if matrix.meta is not None:
        return parse_date_text(matrix.meta.checked)
    dates = [source_date(s) for s in matrix.sources]
    return max(dates) if dates else None


def default_range(entry: RatingEntry, reasons: list[str]) -> tuple[float, float]:
    r = entry.rating
    if not reasons:
        return r, r
    return max(0.0, r - DEFAULT_HALF_WIDTH), min(5.0, r + DEFAULT_HALF_WIDTH)


def rating_ranges(
    matrix: Matrix,
    reference: date | None = None,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
) -> dict[tuple[str, str], RatingRange]:
    """A :class:`RatingRange` per ``(option, criterion)`` (see the module docstring for the rule).

    ``reference`` defaults to :func:`reference_date`; with no date at all only
    the unverified and conflict parts of the rule apply.
    """
    ref = reference if reference is not None else reference_date(matrix)
    flags = freshness_flags(matrix, ref, max_age_months) if ref is not None else {}
    out: dict[tuple[str, str], RatingRange] = {}
    for option in matrix.options:
        for cid, entry in option.ratings.items():
            if entry.range is not None:
                lo, hi = entry.range
                out[(option.id, cid)] = RatingRange(entry.rating, float(lo), float(hi), "file")
                continue
            reasons = []
            flag = flags.get((option.id, cid))
            if flag is not None and flag.unverified_only:
                reasons.append("only unverified evidence")
            if entry.conflict:
                reasons.append("sources disagree")
            if flag is not None and flag.stale:
                reasons.append(f"evidence older than {max_age_months} months")
            lo, hi = default_range(entry, reasons)
            out[(option.id, cid)] = RatingRange(entry.rating, lo, hi, "default" if reasons else "exact",
                                                tuple(reasons))
    return out


# id(matrix) -> (weak reference proving the id still names that matrix, its default ranges).
_CACHE: dict[int, tuple[Any, dict[tuple[str, str], RatingRange]]] = {}


def matrix_ranges(matrix: Matrix) -> dict[tuple[str, str], RatingRange]:
    """:func:`rating_ranges` with the default reference date, computed once per matrix object.

    A :class:`~criteria.models.Matrix` is frozen, so its ranges never change; the
    engine asks for them on every evaluation (every slider move in the app).
    Treat the returned dict as read-only.
    """
    hit = _CACHE.get(id(matrix))
    if hit is not None and hit[0]() is matrix:
        return hit[1]
    ranges = rating_ranges(matrix)
    if len(_CACHE) > 32:  # uploaded matrices come and go: drop entries whose matrix is gone
        for k in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
            del _CACHE[k]
    _CACHE[id(matrix)] = (weakref.ref(matrix), ranges)
    return ranges
