"""plotly.js settings shared by every figure of the course (pure core: no widgets).

plotly.js (from plotly 6) puts a "Share chart..." button in the toolbar that uploads the
figure, data and all, to Plotly Cloud. :data:`FIGURE_CONFIG` switches it off; the views
(:mod:`coursekit.views._figures`) and the standalone HTML report both use it.

>>> FIGURE_CONFIG["showSendToCloud"]
False
"""

from __future__ import annotations

from typing import Any

#: plotly.js settings for every figure of the course: no upload to Plotly Cloud, no
#: Plotly logo linking out; the toolbar keeps zoom, pan and "Download plot as a PNG".
FIGURE_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}

__all__ = ["FIGURE_CONFIG"]
