"""The measured framework figures (issue 14): throughput and p99 latency per task, by framework.

Built from a results file of ``benchmarks/frameworks/run.py`` (the medians of
:func:`criteria.performance.summarise`), so the chart shows exactly the figures the
`performance` ratings are derived from. Task (e) carries its physical limit
(requests in flight / 20 ms) as a tick beside each bar: a bar far below its tick is held
back by its server design, not by the 20 ms wait.
"""
from __future__ import annotations

from typing import Any, Mapping

import altair as alt
import pandas as pd

from charts import style
from criteria.performance import summarise

WORKER_COLOURS = ("#2563eb", "#0d9488", "#7c3aed", "#64748b")


def figures_frame(doc: Mapping[str, Any], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per framework x workers x task with a median: rps, p50, p99, limit and its share."""
    names = names or {}
    rows = []
    for c in summarise(doc):
        rows.append({
            "framework": names.get(c.framework, c.framework), "id": c.framework,
            "workers": f"{c.workers} worker{'s' if c.workers != 1 else ''}", "task": c.task,
            "task_name": str(doc.get("tasks", {}).get(c.task, {}).get("name", c.task)),
            "rps": c.rps, "p50_ms": c.p50_ms, "p99_ms": c.p99_ms, "limit_rps": c.limit_rps,
            "share_of_limit": c.share_of_limit, "ok_repeats": c.ok_repeats, "failed_repeats": c.failed_repeats,
        })
    return pd.DataFrame(rows)


def task_chart(doc: Mapping[str, Any], task: str, names: Mapping[str, str] | None = None,
               *, dark: bool = False) -> alt.TopLevelMixin:
    """Throughput (left) and p99 latency (right) of one task, a bar per framework and worker count."""
    data = figures_frame(doc, names)
    data = data[(data["task"] == task) & data["rps"].notna()]
    if data.empty:
        raise ValueError(f"no successful figures for task ({task}) in this results file")
    order = list(data.groupby("framework")["rps"].max().sort_values(ascending=False).index)
    workers = sorted(data["workers"].unique())
    colour = alt.Color("workers:N", title=None,
                       scale=alt.Scale(domain=workers, range=list(WORKER_COLOURS[:len(workers)])))
    tooltip = [alt.Tooltip("framework:N", title="Framework"), alt.Tooltip("workers:N", title="Server"),
               alt.Tooltip("rps:Q", title="Requests/s (median)", format=",.0f"),
               alt.Tooltip("p50_ms:Q", title="p50 ms", format=".1f"),
               alt.Tooltip("p99_ms:Q", title="p99 ms", format=".1f"),
               alt.Tooltip("ok_repeats:Q", title="Repeats counted"),
               alt.Tooltip("failed_repeats:Q", title="Repeats failed")]
    y = alt.Y("framework:N", sort=order, title=None)
    base = alt.Chart(data).encode(y=y, yOffset=alt.YOffset("workers:N", sort=workers), color=colour)
    rps = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("rps:Q", title="Requests per second (median)"), tooltip=tooltip)
    if task == "e":
        tooltip_e = tooltip + [alt.Tooltip("limit_rps:Q", title="Limit (in flight / 20 ms)", format=",.0f"),
                               alt.Tooltip("share_of_limit:Q", title="Share of limit", format=".0%")]
        rps = rps.encode(tooltip=tooltip_e)
        limit = base.mark_tick(thickness=3, size=14, color=style.LOSS).encode(x="limit_rps:Q", tooltip=tooltip_e)
        rps = rps + limit
    p99 = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("p99_ms:Q", title="p99 latency, ms (median; lower is better)"), tooltip=tooltip)
    name = str(doc.get("tasks", {}).get(task, {}).get("name", task))
    pinning = str(doc.get("machine", {}).get("pinning", ""))
    subtitle = [f"wrk, {doc.get('load_generator', {}).get('connections', '?')} connections; medians of "
                f"successful repeats. {pinning[:1].upper()}{pinning[1:]}."]
    if task == "e":
        subtitle.append("Orange tick: the physical limit, requests in flight / 20 ms "
                        "(workers x threads for a threaded WSGI server, every connection for an async one).")
    chart = alt.hconcat(rps.properties(width=300, height=alt.Step(14)),
                        p99.properties(width=220, height=alt.Step(14))).properties(
        title=style.title(f"({task}) {name}", subtitle))
    return style.finish(chart, dark)


def all_tasks(doc: Mapping[str, Any], names: Mapping[str, str] | None = None,
              *, dark: bool = False) -> dict[str, alt.TopLevelMixin]:
    """One chart per task that has figures, keyed by task id."""
    out = {}
    for task in doc.get("tasks", {}):
        try:
            out[task] = task_chart(doc, task, names, dark=dark)
        except ValueError:
            continue
    return out
