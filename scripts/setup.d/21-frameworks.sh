#!/usr/bin/env bash
# The eight frameworks of the benchmark (issue 14) in their own venv, .venv-frameworks/,
# from pyproject.toml's pinned `frameworks` extra (kept apart: Sanic needs a newer setuptools
# than the project's environment has). Idempotent: reinstalls only when the pins changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 benchmarks/frameworks/environment.py >/dev/null
