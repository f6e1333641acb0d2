"""The start page: the course plan, the learner's progress, and the learner's own data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from .._text import escape_html
from ..assignments import Assignment, Done, assignment, assignment_progress
from ..course import Course, assignment_sessions, load_course, progress
from ..store import LearnerStore
from ._common import demo_banner

#: A progress bar's label names it for a screen reader but is not drawn: the words are
#: beside it already (the page's wrapping labels would otherwise spill out of a 0px label).
BAR_LABEL_STYLE = ("<style>.ck-plan .widget-label{position:absolute!important;width:1px;"
                   "height:1px;overflow:hidden!important;clip:rect(0 0 0 0);"
                   "white-space:nowrap!important}</style>")


def course_plan(store: LearnerStore, course: Course | None = None) -> widgets.VBox:
    """The notebooks in order with minutes and a progress bar each, refreshed on change."""
    course = course or load_course()
    rows_box = widgets.VBox()
    rows_box.add_class("ck-plan")
    total = widgets.HTML()
    set_in: dict[str, list[str]] = {}
    for assignment_id, (_number, notebook) in assignment_sessions(course).items():
        set_in.setdefault(notebook, []).append(assignment_id)

    def refresh(_store: LearnerStore | None = None) -> None:
        table = progress(store, course)
        done = assignment_progress(store)
        rows = []
        for row in table.itertuples():
            label = f"{row.title} ({row.minutes} min)"
            if row.exercises:
                bar = widgets.FloatProgress(
                    value=float(row.share), min=0.0, max=1.0,
                    description=f"{row.title}: {int(row.share * 100)}% done",
                    style={"description_width": "0px"},
                    layout=widgets.Layout(width="220px"),
                )
                bar.add_class("ck-sr-label")
            else:
                bar = widgets.HTML("")
            status = progress_words(int(row.exercises), int(row.started), int(row.complete),
                                    float(row.share))
            session = course.session_of(row.notebook)
            if session is not None:
                status = f"session {session} · {status}"
            link = (f'<a href="{escape_html(row.notebook)}" '
                    f'title="Open {escape_html(row.title)}"><b>{escape_html(label)}</b></a>')
            rows.append(widgets.HBox([
                widgets.HTML(f"{link}<br><small>"
                             f"{escape_html(row.notebook)} · {escape_html(status)}</small>",
                             layout=widgets.Layout(width="420px")),
                bar,
            ]))
            rows.extend(assignment_row(assignment(a), done[a])
                        for a in set_in.get(row.notebook, []))
        rows_box.children = rows
        started, complete = int(table.started.sum()), int(table.complete.sum())
        exercises = int(table.exercises.sum())
        total.value = (f"<p>About <b>{course.minutes // 60} h {course.minutes % 60:02d} min</b> "
                       f"in all. You have finished <b>{complete} of {exercises}</b> exercises"
                       + (f" and started {started - complete} more" if started > complete
                          else "") + "." + next_up(table) + "</p>")

    refresh()
    store.on_change(refresh)
    return widgets.VBox([total, rows_box, widgets.HTML(BAR_LABEL_STYLE)])


def next_up(table) -> str:
    """Where to carry on, once a learner has begun: the first notebook not done yet.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"notebook": ["a.ipynb", "b.ipynb"], "title": ["A", "B"],
    ...                       "exercises": [1, 1], "started": [1, 0], "complete": [1, 0]})
    >>> next_up(table)
    ' Next: <a href="b.ipynb"><b>B</b></a>.'
    >>> next_up(table.assign(started=0, complete=0))  # not begun: the page says where to
    ''
    """
    if not table.started.sum():
        return ""
    left = table[(table.exercises > 0) & (table.complete < table.exercises)]
    if left.empty:
        return " You have done every exercise."
    row = left.iloc[0]
    return (f' Next: <a href="{escape_html(row.notebook)}"><b>{escape_html(row.title)}</b>'
            f"</a>.")


def assignment_row(task: Assignment, done: Done) -> widgets.HBox:
    """A line under the notebook that sets an assignment: what it is, how far it went."""
    words = task.count_words(done.done) + (" \u2714" if done.complete else "")
    bar = widgets.FloatProgress(
        value=done.done / done.target, min=0.0, max=1.0,
        description=f"{task.title}: {words}", style={"description_width": "0px"},
        layout=widgets.Layout(width="220px"))
    return widgets.HBox([widgets.HTML(
        f"<div style='padding-left:1.2em'>\u21b3 <i>Before the next session:</i> "
        f"{escape_html(task.title)}<br><small style='padding-left:1.2em'>"
        f"{escape_html(words)}</small></div>", layout=widgets.Layout(width="420px")), bar])


def progress_words(exercises: int, started: int, complete: int, share: float = 0.0) -> str:
    """A notebook's progress in words, with the share its bar draws once work is under way.

    Examples
    --------
    >>> progress_words(3, 2, 1, 0.5)
    '1 of 3 exercises done, 1 under way: 50% in all'
    >>> progress_words(1, 0, 0), progress_words(1, 1, 1), progress_words(0, 0, 0)
    ('not started', 'done', 'nothing to fill in: read it')
    """
    if not exercises:
        return "nothing to fill in: read it"
    if not started:
        return "not started"
    if complete == exercises:
        return "done"
    noun = "exercise" if exercises == 1 else "exercises"
    return (f"{complete} of {exercises} {noun} done, {started - complete} under way: "
            f"{int(share * 100)}% in all")  # 99.9% is not yet 100%


#: What the store's own tables hold, in the learner's words (each exercise names its own).
STORE_TABLE_WORDS: dict[str, tuple[str, str]] = {
    "entries": ("answer, choice or reflection", "answers, choices and reflections"),
    "meta": ("setting", "settings (such as your hand-in pseudonym)"),
}


def table_words() -> dict[str, tuple[str, str]]:
    """Words for every table of the store: the store's own, then each exercise's."""
    from ..exercises import exercises

    words = dict(STORE_TABLE_WORDS)
    for exercise in exercises():
        words.update(exercise.tables)
    return words


def describe_count(table: str, count: int) -> str:
    """How many rows a table holds, in words.

    Examples
    --------
    >>> describe_count("network_contacts", 1)
    '1 contact in your network'
    >>> describe_count("plan_steps", 3)
    '3 items in your plan (steps, networking items and check-ins)'
    """
    one, many = table_words().get(table, (f"{table} row", f"{table} rows"))
    return f"{count} {one if count == 1 else many}"


def your_data(store: LearnerStore, export_dir: str | Path | None = None) -> widgets.VBox:
    """What is stored about the learner, with Export and Erase buttons.

    The export is a JSON file written next to the store (or into ``export_dir``); erasing
    needs a tick in a confirmation box first.
    """
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
        where = ("in this page's memory only (demo mode)" if store.in_memory
                 else f"in <code>{escape_html(store.path)}</code>")
        info.value = (f"<p>Your answers are kept {where}, on this machine only. Nothing is "
                      f"sent anywhere.</p>"
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
