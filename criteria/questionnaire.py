"""A plain-language questionnaire that sets the weights, and says which answer moved which.

Every criterion starts at :data:`BASE_WEIGHT` (the middle of the 0-10 scale).
Each answer adds or subtracts a fixed amount to a few criteria; the result is
clamped to the sliders' scale::

    weight(c) = clamp(BASE_WEIGHT + sum of deltas(answer, c) over the answers given, 0, 10)

Additive deltas keep the mapping order-independent (answering the questions in
any order gives the same weights) and each change traceable to one answer, which
:class:`Move` records for the app to show. The deltas are our reading of what
each answer implies for the catalog's criteria (criteria/catalog.yaml); the
factors asked about (what is built, team experience, concurrency, real-time,
accounts, admin screens, database, long-term maintenance) are those the seed comparisons name as deciding ones
(contentful-2025 "choosing factors", stecz-2024 "when to use"), not numbers
taken from them. Deployment size is ours: the seeds do not weigh it, and the
`footprint` criterion it moves is measured (benchmarks/frameworks/footprint.py).

The Python question moves no weight: its answer is a requirement (``Result.python``)
that rules out options whose rated release needs a newer Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from criteria.errors import InputError, suggest

BASE_WEIGHT = 5
WEIGHT_MIN, WEIGHT_MAX = 0, 10


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    deltas: tuple[tuple[str, int], ...]  # (criterion id, change in weight points)
    #: For the Python question: the requirement this answer sets ("3.9"; "" = no constraint).
    python: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer:
        for a in self.answers:
            if a.id == answer_id:
                return a
        ids = [a.id for a in self.answers]
        raise InputError.single(
            None, f"question '{self.id}' has no answer '{answer_id}'.{suggest(answer_id, ids)}",
            path=(self.id,), expected=f"one of {', '.join(ids)}",
        )


def _a(id: str, label: str, **deltas: int) -> Answer:
    return Answer(id, label, tuple(deltas.items()))


def _py(minor: str, label: str) -> Answer:
    """An answer to the Python question: it sets the requirement, not a weight."""
    return Answer(f"py{minor.replace('.', '')}" if minor else "any", label, (), minor)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "building", "What are you building?",
        "A JSON API is consumed by programs; server-rendered pages are HTML for browsers.",
        (
            _a("api", "A JSON API for other programs", api_docs=3, data_validation=3, type_safety=1, templating=-5),
            _a("site", "A website rendered on the server (HTML pages)", templating=5, security_builtins=2,
               api_docs=-3, data_validation=-1),
            _a("both", "Both: web pages and an API", templating=2, api_docs=2, data_validation=2, flexibility=1),
        ),
    ),
    Question(
        "python_experience", "How experienced is the team with Python web development?",
        "Newer teams gain most from gentle learning and plenty of answers online.",
        (
            _a("new", "New to it", learning_curve=4, community=3, prototyping_speed=1, flexibility=-2),
            _a("some", "Some projects behind us", learning_curve=1),
            _a("seasoned", "Seasoned", learning_curve=-3, flexibility=2),
        ),
    ),
    Question(
        "async_experience", "Has the team written async/await (asyncio) code in production?",
        "Async code pays off under concurrent I/O but adds its own pitfalls (blocking calls in async handlers).",
        (
            _a("no", "No", learning_curve=2, async_support=-1),
            _a("little", "A little", ),
            _a("yes", "Yes, routinely", async_support=2),
        ),
    ),
    Question(
        "concurrency", "How many requests at once do you expect at peak?",
        "Many simultaneous requests that wait on databases or other services favour async, scalable designs.",
        (
            _a("few", "A few (internal tool, tens of users)", performance=-3, scalability=-3, async_support=-2),
            _a("moderate", "Moderate (hundreds at once)", performance=1, scalability=1),
            _a("high", "Many (thousands at once, mostly waiting on I/O)", performance=4, scalability=4, async_support=4),
        ),
    ),
    Question(
        "ml", "Will it serve machine-learning models?",
        "Model serving needs validated inputs, a documented contract and concurrent I/O.",
        (
            _a("no", "No", ml_serving=-5),
            _a("later", "Maybe later", ml_serving=-1),
            _a("yes", "Yes, that is its main job", ml_serving=5, data_validation=1, performance=1),
        ),
    ),
    Question(
        "realtime", "Do you need real-time features (WebSockets, live updates, streaming)?",
        "Chat, live dashboards and token streaming need long-lived connections.",
        (
            _a("no", "No", realtime=-4),
            _a("some", "A little (one live view or a progress stream)", realtime=1),
            _a("core", "Yes, it is central", realtime=5, async_support=2),
        ),
    ),
    Question(
        "auth", "Do your users need accounts (sign-up, login, password reset, permissions)?",
        "If a gateway or identity provider handles login, built-in accounts and security matter less.",
        (
            _a("no", "No, handled elsewhere (or no users)", auth_accounts=-4, security_builtins=-2),
            _a("login", "Login only (a few known users)", auth_accounts=1, security_builtins=1),
            _a("yes", "Yes: accounts, roles and password reset", auth_accounts=5, security_builtins=4),
        ),
    ),
    Question(
        "admin", "Will staff need screens to browse and edit the data (an admin back-office)?",
        "A generated admin saves building list, search and edit screens by hand.",
        (
            _a("no", "No", admin_ui=-5),
            _a("some", "A few simple screens", admin_ui=1),
            _a("yes", "Yes, a real back-office", admin_ui=5, data_layer=1),
        ),
    ),
    Question(
        "database", "Does it keep its own data in a relational database?",
        "An ORM with migrations matters when the schema is yours and keeps changing.",
        (
            _a("no", "No (stateless, or another service owns the data)", data_layer=-4),
            _a("some", "Yes, a few tables", data_layer=2),
            _a("yes", "Yes, a schema that will keep changing (migrations)", data_layer=5),
        ),
    ),
    Question(
        "deployment", "How will it run in production?",
        "Every dependency the framework brings in is one more to download, patch and load: that matters for a "
        "small service in a lean container image and most for a serverless function, whose package size and "
        "imports add to every cold start.",
        (
            _a("server", "On servers or VMs we run, next to other software", footprint=-3),
            _a("small", "As a small service (a few endpoints, a webhook) in a container image we keep lean",
               footprint=3),
            _a("serverless", "As a serverless function (AWS Lambda, Cloud Functions): package size and cold "
               "starts count", footprint=5),
        ),
    ),
    Question(
        "lifetime", "How long must the system live and be maintained?",
        "Long-lived systems need a stable track record, a published support window for security fixes, "
        "a big community and extensions that stay maintained.",
        (
            _a("months", "Months (a prototype or demo)", prototyping_speed=5, maturity=-3, scalability=-2,
               support_policy=-4),
            _a("years", "A few years", maturity=1, support_policy=2),
            _a("long", "Five years or more", maturity=5, community=2, ecosystem=2, prototyping_speed=-3,
               support_policy=5),
        ),
    ),
    Question(
        "python", "What is the oldest Python it must run on?",
        "For servers pinned to a distribution's Python (RHEL 9: 3.9, Debian 12: 3.11, Ubuntu 24.04: 3.12). "
        "Options whose current release needs a newer Python are then ruled out.",
        (
            _py("", "No constraint (we install a current Python)"),
            _py("3.9", "Python 3.9"),
            _py("3.10", "Python 3.10"),
            _py("3.11", "Python 3.11"),
            _py("3.12", "Python 3.12"),
            _py("3.13", "Python 3.13"),
            _py("3.14", "Python 3.14"),
        ),
    ),
)


@dataclass(frozen=True)
class Move:
    """One answer's effect on one criterion's weight."""

    question: str  # question id
    answer: str  # answer id
    answer_label: str
    criterion: str
    delta: int


@dataclass(frozen=True)
class Result:
    weights: dict[str, int]  # every criterion given, 0-10
    moves: tuple[Move, ...]  # in question order
    clamped: tuple[str, ...]  # criteria whose sum fell outside 0-10 and were clamped
    #: The Python requirement the answers set (None: no constraint, or not answered).
    python: str | None = None
    #: Whether the Python question was answered (so "no constraint" can clear an earlier one).
    python_answered: bool = False


def question(question_id: str) -> Question:
    for q in QUESTIONS:
        if q.id == question_id:
            return q
    ids = [q.id for q in QUESTIONS]
    raise InputError.single(None, f"no question '{question_id}'.{suggest(question_id, ids)}",
                            path=(question_id,), expected=f"one of {', '.join(ids)}")


def weights_from_answers(answers: Mapping[str, str], criteria: Sequence[str]) -> Result:
    """Weights for ``criteria`` from ``answers`` (question id -> answer id); unanswered questions move nothing.

    Deltas for criteria not in ``criteria`` (a custom matrix) are skipped, so the
    questionnaire never invents weights for criteria that do not exist.
    """
    totals = {c: BASE_WEIGHT for c in criteria}
    moves: list[Move] = []
    python: str | None = None
    for q in QUESTIONS:  # question order, not dict order: stable, readable traces
        if q.id not in answers:
            continue
        a = q.answer(answers[q.id])
        if a.python is not None:
            python = a.python or None
        for cid, delta in a.deltas:
            if cid in totals and delta:
                totals[cid] += delta
                moves.append(Move(q.id, a.id, a.label, cid, delta))
    for qid in answers:
        question(qid)  # raises on an unknown question id
    clamped = tuple(c for c, v in totals.items() if not WEIGHT_MIN <= v <= WEIGHT_MAX)
    weights = {c: min(WEIGHT_MAX, max(WEIGHT_MIN, v)) for c, v in totals.items()}
    return Result(weights, tuple(moves), clamped, python, "python" in answers)


def explain(result: Result, names: Mapping[str, str]) -> list[dict[str, object]]:
    """Rows for a 'which answer moved which weight' table, one per criterion that moved.

    ``names`` maps criterion id -> display name. Each row: criterion, start,
    changes (e.g. '+3 from "A JSON API ..."; -2 from "A few ..."'), weight (after clamping).
    """
    rows = []
    for cid, weight in result.weights.items():
        moves = [m for m in result.moves if m.criterion == cid]
        if not moves:
            continue
        changes = "; ".join(f"{m.delta:+d} from \u201c{m.answer_label}\u201d" for m in moves)
        if cid in result.clamped:
            changes += f" (kept within {WEIGHT_MIN}-{WEIGHT_MAX})"
        rows.append({"criterion": names.get(cid, cid), "start": BASE_WEIGHT, "changes": changes, "weight": weight})
    return rows
