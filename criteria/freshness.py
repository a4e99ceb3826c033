"""Evidence freshness: which ratings rest only on old sources or only on unverified claims.

Pure functions over a :class:`~criteria.models.Matrix`: no I/O, no clock. The caller
passes the reference date (usually today) so results are reproducible.

Definitions (per option x criterion rating):

* The *date of a source* is the later of its ``published`` and ``accessed`` dates: a
  living docs page read last week is fresh even if first published years ago.
* The *date of an evidence item* is the latest date among its ``source`` and its
  ``checked_against`` sources: a claim from an old article that we re-checked against
  a current primary source is as fresh as that check.
* Partial dates stand for their whole period and count as its **last** day
  (``2024`` -> 2024-12-31, ``2024-03`` -> 2024-03-31), so a source is never called
  stale because of precision it does not have.
* ``cutoff = reference - max_age_months`` (same day of month, clamped to the month's
  end). A rating is **stale** when every evidence item's date is before the cutoff.
* A rating is **unverified_only** when every evidence item has verdict ``unverified``.
* Recorded figures (``facts.as_of`` of a counted criterion, e.g. community downloads) carry
  their own date: a rating whose figures are dated before the cutoff is **stale** too, however
  recently we read the page that publishes them (issue 13).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from criteria.models import Matrix, Source, Verdict

#: Default maximum age of evidence, in months (issue 8: "default 18 months").
DEFAULT_MAX_AGE_MONTHS = 18


@dataclass(frozen=True)
class FreshnessFlag:
    """Freshness of one rating (option x criterion)."""

    option: str
    criterion: str
    stale: bool
    unverified_only: bool
    newest: date  # date of the freshest evidence item
    cutoff: date
    facts_date: date | None = None  # date of the recorded figures the rating is derived from

    @property
    def flagged(self) -> bool:
        return self.stale or self.unverified_only

    def reasons(self) -> list[str]:
        """Plain-language reasons, for tables and decision records."""
        out = []
        if self.stale and self.newest < self.cutoff:
            out.append(f"newest evidence dated {self.newest.isoformat()}, before the cutoff "
                       f"{self.cutoff.isoformat()}")
        if self.facts_date is not None and self.facts_date < self.cutoff:
            out.append(f"figures dated {self.facts_date.isoformat()}, before the cutoff "
                       f"{self.cutoff.isoformat()}")
        if self.unverified_only:
            out.append("every evidence item is unverified")
        return out


def parse_date_text(text: str) -> date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` to a date; partial dates give the period's last day."""
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, calendar.monthrange(year, month)[1])
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")


def source_date(source: Source) -> date:
    """The later of ``published`` and ``accessed``."""
    dates = [parse_date_text(source.published)]
    if source.accessed:
        dates.append(parse_date_text(source.accessed))
    return max(dates)


def months_before(reference: date, months: int) -> date:
    """``reference`` moved back by whole months, the day clamped to the target month's length."""
    if months < 0:
        raise ValueError(f"months must be zero or more, got {months}")
    index = reference.year * 12 + (reference.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    day = min(reference.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def freshness_flags(
    matrix: Matrix,
    reference: date,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
) -> dict[tuple[str, str], FreshnessFlag]:
    """A :class:`FreshnessFlag` per ``(option, criterion)``, in matrix order.

    Raises ``ValueError`` for a negative or non-integer ``max_age_months`` or an evidence
    item citing a source the matrix does not hold (a matrix from the loader never does).
    """
    if isinstance(max_age_months, bool) or not isinstance(max_age_months, int) or max_age_months < 0:
        raise ValueError(f"max_age_months must be a whole number of months >= 0, got {max_age_months!r}")
    cutoff = months_before(reference, max_age_months)
    dates = {s.id: source_date(s) for s in matrix.sources}

    def dated(sid: str) -> date:
        try:
            return dates[sid]
        except KeyError:
            raise ValueError(f"evidence cites unknown source {sid!r}") from None

    out: dict[tuple[str, str], FreshnessFlag] = {}
    for option in matrix.options:
        for cid, entry in option.ratings.items():
            item_dates = [max(dated(s) for s in (ev.source, *ev.checked_against)) for ev in entry.evidence]
            newest = max(item_dates)
            as_of = (entry.facts or {}).get("as_of")
            facts_date = parse_date_text(as_of) if isinstance(as_of, str) else None
            out[(option.id, cid)] = FreshnessFlag(
                option=option.id,
                criterion=cid,
                stale=newest < cutoff or (facts_date is not None and facts_date < cutoff),
                unverified_only=all(ev.verdict == Verdict.unverified for ev in entry.evidence),
                newest=newest,
                cutoff=cutoff,
                facts_date=facts_date,
            )
    return out


def flagged(flags: Mapping[tuple[str, str], FreshnessFlag]) -> list[FreshnessFlag]:
    """Only the ratings that are stale or rest on unverified claims alone, in matrix order."""
    return [f for f in flags.values() if f.flagged]
