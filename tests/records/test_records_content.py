"""Record content in the cases without a single winner, and the MADR section order."""
from __future__ import annotations

import re

from criteria import Requirements
from records.check import check_bundle
from records.bundle import read_bundle_bytes
from records.record import make_record

from records_paths import DATE

ORDER = ["# ", "## Context and Problem Statement", "## Decision Drivers", "## Considered Options",
         "## Decision Outcome", "### Consequences", "### Confirmation", "## Pros and Cons of the Options",
         "## More Information"]


def _headings(md: str) -> list[str]:
    return [line for line in md.split("\n---\n", 1)[1].splitlines() if re.match(r"^#{1,3} ", line)]


def test_sections_follow_madr_order(rec_req, rec_matrix):
    md = make_record(rec_req, rec_matrix, number=1, date=DATE, charts=False, samples=300).markdown
    heads = _headings(md)
    positions = [next(i for i, h in enumerate(heads) if h.startswith(want)) for want in ORDER]
    assert positions == sorted(positions)
    # one ### per option under Pros and Cons, in ranking order
    pros = heads[heads.index("## Pros and Cons of the Options") + 1: heads.index("## More Information")]
    assert pros == ["### Beta", "### Alpha", "### Gamma"]


def test_no_eligible_option(rec_matrix):
    req = Requirements(title="Nothing fits", weights={"docs": 1, "speed": 1}, must_have={"docs": 5, "speed": 4})
    rec = make_record(req, rec_matrix, number=1, date=DATE, charts=False, samples=300)
    outcome = rec.markdown.split("## Decision Outcome\n\n", 1)[1].splitlines()[0]
    assert outcome.startswith("Chosen option: none, because no option meets every must-have.")
    assert "Beta by Speed (needs 4, rated 3)" in outcome
    assert "No option is eligible, so no win probability was computed." in rec.markdown
    # still no winner against the same matrix: nothing was undermined
    bundle = read_bundle_bytes(rec.bundle.encode(), rec.bundle_name, rec_matrix)
    assert check_bundle(bundle, rec_matrix).holds


def test_tie_is_stated_not_broken(rec_matrix):
    # Alpha 4+2+5 = 11 and Beta 3+5+3 = 11 rating points under equal weights: a tie.
    req = Requirements(title="Tie", weights={"docs": 1, "speed": 1, "learning": 1}, options=["alpha", "beta"])
    rec = make_record(req, rec_matrix, number=1, date=DATE, charts=False, samples=300)
    outcome = rec.markdown.split("## Decision Outcome\n\n", 1)[1].splitlines()[0]
    assert outcome.startswith('Chosen option: none yet, because "Alpha" and "Beta" tie at 73.3 of 100 points')
    assert "With no single winner there are no flip points." in rec.markdown


def test_conflicting_sources_are_named_in_pros_and_cons(tmp_path, rec_req):
    import json

    from criteria import load_matrix
    from criteria.export import matrix_to_dict

    from records_paths import MATRIX_DIR

    data = matrix_to_dict(load_matrix(MATRIX_DIR))
    beta = next(o for o in data["options"] if o["id"] == "beta")
    beta["ratings"]["docs"]["conflict"] = "The blog says docs need a plugin; the manual says they are built in."
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data))
    md = make_record(rec_req, load_matrix(path), number=1, date=DATE, charts=False, samples=300).markdown
    beta_section = md.split("### Beta\n", 1)[1].split("###", 1)[0]
    assert ("* Good, because OpenAPI docs generated from the code. (Docs: 5/5) \\[1\\]; sources disagree: "
            "The blog says docs need a plugin; the manual says they are built in.") in beta_section


def test_untitled_record_of_a_custom_matrix_is_not_titled_after_web_frameworks():
    from criteria import load_matrix
    from criteria.loader import DATA_DIR
    from records.content import DEFAULT_TITLE, effective_title

    dbs = load_matrix(DATA_DIR / "custom" / "databases.csv")
    names = [o.name for o in dbs.options]
    rec = make_record(Requirements(weights={dbs.criterion_ids()[0]: 5}), dbs, number=2, date=DATE, charts=False)
    title = effective_title(Requirements(), dbs)
    assert "framework" not in title.lower() and all(n in title for n in names[:3])
    assert rec.markdown.splitlines().count(f"# {title}") == 1
    two = Requirements(weights={dbs.criterion_ids()[0]: 5}, options=[o.id for o in dbs.options[:2]])
    assert effective_title(two, dbs) == f"Choose between {names[0]} and {names[1]}"
    # The framework matrix keeps its default, and a typed title always wins.
    assert effective_title(Requirements(), load_matrix()) == DEFAULT_TITLE
    assert effective_title(Requirements(title="Our store"), dbs) == "Our store"
