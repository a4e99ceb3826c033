"""Checking pairwise judgments (``pairwise: [[a, b, v], ...]`` in a requirements file).

``[a, b, v]`` says criterion ``a`` is ``v`` times as important as ``b``, ``v`` on
Saaty's 1-9 scale or its reciprocal: a whole number 1 to 9, or 1/2 .. 1/9
written as a number (0.5, 0.333) or as text ("1/3"). Every pair of the criteria
named must be judged exactly once (the app asks exactly these n(n-1)/2
questions), at most 10 criteria (Saaty's random index is tabled up to 10).
The maths (eigenvector, consistency ratio) lives in :mod:`scoring.ahp`; this
module only turns the file's entries into checked ``(i, j, v)`` triples, with
messages naming the entry and what would be valid.
"""
from __future__ import annotations

import math
import re
from itertools import combinations
from numbers import Real
from typing import Any, Sequence

from criteria.errors import Problem, suggest

#: Most criteria in one pairwise comparison (Saaty's random index runs to n = 10).
MAX_PAIRWISE = 10
_EXPECTED_V = "a whole number 1 to 9, or its reciprocal such as 1/3 (text) or 0.333"
_FRACTION = re.compile(r"^\s*1\s*/\s*([1-9])\s*$")


def saaty_value(v: Any) -> float | None:
    """``v`` as a Saaty-scale value (1..9 or 1/9..1/2), or None when it is not one.

    Decimals may round a reciprocal (0.33 for 1/3): within 1.5 % of 1/k counts as 1/k.
    """
    if isinstance(v, str):
        text = v.strip()
        m = _FRACTION.match(text)
        if m:
            return 1.0 / int(m.group(1))
        if text.isdigit() and 1 <= int(text) <= 9:
            return float(int(text))
        return None
    if isinstance(v, bool) or not isinstance(v, Real):
        return None
    x = float(v)
    if not math.isfinite(x):
        return None
    if x >= 1:
        return x if x == int(x) and x <= 9 else None
    if x <= 0:
        return None
    k = round(1 / x)
    return 1.0 / k if 2 <= k <= 9 and abs(x * k - 1) <= 0.015 else None


def parse_pairwise(entries: Sequence[Any], criteria: Sequence[str]) -> tuple[tuple[str, ...], list[tuple[int, int, float]], list[Problem]]:
    """``(criteria compared, in first-mention order; judgments (i, j, v); problems)``.

    Problems carry the path ``("pairwise", index, ...)``; the caller adds file and line.
    """
    problems: list[Problem] = []
    known = list(criteria)
    order: list[str] = []
    seen: dict[frozenset, int] = {}
    judgments: list[tuple[str, str, float]] = []
    for n, entry in enumerate(entries):
        loc = ("pairwise", n)
        if not isinstance(entry, (list, tuple)) or len(entry) != 3:
            problems.append(Problem("each pairwise judgment is a list of three: [criterion a, criterion b, v].",
                                    loc, None, "[api_docs, performance, 3] (api_docs is 3 times as important)"))
            continue
        a, b, v = entry
        bad = False
        for k, cid in enumerate((a, b)):
            if not isinstance(cid, str) or cid not in known:
                problems.append(Problem(f"unknown criterion {cid!r}.{suggest(str(cid), known)}", loc + (k,), None,
                                        f"one of {', '.join(known)}"))
                bad = True
        value = saaty_value(v)
        if value is None:
            problems.append(Problem(f"{v!r} is not on Saaty's scale.", loc + (2,), None, _EXPECTED_V))
            bad = True
        if bad:
            continue
        if a == b:
            problems.append(Problem(f"'{a}' is compared with itself.", loc, None, "two different criteria"))
            continue
        pair = frozenset((a, b))
        if pair in seen:
            problems.append(Problem(f"'{a}' and '{b}' are compared twice (also entry {seen[pair]}).", loc, None,
                                    "each pair of criteria once"))
            continue
        seen[pair] = n
        for cid in (a, b):
            if cid not in order:
                order.append(cid)
        judgments.append((a, b, value))  # type: ignore[arg-type]
    if not entries:
        problems.append(Problem("the pairwise list is empty.", ("pairwise",), None,
                                "judgments [a, b, v] for every pair of two or more criteria"))
    if problems:
        return tuple(order), [], problems
    if len(order) > MAX_PAIRWISE:
        problems.append(Problem(f"{len(order)} criteria are compared; pairwise weighting takes at most "
                                f"{MAX_PAIRWISE}.", ("pairwise",), None,
                                f"at most {MAX_PAIRWISE} criteria (weigh the rest with 'weights')"))
    missing = [f"{a}/{b}" for a, b in combinations(order, 2) if frozenset((a, b)) not in seen]
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        problems.append(Problem(f"pairs not compared: {shown}.", ("pairwise",), None,
                                f"a judgment for every pair of the {len(order)} criteria named "
                                f"({len(order) * (len(order) - 1) // 2} in all)"))
    index = {c: i for i, c in enumerate(order)}
    return tuple(order), [(index[a], index[b], v) for a, b, v in judgments], problems
