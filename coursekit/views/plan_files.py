"""The plan as files to keep: its Markdown and its calendar, made when the learner asks.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_step
>>> store = LearnerStore(":memory:")
>>> _ = add_step(store, "Lunch with Sam", due="2030-01-10")
>>> files = PlanFiles(store)
>>> files.make_button.click()
>>> "my-plan.ics" in files.downloads.value
True
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..planning import write_calendar, write_plan_markdown
from ..report.files import CALENDAR_NAME
from ..store import LearnerStore
from ._common import Status, download_buttons
from ._plan_common import heading


class PlanFiles(widgets.VBox):
    """A button that writes the plan (Markdown) and its calendar (.ics), then offers them."""

    def __init__(self, store: LearnerStore, folder: str | Path | None = None):
        from ..report import report_folder

        self.store = store
        self.folder = Path(folder) if folder else report_folder(store)
        self.make_button = widgets.Button(description="Make my plan and calendar files",
                                          icon="calendar", button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.make_button.on_click(lambda _: self.make())
        self.downloads = widgets.HTML()
        self.status = Status()
        super().__init__([heading("Keep your plan"), self.make_button, self.status,
                          self.downloads])

    def make(self) -> None:
        """Write both files into the learner's report folder and offer them to download."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            plan = write_plan_markdown(self.store, self.folder / "my-plan.md")
            calendar = write_calendar(self.store, self.folder / CALENDAR_NAME)
        except OSError as exc:
            self.status.error(f"The files could not be written to {self.folder} "
                              f"({exc.strerror}). Check the folder can be written.")
            return
        self.status.ok("Your plan is ready.")
        self.downloads.value = download_buttons([
            ("Your plan", plan, plan.name, "text/markdown", "Markdown: any text editor"),
            ("Your calendar", calendar, calendar.name, "text/calendar",
             "every dated step, check-in and lunch: import it into your calendar app")])


def plan_files(store: LearnerStore) -> PlanFiles:
    """Your plan (Markdown) and calendar (.ics), made when you ask, to download."""
    return PlanFiles(store)
