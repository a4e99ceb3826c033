"""The result of an evaluation: one frozen object for the charts, the verdict and the record.

Everything is plain Python (str, float, tuple, dict) so the object pickles
(Streamlit's caches) and serialises without numpy. Treat the dicts as read-only.
:meth:`Evaluation.to_dict` gives the JSON contract of issue 3 plus extra keys.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

#: Decimals kept in :meth:`Evaluation.to_dict` (the object keeps full precision).
DECIMALS = 4


def _r(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), DECIMALS)


@dataclass(frozen=True)
class FailedMustHave:
    """One must-have an option misses: it needs ``required`` and has ``rating``."""

    criterion: str
    required: float
    rating: float

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "required": _r(self.required), "rating": _r(self.rating)}


@dataclass(frozen=True)
class OptionResult:
    """One option's line in the ranking."""

    option: str
    name: str
    score: float
    #: Competition ranking over the presented order (eligible first, then by
    #: score): tied options share a rank and the next rank skips (1, 1, 3).
    rank: int
    eligible: bool
    #: criterion id -> points of the score it brings; sums to ``score``.
    contributions: dict[str, float]
    failed_must_haves: tuple[FailedMustHave, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "score": _r(self.score),
            "rank": self.rank,
            "eligible": self.eligible,
            "contributions": {c: _r(v) for c, v in self.contributions.items()},
            "failed_must_haves": [f.to_dict() for f in self.failed_must_haves],
        }


@dataclass(frozen=True)
class FlipPoint:
    """Where the winner changes through one criterion, all other weights fixed.

    ``up_weight``/``down_weight`` are the nearest weights above/below the current
    one at which the winner draws level with a challenger (None when no
    non-negative weight does it); ``flip_weight`` is the nearer of the two.
    ``new_winner`` is who leads just past it, or None when several options
    take over together (then ``new_tie`` names them).
    """

    criterion: str
    current_weight: float
    flip_weight: float | None
    new_winner: str | None
    direction: Literal["up", "down"] | None
    new_tie: tuple[str, ...] = ()
    up_weight: float | None = None
    up_winner: tuple[str, ...] = ()
    down_weight: float | None = None
    down_winner: tuple[str, ...] = ()
    #: The top of the weight scale the user weighs on (the app's sliders run 0-10).
    scale_max: float = 10.0

    @property
    def within_scale(self) -> bool:
        """Whether some weight within 0..scale_max changes the answer through this criterion.

        The winner holds one interval ``(down_weight, up_weight)`` of this
        weight (see :func:`scoring.kernels.flip_weights`), so a weight on the
        scale changes the answer iff a down flip exists (every weight below it,
        0 included, gives another winner) or the up flip lies on the scale (at
        the top itself the options draw level).
        """
        return self.down_weight is not None or (
            self.up_weight is not None and self.up_weight <= self.scale_max
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "current_weight": _r(self.current_weight),
            "flip_weight": _r(self.flip_weight),
            "new_winner": self.new_winner,
            "direction": self.direction,
            "new_tie": list(self.new_tie),
            "within_scale": self.within_scale,
        }


@dataclass(frozen=True)
class StakeholderResult:
    """One person's own evaluation (as if they had decided alone)."""

    name: str
    role: str
    weights: dict[str, float]
    winner: str | None
    tie: tuple[str, ...]
    scores: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "winner": self.winner,
            "tie": list(self.tie),
            "scores": {o: _r(s) for o, s in self.scores.items()},
            "weights": {c: _r(w) for c, w in self.weights.items()},
        }


@dataclass(frozen=True)
class Spread:
    """How far apart the weighing stakeholders' normalised weights are on one criterion."""

    min: float
    max: float
    std: float
    by_person: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": _r(self.min),
            "max": _r(self.max),
            "std": _r(self.std),
            "by_person": {n: _r(w) for n, w in self.by_person.items()},
        }


@dataclass(frozen=True)
class Evaluation:
    """Everything one evaluation found. Built by :func:`scoring.evaluate`."""

    #: Criteria of the matrix (all of them, matrix order) and their names.
    criteria: tuple[str, ...]
    criterion_names: dict[str, str]
    #: Options considered (matrix order) and their names.
    options: tuple[str, ...]
    option_names: dict[str, str]
    #: Weights in the user's units for every criterion (0 where unlisted), and as shares.
    weights: dict[str, float]
    normalized_weights: dict[str, float]
    must_have: dict[str, float]
    #: Eligible options first, each group by score (ties by id, with equal ranks).
    ranking: tuple[OptionResult, ...]
    #: The best eligible option; None when no option is eligible or the top is a tie.
    winner: str | None
    #: Options tied at the top (empty unless the top is a tie).
    tie: tuple[str, ...]
    #: Every group of two or more options with equal scores, eligible or not.
    ties: tuple[tuple[str, ...], ...]
    #: Second eligible option (in ranking order), if any.
    runner_up: str | None
    #: Score points between the first and second eligible options: 0.0 for a tie
    #: at the top, None when fewer than two options are eligible.
    margin: float | None
    #: One per matrix criterion, in matrix order. All ``flip_weight=None`` when there is no single winner.
    flip_points: tuple[FlipPoint, ...]
    #: Eligible option -> share of sampled weight vectors it wins (ties split).
    win_probability: dict[str, float]
    verdict: str
    #: When no option is eligible: which must-have rules out which option and what to relax.
    no_eligible_reason: str | None
    samples: int
    seed: int
    concentration: float
    #: Top of the weight scale the verdict speaks of: 10 (the sliders) when every
    #: weight is within 0-10, else the next power of ten above the largest weight.
    scale_max: float = 10.0
    title: str | None = None
    aggregation: str | None = None
    stakeholders: tuple[StakeholderResult, ...] = ()
    disagreement: dict[str, Spread] = field(default_factory=dict)
    decisive: tuple[str, ...] = ()
    #: Weighing person -> the group's winner without them (None: a tie or no winner);
    #: empty when fewer than two people weigh.
    without: dict[str, str | None] = field(default_factory=dict)
    #: Weighing person -> the options tied at the top without them (empty: a single winner or none).
    without_tie: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Meeting mode: how much a consulted person's weights count (None: as a decision-maker's).
    consulted_weight: float | None = None

    # ------------------------------------------------------------------ look-ups
    @property
    def scores(self) -> dict[str, float]:
        return {r.option: r.score for r in self.ranking}

    def result(self, option: str) -> OptionResult:
        return next(r for r in self.ranking if r.option == option)

    @property
    def eligible(self) -> tuple[str, ...]:
        return tuple(r.option for r in self.ranking if r.eligible)

    # ------------------------------------------------------------------ export
    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (issue 3), then extra keys; floats rounded to 4 decimals."""
        out: dict[str, Any] = {
            "winner": self.winner,
            "margin": _r(self.margin),
            "ranking": [r.to_dict() for r in self.ranking],
            "flip_points": [f.to_dict() for f in self.flip_points],
            "win_probability": {o: _r(p) for o, p in self.win_probability.items()},
            "verdict": self.verdict,
            # Extra keys (the contract above never changes shape).
            "tie": list(self.tie),
            "ties": [list(t) for t in self.ties],
            "runner_up": self.runner_up,
            "no_eligible_reason": self.no_eligible_reason,
            "weights": {c: _r(w) for c, w in self.weights.items()},
            "normalized_weights": {c: _r(w) for c, w in self.normalized_weights.items()},
            "must_have": {c: _r(v) for c, v in self.must_have.items()},
            "criteria": list(self.criteria),
            "options": list(self.options),
            "inputs": {
                "samples": self.samples,
                "seed": self.seed,
                "concentration": self.concentration,
                "scale_max": self.scale_max,
            },
        }
        if self.stakeholders:
            out["aggregation"] = self.aggregation
            out["stakeholders"] = [s.to_dict() for s in self.stakeholders]
            out["disagreement"] = {c: s.to_dict() for c, s in self.disagreement.items()}
            out["decisive"] = list(self.decisive)
            out["without"] = dict(self.without)
            out["without_tie"] = {n: list(t) for n, t in self.without_tie.items()}
            if self.consulted_weight is not None:
                out["consulted_weight"] = self.consulted_weight
        return out
