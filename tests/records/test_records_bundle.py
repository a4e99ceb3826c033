"""The bundle: bundle -> record -> bundle round trips, restores the same state, refuses bad input."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria import InputError, Requirements, Stakeholder
from criteria.loader import requirements_from_data
from records.bundle import FORMAT_VERSION, bundle_dict, dump_bundle, load_requirements_or_bundle, read_bundle, read_bundle_bytes
from records.hashing import matrix_sha256, requirements_dict
from records.record import make_record, render_record

from records_paths import DATE, REQ_FILE


def _without_date(text: str) -> str:
    assert "DATE" not in text
    return text.replace(DATE.isoformat(), "DATE").replace("2027-01-02", "DATE")


@pytest.fixture(scope="module")
def made(rec_req, rec_matrix):
    return make_record(rec_req, rec_matrix, number=3, date=DATE, samples=2000, seed=7, charts=False)


def test_bundle_restores_the_same_requirements_and_settings(made, rec_req, rec_matrix):
    b = read_bundle_bytes(made.bundle.encode(), made.bundle_name, rec_matrix)
    assert b.requirements == rec_req
    assert (b.number, b.title, b.status, b.date) == (3, "Framework for the partner API", "proposed", "2026-11-21")
    assert (b.samples, b.seed) == (2000, 7)
    assert b.matrix_sha256 == matrix_sha256(rec_matrix)
    assert b.ratings["beta"]["docs"] == rec_matrix.option("beta").ratings["docs"].rating
    assert b.results == made.results


def test_round_trip_bundle_record_bundle(made, rec_matrix):
    """Re-exporting from the bundle gives the same files byte for byte, apart from the date."""
    b = read_bundle_bytes(made.bundle.encode(), made.bundle_name, rec_matrix)
    again = make_record(b.requirements, rec_matrix, number=b.number, date=dt.date(2027, 1, 2), status=b.status,
                        charts=False, **b.evaluate_kwargs())
    for first, second in ((made.markdown, again.markdown), (made.bundle, again.bundle), (made.html, again.html)):
        assert first != second  # the date differs...
        assert _without_date(first) == _without_date(second)  # ...and nothing else does
        assert [line for line in second.splitlines() if "2027-01-02" in line]
    assert again.markdown_name == made.markdown_name


def test_stakeholders_survive_the_round_trip(rec_matrix, frozen_results):
    req = Requirements(
        title="Group decision", context="Line one.\n\nLine two.",
        stakeholders=[
            Stakeholder(name="Priya (tech lead)", role="decision-maker", weights={"docs": 9, "speed": 2.5}),
            Stakeholder(name="Tom", role="consulted", weights={"learning": 10}),
            Stakeholder(name="Olu (product)", role="informed"),
        ],
        must_have={"speed": 2}, options=["alpha", "beta"], aggregation="geometric",
    )
    rec = render_record(frozen_results, req, rec_matrix, number=1, date=DATE)
    assert read_bundle_bytes(rec.bundle.encode(), "x.stackwise.yaml", rec_matrix).requirements == req
    # the stored form is the requirements file format itself
    assert requirements_from_data(requirements_dict(req), "r", {}, rec_matrix) == req


def test_load_requirements_or_bundle_takes_both(made, rec_req, rec_matrix, tmp_path: Path):
    path = tmp_path / made.bundle_name
    path.write_text(made.bundle, encoding="utf-8")
    assert load_requirements_or_bundle(path, rec_matrix) == rec_req
    assert load_requirements_or_bundle(REQ_FILE, rec_matrix) == rec_req
    # content decides too: a bundle saved under another name is still read as one
    other = tmp_path / "renamed.yaml"
    other.write_text(made.bundle, encoding="utf-8")
    assert load_requirements_or_bundle(other, rec_matrix) == rec_req


def _broken(made, old: str, new: str) -> bytes:
    assert old in made.bundle
    return made.bundle.replace(old, new, 1).encode()


def test_unknown_format_version_is_a_clear_error(made, rec_matrix):
    with pytest.raises(InputError) as err:
        read_bundle_bytes(_broken(made, f"format_version: {FORMAT_VERSION}", "format_version: 99"), "b.yaml")
    text = str(err.value)
    assert "b.yaml, line 4, key 'format_version'" in text
    assert "unknown bundle format version 99" in text and "reads version 1" in text


@pytest.mark.parametrize("old, new, needle", [
    ("format: stackwise-decision-bundle", "format: something-else", "not a stackwise decision bundle"),
    ("  samples: 10000", "  samples: -5", "inputs.samples"),
    ("    weights:", "    weights:\n      nope: 3", "unknown criterion 'nope'"),
    ("  number: 3", "  number: 3\n  number: 4", "duplicate key 'number'"),
    ("  status: proposed", "  status: approved", "record.status"),
    ("  sha256: ", "  sha256: zz", "matrix.sha256"),
])
def test_broken_bundles_name_file_line_and_key(made, rec_matrix, old, new, needle):
    raw = made.bundle.replace("samples: 2000", "samples: 10000")
    with pytest.raises(InputError) as err:
        read_bundle_bytes(raw.replace(old, new, 1).encode(), "b.stackwise.yaml", rec_matrix)
    assert needle in str(err.value)
    assert "b.stackwise.yaml, line " in str(err.value)


def test_a_list_is_not_a_bundle(tmp_path: Path):
    p = tmp_path / "x.stackwise.yaml"
    p.write_text("- 1\n- 2\n")
    with pytest.raises(InputError, match="must be a mapping"):
        read_bundle(p)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    context=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    name=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
)
def test_any_typed_text_survives_the_bundle(rec_matrix, frozen_results, title, context, name):
    """Whatever people type (newlines, quotes, YAML syntax, control characters) reads back identically."""
    try:
        req = Requirements(title=title, context=context,
                           stakeholders=[Stakeholder(name=name, role="decision-maker", weights={"docs": 1})])
    except ValueError:
        return  # the model itself refuses it (e.g. a name that is only whitespace)
    text = dump_bundle(bundle_dict(number=1, title="t", status="proposed", date="2026-11-21", requirements=req,
                                   matrix=rec_matrix, matrix_hash="0" * 64, results=frozen_results))
    assert read_bundle_bytes(text.encode(), "p.stackwise.yaml", rec_matrix).requirements == req


def test_a_python_requirement_is_recorded_and_survives_the_bundle(rec_req, rec_matrix):
    """The record says which Python was required; the bundle restores it; an unchecked option is named."""
    req = rec_req.model_copy(update={"python": "3.10"})
    rec = make_record(req, rec_matrix, number=4, date=DATE, samples=500, seed=1, charts=False)
    assert "Python requirement: the project must run on Python 3.10 or newer" in rec.markdown
    # The fixture matrix records no Python support: each option says it could not be checked.
    assert rec.markdown.count("Python 3.10 cannot be checked for") == len(rec_matrix.options)
    assert read_bundle_bytes(rec.bundle.encode(), rec.bundle_name, rec_matrix).requirements.python == "3.10"
