"""Counted criteria (issue 13): ratings derived from recorded facts, and the checks that hold them.

The rubric functions are tested at every anchor boundary with hand-built facts; the shipped
matrix is then checked against them, and a copy of it is broken on purpose to see that
`stackwise validate` names file, criterion, stored and derived value.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from criteria.errors import InputError
from criteria.loader import load_matrix
from criteria.models import CommunityFacts, EcosystemFacts, FootprintFacts, PrototypingFacts, SecurityFacts
from criteria.rubrics import (
    RUBRICS, check_rubrics, community_rating, derive, ecosystem_rating, footprint_rating, prototyping_rating,
    security_rating,
)
from stackwise_cli.main import main

NO_SECURITY = dict(auth_helpers=False, csrf=False, signed_sessions=False, autoescape=False, cors=False,
                   password_hashing=False, extensions_cover_rest=False)
SIX = ("auth_helpers", "csrf", "signed_sessions", "autoescape", "cors", "password_hashing")


@pytest.mark.parametrize(("built_in", "extensions", "expected"), [
    (0, False, 0), (0, True, 1), (1, True, 2), (2, False, 2), (3, True, 3), (4, True, 3), (5, False, 4), (6, False, 5),
])
def test_security_counts_the_six_protections(built_in: int, extensions: bool, expected: int) -> None:
    facts = dict(NO_SECURITY, extensions_cover_rest=extensions, **{k: True for k in SIX[:built_in]})
    assert security_rating(SecurityFacts(**facts)) == expected


def _community(downloads: int, questions: int, contributors: int, forum: bool = True) -> CommunityFacts:
    return CommunityFacts(monthly_downloads=downloads, stackoverflow_questions=questions, contributors=contributors,
                          official_forum_or_chat=forum, as_of="2024-10-05", source="web-framework-rank")


@pytest.mark.parametrize(("figures", "forum", "expected"), [
    ((9_999, 0, 1), True, 0),             # nothing reaches level 1 twice
    ((10_000, 1, 1), True, 1),            # two figures at level 1
    ((99_999, 99, 9), True, 1),           # just under every level-2 threshold
    ((100_000, 100, 9), True, 2),         # two of three at level 2 (the AND of old anchors fit nothing here)
    ((348_371, 6, 224), True, 2),         # Litestar, Oct 2024: levels 2, 1, 4 -> median 2
    ((56_623_762, 337, 294), True, 4),    # Starlette: levels 5, 2, 4 -> median 4 ...
    ((56_623_762, 337, 294), False, 3),   # ... capped at 3 without an official forum or chat
    ((4_999_999, 2_999, 149), True, 3),
    ((5_000_000, 3_000, 150), True, 4),
    ((10_000_000, 5_000, 300), True, 5),
    ((10_000_000, 5_000, 300), False, 3),
])
def test_community_is_the_median_figure_level(figures: tuple[int, int, int], forum: bool, expected: int) -> None:
    assert community_rating(_community(*figures, forum=forum)) == expected


@pytest.mark.parametrize(("covered", "expected"), [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4), (8, 5)])
def test_ecosystem_counts_the_eight_needs(covered: int, expected: int) -> None:
    needs = list(EcosystemFacts.model_fields)
    facts = EcosystemFacts(**{n: ("pkg" if i < covered else None) for i, n in enumerate(needs)})
    assert ecosystem_rating(facts) == expected


@pytest.mark.parametrize(("json_endpoint", "form_page", "reload", "expected"), [
    ("first-party", "first-party", True, 5),
    ("first-party", "extension", True, 4),
    ("extension", "first-party", True, 4),
    ("extension", "extension", True, 3),
    ("first-party", "by-hand", True, 3),
    ("extension", "by-hand", True, 2),
    ("by-hand", "by-hand", True, 1),
    ("first-party", "first-party", False, 0),
])
def test_prototyping_scores_the_two_first_features(json_endpoint: str, form_page: str, reload: bool,
                                                  expected: int) -> None:
    facts = PrototypingFacts(json_endpoint=json_endpoint, form_page=form_page, dev_reload=reload)  # type: ignore[arg-type]
    assert prototyping_rating(facts) == expected


@pytest.mark.parametrize(("unpacked_mb", "distributions", "expected"), [
    (0.0, 1, 5), (4.0, 10, 5),            # both at the limits of 5
    (4.1, 10, 4), (4.0, 11, 4),           # either one over a limit drops a level
    (8.0, 20, 4), (8.1, 20, 3), (16.0, 40, 3), (16.1, 5, 2), (32.0, 80, 2), (64.0, 160, 1),
    (64.1, 1, 0), (1.0, 161, 0),
    (24.0, 3, 2),                         # a large single package: the size level decides
    (3.5, 16, 4),                         # many small packages: the count level decides
])
def test_footprint_is_the_lower_of_the_size_and_count_levels(unpacked_mb: float, distributions: int,
                                                             expected: int) -> None:
    facts = FootprintFacts(distributions=distributions, download_mb=0.0, unpacked_mb=unpacked_mb,
                           target="CPython 3.13", source="stackwise-footprint-2026-11-30")
    assert footprint_rating(facts) == expected


def test_shipped_matrix_records_facts_for_every_counted_rating_and_matches_them() -> None:
    matrix = load_matrix()
    problems = check_rubrics(matrix, require=True)
    assert not problems, "\n".join(f"{m.option}: {m.message()}" for m in problems)
    for option in matrix.options:
        for cid in RUBRICS:
            entry = option.ratings[cid]
            assert entry.facts is not None and derive(cid, entry.facts) == entry.rating


def test_community_figures_are_dated_and_sourced() -> None:
    matrix = load_matrix()
    sources = {s.id for s in matrix.sources}
    for option in matrix.options:
        facts = CommunityFacts.model_validate(option.ratings["community"].facts)
        assert facts.source in sources and re.fullmatch(r"\d{4}-\d{2}-\d{2}", facts.as_of), option.id


def _set_rating(path: Path, criterion: str, value: str) -> None:
    text = path.read_text()
    pattern = rf"(^  {criterion}:\n(?:.*\n)*?    rating: )\S+"
    new, n = re.subn(pattern, rf"\g<1>{value}", text, count=1, flags=re.M)
    assert n == 1
    path.write_text(new)


@pytest.mark.parametrize("criterion", ["security_builtins", "prototyping_speed", "community", "ecosystem", "footprint"])
def test_validate_names_file_criterion_stored_and_derived(shipped_copy: Path, criterion: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    option = shipped_copy / "options" / "falcon.yaml"
    expected = load_matrix(shipped_copy).option("falcon").ratings[criterion].rating
    wrong = 5 if expected != 5 else 0
    _set_rating(option, criterion, str(wrong))
    with pytest.raises(InputError) as info:
        load_matrix(shipped_copy)
    text = str(info.value)
    assert "falcon.yaml" in text and criterion in text
    assert f"stored rating {wrong} differs from {expected}" in text
    assert main(["validate", str(shipped_copy)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and f"stored rating {wrong}" in (out.err + out.out)


def test_malformed_facts_are_reported_with_the_expected_keys(shipped_copy: Path) -> None:
    option = shipped_copy / "options" / "falcon.yaml"
    option.write_text(option.read_text().replace("      form_page: by-hand\n", "      form_page: maybe\n", 1))
    with pytest.raises(InputError) as info:
        load_matrix(shipped_copy)
    assert "prototyping_speed" in str(info.value) and "form_page" in str(info.value)


def test_half_points_are_rejected_with_a_clear_message(shipped_copy: Path) -> None:
    _set_rating(shipped_copy / "options" / "falcon.yaml", "maturity", "3.5")
    with pytest.raises(InputError) as info:
        load_matrix(shipped_copy)
    text = str(info.value)
    assert "falcon.yaml" in text and "maturity" in text and "half points are not allowed" in text


def test_a_whole_float_is_read_as_an_integer(shipped_copy: Path) -> None:
    option = shipped_copy / "options" / "falcon.yaml"
    value = load_matrix(shipped_copy).option("falcon").ratings["maturity"].rating
    _set_rating(option, "maturity", f"{value}.0")
    rating = load_matrix(shipped_copy).option("falcon").ratings["maturity"].rating
    assert rating == value and isinstance(rating, int)


def test_old_community_figures_are_flagged_stale_by_the_freshness_machinery() -> None:
    from datetime import date

    from criteria.freshness import freshness_flags

    matrix = load_matrix()
    flags = freshness_flags(matrix, date(2026, 11, 30))
    for option in matrix.options:
        flag = flags[(option.id, "community")]
        # the snapshot page was read in 2026, but the figures are from 2024-10-05
        assert flag.stale and flag.newest >= flag.cutoff, option.id
        assert any("figures dated 2024-10-05" in r for r in flag.reasons()), option.id
    # the same figures a month old would not be stale
    recent = freshness_flags(matrix, date(2024, 11, 5))
    assert not recent[("flask", "community")].stale
