"""``stackwise app``: the packaged page and settings, the flags handed to Streamlit, bad arguments.

Starting the server for real is tests/packaging/test_wheel.py's job (from an installed wheel).
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from stackwise_cli import app_cmd
from stackwise_cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _flags(argv: list[str]) -> dict[str, str]:
    """``--section.option value`` pairs; a repeated option keeps its last value, as Click does."""
    out: dict[str, str] = {}
    for i, arg in enumerate(argv):
        if arg.startswith("--") and "." in arg:
            out[arg[2:]] = argv[i + 1]
    return out


def test_packaged_settings_are_the_checkouts_streamlit_config() -> None:
    checkout = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert app_cmd.settings() == checkout


def test_flags_carry_theme_toolbar_upload_cap_and_headless() -> None:
    argv = app_cmd.streamlit_argv()
    assert argv[0] == "run" and Path(argv[1]).is_file()
    flags = _flags(argv)
    assert flags["theme.base"] == "light"
    assert flags["client.toolbarMode"] == "minimal"
    assert flags["server.maxUploadSize"] == "9"
    assert flags["server.headless"] == "true"
    assert flags["browser.gatherUsageStats"] == "false"


def test_page_script_lives_in_the_ui_package_and_runs_the_desk() -> None:
    import ui

    script = app_cmd.page_script()
    assert script.parent.parent == Path(ui.__file__).parent
    assert "from ui.desk import main" in script.read_text(encoding="utf-8")
    # Alone in its folder: Streamlit puts that folder first on sys.path.
    assert sorted(p.name for p in script.parent.glob("*.py")) == ["__init__.py", script.name]


def test_port_and_passthrough_come_last_so_they_win() -> None:
    argv = app_cmd.streamlit_argv(8765, ["--theme.base", "dark", "--server.address", "0.0.0.0"])
    flags = _flags(argv)
    assert flags["server.port"] == "8765"
    assert flags["theme.base"] == "dark" and flags["server.address"] == "0.0.0.0"


def test_double_dash_passthrough_reaches_streamlit(monkeypatch) -> None:
    seen: dict = {}

    def fake_main(args, prog_name):  # stands in for Click's entry point: records, starts nothing
        seen["args"] = args
        raise SystemExit(0)

    import streamlit.web.cli

    monkeypatch.setattr(streamlit.web.cli, "main", fake_main)
    with pytest.raises(SystemExit):
        main(["app", "--port", "8600", "--", "--server.address", "127.0.0.1"])
    flags = _flags(seen["args"])
    assert flags["server.port"] == "8600" and flags["server.address"] == "127.0.0.1"
    assert "--" not in seen["args"]


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_bad_port_is_a_usage_error(capsys, port: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["app", "--port", port])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "port number (1-65535)" in err and "Traceback" not in err


def test_missing_matrix_exits_2_before_starting(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(app_cmd.MATRIX_ENV, raising=False)
    code = main(["app", "--matrix", str(tmp_path / "nope.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "nope.yaml" in err and "no such file or folder" in err


def test_warm_up_reads_the_shipped_matrix_once_for_the_page(monkeypatch) -> None:
    import threading

    from criteria import loader

    calls = []
    real = loader._load_folder

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(loader, "_load_folder", counting)
    monkeypatch.delenv(app_cmd.MATRIX_ENV, raising=False)
    loader._parse_shipped.cache_clear()
    try:
        warm = threading.Thread(target=app_cmd.warm_up, args=(0.0,))
        warm.start()
        page = loader.load_matrix()  # the first page, asking while the warm-up may still be parsing
        warm.join(timeout=300)
        assert not warm.is_alive()
        assert calls == [loader.DATA_DIR]  # one parse, shared
        assert loader.load_matrix() is page
    finally:
        loader._parse_shipped.cache_clear()
