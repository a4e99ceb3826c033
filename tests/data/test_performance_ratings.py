"""The shipped `performance` ratings are derived from the committed benchmark results (issue 14).

Fails when a stored rating, its rationale or its measured evidence item differs from what
criteria.performance derives from the results file the ratings cite; when a results file has
no bibliography entry; or when a results file's summary drifts from its own runs. The fix is
``python3 benchmarks/frameworks/rate.py data/benchmarks/<id>.yaml``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from criteria import load_matrix
from criteria.models import SourceKind, Verdict
from criteria.performance import BENCHMARKS_DIR, claim, derive, load_results, rationale, results_file, summarise

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.frameworks import rate  # noqa: E402

MATRIX = load_matrix()
NAMES = {o.id: o.name for o in MATRIX.options}
#: The performance results files (data/benchmarks/ also holds the footprint results, tests/data/test_footprint.py).
RESULT_FILES = sorted(BENCHMARKS_DIR.glob("stackwise-bench-*.yaml"))


def _cited_results() -> set[str]:
    """Results ids the performance ratings cite (sources of kind benchmark)."""
    bench = {s.id for s in MATRIX.sources if s.kind == SourceKind.benchmark and s.publisher == "stackwise"}
    return {e.source for o in MATRIX.options for e in o.ratings["performance"].evidence if e.source in bench}


def test_every_option_cites_the_same_results_file_and_it_exists() -> None:
    cited = _cited_results()
    assert len(cited) == 1, f"performance ratings should cite exactly one stackwise results file, cite {cited}"
    assert results_file(next(iter(cited))).exists()


@pytest.mark.parametrize("path", RESULT_FILES, ids=[p.stem for p in RESULT_FILES])
def test_every_results_file_is_a_benchmark_source(path: Path) -> None:
    doc = load_results(path)
    assert doc["id"] == path.stem
    source = MATRIX.source(path.stem)
    assert (source.kind, source.publisher) == (SourceKind.benchmark, "stackwise")
    assert not doc["quick"], "a --quick smoke run is not evidence"


@pytest.mark.parametrize("path", RESULT_FILES, ids=[p.stem for p in RESULT_FILES])
def test_results_summary_matches_its_runs(path: Path) -> None:
    doc = load_results(path)
    assert doc["summary"] == [c.as_dict() for c in summarise(doc)]
    for run in doc["runs"]:
        errors = sum(run.get(k, 0) for k in ("non2xx", "connect", "read", "write", "timeout"))
        if errors or run.get("check"):
            assert run["failed"], f"a run with errors must be marked failed: {run}"


def test_stored_ratings_equal_the_derivation() -> None:
    (results_id,) = _cited_results()
    doc = load_results(results_file(results_id))
    derived = derive(doc)
    assert set(derived) == {o.id for o in MATRIX.options}
    for option in MATRIX.options:
        entry = option.ratings["performance"]
        r = derived[option.id]
        assert entry.rating == r.rating, f"{option.id}: stored {entry.rating}, derived {r.rating} (G={r.throughput_share})"
        assert " ".join(entry.rationale.split()) == rationale(doc, r, NAMES, option.version), \
            f"{option.id}: rationale drifted"
        if str(doc["packages"][option.id]) != option.version:  # measured another release: said in the rationale
            assert f"not the rated {option.version}" in entry.rationale
        measured = [e for e in entry.evidence if e.source == results_id]
        assert len(measured) == 1 and measured[0].verdict == Verdict.current
        assert " ".join(measured[0].claim.split()) == claim(doc, option.id), f"{option.id}: quoted figures drifted"


def test_rate_check_agrees() -> None:
    """The writer finds nothing to change (the same check, through the command users run)."""
    (results_id,) = _cited_results()
    assert rate.main([str(results_file(results_id)), "--check"]) == 0


def test_the_drift_test_can_fail() -> None:
    """A changed figure changes the derivation: the comparison above is not vacuous."""
    (results_id,) = _cited_results()
    doc = load_results(results_file(results_id))
    before = claim(doc, "flask")
    first = next(r for r in doc["runs"] if r["framework"] == "flask" and not r["failed"])
    for r in doc["runs"]:
        if (r["framework"], r["workers"], r["task"]) == (first["framework"], first["workers"], first["task"]):
            r["rps"] = r["rps"] * 3 + 1
    assert claim(doc, "flask") != before
