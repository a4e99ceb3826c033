"""The one loader: folders, export files, cross-references and clear errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from criteria import InputError, load_matrix, load_requirements
from criteria.export import matrix_to_dict, render_matrix


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_loads_with_its_own_criteria(mini: Path) -> None:
    m = load_matrix(mini)
    assert m.criterion_ids() == ["speed", "docs"]
    assert m.option_ids() == ["alpha", "beta"]
    assert m.option("alpha").ratings["docs"].evidence[0].verdict.value == "wrong"
    assert m.meta is not None and m.meta.version == "test-1"


def test_rating_out_of_range_names_file_line_and_key(mini: Path) -> None:
    f = mini / "options" / "alpha.yaml"
    _write(f, f.read_text().replace("rating: 4", "rating: 7"))
    with pytest.raises(InputError) as err:
        load_matrix(mini)
    msg = str(err.value)
    assert "alpha.yaml" in msg and "line 6" in msg and "ratings.speed.rating" in msg
    assert "less than or equal to 5" in msg


def test_unknown_criterion_suggests_the_nearest(mini: Path) -> None:
    f = mini / "options" / "beta.yaml"
    _write(f, f.read_text().replace("  speed:", "  sped:"))
    with pytest.raises(InputError) as err:
        load_matrix(mini)
    msg = str(err.value)
    assert "unknown criterion 'sped'" in msg and "Did you mean 'speed'" in msg
    assert "beta.yaml, line 4" in msg
    # the real criterion is now missing too, and that is reported alongside
    assert "no rating for: speed" in msg


def test_evidence_citing_unknown_source(mini: Path) -> None:
    f = mini / "options" / "alpha.yaml"
    _write(f, f.read_text().replace("source: manual\n        where: Performance", "source: manul\n        where: Performance"))
    with pytest.raises(InputError) as err:
        load_matrix(mini)
    msg = str(err.value)
    assert "unknown source 'manul'" in msg and "Did you mean 'manual'" in msg
    assert "ratings.speed.evidence[0].source" in msg and "line 9" in msg


def test_missing_field_and_unknown_key(mini: Path) -> None:
    f = mini / "options" / "beta.yaml"
    _write(f, f.read_text().replace("    rationale: Slower.\n", "    rationel: Slower.\n"))
    with pytest.raises(InputError) as err:
        load_matrix(mini)
    msg = str(err.value)
    assert "unknown key 'rationel'" in msg and "Did you mean 'rationale'" in msg
    assert "ratings.speed.rationale" in msg and "Field required" not in msg  # lower-cased, explained
    assert "field required" in msg


def test_bad_verdict_lists_valid_ones(mini: Path) -> None:
    f = mini / "options" / "beta.yaml"
    _write(f, f.read_text().replace("verdict: unverified", "verdict: maybe"))
    with pytest.raises(InputError) as err:
        load_matrix(mini)
    assert "'current', 'outdated', 'wrong' or 'unverified'" in str(err.value)


def test_duplicate_key_in_option_file(mini: Path) -> None:
    f = mini / "options" / "beta.yaml"
    _write(f, f.read_text().replace("name: Beta\n", "name: Beta\nname: Beta again\n"))
    with pytest.raises(InputError, match="duplicate key 'name'"):
        load_matrix(mini)


def test_duplicate_source_ids_across_files(mini: Path) -> None:
    _write(mini / "sources" / "more.yaml",
           "sources:\n  - id: blog\n    title: T\n    publisher: P\n    published: '2020'\n    kind: article\n")
    with pytest.raises(InputError, match="source id 'blog' is defined twice"):
        load_matrix(mini)


def test_export_round_trip_json_and_yaml(mini: Path, tmp_path: Path) -> None:
    m = load_matrix(mini)
    for fmt in ("json", "yaml"):
        first = render_matrix(m, fmt)
        f = _write(tmp_path / f"export.{fmt}", first)
        again = render_matrix(load_matrix(f), fmt)
        assert again == first
    data = matrix_to_dict(m)
    assert set(data) == {"meta", "criteria", "options", "sources"}
    assert data["options"][0]["ratings"]["speed"]["rating"] == 4  # an int, not 4.0


def test_export_file_with_broken_reference(mini: Path, tmp_path: Path) -> None:
    text = render_matrix(load_matrix(mini), "yaml").replace("source: blog", "source: blgo", 1)
    f = _write(tmp_path / "edited.yaml", text)
    with pytest.raises(InputError) as err:
        load_matrix(f)
    assert "edited.yaml, line" in str(err.value) and "options[" in str(err.value)


def test_matrix_file_of_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="must be a mapping"):
        load_matrix(_write(tmp_path / "list.yaml", "- 1\n- 2\n"))


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("weights: {speed: -1}\n", "greater than or equal to 0"),
        ("weights: {speed: .nan}\n", "finite number"),
        ("weights: {speed: .inf}\n", "finite number"),
        ("weights: {speed: lots}\n", "valid number"),
        ("weights: {sped: 3}\n", "Did you mean 'speed'"),
        ("weights: {speed: 0, docs: 0}\n", "all weights are zero"),
        ("weights: {speed: 1}\nmust_have: {docs: 6}\n", "less than or equal to 5"),
        ("weights: {speed: 1}\noptions: [alpha, gamma]\n", "unknown option 'gamma'"),
        ("weights: {speed: 1}\noptions: []\n", "options list is empty"),
        ("weights: {speed: 1}\nweight: {docs: 1}\n", "Did you mean 'weights'"),
        ("weights: {speed: 1, speed: 2}\n", "duplicate key 'speed'"),
        ("- speed\n", "must be a mapping"),
        ("", "empty"),
    ],
)
def test_requirements_errors(mini: Path, tmp_path: Path, text: str, fragment: str) -> None:
    f = _write(tmp_path / "req.yaml", text)
    with pytest.raises(InputError) as err:
        load_requirements(f, load_matrix(mini))
    assert fragment in str(err.value)
    assert "req.yaml" in str(err.value)


def test_requirements_ok(mini: Path, tmp_path: Path) -> None:
    f = _write(tmp_path / "req.yaml", "title: T\nweights: {speed: 3}\nmust_have: {docs: 2}\noptions: [beta]\n")
    req = load_requirements(f, load_matrix(mini))
    assert req.weights == {"speed": 3} and req.must_have == {"docs": 2} and req.options == ["beta"]


def test_profile_shorthand_supplies_weights(tmp_path: Path) -> None:
    from criteria import load_profiles

    profile = next(p for p in load_profiles() if p.id == "ml-serving-api")
    req = load_requirements(_write(tmp_path / "r.yaml", "profile: ml-serving-api\n"))
    assert req.weights == profile.weights
    # weights written beside the profile override its weights criterion by criterion (issue 16, item 1)
    req = load_requirements(_write(tmp_path / "r2.yaml", "profile: ml-serving-api\nweights: {performance: 2}\n"))
    assert req.weights == {**profile.weights, "performance": 2}


def test_unknown_profile_suggests_nearest(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_requirements(_write(tmp_path / "r.yaml", "title: x\nprofile: beginer-team\n"))
    msg = str(err.value)
    assert "line 2" in msg and "Did you mean 'beginner-team'" in msg


@pytest.mark.parametrize("value", ["yes", "true", "'8'"])
def test_weights_must_be_plain_numbers(mini: Path, tmp_path: Path, value: str) -> None:
    f = _write(tmp_path / "req.yaml", f"weights: {{speed: {value}}}\n")
    with pytest.raises(InputError) as err:
        load_requirements(f, load_matrix(mini))
    assert "plain finite number" in str(err.value)
