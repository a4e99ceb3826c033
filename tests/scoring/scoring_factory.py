"""Small synthetic matrices built straight from the models (no shipped data needed)."""
from __future__ import annotations

from typing import Mapping

from criteria.models import Criterion, Evidence, Matrix, Option, RatingEntry, Requirements, Scale, Source

SOURCE = Source(id="synthetic", title="Synthetic test data", publisher="tests", published="2026",
                kind="article")
SCALE = Scale.model_validate({"0": "none", "3": "some", "5": "full"})


def criterion(cid: str) -> Criterion:
    return Criterion(id=cid, name=cid.replace("_", " ").title(), question=f"How much does {cid} matter?",
                     description=f"Synthetic criterion {cid}.", scale=SCALE)


def rating(value: float) -> RatingEntry:
    ev = Evidence(source="synthetic", where="n/a", claim="synthetic", verdict="current")
    # The engine is tested on real-valued ratings (its maths does not need whole numbers); the data
    # rule "no half points" (issue 13) is tested in tests/data/test_rubrics.py, so skip it here.
    if float(value).is_integer():
        return RatingEntry(rating=int(value), rationale="synthetic", evidence=[ev])
    return RatingEntry.model_construct(rating=value, rationale="synthetic", evidence=[ev], conflict=None, facts=None)


def make_matrix(ratings: Mapping[str, Mapping[str, float]], criteria: list[str] | None = None) -> Matrix:
    """``ratings``: option id -> criterion id -> 0-5 rating (option order kept)."""
    crit = criteria or list(next(iter(ratings.values())))
    options = [Option(id=oid, name=oid.title(), ratings={c: rating(v) for c, v in row.items()})
               for oid, row in ratings.items()]
    return Matrix(criteria=[criterion(c) for c in crit], options=options, sources=[SOURCE])


def req(weights: Mapping[str, float], must_have: Mapping[str, float] | None = None,
        options: list[str] | None = None, **extra) -> Requirements:
    return Requirements(weights=dict(weights), must_have=dict(must_have or {}), options=options, **extra)
