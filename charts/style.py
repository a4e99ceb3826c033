"""Colours and type sizes shared by every chart.

Chosen to read on a projector and in both light and dark themes: mid-lightness,
saturated hues that keep contrast against white and near-black backgrounds, and text
sizes above Vega-Lite's defaults (11 px is unreadable from the back of a room).
Axis and title colours are left to the theme (Streamlit's light or dark theme;
vl-convert's default when saved as SVG), so they always contrast the background.
"""
from __future__ import annotations

from types import MappingProxyType

import altair as alt

#: How many options a chart shows by default when there are more (issue 8).
DEFAULT_TOP = 8

# One meaning per colour in every chart of the app and the record (issue 16, item 10):
# an option is blue when recommended (or tied first), slate otherwise, amber when a
# must-have rules it out; gains and losses use two hues no option ever takes (teal and
# fuchsia: apart in lightness too, so they survive red-green colour blindness and greyscale).
WINNER = "#2563eb"  # blue: the recommended option (or the options tied first)
OTHER = "#64748b"  # slate: eligible, not recommended
RULED_OUT = "#d97706"  # amber: fails a must-have (a warning, not a loss)
GAIN = "#0f766e"  # teal: where the winner gains on the challenger
LOSS = "#c026d3"  # fuchsia: where it loses
CURRENT = "#111827"  # near-black ring: your current weight (drawn on top, so visible at 10)
#: The stacked contributions colour the heaviest criteria only; the rest share one light grey.
TOP_CRITERIA = 5
CRITERIA_COLOURS = ("#0e7490", "#65a30d", "#be185d", "#7c3aed", "#ca8a04")
REST = "#cbd5e1"
HEAT_SCHEME = "blues"  # sequential, light for 0 and dark for 5

#: Text drawn by the charts themselves (value labels, subtitles), per page theme.
#: Streamlit themes axes, legends and titles but not these, so they must follow the page.
INK = MappingProxyType({False: "#1f2937", True: "#e5e7eb"})  # dark: False = light page
SUBTLE_INK = MappingProxyType({False: "#4b5563", True: "#9ca3af"})

LABEL_SIZE = 14
TITLE_SIZE = 18
WIDTH = 560


def finish(chart: alt.TopLevelMixin, dark: bool = False) -> alt.TopLevelMixin:
    """Apply the shared type sizes and text colours (call last; a configured chart cannot be layered further).

    ``dark`` is the page's theme: value labels and subtitles are drawn in a
    colour that contrasts it (the SVG export for records uses the light default).
    """
    return (
        chart.configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, labelLimit=260)
        .configure_legend(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, orient="bottom")
        .configure_title(fontSize=TITLE_SIZE, subtitleFontSize=LABEL_SIZE, anchor="start",
                         subtitleColor=SUBTLE_INK[dark])
        .configure_text(color=INK[dark])
        .configure_view(strokeWidth=0)
    )


def title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    if subtitle:
        return alt.TitleParams(text, subtitle=subtitle)
    return alt.TitleParams(text)
