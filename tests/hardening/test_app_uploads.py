"""The app, fed the corpus: every broken matrix upload is reported inline and loses nothing.

One AppTest session sets its own weights, title and context, then uploads every
hostile matrix and CSV file of the corpus to the matrix uploader, and every
hostile bundle (plus the requirements files that attack the parser: tags,
alias bombs, bad bytes) to the bundle-restore uploader, in turn - the way a person might try
file after file. After each upload: no exception on the page, an error naming
the file, and the weights, title, context and headline exactly as before.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from criteria import load_matrix

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
ENTRIES = yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))["entries"]
#: The requirements files that attack the parser itself (tags, bombs, bytes, huge numbers);
#: the merely wrong ones would only repeat the "not a bundle" message, at a second each.
_HOSTILE = ("tag-", "alias-", "anchor-", "deep-", "latin1", "utf16", "nul-", "binary-", "control-",
            "truncated-", "number-10-pow", "number-base60", "syntax-", "duplicate-top")
#: (corpus entry, uploader key, phrase of the inline error)
UPLOADS = [(e, "matrix_upload", "not loaded") for e in ENTRIES if e["kind"] in ("matrices", "csv", "xlsx", "zips")] + [
    (e, "record_bundle_upload", "not restored") for e in ENTRIES
    # That uploader takes .yaml/.yml only (Streamlit enforces the extension itself).
    if e["file"].endswith(".yaml")
    and (e["kind"] == "bundles" or (e["kind"] == "requirements" and Path(e["file"]).name.startswith(_HOSTILE)))
]


def _snapshot(at: AppTest, ids: list[str]) -> dict[str, object]:
    return {
        "weights": {c: at.slider(key=f"w:{c}").value for c in ids},
        "title": at.text_input(key="title").value,
        "context": at.text_area(key="context").value,
        "headline": [m.value for m in at.metric],
    }


def test_every_broken_upload_is_reported_and_nothing_is_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STACKWISE_MATRIX", raising=False)
    ids = load_matrix().criterion_ids()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    # This session's own state: not the defaults, so a reset would show.
    for i, c in enumerate(ids):
        at.slider(key=f"w:{c}").set_value((3 * i + 1) % 11)
    at.text_input(key="title").set_value("Pick the partner API framework")
    at.text_area(key="context").set_value("Three developers; partners read the OpenAPI docs.")
    at.run()
    before = _snapshot(at, ids)
    assert before["headline"], "the page shows no headline to compare against"

    failures = []
    for entry, key, phrase in UPLOADS:
        name = Path(entry["file"]).name
        raw = (CORPUS / entry["file"]).read_bytes()
        at.file_uploader(key=key).set_value((name, raw, "application/octet-stream")).run()
        shown = "\n".join(c.value for c in at.code)
        problems = []
        if at.exception:
            problems.append(f"exception: {at.exception[0].value}")
        if not any(phrase in e.value for e in at.error) or name not in shown:
            problems.append("no inline error naming the file")
        if _snapshot(at, ids) != before:
            problems.append("state changed")
        if problems:
            failures.append(f"{entry['file']}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)
