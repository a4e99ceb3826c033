"""The shipped criteria catalog and project profiles, and how broken copies are reported.

Shape errors are pydantic's job; these tests check the promises the rest of the
product relies on: the fixed criterion order, questions a tech lead can answer,
distinct scale anchors, profiles that only weigh known criteria and actually differ,
and error messages that point at the file, the line and the key.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import criteria
from criteria import InputError
from criteria.loader import _list_of
from criteria.models import Criterion

REQUIRED_IDS = [
    "performance", "async_support", "data_validation", "api_docs", "learning_curve",
    "ecosystem", "community", "maturity", "templating", "flexibility",
    "security_builtins", "type_safety", "scalability", "ml_serving",
    "prototyping_speed", "realtime",
]
REQUIRED_PROFILES = [
    "balanced", "ml-serving-api", "server-rendered-site", "quick-prototype",
    "api-microservices", "realtime-service", "beginner-team",
]
SEED_IDS = {"stecz-2024", "vonage-2021", "contentful-2025", "ai-comparison-2026"}


@pytest.fixture(scope="module")
def catalog() -> list[Criterion]:
    return criteria.load_catalog()


@pytest.fixture(scope="module")
def profiles() -> list[criteria.Profile]:
    return criteria.load_profiles()


# --------------------------------------------------------------------------- catalog

def test_required_ids_in_order(catalog: list[Criterion]) -> None:
    assert [c.id for c in catalog][: len(REQUIRED_IDS)] == REQUIRED_IDS


def test_questions_ask_how_much_it_matters(catalog: list[Criterion]) -> None:
    for c in catalog:
        assert c.question.endswith("?"), c.id
        assert c.question.startswith("How much"), c.id
        assert "matter to this project" in c.question, c.id


def test_questions_and_names_are_unique(catalog: list[Criterion]) -> None:
    assert len({c.question for c in catalog}) == len(catalog)
    assert len({c.name for c in catalog}) == len(catalog)


def test_descriptions_say_what_is_not_measured(catalog: list[Criterion]) -> None:
    # Each description must draw the line to its neighbours, or raters double-count.
    for c in catalog:
        assert "Not measured" in c.description, c.id


def test_anchors_present_and_distinct(catalog: list[Criterion]) -> None:
    for c in catalog:
        anchors = c.scale.anchors()
        assert {0, 3, 5} <= set(anchors), c.id
        assert len({anchors[0], anchors[3], anchors[5]}) == 3, c.id
        # All six are filled in the shipped catalog; none may repeat another.
        assert sorted(anchors) == [0, 1, 2, 3, 4, 5], c.id
        assert len(set(anchors.values())) == 6, c.id


def test_every_criterion_has_a_group(catalog: list[Criterion]) -> None:
    groups = {c.group for c in catalog}
    assert None not in groups
    # A handful of groups, each holding more than one criterion.
    assert 2 <= len(groups) <= 6
    for g in groups:
        assert sum(c.group == g for c in catalog) >= 2, g


# --------------------------------------------------------------------------- profiles

def test_required_profiles_exist(profiles: list[criteria.Profile]) -> None:
    ids = [p.id for p in profiles]
    for pid in REQUIRED_PROFILES:
        assert pid in ids


def test_profile_keys_are_catalog_ids(profiles: list[criteria.Profile], catalog: list[Criterion]) -> None:
    ids = {c.id for c in catalog}
    for p in profiles:
        assert set(p.weights) <= ids, p.id
        assert set(p.must_have) <= ids, p.id


def test_profiles_weigh_every_criterion(profiles: list[criteria.Profile], catalog: list[Criterion]) -> None:
    # A criterion missing from a preset would silently count as 0; be explicit instead.
    ids = {c.id for c in catalog}
    for p in profiles:
        assert set(p.weights) == ids, (p.id, ids - set(p.weights))


def test_profiles_are_never_all_zero(profiles: list[criteria.Profile]) -> None:
    for p in profiles:
        assert sum(p.weights.values()) > 0, p.id


def test_profiles_differ_pairwise(profiles: list[criteria.Profile]) -> None:
    for a, b in itertools.combinations(profiles, 2):
        assert a.weights != b.weights, (a.id, b.id)


def test_balanced_weighs_everything_equally(profiles: list[criteria.Profile]) -> None:
    balanced = next(p for p in profiles if p.id == "balanced")
    assert set(balanced.weights.values()) == {5}
    assert not balanced.must_have


def test_profiles_emphasise_their_purpose(profiles: list[criteria.Profile]) -> None:
    # The criterion a profile is named for must be among its heaviest weights.
    by_id = {p.id: p for p in profiles}
    purpose = {
        "ml-serving-api": "ml_serving",
        "server-rendered-site": "templating",
        "quick-prototype": "prototyping_speed",
        "realtime-service": "realtime",
        "beginner-team": "learning_curve",
        "api-microservices": "api_docs",
    }
    for pid, cid in purpose.items():
        weights = by_id[pid].weights
        assert weights[cid] == max(weights.values()), pid


def test_full_stack_profiles_weigh_what_full_stack_frameworks_ship(profiles: list[criteria.Profile]) -> None:
    # Issue 13: a server-rendered site and a long-lived product need a database layer,
    # accounts, staff screens and a support window; their profiles must say so.
    by_id = {p.id: p for p in profiles}
    site, lasting = by_id["server-rendered-site"].weights, by_id["long-lived-product"].weights
    for cid in ("data_layer", "auth_accounts", "admin_ui", "support_policy"):
        assert site[cid] >= 6, cid
        assert lasting[cid] >= 4, cid
    assert lasting["support_policy"] == max(lasting.values())
    # An API that serves a model needs no admin screens.
    assert by_id["ml-serving-api"].weights["admin_ui"] == 0


def test_profile_sources_are_seed_documents(profiles: list[criteria.Profile]) -> None:
    for p in profiles:
        assert set(p.sources) <= SEED_IDS, p.id
        if p.id != "balanced":
            assert p.sources, p.id


def test_must_have_stays_modest(profiles: list[criteria.Profile]) -> None:
    # A must-have above the "mature extension" anchor (3) would rule out frameworks
    # that cover the need through extensions, which the catalog rates 3.
    for p in profiles:
        assert all(v <= 3 for v in p.must_have.values()), p.id


# --------------------------------------------------------------------------- broken files

GOOD_ITEM = """\
  - id: {id}
    name: {name}
    question: How much does {name} matter to this project?
    description: What {name} measures. Not measured, everything else.
    scale:
      "0": nothing
      "3": some
      "5": all
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle`` (computed from our own text)."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[occurrence - 1]


def test_good_copy_loads(tmp_path: Path) -> None:
    text = "criteria:\n" + GOOD_ITEM.format(id="alpha", name="Alpha") + GOOD_ITEM.format(id="beta", name="Beta")
    loaded = criteria.load_catalog(_write(tmp_path, "good.yaml", text))
    assert [c.id for c in loaded] == ["alpha", "beta"]


def test_missing_question_names_file_line_key(tmp_path: Path) -> None:
    second = "".join(l for l in GOOD_ITEM.format(id="beta", name="Beta").splitlines(True) if "question" not in l)
    text = "criteria:\n" + GOOD_ITEM.format(id="alpha", name="Alpha") + second
    path = _write(tmp_path, "no_question.yaml", text)
    with pytest.raises(InputError) as exc:
        criteria.load_catalog(path)
    msg = str(exc.value)
    assert "no_question.yaml" in msg
    # The key is absent, so the nearest line is where its item starts.
    assert f"line {_line_of(text, 'id: beta')}" in msg
    assert "criteria[1].question" in msg


def test_duplicate_id_names_file_line_key(tmp_path: Path) -> None:
    text = "criteria:\n" + GOOD_ITEM.format(id="alpha", name="Alpha") + GOOD_ITEM.format(id="alpha", name="Again")
    path = _write(tmp_path, "dup.yaml", text)
    with pytest.raises(InputError) as exc:
        _list_of(Criterion, path, "criteria")
    msg = str(exc.value)
    assert "dup.yaml" in msg
    assert f"line {_line_of(text, 'id: alpha', occurrence=2)}" in msg
    assert "criteria[1].id" in msg
    assert "duplicate id 'alpha'" in msg


def test_unknown_key_names_file_line_key(tmp_path: Path) -> None:
    first = GOOD_ITEM.format(id="alpha", name="Alpha").replace("    scale:", "    weight: 3\n    scale:")
    text = "criteria:\n" + first
    path = _write(tmp_path, "unknown_key.yaml", text)
    with pytest.raises(InputError) as exc:
        criteria.load_catalog(path)
    msg = str(exc.value)
    assert "unknown_key.yaml" in msg
    assert f"line {_line_of(text, 'weight: 3')}" in msg
    assert "criteria[0].weight" in msg
    assert "unknown key 'weight'" in msg


def test_missing_anchor_is_reported(tmp_path: Path) -> None:
    text = "criteria:\n" + GOOD_ITEM.format(id="alpha", name="Alpha").replace('      "3": some\n', "")
    path = _write(tmp_path, "no_anchor.yaml", text)
    with pytest.raises(InputError) as exc:
        criteria.load_catalog(path)
    msg = str(exc.value)
    assert "no_anchor.yaml" in msg
    assert "criteria[0].scale.3" in msg
    assert f"line {_line_of(text, 'scale:')}" in msg


def test_profile_with_unknown_criterion_names_line(tmp_path: Path, catalog: list[Criterion]) -> None:
    text = (
        "profiles:\n"
        "  - id: odd\n"
        "    name: Odd\n"
        "    description: A profile with a misspelt criterion.\n"
        "    weights:\n"
        "      performance: 5\n"
        "      perfomance: 3\n"
    )
    path = _write(tmp_path, "profiles.yaml", text)
    with pytest.raises(InputError) as exc:
        criteria.load_profiles(path, criteria=catalog)
    msg = str(exc.value)
    assert "profiles.yaml" in msg
    assert f"line {_line_of(text, 'perfomance')}" in msg
    assert "profiles[0].weights.perfomance" in msg
    assert "Did you mean 'performance'?" in msg
