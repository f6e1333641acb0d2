"""Colour-blind-safe colours shared by every figure (Okabe and Ito, 2008).

The eight Okabe-Ito colours stay distinct under the common forms of colour blindness.
Figures use them by meaning, so the same idea has the same colour everywhere.
"""

from __future__ import annotations

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}

#: Ordered list for categorical series (yellow last: weak contrast on white).
QUALITATIVE: list[str] = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple",
                                                  "sky_blue", "vermillion", "black", "yellow")]

#: Network types, the same colour in every map and chart.
NETWORK_TYPE_COLOURS: dict[str, str] = {
    "operational": OKABE_ITO["orange"], "personal": OKABE_ITO["bluish_green"],
    "strategic": OKABE_ITO["blue"], "mixed": OKABE_ITO["reddish_purple"], "unknown": "#999999",
}

#: Interpretation bands, low to high, on a sequential blue scale readable in grey print.
BAND_COLOURS: dict[str, str] = {"low": "#C6DBEF", "middle": "#6BAED6", "high": "#08519C"}

#: The learner (ego) and neutral ink.
EGO_COLOUR = OKABE_ITO["black"]
INK = "#333333"
GRID = "#DDDDDD"
