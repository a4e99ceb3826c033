"""The measured-figures charts (charts/benchmarks.py, issue 14) on a small hand-made results document."""
from __future__ import annotations

import json

import pytest

from charts.benchmarks import all_tasks, figures_frame, task_chart


def _doc() -> dict:
    runs = []
    for fw, rps in (("flask", 100.0), ("fastapi", 300.0)):
        for task in ("a", "e"):
            for rep, k in enumerate((1.0, 1.2, 0.8), 1):
                runs.append({"framework": fw, "workers": 1, "task": task, "repeat": rep, "rps": rps * k,
                             "p50_ms": 5.0, "p99_ms": 20.0 * k, "failed": False})
    runs.append({"framework": "flask", "workers": 1, "task": "a", "repeat": 4, "rps": 1e6, "p50_ms": 1.0,
                 "p99_ms": 1.0, "failed": True})
    return {"tasks": {"a": {"name": "JSON hello"}, "e": {"name": "I/O-bound"}},
            "load_generator": {"connections": 64}, "machine": {"pinning": "pinned"},
            "servers": {"flask": {"interface": "wsgi", "threads": 4}, "fastapi": {"interface": "asgi"}},
            "runs": runs}


def test_frame_holds_medians_without_failed_runs() -> None:
    df = figures_frame(_doc(), {"flask": "Flask"})
    row = df[(df["id"] == "flask") & (df["task"] == "a")].iloc[0]
    assert (row["framework"], row["rps"], row["ok_repeats"], row["failed_repeats"]) == ("Flask", 100.0, 3, 1)
    e = df[(df["id"] == "fastapi") & (df["task"] == "e")].iloc[0]
    assert (e["limit_rps"], e["share_of_limit"]) == (3200.0, round(300 / 3200, 4))


def test_task_e_chart_draws_the_limit_and_validates() -> None:
    spec = task_chart(_doc(), "e").to_dict(validate=True)
    text = json.dumps(spec)
    assert "limit_rps" in text and '"tick"' in text
    assert "p99_ms" in text
    assert '"tick"' not in json.dumps(task_chart(_doc(), "a").to_dict(validate=True))


def test_every_task_with_figures_gets_a_chart_and_unknown_tasks_none() -> None:
    assert list(all_tasks(_doc())) == ["a", "e"]
    with pytest.raises(ValueError, match="no successful figures"):
        task_chart(_doc(), "c")
