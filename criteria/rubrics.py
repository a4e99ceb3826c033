"""Counted criteria: ratings derived from recorded facts, one pure function per rubric.

Where a criterion's scale counts things (protections, figures above thresholds, needs
covered), the option file records the facts under ``ratings.<criterion>.facts`` and the
rating must equal what the rubric derives from them. :func:`derive` is the single place
the rules live; the loader (``stackwise validate``) and tests call it, so a typed rating
cannot drift from its facts. Each rubric restates its catalog anchors (criteria/catalog.yaml)
as arithmetic; tests/data/test_rubrics.py checks every anchor boundary.

No I/O, no clock: freshness of dated facts is judged in :mod:`criteria.freshness`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from pydantic import BaseModel, ValidationError

from criteria.models import (CommunityFacts, EcosystemFacts, FootprintFacts, Matrix, PrototypingFacts,
                             SecurityFacts)


# --------------------------------------------------------------------------- security_builtins
def security_rating(f: SecurityFacts) -> int:
    """Count of the six core protections -> 0-5.

    6 -> 5, 5 -> 4, 3-4 -> 3, 1-2 -> 2, 0 -> 1 when maintained extensions provide them, else 0.
    """
    n = sum([f.auth_helpers, f.csrf, f.signed_sessions, f.autoescape, f.cors, f.password_hashing])
    if n == 6:
        return 5
    if n == 5:
        return 4
    if n >= 3:
        return 3
    if n >= 1:
        return 2
    return 1 if f.extensions_cover_rest else 0


# --------------------------------------------------------------------------- community
#: Level thresholds per figure: the smallest value reaching levels 1..5 (catalog anchors).
DOWNLOAD_LEVELS = (10_000, 100_000, 1_000_000, 5_000_000, 10_000_000)
QUESTION_LEVELS = (1, 100, 1_000, 3_000, 5_000)
CONTRIBUTOR_LEVELS = (2, 10, 50, 150, 300)
#: Without an active official forum or chat the rating stops here.
NO_FORUM_CAP = 3


def level(value: int, thresholds: tuple[int, ...]) -> int:
    """How many thresholds ``value`` reaches (0-5)."""
    return sum(value >= t for t in thresholds)


def community_levels(f: CommunityFacts) -> tuple[int, int, int]:
    """(downloads, questions, contributors) levels."""
    return (level(f.monthly_downloads, DOWNLOAD_LEVELS), level(f.stackoverflow_questions, QUESTION_LEVELS),
            level(f.contributors, CONTRIBUTOR_LEVELS))


def community_rating(f: CommunityFacts) -> int:
    """The median of the three figure levels, i.e. the highest level at least two of the three
    figures reach; capped at 3 without an active official forum or chat.

    The median (not the minimum) keeps one skewed proxy from deciding alone: Starlette's
    downloads are inflated by FastAPI depending on it, while Litestar's questions live on its
    Discord rather than Stack Overflow.
    """
    rating = sorted(community_levels(f))[1]
    return rating if f.official_forum_or_chat else min(rating, NO_FORUM_CAP)


# --------------------------------------------------------------------------- ecosystem
ECOSYSTEM_NEEDS = tuple(EcosystemFacts.model_fields)


def ecosystem_rating(f: EcosystemFacts) -> int:
    """Needs covered (of eight) -> 0-5: 0 -> 0, 1-2 -> 1, 3-4 -> 2, 5-6 -> 3, 7 -> 4, 8 -> 5."""
    n = sum(getattr(f, need) is not None for need in ECOSYSTEM_NEEDS)
    if n == 8:
        return 5
    if n == 7:
        return 4
    return (n + 1) // 2


# --------------------------------------------------------------------------- prototyping_speed
PROVISION_POINTS = {"first-party": 2, "extension": 1, "by-hand": 0}


def prototyping_rating(f: PrototypingFacts) -> int:
    """1 + points of the two first features (first-party 2, maintained extension 1, by hand 0);
    0 when there is no documented development command with auto-reload.

    Both first-party -> 5; one first-party and one extension -> 4; both extensions, or one
    first-party and one by hand -> 3; one extension and one by hand -> 2; both by hand -> 1.
    """
    if not f.dev_reload:
        return 0
    return 1 + PROVISION_POINTS[f.json_endpoint] + PROVISION_POINTS[f.form_page]


# --------------------------------------------------------------------------- footprint
#: Upper limits for levels 5..1 (catalog anchors); above the last limit the level is 0. Each step
#: doubles the limit, because installed sizes and dependency counts spread over orders of magnitude
#: and what an engineer notices is the ratio ("three times the size"), not the difference.
UNPACKED_MB_LIMITS = (4.0, 8.0, 16.0, 32.0, 64.0)
DISTRIBUTION_LIMITS = (10, 20, 40, 80, 160)


def footprint_level(value: float, limits: tuple[float, ...]) -> int:
    """5 when ``value`` is within the first limit, 4 within the second, ..., 0 above the last."""
    return 5 - sum(value > limit for limit in limits)


def footprint_levels(f: FootprintFacts) -> tuple[int, int]:
    """(unpacked size level, distribution count level)."""
    return footprint_level(f.unpacked_mb, UNPACKED_MB_LIMITS), footprint_level(f.distributions, DISTRIBUTION_LIMITS)


def footprint_rating(f: FootprintFacts) -> int:
    """The lower of the two levels: a footprint is small only when both the unpacked size and the
    number of distributions are.

    size:  <= 4 MB -> 5, <= 8 -> 4, <= 16 -> 3, <= 32 -> 2, <= 64 -> 1, more -> 0
    count: <= 10   -> 5, <= 20 -> 4, <= 40 -> 3, <= 80 -> 2, <= 160 -> 1, more -> 0

    The download size is recorded but not rated: it follows the unpacked size (the wheels
    measured on 2026-11-30 unpack to 2.8-4.1 times their size) and is paid once per image build,
    while the unpacked size stays in every image.
    """
    return min(footprint_levels(f))


@dataclass(frozen=True)
class Rubric:
    facts: type[BaseModel]
    derive: Callable[[Any], int]


RUBRICS: dict[str, Rubric] = {
    "security_builtins": Rubric(SecurityFacts, security_rating),
    "community": Rubric(CommunityFacts, community_rating),
    "ecosystem": Rubric(EcosystemFacts, ecosystem_rating),
    "prototyping_speed": Rubric(PrototypingFacts, prototyping_rating),
    "footprint": Rubric(FootprintFacts, footprint_rating),
}


def parse_facts(criterion: str, facts: Mapping[str, Any]) -> BaseModel:
    """Facts as the rubric's model; raises pydantic's ValidationError on a bad shape."""
    return RUBRICS[criterion].facts.model_validate(dict(facts))


def derive(criterion: str, facts: Mapping[str, Any]) -> int:
    """The rating the criterion's rubric derives from ``facts``."""
    return RUBRICS[criterion].derive(parse_facts(criterion, facts))


@dataclass(frozen=True)
class Mismatch:
    """A stored rating that its rubric does not derive, or facts a rubric cannot read."""

    option: str
    criterion: str
    stored: int
    derived: int | None  # None: the facts are missing or malformed
    problem: str

    def message(self) -> str:
        if self.derived is None:
            return f"{self.criterion}: {self.problem}"
        return (f"{self.criterion}: stored rating {self.stored} differs from {self.derived}, "
                f"which its rubric derives from the recorded facts ({self.problem}).")


def _explain(criterion: str, model: BaseModel) -> str:
    if isinstance(model, CommunityFacts):
        d, q, c = community_levels(model)
        forum = "with" if model.official_forum_or_chat else "without"
        return f"figure levels downloads {d}, questions {q}, contributors {c}, {forum} an official forum or chat"
    if isinstance(model, SecurityFacts):
        names = [k for k in ("auth_helpers", "csrf", "signed_sessions", "autoescape", "cors", "password_hashing")
                 if getattr(model, k)]
        return f"{len(names)} of six protections built in: {', '.join(names) or 'none'}"
    if isinstance(model, EcosystemFacts):
        covered = [k for k in ECOSYSTEM_NEEDS if getattr(model, k) is not None]
        return f"{len(covered)} of eight needs covered"
    if isinstance(model, PrototypingFacts):
        return f"JSON endpoint {model.json_endpoint}, form page {model.form_page}"
    if isinstance(model, FootprintFacts):
        size, count = footprint_levels(model)
        return (f"{model.unpacked_mb} MB unpacked (level {size}), {model.distributions} distributions "
                f"(level {count})")
    return criterion


def check_rubrics(matrix: Matrix, require: bool = False) -> list[Mismatch]:
    """Every rating of a rubric criterion whose facts disagree with it.

    Facts are checked wherever they are recorded; with ``require`` a rubric criterion
    without facts is reported too (the shipped matrix records them for every option).
    """
    out: list[Mismatch] = []
    criteria = set(matrix.criterion_ids())
    for option in matrix.options:
        for cid, entry in option.ratings.items():
            if cid not in RUBRICS or cid not in criteria:
                continue
            if entry.facts is None:
                if require:
                    out.append(Mismatch(option.id, cid, entry.rating, None,
                                        "no recorded facts; this criterion is counted, so its rating is "
                                        "derived from `facts` (see criteria/rubrics.py)."))
                continue
            try:
                model = parse_facts(cid, entry.facts)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "facts"
                out.append(Mismatch(option.id, cid, entry.rating, None,
                                    f"facts.{where}: {first['msg']} (expected keys: "
                                    f"{', '.join(RUBRICS[cid].facts.model_fields)})."))
                continue
            derived = RUBRICS[cid].derive(model)
            if derived != entry.rating:
                out.append(Mismatch(option.id, cid, entry.rating, derived, _explain(cid, model)))
    return out
