"""The report view (notebook 05): choose reflections, make the report, download it.

Reflections are private: every box starts unticked (or as the learner last left it), and
only ticked ones go into the report. "Make my report" writes the HTML report, its Markdown
copy and the plan's calendar into ``learner-data/report/`` beside the store, then offers
each file as a download link that holds the file itself (a ``data:`` URL with a
``download`` name): a browser will not open a ``file://`` link from the http page of
JupyterLab or Voila. The page also says where the files were saved on disk.

Examples
--------
>>> import tempfile, pathlib
>>> from coursekit.store import LearnerStore
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = LearnerStore(folder / "s.sqlite")
>>> store.save("case:x", "why", "My own words", kind="reflection")
>>> v = ReportView(store)
>>> [c.value for c in v.checks.values()]
[False]
>>> v.make_button.click()
>>> sorted(p.name for p in (folder / "report").iterdir())
['my-plan.ics', 'my-report.html', 'my-report.md']
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .._text import escape_html
from ..report import (
    list_reflections,
    make_report_files,
    report_folder,
    save_reflection_choice,
    saved_reflection_choice,
)
from ..report.files import ReportFiles
from ..store import LearnerStore
from ._common import Status, demo_banner, download_buttons
from ._plan_common import heading


def _snippet(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class ReportView(widgets.VBox):
    """Checkboxes for the reflections to include, and a button that makes the report.

    Attributes
    ----------
    checks : dict of reflection id (``exercise/key``) to Checkbox
    make_button : Button
    result : HTML showing the files written
    files : ReportFiles or None, after the button is clicked
    """

    def __init__(self, store: LearnerStore, folder: str | Path | None = None):
        self.store = store
        self.folder = Path(folder) if folder is not None else report_folder(store)
        self.status = Status()
        self.result = widgets.HTML()
        self.files: ReportFiles | None = None
        chosen = set(saved_reflection_choice(store))
        self.checks: dict[str, widgets.Checkbox] = {}
        rows = []
        # One layout and one style for all the rows (each is a model the browser builds).
        wide, check_style = widgets.Layout(width="100%"), CheckboxStyle()
        quote, quote_style = widgets.Layout(), HTMLStyle()
        group = None
        for r in list_reflections(store):
            if r.prompt and r.heading != group:  # the exercise once, its questions under it
                group = r.heading
                rows.append(widgets.HTML(f"<i>{escape_html(group)}</i>"))
            # The question beside the tick box, the learner's words beneath it (as in the
            # hand-in), so neither is cut to fit one line.
            check = widgets.Checkbox(value=r.id in chosen, indent=False,
                                     description=r.prompt or r.heading,
                                     layout=wide, style=check_style)
            check.observe(lambda _c: self._save_choice(), names="value")
            self.checks[r.id] = check
            rows += [check, widgets.HTML(f'<div style="margin:0 0 8px 24px;color:#555">'
                                         f'{escape_html(_snippet(r.text, 240))}</div>',
                                         layout=quote, style=quote_style)]
        if not rows:
            rows = [widgets.HTML("<i>You have written no reflections yet.</i>")]
        self.make_button = widgets.Button(description="Make my report", icon="file",
                                          button_style="primary",
                                          tooltip="Write the report, a Markdown copy and "
                                                  "a calendar of your dated steps")
        self.make_button.on_click(lambda _b: self.make())
        super().__init__([
            demo_banner(store), heading("Which reflections go in?"),
            widgets.HTML("<p>Your reflections are private. Tick only those you want in your "
                         "report; nothing is ticked unless you tick it.</p>"),
            widgets.VBox(rows, layout=widgets.Layout(width="100%")),
            heading("Make your report"), self.make_button, self.status, self.result])

    @property
    def chosen(self) -> list[str]:
        """The ids of the ticked reflections."""
        return [rid for rid, check in self.checks.items() if check.value]

    def _save_choice(self) -> None:
        save_reflection_choice(self.store, self.chosen)
        self.status.ok(f"{len(self.chosen)} reflection{'s' if len(self.chosen) != 1 else ''} "
                       f"will be included.")

    def make(self) -> None:
        """Write the report files and show where they are."""
        try:
            self.files = make_report_files(self.store, self.folder,
                                           include_reflections=self.chosen)
        except OSError as exc:
            self.status.error(f"The report could not be written to {self.folder} "
                              f"({exc.strerror}). Check the folder can be written.")
            return
        files = self.files
        self.status.ok("Report made.")
        links = download_buttons([
            ("Download your report", files.html, files.html.name, "text/html",
             "HTML: open it in a browser, print it or save it as PDF"),
            ("Download the plain-text copy", files.markdown, files.markdown.name,
             "text/markdown", "Markdown"),
            ("Download your calendar", files.calendar,
             files.calendar.name, "text/calendar",
             f".ics, {files.dated_items} dated item{'s' if files.dated_items != 1 else ''}: "
             f"import it into your calendar app")])
        saved = "".join(f"<li><code>{escape_html(path)}</code></li>"
                        for path in (files.html, files.markdown, files.calendar))
        demo = ("<p><b>Demo mode:</b> these files hold the sample person's answers and are in "
                "a temporary folder.</p>" if self.store.demo else "")
        self.result.value = (f"{demo}{links}"
                             f"<p>Also saved on this computer:</p>"
                             f"<ul aria-label='Saved files'>{saved}</ul>")


def my_report(store: LearnerStore, folder: str | Path | None = None) -> ReportView:
    """Choose what goes in your report, make it, and download it with your plan."""
    return ReportView(store, folder)


__all__ = ["ReportView", "my_report"]
