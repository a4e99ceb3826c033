"""The safe YAML reader: duplicates, aliases, tags, depth, size, encoding, line numbers."""
from __future__ import annotations

import time

import pytest

from criteria.errors import InputError
from criteria.yamlio import MAX_BYTES, MAX_DEPTH, parse_bytes, parse_text


def test_plain_values_and_line_map() -> None:
    data, lines = parse_text("a: 1\nb:\n  c: [x, 2.5]\n  d: 2024-03-05\n")
    assert data == {"a": 1, "b": {"c": ["x", 2.5], "d": "2024-03-05"}}
    assert lines[("b", "c")] == 3
    assert lines[("b", "d")] == 4


def test_dates_stay_text_so_exports_are_deterministic() -> None:
    data, _ = parse_text("published: 2024-03-05\n")
    assert data["published"] == "2024-03-05"


@pytest.mark.parametrize(
    "text, line",
    [("a: 1\na: 2\n", 2), ("top:\n  x: 1\n  y: 2\n  x: 3\n", 4), ("- {k: 1, k: 2}\n", 1)],
)
def test_duplicate_keys_at_any_level_are_refused(text: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        parse_text(text, "f.yaml")
    assert err.value.problems[0].line == line
    assert "duplicate key" in str(err.value)
    assert "f.yaml" in str(err.value)


def test_python_tags_are_refused_and_never_run(tmp_path) -> None:
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(InputError, match="tag"):
        parse_text(text)
    assert not marker.exists()


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    with pytest.raises(InputError, match="aliases"):
        parse_text("\n".join(lines))
    # Not a speed goal: a sanity bound showing nothing was expanded (expansion would take minutes).
    assert time.perf_counter() - start < 5


def test_deep_nesting_is_refused() -> None:
    text = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    with pytest.raises(InputError, match="nesting"):
        parse_text(text)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="limit"):
        parse_bytes(b"a: 1\n" * (MAX_BYTES // 5 + 1))


def test_non_utf8_and_binary_are_refused_with_line() -> None:
    with pytest.raises(InputError, match="UTF-8") as err:
        parse_bytes(b"a: 1\nb: \xff\xfe\n", "bin.yaml")
    assert err.value.problems[0].line == 2
    with pytest.raises(InputError, match="NUL"):
        parse_bytes(b"a: 1\x00\n")


def test_syntax_error_names_line() -> None:
    with pytest.raises(InputError) as err:
        parse_text("a: [1, 2\nb: 3\n", "s.yaml")
    assert "syntax" in str(err.value)
    assert err.value.problems[0].line is not None


def test_numeric_looking_keys_stay_text() -> None:
    data, _ = parse_text("scale: {0: none, 3: some, 5: all}\n")
    assert data == {"scale": {"0": "none", "3": "some", "5": "all"}}


def test_nesting_message_is_ours_when_the_parser_stops_first(monkeypatch) -> None:
    # libyaml 0.2.6 (PyYAML 6.0.4 wheels) stops 1,000 levels deep with its own message
    # before handing over any event; older releases have no such limit. Stand in for that
    # parser on every version: fail like it, at the bracket where it gives up.
    import yaml

    import criteria.yamlio as yamlio

    text = "a: 1\nb: " + "[" * 5000 + "]" * 5000 + "\n"

    def stops_at_depth_1000(stream, Loader):  # noqa: N803 - yaml.parse's own argument name
        index = text.index("[") + 1000
        mark = yaml.Mark("<file>", index, 1, index - 5, text, index)
        raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", mark)
        yield  # pragma: no cover - a generator, like yaml.parse

    monkeypatch.setattr(yamlio.yaml, "parse", stops_at_depth_1000)
    with pytest.raises(InputError, match=f"nesting is deeper than {MAX_DEPTH} levels") as err:
        parse_text(text, "deep.json")
    assert "line 2" in str(err.value) and "maximum nesting depth" not in str(err.value)


def test_real_syntax_errors_keep_the_parsers_description() -> None:
    # The nesting guess runs only after a parse error, and only over-deep brackets change it.
    with pytest.raises(InputError, match="YAML syntax error") as err:
        parse_text("a: [1, 2\nb: {c: ]\n", "broken.yaml")
    assert "nesting" not in str(err.value)


def test_json_5000_levels_deep_gets_our_message_with_the_installed_parser() -> None:
    text = "[" * 5000 + "]" * 5000
    with pytest.raises(InputError, match=f"nesting is deeper than {MAX_DEPTH} levels"):
        parse_text(text, "deep.json")
