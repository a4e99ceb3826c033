"""Data models for the catalog, the sources, the matrix and the requirements.

Pydantic validates shapes and ranges and publishes the JSON Schemas in
``docs/schemas/``; cross-references (ids that must exist elsewhere) are checked
by :mod:`criteria.loader`, which knows every file's line numbers.
"""
from __future__ import annotations

import weakref
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from criteria.pyversions import PYTHON_MINORS, minor_problem, specifier_problem

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


def whole_rating(value: Any) -> Any:
    """Ratings are whole numbers: every anchor of the 0-5 scale is an integer, so 3.5 names no anchor.

    ``4.0`` (a spreadsheet's way of writing 4) is accepted as ``4``; booleans and text are left
    for the strict type check to reject.
    """
    if isinstance(value, float) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            return value  # the range check reports it
        if not value.is_integer():
            raise ValueError(
                "half points are not allowed: a rating is a whole number 0-5 naming one anchor "
                "of the criterion's scale"
            )
        return int(value)
    return value


class RatingEntry(Strict):
    rating: Annotated[int, Field(ge=0, le=5, strict=True,
                                 description="A whole number 0-5: the anchor of the scale that fits.")]
    rationale: Text
    evidence: list[Evidence] = Field(min_length=1)
    conflict: str | None = Field(
        None, description="Where sources contradict each other (or themselves) on this point."
    )
    facts: dict[str, Any] | None = Field(
        None,
        description=(
            "Recorded facts a counted criterion's rubric derives the rating from "
            "(criteria/rubrics.py; shapes in SecurityFacts, CommunityFacts, EcosystemFacts, PrototypingFacts, "
            "FootprintFacts)."
        ),
    )

    range: tuple[Rating, Rating] | None = Field(
        None,
        description="Plausible ratings [lo, hi] with 0 <= lo <= rating <= hi <= 5: how far the evidence "
                    "leaves the rating open. Without it, a rating resting only on unverified, disputed or "
                    "stale evidence gets the default range (docs/uncertainty.md).",
    )

    @field_validator("range", mode="before")
    @classmethod
    def _range_is_a_pair(cls, value: object) -> object:
        # pydantic would say "field required" for [3]: say what a range is instead.
        if value is not None and (not isinstance(value, (list, tuple)) or len(value) != 2):
            raise ValueError("range must be a list of two numbers [lo, hi] on the 0-5 scale, "
                             "such as [3, 5]")
        return value

    @field_validator("range")
    @classmethod
    def _range_brackets_rating(cls, value: tuple[float, float] | None,
                               info: ValidationInfo) -> tuple[float, float] | None:
        rating = info.data.get("rating")  # absent when the rating itself failed (reported there)
        if value is not None and rating is not None and not value[0] <= rating <= value[1]:
            raise ValueError(f"range [{value[0]:g}, {value[1]:g}] must contain the rating {rating:g} "
                             "(0 <= lo <= rating <= hi <= 5)")
        return value

    _whole = field_validator("rating", mode="before")(whole_rating)


# --------------------------------------------------------------------------- recorded facts
# The fact shapes of counted criteria (issue 13): an option file records the facts and
# criteria/rubrics.py derives the rating from them, so a typed rating cannot drift.

class SecurityFacts(Strict):
    """Which of the six protections of ``security_builtins`` the core ships (not extensions)."""

    auth_helpers: bool = Field(description="Authentication helpers: login sessions, OAuth2, bearer, API key or basic.")
    csrf: bool = Field(description="CSRF protection.")
    signed_sessions: bool = Field(description="Signed or encrypted session cookies.")
    autoescape: bool = Field(description="Autoescaped templates.")
    cors: bool = Field(description="CORS handling.")
    password_hashing: bool = Field(description="Password hashing helpers.")
    extensions_cover_rest: bool = Field(
        description="Maintained extensions provide the protections the core lacks (separates 0 from 1).")


Count = Annotated[int, Field(ge=0, strict=True)]


class CommunityFacts(Strict):
    """The community figures, each snapshot dated and sourced (``as_of`` feeds the freshness flags)."""

    monthly_downloads: Count = Field(description="PyPI downloads in the last month (pypistats).")
    stackoverflow_questions: Count = Field(description="Stack Overflow questions with the framework's tag.")
    contributors: Count = Field(description="Unique committers to the main repository.")
    official_forum_or_chat: bool = Field(description="An active official forum or chat (Discord, Discourse, ...).")
    as_of: DateText = Field(description="Date of the figures (the snapshot, not when we read it).")
    source: Id = Field(description="Bibliography id of the snapshot the figures come from.")
    forum_source: Id | None = Field(None, description="Bibliography id showing the forum or chat.")


class EcosystemFacts(Strict):
    """For each of the eight needs of ``ecosystem``: the core module or maintained package covering it, or null."""

    orm: str | None
    migrations: str | None
    authentication: str | None
    admin: str | None
    forms: str | None
    caching: str | None
    rate_limiting: str | None
    background_tasks: str | None


Provision = Literal["first-party", "extension", "by-hand"]


class PrototypingFacts(Strict):
    """How the two first features of ``prototyping_speed`` are built (see the catalog's description)."""

    json_endpoint: Provision = Field(description="A JSON endpoint that validates its body and answers 4xx naming the field.")
    form_page: Provision = Field(description="An HTML page with a form whose post is validated and saved as a database row.")
    dev_reload: bool = Field(description="A documented development command with auto-reload.")


Megabytes = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class FootprintFacts(Strict):
    """What ``pip install NAME==VERSION`` of the rated release brings in, as stackwise measured it
    (benchmarks/frameworks/footprint.py; the figures are the totals of the cited results file)."""

    distributions: Annotated[int, Field(ge=1, strict=True)] = Field(
        description="Distributions installed: the framework plus its transitive runtime dependencies, no extras.")
    download_mb: Megabytes = Field(description="Total size of their wheels, MB (10**6 bytes), one decimal.")
    unpacked_mb: Megabytes = Field(
        description="Sum of the file sizes in their wheels' zip directories, MB (10**6 bytes), one decimal.")
    target: Text = Field(description="The install target the figures hold for (Python version and platform).")
    source: Id = Field(description="Bibliography id of the results file (kind benchmark).")


def _python_minor(value: object) -> str:
    """A Python minor version such as "3.9", as a requirement may name it (see criteria.pyversions)."""
    problem = minor_problem(value)
    if problem:
        hint = " (YAML reads an unquoted 3.10 as the number 3.1)" if isinstance(value, float) else ""
        raise PydanticCustomError("python_version", "{problem}{hint}", {"problem": problem, "hint": hint})
    return str(value).strip()


class PythonSupport(Strict):
    """Which Pythons an option's releases install on, from PyPI metadata (scripts/python_support.py)."""

    release: Text = Field(description="The release these facts are for: the rated release.")
    requires_python: Text = Field(description="Requires-Python of that release (PEP 440 specifiers, e.g. >=3.11).")
    newest_release: dict[str, str | None] = Field(
        default_factory=dict,
        description='Python minor ("3.9") -> the newest final release installable on it (null: none is).')
    source: Text = Field(description="Where the facts come from.")
    checked: DateText = Field(description="When they were read from PyPI.")

    @field_validator("requires_python")
    @classmethod
    def _specifier(cls, value: str) -> str:
        problem = specifier_problem(value)
        if problem:
            raise PydanticCustomError("specifier", "{problem}", {"problem": problem})
        return value

    @field_validator("newest_release", mode="before")
    @classmethod
    def _minors(cls, value: object) -> object:
        if isinstance(value, dict):
            for key in value:
                _python_minor(key)
        return value


class Option(Strict):
    id: Id
    name: Text
    version: str | None = Field(None, description="The release the ratings hold for.")
    description: str | None = None
    url: str | None = None
    python: PythonSupport | None = Field(
        None, description="Python versions the rated release supports (PyPI); absent: unknown.")
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


def default_question(name: str) -> str:
    """The question asked for a criterion that brings none (issue 19: id and name are enough)."""
    return f"How much does {name} matter to this project?"


class Criterion(Strict):
    """A criterion. Only ``id`` and ``name`` are required, so a team can type a matrix quickly;
    a criterion without ``scale`` is *unanchored* (its 0-5 ratings have no stated meaning),
    which the app, the heat map and the record say plainly."""

    id: Id
    name: Text
    question: Text | None = Field(
        None, description="The question a tech lead answers when weighing it "
                          "(default: 'How much does NAME matter to this project?').")
    description: Text | None = Field(None, description="What is measured, and what is not.")
    scale: Scale | None = Field(None, description="Anchors of the 0-5 scale; without them the criterion is unanchored.")
    group: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _question_default(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("question") in (None, "") and isinstance(data.get("name"), str):
            name = data["name"].strip()
            if name:
                data = {**data, "question": default_question(name)}
        return data

    @property
    def anchored(self) -> bool:
        """True when the 0-5 scale has stated anchors."""
        return self.scale is not None

    def anchors(self) -> dict[int, str]:
        """The scale's anchors, or nothing for an unanchored criterion."""
        return self.scale.anchors() if self.scale is not None else {}


class CatalogCriterion(Criterion):
    """A criterion of the shipped catalog: question, description and anchors are all required,
    because every shipped rating is checked against its anchor (a team's own matrix may use
    the minimal :class:`Criterion`)."""

    question: Text = Field(description="The question a tech lead answers when weighing it.")
    description: Text = Field(description="What is measured, and what is not.")
    scale: Scale

    @model_validator(mode="before")
    @classmethod
    def _question_default(cls, data: object) -> object:
        return data  # no default: the shipped catalog states every question


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


#: id(matrix) -> (weak reference proving the id still names that matrix, {kind: {id: item}}).
#: A Matrix is frozen, so its index never goes stale; a dict per lookup kind turns the
#: charts' and tables' millions of look-ups on a 200-option matrix from scans into hits.
_INDEX: dict[int, tuple[weakref.ref, dict[str, dict[str, Any]]]] = {}


def _lookup(matrix: "Matrix", kind: str, key: str) -> Any:
    entry = _INDEX.get(id(matrix))
    if entry is None or entry[0]() is not matrix:
        if len(_INDEX) > 256:  # forget matrices that are gone
            for k in [k for k, (ref, _) in _INDEX.items() if ref() is None]:
                del _INDEX[k]
        entry = (weakref.ref(matrix), {})
        _INDEX[id(matrix)] = entry
    by_id = entry[1].get(kind)
    if by_id is None:
        by_id = {}
        for item in getattr(matrix, kind):
            by_id.setdefault(item.id, item)  # the first of a duplicated id, as a scan would find
        entry[1][kind] = by_id
    try:
        return by_id[key]
    except KeyError:
        raise StopIteration(key) from None  # what the scan it replaces raised


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
        return _lookup(self, "criteria", cid)

    def option(self, oid: str) -> Option:
        return _lookup(self, "options", oid)

    def source(self, sid: str) -> Source:
        return _lookup(self, "sources", sid)


#: The sliders' scale, everywhere (files, links, bundles): 0 = ignore, 10 = decisive; decimals allowed.
WEIGHT_MAX = 10
Weight = Annotated[float, Field(ge=0, le=WEIGHT_MAX, allow_inf_nan=False, strict=True)]


class Stakeholder(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    role: Literal["decision-maker", "consulted", "informed"] = "decision-maker"
    weights: dict[str, Weight] = Field(default_factory=dict)
    profile: str | None = None


class Expected(Strict):
    """The answer a team (or the scenario panel) expects before evaluating; the engine ignores it."""

    winners: list[Id] = Field(min_length=1, description="Acceptable winners: any of these is a right answer.")
    why: Text = Field(description="Why an experienced engineer would choose them.")


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
    python: str | None = Field(
        None, description=f"Oldest Python the project must run on, one of {', '.join(PYTHON_MINORS)} (in quotes). "
        "Options whose rated release does not install on it are ruled out.")
    expected: Expected | None = Field(
        None, description="The expected answer, for scenario tests and sanity checks; not used in scoring.")

    @field_validator("python", mode="before")
    @classmethod
    def _python(cls, value: object) -> object:
        return None if value is None else _python_minor(value)
    #: Pairwise judgments (AHP): ``[a, b, v]`` = criterion a is v times as important as b, v on
    #: Saaty's 1-9 scale or its reciprocal (a number, or text such as "1/3"). Checked, and
    #: turned into weights, by :mod:`criteria.pairwise`.
    # Any: the entries are checked by criteria.pairwise, which names the entry and the valid values
    # (pydantic would turn `true` into 1 or report a union of three types).
    pairwise: list[list[Any]] | None = Field(
        None, description="Pairwise judgments [a, b, v]: criterion a is v times as important as b "
                          "(v = 1..9 or 1/9..1; text like \"1/3\" allowed). Replaces 'weights'.")
