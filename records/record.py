"""Make one decision record (Markdown, HTML, bundle, SVG charts) in memory; write it at the edge.

:func:`make_record` is pure apart from the chart rendering (vl-convert, in
process): no clock (the date is a parameter), no files. :func:`write_record`
is the only function here that touches the disk, and it writes nothing when a
file it would write already exists.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from criteria.errors import InputError
from criteria.models import Matrix, Profile, Requirements
from records import content, flavors, html, naming
from records.blocks import Document, Heading
from records.bundle import STATUS_PATTERN, bundle_dict, dump_bundle
from records.hashing import inputs_sha256, matrix_sha256

#: Fixed time stamp for zip entries, so the same record gives the same zip bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class RecordFiles:
    """Everything one record consists of, keyed by file name."""

    number: int
    title: str
    stem: str
    markdown: str
    html: str
    bundle: str
    svgs: dict[str, str] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def markdown_name(self) -> str:
        return self.stem + ".md"

    @property
    def bundle_name(self) -> str:
        return self.stem + naming.BUNDLE_SUFFIX

    @property
    def html_name(self) -> str:
        return self.stem + ".html"

    def files(self) -> dict[str, bytes]:
        out = {self.markdown_name: self.markdown, self.bundle_name: self.bundle, self.html_name: self.html}
        out.update(self.svgs)
        return {name: text.encode("utf-8") for name, text in out.items()}

    def zip_bytes(self) -> bytes:
        """A zip of all files in one folder named after the record (deterministic bytes)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in sorted(self.files().items()):
                info = zipfile.ZipInfo(f"{self.stem}/{name}", date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)
        return buf.getvalue()


def check_status(status: str) -> str:
    if not re.match(STATUS_PATTERN, status or ""):
        raise InputError.single(
            None, f"unknown status {status!r}.", path=("status",),
            expected="proposed, accepted, rejected, deprecated or 'superseded by NNNN-title' (the successor's "
                     "file name without .md)",
        )
    return status


def make_record(
    requirements: Requirements,
    matrix: Matrix,
    *,
    number: int,
    date: _dt.date,
    status: str = "proposed",
    samples: int = 10_000,
    seed: int = 0,
    concentration: float | None = None,
    profiles: Mapping[str, Profile] | Sequence[Profile] | None = None,
    charts: bool = True,
    flavor: str = flavors.DEFAULT_FLAVOR,
    supersedes: Sequence[str] = (),
) -> RecordFiles:
    """Evaluate and render one record. Raises :class:`InputError` for bad inputs (before anything is written)."""
    from scoring import evaluate  # the engine; imported here so records stays importable on its own

    check_status(status)
    if not 0 <= number <= 9999:
        raise InputError.single(None, f"record number {number} is outside 0-9999.", expected="0-9999")
    kwargs: dict[str, Any] = {"samples": samples, "seed": seed}
    if concentration is not None:
        kwargs["concentration"] = concentration
    if profiles is not None:
        kwargs["profiles"] = profiles
    evaluation = evaluate(matrix, requirements, **kwargs)
    svgs: dict[str, str] = {}
    if charts:
        from records.charts import record_charts

        svgs = record_charts(evaluation, matrix)
    return render_record(evaluation.to_dict(), requirements, matrix, number=number, date=date, status=status,
                         charts=svgs, flavor=flavor, supersedes=supersedes)


def render_record(
    results: dict[str, Any],
    requirements: Requirements,
    matrix: Matrix,
    *,
    number: int,
    date: _dt.date,
    status: str = "proposed",
    charts: Mapping[str, str] | None = None,
    flavor: str = flavors.DEFAULT_FLAVOR,
    supersedes: Sequence[str] = (),
) -> RecordFiles:
    """Render a record from an evaluation's ``to_dict()`` (pure: no engine, no clock, no files).

    ``charts`` maps a chart key (``scores``, ``win_probability``, ``flip_points``)
    to its SVG text; each becomes ``NNNN-title-<key>.svg`` beside the record.
    ``flavor`` is the Markdown layout (:mod:`records.flavors`); the HTML and the
    bundle are the same in every flavour. ``supersedes``: file stems of the
    records this one replaces, linked from it.
    """
    check_status(status)
    if flavor not in flavors.FLAVORS:
        raise InputError.single(None, f"unknown flavour {flavor!r}.", path=("flavor",),
                                expected=", ".join(flavors.FLAVORS))
    title = content.effective_title(requirements, matrix)
    stem = naming.stem(number, title)
    svgs: dict[str, str] = {}
    chart_files: dict[str, str] = {}
    for key, svg in (charts or {}).items():
        name = naming.chart_name(number, title, key.replace("_", "-"))
        svgs[name] = svg
        chart_files[key] = name
    inputs = results.get("inputs") or {}
    samples, seed = int(inputs.get("samples", 10_000)), int(inputs.get("seed", 0))
    m_hash = matrix_sha256(matrix)
    meta = content.RecordMeta(
        number=number, title=title, status=status, date=date,
        bundle_file=stem + naming.BUNDLE_SUFFIX, charts=chart_files, matrix_sha256=m_hash,
        inputs_sha256=inputs_sha256(requirements, m_hash, samples, seed),
    )
    doc = content.build(results, requirements, matrix, meta)
    bundle = dump_bundle(bundle_dict(
        number=number, title=title, status=status, date=date.isoformat(), requirements=requirements,
        matrix=matrix, matrix_hash=m_hash, results=results,
    ))
    return RecordFiles(
        number=number, title=title, stem=stem,
        markdown=flavors.render(doc, flavor, number=number, supersedes=supersedes),
        html=html.render(_with_relations(doc, status, supersedes), svgs),
        bundle=bundle, svgs=svgs, results=results,
    )


def _with_relations(doc: Document, status: str, supersedes: Sequence[str]) -> Document:
    """The document with the successor / predecessor links right under the title (for the HTML)."""
    extra = flavors.html_relations(status, supersedes)
    if not extra:
        return doc
    i = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 1)
    return Document(front=doc.front, blocks=[*doc.blocks[:i + 1], *extra, *doc.blocks[i + 1:]])


def write_record(folder: Path, record: RecordFiles) -> Path:
    """Write the record's files into ``folder`` (created if missing); return the Markdown path.

    Refuses (InputError, nothing written) when any of the files already exists,
    so a record is never overwritten silently.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError.single(str(folder), "is a file, not a folder.", expected="a folder for the records")
    files = record.files()
    clash = [n for n in files if (folder / n).exists()]
    if clash:
        raise InputError.single(str(folder / clash[0]), "already exists; records are never overwritten.",
                                expected="a new number (the next free one is chosen by default)")
    folder.mkdir(parents=True, exist_ok=True)
    # Markdown last: a folder listing shows the record only once its companions are there.
    order = sorted(files, key=lambda n: n == record.markdown_name)
    for name in order:
        (folder / name).write_bytes(files[name])
    return folder / record.markdown_name
