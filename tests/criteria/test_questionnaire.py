"""The questionnaire: answers -> weights, traceable and order-independent."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from criteria import InputError, load_catalog
from criteria.questionnaire import BASE_WEIGHT, QUESTIONS, explain, weights_from_answers

CRITERIA = [c.id for c in load_catalog()]

answer_sets = st.fixed_dictionaries(
    {}, optional={q.id: st.sampled_from([a.id for a in q.answers]) for q in QUESTIONS}
)


def test_every_delta_names_a_catalog_criterion() -> None:
    for q in QUESTIONS:
        for a in q.answers:
            for cid, _ in a.deltas:
                assert cid in CRITERIA, (q.id, a.id, cid)


def test_question_and_answer_ids_are_unique() -> None:
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)
    for q in QUESTIONS:
        assert len({a.id for a in q.answers}) == len(q.answers)


def test_no_answers_gives_the_base_everywhere() -> None:
    result = weights_from_answers({}, CRITERIA)
    assert result.weights == {c: BASE_WEIGHT for c in CRITERIA}
    assert result.moves == ()


@given(answer_sets)
def test_weights_are_base_plus_moves_clamped(answers: dict) -> None:
    result = weights_from_answers(answers, CRITERIA)
    for cid in CRITERIA:
        raw = BASE_WEIGHT + sum(m.delta for m in result.moves if m.criterion == cid)
        assert result.weights[cid] == min(10, max(0, raw))
        assert (cid in result.clamped) == (raw != result.weights[cid])
    # Every move comes from an answer actually given.
    assert {m.question for m in result.moves} <= set(answers)


@given(answer_sets)
def test_answer_order_does_not_matter(answers: dict) -> None:
    reversed_answers = dict(reversed(list(answers.items())))
    assert weights_from_answers(answers, CRITERIA).weights == weights_from_answers(reversed_answers, CRITERIA).weights


def test_answers_push_the_weights_they_are_about() -> None:
    def w(**answers: str) -> dict:
        return weights_from_answers(answers, CRITERIA).weights

    assert w(ml="yes")["ml_serving"] > w(ml="no")["ml_serving"]
    assert w(building="site")["templating"] > w(building="api")["templating"]
    assert w(building="api")["api_docs"] > w(building="site")["api_docs"]
    assert w(concurrency="high")["async_support"] > w(concurrency="few")["async_support"]
    assert w(realtime="core")["realtime"] > w(realtime="no")["realtime"]
    assert w(python_experience="new")["learning_curve"] > w(python_experience="seasoned")["learning_curve"]
    assert w(lifetime="long")["maturity"] > w(lifetime="months")["maturity"]
    assert w(auth="yes")["security_builtins"] > w(auth="no")["security_builtins"]
    assert w(auth="yes")["auth_accounts"] > w(auth="login")["auth_accounts"] > w(auth="no")["auth_accounts"]
    assert w(admin="yes")["admin_ui"] > w(admin="some")["admin_ui"] > w(admin="no")["admin_ui"]
    assert w(database="yes")["data_layer"] > w(database="some")["data_layer"] > w(database="no")["data_layer"]
    assert w(lifetime="long")["support_policy"] > w(lifetime="years")["support_policy"] > w(lifetime="months")["support_policy"]
    assert (w(deployment="serverless")["footprint"] > w(deployment="small")["footprint"] > w()["footprint"]
            > w(deployment="server")["footprint"])


def test_the_python_question_sets_a_requirement_not_a_weight() -> None:
    result = weights_from_answers({"python": "py39"}, CRITERIA)
    assert result.python == "3.9" and result.python_answered
    assert result.moves == () and result.weights == {c: BASE_WEIGHT for c in CRITERIA}
    cleared = weights_from_answers({"python": "any"}, CRITERIA)
    assert cleared.python is None and cleared.python_answered  # "no constraint" clears an earlier choice
    assert weights_from_answers({"ml": "yes"}, CRITERIA).python_answered is False


def test_every_python_answer_is_a_version_a_requirement_accepts() -> None:
    from criteria.models import Requirements
    from criteria.questionnaire import question

    for a in question("python").answers:
        assert Requirements(weights={"performance": 1.0}, python=a.python or None).python == (a.python or None)


def test_custom_matrix_criteria_only() -> None:
    result = weights_from_answers({"ml": "yes", "building": "api"}, ["ml_serving", "cost"])
    assert set(result.weights) == {"ml_serving", "cost"}
    assert result.weights["cost"] == BASE_WEIGHT
    assert all(m.criterion == "ml_serving" for m in result.moves)


def test_explain_names_the_answer_that_moved_each_weight() -> None:
    result = weights_from_answers({"ml": "yes", "building": "api"}, CRITERIA)
    rows = {r["criterion"]: r for r in explain(result, {"ml_serving": "ML model serving fit"})}
    assert "Yes, that is its main job" in rows["ML model serving fit"]["changes"]
    data_validation = rows["data_validation"]["changes"]  # moved by both answers
    assert "A JSON API" in data_validation and "main job" in data_validation
    assert "learning_curve" not in rows  # nothing moved it


def test_bad_ids_raise_input_error_with_suggestion() -> None:
    with pytest.raises(InputError, match="Did you mean 'yes'"):
        weights_from_answers({"ml": "yse"}, CRITERIA)
    with pytest.raises(InputError, match="no question 'colour'"):
        weights_from_answers({"colour": "red"}, CRITERIA)
