"""SVG charts for a record (placeholder until the charts package lands)."""
from __future__ import annotations

from typing import Any

from criteria.models import Matrix


def record_charts(evaluation: Any, matrix: Matrix) -> dict[str, str]:
    return {}
