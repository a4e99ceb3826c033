"""The app's cached chart specs (ui/chart_specs.py): valid Vega-Lite, keyed on what determines them, copied per caller."""
from __future__ import annotations

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from criteria import Requirements, Stakeholder
from scoring import evaluate
from ui import chart_specs


@pytest.fixture(scope="module")
def group_view(matrix):
    """A meeting view (two people who weigh, one informed) with a must-have: every chart kind has data."""
    crit = matrix.criterion_ids()
    req = Requirements(
        stakeholders=[Stakeholder(name="Priya", weights={crit[0]: 9, crit[1]: 8, crit[2]: 3}),
                      Stakeholder(name="Tom", role="consulted", weights={crit[4]: 10, crit[1]: 2}),
                      Stakeholder(name="Olu", role="informed")],
        must_have={crit[3]: 2},
    )
    return req, evaluate(matrix, req)


@pytest.mark.parametrize("kind", chart_specs.KINDS)
def test_every_spec_is_valid_vega_lite(kind, matrix, group_view):
    # The app skips validation on every rerun; this is where the specs are validated, once.
    req, ev = group_view
    flagged = [(matrix.options[0].id, matrix.criterion_ids()[0])]
    spec = chart_specs.cached_spec(kind, chart_specs.view_key(matrix, req), 5, False, tuple(flagged), ev, matrix)
    validate_jsonschema(spec, load_schema())
    assert spec["datasets"], "a chart without data"
    # Altair's default 300 px view size is dropped, as st.altair_chart used to drop it.
    assert "continuousWidth" not in spec.get("config", {}).get("view", {})


def test_cached_spec_matches_a_fresh_build_and_is_a_copy(matrix, group_view):
    import charts

    req, ev = group_view
    key = chart_specs.view_key(matrix, req)
    first = chart_specs.cached_spec("scores", key, None, True, (), ev, matrix)
    fresh = chart_specs.spec_of(charts.total_scores(ev, top=None, dark=True))
    assert first == fresh
    first["title"] = "changed by one session"
    again = chart_specs.cached_spec("scores", key, None, True, (), ev, matrix)
    assert again == fresh and again is not first  # sessions never share a mutable dict


def test_view_key_follows_what_the_charts_show(matrix):
    crit = matrix.criterion_ids()
    base = Requirements(weights={crit[0]: 5, crit[1]: 3})
    key = chart_specs.view_key(matrix, base)
    assert chart_specs.view_key(matrix, base.model_copy(update={"title": "New title", "context": "Why"})) == key
    assert chart_specs.view_key(matrix, base.model_copy(update={"weights": {crit[0]: 6, crit[1]: 3}})) != key
    assert chart_specs.view_key(matrix, base.model_copy(update={"must_have": {crit[2]: 3}})) != key
    assert chart_specs.view_key(matrix, base.model_copy(update={"options": [o.id for o in matrix.options[:2]]})) != key


def test_view_key_follows_the_matrix_content(matrix):
    crit = matrix.criterion_ids()
    req = Requirements(weights={crit[0]: 5})
    renamed = matrix.model_copy(update={"options": [matrix.options[0].model_copy(update={"name": "Other name"}),
                                                    *matrix.options[1:]]})
    assert chart_specs.view_key(renamed, req) != chart_specs.view_key(matrix, req)
    assert chart_specs.matrix_digest(matrix.model_copy()) == chart_specs.matrix_digest(matrix)
