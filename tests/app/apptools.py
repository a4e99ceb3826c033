"""Reading what an AppTest run shows: metrics, chart data, sliders, text."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 60


def chart_title(element) -> str:
    title = json.loads(element.proto.spec).get("title", "")
    return title if isinstance(title, str) else title.get("text", "")


def charts(at: AppTest) -> dict[str, pd.DataFrame]:
    """Each drawn chart's title -> the data it was drawn from (first dataset)."""
    out = {}
    for el in at.get("vega_lite_chart"):
        frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in el.proto.datasets]
        out[chart_title(el)] = frames[0] if frames else pd.DataFrame()
    return out


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def weights(at: AppTest, matrix) -> dict[str, int]:
    return {c: at.slider(key=f"w:{c}").value for c in matrix.criterion_ids()}


def set_only(at: AppTest, matrix, only: dict[str, int]) -> AppTest:
    """Set every weight slider (0 unless given) and rerun once."""
    for c in matrix.criterion_ids():
        at.slider(key=f"w:{c}").set_value(only.get(c, 0))
    return at.run()


def texts(at: AppTest) -> str:
    """All markdown, captions, alerts and dataframes' text of the page, for 'is it said' checks."""
    parts = [e.value for kind in ("markdown", "caption", "warning", "error", "info", "success")
             for e in getattr(at, kind)]
    parts += [df.value.to_string() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)
