"""Issue 16, item 11: the verdict's short form is the answer and its reason in two sentences; the rest
is kept, word for word, for "More"."""
from __future__ import annotations

import re

from criteria import load_matrix, load_profiles
from scoring import evaluate
from scoring.verdict import short_verdict
from tests.scoring.scoring_factory import make_matrix, req


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s])


def test_short_verdict_is_two_sentences_and_nothing_is_lost() -> None:
    matrix = load_matrix()
    for prof in load_profiles():
        ev = evaluate(matrix, req(prof.weights, prof.must_have), samples=200)
        short, rest = short_verdict(ev)
        assert sentences(short) <= 2, short
        if ev.winner:
            assert short.startswith(f"{ev.option_names[ev.winner]} comes first") and "What carries it" in short
        assert sorted((short + " " + rest).split()) == sorted(ev.verdict.split())


def test_a_tie_states_the_tie_and_what_breaks_it() -> None:
    ev = evaluate(make_matrix({"x": {"a": 5, "b": 0}, "y": {"a": 0, "b": 5}}), req({"a": 1, "b": 1}), samples=200)
    short, rest = short_verdict(ev)
    assert short.startswith("X and Y tie") and "breaks the tie" in short
    assert "draws" in rest


def test_options_the_python_version_rules_out_are_said_beside_the_answer() -> None:
    """A team on Python 3.9 must see at once that the rated FastAPI cannot be installed, not behind "More"."""
    matrix = load_matrix()
    ev = evaluate(matrix, req({"api_docs": 9, "data_validation": 8}, {}).model_copy(update={"python": "3.9"}),
                  samples=200)
    out = [r for r in ev.ranking if r.python_failed]
    assert out, "the rated releases include some that need a newer Python than 3.9"
    short, rest = short_verdict(ev)
    assert "Ruled out by the Python 3.9 requirement" in short and "Ruled out by the Python" not in rest
    for r in out:
        assert ev.option_names[r.option] in short
    assert sentences(short) == 3
    assert sorted((short + " " + rest).split()) == sorted(ev.verdict.split())
