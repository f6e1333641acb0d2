"""Where the map's words go: the rings, the room around the map, and the names on it.

The names on a map (:func:`coursekit.network.egogram.egogram`) are placed in Python,
before the browser draws it: a name that would lie over another word is left out (it stays
in the hover text). That needs the map's scale, pixels per map unit, which follows from the
figure's height and the room kept around the map: :data:`MARGIN_TOP` for the title and the
caption, and below the map either :data:`LEGEND_ROOM` for the legend or
:data:`MARGIN_BOTTOM` without one. The figure does not let its legend take more
(``margin.autoexpand`` is off), so the map is the same size whether the legend runs on one
row or wraps: what is placed here is what is drawn. The map is as tall as that leaves it, as
long as the figure is wider than it is tall (every view shows maps at 480 px or more).

>>> round(map_px(460, legend=False)), round(map_px(620, legend=True))
(350, 385)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import overload

import numpy as np

from .records import STRENGTH_MAX, STRENGTH_SCALE

#: The outer edge of the rings' sectors, in map units (the rings are 1 to 5 units across).
OUTER = STRENGTH_MAX + 0.9
#: Half the shown width and height of the map, in map units.
EXTENT = OUTER + 0.9
#: Room above the map (title and caption) and below it, in pixels: with a legend below the
#: map, the room it may take (five network types and their group title at most; legend
#: groups stand side by side above some 520 px and stack below that).
MARGIN_TOP, MARGIN_BOTTOM, LEGEND_ROOM = 100, 10, 135
#: How big a label is on the map: width of one character and the line height of 11-px
#: text, in pixels (a generous estimate for a sans-serif font).
LABEL_CHAR_PX, LABEL_LINE_PX = 7.0, 15.0
#: Your star's size on the map, in pixels.
EGO_PX = 22
#: Where a name may go beside its dot, in the order tried (plotly's ``textposition``).
LABEL_PLACES = ("top center", "bottom center", "middle right", "middle left")


@overload
def ring_radius(strength: int) -> int: ...
@overload
def ring_radius(strength: np.ndarray) -> np.ndarray: ...


def ring_radius(strength: np.ndarray | int) -> np.ndarray | int:
    """Radius of a contact's ring: 1 for strength 5 (very close) ... 5 for strength 1."""
    return STRENGTH_MAX + 1 - strength


def map_px(height: int, *, legend: bool = True) -> float:
    """How many pixels the map is across in a figure ``height`` px tall (with or without legend)."""
    return max(100.0, height - MARGIN_TOP - (LEGEND_ROOM if legend else MARGIN_BOTTOM))


def margin(*, legend: bool = True) -> dict[str, int | bool]:
    """The figure's margins, fixed: the legend never takes the map's room."""
    return {"l": 10, "r": 10, "t": MARGIN_TOP, "b": LEGEND_ROOM if legend else MARGIN_BOTTOM,
            "autoexpand": False}


def dot_px(contacts: int) -> int:
    """How many pixels across a contact's dot is on a map of ``contacts`` people."""
    return 15 if contacts <= 20 else (11 if contacts <= 80 else (8 if contacts <= 300 else 5))


def label_boxes(texts: Sequence[str], x: np.ndarray, y: np.ndarray, height: int, *,
                legend: bool = True, places: Sequence[str] | None = None,
                contacts: int | None = None) -> list[tuple[float, float, float, float]]:
    """The box (x0, y0, x1, y1) each label takes on the map, in map units.

    A label sits beside its dot at its place (``places``, one of :data:`LABEL_PLACES`
    each; above the dot when not given), as far from the dot's centre as plotly puts it
    (the dot's radius / 0.8 + 1 px; the dots' size follows the map's ``contacts``, by
    default one per label). The map shows ``2 * EXTENT`` units over :func:`map_px` pixels.
    """
    per_px = 2 * EXTENT / map_px(height, legend=legend)
    gap = (dot_px(contacts or len(texts)) / 2 / 0.8 + 1) * per_px
    line = LABEL_LINE_PX * per_px
    boxes = []
    for k, (text, cx, cy) in enumerate(zip(texts, x, y, strict=True)):
        width = (len(text) * LABEL_CHAR_PX + 4) * per_px
        place = places[k] if places is not None else LABEL_PLACES[0]
        if place == "top center":
            boxes.append((cx - width / 2, cy + gap, cx + width / 2, cy + gap + line))
        elif place == "bottom center":
            boxes.append((cx - width / 2, cy - gap - line, cx + width / 2, cy - gap))
        elif place == "middle right":
            boxes.append((cx + gap, cy - line / 2, cx + gap + width, cy + line / 2))
        else:  # middle left
            boxes.append((cx - gap - width, cy - line / 2, cx - gap, cy + line / 2))
    return boxes


def dot_boxes(x: np.ndarray, y: np.ndarray, height: int, *,
              legend: bool = True) -> list[tuple[float, float, float, float]]:
    """The box each contact's dot takes on the map (its white outline too), in map units."""
    per_px = 2 * EXTENT / map_px(height, legend=legend)
    half = (dot_px(len(x)) / 2 + 1) * per_px
    return [(cx - half, cy - half, cx + half, cy + half) for cx, cy in zip(x, y, strict=True)]


def fixed_boxes(ego_label: str, sectors: Sequence[tuple[str, float, float]], height: int, *,
                legend: bool = True) -> list[tuple[float, float, float, float]]:
    """The boxes of what every map has: your star and name, the rings' and sectors' words."""
    per_px = 2 * EXTENT / map_px(height, legend=legend)
    half = (len(ego_label) * LABEL_CHAR_PX + 4) * per_px / 2
    star = (EGO_PX / 2) * per_px
    boxes = [(-half, -(12 + LABEL_LINE_PX) * per_px, half, 0.0), (-star, -star, star, star)]
    for s in range(1, STRENGTH_MAX + 1):  # the rings' words, 9 px, at the top of each ring
        w = (len(STRENGTH_SCALE[s].split(":")[0]) * 5 + 4) * per_px / 2
        boxes.append((-w, ring_radius(s) - 6 * per_px, w, ring_radius(s) + 6 * per_px))
    for label, start, end in sectors:  # bold, at 12 px
        mid, half = (start + end) / 2, (len(str(label)) * 8.0 + 4) * per_px / 2
        cx, cy = (OUTER + 0.25) * math.sin(mid), (OUTER + 0.25) * math.cos(mid)
        boxes.append((cx - half, cy - 9 * per_px, cx + half, cy + 9 * per_px))
    return boxes


def short_name(name: str, limit: int = 18) -> str:
    """A name short enough for the map: a person's first name and initial, not a cut word.

    >>> short_name("Marguerite Dufresne"), short_name("Dana K")
    ('Marguerite D.', 'Dana K')
    """
    words = name.split()
    if len(name) <= limit:
        return name
    short = f"{words[0]} {words[-1][0]}." if 1 < len(words) <= 3 else name
    return short if len(short) <= limit else name[:limit - 1].rstrip() + "…"


def place_labels(texts: Sequence[str], x: np.ndarray, y: np.ndarray,
                 order: Sequence[int] | np.ndarray,
                 fixed: list[tuple[float, float, float, float]], limit: int, height: int, *,
                 legend: bool = True) -> dict[int, str]:
    """Which labels to show, and where: in ``order``, each at its first free place.

    A label goes above its dot, else below it, to its right or to its left
    (:data:`LABEL_PLACES`): at the first place where it covers none of ``fixed`` (the
    words every map has, :func:`fixed_boxes`), no label placed before it and no other
    person's dot, and stays inside the map. A label with no such place is left out (the
    name stays in the hover text). At most ``limit`` are placed. Returns ``{index: place}``.

    Only the first :data:`CANDIDATES` in ``order`` are tried (a crowded map of 1,500
    people has room for a few names, and they go to the closest), :data:`_BATCH` at a
    time, each batch's boxes checked against every dot at once (numpy).
    """
    n = len(texts)
    dots = np.array(dot_boxes(x, y, height, legend=legend)).reshape(-1, 4)
    order = np.asarray(order, dtype=int)[:CANDIDATES]
    placed, shown = list(fixed), dict[int, str]()
    for start in range(0, len(order), _BATCH):
        batch = order[start:start + _BATCH]
        picked = [texts[k] for k in batch]
        free = {}  # place -> (boxes of the batch there, which of them cover no other dot)
        for place in LABEL_PLACES:
            boxes = np.array(label_boxes(picked, x[batch], y[batch], height, legend=legend,
                                         places=[place] * len(batch), contacts=n))
            free[place] = (boxes, ~_covers_a_dot(boxes, batch, dots))
        for i, k in enumerate(batch):
            if len(shown) == limit:
                return shown
            for place in LABEL_PLACES:
                boxes, clear = free[place]
                x0, y0, x1, y1 = (float(v) for v in boxes[i])
                box = (x0, y0, x1, y1)
                if (clear[i] and -EXTENT <= box[0] and box[2] <= EXTENT
                        and -EXTENT <= box[1] and box[3] <= EXTENT
                        and not any(_overlap(box, o) for o in placed)):
                    placed.append(box)
                    shown[int(k)] = place
                    break
    return shown


#: How many of the closest people :func:`place_labels` tries to name, and how many it
#: checks against the dots at once.
CANDIDATES, _BATCH = 400, 100


def _covers_a_dot(boxes: np.ndarray, owners: np.ndarray, dots: np.ndarray) -> np.ndarray:
    """For each box (its owner's label), whether it overlaps a dot other than its owner's."""
    hit = ((boxes[:, None, 0] < dots[None, :, 2]) & (dots[None, :, 0] < boxes[:, None, 2])
           & (boxes[:, None, 1] < dots[None, :, 3]) & (dots[None, :, 1] < boxes[:, None, 3]))
    hit[np.arange(len(owners)), owners] = False
    return np.asarray(hit.any(axis=1), dtype=bool)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
