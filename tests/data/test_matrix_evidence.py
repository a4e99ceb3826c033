"""Evidence rules for the shipped Flask and FastAPI ratings (issue 2).

Each rule is a small function returning the list of problems it finds, so the
same rule is run twice: on the shipped matrix (must find nothing) and on a
deliberately broken copy (must find the break). That second half proves the
rules can fail.

Rules:
- every criterion of the catalog is rated, with at least one evidence item;
- every rating rests on a primary (non-article) source, cited either as an
  evidence source or in ``checked_against`` -- or, failing that, it carries a
  seed claim marked ``unverified`` and says "unverified" in its rationale;
- a seed claim is never left unchecked: its ``checked_against`` is non-empty
  and lists primary sources only;
- each of the four seed documents is cited at least once by each option;
- every ``outdated`` or ``wrong`` verdict says, in ``note``, what the primary
  source says instead.
"""
from __future__ import annotations

import pytest

from criteria import load_matrix
from criteria.models import Evidence, Matrix, Option, RatingEntry, SourceKind, Verdict

#: The four seed documents, as listed in /work/shared/seeds/README.md.
SEEDS = {
    "stecz-2024": ("Python Flask vs FastAPI: A Detailed Comparison", "2024-03-05"),
    "vonage-2021": ("The Ultimate Face-off: Flask vs. FastAPI", "2021-08-10"),
    "contentful-2025": ("FastAPI vs. Flask: Python web frameworks comparison and tutorial", "2025-06-12"),
    "ai-comparison-2026": (
        "FastAPI vs Flask (automatically generated comparison page with matrix, ratings and verdict)",
        "2026-06",
    ),
}
OPTIONS = ("flask", "fastapi")
NEEDS_NOTE = {Verdict.outdated, Verdict.wrong}


# --------------------------------------------------------------------------- rules

def _articles(matrix: Matrix) -> set[str]:
    return {s.id for s in matrix.sources if s.kind == SourceKind.article}


def problems_missing_ratings(matrix: Matrix, option: Option) -> list[str]:
    out = [f"{option.id}: no rating for {cid}" for cid in matrix.criterion_ids() if cid not in option.ratings]
    out += [f"{option.id}.{cid}: no evidence" for cid, r in option.ratings.items() if not r.evidence]
    return out


def problems_primary_backing(matrix: Matrix, option: Option) -> list[str]:
    articles = _articles(matrix)
    out = []
    for cid, entry in option.ratings.items():
        cited = {ev.source for ev in entry.evidence} | {s for ev in entry.evidence for s in ev.checked_against}
        if cited - articles:
            continue
        admitted = any(ev.verdict == Verdict.unverified for ev in entry.evidence) and (
            "unverified" in entry.rationale.lower()
        )
        if not admitted:
            out.append(f"{option.id}.{cid}: only articles cited and not declared unverified")
    return out


def problems_unchecked_seed_claims(matrix: Matrix, option: Option) -> list[str]:
    articles = _articles(matrix)
    out = []
    for cid, entry in option.ratings.items():
        for i, ev in enumerate(entry.evidence):
            if ev.source not in articles:
                continue
            if not ev.checked_against:
                out.append(f"{option.id}.{cid}[{i}]: seed claim from {ev.source} checked against nothing")
            elif set(ev.checked_against) & articles:
                out.append(f"{option.id}.{cid}[{i}]: checked against another article, not a primary source")
    return out


def problems_seed_coverage(option: Option) -> list[str]:
    cited = {ev.source for entry in option.ratings.values() for ev in entry.evidence}
    return [f"{option.id}: never cites {sid}" for sid in SEEDS if sid not in cited]


def problems_notes(option: Option) -> list[str]:
    return [
        f"{option.id}.{cid}[{i}]: verdict {ev.verdict.value} without a note"
        for cid, entry in option.ratings.items()
        for i, ev in enumerate(entry.evidence)
        if ev.verdict in NEEDS_NOTE and not (ev.note or "").strip()
    ]


def _all_problems(matrix: Matrix, option: Option) -> list[str]:
    return (
        problems_missing_ratings(matrix, option)
        + problems_primary_backing(matrix, option)
        + problems_unchecked_seed_claims(matrix, option)
        + problems_seed_coverage(option)
        + problems_notes(option)
    )


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def matrix() -> Matrix:
    return load_matrix()


def _items(option: Option, cid: str) -> list[Evidence]:
    return list(option.ratings[cid].evidence)


# --------------------------------------------------------------------------- shipped data passes

@pytest.mark.parametrize("oid", OPTIONS)
def test_shipped_option_follows_every_evidence_rule(matrix: Matrix, oid: str) -> None:
    assert _all_problems(matrix, matrix.option(oid)) == []


def test_seed_bibliography_matches_the_seed_readme(matrix: Matrix) -> None:
    for sid, (title, published) in SEEDS.items():
        src = matrix.source(sid)
        assert src.kind == SourceKind.article
        assert src.title == title
        assert src.published == published
    assert matrix.source("ai-comparison-2026").publisher == "unnamed comparison site"


def test_living_primary_docs_carry_an_access_date(matrix: Matrix) -> None:
    cited = {
        s
        for oid in OPTIONS
        for entry in matrix.option(oid).ratings.values()
        for ev in entry.evidence
        for s in (ev.source, *ev.checked_against)
    }
    undated = [s.id for s in matrix.sources
               if s.id in cited and s.kind == SourceKind.official_docs and not s.accessed]
    assert undated == []


# --------------------------------------------------------------------------- known corrections

def test_flask_no_async_claims_are_corrected(matrix: Matrix) -> None:
    flask = matrix.option("flask")
    articles = _articles(matrix)
    corrected = [ev for ev in _items(flask, "async_support")
                 if ev.source in articles and ev.verdict in NEEDS_NOTE
                 and "flask-docs-async" in ev.checked_against]
    assert {ev.source for ev in corrected} >= {"stecz-2024", "ai-comparison-2026"}
    # Async views exist (so not 0) but Flask stays WSGI, a worker per request (so not 5).
    assert 0 < flask.ratings["async_support"].rating < 5
    assert flask.ratings["async_support"].rating < matrix.option("fastapi").ratings["async_support"].rating


def test_flask_env_dev_server_advice_is_outdated(matrix: Matrix) -> None:
    hits = [ev for cid in ("prototyping_speed", "maturity") for ev in _items(matrix.option("flask"), cid)
            if ev.source == "vonage-2021" and "FLASK_ENV" in ev.claim]
    assert hits, "the Vonage FLASK_ENV advice should be recorded"
    for ev in hits:
        assert ev.verdict == Verdict.outdated
        assert "flask-changelog" in ev.checked_against
        assert "--debug" in (ev.note or "")


def test_fastapi_star_count_on_ai_page_is_wrong(matrix: Matrix) -> None:
    hits = [ev for ev in _items(matrix.option("fastapi"), "community")
            if ev.source == "ai-comparison-2026" and "stars" in ev.claim.lower()]
    assert len(hits) == 1
    assert hits[0].verdict == Verdict.wrong
    assert "web-framework-rank" in hits[0].checked_against


def test_fastapi_python_floor_claim_is_outdated_against_package_metadata(matrix: Matrix) -> None:
    hits = [ev for ev in _items(matrix.option("fastapi"), "maturity")
            if ev.source == "ai-comparison-2026" and "3.7" in ev.claim]
    assert any(ev.verdict == Verdict.outdated and "fastapi-pypi" in ev.checked_against for ev in hits)


def test_uncited_throughput_numbers_are_never_taken_as_fact(matrix: Matrix) -> None:
    for oid in OPTIONS:
        for ev in _items(matrix.option(oid), "performance"):
            if ev.source == "ai-comparison-2026":
                assert ev.verdict != Verdict.current, f"{oid}: AI page req/s figure accepted as current"
        # A rating built on unverified numbers must say so, unless it rests on stackwise's own
        # measurement (issue 14): a current claim from a benchmark source.
        entry = matrix.option(oid).ratings["performance"]
        measured = any(matrix.source(ev.source).kind == SourceKind.benchmark and ev.verdict == Verdict.current
                       for ev in entry.evidence)
        assert measured or "unverified" in entry.rationale.lower()


def test_contentful_swapped_validation_table_is_flagged_for_both(matrix: Matrix) -> None:
    for oid in OPTIONS:
        entry = matrix.option(oid).ratings["data_validation"]
        table = [ev for ev in entry.evidence
                 if ev.source == "contentful-2025" and "table" in ev.where.lower()]
        assert table and all(ev.verdict == Verdict.wrong for ev in table)
        assert entry.conflict, f"{oid}: the self-contradiction should be recorded as a conflict"


def test_fastapi_zero_x_versioning_keeps_maturity_below_flask(matrix: Matrix) -> None:
    fastapi = matrix.option("fastapi").ratings["maturity"]
    assert any("fastapi-docs-versions" in ev.checked_against for ev in fastapi.evidence)
    assert fastapi.rating < matrix.option("flask").ratings["maturity"].rating


# --------------------------------------------------------------------------- the rules can fail

def _replace_rating(option: Option, cid: str, entry: RatingEntry) -> Option:
    return option.model_copy(update={"ratings": {**option.ratings, cid: entry}})


def test_rules_catch_a_rating_backed_only_by_a_seed(matrix: Matrix) -> None:
    flask = matrix.option("flask")
    bare = RatingEntry(rating=4, rationale="Because a blog says so.", evidence=[
        Evidence(source="stecz-2024", where="Intro", claim="Flask is fine.", verdict=Verdict.current)])
    broken = _replace_rating(flask, "templating", bare)
    found = _all_problems(matrix, broken)
    assert any("templating: only articles cited" in p for p in found)
    assert any("templating[0]: seed claim from stecz-2024 checked against nothing" in p for p in found)


def test_rules_accept_a_seed_only_rating_that_admits_it_is_unverified(matrix: Matrix) -> None:
    flask = matrix.option("flask")
    admitted = RatingEntry(rating=2, rationale="Unverified: no primary source found.", evidence=[
        Evidence(source="stecz-2024", where="Intro", claim="Flask is fine.", verdict=Verdict.unverified,
                 checked_against=["flask-docs-installation"])])
    assert problems_primary_backing(matrix, _replace_rating(flask, "templating", admitted)) == []


def test_rules_catch_a_wrong_verdict_without_note_and_a_missing_seed(matrix: Matrix) -> None:
    fastapi = matrix.option("fastapi")
    # Keep only non-AI-page evidence everywhere, and strip one note from a wrong verdict.
    ratings = {}
    for cid, entry in fastapi.ratings.items():
        kept = [ev for ev in entry.evidence if ev.source != "ai-comparison-2026"] or [
            Evidence(source="fastapi-docs-features", where="Features", claim="x", verdict=Verdict.current)]
        ratings[cid] = entry.model_copy(update={"evidence": kept})
    wrong = next(ev for ev in ratings["templating"].evidence if ev.verdict == Verdict.wrong)
    ratings["templating"] = ratings["templating"].model_copy(update={"evidence": [
        ev.model_copy(update={"note": None}) if ev is wrong else ev for ev in ratings["templating"].evidence]})
    broken = fastapi.model_copy(update={"ratings": ratings})
    assert problems_seed_coverage(broken) == ["fastapi: never cites ai-comparison-2026"]
    assert any("templating" in p and "without a note" in p for p in problems_notes(broken))


# --------------------------------------------------------------------------- docs stay in step

def test_evidence_doc_lists_every_flagged_seed_claim(matrix: Matrix) -> None:
    """docs/evidence.md must show each wrong/outdated/unverified seed claim (it feeds the closing note)."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "evidence.md").read_text(encoding="utf-8")
    articles = _articles(matrix)
    missing = [
        f"{oid}.{cid}: {ev.claim}"
        for oid in OPTIONS
        for cid, entry in matrix.option(oid).ratings.items()
        for ev in entry.evidence
        if ev.source in articles and ev.verdict != Verdict.current
        # The doc table collapses whitespace and escapes pipes, as Markdown tables need.
        and " ".join(ev.claim.split()).replace("|", "\\|") not in doc
    ]
    assert missing == []


def test_evidence_doc_claim_count_matches_the_data(matrix: Matrix) -> None:
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "evidence.md").read_text(encoding="utf-8")
    stated = re.search(r"We examined (\d+) seed claims", doc)
    assert stated, "docs/evidence.md should state how many seed claims were examined"
    articles = _articles(matrix)
    actual = sum(1 for oid in OPTIONS for entry in matrix.option(oid).ratings.values()
                 for ev in entry.evidence if ev.source in articles)
    assert int(stated.group(1)) == actual
