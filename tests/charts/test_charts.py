"""Chart builders: the data each chart draws matches the evaluation, every chart is titled,
has tooltips, and renders to SVG through vl-convert (the decision record's path)."""
from __future__ import annotations

import json

import pytest
import vl_convert as vlc

import charts
from charts import frames
from criteria import Requirements, load_matrix, load_profiles
from scoring import evaluate


@pytest.fixture(scope="module")
def matrix():
    return load_matrix()


@pytest.fixture(scope="module")
def ev(matrix):
    profile = next(p for p in load_profiles() if p.id == "ml-serving-api")
    evaluation = evaluate(matrix, Requirements(weights=dict(profile.weights)))
    assert evaluation.winner and evaluation.runner_up, "these tests need a single winner and a runner-up"
    return evaluation


@pytest.fixture(scope="module")
def ruled_out(matrix):
    """Every option fails a must-have: the charts must still build."""
    crit = matrix.criterion_ids()
    return evaluate(matrix, Requirements(weights={crit[0]: 1}, must_have={c: 5 for c in crit}))


def builders(ev, matrix):
    return {
        "scores": charts.total_scores(ev),
        "probability": charts.win_probability(ev),
        "gap": charts.contribution_gap(ev),
        "contributions": charts.contributions(ev),
        "small multiples": charts.contributions_small_multiples(ev),
        "flips": charts.flip_points(ev),
        "heatmap": charts.ratings_heatmap(ev, matrix),
    }


def _tooltips(spec) -> int:
    text = json.dumps(spec)
    return text.count('"tooltip"')


@pytest.mark.parametrize("which", ["ev", "ruled_out"])
def test_every_chart_is_titled_has_tooltips_and_renders_svg(which, request, matrix) -> None:
    evaluation = request.getfixturevalue(which)
    for name, chart in builders(evaluation, matrix).items():
        spec = chart.to_dict()
        title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        assert title, name
        assert _tooltips(spec) >= 1, name
        svg = vlc.vegalite_to_svg(spec)
        assert svg.lstrip().startswith("<svg") and title.split(":")[0] in svg, name


def test_scores_frame_follows_the_ranking(ev) -> None:
    data = frames.scores_frame(ev)
    assert list(data["option_id"]) == [r.option for r in ev.ranking][: len(data)]
    assert list(data["score"]) == sorted(data["score"], reverse=True)  # all eligible here: best first
    assert data.loc[0, "status"] == frames.RECOMMENDED and data.loc[0, "option_id"] == ev.winner


def test_top_n_keeps_the_best(ev) -> None:
    data = frames.scores_frame(ev, top=2)
    assert list(data["option_id"]) == [r.option for r in ev.ranking[:2]]
    spec = json.dumps(charts.total_scores(ev, top=2).to_dict())
    assert f"Top 2 of {len(ev.ranking)} options" in spec


def test_gap_rows_sum_to_the_margin(ev) -> None:
    data = frames.gap_frame(ev)
    assert data["gap"].sum() == pytest.approx(ev.margin, abs=0.01)
    assert list(data["gap"]) == sorted(data["gap"], reverse=True)
    # Exactly the weighted criteria where the two are rated differently appear.
    lead, other = ev.result(ev.winner), ev.result(ev.runner_up)
    assert set(data["criterion_id"]) == {
        c for c, w in ev.weights.items() if w > 0 and lead.contributions[c] != pytest.approx(other.contributions[c])
    }


def test_gap_ratings_are_the_matrix_ratings(ev, matrix) -> None:
    data = frames.gap_frame(ev)
    for row in data.itertuples():
        assert row.lead_rating == pytest.approx(matrix.option(ev.winner).ratings[row.criterion_id].rating)
        assert row.other_rating == pytest.approx(matrix.option(ev.runner_up).ratings[row.criterion_id].rating)


def test_contributions_add_up_to_scores(ev) -> None:
    data = frames.contributions_frame(ev)
    sums = data.groupby("option_id")["points"].sum()
    for r in ev.ranking:
        assert sums[r.option] == pytest.approx(r.score, abs=0.01)


def test_flips_frame_nearest_first_and_clipped_to_scale(ev) -> None:
    data = frames.flips_frame(ev)
    expected = {f.criterion for f in ev.flip_points if f.flip_weight is not None}
    assert set(data["criterion_id"]) == expected
    assert list(data["distance"]) == sorted(data["distance"])
    assert (data["shown_flip"] <= ev.scale_max).all()
    assert (data["within_scale"] == (data["flip"] <= ev.scale_max)).all()


def test_heatmap_holds_every_rating(ev, matrix) -> None:
    data = frames.heatmap_frame(ev, matrix, top=None)
    assert len(data) == len(ev.ranking) * len(ev.criteria)
    for row in data.itertuples():
        assert row.rating == matrix.option(row.option_id).ratings[row.criterion_id].rating


def test_probability_frame_only_eligible_and_sorted(ev, ruled_out) -> None:
    data = frames.probability_frame(ev)
    assert set(data["option_id"]) <= set(ev.eligible)
    assert list(data["probability"]) == sorted(data["probability"], reverse=True)
    assert frames.probability_frame(ruled_out).empty
    assert frames.scores_frame(ruled_out)["status"].eq(frames.RULED_OUT).all()


def test_charts_module_has_no_streamlit_import() -> None:
    import pathlib

    root = pathlib.Path(charts.__file__).parent
    for path in root.glob("*.py"):
        assert "streamlit" not in path.read_text(), path.name


def test_dark_page_gets_light_text(ev, matrix) -> None:
    from charts import style

    for dark in (False, True):
        spec = charts.total_scores(ev, dark=dark).to_dict()
        labels = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
        assert labels and all(mark["color"] == style.INK[dark] for mark in labels)
        assert spec["config"]["title"]["subtitleColor"] == style.SUBTLE_INK[dark]
    assert style.INK[True] != style.INK[False]


# ------------------------------------------------------------------ meeting mode

@pytest.fixture(scope="module")
def group_ev(matrix):
    from criteria import Stakeholder

    crit = matrix.criterion_ids()
    people = [Stakeholder(name="Priya", weights={crit[0]: 9, crit[1]: 8}),
              Stakeholder(name="Tom", role="consulted", weights={crit[4]: 10, crit[1]: 2}),
              Stakeholder(name="Olu", role="informed")]
    return evaluate(matrix, Requirements(stakeholders=people))


def test_people_frame_rows_are_each_persons_own_scores(group_ev) -> None:
    data = frames.people_frame(group_ev, top=None)
    assert list(dict.fromkeys(data["person"])) == ["Priya", "Tom", frames.GROUP]  # informed Olu has no row
    for s in group_ev.stakeholders:
        if not s.scores:
            continue
        rows = data[data["person"] == s.name].set_index("option_id")
        for oid, value in s.scores.items():
            assert rows.loc[oid, "score"] == pytest.approx(value, abs=0.01)
        picks = {s.winner} if s.winner else set(s.tie)  # a person's own result may be a tie
        assert set(rows.index[rows["pick"]]) == picks
    group = data[data["person"] == frames.GROUP].set_index("option_id")
    assert group.loc[group_ev.winner, "pick"]


def test_disagreement_frame_widest_first_and_skips_unweighted(group_ev, matrix) -> None:
    data = frames.disagreement_frame(group_ev)
    crit = matrix.criterion_ids()
    assert set(data["criterion_id"]) == {crit[0], crit[1], crit[4]}
    spreads = data.drop_duplicates("criterion_id")["spread"].tolist()
    assert spreads == sorted(spreads, reverse=True)
    priya = data[(data["person"] == "Priya") & (data["criterion_id"] == crit[0])]["share"].item()
    assert priya == pytest.approx(9 / 17)


def test_meeting_charts_render(group_ev) -> None:
    for chart in (charts.people_scores(group_ev), charts.disagreement(group_ev)):
        spec = chart.to_dict()
        assert spec["title"]["text"] and _tooltips(spec)
        assert vlc.vegalite_to_svg(spec).lstrip().startswith("<svg")


def test_heatmap_marks_flagged_ratings(ev, matrix) -> None:
    oid, cid = ev.ranking[0].option, ev.criteria[0]
    data = frames.heatmap_frame(ev, matrix, top=None, flagged=[(oid, cid)])
    row = data[(data["option_id"] == oid) & (data["criterion_id"] == cid)].iloc[0]
    assert row["flagged"] and row["label"].endswith("?")
    assert data["flagged"].sum() == 1
    assert not data[~data["flagged"]]["label"].str.endswith("?").any()
    spec = json.dumps(charts.ratings_heatmap(ev, matrix, flagged=[(oid, cid)]).to_dict())
    assert "re-check" in spec
