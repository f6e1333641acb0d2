"""The week's energy log: add what you did, see where each activity sits, note the patterns.

Examples
--------
>>> from datetime import date
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> view = EnergyLogView(store)
>>> view.day.value, view.activity.value = date(2030, 3, 2), "Customer call"
>>> view.engagement.value, view.energy.value = 5, 2
>>> view.add_button.click()
>>> len(view.rows), view.activity.value
(1, '')
>>> view.engagement.value = None
>>> view.activity.value = "Audit report"
>>> view.add_button.click()
>>> "how engaged" in view.status.value
True
"""

from __future__ import annotations

from datetime import date
from functools import cache

import ipywidgets as widgets

from ..._text import escape_html
from ...assignments import (
    ENERGY,
    ENGAGEMENT,
    EXERCISE,
    add_energy,
    energy_figure,
    list_energy,
    remove_energy,
)
from ...assignments.energy import PATTERNS_KEY
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from .._figures import set_figure, set_hint
from .._plan_common import LABEL_STYLE, heading, row, text_box
from ..reflect import WritingBox
from ._brief import Brief


@cache
def _row_layouts() -> dict:
    """Layouts and style shared by every row of the log.

    One widget model each rather than one per row: ``tests/test_page_weight.py`` counts
    the widget models a page makes.
    """
    return {"box": widgets.Layout(width="100%", flex_flow="row wrap", align_items="center"),
            "text": widgets.Layout(flex="1 1 24em"), "button": widgets.Layout(),
            "button_style": widgets.ButtonStyle()}


class EnergyLogView(widgets.VBox):
    """The energy log: a form, the chart, the log, and a private note on the patterns.

    Attributes
    ----------
    day, activity, engagement, energy, add_button : the form (engagement and energy start
        unset: the learner chooses)
    rows : dict of entry id to its row (with a ``remove`` button)
    chart : Output with the chart (a hint while the log is empty)
    patterns : WritingBox for the private note
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.brief = Brief(store, "energy-log")
        self.day = widgets.DatePicker(value=date.today(), description="Day", style=LABEL_STYLE)
        self.activity = text_box("", "Activity", "e.g. a customer call")
        self.activity.continuous_update = True
        self.engagement = widgets.Dropdown(
            options=[(f"{k} {v}", k) for k, v in ENGAGEMENT.items()], value=None,
            description="How engaged", style=LABEL_STYLE)
        self.energy = widgets.Dropdown(
            options=[(f"{k:+d} {v}" if k else f"0 {v}", k) for k, v in ENERGY.items()],
            value=None, description="Energy", style=LABEL_STYLE)
        self.add_button = widgets.Button(description="Add to the log", icon="plus",
                                         button_style="primary")
        self.add_button.on_click(lambda _b: self.add())
        self.chart = widgets.Output(layout=widgets.Layout(width="100%"))
        self.log_box = widgets.VBox()
        self.rows: dict[int, widgets.HBox] = {}
        self.patterns = WritingBox(store, EXERCISE, PATTERNS_KEY,
                                   "What patterns do you see? (private)", rows=3)
        self.refresh()
        store.on_change(lambda _s: self.refresh())
        super().__init__([
            demo_banner(store), self.brief, heading("Add what you did"),
            row(self.day, self.activity), row(self.engagement, self.energy, self.add_button),
            self.status, self.chart, heading("Your log"), self.log_box,
            heading("What the week shows"), self.patterns])

    def add(self) -> None:
        """Log the activity in the form (the day stays, for the next one)."""
        if self.engagement.value is None or self.energy.value is None:
            self.status.error("Choose how engaged you were and what it did to your energy, "
                              "then add it.")
            return
        if guarded(self.status, lambda: add_energy(
                self.store, self.day.value, self.activity.value,
                engagement=self.engagement.value, energy=self.energy.value),
                "Added to your log.") is not None:
            self.activity.value = ""
            self.engagement.value = self.energy.value = None

    def remove(self, entry_id: int) -> None:
        """Take one activity out of the log."""
        guarded(self.status, lambda: remove_energy(self.store, entry_id), "Removed.")

    def refresh(self) -> None:
        """Show the log and the chart as stored now."""
        entries = list_energy(self.store)
        self.brief.refresh()
        if entries:
            set_figure(self.chart, energy_figure(entries))
        else:
            set_hint(self.chart, "Add the first activity to see where it sits.")
        self.rows, shared = {}, _row_layouts()
        for e in entries:
            remove = widgets.Button(description="Remove", icon="trash",
                                    tooltip=f"Remove {e.activity} ({e.day:%d %b})",
                                    layout=shared["button"], style=shared["button_style"])
            remove.on_click(lambda _b, eid=e.id: self.remove(eid))
            text = (f"<b>{e.day:%a %d %b}</b> &middot; {escape_html(e.activity)} &middot; "
                    f"engaged {e.engagement} ({ENGAGEMENT[e.engagement]}) &middot; energy "
                    f"{e.energy:+d} ({ENERGY[e.energy]})")
            self.rows[e.id] = widgets.HBox(
                [widgets.HTML(text, layout=shared["text"]), remove], layout=shared["box"])
        self.log_box.children = list(self.rows.values()) or [
            widgets.HTML("<i>Nothing logged yet.</i>")]
