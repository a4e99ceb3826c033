"""The result of an evaluation: one frozen object for the charts, the verdict and the record.

Everything is plain Python (str, float, tuple, dict) so the object pickles
(Streamlit's caches) and serialises without numpy. Treat the dicts as read-only.
:meth:`Evaluation.to_dict` gives the JSON contract of issue 3 plus extra keys.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from scoring.python_check import PythonCheck

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
    #: The check against the required Python (None: no Python requirement).
    python: "PythonCheck | None" = None

    @property
    def python_failed(self) -> bool:
        """Ruled out because its rated release does not install on the required Python."""
        return self.python is not None and not self.python.ok

    def to_dict(self) -> dict[str, Any]:
        out = {
            "option": self.option,
            "score": _r(self.score),
            "rank": self.rank,
            "eligible": self.eligible,
            "contributions": {c: _r(v) for c, v in self.contributions.items()},
            "failed_must_haves": [f.to_dict() for f in self.failed_must_haves],
        }
        if self.python is not None:
            out["python"] = self.python.to_dict()
        return out


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
class Robustness:
    """Share of draws each eligible option wins when the weights vary, the ratings vary, or both (issue 15)."""

    weights: dict[str, float]
    ratings: dict[str, float]
    both: dict[str, float]
    samples: int
    seed: int
    #: Rating cells of the eligible options, on weighted criteria, that were varied (range wider than 0).
    uncertain_cells: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": {o: _r(p) for o, p in self.weights.items()},
            "ratings": {o: _r(p) for o, p in self.ratings.items()},
            "both": {o: _r(p) for o, p in self.both.items()},
            "samples": self.samples,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class RatingFlip:
    """One rating whose change alone (all else fixed) changes the winner: at ``flips_at`` the two draw
    level, past it ``winner_then`` wins (None: several options draw level there)."""

    option: str
    criterion: str
    rating: float
    flips_at: float
    winner_then: str | None
    #: The range the evidence allows for this rating (lo, hi); equal ends = taken as exact.
    range: tuple[float, float] | None = None

    @property
    def distance(self) -> float:
        return abs(self.flips_at - self.rating)

    @property
    def within_range(self) -> bool:
        """Whether the flip lies inside the rating's range: the evidence itself allows it."""
        return self.range is not None and self.range[0] <= self.flips_at <= self.range[1] and \
            self.range[1] > self.range[0]

    def to_dict(self) -> dict[str, Any]:
        return {"option": self.option, "criterion": self.criterion, "rating": _r(self.rating),
                "flips_at": _r(self.flips_at), "winner_then": self.winner_then}


@dataclass(frozen=True)
class TwoWay:
    """The winner over a grid of two criteria's weights (others fixed): ``winners[row][col]`` at
    ``weight(criteria[1]) = grid[row]``, ``weight(criteria[0]) = grid[col]``; None = a tie."""

    criteria: tuple[str, str]
    grid: tuple[float, ...]
    winners: tuple[tuple[str | None, ...], ...]
    current: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        return {"criteria": list(self.criteria), "grid": [_r(g) for g in self.grid],
                "winners": [list(row) for row in self.winners], "current": [_r(c) for c in self.current]}


@dataclass(frozen=True)
class PairwiseResult:
    """Weights from pairwise judgments (AHP): principal eigenvector, consistency ratio, weakest triad."""

    weights: dict[str, float]
    consistency_ratio: float
    most_inconsistent: tuple[str, str, str] | None
    #: The judgment whose change lowers the ratio most: (a, b, now, suggested, new ratio), or None.
    revision: tuple[str, str, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"weights": {c: _r(w) for c, w in self.weights.items()},
                "consistency_ratio": _r(self.consistency_ratio),
                "most_inconsistent": list(self.most_inconsistent) if self.most_inconsistent else None}


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
    #: The oldest Python the project must run on ("3.9"), None when not required.
    python: str | None = None
    stakeholders: tuple[StakeholderResult, ...] = ()
    disagreement: dict[str, Spread] = field(default_factory=dict)
    decisive: tuple[str, ...] = ()
    #: Weighing person -> the group's winner without them (None: a tie or no winner);
    #: empty when fewer than two people weigh.
    without: dict[str, str | None] = field(default_factory=dict)
    #: Issue 15: robustness under weight and rating uncertainty (None when no option is eligible).
    robustness: Robustness | None = None
    #: Single ratings that flip the answer, nearest first (empty without a single winner).
    rating_flips: tuple[RatingFlip, ...] = ()
    #: criterion -> (low, high): the winner holds while the weight stays within; high None = no
    #: upper bound. Empty without a single winner.
    stability: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    two_way: TwoWay | None = None
    pairwise: PairwiseResult | None = None
    #: (option, criterion) -> (lo, hi) for the considered options (criteria.ranges rule).
    ranges: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
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
            "python": self.python,
            "criteria": list(self.criteria),
            "options": list(self.options),
            "inputs": {
                "samples": self.samples,
                "seed": self.seed,
                "concentration": self.concentration,
                "scale_max": self.scale_max,
            },
        }
        # Issue 15 (uncertainty): contract keys robustness, rating_flips, stability, pairwise.
        if self.robustness is not None:
            out["robustness"] = self.robustness.to_dict()
        out["rating_flips"] = [f.to_dict() for f in self.rating_flips]
        out["stability"] = {c: {"low": _r(lo), "high": _r(hi)} for c, (lo, hi) in self.stability.items()}
        # two_way stays out of the JSON (41 x 41 winners would swell every bundle); TwoWay.to_dict() has it.
        if self.pairwise is not None:
            out["pairwise"] = self.pairwise.to_dict()
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
