"""The smallest Streamlit app of the same kind as app.py: one slider, one Altair chart.

The baseline of the app benchmarks (issue 10): ``streamlit run`` start-up,
rerun after a slider change and memory are measured on this app side by side
with app.py, so the figures say what app.py adds over Streamlit itself.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

weight = st.slider("Weight", 0, 10, 5, key="w")
# A weighted sum of two fixed ratings per option: the same kind of chart as the app's score bars.
data = pd.DataFrame({"option": ["A", "B", "C"], "r1": [5.0, 3.0, 1.0], "r2": [1.0, 4.0, 5.0]})
data["score"] = (weight * data["r1"] + (10 - weight) * data["r2"]) * 2
st.altair_chart(alt.Chart(data).mark_bar().encode(x="score:Q", y="option:N"), width="stretch")
