"""The "Code side by side" view renders the chosen task's two files, commands, differences and criteria."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from criteria.examples import load_tasks
from ui.code_view import _md_escape, criteria_markdown, criterion_name, sources_markdown


def _page(task_id: str | None = None, with_links: bool = True) -> AppTest:
    def script(with_links: bool) -> None:
        import streamlit as st

        from criteria.examples import load_tasks
        from criteria.loader import load_catalog
        from ui.code_view import render_code_view

        chosen = render_code_view(
            st.container(), load_tasks(), {c.id: c for c in load_catalog()},
            criterion_href=(lambda cid: f"#criterion-{cid}") if with_links else None,
            source_titles={"vonage-2021": "Vonage blog (2021)"},
        )
        st.text(f"chosen={chosen.id if chosen else None}")

    at = AppTest.from_function(script, kwargs={"with_links": with_links}, default_timeout=30)
    at.run()
    if task_id is not None:
        at.selectbox(key="code_view_task").select(task_id).run()
    assert not at.exception, at.exception
    return at


def test_picker_lists_tasks_in_learning_order() -> None:
    at = _page()
    picker = at.selectbox(key="code_view_task")
    tasks = load_tasks()
    assert picker.options == [f"{t.order}. {t.title}" for t in tasks]
    assert at.text[0].value == f"chosen={tasks[0].id}"


def test_chosen_task_shows_both_files_commands_differences_and_criteria() -> None:
    at = _page("validation")
    task = next(t for t in load_tasks() if t.id == "validation")
    assert at.text[0].value == "chosen=validation"
    codes = [c.value.strip() for c in at.code]
    python_blocks = [c for c in at.code if c.language == "python"]
    # (Streamlit drops the files' final newline.)
    assert [c.value.strip() for c in python_blocks] == [task.code["flask"].strip(), task.code["fastapi"].strip()]
    # The two files sit in two columns, Flask first.
    assert len(at.columns) == 2
    assert task.code["flask"].strip() in [c.value.strip() for c in at.columns[0].code]
    assert task.code["fastapi"].strip() in [c.value.strip() for c in at.columns[1].code]
    assert "\n".join([task.spec.flask.install, *task.spec.flask.run]) in codes
    assert "\n".join([task.spec.fastapi.install, *task.spec.fastapi.run]) in codes
    markdown = "\n".join(m.value for m in at.markdown)
    from criteria.loader import load_catalog

    names = {c.id: c.name for c in load_catalog()}
    for cid in task.spec.criteria:
        assert f"[{_md_escape(names[cid])}](#criterion-{cid})" in markdown
    assert markdown.count("\n- ") + 1 >= len(task.spec.differences)
    assert "Vonage blog (2021) (Data Validation)" in "\n".join(c.value for c in at.caption)


def test_testing_task_shows_its_test_files_and_templates_task_its_template() -> None:
    at = _page("testing")
    values = [c.value.strip() for c in at.code]
    task = next(t for t in load_tasks() if t.id == "testing")
    assert task.tests["flask"].strip() in values and task.tests["fastapi"].strip() in values
    at.selectbox(key="code_view_task").select("templates").run()
    html = [c for c in at.code if c.language == "html"]
    assert len(html) == 1 and "{{ name }}" in html[0].value


def test_plain_names_without_links() -> None:
    at = _page("cors", with_links=False)
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Bears on: **" in markdown
    assert "](#criterion-" not in markdown


def test_empty_task_list_shows_a_message() -> None:
    def script() -> None:
        import streamlit as st

        from ui.code_view import render_code_view

        assert render_code_view(st, [], {}) is None

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    assert not at.exception
    assert "No code examples" in at.info[0].value


def test_helpers() -> None:
    task = next(t for t in load_tasks() if t.id == "cors")
    assert criterion_name({}, "ecosystem") == "ecosystem"
    assert criterion_name({"ecosystem": "Ecosystem"}, "ecosystem") == "Ecosystem"
    assert criteria_markdown(task, {"security_builtins": "Security", "ecosystem": "Eco"}) == \
        "Bears on: **Security**, **Eco**"
    assert sources_markdown(task).startswith("Discussed in: contentful-2025 (")
    # Markup outside code spans is neutralised; code spans are kept verbatim.
    assert _md_escape("<b>[x]</b> `a[b]_c`") == "\\<b\\>\\[x\\]\\</b\\> `a[b]_c`"
