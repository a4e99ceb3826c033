"""The built wheel, installed into a fresh virtual environment, works from any folder.

``python -m build`` makes the sdist and, from it, the wheel (so the sdist is checked to
carry everything too), out of a copy of the files git tracks: what a fresh clone has.
The wheel goes into a new virtual environment (no ``-e``, no checkout on the path,
started from a temporary folder), where ``stackwise validate``, ``evaluate`` and
``record`` run and ``stackwise app`` serves the page Chromium loads.

Slow (a build and an install), so marked ``browser`` with the other end-to-end tests.
Installs go through uv when it is there (scripts/test.sh puts it in .venv): its cache
already holds every dependency, so the fresh environment costs seconds, not minutes.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from criteria.loader import load_matrix

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
STARTUP_SECONDS = 180  # a bound for a hang, not a speed goal: a busy 2-core machine took 110 s
#: Top-level folders whose tracked files are read at run time, and where the wheel puts them.
SHIPPED = {"data": "stackwise_data", "criteria": "criteria", "scoring": "scoring", "charts": "charts",
           "records": "records", "ui": "ui", "stackwise_cli": "stackwise_cli"}
INSTALL_TIMEOUT = 1200  # a cold cache downloads every dependency


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(cmd)} exited {out.returncode}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [p for p in out.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


def _uv() -> list[str] | None:
    try:
        from uv import find_uv_bin
    except ImportError:
        return None
    return [find_uv_bin()]


def _clean_env() -> dict[str, str]:
    """The environment minus anything that would put a checkout or another matrix in reach."""
    return {k: v for k, v in os.environ.items()
            if k not in {"PYTHONPATH", "STACKWISE_MATRIX", "VIRTUAL_ENV", "PYTHONHOME"}}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the build copies the files git tracks")
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    for rel in _tracked_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    cmd = [sys.executable, "-m", "build", "--outdir", str(base / "dist")]
    if _uv():
        cmd += ["--installer", "uv"]
    _run(cmd + [str(src)], cwd=base, env=_clean_env(), timeout=INSTALL_TIMEOUT)
    (wheel,) = (base / "dist").glob("stackwise-*.whl")
    (sdist,) = (base / "dist").glob("stackwise-*.tar.gz")
    return {"base": base, "wheel": wheel, "sdist": sdist}


def test_wheel_and_sdist_carry_every_tracked_runtime_file(built: dict[str, Path]) -> None:
    wheel_names = set(zipfile.ZipFile(built["wheel"]).namelist())
    with tarfile.open(built["sdist"]) as tar:
        sdist_names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing_wheel, missing_sdist = [], []
    for rel in _tracked_files():
        top, _, rest = rel.partition("/")
        if top not in SHIPPED or not rest:
            continue
        if f"{SHIPPED[top]}/{rest}" not in wheel_names:
            missing_wheel.append(rel)
        if rel not in sdist_names:
            missing_sdist.append(rel)
    assert not missing_wheel, f"not in the wheel (declare them in pyproject.toml's package-data): {missing_wheel}"
    assert not missing_sdist, f"not in the sdist: {missing_sdist}"


@pytest.fixture(scope="module")
def venv(built: dict[str, Path]) -> Path:
    env_dir = built["base"] / "venv"
    uv = _uv()
    if uv:
        _run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], cwd=built["base"])
        _run(uv + ["pip", "install", "--python", str(env_dir / "bin" / "python"), str(built["wheel"])],
             cwd=built["base"], env=_clean_env(), timeout=INSTALL_TIMEOUT)
    else:
        _run([sys.executable, "-m", "venv", str(env_dir)], cwd=built["base"])
        _run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(built["wheel"])],
             cwd=built["base"], env=_clean_env(), timeout=INSTALL_TIMEOUT)
    return env_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder with no checkout in it or above it, to start the commands from."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "data" / "requirements" / "ml-api-simple.yaml", work / "req.yaml")
    return work


def test_installed_package_reads_its_own_files(venv: Path, elsewhere: Path) -> None:
    out = _run([str(venv / "bin" / "python"), "-c",
                "import criteria, criteria.loader as l; print(criteria.__file__); print(l.DATA_DIR)"],
               cwd=elsewhere, env=_clean_env())
    module, data = out.stdout.split()
    site = str(venv / "lib")
    assert module.startswith(site) and data.startswith(site) and data.endswith("stackwise_data")


def test_cli_validates_evaluates_and_records_from_another_folder(venv: Path, elsewhere: Path) -> None:
    stackwise = str(venv / "bin" / "stackwise")
    env = _clean_env()
    out = _run([stackwise, "validate"], cwd=elsewhere, env=env)
    # The installed copy must report what the checkout holds, not a count frozen in this test.
    matrix = load_matrix()
    assert out.stdout.startswith(f"OK: {len(matrix.criteria)} criteria, {len(matrix.options)} options"), out.stdout
    out = _run([stackwise, "evaluate", "req.yaml", "--format", "json"], cwd=elsewhere, env=env)
    assert json.loads(out.stdout)["winner"] == "fastapi"
    _run([stackwise, "record", "req.yaml", "--out", "decisions"], cwd=elsewhere, env=env)
    written = sorted(p.name for p in (elsewhere / "decisions").iterdir())
    assert any(n.endswith(".md") for n in written) and any(n.endswith(".stackwise.yaml") for n in written)
    assert any(n.endswith(".svg") for n in written), written


def test_app_serves_the_desk_with_its_settings_from_another_folder(venv: Path, elsewhere: Path, browser) -> None:
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "stackwise-app-wheel.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [str(venv / "bin" / "stackwise"), "app", "--port", str(port), "--",
             "--server.address", "127.0.0.1"],
            cwd=elsewhere, env=_clean_env(), stdout=fh, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert proc.poll() is None, f"stackwise app exited {proc.returncode}:\n{log.read_text()[-3000:]}"
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"not healthy in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}"
            time.sleep(0.3)
        # A dark system theme: only the packaged settings (theme.base = light) make the page light.
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
        page = context.new_page()
        try:
            page.goto(base, timeout=180_000)
            headline = page.locator("[data-testid='stMetricValue']").first
            headline.wait_for(timeout=180_000)
            names = {o.name for o in load_matrix().options}
            # One option, or the options tied for first ("Django and FastAPI", "A, B and C").
            shown = [n.strip() for n in headline.inner_text().replace(" and ", ", ").split(",")]
            assert shown and set(shown) <= names, shown
            assert page.get_by_role("heading", name="Which Python web framework?").count() == 1
            assert page.locator("[data-testid='stException']").count() == 0
            # The settings came along although no .streamlit/ folder is in reach: light theme,
            # minimal toolbar (no Deploy button).
            background = page.evaluate(
                "getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).backgroundColor")
            assert background == "rgb(255, 255, 255)"
            assert page.get_by_role("button", name="Deploy").count() == 0
            page.screenshot(path=str(ARTIFACTS / "stackwise-app-wheel.png"))
        finally:
            context.close()
    finally:
        proc.terminate()  # only the server this test started
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
