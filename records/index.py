"""The decision log: ``README.md`` in the records folder, a table of every decision.

``stackwise record`` and ``stackwise status`` rewrite only the part between
the two markers below, so text written by hand above or below it survives.
A folder without a README gets one; a README without the markers gets the
table appended. Columns: number, title (linked), status, date, chosen option,
holds? (against the matrix the command ran with; ``stackwise check`` is the
live answer).
"""
from __future__ import annotations

from pathlib import Path

from criteria.errors import InputError
from criteria.escape import md_inline, one_line
from criteria.models import Matrix
from records.bundle import read_bundle
from records.check import CheckResult, bundles_in, check_folder
from records.flavors import successor

START = "<!-- stackwise:decision-log start (written by stackwise record/status; edit outside the markers) -->"
END = "<!-- stackwise:decision-log end -->"
README = "README.md"

_HEADER = """# Decision log

Architecture decision records, newest last. `stackwise record` adds one and `stackwise status` changes
one; both rewrite the table between the markers below, so write your own notes above or below them.
"""


def _cell(text: str) -> str:
    """Typed text in a table cell: escaped, and no pipe can open a new column."""
    return md_inline(one_line(text)).replace("|", "\\|")


def _status_cell(status: str) -> str:
    ref = successor(status)
    if ref and ref[:4].isdigit():
        return f"superseded by [{ref[:4]}]({ref}.md)"
    return _cell(status)


def _holds(r: CheckResult) -> str:
    if not r.checked:
        return f"not checked ({r.kind})"
    if r.problem:
        return "problem (run `stackwise check`)"
    return "yes" if r.holds else "**no**"


def table(results: list[CheckResult], names: dict[str, str], matrix_version: str | None) -> str:
    """The Markdown table between the markers (pure)."""
    rows = ["| # | Decision | Status | Date | Chosen option | Holds? |", "|---|---|---|---|---|---|"]
    for r in results:
        target = r.record if r.record.endswith(".md") else None
        title = f"[{_cell(r.title)}]({target})" if target else _cell(r.title)
        known = {**r.option_names, **names}
        chosen = known.get(r.old_winner, r.old_winner) if r.old_winner else ("none" if not r.problem else "?")
        rows.append(f"| {r.number:04d} | {title} | {_status_cell(r.status)} | {_cell(r.date or '')} | "
                    f"{_cell(chosen)} | {_holds(r)} |")
    version = f"matrix version {matrix_version}" if matrix_version else "the matrix in use"
    note = (f"Holds? is as of the last `stackwise record` or `stackwise status` run, against {version}; "
            "`stackwise check` re-checks every decision now.")
    return "\n".join(rows) + "\n\n" + note


def updated_readme(existing: str | None, block: str, name: str = README) -> str:
    """The README text with ``block`` between the markers (added at the end when there are none)."""
    section = f"{START}\n\n{block}\n\n{END}"
    if existing is None:
        return _HEADER + "\n" + section + "\n"
    starts, ends = existing.count(START), existing.count(END)
    if starts == 0 and ends == 0:
        return existing.rstrip("\n") + ("\n\n" if existing.strip() else "") + section + "\n"
    if starts != 1 or ends != 1 or existing.index(START) > existing.index(END):
        line = next((i + 1 for i, text in enumerate(existing.split("\n")) if START in text or END in text), None)
        raise InputError.single(name, "the decision-log markers are broken (each must appear once, start first).",
                                line=line, expected=f"one line '{START}' and, below it, one line '{END}'; "
                                "or neither, and the table is appended")
    before = existing[: existing.index(START)]
    after = existing[existing.index(END) + len(END):]
    return before + section + after


def check_readme(folder: Path) -> None:
    """InputError when the log cannot be rewritten: broken markers, or a bundle in the folder that cannot be read.

    Call it before writing anything else, so bad input leaves the folder untouched.
    """
    folder = Path(folder)
    path = folder / README
    if path.is_file():
        updated_readme(path.read_text(encoding="utf-8"), "", str(path))
    if folder.is_dir():
        for bundle in bundles_in(folder):
            read_bundle(bundle)


def readme_text(folder: Path, matrix: Matrix) -> str:
    """The folder's README with a fresh decision log (reads the folder; writes nothing)."""
    folder = Path(folder)
    path = folder / README
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    results = check_folder(folder, matrix) if folder.is_dir() else []
    names = {o.id: o.name for o in matrix.options}
    block = table(results, names, matrix.meta.version if matrix.meta else None)
    return updated_readme(existing, block, str(path))


def write_readme(folder: Path, matrix: Matrix) -> Path:
    path = Path(folder) / README
    path.write_bytes(readme_text(folder, matrix).encode("utf-8"))
    return path
