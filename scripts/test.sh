#!/usr/bin/env bash
# Makes a virtual environment, installs the project there with its `test` extra, then runs the
# whole suite in it: what is tested is what pyproject.toml declares, never what this machine
# happens to have installed. Used by the README's test command and by .ci/run: keep them the same.
#
#   bash scripts/test.sh [PYTEST OPTIONS]            newest versions pyproject.toml allows, in .venv/
#   bash scripts/test.sh --lowest [PYTEST OPTIONS]   lowest versions it allows (uv's lowest-direct
#                                                    resolution), in .venv-lowest/, without browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=newest
if [ "${1:-}" = "--lowest" ]; then
  MODE=lowest
  shift
fi
if [ "$MODE" = lowest ]; then VENV=.venv-lowest; else VENV=.venv; fi
PY="$VENV/bin/python"

# The browser tests drive Debian's Chromium through Playwright (Playwright cannot
# download its own browser on this network), so install it when it is missing.
if [ "$MODE" = newest ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing Debian's chromium for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The virtual environment. uv (from PyPI) resolves and installs in parallel and keeps a cache
# (~/.cache/uv) that the wheel-install test (tests/packaging/test_wheel.py) reuses.
if [ ! -x "$PY" ]; then
  echo "Creating $VENV ..."
  python3 -m venv "$VENV"
fi
"$PY" -m pip install --quiet --disable-pip-version-check "uv>=0.5"
if [ "$MODE" = lowest ]; then
  echo "Installing the lowest versions pyproject.toml allows into $VENV ..."
  # lowest-direct: the lowest allowed version of every direct dependency (runtime and test
  # extra), their own dependencies as new as those allow. Pinned first, so a reused
  # environment is moved to exactly these versions.
  "$PY" -m uv pip compile --quiet --python "$PY" --resolution lowest-direct --extra test \
    --output-file "$VENV/lowest.txt" pyproject.toml
  "$PY" -m uv pip install --quiet --python "$PY" -r "$VENV/lowest.txt" -e .
else
  echo "Installing the project with its test extra into $VENV ..."
  "$PY" -m uv pip install --quiet --python "$PY" --upgrade -e '.[test]'
fi

# Each tool or server a test needs (PostgreSQL, wrk, the ADR tools, ...) has its own
# idempotent install-and-start step in scripts/setup.d/, run in name order. A step that
# needs a Python tool finds the environment's interpreter in $STACKWISE_PYTHON.
for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "setup: $step"
  STACKWISE_PYTHON="$PWD/$PY" bash "$step"
done

if [ "$MODE" = lowest ]; then
  echo "Lowest direct dependencies:"
  grep -iE '^(streamlit|pyyaml|pandas|altair|numpy|pydantic|vl-convert-python|openpyxl|sqlalchemy|psycopg)[=\[]' \
    "$VENV/lowest.txt" || true
  exec "$PY" -m pytest -m "not browser" "$@"
fi
exec "$PY" -m pytest "$@"
