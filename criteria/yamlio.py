"""Safe, bounded YAML (and JSON) reading with line numbers for every key.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, expands
alias bombs ("billion laughs") without limit and forgets where each value
stood. This module reads a document in three bounded steps instead:

1. size cap on the raw bytes and strict UTF-8 decoding;
2. one pass over the parser's *events* (no objects built yet) that refuses
   anchors/aliases, non-standard tags (``!!python/object`` and friends) and
   nesting deeper than :data:`MAX_DEPTH`;
3. composition into nodes and a hand-written conversion to plain Python
   values that rejects duplicate keys, keeps keys as written text, refuses
   number literals longer than :data:`MAX_NUMBER_CHARS` and records the line
   of every key path.

Files are read through :func:`read_capped`: regular files only, never more
than ``MAX_BYTES + 1`` bytes read.

Only after these checks does any code walk the structure, so an input's size
and shape are bounded before anything iterates over it.
"""
from __future__ import annotations

import json
import math
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from criteria.errors import InputError

try:  # the C parser is much faster on multi-megabyte matrices
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, plus JSON's number syntax.

    YAML 1.1 (PyYAML) reads ``1e5`` and ``2E-3`` as text: its floats need a dot
    and a signed exponent. JSON (and YAML 1.2) read them as numbers, so a JSON
    file written by any other tool would otherwise carry strings where numbers
    belong. The added resolver makes every JSON number a number here too.
    """


yaml.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE][-+]?[0-9]+$"),
    list("-0123456789"),
    Loader=_Loader,
)

#: Largest input accepted, in bytes. A generated 200-option x 50-criterion
#: matrix with a rationale and an evidence item per rating is about 5.3 MB as
#: YAML and 6.4 MB as JSON (tests/hardening/test_limits.py); real ones are smaller.
MAX_BYTES = 8 * 1024 * 1024
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 40
#: Most scalars (leaf values) accepted in one document.
MAX_SCALARS = 400_000
#: Longest number literal accepted, in characters. Ratings and weights are short;
#: a longer literal is a mistake or an attack: Python refuses ints over 4300
#: digits with a ValueError, and YAML 1.1 base-60 ints ("1:2:3:...") cost time
#: quadratic in their length to build.
MAX_NUMBER_CHARS = 100

_STD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

LineMap = dict[tuple[str | int, ...], int]

#: Raw C0/C1 control characters other than tab, newline, carriage return and NEL.
#: No input of ours has a use for them, and printed raw, ESC sequences repaint a
#: terminal. (YAML's own reader refuses most of them too, without a line number.)
#: Strings may still hold them through YAML escapes ("\e"): people type anything,
#: and a bundle we wrote must read back; output escapes them instead.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: For keys (ids and names of criteria), the bidi embedding/override/isolate
#: controls too: a key that reads differently than it is stored ("Trojan Source").
_CONTROL_KEY = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def _control_problem(text: str, pattern: re.Pattern[str] = _CONTROL) -> tuple[str, int] | None:
    """(description, offset) of the first refused control character in ``text``, or None."""
    m = pattern.search(text)
    if m is None:
        return None
    return f"a control character (U+{ord(m.group()):04X})", m.start()


def decode(raw: bytes, file: str | None) -> str:
    """Bytes to text: size cap, strict UTF-8, no NUL bytes."""
    if len(raw) > MAX_BYTES:
        raise InputError.single(
            file,
            f"file is {len(raw) / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit.",
            expected="a smaller file (split it, or remove unused options)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            file, f"byte {exc.start} is not valid UTF-8 (binary file?).", line=line,
            expected="a UTF-8 text file",
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError.single(file, "the file contains NUL bytes (binary file?).", line=line,
                                expected="a UTF-8 text file")
    found = _control_problem(text)
    if found is not None:
        what, at = found
        raise InputError.single(file, f"the file contains {what}; control characters are not allowed.",
                                line=text[:at].count("\n") + 1, expected="plain UTF-8 text")
    return text


def _check_events(text: str, file: str | None) -> None:
    depth = 0
    scalars = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError.single(
                    file, "YAML anchors and aliases (&name, *name) are not accepted.", line=line,
                    expected="write each value out in full",
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in _ALLOWED_TAGS and tag != "!":
                raise InputError.single(
                    file, f"the YAML tag '{tag}' is not accepted (tags can build objects).",
                    line=line, expected="plain values: text, numbers, lists and mappings",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError.single(
                        file, f"nesting is deeper than {MAX_DEPTH} levels.", line=line,
                        expected="a flat document as in the examples",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                scalars += 1
                if scalars > MAX_SCALARS:
                    raise InputError.single(
                        file, f"more than {MAX_SCALARS} values in one document.", line=line,
                        expected="a smaller document",
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            _refuse_deep_brackets(text[: mark.index + 1], file)
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            # libyaml does not say which character; a tab is by far the most common one.
            problem = "a tab character where YAML expects spaces (YAML indents with spaces only)"
        raise InputError.single(
            file, f"YAML syntax error: {problem}.", line=line,
            expected="valid YAML (check indentation, colons and quotes)",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.single(file, f"YAML error: {exc}.", expected="valid YAML") from None


_BRACKET = re.compile(r"[\[\]{}]")


def _refuse_deep_brackets(text: str, file: str | None) -> None:
    """Raise our nesting message if ``text`` opens more than :data:`MAX_DEPTH` brackets deep.

    Called only when the parser has already failed. libyaml has a nesting limit of its own
    (0.2.6 and later stop at 1,000 levels with "exceeded maximum nesting depth"; older
    releases have none), and on ``[[[[...`` it reads ahead far enough to hit that limit
    before it hands over the first event, so the depth check in :func:`_check_events` never
    runs. Flow brackets are the only way to get there (block nesting is reported level by
    level, and stops at ours first), and such a document is refused either way: this gives
    it stackwise's message whatever the libyaml version. Brackets are counted as written,
    quotes included: a guess that only ever turns a syntax error into a nesting error.
    """
    depth = 0
    for m in _BRACKET.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            raise InputError.single(
                file, f"nesting is deeper than {MAX_DEPTH} levels.", line=text.count("\n", 0, m.start()) + 1,
                expected="a flat document as in the examples",
            )


class _Converter:
    """Nodes to plain values; rejects duplicate keys; records key lines."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.lines: LineMap = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _STD_TAG + "merge":
                    raise InputError.single(
                        self.file, "YAML merge keys (<<) are not accepted.",
                        path=path, line=key_node.start_mark.line + 1,
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    raise InputError.single(
                        self.file, "a mapping key must be plain text.", path=path,
                        line=key_node.start_mark.line + 1,
                    )
                # Keys stay the text written (ids like "3", "on" or "1e400" are names,
                # not numbers), so no key is ever constructed as a Python object.
                key = str(key_node.value)
                self._check_text(key, path, key_node)
                if key in out:
                    raise InputError.single(
                        self.file,
                        f"duplicate key '{key}' (first at line {self.lines.get(path + (key,), '?')}).",
                        path=path + (key,), line=key_node.start_mark.line + 1,
                        expected="each key once per mapping",
                    )
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _check_text(self, text: str, path: tuple[str | int, ...], node: yaml.Node) -> None:
        found = _control_problem(text, _CONTROL_KEY)
        if found is not None:
            raise InputError.single(
                self.file, f"a key holds {found[0]} (written as an escape); control characters are not "
                "allowed in keys.", path=path, line=node.start_mark.line + 1,
                expected="a plain id such as performance",
            )

    def _scalar(self, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> Any:
        if node.tag == _STD_TAG + "timestamp":
            return node.value  # keep dates as the text written: deterministic exports
        if node.tag in (_STD_TAG + "int", _STD_TAG + "float") and len(node.value) > MAX_NUMBER_CHARS:
            raise InputError.single(
                self.file, f"a number {len(node.value)} characters long is not accepted.",
                path=path, line=node.start_mark.line + 1,
                expected=f"a number of at most {MAX_NUMBER_CHARS} characters, e.g. 3 or 0.5",
            )
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:  # pragma: no cover - defensive
            raise InputError.single(
                self.file, f"cannot read the value {node.value[:40]!r} ({exc}).",
                path=path, line=node.start_mark.line + 1, expected="a plain number or text",
            ) from None


def parse_text(text: str, file: str | None = None) -> tuple[Any, LineMap]:
    """Parse YAML (JSON is YAML) text to plain values plus a key-path -> line map."""
    _check_events(text, file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:  # pragma: no cover - events already parsed
        raise InputError.single(file, f"YAML error: {exc}.") from None
    if node is None:
        return None, {}
    conv = _Converter(file)
    return conv.convert(node, ()), conv.lines


def parse_bytes(raw: bytes, file: str | None = None) -> tuple[Any, LineMap]:
    return parse_text(decode(raw, file), file)


def read_capped(path: str | Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_BYTES`; raise :class:`InputError` otherwise.

    Never reads more than ``MAX_BYTES + 1`` bytes, so a device or a file that
    grows while being read (``/dev/zero``, a pipe) cannot exhaust memory, and
    refuses anything that is not a regular file before opening it.
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError.single(name, "file not found.", expected="a path to an existing file") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror}).") from None
    if p.is_dir():
        raise InputError.single(name, "is a folder, not a file.", expected="a path to a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError.single(name, "is not a regular file (a device, pipe or socket).",
                                expected="a path to a YAML, JSON or CSV file")
    if st.st_size > MAX_BYTES:
        raise InputError.single(
            name, f"file is {st.st_size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit.",
            expected="a smaller file",
        )
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror}).") from None
    return raw  # decode() refuses it if it grew past the cap since stat()


def read_file(path: str | Path) -> tuple[Any, LineMap]:
    """Read a YAML or JSON file with every safety check; raise :class:`InputError`."""
    return parse_bytes(read_capped(path), str(path))


def line_of(lines: LineMap, path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest known ancestor of ``path``."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return None


def is_finite_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def dump_yaml(data: Any) -> str:
    """Deterministic YAML for exports (insertion order kept, unicode kept)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
