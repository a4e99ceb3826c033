"""Issue 16, item 14: the record's Markdown keeps the matrix's inline code and ampersands readable.

Rationales such as "`flask run --debug` gives a dev server" and "Q&A volume" showed as
"\\`flask run --debug\\`" and "Q&amp;A" in the Markdown file.
"""
from __future__ import annotations

from pathlib import Path

from criteria import load_matrix
from stackwise_cli.main import main


def test_inline_code_and_ampersands_from_the_matrix_read_as_written(tmp_path: Path, capsys) -> None:
    # The matrix's own text, in a copy, so the test does not depend on today's wording of a rationale.
    from criteria.export import render_matrix

    shipped = load_matrix()
    texts = {("flask", "prototyping_speed"): "Start with `flask run --debug` and edit.",
             ("django", "community"): "A large Q&A archive and an official forum."}
    options = [o.model_copy(update={"ratings": {c: (r.model_copy(update={"rationale": texts[(o.id, c)]})
                                                    if (o.id, c) in texts else r) for c, r in o.ratings.items()}})
               for o in shipped.options]
    copy = tmp_path / "matrix.yaml"
    copy.write_text(render_matrix(shipped.model_copy(update={"options": options}), "yaml"), encoding="utf-8")
    shipped_copy = copy
    matrix = load_matrix(shipped_copy)
    assert "`flask run --debug`" in matrix.option("flask").ratings["prototyping_speed"].rationale
    assert "Q&A" in matrix.option("django").ratings["community"].rationale
    req = tmp_path / "req.yaml"
    req.write_text("title: Readable record\nweights: {prototyping_speed: 10, community: 10}\n"
                   "options: [flask, django]\n", encoding="utf-8")
    assert main(["record", str(req), "--out", str(tmp_path / "out"), "--no-charts",
                 "--matrix", str(shipped_copy)]) == 0, capsys.readouterr().err
    md = next((tmp_path / "out").glob("0001-*.md")).read_text(encoding="utf-8")
    assert "`flask run --debug`" in md and "\\`flask run" not in md
    assert "Q&A" in md and "Q&amp;A" not in md


def test_typed_markup_stays_inert(tmp_path: Path, capsys) -> None:
    """Typed text keeps its escaping: an entity typed stays as typed, a link is not a link."""
    req = tmp_path / "req.yaml"
    req.write_text("title: Readable\ncontext: 'see &lt;script&gt; and [x](https://evil.example) & `code`'\n"
                   "weights: {community: 10}\noptions: [flask, django]\n", encoding="utf-8")
    assert main(["record", str(req), "--out", str(tmp_path / "out"), "--no-charts"]) == 0, capsys.readouterr().err
    md = next((tmp_path / "out").glob("0001-*.md")).read_text(encoding="utf-8")
    assert "&amp;lt;script&amp;gt;" in md and "[x](https://evil.example)" not in md
