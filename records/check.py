"""Does each recorded decision still hold against the current matrix?

For every bundle in a folder: re-evaluate its requirements (same samples,
seed and concentration) against the given matrix and compare with the
results recorded in the bundle. A decision *holds* when the recorded winner
is still the winner. The report says what changed: the winner, the margin,
ratings of the options considered (from the bundle's ratings snapshot),
options that appeared in or left the matrix, and the matrix version/hash.

Decisions whose status is rejected, deprecated or superseded are listed but
not checked: nobody builds on them any more. The status is read from the
record's front matter when the Markdown file is there (teams edit it by
hand, e.g. proposed -> accepted), else from the bundle.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from criteria.errors import InputError
from criteria.loader import check_requirements
from criteria.models import Matrix
from criteria.yamlio import parse_text
from records.bundle import Bundle, read_bundle
from criteria.escape import one_line
from records.hashing import matrix_sha256
from records.naming import BUNDLE_SUFFIX

#: Statuses whose decisions are re-checked.
ACTIVE = ("proposed", "accepted")
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

    def details(self, names: dict[str, str]) -> str:
        """What the check found, e.g. ``DOES NOT HOLD: winner Beta -> Alpha; margin 16.2 -> 4.0; beta docs 5 -> 1``."""
        known = {**self.option_names, **names}
        n = lambda o: known.get(o or "", o) if o else "none"  # noqa: E731
        if not self.checked:
            return f"skipped (status: {self.status})"
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


def check_bundle(bundle: Bundle, matrix: Matrix, status: str | None = None, m_hash: str | None = None) -> CheckResult:
    """Re-evaluate one bundle against ``matrix`` and compare (pure apart from the engine)."""
    from scoring import evaluate

    status = status or bundle.status
    res = CheckResult(number=bundle.number, title=bundle.title, file=bundle.file, status=status, date=bundle.date,
                      checked=status in ACTIVE, holds=True, old_winner=bundle.winner, old_margin=bundle.margin,
                      option_names=dict(bundle.option_names))
    if not res.checked:
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

    Status and date come from the record's front matter when it has them
    (people edit the Markdown: proposed -> accepted), else from the bundle.
    """
    out = []
    for path in bundles_in(folder):
        bundle = read_bundle(path)
        front = front_matter(path.with_name(path.name[: -len(BUNDLE_SUFFIX)] + ".md"))
        status = front.get("status") if isinstance(front.get("status"), str) else bundle.status
        date = front.get("date")
        if isinstance(date, str) and date:
            bundle = replace(bundle, date=date)
        out.append((bundle, status))
    return out


def check_folder(folder: Path, matrix: Matrix) -> list[CheckResult]:
    """Check every decision in ``folder``. Reads all bundles first, so a broken one fails before any output."""
    entries = read_folder(Path(folder))
    m_hash = matrix_sha256(matrix)
    return [check_bundle(b, matrix, status, m_hash) for b, status in entries]
