"""The `footprint` ratings rest on stackwise's own measurement (benchmarks/frameworks/footprint.py).

The recorded facts of every option must equal the totals in the results file they cite, for the
release the option is rated on, and the results file must add up: a rerun that changes a figure,
or a new rated release without a rerun, fails here until the facts (and so, through the rubric
drift check, the ratings) follow.
"""
from __future__ import annotations

import pytest

from criteria import load_matrix
from criteria.loader import DATA_DIR
from criteria.models import FootprintFacts, SourceKind
from criteria.yamlio import read_file

MATRIX = load_matrix()
OPTIONS = [o.id for o in MATRIX.options]


def _facts(option: str) -> FootprintFacts:
    entry = MATRIX.option(option).ratings["footprint"]
    assert entry.facts is not None, f"{option}: footprint records no facts"
    return FootprintFacts.model_validate(entry.facts)


def _results(source: str) -> dict:
    doc, _ = read_file(DATA_DIR / "benchmarks" / f"{source}.yaml")
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize("option", OPTIONS)
def test_recorded_facts_equal_the_measured_totals_of_the_rated_release(option: str) -> None:
    facts = _facts(option)
    doc = _results(facts.source)
    assert doc["id"] == facts.source
    measured = doc["frameworks"][option]
    assert measured["version"] == MATRIX.option(option).version, (
        f"{option} is rated on {MATRIX.option(option).version} but {facts.source} measured "
        f"{measured['version']}: rerun python3 benchmarks/frameworks/footprint.py")
    totals = measured["totals"]
    assert (facts.distributions, facts.download_mb, facts.unpacked_mb) == (
        totals["distributions"], totals["download_mb"], totals["unpacked_mb"])
    target = doc["target"]
    assert f"CPython {target['python']}" in facts.target and target["platform"].startswith("manylinux")


@pytest.mark.parametrize("option", OPTIONS)
def test_results_file_totals_add_up_from_its_distributions(option: str) -> None:
    measured = _results(_facts(option).source)["frameworks"][option]
    dists, totals = measured["distributions"], measured["totals"]
    names = [d["name"].lower().replace("_", "-") for d in dists]
    assert len(set(names)) == len(names) == totals["distributions"]
    assert measured["distribution"].lower() in names
    for key in ("download_bytes", "unpacked_bytes"):
        assert sum(d[key] for d in dists) == totals[key]
        assert all(d[key] > 0 for d in dists)
    assert totals["download_mb"] == round(totals["download_bytes"] / 10**6, 1)
    assert totals["unpacked_mb"] == round(totals["unpacked_bytes"] / 10**6, 1)
    # a wheel is compressed: what it unpacks to is never smaller than the download
    assert totals["unpacked_bytes"] >= totals["download_bytes"]


@pytest.mark.parametrize("option", OPTIONS)
def test_every_rating_cites_the_results_file_as_a_stackwise_benchmark(option: str) -> None:
    facts = _facts(option)
    source = MATRIX.source(facts.source)
    assert (source.kind, source.publisher) == (SourceKind.benchmark, "stackwise")
    cited = {e.source for e in MATRIX.option(option).ratings["footprint"].evidence}
    assert facts.source in cited
    assert any(MATRIX.source(s).kind == SourceKind.package_index for s in cited), "cite the PyPI metadata too"
