"""The intake paths a tech lead takes (profiles, the questionnaire) give the answer an engineer would.

Issue 13 found the questionnaire (a website, accounts, five years) and the
server-rendered-site profile recommending Flask for classic Django projects. The
expectations here are engineering judgement, stated before running the engine.
"""
from __future__ import annotations

import pytest

from criteria import load_matrix, load_profiles
from criteria.models import Requirements
from criteria.questionnaire import weights_from_answers
from scoring import evaluate
from tests.scenarios.test_panel import NEW_CRITERIA


@pytest.fixture(scope="module")
def matrix():
    matrix = load_matrix()
    assert NEW_CRITERIA <= set(matrix.criterion_ids()), "the answers weigh issue 13's criteria"
    return matrix


def _answer(matrix, answers: dict[str, str]):
    result = weights_from_answers(answers, matrix.criterion_ids())
    req = Requirements(weights={c: float(w) for c, w in result.weights.items()}, python=result.python)
    return evaluate(matrix, req, samples=2000, seed=0)


@pytest.mark.parametrize("answers, acceptable", [
    # A server-rendered site with accounts, maintained five years or more: Django's home ground.
    ({"building": "site", "auth": "yes", "lifetime": "long"}, {"django"}),
    ({"building": "site", "auth": "yes", "admin": "yes", "database": "yes", "lifetime": "long"}, {"django"}),
    # A typed JSON API serving a model under load: the type-hint-driven ASGI frameworks.
    ({"building": "api", "ml": "yes", "concurrency": "high", "admin": "no", "auth": "no"}, {"fastapi", "litestar"}),
    # An internal site on RHEL 9's Python 3.9, every question answered: Django 6.1 is out, and
    # Flask (templates, sessions in the core) is the pick.
    ({"building": "site", "python_experience": "some", "async_experience": "no", "concurrency": "few",
      "ml": "no", "realtime": "no", "auth": "login", "admin": "no", "database": "some", "lifetime": "years",
      "python": "py39"}, {"flask"}),
    # Two JSON endpoints in a lean container, or three routes in a Lambda function: a minimal
    # framework (Flask, Falcon, Starlette) or FastAPI for typed validation, not a full stack.
    ({"building": "api", "python_experience": "some", "concurrency": "few", "ml": "no", "realtime": "no",
      "auth": "no", "admin": "no", "database": "no", "deployment": "small", "lifetime": "years"},
     {"flask", "fastapi", "falcon", "starlette"}),
    ({"building": "api", "concurrency": "moderate", "ml": "no", "realtime": "no", "auth": "no", "admin": "no",
      "database": "no", "deployment": "serverless", "lifetime": "years"}, {"flask", "fastapi", "falcon", "starlette"}),
], ids=["site-accounts-long", "site-full", "ml-api", "site-on-3.9", "small-service", "serverless"])
def test_questionnaire_answers_lead_to_an_accepted_winner(matrix, answers, acceptable) -> None:
    ev = _answer(matrix, answers)
    assert ev.winner in acceptable, [(r.option, round(r.score, 1), r.eligible) for r in ev.ranking]


@pytest.mark.parametrize("profile, acceptable", [
    ("server-rendered-site", {"django"}),
    ("long-lived-product", {"django", "flask"}),
    ("ml-serving-api", {"fastapi", "litestar"}),
])
def test_profiles_lead_to_an_accepted_winner(matrix, profile, acceptable) -> None:
    prof = next(p for p in load_profiles(criteria=matrix.criteria) if p.id == profile)
    ev = evaluate(matrix, Requirements(weights=prof.weights, must_have=prof.must_have), samples=2000, seed=0)
    assert ev.winner in acceptable, [(r.option, round(r.score, 1)) for r in ev.ranking]
