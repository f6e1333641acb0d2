"""The energy log: a week of activities, how engaged the learner was, what it did to their energy.

Bill Burnett and Dave Evans (*Designing Your Life*, Knopf, 2016) have their readers keep a
*Good Time Journal*: a log, kept over a few weeks, of what they did and how engaged and how
energised (or drained) each activity left them, read afterwards for patterns. The course's
version is smaller: one week, with two scales of its own, engagement from 1 (bored) to 5
(absorbed, time flew) and energy from -2 (drained a lot) to +2 (gave a lot). What the
learner sees in it is a private reflection (``reflection:energy-patterns``).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> _ = add_energy(store, "2030-03-02", "Customer call", engagement=5, energy=2)
>>> _ = add_energy(store, "2030-03-03", "customer call ", engagement=4, energy=1)
>>> _ = add_energy(store, "2030-03-03", "Audit report", engagement=2, energy=-2)
>>> days_logged(list_energy(store))
2
>>> energy_summary(list_energy(store)).values.tolist()
[['Customer call', 2, 4.5, 1.5], ['Audit report', 1, 2.0, -2.0]]
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .._errors import InputError
from .._figure_style import TEMPLATE
from .._palette import GRID, OKABE_ITO
from .._sql import inserted_id
from .._text import escape_html
from ..planning.model import MAX_TITLE, check_text, parse_date
from ..store import LearnerStore, _now
from .model import EXERCISE

#: Engagement, 1 to 5, in words.
ENGAGEMENT: dict[int, str] = {1: "bored", 2: "restless", 3: "so-so", 4: "engaged",
                              5: "absorbed, time flew"}
#: Energy, -2 to +2, in words.
ENERGY: dict[int, str] = {-2: "drained a lot", -1: "drained a little", 0: "neither",
                          1: "gave a little", 2: "gave a lot"}
#: The key of the learner's private note on the patterns they see.
PATTERNS_KEY = "reflection:energy-patterns"
#: Days of logging that make the week's log done (a working week).
WEEK_DAYS = 5


@dataclass(frozen=True)
class EnergyEntry:
    """One logged activity."""

    id: int
    day: date
    activity: str
    engagement: int
    energy: int


def _scale(value: Any, scale: dict[int, str], what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in scale:
        low, high = min(scale), max(scale)
        raise InputError(f"{what.capitalize()} {value!r} is not on the scale. Fix: choose a "
                         f"whole number from {low} ({scale[low]}) to {high} ({scale[high]}).")
    return value


def add_energy(store: LearnerStore, day: Any, activity: str, *, engagement: int,
               energy: int) -> EnergyEntry:
    """Log one activity of a day (one transaction) and return it.

    Raises
    ------
    InputError
        No day or activity, a day not YYYY-MM-DD, a value off its scale.
    """
    when = parse_date(day, "day")
    if when is None:
        raise InputError("The day is missing. Fix: choose the day you did it.")
    what = check_text(activity, "activity", required=True, limit=MAX_TITLE)
    engaged = _scale(engagement, ENGAGEMENT, "engagement")
    felt = _scale(energy, ENERGY, "energy")
    with store.transaction() as conn:
        eid = inserted_id(conn.execute(
            "INSERT INTO between_energy (day, activity, engagement, energy, created_at) "
            "VALUES (?, ?, ?, ?, ?)", (when.isoformat(), what, engaged, felt, _now())))
    return EnergyEntry(eid, when, what, engaged, felt)


def remove_energy(store: LearnerStore, entry_id: int) -> None:
    """Remove one logged activity."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM between_energy WHERE id = ?", (entry_id,))


def list_energy(store: LearnerStore) -> list[EnergyEntry]:
    """Every logged activity, by day and then in the order logged."""
    return [EnergyEntry(eid, date.fromisoformat(day), activity, engagement, energy)
            for eid, day, activity, engagement, energy in store.read(
                "SELECT id, day, activity, engagement, energy FROM between_energy "
                "ORDER BY day, id")]


def days_logged(entries: list[EnergyEntry]) -> int:
    """How many different days have at least one activity."""
    return len({e.day for e in entries})


def energy_summary(entries: list[EnergyEntry]) -> pd.DataFrame:
    """One row per activity (the same words in any case count as one), most logged first.

    Columns: ``activity`` (as first written), ``times``, ``engagement`` and ``energy`` (the
    means), sorted by times, then energy (highest first).
    """
    columns = ["activity", "times", "engagement", "energy"]
    if not entries:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame([(" ".join(e.activity.split()).casefold(), e.activity.strip(),
                           e.engagement, e.energy) for e in entries],
                         columns=["key", "activity", "engagement", "energy"])
    grouped = frame.groupby("key", sort=False)
    table = pd.DataFrame({"activity": grouped["activity"].first(),
                          "times": grouped["activity"].size(),
                          "engagement": grouped["engagement"].mean(),
                          "energy": grouped["energy"].mean()}).reset_index(drop=True)
    table[["engagement", "energy"]] = table[["engagement", "energy"]].astype(float)
    return table.sort_values(["times", "energy"], ascending=[False, False],
                             kind="stable").reset_index(drop=True)[columns]


def _key_line(number: int, activities: list[str], times: list[int]) -> str:
    """One line of the figure's key: the number on the marker and each activity, whole."""
    words = ", ".join(f"{a} ({t}\u00d7)" for a, t in zip(activities, times, strict=True))
    return f"<b>{number}</b>  " + "<br>     ".join(textwrap.wrap(escape_html(words), 80))


#: Axis ranges of the energy chart, and roughly how many axis units a character of a label,
#: a label's height and a marker's radius take at the chart's usual size (about 900 x 330 px
#: of plot area): enough to keep labels off each other and off the markers.
_X_RANGE, _Y_RANGE = (0.6, 5.4), (-2.6, 2.6)
_CHAR_X, _LINE_Y, _PX_X, _PX_Y = 0.036, 0.24, 1 / 190, 1 / 63
_PLACES = ("top center", "bottom center", "middle right", "middle left")


def _label_box(place: str, x: float, y: float, width: float, radius: int
               ) -> tuple[float, float, float, float]:
    rx, ry = (radius + 3) * _PX_X, (radius + 3) * _PX_Y
    if place == "top center":
        return x - width / 2, x + width / 2, y + ry, y + ry + _LINE_Y
    if place == "bottom center":
        return x - width / 2, x + width / 2, y - ry - _LINE_Y, y - ry
    if place == "middle right":
        return x + rx, x + rx + width, y - _LINE_Y / 2, y + _LINE_Y / 2
    return x - rx - width, x - rx, y - _LINE_Y / 2, y + _LINE_Y / 2


def label_places(xs: list[float], ys: list[float], labels: list[str], sizes: list[int]
                 ) -> list[str]:
    """Where each marker's label goes: above it unless that covers another label or marker.

    Greedy, in the order given: each label takes the first of above, below, right, left
    that stays inside the chart and clear of the markers and of the labels placed so far.

    Examples
    --------
    >>> label_places([4, 4], [1.5, 1.0], ["Coaching Sam", "French lesson"], [22, 22])
    ['top center', 'bottom center']
    """
    overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]  # noqa: E731
    markers = [(x - s / 2 * _PX_X, x + s / 2 * _PX_X, y - s / 2 * _PX_Y, y + s / 2 * _PX_Y)
               for x, y, s in zip(xs, ys, sizes, strict=True)]
    placed: list[tuple[float, float, float, float]] = []
    found = []
    for k, (x, y, text, size) in enumerate(zip(xs, ys, labels, sizes, strict=True)):
        width = len(text) * _CHAR_X
        others = [m for j, m in enumerate(markers) if j != k] + placed
        for place in _PLACES:
            box = _label_box(place, x, y, width, size // 2)
            inside = (_X_RANGE[0] <= box[0] and box[1] <= _X_RANGE[1]
                      and _Y_RANGE[0] <= box[2] and box[3] <= _Y_RANGE[1])
            if inside and not any(overlaps(box, o) for o in others):
                break
        else:
            place = "top center"
            box = _label_box(place, x, y, width, size // 2)
        found.append(place)
        placed.append(box)
    return found


def energy_figure(entries: list[EnergyEntry], *, title: str = "Your week's energy log"
                  ) -> go.Figure:
    """Each activity where it sits: engagement across, energy up and down, size = times logged.

    Each marker carries a number; the key below the plot lists, by number, the activities
    at that spot, whole (names on the plot would be cut or cover each other). The four
    corners are named (engaged and energised, engaged but drained...), so the
    figure reads at a glance; the colour says whether an activity gives or takes energy,
    and so does its position, so it reads in grey print too.
    """
    table = energy_summary(entries)
    fig = go.Figure()
    corners = [(4.6, 2.35, "engaged, and it gives energy", "right"),
               (1.4, 2.35, "it gives energy, not engaging", "left"),
               (4.6, -2.35, "engaged, but it drains you", "right"),
               (1.4, -2.35, "drains you, and dull", "left")]
    for cx, cy, text, align in corners:
        fig.add_annotation(x=cx, y=cy, text=f"<i>{text}</i>", showarrow=False,
                           xanchor=align, font=dict(size=11, color="#666666"))
    fig.add_shape(type="line", x0=0.6, x1=5.4, y0=0, y1=0, line=dict(color=GRID, width=2))
    fig.add_shape(type="line", x0=3, x1=3, y0=-2.6, y1=2.6, line=dict(color=GRID, width=2))
    if len(table):
        # activities that land on the same spot share one marker (no labels on top of
        # each other); its hover lists them all
        spots = table.assign(x=table["engagement"].round(2), y=table["energy"].round(2))
        groups = [group for _spot, group in spots.groupby(["x", "y"], sort=False)]
        x = [float(g["x"].iloc[0]) for g in groups]
        y = [float(g["y"].iloc[0]) for g in groups]
        times = [int(g["times"].sum()) for g in groups]
        colours = [OKABE_ITO["bluish_green"] if e > 0 else OKABE_ITO["vermillion"] if e < 0
                   else "#888888" for e in y]
        labels = [str(n) for n in range(1, len(groups) + 1)]
        key = [_key_line(n, list(g["activity"]), [int(t) for t in g["times"]])
               for n, g in enumerate(groups, 1)]
        hover = ["<br>".join(f"{escape_html(a)} ({t}\u00d7)" for a, t in
                             zip(g["activity"], g["times"], strict=True)) for g in groups]
        sizes = [12 + 5 * min(t, 6) for t in times]
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="markers+text", text=labels,
            textposition=label_places(x, y, labels, sizes),
            marker=dict(size=sizes, color=colours,
                        line=dict(color="#333333", width=1), opacity=0.85),
            customdata=hover,
            hovertemplate="%{customdata}<br>engagement %{x:.1f}, energy %{y:+.1f}"
                          "<extra></extra>",
            name="activities", showlegend=False))
    lines = sum(line.count("<br>") + 1 for line in key) if len(table) else 0
    if lines:
        fig.add_annotation(x=0, y=0, xref="paper", yref="paper", yshift=-62, xanchor="left",
                           yanchor="top", align="left", showarrow=False,
                           text="<br>".join(key), font=dict(size=11))
    fig.update_layout(
        title=dict(text=title), template=TEMPLATE, height=440 + 17 * lines,
        margin=dict(b=70 + 17 * lines),
        xaxis=dict(title=dict(text="How engaged you were (1 bored \u2013 5 absorbed)"),
                   range=list(_X_RANGE), tickvals=[1, 2, 3, 4, 5], zeroline=False),
        yaxis=dict(title=dict(text="Energy (\u22122 drained a lot \u2013 +2 gave a lot)"),
                   range=list(_Y_RANGE), tickvals=[-2, -1, 0, 1, 2], zeroline=False))
    return fig


def save_patterns(store: LearnerStore, text: str) -> None:
    """Save (or, when empty, remove) the learner's note on the patterns they see."""
    if (text or "").strip():
        store.save(EXERCISE, PATTERNS_KEY, text, kind="reflection")
    else:
        store.delete(EXERCISE, PATTERNS_KEY)


__all__ = ["ENERGY", "ENGAGEMENT", "PATTERNS_KEY", "WEEK_DAYS", "EnergyEntry", "add_energy",
           "days_logged", "energy_figure", "energy_summary", "label_places", "list_energy",
           "remove_energy", "save_patterns"]
