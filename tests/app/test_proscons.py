"""Pros and cons follow the documented rating rules, on a matrix built here."""
from __future__ import annotations

from pathlib import Path

from criteria import load_matrix
from ui.proscons import pros_and_cons

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def test_rules_on_the_shipped_matrix() -> None:
    m = load_matrix()
    ids = m.option_ids()
    weights = {c: 1.0 for c in m.criterion_ids()}
    for card in pros_and_cons(m, ids, weights, limit=None):
        for p in card.pros:
            r = m.option(card.option).ratings[p.criterion].rating
            others = [m.option(o).ratings[p.criterion].rating for o in ids if o != card.option]
            assert r >= 4 or (r >= 3 and r > max(others))
            assert p.rating == r
        for p in card.cons:
            r = m.option(card.option).ratings[p.criterion].rating
            others = [m.option(o).ratings[p.criterion].rating for o in ids if o != card.option]
            assert r <= 2 or (r <= 3 and r < min(others))
        # Every rating of 4+ is a pro and every rating of 2- a con (nothing dropped with limit=None).
        opt = m.option(card.option)
        assert {p.criterion for p in card.pros} >= {c for c, e in opt.ratings.items() if e.rating >= 4}
        assert {p.criterion for p in card.cons} >= {c for c, e in opt.ratings.items() if e.rating <= 2}


def test_weights_order_the_points_and_limit_cuts() -> None:
    m = load_matrix()
    ids = m.option_ids()
    card = pros_and_cons(m, ids, {c: 1.0 for c in m.criterion_ids()}, limit=None)[0]
    assert len(card.pros) >= 2
    favourite = card.pros[-1].criterion
    weights = {c: (10.0 if c == favourite else 1.0) for c in m.criterion_ids()}
    again = pros_and_cons(m, ids, weights, limit=1)[0]
    assert [p.criterion for p in again.pros] == [favourite]


def test_sources_split_by_verdict() -> None:
    m = load_matrix(MINI)
    cards = {c.option: c for c in pros_and_cons(m, m.option_ids(), {c: 1 for c in m.criterion_ids()}, None)}
    points = [(card.option, p) for card in cards.values() for p in card.pros + card.cons]
    for oid, p in points:
        entry = m.option(oid).ratings[p.criterion]
        assert set(p.sources) == {e.source for e in entry.evidence if e.verdict.value == "current"}
        assert set(p.doubtful) == {e.source for e in entry.evidence if e.verdict.value != "current"}
    # The fixture's "docs" con rests on a claim marked wrong: it must show as doubtful.
    assert any(p.doubtful for _, p in points)
