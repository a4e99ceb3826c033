"""Data models for the catalog, the sources, the matrix and the requirements.

Pydantic validates shapes and ranges and publishes the JSON Schemas in
``docs/schemas/``; cross-references (ids that must exist elsewhere) are checked
by :mod:`criteria.loader`, which knows every file's line numbers.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
DateText = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
# strict: a weight or rating of `yes`, `true` or "8" is a typo to report, not a number to guess.
Rating = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False, strict=True)]


class Strict(BaseModel):
    """Base: unknown keys are errors (a misspelt key must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SourceKind(str, Enum):
    article = "article"
    official_docs = "official-docs"
    changelog = "changelog"
    benchmark = "benchmark"
    package_index = "package-index"
    repository = "repository"


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    author: str | None = None
    published: DateText = Field(description="Publication date (YYYY-MM-DD, YYYY-MM or YYYY).")
    accessed: DateText | None = Field(None, description="When we read it (for living docs pages).")
    url: str | None = None
    kind: SourceKind
    note: str | None = None


class Verdict(str, Enum):
    current = "current"  # holds today per a primary source
    outdated = "outdated"  # was true, no longer
    wrong = "wrong"  # never held, or contradicts the primary source
    unverified = "unverified"  # no primary source found


class Evidence(Strict):
    source: Id
    where: Text = Field(description="Section or heading in the source.")
    claim: Text = Field(description="The claim, paraphrased in our own words.")
    verdict: Verdict
    checked_against: list[Id] = Field(
        default_factory=list,
        description="Primary sources the claim was checked against (ids in the bibliography).",
    )
    note: str | None = Field(None, description="What the primary source says, when it differs.")


class RatingEntry(Strict):
    rating: Rating
    rationale: Text
    evidence: list[Evidence] = Field(min_length=1)
    conflict: str | None = Field(
        None, description="Where sources contradict each other (or themselves) on this point."
    )


class Option(Strict):
    id: Id
    name: Text
    version: str | None = Field(None, description="The release the ratings hold for.")
    description: str | None = None
    url: str | None = None
    ratings: dict[Id, RatingEntry]


class Scale(Strict):
    """Anchors of the 0-5 scale: what 0, 3 and 5 mean (1, 2, 4 optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    zero: Text = Field(alias="0")
    one: str | None = Field(None, alias="1")
    two: str | None = Field(None, alias="2")
    three: Text = Field(alias="3")
    four: str | None = Field(None, alias="4")
    five: Text = Field(alias="5")

    def anchors(self) -> dict[int, str]:
        values = [self.zero, self.one, self.two, self.three, self.four, self.five]
        return {i: v for i, v in enumerate(values) if v}


class Criterion(Strict):
    id: Id
    name: Text
    question: Text = Field(description="The question a tech lead answers when weighing it.")
    description: Text
    scale: Scale
    group: str | None = None


class Profile(Strict):
    id: Id
    name: Text
    description: Text
    weights: dict[Id, Annotated[float, Field(ge=0, le=10, allow_inf_nan=False, strict=True)]]
    must_have: dict[Id, Rating] = Field(default_factory=dict)
    sources: list[Id] = Field(default_factory=list, description="Sources whose guidance it follows.")


class MatrixMeta(Strict):
    version: str = Field(description="Version of the matrix data.")
    checked: DateText = Field(description="When the ratings were last checked against primary sources.")
    title: str | None = None
    description: str | None = None


class Matrix(Strict):
    """The whole evidence base: the export shape of ``stackwise matrix``."""

    meta: MatrixMeta | None = None
    criteria: list[Criterion]
    options: list[Option]
    sources: list[Source]

    # Convenience look-ups; cheap enough to build on demand for <= a few hundred items.
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)

    def option(self, oid: str) -> Option:
        return next(o for o in self.options if o.id == oid)

    def source(self, sid: str) -> Source:
        return next(s for s in self.sources if s.id == sid)


#: The sliders' scale, everywhere (files, links, bundles): 0 = ignore, 10 = decisive; decimals allowed.
WEIGHT_MAX = 10
Weight = Annotated[float, Field(ge=0, le=WEIGHT_MAX, allow_inf_nan=False, strict=True)]


class Stakeholder(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    role: Literal["decision-maker", "consulted", "informed"] = "decision-maker"
    weights: dict[str, Weight] = Field(default_factory=dict)
    profile: str | None = None


class Requirements(Strict):
    """What a user wants: the requirements file (see README) as a model."""

    title: Annotated[str, StringConstraints(max_length=300)] | None = None
    context: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    profile: str | None = None
    weights: dict[str, Weight] = Field(default_factory=dict)
    must_have: dict[str, Rating] = Field(default_factory=dict)
    options: list[str] | None = None
    stakeholders: list[Stakeholder] | None = None
    aggregation: Literal["arithmetic", "geometric"] = "arithmetic"
    consulted_weight: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)] | None = Field(
        None, description="Meeting mode: how much a consulted person's weights count against a decision-maker's "
                          "(absent or 1: the same; 0.5: half; 0: not at all).")
