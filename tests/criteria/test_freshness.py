"""Evidence freshness flags: stale sources and unverified-only ratings.

Expected dates below are worked out by hand from the definitions in
criteria/freshness.py (cutoff = reference minus N months, partial dates = last day).
"""
from __future__ import annotations

from datetime import date

import pytest

from criteria.freshness import (
    DEFAULT_MAX_AGE_MONTHS,
    flagged,
    freshness_flags,
    months_before,
    parse_date_text,
    source_date,
)
from criteria.models import Criterion, Matrix, Option, Source

REF = date(2026, 11, 21)  # 18 months before: 2025-05-21


def _criterion(cid: str) -> Criterion:
    return Criterion.model_validate({
        "id": cid, "name": cid, "question": "q?", "description": "d",
        "scale": {"0": "none", "3": "some", "5": "all"},
    })


def _source(sid: str, published: str, accessed: str | None = None) -> Source:
    data = {"id": sid, "title": sid, "publisher": "p", "published": published, "kind": "official-docs"}
    if accessed:
        data["accessed"] = accessed
    return Source.model_validate(data)


def _ev(source: str, verdict: str = "current", checked: list[str] | None = None) -> dict:
    return {"source": source, "where": "w", "claim": "c", "verdict": verdict,
            "checked_against": checked or []}


def _matrix(ratings: dict[str, list[dict]], sources: list[Source]) -> Matrix:
    option = Option.model_validate({
        "id": "opt", "name": "Opt",
        "ratings": {cid: {"rating": 3, "rationale": "r", "evidence": evs} for cid, evs in ratings.items()},
    })
    return Matrix(criteria=[_criterion(c) for c in ratings], options=[option], sources=sources)


SOURCES = [
    _source("old", "2020-01-15"),
    _source("old-but-read", "2019-06-01", accessed="2026-10-01"),
    _source("new", "2026-09-30"),
    _source("on-cutoff", "2025-05-21"),
    _source("day-before", "2025-05-20"),
    _source("month-of-cutoff", "2025-05"),
    _source("month-before", "2025-04"),
]


def test_dates_and_cutoff_arithmetic() -> None:
    assert parse_date_text("2024") == date(2024, 12, 31)
    assert parse_date_text("2024-02") == date(2024, 2, 29)  # leap year: last day of the month
    assert parse_date_text("2023-02") == date(2023, 2, 28)
    assert parse_date_text("2025-05-21") == date(2025, 5, 21)
    assert months_before(REF, 18) == date(2025, 5, 21)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)  # clamped to February's end
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 10), 13) == date(2024, 12, 10)  # across a year boundary
    assert months_before(REF, 0) == REF
    assert DEFAULT_MAX_AGE_MONTHS == 18


def test_source_date_is_the_later_of_published_and_accessed() -> None:
    assert source_date(_source("a", "2019-06-01", accessed="2026-10-01")) == date(2026, 10, 1)
    assert source_date(_source("b", "2026-10-01", accessed="2026-01-01")) == date(2026, 10, 1)
    assert source_date(_source("c", "2021")) == date(2021, 12, 31)


def test_stale_only_when_every_evidence_item_is_older_than_the_cutoff() -> None:
    m = _matrix({
        "only_old": [_ev("old")],
        "old_and_new": [_ev("old"), _ev("new")],
        "read_recently": [_ev("old-but-read")],
        "old_checked_against_new": [_ev("old", checked=["new"])],
        "on_cutoff": [_ev("on-cutoff")],
        "day_before": [_ev("day-before")],
        "month_of_cutoff": [_ev("month-of-cutoff")],
        "month_before": [_ev("month-before")],
    }, SOURCES)
    flags = freshness_flags(m, REF)
    stale = {cid for (_, cid), f in flags.items() if f.stale}
    assert stale == {"only_old", "day_before", "month_before"}
    assert flags[("opt", "only_old")].newest == date(2020, 1, 15)
    assert flags[("opt", "only_old")].cutoff == date(2025, 5, 21)
    assert flags[("opt", "old_and_new")].newest == date(2026, 9, 30)
    assert flags[("opt", "month_of_cutoff")].newest == date(2025, 5, 31)
    assert list(flags) == [("opt", c) for c in m.criterion_ids()]  # one flag per rating, matrix order


def test_max_age_is_configurable() -> None:
    m = _matrix({"x": [_ev("new")]}, SOURCES)  # 2026-09-30, under two months before REF
    assert not freshness_flags(m, REF, max_age_months=2)[("opt", "x")].stale
    assert freshness_flags(m, REF, max_age_months=1)[("opt", "x")].stale  # cutoff 2026-10-21
    assert freshness_flags(m, REF, max_age_months=0)[("opt", "x")].stale


def test_unverified_only_needs_every_item_unverified() -> None:
    m = _matrix({
        "all_unverified": [_ev("new", "unverified"), _ev("old", "unverified")],
        "mixed": [_ev("new", "unverified"), _ev("new", "current")],
        "wrong_is_not_unverified": [_ev("new", "wrong")],
    }, SOURCES)
    flags = freshness_flags(m, REF)
    assert flags[("opt", "all_unverified")].unverified_only
    assert not flags[("opt", "mixed")].unverified_only
    assert not flags[("opt", "wrong_is_not_unverified")].unverified_only
    listed = flagged(flags)
    assert [f.criterion for f in listed] == ["all_unverified"]
    assert listed[0].reasons() == ["every evidence item is unverified"]


def test_reasons_name_the_dates() -> None:
    m = _matrix({"x": [_ev("old", "unverified")]}, SOURCES)
    f = freshness_flags(m, REF)[("opt", "x")]
    assert f.flagged and f.stale and f.unverified_only
    assert f.reasons() == [
        "newest evidence dated 2020-01-15, before the cutoff 2025-05-21",
        "every evidence item is unverified",
    ]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "18"])
def test_bad_max_age_is_refused(bad: object) -> None:
    m = _matrix({"x": [_ev("new")]}, SOURCES)
    with pytest.raises(ValueError, match="max_age_months"):
        freshness_flags(m, REF, max_age_months=bad)  # type: ignore[arg-type]


def test_unknown_source_is_reported() -> None:
    m = _matrix({"x": [_ev("ghost")]}, SOURCES)  # built without the loader's cross-checks
    with pytest.raises(ValueError, match="ghost"):
        freshness_flags(m, REF)
