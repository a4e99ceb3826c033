"""Side-by-side code examples: one folder per task, the same task in Flask and FastAPI.

Layout of ``data/examples/<task-id>/``::

    task.yaml          what the task shows, how to install and run each version,
                       the differences, the criteria it bears on, the sources
    flask_app.py       a complete Flask app module defining ``app``
    fastapi_app.py     a complete FastAPI app module defining ``app``
    (anything else the task needs, e.g. templates/ or test files)

The modules are named ``flask_app.py`` / ``fastapi_app.py`` rather than
``flask.py`` / ``fastapi.py``: a module named ``flask.py`` shadows the real
package for every ``import flask`` run from its folder (and ``flask --app flask``
would import the file itself), so the shorter names cannot work.

``task.yaml`` is read with :func:`criteria.yamlio.read_file` and validated with
:func:`criteria.loader.validate_model`, so a broken file is reported with its
file name, line and key path like every other input.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from criteria.errors import InputError, Problem, suggest
from criteria.loader import CATALOG_FILE, DATA_DIR, load_catalog, validate_model
from criteria.models import Id, Strict, Text
from criteria.yamlio import LineMap, line_of, read_file

EXAMPLES_DIR = DATA_DIR / "examples"

Framework = Literal["flask", "fastapi"]
FRAMEWORKS: tuple[Framework, ...] = ("flask", "fastapi")
#: The file each framework's version lives in (see the module docstring for why).
APP_FILES: dict[Framework, str] = {"flask": "flask_app.py", "fastapi": "fastapi_app.py"}

#: The seed documents (ids from /work/shared/seeds/README.md) an example may cite.
SEED_IDS: tuple[str, ...] = ("stecz-2024", "vonage-2021", "contentful-2025", "ai-comparison-2026")

#: Criteria the examples may bear on, used until ``criteria/catalog.yaml`` exists;
#: once it does, the catalog's ids are the authority.
FALLBACK_CRITERIA: tuple[str, ...] = (
    "performance", "async_support", "data_validation", "api_docs", "learning_curve",
    "ecosystem", "community", "maturity", "templating", "flexibility",
    "security_builtins", "type_safety", "scalability", "ml_serving",
    "prototyping_speed", "realtime",
)

#: Options that were removed or deprecated and must not appear in run commands.
#: FLASK_ENV was deprecated in Flask 2.2 and removed in 2.3 (use ``--debug``), as
#: were ``flask run --eager-loading/--lazy-loading`` (Flask 2.3.0 changelog).
FORBIDDEN_IN_COMMANDS: tuple[str, ...] = ("FLASK_ENV", "--eager-loading", "--lazy-loading")

Command = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class FrameworkSpec(Strict):
    """How to install and run one framework's version of the task."""

    install: Command = Field(description="One shell command that installs what the module needs.")
    run: list[Command] = Field(min_length=1, description="Shell commands, run from the task folder.")
    test: str | None = Field(None, description="A test file beside the app that ships with the task.")
    note: str | None = None


class SourceRef(Strict):
    source: Id
    where: Text = Field(description="Section or heading of the source that discusses the task.")


class TaskSpec(Strict):
    """The ``task.yaml`` of one example."""

    order: Annotated[int, Field(ge=1, le=1000)] = Field(description="Position in the learning order.")
    title: Text
    summary: Text = Field(description="What the task shows, in a sentence or three.")
    flask: FrameworkSpec
    fastapi: FrameworkSpec
    differences: list[Text] = Field(min_length=1, max_length=12)
    criteria: list[Id] = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)


@dataclass(frozen=True)
class ExampleTask:
    """One loaded example: its spec plus the code of both versions."""

    id: str
    folder: Path
    spec: TaskSpec
    code: dict[str, str]  # framework -> module source
    tests: dict[str, str]  # framework -> source of the test file shipped with the task, if any
    extra_files: dict[str, str]  # other text files the apps use (e.g. "templates/hello.html") -> text

    @property
    def order(self) -> int:
        return self.spec.order

    @property
    def title(self) -> str:
        return self.spec.title

    def app_path(self, framework: Framework) -> Path:
        return self.folder / APP_FILES[framework]

    def framework(self, framework: Framework) -> FrameworkSpec:
        return self.spec.flask if framework == "flask" else self.spec.fastapi


def known_criteria() -> list[str]:
    """Criterion ids an example may name: the catalog's once it exists."""
    if CATALOG_FILE.exists():
        return [c.id for c in load_catalog()]
    return list(FALLBACK_CRITERIA)


def load_task(folder: str | Path, criteria_ids: list[str] | None = None) -> ExampleTask:
    """Load and check one task folder; raise :class:`InputError` naming file, line and key."""
    folder = Path(folder)
    spec_file = folder / "task.yaml"
    data, lines = read_file(spec_file)
    name = str(spec_file)
    if not isinstance(data, dict):
        raise InputError.single(name, f"task.yaml must be a mapping, not {type(data).__name__}.", line=1,
                                expected="keys order, title, summary, flask, fastapi, differences, criteria")
    spec = validate_model(TaskSpec, data, name, lines)
    _check_refs(spec, name, lines, criteria_ids if criteria_ids is not None else known_criteria())
    code: dict[str, str] = {}
    tests: dict[str, str] = {}
    for fw in FRAMEWORKS:
        path = folder / APP_FILES[fw]
        if not path.is_file():
            raise InputError.single(name, f"the {fw} version '{APP_FILES[fw]}' is missing beside task.yaml.",
                                    path=(fw,), line=line_of(lines, (fw,)),
                                    expected=f"a file {path}")
        code[fw] = path.read_text(encoding="utf-8")
        test = spec.flask.test if fw == "flask" else spec.fastapi.test
        if test is not None and not (folder / test).is_file():
            raise InputError.single(name, f"the test file '{test}' does not exist.", path=(fw, "test"),
                                    line=line_of(lines, (fw, "test")), expected="a file beside task.yaml")
        if test is not None:
            tests[fw] = (folder / test).read_text(encoding="utf-8")
    return ExampleTask(id=folder.name, folder=folder, spec=spec, code=code, tests=tests,
                       extra_files=_extra_files(folder, {"task.yaml", *APP_FILES.values(),
                                                         *(t for t in (spec.flask.test, spec.fastapi.test) if t)}))


#: Suffixes of supporting files worth showing next to the code.
_SHOWN_SUFFIXES = {".html", ".jinja", ".jinja2", ".css", ".js", ".txt", ".py", ".toml", ".cfg"}
#: Cap per file and in number, so a stray large file cannot bloat the page.
_MAX_EXTRA_BYTES = 20_000
_MAX_EXTRA_FILES = 10


def _extra_files(folder: Path, skip: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if (not path.is_file() or rel in skip or "__pycache__" in path.parts or path.name.startswith(".")
                or path.suffix not in _SHOWN_SUFFIXES or path.stat().st_size > _MAX_EXTRA_BYTES):
            continue
        out[rel] = path.read_text(encoding="utf-8")
        if len(out) >= _MAX_EXTRA_FILES:
            break
    return out


def _check_refs(spec: TaskSpec, name: str, lines: LineMap, criteria_ids: list[str]) -> None:
    problems: list[Problem] = []
    for i, cid in enumerate(spec.criteria):
        if cid not in criteria_ids:
            loc = ("criteria", i)
            problems.append(Problem(f"unknown criterion '{cid}'.{suggest(cid, criteria_ids)}", loc,
                                    line_of(lines, loc), f"one of {', '.join(criteria_ids)}"))
    if len(set(spec.criteria)) != len(spec.criteria):
        problems.append(Problem("a criterion is listed twice.", ("criteria",), line_of(lines, ("criteria",)),
                                "each criterion once"))
    for i, ref in enumerate(spec.sources):
        if ref.source not in SEED_IDS:
            loc = ("sources", i, "source")
            problems.append(Problem(f"unknown source '{ref.source}'.{suggest(ref.source, SEED_IDS)}", loc,
                                    line_of(lines, loc), f"one of {', '.join(SEED_IDS)}"))
    for fw in FRAMEWORKS:
        fspec = spec.flask if fw == "flask" else spec.fastapi
        for j, cmd in enumerate([fspec.install, *fspec.run]):
            for bad in FORBIDDEN_IN_COMMANDS:
                if bad in cmd:
                    loc = (fw, "install") if j == 0 else (fw, "run", j - 1)
                    problems.append(Problem(f"the command uses '{bad}', which current releases removed.", loc,
                                            line_of(lines, loc), "today's option (e.g. flask run --debug)"))
    if problems:
        raise InputError(name, problems)


def load_tasks(root: str | Path | None = None, criteria_ids: list[str] | None = None) -> list[ExampleTask]:
    """Every task folder under ``root`` (default ``data/examples``), in learning order.

    Sorted by ``order`` then id, so ties stay deterministic; two tasks sharing an
    ``order`` are allowed (they are independent lessons at the same level).
    """
    base = Path(root) if root is not None else EXAMPLES_DIR
    if not base.is_dir():
        raise InputError.single(str(base), "no examples folder.", expected="data/examples/<task-id>/task.yaml")
    ids = criteria_ids if criteria_ids is not None else known_criteria()
    tasks = [load_task(d, ids) for d in sorted(base.iterdir()) if (d / "task.yaml").is_file()]
    return sorted(tasks, key=lambda t: (t.order, t.id))
