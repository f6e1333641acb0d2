"""plotly.js settings shared by every figure of the course: the views and the HTML report.

>>> FIGURE_CONFIG["showSendToCloud"]
False
"""

from __future__ import annotations

from typing import Any

#: No "Share chart..." upload to Plotly Cloud (figure, data and all; plotly 6 adds it), no
#: Plotly logo linking out; the toolbar keeps zoom, pan and "Download plot as a PNG".
FIGURE_CONFIG: dict[str, Any] = {
    "displaylogo": False, "showSendToCloud": False, "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud"]}
