"""The start page: the course plan, the learner's progress, and the learner's own data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from .._text import escape_html
from ..course import Course, load_course, progress
from ..store import LearnerStore
from ._common import demo_banner


def course_plan(store: LearnerStore, course: Course | None = None) -> widgets.VBox:
    """The notebooks in order with minutes and a progress bar each, refreshed on change."""
    course = course or load_course()
    rows_box = widgets.VBox()
    total = widgets.HTML()

    def refresh(_store: LearnerStore | None = None) -> None:
        table = progress(store, course)
        rows = []
        for row in table.itertuples():
            label = f"{row.title} ({row.minutes} min)"
            if row.exercises:
                bar = widgets.IntProgress(
                    value=int(row.started), min=0, max=int(row.exercises),
                    description="Progress", style={"description_width": "initial"},
                    layout=widgets.Layout(width="220px"),
                )
                status = f"{row.started} of {row.exercises} exercises started"
            else:
                bar = widgets.HTML("")
                status = "no exercise: read it first"
            link = (f'<a href="{escape_html(row.notebook)}" '
                    f'title="Open {escape_html(row.title)}"><b>{escape_html(label)}</b></a>')
            rows.append(widgets.HBox([
                widgets.HTML(f"{link}<br><small>"
                             f"{escape_html(row.notebook)} · {escape_html(status)}</small>",
                             layout=widgets.Layout(width="420px")),
                bar,
            ]))
        rows_box.children = rows
        started = int(table.started.sum())
        exercises = int(table.exercises.sum())
        total.value = (f"<p>About <b>{course.minutes // 60} h {course.minutes % 60:02d} min</b> "
                       f"in all. You have started <b>{started} of {exercises}</b> exercises.</p>")

    refresh()
    store.on_change(refresh)
    return widgets.VBox([total, rows_box])


#: What each table of the store holds, in the learner's words.
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "entries": ("answer, choice or reflection", "answers, choices and reflections"),
    "meta": ("setting", "settings (such as your hand-in pseudonym)"),
    "assessment_attempts": ("questionnaire attempt", "questionnaire attempts"),
    "assessment_responses": ("questionnaire answer", "questionnaire answers"),
    "network_ego": ("profile (you, at the centre of your map)",
                    "profiles (you, at the centre of your map)"),
    "network_contacts": ("contact in your network", "contacts in your network"),
    "network_ties": ("tie between contacts", "ties between contacts"),
    "network_circles": ("circle of contacts", "circles of contacts"),
    "network_circle_members": ("circle membership", "circle memberships"),
    "plan_paths": ("five-year path", "five-year paths"),
    "plan_goal": ("goal", "goals"),
    "plan_skills": ("skill in your skills gap", "skills in your skills gap"),
    "plan_steps": ("plan step", "plan steps"),
}


def describe_count(table: str, count: int) -> str:
    """How many rows a table holds, in words.

    Examples
    --------
    >>> describe_count("network_contacts", 1)
    '1 contact in your network'
    >>> describe_count("plan_steps", 3)
    '3 plan steps'
    """
    one, many = TABLE_WORDS.get(table, (f"{table} row", f"{table} rows"))
    return f"{count} {one if count == 1 else many}"


def your_data(store: LearnerStore, export_dir: str | Path | None = None) -> widgets.VBox:
    """What is stored about the learner, with Export and Erase buttons.

    The export is a JSON file written next to the store (or into ``export_dir``); erasing
    needs a tick in a confirmation box first.
    """
    where = "in memory only (demo mode)" if store.in_memory else str(store.path)
    info = widgets.HTML()
    message = widgets.HTML()
    export = widgets.Button(description="Export my data (JSON)", icon="download",
                            tooltip="Write everything stored about you to a JSON file",
                            layout=widgets.Layout(width="auto"))
    confirm = widgets.Checkbox(value=False, description="Yes, erase all my answers",
                               indent=False)
    erase = widgets.Button(description="Erase my data", button_style="danger", icon="trash",
                           tooltip="Delete every answer, contact and plan in your store",
                           disabled=True, layout=widgets.Layout(width="auto"))

    def refresh(_store: LearnerStore | None = None) -> None:
        counts = store.inventory()
        items = "".join(f"<li>{escape_html(describe_count(t, n))}</li>"
                        for t, n in counts.items() if n)
        info.value = (f"<p>Your answers are kept in <code>{escape_html(where)}</code>, on this "
                      f"machine only. Nothing is sent anywhere.</p>"
                      f"<ul>{items or '<li>Nothing stored yet.</li>'}</ul>")

    def on_export(_button: widgets.Button) -> None:
        if store.in_memory:
            message.value = "<p>Demo mode: there is no personal data to export.</p>"
            return
        folder = Path(export_dir) if export_dir else store.path.parent
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = store.export_json(folder / f"coursekit-export-{stamp}.json")
        message.value = f"<p>Exported to <code>{escape_html(path)}</code>.</p>"

    def on_confirm(change: dict) -> None:
        erase.disabled = not change["new"]

    def on_erase(_button: widgets.Button) -> None:
        if not confirm.value:
            return
        store.erase()
        confirm.value = False
        message.value = "<p>Everything you had stored has been erased.</p>"

    export.on_click(on_export)
    confirm.observe(on_confirm, names="value")
    erase.on_click(on_erase)
    refresh()
    store.on_change(refresh)
    return widgets.VBox([info, widgets.HBox([export]), widgets.HBox([confirm, erase]), message])


def start_page(store: LearnerStore, course: Course | None = None) -> widgets.VBox:
    """The whole start page: demo banner, plan with progress, and the learner's data."""
    return widgets.VBox([demo_banner(store), course_plan(store, course),
                         widgets.HTML("<h3>Your data</h3>"), your_data(store)])
