"""``stackwise app [--port N] [--matrix PATH] [-- streamlit options]``: start the decision desk.

Runs ``streamlit run`` on the page the installed package carries
(``ui/entry/stackwise_desk.py``), in this process, with the settings of
``ui/streamlit.toml`` passed as command-line flags. Flags, because Streamlit
reads ``.streamlit/config.toml`` only from the current folder and the home
folder: started from anywhere else, the app would lose its light theme, its
minimal toolbar and its upload cap. ``ui/streamlit.toml`` is the same file as
the checkout's ``.streamlit/config.toml`` (a test keeps them equal), so
``streamlit run app.py`` in a checkout and ``stackwise app`` anywhere serve the
same app. Options after ``--`` go to Streamlit last, so they win
(``stackwise app -- --server.address 0.0.0.0``).
"""
from __future__ import annotations

import argparse
import os
import threading
import time
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from criteria.errors import InputError

#: Where the page and its settings live inside the installed ``ui`` package.
PAGE = ("entry", "stackwise_desk.py")
SETTINGS = "streamlit.toml"
MATRIX_ENV = "STACKWISE_MATRIX"  # the same variable ui/loaders.py reads


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "app", help="start the decision desk in the browser (Streamlit)",
        description="Start the decision desk (http://localhost:8501 by default). "
        "Options after -- are passed to `streamlit run`, e.g. -- --server.address 0.0.0.0",
    )
    p.add_argument("--port", type=_port, help="port to serve on (default 8501)")
    p.add_argument("--matrix", help=f"matrix file or folder to start with (sets ${MATRIX_ENV}); "
                   "default: the shipped data")
    p.add_argument("streamlit_args", nargs=argparse.REMAINDER, metavar="-- STREAMLIT_OPTIONS",
                   help="options for `streamlit run`")
    p.set_defaults(run=run)


def page_script() -> Path:
    """The script Streamlit runs: a real file inside the installed ``ui`` package."""
    return Path(str(resources.files("ui").joinpath(*PAGE)))


def settings() -> dict[str, dict[str, Any]]:
    """The app's Streamlit settings, ``{section: {option: value}}``, from ``ui/streamlit.toml``."""
    return tomllib.loads(resources.files("ui").joinpath(SETTINGS).read_text(encoding="utf-8"))


def _flag_value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def streamlit_argv(port: int | None = None, extra: list[str] | None = None) -> list[str]:
    """Arguments for ``streamlit`` (without the program name): ``run PAGE --section.option value ...``."""
    argv = ["run", str(page_script())]
    for section, options in settings().items():
        for name, value in options.items():
            argv += [f"--{section}.{name}", _flag_value(value)]
    if port is not None:
        argv += ["--server.port", str(port)]
    return argv + list(extra or [])


def warm_up(wait_for_server: float = 120.0) -> None:
    """Import the page's modules and read the shipped files before the first browser connects.

    Streamlit imports the page and reads the data only when a browser opens the page,
    and then the person waits for all of it. Started next to the server, this uses the
    time the server takes to start and the browser takes to load Streamlit's scripts.
    Only what every first page needs: the modules of ``ui.desk`` (pandas, Altair, the
    charts), the shipped matrix and catalog (cached once per process by the loader),
    and Altair's first-use set-up (its Vega-Lite schema). Anything that fails here is
    left for the page, which reports it with its own message. ``wait_for_server``: seconds
    to wait for Streamlit's runtime before importing the page itself.
    """
    try:
        import altair as alt
        import pandas as pd

        import charts  # noqa: F401 - imported for the side effect: the page needs them all
        import scoring  # noqa: F401
        from criteria import load_catalog, load_matrix

        if not os.environ.get(MATRIX_ENV):
            load_matrix()
        load_catalog()
        alt.Chart(pd.DataFrame({"x": [1.0]})).mark_bar().encode(x="x:Q").to_dict(validate=False)
        # The page's own modules declare Streamlit caches, which want the server's runtime
        # (before it exists Streamlit logs a warning per cache): wait for it.
        from streamlit import runtime

        deadline = time.monotonic() + wait_for_server
        while not runtime.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if runtime.exists():
            import ui.desk  # noqa: F401
    except Exception:  # noqa: BLE001 - the page shows what is wrong, with file and line
        pass


def run(args: argparse.Namespace) -> int:
    extra = list(args.streamlit_args)
    if extra[:1] == ["--"]:
        extra = extra[1:]
    if args.matrix is not None:
        path = Path(args.matrix)
        if not path.exists():
            raise InputError.single(args.matrix, "no such file or folder.",
                                    expected="a matrix file (YAML, JSON, CSV) or a data folder")
        os.environ[MATRIX_ENV] = str(path.resolve())  # the app checks it and shows what is wrong
    threading.Thread(target=warm_up, name="stackwise-warm-up", daemon=True).start()
    # Imported here: `stackwise validate` and friends should not pay for Streamlit's import.
    from streamlit.web import cli as streamlit_cli

    # Click ends the process itself (sys.exit) with Streamlit's exit code.
    streamlit_cli.main(args=streamlit_argv(args.port, extra), prog_name="streamlit")
    return 0  # pragma: no cover - not reached
