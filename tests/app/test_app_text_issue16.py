"""AppTest, issue 16 item 14: text that fits the decision at hand."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptools import APP, TIMEOUT, metrics, set_only

DATABASES = Path(__file__).resolve().parents[2] / "data" / "custom" / "databases"


def test_title_placeholder_speaks_of_the_matrix_at_hand(monkeypatch) -> None:
    monkeypatch.setenv("STACKWISE_MATRIX", str(DATABASES))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    placeholder = at.text_input(key="title").proto.placeholder
    assert "Framework" not in placeholder and "API" not in placeholder


def test_title_placeholder_for_the_shipped_frameworks(app) -> None:
    at = app.run()
    assert "Framework" in at.text_input(key="title").proto.placeholder


def test_must_have_sliders_show_ratings_as_people_write_them(app, matrix) -> None:
    at = app.run()
    cid = matrix.criterion_ids()[0]
    at.multiselect(key="must_sel").set_value([cid]).run()
    assert at.slider(key=f"m:{cid}").proto.format == "plain"  # 3 and 4.5, never "3.00"


def _tied_second(matrix) -> tuple[tuple[str, ...], list[str]]:
    """One or two criteria (equal weights) whose summed ratings have a unique top and a shared second."""
    import itertools

    ids = matrix.criterion_ids()
    for combo in itertools.chain(itertools.combinations(ids, 1), itertools.combinations(ids, 2)):
        total = {o.name: sum(o.ratings[c].rating for c in combo) for o in matrix.options}
        ranked = sorted(total.values(), reverse=True)
        if ranked[0] > ranked[1] == ranked[2]:
            return combo, [n for n, v in total.items() if v == ranked[1]]
    pytest.skip("no tied second place in the shipped ratings")


def test_the_lead_names_every_option_tied_second(app, matrix) -> None:
    combo, second = _tied_second(matrix)
    at = set_only(app.run(), matrix, {c: 10 for c in combo})
    lead = next(m for m in at.metric if m.label.startswith("Lead"))
    assert "+1 tied" not in lead.label
    # The label stays short enough for its column at 1280 px; the names are under the value.
    assert lead.label == f"Lead over the {len(second)} tied second"
    if len(second) <= 3:
        assert all(name in lead.delta for name in second)
    else:
        assert lead.delta.endswith(f"and {len(second) - 2} more")
