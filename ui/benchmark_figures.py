"""The measured figures behind the `performance` ratings, shown in the Evidence tab (issue 14).

When the criterion opened in the evidence explorer is `performance` and its ratings cite a
stackwise benchmark results file (a source of kind ``benchmark``), this draws one chart per
task (charts/benchmarks.py) from that file: the same medians the ratings are derived from.
The specs are cached per file and theme (as ui/chart_specs.py does for the other charts), so
reruns do not rebuild and re-validate them.
"""
from __future__ import annotations

import streamlit as st

from charts.benchmarks import all_tasks
from criteria import Matrix
from criteria.errors import InputError
from criteria.models import SourceKind
from criteria.performance import load_results, results_file
from ui.answer import page_is_dark
from ui.chart_specs import spec_of
from ui.md import esc

CRITERION = "performance"


def cited_results(matrix: Matrix, options: list[str]) -> list[str]:
    """Ids of stackwise results files the compared options' performance evidence cites and that exist."""
    bench = {s.id for s in matrix.sources if s.kind == SourceKind.benchmark}
    ids = []
    for oid in options:
        entry = matrix.option(oid).ratings.get(CRITERION)
        for e in entry.evidence if entry else ():
            if e.source in bench and e.source not in ids and results_file(e.source).exists():
                ids.append(e.source)
    return ids


@st.cache_data(show_spinner=False, max_entries=16)
def _specs(rid: str, mtime_ns: int, dark: bool, names: tuple[tuple[str, str], ...]) -> tuple[dict, list[dict]]:
    """The results document and one Vega-Lite spec per task (cached by file, its mtime and the theme)."""
    doc = load_results(results_file(rid))
    return doc, [spec_of(c) for c in all_tasks(doc, dict(names), dark=dark).values()]


def render(matrix: Matrix, cid: str, options: list[str]) -> None:
    """An expander with the measured charts, when ``cid`` is performance and a results file is cited."""
    if cid != CRITERION:
        return
    names = {o.id: o.name for o in matrix.options}
    for rid in cited_results(matrix, options):
        try:
            path = results_file(rid)
            doc, specs = _specs(rid, path.stat().st_mtime_ns, page_is_dark(), tuple(sorted(names.items())))
        except (InputError, ValueError, KeyError, OSError) as exc:
            st.warning(f"The benchmark results {esc(rid)} could not be drawn: {esc(str(exc))}")
            continue
        m = doc.get("machine", {})
        with st.expander(f"Measured figures: {rid} (throughput and p99 latency per task)", expanded=True):
            st.caption(esc(
                f"Run by stackwise with benchmarks/frameworks/run.py on {m.get('cpu_model')}, "
                f"{m.get('cores')} cores ({m.get('pinning')}), Python {m.get('python')}; "
                f"{doc.get('load_generator', {}).get('repeats')} repeats, medians. Rerun it on your own "
                f"hardware: python3 benchmarks/frameworks/run.py."))
            for spec in specs:
                st.vega_lite_chart(spec)
