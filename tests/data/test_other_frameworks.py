"""The frameworks beyond Flask and FastAPI (issue 8): complete, cited, dated.

These checks read the option and source files as plain YAML (through the safe reader,
not the Matrix model), so they confirm the data independently of the loader; the CLI
check then confirms the loader agrees.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from criteria.freshness import freshness_flags
from criteria.loader import load_catalog, load_matrix
from criteria.yamlio import read_file
from stackwise_cli.main import main

ROOT = Path(__file__).resolve().parents[2]
OPTIONS_DIR = ROOT / "data" / "options"
SOURCES_DIR = ROOT / "data" / "sources"
FRAMEWORK_SOURCES = SOURCES_DIR / "frameworks.yaml"
NEW_OPTIONS = ("django", "litestar", "starlette", "quart", "sanic", "falcon")


def _sources_by_file() -> dict[str, list[dict]]:
    return {f.name: read_file(f)[0]["sources"] for f in sorted(SOURCES_DIR.glob("*.yaml"))}


def _all_source_ids() -> list[str]:
    return [s["id"] for items in _sources_by_file().values() for s in items]


def _option(oid: str) -> dict:
    return read_file(OPTIONS_DIR / f"{oid}.yaml")[0]


def _evidence(option: dict) -> list[tuple[str, dict]]:
    return [(cid, ev) for cid, entry in option["ratings"].items() for ev in entry["evidence"]]


def test_validate_passes_on_the_extended_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:")
    n_options = len(list(OPTIONS_DIR.glob("*.yaml")))
    assert f"{n_options} options" in out and n_options >= 6


@pytest.mark.parametrize("path", sorted(OPTIONS_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_option_rates_every_criterion_with_evidence_from_known_sources(path: Path) -> None:
    option = read_file(path)[0]
    criteria = [c.id for c in load_catalog()]
    assert option["id"] == path.stem
    assert sorted(option["ratings"]) == sorted(criteria)
    known = set(_all_source_ids())
    for cid, entry in option["ratings"].items():
        assert entry["evidence"], f"{path.stem}.{cid} has no evidence"
        assert entry["rationale"].strip()
        for ev in entry["evidence"]:
            for sid in [ev["source"], *ev.get("checked_against", [])]:
                assert sid in known, f"{path.stem}.{cid} cites unknown source {sid}"


def test_source_ids_are_unique_across_bibliography_files() -> None:
    ids = _all_source_ids()
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_framework_sources_are_prefixed_and_dated() -> None:
    sources = _sources_by_file()["frameworks.yaml"]
    prefixes = tuple(f"{oid}-" for oid in NEW_OPTIONS)
    assert sources and all(s["id"].startswith(prefixes) for s in sources)
    for s in sources:
        # living pages need the date we read them; every entry has a publication date too
        assert s.get("accessed"), s["id"]
        assert s["published"][:4].isdigit() and 2000 <= int(s["published"][:4]) <= 2026, s["id"]
        assert s["kind"] != "article", f"{s['id']}: frameworks.yaml holds primary sources only"


@pytest.mark.parametrize("oid", NEW_OPTIONS)
def test_new_options_record_a_version_and_cite_their_own_primary_sources(oid: str) -> None:
    option = _option(oid)
    assert option.get("version"), f"{oid} has no version"
    own = {s["id"] for s in _sources_by_file()["frameworks.yaml"] if s["id"].startswith(f"{oid}-")}
    cited = {ev["source"] for _, ev in _evidence(option)} | {
        sid for _, ev in _evidence(option) for sid in ev.get("checked_against", [])}
    assert own & cited, f"{oid} cites none of its own primary sources"
    unused = own - cited - {s for o in NEW_OPTIONS for _, ev in _evidence(_option(o))
                            for s in [ev["source"], *ev.get("checked_against", [])]}
    assert not unused, f"sources never cited: {sorted(unused)}"


@pytest.mark.parametrize("oid", NEW_OPTIONS)
def test_seed_claims_are_checked_against_primary_sources(oid: str) -> None:
    sources = _sources_by_file()
    seeds = {s["id"] for s in sources.get("seeds.yaml", [])}
    kinds = {s["id"]: s["kind"] for items in sources.values() for s in items}
    for cid, ev in _evidence(_option(oid)):
        if ev["source"] in seeds:
            assert ev.get("checked_against"), f"{oid}.{cid}: seed claim not checked"
            assert all(kinds[s] != "article" for s in ev["checked_against"]), f"{oid}.{cid}"
        if ev["verdict"] in ("outdated", "wrong"):
            assert ev.get("note"), f"{oid}.{cid}: a {ev['verdict']} claim must say what holds instead"


def test_django_names_its_api_layers() -> None:
    django = _option("django")
    assert "Django REST framework" in django["description"] and "Django Ninja" in django["description"]
    rationales = " ".join(e["rationale"] for e in django["ratings"].values())
    assert "DRF" in rationales and "Django Ninja" in rationales
    # the AI comparison page's Django FAQ is cited, with a verdict
    assert any(ev["source"] == "ai-comparison-2026" for _, ev in _evidence(django))


def test_unverified_only_ratings_match_an_independent_count() -> None:
    """freshness flags exactly the ratings whose every evidence item is unverified."""
    expected = {(oid, cid) for oid in NEW_OPTIONS for cid, entry in _option(oid)["ratings"].items()
                if all(ev["verdict"] == "unverified" for ev in entry["evidence"])}
    assert ("django", "performance") in expected  # benchmark placings were not confirmed
    flags = freshness_flags(load_matrix(), date(2026, 11, 21))
    got = {key for key, f in flags.items() if key[0] in NEW_OPTIONS and f.unverified_only}
    assert got == expected
    # every source of the new options was read in November 2026, so only the community ratings are
    # stale: their figures carry their own date, the 2024-10-05 snapshot (issue 13)
    stale = {key for key, f in flags.items() if key[0] in NEW_OPTIONS and f.stale}
    assert stale == {(oid, "community") for oid in NEW_OPTIONS}
