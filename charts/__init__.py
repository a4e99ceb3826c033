"""Altair chart builders for one evaluation: pure functions, no Streamlit.

Shared by the app (``st.altair_chart``) and the decision-record exporter (SVG
through vl-convert), so a chart looks the same on screen and in the record.
Each builder takes the :class:`scoring.Evaluation` (and the matrix where
ratings are needed) and returns a titled chart with tooltips. The data behind
each chart comes from :mod:`charts.frames`, which tests read directly.

``top`` keeps the best ``top`` options by score (the winner always included)
so charts stay readable with eight or more options.
"""
from charts.contributions import contribution_gap, contributions, contributions_small_multiples
from charts.flips import flip_points
from charts.heatmap import ratings_heatmap
from charts.meeting import disagreement, people_scores
from charts.probability import win_probability
from charts.scores import total_scores
from charts.style import DEFAULT_TOP
from charts.uncertainty import rating_flips_chart, stability_chart, two_way_chart

__all__ = [
    "DEFAULT_TOP", "contribution_gap", "contributions", "contributions_small_multiples", "disagreement", "flip_points", "people_scores",
    "ratings_heatmap", "total_scores", "win_probability",
    "rating_flips_chart", "stability_chart", "two_way_chart",
]
