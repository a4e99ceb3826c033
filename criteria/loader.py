"""The one loader for the catalog, profiles, sources, matrix and requirements.

The app, the CLI and the tests all come through here, so a file that loads in
one loads in all three, and a broken file gets the same message everywhere.

Shipped data layout (a team's own folder may use the same layout)::

    data/matrix.yaml        meta: version, checked date
    data/options/*.yaml     one option per file: ratings with evidence
    data/sources/*.yaml     bibliography entries (a list per file)
    data/criteria.yaml      optional: criteria replacing the shipped catalog
    criteria/catalog.yaml   the shipped criteria catalog
    criteria/profiles.yaml  project profiles (presets)

A single YAML or JSON file in the ``stackwise matrix`` export shape
(``{"criteria", "options", "sources"}``) is accepted wherever a folder is.
"""
from __future__ import annotations

import reprlib
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence, TypeVar

from pydantic import BaseModel, ValidationError

from criteria.errors import MAX_PROBLEMS, InputError, Problem, ProblemList, suggest
from criteria.models import CatalogCriterion, Criterion, Matrix, MatrixMeta, Option, Profile, Requirements, Source
from criteria.rubrics import check_rubrics
# The shipped files' paths, resolved through importlib.resources so they hold in a checkout
# and in an installed wheel alike; re-exported because the code imports them from the loader.
from criteria.paths import CATALOG_FILE, DATA_DIR, PACKAGE_DIR, PROFILES_FILE  # noqa: F401
from criteria.yamlio import LineMap, line_of, parse_bytes, read_file

M = TypeVar("M", bound=BaseModel)


def _expected_for(err: dict[str, Any]) -> str | None:
    """A short 'what would be valid' for a pydantic error."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return None
    if kind == "missing":
        return "this key to be present"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        if "weights" in err.get("loc", ()):
            return "a weight from 0 to 10 (0 = ignore, 10 = decisive; decimals allowed)"
        return f"a number {err['msg'].split('be ', 1)[-1]}"
    if kind in {"float_type", "float_parsing", "finite_number", "int_type", "int_parsing"}:
        return "a plain finite number such as 5 (not text, yes/no, NaN or infinity)"
    if kind == "string_pattern_mismatch":
        return f"text matching {ctx.get('pattern')}"
    if kind == "enum" or kind == "literal_error":
        return ctx.get("expected")
    if kind == "python_version":
        from criteria.pyversions import PYTHON_MINORS

        return "one of " + ", ".join(f'"{m}"' for m in PYTHON_MINORS) + " (in quotes)"
    return None


def validate_model(
    model: type[M], data: Any, file: str | None, lines: LineMap, prefix: tuple = ()
) -> M:
    """Validate plain data against a model; turn pydantic's errors into ours."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        fields = list(model.model_fields)
        errors = exc.errors(include_url=False)
        for err in errors[:MAX_PROBLEMS]:  # each costs a fuzzy match: bounded work
            loc = prefix + tuple(p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-"))
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                key = loc[-1]
                siblings = _allowed_keys(model, loc[len(prefix):-1])
                msg = f"unknown key '{key}'.{suggest(str(key), siblings)}"
                expected = f"one of {', '.join(siblings)}" if siblings else None
            elif err["type"] == "model_type" and not loc[len(prefix):]:
                msg = f"the document must be a mapping (key: value), not {type(data).__name__}."
                expected = f"keys such as {', '.join(fields[:6])}"
            else:
                msg = msg[0].lower() + msg[1:] + f" (got {_short(err.get('input'))})."
                expected = _expected_for(err)
            problems.append(Problem(msg, loc, line_of(lines, loc), expected))
        if len(errors) > MAX_PROBLEMS:
            problems.append(Problem(f"... and {len(errors) - MAX_PROBLEMS} more problems; fix these and run again."))
        raise InputError(file, problems) from None


#: Bounded repr: an error about a huge mapping must not print (or even build) all of it.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxstring, _REPR.maxother = 2, 3, 4, 50, 50


def _short(value: Any) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_keys(model: type[BaseModel], loc: Sequence) -> list[str]:
    """Field names (or aliases) of the sub-model that ``loc`` points into.

    Walks the type annotations along the path: a model's field, a dict's value
    type, a list's item type, unwrapping ``X | None`` on the way.
    """
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    from typing import Annotated, get_args, get_origin
    import types
    from typing import Union

    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _step(annotation: Any, part: Any) -> Any:
    from typing import get_args, get_origin

    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            field = next((f for f in annotation.model_fields.values() if f.alias == part), None)
        return field.annotation if field is not None else None
    origin = get_origin(annotation)
    if origin is dict:
        return get_args(annotation)[1]
    if origin is list:
        return get_args(annotation)[0]
    return None


def _read(path: Path, source_label: str | None = None) -> tuple[Any, LineMap, str]:
    data, lines = read_file(path)
    return data, lines, source_label or _display(path)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _list_of(model: type[M], path: Path, key: str | None = None) -> list[M]:
    return _list_with_lines(model, path, key)[0]


def _list_with_lines(model: type[M], path: Path, key: str | None = None) -> tuple[list[M], LineMap]:
    """A validated list of models from one file, and the file's line map for later checks."""
    data, lines, name = _read(path)
    prefix: tuple = ()
    if key is not None:
        if not isinstance(data, dict) or key not in data:
            raise InputError.single(name, f"expected a top-level key '{key}'.", line=1,
                                    expected=f"'{key}:' followed by a list")
        data, prefix = data[key], (key,)
    if not isinstance(data, list):
        raise InputError.single(name, f"expected a list, got {type(data).__name__}.",
                                path=prefix, line=line_of(lines, prefix), expected="a YAML list (- item)")
    out = [validate_model(model, item, name, lines, prefix + (i,)) for i, item in enumerate(data)]
    _unique_ids(out, name, lines, prefix)
    return out, lines


def _unique_ids(items: Sequence[Any], file: str, lines: LineMap, prefix: tuple) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise InputError.single(
                file, f"duplicate id '{item.id}' (also at position {seen[item.id]}).",
                path=prefix + (i, "id"), line=line_of(lines, prefix + (i, "id")),
                expected="each id once",
            )
        seen[item.id] = i


# --------------------------------------------------------------------------- catalog

def load_catalog(path: str | Path | None = None, *, complete: bool = True) -> list[Criterion]:
    """The criteria catalog (shipped, or a file holding a ``criteria:`` list).

    ``complete`` (the default, and always for the shipped catalog) requires every
    criterion's question, description and anchors; a team's own criteria file may
    give only ids and names (``complete=False``; such criteria are unanchored).
    """
    return list(_cached_catalog(str(path or CATALOG_FILE), complete or path is None))


@lru_cache(maxsize=8)
def _cached_catalog(path: str, complete: bool) -> tuple[Criterion, ...]:
    if not complete:
        return tuple(_list_of(Criterion, Path(path), "criteria"))
    # Checked as catalog entries, handed out as plain criteria (models compare by type).
    return tuple(Criterion.model_validate(c.model_dump(by_alias=True, exclude_none=True))
                 for c in _list_of(CatalogCriterion, Path(path), "criteria"))


def load_profiles(
    path: str | Path | None = None,
    criteria: Sequence[Criterion] | None = None,
    source_ids: set[str] | None = None,
) -> list[Profile]:
    """Project profiles (presets); their weight keys must be catalog criteria.

    With ``source_ids`` (the bibliography), the sources a profile says it follows
    are checked too.
    """
    p = Path(path or PROFILES_FILE)
    profiles, lines = _list_with_lines(Profile, p, "profiles")
    ids = [c.id for c in (criteria if criteria is not None else load_catalog())]
    problems = ProblemList(_display(p))
    for i, prof in enumerate(profiles):
        for sid in prof.sources if source_ids is not None else ():
            if sid not in source_ids:
                loc = ("profiles", i, "sources")
                problems.append(Problem(f"profile '{prof.id}' cites unknown source '{sid}'.{suggest(sid, source_ids)}",
                                        loc, line_of(lines, loc), "a source id from data/sources/"))
        for part in ("weights", "must_have"):
            for cid in getattr(prof, part):
                if cid not in ids:
                    loc = ("profiles", i, part, cid)
                    problems.append(Problem(f"unknown criterion '{cid}'.{suggest(cid, ids)}", loc,
                                            line_of(lines, loc), f"one of {', '.join(ids)}"))
    if problems:
        raise InputError(_display(p), problems)
    return profiles


# --------------------------------------------------------------------------- matrix

def load_matrix(path: str | Path | None = None) -> Matrix:
    """Load and validate a matrix: the shipped data (None), a data folder, or an export file.

    Raises :class:`InputError` with file, line and key for anything wrong.
    """
    if path is None:
        return _cached_shipped()
    p = Path(path)
    if p.is_dir():
        return _load_folder(p)
    if p.suffix.lower() == ".csv":
        from criteria.csv_matrix import load_csv_matrix  # optional format (issue 8)

        return load_csv_matrix(p)
    if p.suffix.lower() in (".xlsx", ".zip"):  # spreadsheets and zipped data folders (issue 19)
        from criteria.yamlio import read_capped

        return load_matrix_bytes(read_capped(p), str(path))
    data, lines, name = _read(p)
    return matrix_from_data(data, name, lines)


_SHIPPED_LOCK = threading.Lock()


def _cached_shipped() -> Matrix:
    # Loaded once per process: the Matrix is frozen, so sharing it is safe. The lock makes a
    # second caller (the first page, while `stackwise app` warms up) wait for that one parse
    # instead of starting its own.
    with _SHIPPED_LOCK:
        return _parse_shipped()


@lru_cache(maxsize=1)
def _parse_shipped() -> Matrix:
    return _load_folder(DATA_DIR)


def load_matrix_bytes(raw: bytes, name: str) -> Matrix:
    """Load a matrix from bytes (an upload, or a file read capped): YAML or JSON in the export
    shape, a CSV, an Excel workbook (.xlsx) or a zipped data folder (.zip)."""
    lower = name.lower()
    if lower.endswith(".csv"):
        from criteria.csv_matrix import load_csv_bytes

        return load_csv_bytes(raw, name)
    if lower.endswith(".xlsx"):
        from criteria.xlsx_matrix import load_xlsx_bytes

        return load_xlsx_bytes(raw, name)
    if lower.endswith(".zip"):
        from criteria.zip_matrix import load_zip_bytes

        return load_zip_bytes(raw, name)
    data, lines = parse_bytes(raw, name)
    return matrix_from_data(data, name, lines)


def matrix_from_data(data: Any, name: str, lines: LineMap) -> Matrix:
    if data is None:
        raise InputError.single(
            name, "the file is empty.",
            expected="top-level keys criteria, options, sources (as `stackwise matrix` writes)",
        )
    if not isinstance(data, dict):
        raise InputError.single(
            name, f"a matrix file must be a mapping, not {type(data).__name__}.", line=1,
            expected="top-level keys criteria, options, sources (as `stackwise matrix` writes)",
        )
    matrix = validate_model(Matrix, data, name, lines)
    check_matrix(matrix, {"": (name, lines)})
    return matrix


def _load_folder(folder: Path) -> Matrix:
    meta_file = folder / "matrix.yaml"
    files: dict[str, tuple[str, LineMap]] = {}
    meta = None
    if meta_file.exists():
        data, lines, name = _read(meta_file)
        if not isinstance(data, dict) or "meta" not in data:
            raise InputError.single(name, "expected a top-level key 'meta'.", line=1,
                                    expected="meta: {version: ..., checked: YYYY-MM-DD}")
        extra = set(data) - {"meta"}
        if extra:
            key = sorted(extra)[0]
            raise InputError.single(name, f"unknown key '{key}'.", path=(key,),
                                    line=line_of(lines, (key,)), expected="only 'meta'")
        meta = validate_model(MatrixMeta, data["meta"], name, lines, ("meta",))
    crit_file = folder / "criteria.yaml"
    criteria = _list_of(Criterion, crit_file, "criteria") if crit_file.exists() else load_catalog()

    sources: list[Source] = []
    src_dir = folder / "sources"
    src_files = sorted(src_dir.glob("*.yaml")) if src_dir.is_dir() else []
    if (folder / "sources.yaml").exists():
        src_files.insert(0, folder / "sources.yaml")
    for f in src_files:
        sources.extend(_list_of(Source, f, "sources"))

    options: list[Option] = []
    opt_dir = folder / "options"
    if not opt_dir.is_dir():
        raise InputError.single(_display(folder), "no 'options/' folder with one YAML file per option.",
                                expected="options/<id>.yaml files")
    for f in sorted(opt_dir.glob("*.yaml")):
        data, lines, name = _read(f)
        option = validate_model(Option, data, name, lines)
        files[option.id] = (name, lines)
        options.append(option)
    # Bibliography entries may be spread over files; ids must still be unique.
    seen: set[str] = set()
    for s in sources:
        if s.id in seen:
            raise InputError.single(_display(src_dir), f"source id '{s.id}' is defined twice.",
                                    expected="each source id once across sources/*.yaml")
        seen.add(s.id)
    # Options appear in a stable order: as listed in meta order? Use file order but Flask/FastAPI first.
    matrix = Matrix(meta=meta, criteria=criteria, options=_ordered(options), sources=sources)
    check_matrix(matrix, files)
    return matrix


#: The two options the product started with lead every list; others follow alphabetically.
_LEAD = ("flask", "fastapi")


def _ordered(options: list[Option]) -> list[Option]:
    return sorted(options, key=lambda o: (_LEAD.index(o.id) if o.id in _LEAD else len(_LEAD), o.id))


def check_matrix(matrix: Matrix, files: dict[str, tuple[str, LineMap]]) -> None:
    """Cross-reference checks the models cannot do alone.

    ``files`` maps an option id to (file name, line map) for per-option files,
    or "" to the single export file that holds everything.
    """
    problems_by_file: dict[str, list[Problem]] = {}
    crit_ids = matrix.criterion_ids()
    src_ids = {s.id for s in matrix.sources}
    single = files.get("")

    def add(option_index: int, option_id: str, loc: tuple, msg: str, expected: str | None) -> None:
        if single:
            name, lines = single
            loc = ("options", option_index) + loc
        else:
            name, lines = files.get(option_id, (option_id, {}))
        problems_by_file.setdefault(name, []).append(Problem(msg, loc, line_of(lines, loc), expected))
        if sum(map(len, problems_by_file.values())) >= MAX_PROBLEMS:
            # Bounded work on a hostile file: report what we have (first file first).
            first, found = next(iter(problems_by_file.items()))
            raise InputError(first, found + [Problem(f"stopped after {MAX_PROBLEMS} problems; fix these and run again.")])

    if single:
        name, lines = single
        for key, items in (("criteria", matrix.criteria), ("options", matrix.options), ("sources", matrix.sources)):
            try:
                _unique_ids(items, name, lines, (key,))
            except InputError as exc:
                problems_by_file.setdefault(name, []).extend(exc.problems)
    if not matrix.options:
        target = single[0] if single else "options/"
        problems_by_file.setdefault(target, []).append(Problem("the matrix has no options.", ("options",), None,
                                                               "at least one option"))
    if not matrix.criteria:
        target = single[0] if single else "criteria"
        problems_by_file.setdefault(target, []).append(Problem("the matrix has no criteria.", ("criteria",), None,
                                                               "at least one criterion"))
    for i, opt in enumerate(matrix.options):
        for cid, entry in opt.ratings.items():
            if cid not in crit_ids:
                add(i, opt.id, ("ratings", cid), f"unknown criterion '{cid}'.{suggest(cid, crit_ids)}",
                    "a criterion id from the catalog")
            for j, ev in enumerate(entry.evidence):
                for k, sid in enumerate([ev.source, *ev.checked_against]):
                    if sid not in src_ids:
                        key = "source" if k == 0 else "checked_against"
                        add(i, opt.id, ("ratings", cid, "evidence", j, key),
                            f"evidence cites unknown source '{sid}'.{suggest(sid, src_ids)}",
                            "a source id from the bibliography")
        missing = [c for c in crit_ids if c not in opt.ratings]
        if missing:
            add(i, opt.id, ("ratings",), f"option '{opt.id}' has no rating for: {', '.join(missing)}.",
                "a rating for every criterion in the catalog")
        for cid, entry in opt.ratings.items():
            facts = entry.facts or {}
            for key in ("source", "forum_source"):
                sid = facts.get(key)
                if isinstance(sid, str) and sid not in src_ids:
                    add(i, opt.id, ("ratings", cid, "facts", key),
                        f"facts cite unknown source '{sid}'.{suggest(sid, src_ids)}",
                        "a source id from the bibliography")
    index = {o.id: i for i, o in enumerate(matrix.options)}
    for m in check_rubrics(matrix):
        loc = ("ratings", m.criterion, "rating" if m.derived is not None else "facts")
        expected = (f"rating: {m.derived} (or facts that support {m.stored})" if m.derived is not None
                    else "facts in the shape of criteria/rubrics.py")
        add(index[m.option], m.option, loc, m.message(), expected)
    if problems_by_file:
        name, problems = next(iter(problems_by_file.items()))
        rest = [p for n, ps in problems_by_file.items() if n != name for p in ps]
        # One InputError per file keeps messages readable; report the first file's
        # problems and count the rest so nothing is hidden.
        if rest:
            problems = problems + [Problem(f"... and {len(rest)} more problems in other files.")]
        raise InputError(name, problems)


# --------------------------------------------------------------------------- requirements

def load_requirements(path: str | Path, matrix: Matrix | None = None) -> Requirements:
    """Read a requirements file and check its ids against the matrix."""
    data, lines, name = _read(Path(path))
    return requirements_from_data(data, name, lines, matrix)


def requirements_from_data(
    data: Any, name: str | None, lines: LineMap, matrix: Matrix | None = None
) -> Requirements:
    if data is None:
        raise InputError.single(name, "the file is empty.", expected="a mapping with at least 'weights:'")
    if not isinstance(data, dict):
        raise InputError.single(
            name, f"a requirements file must be a mapping, not {type(data).__name__}.", line=1,
            expected="keys title, context, weights, must_have, options, stakeholders",
        )
    req = validate_model(Requirements, data, name, lines)
    matrix = matrix if matrix is not None else load_matrix()
    req = _apply_profile(req, matrix, name, lines)
    check_requirements(req, matrix, name, lines)
    return req


def _apply_profile(req: Requirements, matrix: Matrix, name: str | None, lines: LineMap) -> Requirements:
    """``profile: <id>`` supplies that profile's weights and must-haves.

    Weights given beside it override the profile's criterion by criterion; its
    must-haves apply unless ``must_have`` names the same criterion (a minimum of
    0 there removes the profile's). The result holds the merged weights and
    must-haves, so every output shows what was actually weighed.
    """
    if req.profile is None or req.stakeholders is not None or req.pairwise is not None:
        return req
    try:
        profiles = {p.id: p for p in load_profiles(criteria=matrix.criteria)}
    except InputError:
        profiles = {}  # a custom matrix with its own criteria: shipped profiles do not apply
    profile = profiles.get(req.profile)
    if profile is None:
        ids = sorted(profiles)
        raise InputError.single(
            name, f"unknown profile '{req.profile}'.{suggest(req.profile, ids)}", path=("profile",),
            line=line_of(lines, ("profile",)),
            expected=f"one of {', '.join(ids)}" if ids else "weights: (this matrix has no shipped profiles)",
        )
    must = {c: v for c, v in {**profile.must_have, **req.must_have}.items() if v > 0}
    return req.model_copy(update={"weights": {**profile.weights, **req.weights}, "must_have": must})


def check_requirements(req: Requirements, matrix: Matrix, name: str | None, lines: LineMap) -> None:
    crit_ids = matrix.criterion_ids()
    opt_ids = matrix.option_ids()
    problems: list[Problem] = ProblemList(name)  # raises once MAX_PROBLEMS are found

    def unknown_criteria(mapping: dict, loc: tuple) -> None:
        for cid in mapping:
            if cid not in crit_ids:
                problems.append(Problem(f"unknown criterion '{cid}'.{suggest(cid, crit_ids)}", loc + (cid,),
                                        line_of(lines, loc + (cid,)), f"one of {', '.join(crit_ids)}"))

    unknown_criteria(req.weights, ("weights",))
    unknown_criteria(req.must_have, ("must_have",))
    if req.options is not None:
        if not req.options:
            problems.append(Problem("the options list is empty.", ("options",), line_of(lines, ("options",)),
                                    f"some of {', '.join(opt_ids)} (or leave 'options' out for all)"))
        for i, oid in enumerate(req.options):
            if oid not in opt_ids:
                problems.append(Problem(f"unknown option '{oid}'.{suggest(oid, opt_ids)}", ("options", i),
                                        line_of(lines, ("options", i)), f"one of {', '.join(opt_ids)}"))
        if len(set(req.options)) != len(req.options):
            problems.append(Problem("an option is listed twice.", ("options",), line_of(lines, ("options",)),
                                    "each option once"))
    if req.expected is not None:
        allowed = req.options if req.options is not None else opt_ids
        for i, oid in enumerate(req.expected.winners):
            if oid not in allowed:
                loc = ("expected", "winners", i)
                problems.append(Problem(f"expected winner '{oid}' is not an option compared.{suggest(oid, allowed)}",
                                        loc, line_of(lines, loc), f"one of {', '.join(allowed)}"))
    if req.stakeholders is not None:
        if req.weights:
            problems.append(Problem("give either top-level 'weights' or 'stakeholders', not both.",
                                    ("weights",), line_of(lines, ("weights",)), "one of the two"))
        if not req.stakeholders:
            problems.append(Problem("the stakeholders list is empty.", ("stakeholders",),
                                    line_of(lines, ("stakeholders",)), "at least one stakeholder with weights"))
        names = [s.name for s in req.stakeholders]
        if len(set(names)) != len(names):
            problems.append(Problem("two stakeholders share a name.", ("stakeholders",),
                                    line_of(lines, ("stakeholders",)), "a distinct name per person"))
        weighing = 0
        for i, s in enumerate(req.stakeholders):
            unknown_criteria(s.weights, ("stakeholders", i, "weights"))
            if s.role != "informed":
                # A named profile supplies the weights; the engine resolves it (and
                # reports an unknown profile id), since this check does no I/O.
                if sum(s.weights.values()) > 0 or s.profile:
                    weighing += 1
                else:
                    problems.append(Problem(f"stakeholder '{s.name}' ({s.role}) gives no positive weight.",
                                            ("stakeholders", i, "weights"),
                                            line_of(lines, ("stakeholders", i)),
                                            "at least one weight above 0, or role: informed"))
        if req.pairwise is not None:
            problems.append(Problem("pairwise judgments are one person's; in meeting mode each stakeholder "
                                    "gives weights.", ("pairwise",), line_of(lines, ("pairwise",)),
                                    "either 'stakeholders' or 'pairwise'"))
        if req.stakeholders and not weighing and not problems:
            problems.append(Problem("no stakeholder gives weights.", ("stakeholders",),
                                    line_of(lines, ("stakeholders",)), "at least one person with weights"))
    elif req.pairwise is not None:
        _check_pairwise(req, crit_ids, lines, problems)
    elif not problems and sum(req.weights.values()) <= 0:
        problems.append(Problem("all weights are zero (or none are given), so nothing can be compared.",
                                ("weights",), line_of(lines, ("weights",)),
                                f"at least one positive weight for a criterion such as {', '.join(crit_ids[:4])}"))
    if problems:
        raise InputError(name, problems)


def _check_pairwise(req: Requirements, crit_ids: list[str], lines: LineMap, problems: list[Problem]) -> None:
    """Pairwise judgments (issue 15): known criteria, Saaty's scale, every pair once; not with 'weights'."""
    from criteria.pairwise import parse_pairwise

    if req.weights:
        problems.append(Problem("give either 'weights' or 'pairwise', not both (pairwise judgments set the "
                                "weights).", ("weights",), line_of(lines, ("weights",)), "one of the two"))
    for p in parse_pairwise(req.pairwise or [], crit_ids)[2]:
        problems.append(Problem(p.message, p.path, line_of(lines, p.path), p.expected))
