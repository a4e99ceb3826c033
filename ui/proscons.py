"""Pros and cons per option, derived from the ratings and their evidence (no free text invented).

Rules, per option o among the compared options and criterion c with rating r:

* **pro** when r >= 4, or r >= 3 and o is rated strictly highest of the compared options on c;
* **con** when r <= 2, or r <= 3 and o is rated strictly lowest of the compared options on c.

Each point carries the rating's rationale (from the matrix) and the sources of
its evidence, split into those that hold (verdict ``current``) and those
that do not, so a pro never rests on a claim we found wrong without saying so.
Points are ordered by the user's weight (what matters to them first), then by
how far the rating is from the middle of the scale.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from criteria import Matrix
from criteria.models import Verdict

PRO_AT, CON_AT, MIDDLE = 4.0, 2.0, 3.0


@dataclass(frozen=True)
class Point:
    criterion: str
    criterion_name: str
    rating: float
    weight: float
    rationale: str
    relative: str  # "best of the compared options", "lowest ...", or ""
    sources: tuple[str, ...]  # evidence that holds (verdict current)
    doubtful: tuple[str, ...]  # evidence marked outdated, wrong or unverified


@dataclass(frozen=True)
class ProsCons:
    option: str
    name: str
    pros: tuple[Point, ...]
    cons: tuple[Point, ...]


def pros_and_cons(
    matrix: Matrix, options: Sequence[str], weights: Mapping[str, float], limit: int | None = 6
) -> list[ProsCons]:
    """Pros and cons of each option in ``options`` (in that order), at most ``limit`` of each."""
    out = []
    for oid in options:
        option = matrix.option(oid)
        pros: list[Point] = []
        cons: list[Point] = []
        for c in matrix.criteria:
            r = option.ratings[c.id].rating
            others = [matrix.option(o).ratings[c.id].rating for o in options if o != oid]
            best = bool(others) and r > max(others)
            worst = bool(others) and r < min(others)
            if r >= PRO_AT or (best and r >= MIDDLE):
                pros.append(_point(matrix, oid, c.id, weights, "best of the compared options" if best else ""))
            elif r <= CON_AT or (worst and r <= MIDDLE):
                cons.append(_point(matrix, oid, c.id, weights, "lowest of the compared options" if worst else ""))
        key = lambda p: (-p.weight, -abs(p.rating - MIDDLE), p.criterion)  # noqa: E731
        pros.sort(key=key)
        cons.sort(key=key)
        out.append(ProsCons(oid, option.name, tuple(pros[:limit]), tuple(cons[:limit])))
    return out


def _point(matrix: Matrix, oid: str, cid: str, weights: Mapping[str, float], relative: str) -> Point:
    entry = matrix.option(oid).ratings[cid]
    holds = tuple(dict.fromkeys(e.source for e in entry.evidence if e.verdict == Verdict.current))
    doubtful = tuple(dict.fromkeys(e.source for e in entry.evidence if e.verdict != Verdict.current))
    return Point(cid, matrix.criterion(cid).name, entry.rating, float(weights.get(cid, 0.0)),
                 entry.rationale, relative, holds, doubtful)
