"""The Python-version requirement: who it rules out, what the reason says, and what cannot be checked.

Expected outcomes are derived here from the recorded facts (Requires-Python and the
newest release per Python) with packaging's own specifier logic, never from the
engine under test.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from criteria import InputError, load_matrix, load_requirements
from criteria.models import Option, PythonSupport, Requirements
from criteria.pyversions import PYTHON_MINORS
from scoring import evaluate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    return load_matrix()


def _weights(matrix) -> dict[str, float]:
    return {c: 5.0 for c in matrix.criterion_ids()}


def _with_python(option: Option, requires: str, newest: dict[str, str | None]) -> Option:
    facts = PythonSupport(release=option.version or "1.0", requires_python=requires, newest_release=newest,
                          source="test", checked="2026-11-30")
    return option.model_copy(update={"python": facts})


@pytest.mark.parametrize("minor", PYTHON_MINORS)
def test_eligibility_follows_requires_python_of_the_rated_release(shipped, minor: str) -> None:
    ev = evaluate(shipped, Requirements(weights=_weights(shipped), python=minor), samples=200)
    for r in ev.ranking:
        facts = shipped.option(r.option).python
        expected = SpecifierSet(facts.requires_python).contains(minor)
        assert r.eligible == expected, (r.option, minor, facts.requires_python)
        assert r.python.status == ("supported" if expected else "unsupported")
    assert ev.python == minor


def test_the_reason_names_the_release_its_need_and_the_newest_release_that_fits(shipped) -> None:
    ev = evaluate(shipped, Requirements(weights=_weights(shipped), python="3.9"), samples=200)
    out = [r for r in ev.ranking if not r.eligible]
    assert out, "the shipped rated releases include some that need Python > 3.9"
    for r in out:
        opt = shipped.option(r.option)
        spec = opt.python.requires_python.replace(">=", ">= ")
        assert r.python.reason == (f"{opt.name} {opt.python.release} needs Python {spec}; "
                                   f"{opt.python.newest_release['3.9']} is the newest release for 3.9.")
        entry = next(e for e in ev.to_dict()["ranking"] if e["option"] == r.option)
        assert entry["eligible"] is False and entry["failed_must_haves"] == []
        assert entry["python"]["reason"] == r.python.reason
    # Ruled-out options stay in the ranking, after the eligible ones.
    flags = [r.eligible for r in ev.ranking]
    assert flags == sorted(flags, reverse=True) and len(flags) == len(shipped.options)


def test_without_a_requirement_nothing_changes(shipped) -> None:
    plain = evaluate(shipped, Requirements(weights=_weights(shipped)), samples=200)
    newest = evaluate(shipped, Requirements(weights=_weights(shipped), python=PYTHON_MINORS[-1]), samples=200)
    assert plain.to_dict()["winner"] == newest.to_dict()["winner"]
    assert all(r.python is None for r in plain.ranking)
    assert "python" not in plain.to_dict()["ranking"][0]
    assert "Python" not in plain.verdict


def test_a_winner_ruled_out_by_python_hands_over_to_the_best_that_fits(shipped) -> None:
    # A profile with one clear winner (equal weights may tie at the top, and a tie hands over nothing).
    from criteria import load_profiles

    weights = dict(next(p for p in load_profiles() if p.id == "ml-serving-api").weights)
    free = evaluate(shipped, Requirements(weights=weights), samples=200)
    assert free.winner is not None
    need = shipped.option(free.winner).python
    older = next((m for m in PYTHON_MINORS if not SpecifierSet(need.requires_python).contains(m)), None)
    if older is None:
        pytest.skip(f"{free.winner}'s rated release installs on every Python checked")
    pinned = evaluate(shipped, Requirements(weights=weights, python=older), samples=200)
    fits = [r for r in free.ranking if SpecifierSet(shipped.option(r.option).python.requires_python).contains(older)]
    assert pinned.winner == max(fits, key=lambda r: r.score).option
    assert f"Ruled out by the Python {older} requirement" in pinned.verdict
    assert shipped.option(free.winner).name in pinned.verdict


def test_no_option_fits_says_which_python_to_allow(mini) -> None:
    matrix = load_matrix(mini)
    options = [_with_python(o, ">=3.12", {"3.9": "0.9", "3.12": "1.0"}) for o in matrix.options]
    matrix = matrix.model_copy(update={"options": options})
    ev = evaluate(matrix, Requirements(weights={"speed": 1.0}, python="3.9"), samples=100)
    assert ev.winner is None and ev.win_probability == {}
    assert "No option meets every must-have and runs on Python 3.9" in ev.verdict
    assert "relax the Python requirement to 3.12" in ev.verdict


def test_options_without_python_facts_are_named_not_silently_passed(mini) -> None:
    matrix = load_matrix(mini)  # a custom matrix: no python blocks
    ev = evaluate(matrix, Requirements(weights={"speed": 1.0}, python="3.10"), samples=100)
    assert all(r.eligible and r.python.status == "unknown" for r in ev.ranking)
    assert "Not checked against Python 3.10 (the matrix records no Python support): Alpha and Beta." in ev.verdict
    assert "cannot be checked" in ev.to_dict()["ranking"][0]["python"]["reason"]
    # One option with facts, one without: the one with facts is judged, the other named.
    alpha = _with_python(matrix.option("alpha"), ">=3.11", {"3.10": "0.9"})
    mixed = matrix.model_copy(update={"options": [alpha, matrix.option("beta")]})
    ev = evaluate(mixed, Requirements(weights={"speed": 1.0}, python="3.10"), samples=100)
    assert ev.winner == "beta"
    assert "Alpha 1.0 needs Python >= 3.11 (newest for 3.10: 0.9)" in ev.verdict
    assert "Not checked against Python 3.10 (the matrix records no Python support): Beta." in ev.verdict


def test_meeting_mode_honours_the_python_requirement(shipped) -> None:
    crit = shipped.criterion_ids()
    req = Requirements(python="3.9", stakeholders=[
        {"name": "A", "weights": {crit[0]: 5.0, crit[3]: 8.0}}, {"name": "B", "weights": {crit[1]: 6.0}}])
    ev = evaluate(shipped, req, samples=200)
    allowed = {o.id for o in shipped.options if SpecifierSet(o.python.requires_python).contains("3.9")}
    assert set(ev.eligible) == allowed
    assert ev.winner in allowed


@pytest.mark.parametrize("value, says", [
    ("3.8", "not among the versions stackwise checks"),
    ("three", "not a Python minor version"),
    (3.1, "YAML reads an unquoted 3.10 as the number 3.1"),
    (3, "must be text in quotes"),
])
def test_a_bad_python_value_is_refused_with_what_would_be_valid(tmp_path: Path, shipped, value, says) -> None:
    path = tmp_path / "req.yaml"
    path.write_text(f"weights: {{{shipped.criterion_ids()[0]}: 5}}\npython: {json.dumps(value)}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_requirements(path, shipped)
    text = str(info.value)
    assert "line 2" in text and "'python'" in text and says in text and '"3.9"' in text


def test_cli_exits_2_on_a_bad_python_and_reports_ineligible_options_in_json(tmp_path: Path, shipped) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"weights: {{{shipped.criterion_ids()[0]}: 5}}\npython: \"2.7\"\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "stackwise_cli", "evaluate", str(bad)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "python" in run.stderr
    good = tmp_path / "good.yaml"
    good.write_text(f"weights: {{{shipped.criterion_ids()[0]}: 5}}\npython: \"3.9\"\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "stackwise_cli", "evaluate", str(good), "--format", "json",
                          "--samples", "100"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["python"] == "3.9"
    out = [e for e in data["ranking"] if not e["eligible"]]
    assert out and all(e["python"]["status"] == "unsupported" and "is the newest release for 3.9"
                       in e["python"]["reason"] for e in out)
    text = subprocess.run([sys.executable, "-m", "stackwise_cli", "evaluate", str(good), "--samples", "100"],
                          capture_output=True, text=True, cwd=ROOT).stdout
    assert "Python requirement: 3.9" in text and "needs Python >=" in text


def test_a_bad_requires_python_in_an_option_file_points_at_its_line(mini: Path) -> None:
    path = mini / "options" / "alpha.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'version: "1.0"\n', 'version: "1.0"\npython:\n  release: "1.0"\n  requires_python: "=>3.9"\n'
                            '  source: PyPI\n  checked: "2026-11-30"\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_matrix(mini)
    msg = str(info.value)
    assert "alpha.yaml" in msg and "line 6" in msg and "requires_python" in msg and "not a valid version specifier" in msg
