"""A print-friendly, self-contained HTML page of the same record, for the meeting room.

No scripts, no external resources: styles are inline in ``<style>``, charts
are embedded as ``<img src="data:image/svg+xml;base64,...">`` (an SVG shown
through ``<img>`` cannot run scripts, even if one were in it). Every text
span is HTML-escaped; a Content-Security-Policy meta tag forbids scripts as a
second line of defence. ``@media print`` sets A4 margins, drops link colours
and keeps headings with the text that follows.
"""
from __future__ import annotations

import base64
import datetime as _dt

from records.blocks import Block, Bullets, Code, CodeBlock, Document, Heading, Image, Inline, Link, Para, Strong
from criteria.escape import clean, html_text, one_line, paragraphs, squash
from records.markdown import local_href

CSS = """
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
table.meta { border-collapse: collapse; margin: 1em 0; font-size: .95em; }
table.meta th { text-align: left; padding: .15em 1em .15em 0; color: #555; font-weight: 600; }
table.meta td { padding: .15em 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em;
            background: #f3f3f3; border-radius: 3px; }
code { padding: 0 .25em; }
pre { padding: .6em .8em; white-space: pre-wrap; word-break: break-all; }
img { max-width: 100%; height: auto; display: block; margin: .8em 0; }
li { margin: .2em 0; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; margin: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  img, pre, li { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


def _inline(content: Inline) -> str:
    out = []
    for span in content:
        if isinstance(span, str):
            out.append(html_text(squash(span)))
        elif isinstance(span, Strong):
            out.append(f"<strong>{html_text(squash(span.text))}</strong>")
        elif isinstance(span, Code):
            out.append(f"<code>{html_text(squash(span.text))}</code>")
        elif isinstance(span, Link):
            href = local_href(span.href)
            text = html_text(squash(span.text))
            out.append(f'<a href="{html_text(href)}">{text}</a>' if href else text)
    return "".join(out)


def _block(b: Block, svgs: dict[str, str]) -> str:
    if isinstance(b, Heading):
        level = max(1, min(b.level, 6))
        return f"<h{level}>{_inline(b.content)}</h{level}>"
    if isinstance(b, Para):
        if b.multiline:
            text = "".join(s for s in b.content if isinstance(s, str))
            return "\n".join(
                # single newlines are soft breaks, as in the Markdown rendering of the same text
                "<p>" + "\n".join(html_text(line.strip()) for line in para.split("\n")) + "</p>"
                for para in paragraphs(text)
            )
        return f"<p>{_inline(b.content)}</p>"
    if isinstance(b, Bullets):
        items = "\n".join(f"<li>{_inline(item)}</li>" for item in b.items)
        return f"<ul>\n{items}\n</ul>"
    if isinstance(b, Image):
        svg = svgs.get(b.src)
        if svg is not None:
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            return f'<img alt="{html_text(b.alt)}" src="data:image/svg+xml;base64,{data}">'
        href = local_href(b.src)
        return f'<img alt="{html_text(b.alt)}" src="{html_text(href)}">' if href else ""
    if isinstance(b, CodeBlock):
        return f"<pre><code>{html_text(b.text)}</code></pre>"
    raise TypeError(type(b))  # pragma: no cover


def block(b: Block) -> str:
    """One block as HTML (no embedded images): for edits of a written page, e.g. a status change."""
    return _block(b, {})


def _meta_value(value: object) -> str:
    if isinstance(value, list):
        return html_text(", ".join(one_line(str(v)) for v in value)) if value else "&mdash;"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return html_text(clean(str(value)))


def render(doc: Document, svgs: dict[str, str] | None = None) -> str:
    """The page. ``svgs`` maps an image file name to its SVG text, embedded when given."""
    svgs = svgs or {}
    title_block = next((b for b in doc.blocks if isinstance(b, Heading) and b.level == 1), None)
    title = _inline(title_block.content) if title_block else "Decision record"
    rows = "\n".join(
        f"<tr><th>{html_text(str(k))}</th><td>{_meta_value(v)}</td></tr>" for k, v in doc.front.items()
    )
    body = []
    for b in doc.blocks:
        body.append(_block(b, svgs))
        if b is title_block:
            body.append(f'<table class="meta">\n{rows}\n</table>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(x for x in body if x)
        + "\n</body>\n</html>\n"
    )
