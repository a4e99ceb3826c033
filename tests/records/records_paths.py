"""Paths and constants shared by the decision-record tests (a unique module name: no clash with other conftests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures"
MATRIX_DIR = FIX / "matrix"
REQ_FILE = FIX / "api.yaml"
GOLDEN = HERE / "golden"
DATE = dt.date(2026, 11, 21)
