"""The verdict: a few plain sentences generated from an evaluation's numbers only.

Every sentence restates figures held in the :class:`~scoring.evaluation.Evaluation`
(scores, contributions, failed must-haves, flip points, win probability);
nothing is looked up elsewhere, so nothing can be invented.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from scoring.evaluation import Evaluation, FlipPoint, OptionResult

#: Win-probability thresholds for the robustness wording.
ROBUST, FAIRLY_ROBUST = 0.9, 0.7
#: Criteria named when explaining what carries the result.
TOP_CRITERIA = 3
#: Contribution differences below this many points are not worth a mention.
MIN_POINTS = 0.05


def num(x: float) -> str:
    """A weight or rating as people write it: 7, 7.5, 3.25 (at most 2 decimals)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _tenths(x: float) -> Decimal:
    """``x`` rounded to one decimal, halves up (6.25 -> 6.3), as the charts' number format does."""
    value = Decimal(repr(float(x))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return value if value != 0 else Decimal("0.0")  # never "-0.0"


def one(x: float) -> str:
    """A score or contribution as shown: one decimal, halves rounded up."""
    return str(_tenths(x))


def gap(a: float, b: float) -> str:
    """The difference of two shown figures, ``one(a) - one(b)``: what a reader computes from them.

    Rounding the exact difference instead can disagree by 0.1 ("+3.8: 6.2 against
    2.5" for 6.25 and 2.5), which reads as an error (issue 16, item 12).
    """
    return str(_tenths(a) - _tenths(b))


def pct(p: float) -> str:
    return f"{p * 100:.0f}%" if 0.005 <= p <= 0.995 or p in (0.0, 1.0) else f"{p * 100:.1f}%"


def pts(d: float) -> str:
    """Score points: one decimal, more only when that would show 0.0."""
    return f"{d:.1f}" if abs(d) >= 0.05 else f"{d:.2g}"


def _join(items: list[str], conj: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def write_verdict(ev: Evaluation) -> str:
    """The verdict text for ``ev`` (see the module docstring)."""
    if ev.pairwise is not None:  # issue 15: say where the weights came from, and whether they hold together
        from scoring.uncertainty_text import pairwise_sentence

        return " ".join((_verdict_body(ev), pairwise_sentence(ev)))
    return _verdict_body(ev)


def _verdict_body(ev: Evaluation) -> str:
    if not ev.eligible:
        return ev.no_eligible_reason or no_eligible_reason(ev)
    if ev.winner is None:
        return " ".join(_tie_sentences(ev))
    return " ".join(_winner_sentences(ev))


def _name(ev: Evaluation, option: str) -> str:
    return ev.option_names.get(option, option)


def _crit(ev: Evaluation, criterion: str) -> str:
    return ev.criterion_names.get(criterion, criterion)


def _failures(ev: Evaluation, r: OptionResult) -> str:
    return _join([f"{_crit(ev, f.criterion)} (needs {num(f.required)}, rated {num(f.rating)})"
                  for f in r.failed_must_haves])


def _ruled_out(ev: Evaluation) -> list[str]:
    out = [r for r in ev.ranking if r.failed_must_haves]
    sentences = []
    if out:
        parts = [f"{_name(ev, r.option)} by {_failures(ev, r)}" for r in out[:3]]
        more = f" (and {len(out) - 3} more options)" if len(out) > 3 else ""
        sentences.append(f"Ruled out by must-haves: {'; '.join(parts)}{more}.")
    return sentences + _python_sentences(ev)


def _python_sentences(ev: Evaluation) -> list[str]:
    """What the Python requirement did: who it rules out (naming the newest release that fits), who it could not check."""
    if not ev.python:
        return []
    failed = [r.python.brief(_name(ev, r.option)) for r in ev.ranking if r.python_failed]  # type: ignore[union-attr]
    unknown = [_name(ev, r.option) for r in ev.ranking if r.python is not None and r.python.status == "unknown"]
    out = []
    if failed:
        out.append(f"Ruled out by the Python {ev.python} requirement: " + "; ".join(failed) + ".")
    elif not unknown:
        out.append(f"Every option compared supports Python {ev.python} in its rated release.")
    if unknown:
        out.append(f"Not checked against Python {ev.python} (the matrix records no Python support): "
                   + _join(unknown) + ".")
    return out


def _why_out(ev: Evaluation, r: OptionResult) -> str:
    """Everything that rules ``r`` out: failed must-haves, then the Python requirement."""
    parts = [_failures(ev, r)] if r.failed_must_haves else []
    if r.python_failed:
        parts.append(f"Python {ev.python}: {r.python.brief(_name(ev, r.option))}")  # type: ignore[union-attr]
    return _join(parts)


def _winner_sentences(ev: Evaluation) -> list[str]:
    w = ev.result(ev.winner)  # type: ignore[arg-type]
    out: list[str] = []
    if ev.runner_up is None:
        meets = "meets every must-have" + (f" and runs on Python {ev.python}" if ev.python else "")
        out.append(f"{_name(ev, w.option)} is the only option that {meets}, "
                   f"with {one(w.score)} of 100 points.")
        out += _ruled_out(ev)
        top = sorted(w.contributions.items(), key=lambda kv: -kv[1])[:TOP_CRITERIA]
        top = [(c, v) for c, v in top if v >= MIN_POINTS]
        if top:
            out.append("Its largest contributions: "
                       + _join([f"{_crit(ev, c)} ({one(v)} points)" for c, v in top]) + ".")
        relax = "a must-have or the Python requirement" if any(r.python_failed for r in ev.ranking) else "a must-have"
        out.append("With no other eligible option, no weight change can alter the answer; "
                   f"only relaxing {relax} can.")
        return out

    r = ev.result(ev.runner_up)
    wn, rn = _name(ev, w.option), _name(ev, r.option)
    out.append(f"{wn} comes first with {one(w.score)} of 100 points, "
               f"{gap(w.score, r.score)} ahead of {rn} ({one(r.score)}).")
    out += _ruled_out(ev)
    diff = {c: w.contributions[c] - r.contributions[c] for c in ev.criteria}
    ahead = sorted(((c, d) for c, d in diff.items() if d >= MIN_POINTS), key=lambda kv: -kv[1])
    behind = sorted(((c, -d) for c, d in diff.items() if d <= -MIN_POINTS), key=lambda kv: -kv[1])
    if ahead:
        out.append("What carries it: " + _join([
            f"{_crit(ev, c)} (+{gap(w.contributions[c], r.contributions[c])} points: "
            f"{one(w.contributions[c])} against {one(r.contributions[c])})"
            for c, d in ahead[:TOP_CRITERIA]]) + ".")
    if behind:
        out.append(f"{rn} is stronger on " + _join([f"{_crit(ev, c)} (+{gap(r.contributions[c], w.contributions[c])} points)"
                                                     for c, d in behind[:TOP_CRITERIA]])
                   + ", not enough to close the gap.")
    else:
        out.append(f"{rn} is not ahead on any weighted criterion.")
    out += _flip_sentences(ev)
    out += _uncertainty(ev)
    return out


def _uncertainty(ev: Evaluation) -> list[str]:
    """Issue 15: robustness under both uncertainties, the rating it hinges on, the pairwise consistency."""
    if ev.robustness is None:
        return [_robustness(ev)]
    from scoring.uncertainty_text import hinge_sentence, robustness_sentences

    return [s for s in (*robustness_sentences(ev), hinge_sentence(ev)) if s]


def short_verdict(ev: Evaluation) -> tuple[str, str]:
    """The verdict in two parts: the answer and its reason (two sentences), then the rest.

    A room reads the first part in ten seconds; the second (ruled-out options, the
    runner-up's strengths, tipping points, robustness, the group's details) waits
    behind "More". Both parts are sentences of :attr:`Evaluation.verdict`, unchanged.
    """
    if not ev.eligible:
        sentences = [ev.no_eligible_reason or no_eligible_reason(ev)]
    elif ev.winner is None:
        sentences = _tie_sentences(ev)
    else:
        sentences = _winner_sentences(ev)
    answer = sentences[0]
    reason = next((s for s in sentences[1:] if s.startswith(("What carries it", "Its largest"))),
                  sentences[1] if len(sentences) > 1 and not ev.winner else "")
    # Options the Python version rules out surprise a room (a must-have is the room's own choice):
    # that sentence stays in view beside the answer instead of behind "More".
    python = next((s for s in sentences if s.startswith("Ruled out by the Python")), "") if ev.eligible else ""
    rest = ev.verdict
    for part in (answer, reason, python):
        if part:
            rest = rest.replace(part, "", 1)
    return " ".join(p for p in (answer, reason, python) if p), " ".join(rest.split())


def nearest_flip(ev: Evaluation) -> FlipPoint | None:
    """The flip point needing the smallest weight change (in the user's units)."""
    flips = [f for f in ev.flip_points if f.flip_weight is not None]
    if not flips:
        return None
    # Ties in distance go to matrix order, which is stable and shown to users.
    return min(flips, key=lambda f: abs(f.flip_weight - f.current_weight))  # type: ignore[operator]


def _flip_sentences(ev: Evaluation) -> list[str]:
    out: list[str] = []
    f = nearest_flip(ev)
    scale = f"0-{num(ev.scale_max)}"
    if f is not None and f.flip_weight is not None:
        move = (f"raising the weight of {_crit(ev, f.criterion)} from {num(f.current_weight)} above "
                if f.direction == "up" else
                f"lowering the weight of {_crit(ev, f.criterion)} from {num(f.current_weight)} below ")
        who = (f"puts {_name(ev, f.new_winner)} ahead" if f.new_winner
               else "ends in a tie between " + _join([_name(ev, o) for o in f.new_tie]))
        where = "" if f.within_scale else f" (beyond the {scale} scale)"
        out.append(f"Nearest tipping point: {move}{num(f.flip_weight)}{where} {who}.")
    within = [_crit(ev, p.criterion) for p in ev.flip_points if p.within_scale]
    rest = len(ev.flip_points) - len(within)
    if not within:
        out.append(f"No single weight within the {scale} scale changes the answer.")
    elif rest:
        noun = "weight" if len(within) == 1 else "weights"
        out.append(f"Only the {noun} of {_join(within)} can change the answer within the {scale} scale; "
                   f"through the other {rest} criteria no weight on the scale does.")
    return out


def _robustness(ev: Evaluation) -> str:
    p = ev.win_probability.get(ev.winner or "", 0.0)
    wn = _name(ev, ev.winner or "")
    whose = "the group's" if ev.aggregation else "yours"
    head = f"With the weights varied around {whose} ({ev.samples:,} draws), {wn} wins {pct(p)} of them"
    if p >= ROBUST:
        return head + ": a robust result."
    if p >= FAIRLY_ROBUST:
        return head + ": fairly robust, but a firm view on the weights matters."
    rival, q = max(((o, s) for o, s in ev.win_probability.items() if o != ev.winner),
                   key=lambda kv: kv[1], default=(None, 0.0))
    tail = f" ({_name(ev, rival)} wins {pct(q)})" if rival else ""
    if p >= 0.5:
        return head + tail + ": fragile, small changes in the weights can change the answer."
    return head + tail + ": a toss-up, the answer depends on weights you may not hold firmly."


def _tie_sentences(ev: Evaluation) -> list[str]:
    tied = [ev.result(o) for o in ev.tie]
    names = _join([_name(ev, r.option) for r in tied])
    out = [f"{names} tie at {one(tied[0].score)} of 100 points: with these weights there is no single "
           "winner, and list order does not decide it."]
    out += _ruled_out(ev)
    a, b = tied[0], tied[1]
    diff = {c: a.contributions[c] - b.contributions[c] for c in ev.criteria}
    # Any real difference counts here: the "same ratings" sentence below must be exact.
    a_up = sorted(((c, d) for c, d in diff.items() if d > 1e-9), key=lambda kv: -kv[1])[:TOP_CRITERIA]
    b_up = sorted(((c, -d) for c, d in diff.items() if d < -1e-9), key=lambda kv: -kv[1])[:TOP_CRITERIA]
    if a_up or b_up:
        parts = []
        if a_up:
            parts.append(f"{_name(ev, a.option)} gains on " + _join([f"{_crit(ev, c)} (+{pts(d)})" for c, d in a_up]))
        if b_up:
            parts.append(f"{_name(ev, b.option)} on " + _join([f"{_crit(ev, c)} (+{pts(d)})" for c, d in b_up]))
        out.append("; ".join(parts) + ": raising either side's criteria breaks the tie.")
    else:
        out.append(f"{_name(ev, a.option)} and {_name(ev, b.option)} have the same ratings on every "
                   "weighted criterion, so only a criterion you have not weighted can separate them.")
    shares = [f"{_name(ev, r.option)} {pct(ev.win_probability.get(r.option, 0.0))}" for r in tied]
    whose = "the group's" if ev.aggregation else "yours"
    out.append(f"With the weights varied around {whose} ({ev.samples:,} draws), the wins split: "
               + _join(shares) + ".")
    return out


def no_eligible_reason(ev: Evaluation) -> str:
    """Which must-have rules out which option, and the smallest relaxation that yields a candidate.

    The suggestion picks the option missing the fewest must-haves (then the
    smallest total shortfall, then the id) and lowers each of its failed
    must-haves to its rating.
    """
    ranking = list(ev.ranking)
    parts = [f"{_name(ev, r.option)} by {_why_out(ev, r)}" for r in ranking]
    python = any(r.python_failed for r in ranking)
    head = "No option meets every must-have" + (f" and runs on Python {ev.python}" if python else "")
    text = head + ". Ruled out: " + "; ".join(parts) + "."
    # A Python requirement counts as one more thing to relax, after the must-haves.
    best = min(ranking, key=lambda r: (len(r.failed_must_haves) + r.python_failed,
                                       sum(f.required - f.rating for f in r.failed_must_haves), r.option))
    steps = [f"{_crit(ev, f.criterion)} to {num(f.rating)}" for f in best.failed_must_haves]
    if best.python_failed:
        lowest = best.python.lowest_supported  # type: ignore[union-attr]
        steps.append(f"the Python requirement to {lowest}" if lowest else "the Python requirement")
    return text + f" To get a candidate, relax {_join(steps)} ({_name(ev, best.option)} then qualifies)."
