"""The "Code side by side" view: one task, its Flask and FastAPI versions next to each other.

A pure render function: everything it shows comes in as arguments (the tasks
from :func:`criteria.examples.load_tasks`, the criteria by id), it keeps no
module-level state and imports no Streamlit itself, so the app can render it
into the page or into any container (``st.tabs(...)[i]``, ``st.container()``).

Usage in app.py::

    from criteria.examples import load_tasks
    from ui.code_view import render_code_view

    render_code_view(st, load_tasks(), {c.id: c for c in matrix.criteria},
                     criterion_href=lambda cid: f"#criterion-{cid}")
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from criteria.examples import APP_FILES, FRAMEWORKS, ExampleTask

#: Display names of the two frameworks, in column order.
FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI"}

#: Syntax highlighting for supporting files, by suffix.
_LANGUAGES = {".html": "html", ".jinja": "django", ".jinja2": "django", ".css": "css", ".js": "javascript",
              ".py": "python", ".toml": "toml", ".txt": "text", ".cfg": "ini"}


def criterion_name(criteria_by_id: Mapping[str, Any], cid: str) -> str:
    """A criterion's display name: ``.name`` of a Criterion, a plain string, or the id itself."""
    value = criteria_by_id.get(cid)
    if value is None:
        return cid
    return str(getattr(value, "name", value))


def task_label(task: ExampleTask) -> str:
    return f"{task.order}. {task.title}"


def criteria_markdown(
    task: ExampleTask,
    criteria_by_id: Mapping[str, Any],
    criterion_href: Callable[[str], str] | None = None,
) -> str:
    """``Bears on: [Performance](#...), ...``; plain names when no link target is given."""
    parts = []
    for cid in task.spec.criteria:
        name = _md_escape(criterion_name(criteria_by_id, cid))
        parts.append(f"[{name}]({criterion_href(cid)})" if criterion_href else f"**{name}**")
    return "Bears on: " + ", ".join(parts)


def sources_markdown(task: ExampleTask, source_titles: Mapping[str, str] | None = None) -> str:
    """``Discussed in: <source> (<section>); ...``, or "" when the task cites no source."""
    if not task.spec.sources:
        return ""
    titles = source_titles or {}
    items = [f"{_md_escape(titles.get(s.source, s.source))} ({_md_escape(s.where)})" for s in task.spec.sources]
    return "Discussed in: " + "; ".join(items)


def render_code_view(
    st: Any,
    tasks: Sequence[ExampleTask],
    criteria_by_id: Mapping[str, Any],
    *,
    criterion_href: Callable[[str], str] | None = None,
    source_titles: Mapping[str, str] | None = None,
    key: str = "code_view_task",
) -> ExampleTask | None:
    """Render the task picker and the chosen task; return the chosen task (None if there are none).

    ``st`` is the streamlit module or a container; ``criteria_by_id`` maps ids to
    Criterion objects (or names); ``criterion_href`` turns an id into a link
    target; ``key`` keeps the picker's state apart if the view is shown twice.
    """
    if not tasks:
        st.info("No code examples were found (data/examples/ is empty).")
        return None
    by_id = {t.id: t for t in tasks}
    chosen_id = st.selectbox(
        "Task", options=list(by_id), format_func=lambda tid: task_label(by_id[tid]), key=key,
        help="The same task written in Flask and in FastAPI, in learning order.",
    )
    task = by_id.get(chosen_id, tasks[0])

    st.subheader(task.title)
    st.markdown(_md_escape(task.spec.summary))
    st.markdown(criteria_markdown(task, criteria_by_id, criterion_href))

    columns = st.columns(len(FRAMEWORKS))
    for column, fw in zip(columns, FRAMEWORKS):
        spec = task.framework(fw)
        column.markdown(f"#### {FRAMEWORK_NAMES[fw]}")
        column.caption("Install, then run from the task's folder:")
        column.code("\n".join([spec.install, *spec.run]), language="bash")
        if spec.note:
            column.caption(_md_escape(spec.note))
        column.caption(f"`{APP_FILES[fw]}`")
        column.code(task.code[fw], language="python", line_numbers=True, wrap_lines=True)
        if fw in task.tests and spec.test:
            column.caption(f"`{spec.test}`")
            column.code(task.tests[fw], language="python", line_numbers=True, wrap_lines=True)

    for rel, text in task.extra_files.items():
        suffix = rel[rel.rfind("."):] if "." in rel else ""
        st.caption(f"`{rel}` (used by both versions)")
        st.code(text, language=_LANGUAGES.get(suffix, "text"))

    st.markdown("**Differences**")
    st.markdown("\n".join(f"- {_md_escape(d)}" for d in task.spec.differences))
    sources = sources_markdown(task, source_titles)
    if sources:
        st.caption(sources)
    return task


def _md_escape(text: str) -> str:
    """Escape characters Streamlit's markdown would read as markup or HTML.

    Task texts quote code such as ``<script>`` or ``{'detail': [...]}``; square
    brackets would start links and ``<`` tags, so they are escaped. Backticks are
    kept: they render the quoted commands as inline code, and inside a code span
    a backslash would show, so only the text between spans is escaped.
    """
    parts = re.split(r"(`[^`]*`)", text)
    for i in range(0, len(parts), 2):  # even parts lie outside code spans
        for ch in ("\\", "[", "]", "*", "_", "<", ">", "$", "#", "|"):
            parts[i] = parts[i].replace(ch, "\\" + ch)
    return "".join(parts)
