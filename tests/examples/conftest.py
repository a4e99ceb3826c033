"""Fixtures for the side-by-side examples: load an app module by path.

Why by path: the example folders are never put on ``sys.path`` (a module
there could shadow an installed package, and two tasks both define
``flask_app``). Each load gets a unique module name, so every test gets a
fresh app with fresh module state (counters, stores).

Every test in this folder runs with deprecation warnings as errors, including
Starlette's and FastAPI's own deprecation classes (which subclass UserWarning,
so ``error::DeprecationWarning`` alone would miss them). The one exception is
Starlette's notice that its TestClient prefers ``httpx2`` over ``httpx``: that
concerns the test dependencies in pyproject.toml, not the examples' code.
"""
from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from criteria.examples import APP_FILES, EXAMPLES_DIR

HERE = Path(__file__).resolve().parent

WARNING_FILTERS = (
    "error::DeprecationWarning",
    "error::PendingDeprecationWarning",
    "error::starlette.exceptions.StarletteDeprecationWarning",
    "error::fastapi.exceptions.FastAPIDeprecationWarning",
    # Last wins: the test client's transport library is the project's test setup, not example code.
    "ignore:Using `httpx` with `starlette.testclient` is deprecated",
)

_counter = itertools.count()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.filterwarnings(*WARNING_FILTERS))


def load_module(path: Path, label: str) -> ModuleType:
    """Import ``path`` as a fresh module named ``example_<label>_<n>``."""
    name = f"example_{label.replace('-', '_')}_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    # Registered before running: Flask(__name__) looks the module up in
    # sys.modules to find its folder (templates/ lives there).
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


@pytest.fixture
def load_app() -> Iterator[Callable[[str, str], ModuleType]]:
    """``load_app(task_id, "flask" | "fastapi")`` -> the freshly imported module."""
    loaded: list[str] = []

    def _load(task: str, framework: str) -> ModuleType:
        module = load_module(EXAMPLES_DIR / task / APP_FILES[framework], f"{task}_{framework}")
        loaded.append(module.__name__)
        return module

    yield _load
    for name in loaded:
        sys.modules.pop(name, None)
