"""Typed text cannot add HTML, scripts, links, images or headings to a record."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import yaml

from criteria import Requirements, Stakeholder
from criteria.escape import code_span, md_inline, md_lines, safe_url
from criteria.escape import clean, html_text
from records.record import render_record

from records_paths import DATE

HOSTILE_TITLE = "# Injected <script>alert(1)</script> [click](javascript:alert(1)) ![x](http://e.vil/p.png)\n## Two"
HOSTILE_CONTEXT = "\n".join([
    "# Injected heading",
    "## Decision Outcome",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pixel](https://e.vil/track.png)",
    "    indented code",
    "- list item",
    "1. ordered",
    "2) ordered",
    "> quote",
    "===",
    "---",
    "```",
    "| a | b |",
    "`code` *em* _em_ ~~del~~ $x$",
    "&lt;b&gt;entity&lt;/b&gt;",
    "trailing spaces   ",
    "rtl \u202e override",
])

SECTIONS = ["Context and Problem Statement", "Decision Drivers", "Considered Options", "Decision Outcome",
            "Pros and Cons of the Options", "More Information"]


def _body(md: str) -> str:
    return md.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def hostile(rec_matrix, frozen_results):
    req = Requirements(
        title=HOSTILE_TITLE, context=HOSTILE_CONTEXT, weights={"docs": 8, "speed": 5, "learning": 3},
        must_have={"speed": 2},
    )
    return render_record(frozen_results, req, rec_matrix, number=7, date=DATE)


def test_only_our_headings(hostile):
    body = _body(hostile.markdown)
    h1 = [line for line in body.splitlines() if re.match(r"^#\s", line)]
    h2 = [line[3:] for line in body.splitlines() if re.match(r"^##\s", line)]
    assert len(h1) == 1, h1
    assert h2 == SECTIONS
    assert not any(re.match(r"^\s{0,3}#+\s*Injected", line) for line in body.splitlines())
    assert h1[0].startswith(r"# \# Injected &lt;script&gt;")


def test_no_raw_html_or_links_from_typed_text(hostile):
    body = _body(hostile.markdown)
    assert "<script" not in body and "<img" not in body
    # every [ and ] that came from typed text is escaped, so no link or image syntax remains
    assert not re.search(r"(?<!\\)\]\(javascript", body)
    assert not re.search(r"(?<!\\)!\[pixel", body)
    assert "&lt;script&gt;" in body  # shown, not dropped
    assert "&amp;lt;b&amp;gt;" in body  # a typed entity stays literal text


def test_context_lines_cannot_open_blocks(hostile):
    body = _body(hostile.markdown)
    ctx = body.split("## Context and Problem Statement\n\n", 1)[1].split("\n\nWhich of", 1)[0]
    for line in ctx.splitlines():
        assert line == line.strip(), repr(line)  # no indentation (code block) or hard-break spaces
        assert not re.match(r"^([-+*>=|`~#]|\d+[.)]|<)", line), line
    assert "\u202e" not in body


def test_html_escapes_everything(hostile):
    page = hostile.html
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert 'href="javascript' not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page


def test_front_matter_names_cannot_add_keys(rec_matrix, frozen_results):
    req = Requirements(
        title="T",
        stakeholders=[
            Stakeholder(name="Eve\n---\nstatus: accepted\n# Injected", role="decision-maker", weights={"docs": 1}),
            Stakeholder(name="Mallory: [x](javascript:1)", role="consulted", weights={"speed": 1}),
            Stakeholder(name="- Olu", role="informed"),
        ],
    )
    md = render_record(frozen_results, req, rec_matrix, number=1, date=DATE).markdown
    assert md.startswith("---\n")
    front_text, body = md[4:].split("\n---\n", 1)
    front = yaml.safe_load(front_text)
    assert front["status"] == "proposed"
    assert set(front) == {"status", "date", "decision-makers", "consulted", "informed"}
    assert front["decision-makers"] == ["Eve --- status: accepted # Injected"]
    assert front["consulted"] == ["Mallory: [x](javascript:1)"]
    assert front["informed"] == ["- Olu"]
    assert not any(line.startswith("# Injected") for line in body.splitlines())


@pytest.mark.parametrize("text, expected", [
    ("a*b*c", r"a\*b\*c"),
    ("[x](y)", r"\[x\](y)"),
    ("<b>&", "&lt;b&gt;&amp;"),
    ("line\nbreak", "line break"),
    ("`tick`", r"\`tick\`"),
    ("C# and F#", r"C\# and F\#"),
])
def test_md_inline(text, expected):
    assert md_inline(text) == expected


def test_md_lines_neutralises_block_starts():
    assert md_lines("- a\n+ b\n10. c\n3) d\n   # e\n=== \n") == [r"\- a", r"\+ b", r"10\. c", r"3\) d", r"\# e", r"\==="]


def test_code_span_handles_backticks():
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"


def test_safe_url():
    assert safe_url("https://example.org/a_(b)") == "https://example.org/a_%28b%29"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/etc/passwd", "https://e.org/a b", "https://x/<"):
        assert safe_url(bad) is None


def test_clean_and_html_text():
    assert clean("a\r\nb\rc\td\x00e\u202ef") == "a\nb\nc def"
    assert html_text('"><img src=x>') == "&quot;&gt;&lt;img src=x&gt;"


def test_hostile_matrix_text_and_urls_are_inert(tmp_path, frozen_results, rec_req):
    """An uploaded matrix is typed by someone too: names, rationales and URLs are escaped or dropped."""
    import json

    from criteria import load_matrix
    from criteria.export import matrix_to_dict

    from records_paths import MATRIX_DIR

    data = matrix_to_dict(load_matrix(MATRIX_DIR))
    alpha = next(o for o in data["options"] if o["id"] == "alpha")
    alpha["name"] = "Alpha <script>x()</script>"
    alpha["url"] = "javascript:alert(1)"
    alpha["ratings"]["docs"]["rationale"] = "# Heading\n[link](javascript:alert(2))"
    data["sources"][1]["url"] = "javascript:alert(3)"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data))
    rec = render_record(frozen_results, rec_req, load_matrix(path), number=1, date=DATE)
    for text in (rec.markdown, rec.html):
        assert "<script" not in text
        assert "(<javascript" not in text and 'href="javascript' not in text
    assert not re.search(r"(?<!\\)\[link\]", rec.markdown)  # Markdown link syntax escaped (HTML has none)
    assert "### Alpha &lt;script&gt;x()&lt;/script&gt;" in rec.markdown


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_escaped_text_keeps_no_live_markup(text):
    inline = md_inline(text)
    bare = re.sub(r"\\.", "", inline)  # drop escaped pairs; what is left must be inert
    assert not set(bare) & set("\\`*_[]~|$#<>\n")
    for line in md_lines(text):
        assert line == line.strip()
        assert not re.match(r"^([-+=]|\d+[.)])", line)
