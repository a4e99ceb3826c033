"""Does each recorded decision still hold against the current matrix?

For every record in a folder (``NNNN-*.md`` and its bundle
``NNNN-*.stackwise.yaml``): re-evaluate the bundle's requirements (same
samples, seed and concentration) against the given matrix and compare with
the results recorded in the bundle. A decision *holds* when the recorded
winner is still the winner. The report says what changed: the winner, the
margin, ratings of the options considered (from the bundle's ratings
snapshot), options that appeared in or left the matrix, and the matrix
version/hash.

Before re-evaluating, the record and its bundle are checked against each
other; each of these is a *problem* (the files, not the evidence, changed):
a record without its bundle, a Markdown outcome ("Chosen option: ...") that
disagrees with the bundle's winner, and bundle inputs whose SHA-256 differs
from the one printed in the record (the inputs were edited).

Decisions whose status is rejected, deprecated or superseded are listed but
not checked: nobody builds on them any more. The status is read from the
record's Markdown in its flavour (front matter, ``- Status:`` list or
``## Status`` section; teams edit it by hand, e.g. proposed -> accepted),
else from the bundle.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from criteria.errors import InputError
from criteria.loader import check_requirements
from criteria.models import Matrix
from criteria.yamlio import parse_text
from records.bundle import STATUS_PATTERN, Bundle, read_bundle
from criteria.escape import one_line
from records.flavors import read_head
from records.hashing import inputs_sha256, matrix_sha256
from records.naming import BUNDLE_SUFFIX, number_of

#: Statuses whose decisions are re-checked.
ACTIVE = ("proposed", "accepted")
#: Statuses whose decisions are listed but not re-checked (``superseded by ...`` counts as superseded).
INACTIVE = ("rejected", "deprecated", "superseded")
#: Score points below which a margin change is not reported (rounding noise of the 4-decimal export).
MARGIN_EPS = 0.05


@dataclass
class CheckResult:
    """One decision's check."""

    number: int
    title: str
    file: str
    status: str
    date: str
    checked: bool
    holds: bool
    old_winner: str | None
    new_winner: str | None = None
    old_margin: float | None = None
    new_margin: float | None = None
    changes: list[str] = field(default_factory=list)
    #: Why it could not be re-evaluated (requirements no longer fit the matrix), if so.
    error: str | None = None
    #: Option names as recorded (for options the current matrix no longer has).
    option_names: dict[str, str] = field(default_factory=dict)
    #: What is wrong with the record's files themselves (no bundle, edited outcome or inputs), if anything.
    problem: str | None = None
    #: The record's file name (the Markdown; the bundle's when there is no Markdown).
    record: str = ""
    #: An ADR in the folder that stackwise did not write (it names no bundle): listed, never checked.
    foreign: bool = False

    @property
    def kind(self) -> str:
        """``superseded``, ``rejected``... : the status word that decides whether the record is checked."""
        if self.foreign:
            return "not written by stackwise"
        return "superseded" if self.status.startswith("superseded") else self.status

    def details(self, names: dict[str, str]) -> str:
        """What the check found, e.g. ``DOES NOT HOLD: winner Beta -> Alpha; margin 16.2 -> 4.0; beta docs 5 -> 1``."""
        known = {**self.option_names, **names}
        n = lambda o: known.get(o or "", o) if o else "none"  # noqa: E731
        if self.foreign:
            return f"skipped (not written by stackwise: it names no bundle; status: {self.status})"
        if not self.checked:
            return f"skipped (status: {self.status})"
        if self.problem:
            return f"PROBLEM: {self.problem}"
        if self.error:
            return f"DOES NOT HOLD: cannot re-evaluate: {self.error}"
        if self.holds:
            verdict = f"holds: {n(self.new_winner)} still wins" if self.new_winner else "holds: still no winner"
        else:
            verdict = f"DOES NOT HOLD: winner {n(self.old_winner)} -> {n(self.new_winner)}"
        parts = [verdict]
        if _margin_changed(self.old_margin, self.new_margin):
            parts.append(f"margin {_fmt(self.old_margin)} -> {_fmt(self.new_margin)}")
        parts.extend(self.changes)
        return "; ".join(parts)

    def summary(self, names: dict[str, str]) -> str:
        """One line for the terminal: number, title, then :meth:`details`."""
        # one_line drops control characters: a hand-edited title cannot send terminal escapes
        return f"{self.number:04d} {one_line(self.title)}: {one_line(self.details(names))}"

    def to_json(self) -> dict[str, Any]:
        """The ``check --format json`` entry: record, status, holds (None when skipped), winners, margins,
        changes, problem."""
        changes = list(self.changes)
        if self.error:
            changes.insert(0, f"cannot re-evaluate: {self.error}")
        return {
            "record": self.record or self.file,
            "status": self.status,
            "holds": (self.holds if self.checked else None),
            "winner_then": self.old_winner,
            "winner_now": self.new_winner,
            "margin_then": self.old_margin,
            "margin_now": self.new_margin,
            "changes": changes,
            "problem": self.problem,
        }


def _fmt(x: float | None) -> str:
    return "none" if x is None else f"{x:.1f}"


def _margin_changed(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) >= MARGIN_EPS


def rating_changes(bundle: Bundle, matrix: Matrix) -> list[str]:
    """Human-readable differences between the bundle's ratings snapshot and ``matrix``."""
    out: list[str] = []
    current = {o.id: o for o in matrix.options}
    for oid, ratings in bundle.ratings.items():
        opt = current.get(oid)
        if opt is None:
            out.append(f"option {oid} is no longer in the matrix")
            continue
        for cid, old in ratings.items():
            entry = opt.ratings.get(cid)
            if entry is None:
                out.append(f"{oid} {cid}: no longer rated")
            elif entry.rating != old:
                out.append(f"{oid} {cid} {old:g} -> {entry.rating:g}")
        for cid in opt.ratings:
            if cid not in ratings:
                out.append(f"{oid} {cid}: newly rated {opt.ratings[cid].rating:g}")
    if bundle.requirements.options is None:
        # All matrix options were considered: a new one can take over the decision.
        for oid in current:
            if oid not in bundle.ratings:
                out.append(f"new option in the matrix: {oid}")
    return out


def _status_kind(status: str) -> str:
    return "superseded" if status.startswith("superseded") else status


def check_bundle(bundle: Bundle, matrix: Matrix, status: str | None = None, m_hash: str | None = None,
                 problems: list[str] | None = None, record: str = "") -> CheckResult:
    """Re-evaluate one bundle against ``matrix`` and compare (pure apart from the engine).

    ``problems`` (from :func:`record_problems`) stop the re-evaluation: the
    result then reports them instead of what the evidence says.
    """
    from scoring import evaluate

    status = status or bundle.status
    res = CheckResult(number=bundle.number, title=bundle.title, file=bundle.file, status=status, date=bundle.date,
                      checked=_status_kind(status) not in INACTIVE, holds=True, old_winner=bundle.winner,
                      old_margin=bundle.margin, option_names=dict(bundle.option_names), record=record)
    if not res.checked:
        return res
    problems = list(problems or [])
    if not re.match(STATUS_PATTERN, status):
        problems.insert(0, f"{record or bundle.file} has the unknown status {status!r} (expected proposed, "
                           "accepted, rejected, deprecated or 'superseded by NNNN-title')")
    if problems:
        res.holds = False
        res.problem = "; ".join(problems)
        return res
    try:
        check_requirements(bundle.requirements, matrix, bundle.file, {})
        ev = evaluate(matrix, bundle.requirements, **bundle.evaluate_kwargs()).to_dict()
    except InputError as exc:
        res.holds = False
        res.error = " ".join(p.message for p in exc.problems)
        return res
    res.new_winner = ev.get("winner")
    res.new_margin = ev.get("margin")
    res.holds = res.new_winner == res.old_winner and res.old_winner is not None
    if res.old_winner is None and res.new_winner is None:
        res.holds = True  # no decision was made, and still none would be: nothing was undermined
    res.changes = rating_changes(bundle, matrix)
    m_hash = m_hash or matrix_sha256(matrix)
    if m_hash != bundle.matrix_sha256:
        version = matrix.meta.version if matrix.meta else None
        if version != bundle.matrix_version:
            res.changes.insert(0, f"matrix {bundle.matrix_version} -> {version}")
        elif not res.changes:
            res.changes.insert(0, "matrix content changed (evidence or text, no rating)")
    return res


_CHOSEN = re.compile(r"^Chosen option: (?P<rest>.*)$", re.MULTILINE)
_INPUTS_HASH = re.compile(r"SHA-256 of the inputs[^`\n]*`(?P<hash>[0-9a-f]{64})`")


def _unescape(text: str) -> str:
    """Markdown backslash escapes and the entities our renderer writes, undone (for comparing names)."""
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def chosen_in_markdown(text: str) -> tuple[bool, str | None]:
    """(found, option name) from the record's ``Chosen option:`` line; name None for "none" / "none yet"."""
    m = _CHOSEN.search(text)
    if not m:
        return False, None
    q = re.match(r'^"(?P<name>(?:[^"\\]|\\.)*)"', m.group("rest"))
    return True, (_unescape(q.group("name")) if q else None)


def record_problems(md_text: str, md_name: str, bundle: Bundle) -> list[str]:
    """Where a record's Markdown and its bundle disagree: the chosen option, the inputs' SHA-256."""
    bundle_name = Path(bundle.file).name
    out: list[str] = []
    found, said = chosen_in_markdown(md_text)
    recorded = bundle.option_names.get(bundle.winner, bundle.winner) if bundle.winner else None
    if not found:
        out.append(f"{md_name} has no 'Chosen option:' line, so it cannot be compared with {bundle_name}")
    elif said != recorded:
        out.append(f"{md_name} says the chosen option is {_quoted(said)} but {bundle_name} records "
                   f"{_quoted(recorded)} (the Markdown was edited, or the two files do not belong together)")
    m = _INPUTS_HASH.search(md_text)
    actual = inputs_sha256(bundle.requirements, bundle.matrix_sha256, bundle.samples, bundle.seed)
    if not m:
        out.append(f"{md_name} does not state the SHA-256 of its inputs, so {bundle_name} cannot be verified")
    elif m.group("hash") != actual:
        out.append(f"the inputs in {bundle_name} do not match the SHA-256 printed in {md_name} "
                   f"({m.group('hash')[:12]}... recorded, {actual[:12]}... now): the bundle was edited "
                   "after the record was written")
    return out


def _quoted(name: str | None) -> str:
    return f'"{name}"' if name is not None else "none"


def front_matter(md_path: Path) -> dict:
    """The YAML front matter of a record (read safely), or {} when absent or unreadable."""
    try:
        text = md_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}
    try:
        data, _ = parse_text(text[4:end + 1], str(md_path))
    except InputError:
        return {}
    return data if isinstance(data, dict) else {}


def front_matter_status(md_path: Path) -> str | None:
    """The ``status`` from a record's front matter, or None."""
    status = front_matter(md_path).get("status")
    return status if isinstance(status, str) else None


def bundles_in(folder: Path) -> list[Path]:
    """Bundle files in ``folder``, by name (so by number)."""
    if not folder.is_dir():
        raise InputError.single(str(folder), "no such folder.", expected="a folder of decision records")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(BUNDLE_SUFFIX))


def read_folder(folder: Path) -> list[tuple[Bundle, str]]:
    """Every bundle in ``folder`` with its effective status; InputError on the first broken bundle.

    Status and date come from the record's Markdown when it has them (people
    edit the Markdown: proposed -> accepted), else from the bundle.
    """
    out = []
    for path in bundles_in(folder):
        bundle = read_bundle(path)
        md = path.with_name(path.name[: -len(BUNDLE_SUFFIX)] + ".md")
        status, date = _head(md)
        if date:
            bundle = replace(bundle, date=date)
        out.append((bundle, status or bundle.status))
    return out


def _head(md: Path) -> tuple[str | None, str | None]:
    """(status, date) from a record's Markdown, any flavour; (None, None) when absent or unreadable."""
    try:
        text = md.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    head = read_head(text, front_matter(md))
    return head.status, head.date


def _orphan(md: Path) -> CheckResult:
    """A record whose bundle is missing: reported, since nothing can be re-evaluated."""
    try:
        text = md.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    head = read_head(text, front_matter(md))
    status = head.status or "proposed"
    bundle_name = md.name[:-3] + BUNDLE_SUFFIX
    res = CheckResult(number=number_of(md.name) or 0, title=_unescape(head.title or md.name), file=str(md),
                      status=status, date=head.date or "", checked=_status_kind(status) not in INACTIVE,
                      holds=False, old_winner=None, record=md.name)
    if bundle_name not in text:
        # An ADR written by hand or by another tool (adr new, log4brains adr new) shares the folder.
        res.checked, res.holds, res.foreign = False, True, True
    elif res.checked:
        res.problem = f"{md.name} has no bundle ({bundle_name} is missing beside it), so it cannot be checked"
    else:
        res.holds = True
    return res


def check_folder(folder: Path, matrix: Matrix) -> list[CheckResult]:
    """Check every record in ``folder``, by number. Reads all bundles first, so a broken one fails before any output.

    A record is a ``NNNN-*.md`` file, its bundle, or both; README.md and other
    notes in the folder are not records.
    """
    folder = Path(folder)
    bundles = bundles_in(folder)
    read = [(p, read_bundle(p)) for p in bundles]
    m_hash = matrix_sha256(matrix)
    stems = {p.name[: -len(BUNDLE_SUFFIX)] for p in bundles}
    out: list[CheckResult] = []
    for path, bundle in read:
        stem = path.name[: -len(BUNDLE_SUFFIX)]
        md = folder / (stem + ".md")
        if md.is_file():
            text = md.read_text(encoding="utf-8", errors="replace")
            head = read_head(text, front_matter(md))
            if head.date:
                bundle = replace(bundle, date=head.date)
            status = head.status or bundle.status
            problems = record_problems(text, md.name, bundle) if _status_kind(status) not in INACTIVE else []
            out.append(check_bundle(bundle, matrix, status, m_hash, problems, md.name))
        else:
            out.append(check_bundle(bundle, matrix, None, m_hash, [], path.name))
    for md in sorted(folder.iterdir()):
        if md.is_file() and md.suffix == ".md" and number_of(md.name) is not None and md.name[:-3] not in stems:
            out.append(_orphan(md))
    return sorted(out, key=lambda r: (r.number, r.record))


def skipped_sentence(results: list[CheckResult]) -> str:
    """Which records were not re-checked and why, e.g. ``2 skipped: 0001 superseded by 0003-x, 0002 rejected``."""
    skipped = [r for r in results if not r.checked]
    if not skipped:
        return ""
    kinds = Counter(r.kind for r in skipped)
    listed = ", ".join(f"{r.number:04d} ({r.kind if r.foreign else one_line(r.status)})" for r in skipped)
    why = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    reasons = []
    if any(not r.foreign for r in skipped):
        reasons.append("superseded, rejected and deprecated decisions are not re-checked because nobody builds "
                       "on them any more")
    if any(r.foreign for r in skipped):
        reasons.append("records without a stackwise bundle named in them have nothing to re-evaluate")
    return f"{len(skipped)} skipped ({why}): {listed}; " + "; ".join(reasons) + "."


def summary(results: list[CheckResult]) -> str:
    """The last line of ``stackwise check``: how many hold, which do not, which have problems, what was skipped."""
    checked = [r for r in results if r.checked]
    problems = [r for r in checked if r.problem]
    failed = [r for r in checked if not r.holds and not r.problem]
    skipped = skipped_sentence(results)
    parts = []
    if not checked:
        parts.append("No decision was re-checked.")
    elif failed or problems:
        if failed:
            parts.append(f"{len(failed)} of {len(checked)} decisions no longer hold: "
                         + ", ".join(f"{r.number:04d}" for r in failed) + ".")
        if problems:
            parts.append(f"{len(problems)} of {len(checked)} records could not be checked because of a problem "
                         "with their files: " + ", ".join(f"{r.number:04d}" for r in problems) + ".")
    else:
        parts.append(f"All {len(checked)} checked decisions still hold.")
    if skipped:
        parts.append(skipped[0].upper() + skipped[1:])
    return " ".join(parts)
