"""Classroom views: the learner's hand-in and the instructor's class dashboard.

``handin(store)`` lets the learner tick reflections to share (none is ticked at
first), read exactly what the file will hold, save it beside their store and, in a class
with a class database (``COURSEKIT_CLASS_DB``), send it straight there.

``class_dashboard(source)`` shows the class picture from a class store, a URL or a list of
hand-ins; without one it shows a clearly labelled demo class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from .._errors import StoreError
from .._text import escape_html
from ..classroom import dashboard
from ..classroom.class_store import ClassStore, class_db_url, open_class_store, submit_handin
from ..classroom.handin import (
    NamesInReflections,
    default_handin_folder,
    handin_json,
    make_handin,
    preview_handin,
)
from ..classroom.handin_format import HandinError
from ..classroom.handin_sections import reflections
from ..classroom.synthetic import demo_class
from ..store import LearnerStore
from ._common import Status, demo_banner
from ._figures import figure_bundle

__all__ = ["ClassDashboard", "HandinView", "class_dashboard", "handin"]

_NOTE = ('<div style="border-left:4px solid #0072B2;background:#F2F8FC;padding:6px 12px;'
         'margin:6px 0">{}</div>')


class HandinView(widgets.VBox):
    """Choose what to share, preview the hand-in, save it or send it to the class.

    Attributes
    ----------
    shares : dict of (exercise, key) to Checkbox
        One tick box per reflection; all start unticked.
    include_items, preview, raw, save_button, submit_button, status
        The other controls (tests set ``.value`` and call ``.click()``).
    handin : dict
        The hand-in as last previewed, exactly what save and submit use.
    """

    def __init__(self, store: LearnerStore, *, folder=None, class_db: str | None = None):
        self.store = store
        self.folder = folder
        self.class_db = class_db_url(class_db)
        self.shares: dict[tuple[str, str], widgets.Checkbox] = {}
        rows: list[widgets.Widget] = []
        heading = None
        for ref in reflections(store):
            if ref.exercise_title != heading:  # the exercise once, its questions under it
                heading = ref.exercise_title
                rows.append(widgets.HTML(f"<i>{escape_html(heading or 'Other notes')}</i>"))
            box = widgets.Checkbox(value=False, description=f"Share: {ref.question}",
                                   indent=False, layout=widgets.Layout(width="auto"))
            box.observe(self._refresh, names="value")
            self.shares[(ref.exercise, ref.key)] = box
            excerpt = ref.text if len(ref.text) <= 160 else ref.text[:157] + "..."
            rows += [box, widgets.HTML(f'<div style="margin:0 0 8px 24px;color:#555">'
                                       f'{escape_html(excerpt)}</div>')]
        if not rows:
            rows = [widgets.HTML("<i>You have written no reflections yet; none will be "
                                 "shared.</i>")]
        self.share_status = Status()
        self.names_note = widgets.HTML()
        self.replace_names = False
        self.replace_button = widgets.Button(
            description="Replace the names with their roles", icon="user-secret",
            tooltip="In the hand-in only: your reflection itself stays as you wrote it",
            layout=widgets.Layout(width="auto", display="none"))
        self.replace_button.on_click(self._use_roles)
        self.include_items = widgets.Checkbox(
            value=False, indent=False, layout=widgets.Layout(width="auto"),
            description="Include my answer to each questionnaire item (lets the instructor "
                        "check the questionnaires' reliability; the items say nothing about "
                        "who you are)")
        self.include_items.observe(self._refresh, names="value")
        self.preview = widgets.HTML()
        self.raw = widgets.HTML()
        raw_box = widgets.Accordion(children=[self.raw], titles=("The exact file (JSON)",))
        self.save_button = widgets.Button(description="Save my hand-in", icon="save",
                                          button_style="primary",
                                          tooltip="Write the hand-in file beside your answers")
        self.save_button.on_click(self._save)
        self.submit_button = widgets.Button(
            description="Send to the class", icon="paper-plane",
            tooltip="Send this hand-in to the class database your instructor set up",
            disabled=store.demo,
            layout=widgets.Layout(display=None if self.class_db else "none"))
        self.submit_button.on_click(self._submit)
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.handin: dict[str, Any] = {}
        intro = widgets.HTML(_NOTE.format(
            "Your hand-in holds numbers, not names: a random pseudonym, your questionnaire "
            "scores, counts and measures of your network (never your contacts' names, "
            "organisations or notes), your choices at the cases' decision points and counts "
            "from your plan. Your reflections stay private unless you tick them below."))
        super().__init__([
            demo_banner(store), intro,
            widgets.HTML("<b>Reflections to share</b> (none is shared unless you tick it)"),
            widgets.VBox(rows), self.share_status, self.names_note, self.replace_button,
            self.include_items,
            widgets.HTML("<b>What your hand-in holds</b>"), self.preview, raw_box,
            widgets.HBox([self.save_button, self.submit_button]), self.status,
        ])
        self._refresh()

    @property
    def shared(self) -> list[tuple[str, str]]:
        """The (exercise, key) of the ticked reflections."""
        return [ref for ref, box in self.shares.items() if box.value]

    def _refresh(self, *_: object) -> None:
        self.names_note.value = ""
        self.replace_button.layout.display = "none"
        try:
            self.handin = make_handin(self.store, shared_reflections=self.shared,
                                      include_item_responses=self.include_items.value,
                                      replace_names=self.replace_names)
        except NamesInReflections as exc:
            self.names_note.value = _marked_names(exc.mentions, self.store)
            self.replace_button.layout.display = None
            self._refuse(str(exc))
            return
        except HandinError as exc:  # e.g. a reflection longer than a hand-in holds
            self._refuse(str(exc))
            return
        self.share_status.value = ""
        self.save_button.disabled = False
        self.submit_button.disabled = self.store.demo
        self.preview.value = (f'<pre style="white-space:pre-wrap;word-break:normal;'
                              f'overflow-wrap:anywhere;border:1px solid #ddd;'
                              f'padding:8px" aria-label="Preview of your hand-in">'
                              f"{escape_html(preview_handin(self.handin))}</pre>")
        # The file exactly as the computer reads it (its field names included), on purpose:
        # marked verbatim.
        self.raw.value = (f'<pre class="ck-verbatim" style="white-space:pre-wrap;'
                          f'word-break:normal;overflow-wrap:anywhere">'
                          f"{escape_html(handin_json(self.handin))}</pre>")

    def _refuse(self, message: str) -> None:
        """Show why no hand-in can be made as ticked; nothing can be saved until it is fixed."""
        self.handin = {}
        self.share_status.error(message)
        self.save_button.disabled = True
        self.submit_button.disabled = True
        self.preview.value = "<i>No preview until the problem above is fixed.</i>"
        self.raw.value = ""

    def _use_roles(self, _button: object = None) -> None:
        self.replace_names = True
        self._refresh()
        if self.handin:
            self.share_status.ok("In the hand-in, names of people in your network are "
                                 "replaced by their roles; your reflection is unchanged.")

    def _mark_progress(self, how: str) -> None:
        # The start page counts entries of the exercise "handin"; numbers and times only.
        self.store.save("handin", how, self.handin["created_at"])

    def _save(self, _button: object = None) -> None:
        from ..classroom.handin import save_handin

        self._refresh()
        if not self.handin:
            self.status.value = ('<span role="alert">Not saved: fix the problem shown under '
                                 "the reflections first.</span>")
            return
        folder = self.folder if self.folder is not None else default_handin_folder(self.store)
        try:
            path = save_handin(self.handin, folder)
        except HandinError as exc:
            self.status.value = f'<span role="alert">Not saved: {escape_html(exc)}</span>'
            return
        except OSError as exc:
            self.status.value = (f'<span role="alert">Could not save: '
                                 f"{escape_html(exc.strerror or exc)}</span>")
            return
        self.saved_path = path
        self._mark_progress("saved")
        self.status.value = (f'<span role="status">Saved: <code>{escape_html(path)}</code>. '
                             f"Upload this file where your class collects work.</span>")

    def _submit(self, _button: object = None) -> None:
        self._refresh()
        if not self.handin:
            self.status.value = ('<span role="alert">Not sent: fix the problem shown under '
                                 "the reflections first.</span>")
            return
        try:
            result = submit_handin(self.handin, self.class_db)
        except (StoreError, HandinError) as exc:
            self.status.value = f'<span role="alert">Not sent: {escape_html(exc)}</span>'
            return
        self._mark_progress("sent")
        words = {"added": "Sent to the class.", "replaced": "Sent; it replaces your earlier "
                 "hand-in.", "kept newer": "Not used: the class already has a later hand-in "
                 "of yours."}
        self.status.value = f'<span role="status">{words.get(result, result)}</span>'


def _marked_names(mentions, store: LearnerStore) -> str:
    """The ticked reflections that name someone, each name marked with its replacement."""
    from ..classroom.handin_sections import reflections as all_reflections

    texts = {(r.exercise, r.key): r for r in all_reflections(store)}
    parts = []
    for ref, found in mentions.items():
        text, html, last = texts[ref].text, [], 0
        for m in found:
            html += [escape_html(text[last:m.start]),
                     f'<mark title="becomes {escape_html(m.replacement)}">'
                     f"{escape_html(m.written)}</mark> \u2192 {escape_html(m.replacement)}"]
            last = m.end
        html.append(escape_html(text[last:]))
        parts.append(f"<div style='margin:4px 0 8px 24px'><b>{escape_html(texts[ref].label)}"
                     f"</b><br>{''.join(html)}</div>")
    return ("<div role='note'>Marked: names of people in your network, and the role that "
            "would replace each.</div>" + "".join(parts))


def handin(store: LearnerStore, **kwargs: Any) -> HandinView:
    """Choose what to share, read exactly what your anonymised hand-in holds, save or send it."""
    return HandinView(store, **kwargs)


class ClassDashboard(widgets.VBox):
    """The class picture: tables from :mod:`coursekit.classroom.dashboard`, drawn.

    Parameters
    ----------
    source : ClassStore, str, list of dict, or None
        A class store, its URL, or hand-ins. None: ``$COURSEKIT_CLASS_DB`` if set,
        otherwise a synthetic demo class (clearly labelled).

    Attributes
    ----------
    panels : dict of list of Panel
        Each exercise's dashboard panels, by exercise id
        (:func:`coursekit.classroom.dashboard.class_summary`).
    tables, figures : dict
        Every panel's table and figure, by "exercise id: panel title".
    refresh_button : Button
        Reads the class store again (shown for a class database).
    """

    def __init__(self, source: Any = None, *, course: str | None = None):
        self.course = course
        self.demo = False
        self._store: ClassStore | None = None
        self._handins: list[Mapping[str, Any]] = []
        if source is None:
            source = class_db_url()
        if source is None:
            self.demo = True
            self._handins = demo_class()
        elif isinstance(source, ClassStore):
            self._store = source
        elif isinstance(source, (str, bytes)) or hasattr(source, "__fspath__"):
            self._store = open_class_store(source)
        elif isinstance(source, Sequence):
            self._handins = list(source)
            self.demo = bool(self._handins) and all(h.get("demo") for h in self._handins)
        else:
            raise TypeError("give a class store, a class database URL or a list of hand-ins")
        self.header = widgets.HTML()
        self.refresh_button = widgets.Button(
            description="Refresh", icon="refresh", tooltip="Read the class database again",
            layout=widgets.Layout(display=None if self._store else "none"))
        self.refresh_button.on_click(self.refresh)
        self.output = widgets.Output()
        self.tables: dict[str, pd.DataFrame] = {}
        self.figures: dict[str, Any] = {}
        super().__init__([widgets.HBox([self.header, self.refresh_button]), self.output])
        self.refresh()

    def handins(self) -> list[Mapping[str, Any]]:
        """The hand-ins shown (read again from the class store on refresh)."""
        if self._store is not None:
            return self._store.handins(self.course)
        return [h for h in self._handins if self.course is None or h["course"] == self.course]

    def refresh(self, _button: object = None) -> None:
        """Read the hand-ins again and redraw every exercise's panels."""
        handins = self.handins()
        self.panels = dashboard.class_summary(handins)
        self.tables = {f"{exercise_id}: {p.title}": p.table
                       for exercise_id, panels in self.panels.items() for p in panels}
        self.figures = {f"{exercise_id}: {p.title}": p.figure
                        for exercise_id, panels in self.panels.items() for p in panels
                        if p.figure is not None}
        label = (" <b>DEMO CLASS: synthetic hand-ins made from sample data, no real "
                 "learner.</b>" if self.demo else "")
        where = " from the class database" if self._store else ""
        self.header.value = (f'<div role="status">{len(handins)} hand-ins{where}. Groups '
                             f"of fewer than {dashboard.MIN_GROUP} are hidden.{label}</div>")
        shown = []
        for panels in self.panels.values():
            for panel in panels:
                shown.append({"text/html": f"<h4>{escape_html(panel.title)}</h4>"
                                           f"<p>{escape_html(panel.caption)}</p>",
                              "text/plain": panel.title})
                shown.append(figure_bundle(panel.figure) if panel.figure is not None
                             else _table_bundle(_in_words(panel.table), panel.title))
        if not shown:
            shown.append({"text/html": "<p>No hand-ins yet: the class picture appears as "
                                       "learners hand in.</p>", "text/plain": "No hand-ins"})
        # Set, not captured with ``with self.output:`` (stalls Voila); no "Share chart".
        self.output.outputs = tuple({"output_type": "display_data", "data": data,
                                     "metadata": {}} for data in shown)

    def show_tables(self, exercise_id: str) -> None:
        """Display the tables behind one exercise's panels, hidden rows marked.

        ``exercise_id`` as in ``course.yaml``, e.g. ``"case:the-first-step"`` or ``"network"``.
        """
        from ..exercises import exercise

        panels = self.panels.get(exercise_id)
        if not panels:
            display(widgets.HTML(f"<p>Nothing handed in yet for "
                                 f"{escape_html(exercise(exercise_id).title)}.</p>"))
            return
        for panel in panels:
            display(_table(_in_words(panel.table), panel.title))


#: Columns of ids dropped from a table shown to a person when the words for them are there
#: too (id column: words column), and every column's heading in words.
_ID_COLUMNS = {"point": "question", "choice": "option", "scale": "label", "measure": "label",
               "indicator": "label"}
_HEADINGS = {"question": "decision point", "option": "choice", "label": "what",
             "n": "learners", "sd": "SD", "q1": "lower quartile", "q3": "upper quartile",
             "change_sd": "SD of the change", "mean_share": "mean share per learner",
             "alpha": "Cronbach's alpha", "respondents": "learners who answered",
             "attempt": "when"}


def _in_words(table: pd.DataFrame) -> pd.DataFrame:
    """A panel's table as a person reads it.

    No ids where words stand beside them, no ``hidden`` flag (the note says why a row is
    hidden) and no note when no row has one, headings in words, the words first.
    """
    table = table.drop(columns=["hidden"], errors="ignore")
    if "note" in table and not table["note"].fillna("").astype(str).str.strip().any():
        table = table.drop(columns=["note"])
    table = table.drop(columns=[i for i, w in _ID_COLUMNS.items()
                                if i in table and w in table])
    first = [c for c in ("question", "option", "label") if c in table]
    table = table[first + [c for c in table.columns if c not in first]]
    return table.rename(columns=lambda c: _HEADINGS.get(c, str(c).replace("_", " ")))


#: Cells a little tighter than JupyterLab's (0.5em): a table of nine columns fits a cell of
#: some 590 px (JupyterLab at 1024x768) without a sideways scrollbar.
_CELL_STYLE = [{"selector": "th, td", "props": "padding: 0.35em 0.4em"}]
#: Columns (headings in words) that count learners or things: shown as whole numbers.
_COUNTS = {"learners", "learners who answered", "count", "contacts", "items"}


def _table(table: pd.DataFrame, caption: str):
    """The table as shown: two decimals, counts as whole numbers, "—" for a hidden number."""
    whole = [c for c in table.columns if c in _COUNTS and pd.api.types.is_numeric_dtype(table[c])
             and (table[c].dropna() % 1 == 0).all()]
    return (table.style.set_caption(caption).format(precision=2, na_rep="—")
            .format("{:.0f}", subset=whole, na_rep="—")
            .set_table_styles(_CELL_STYLE).hide(axis="index"))


def _table_bundle(table: pd.DataFrame, caption: str) -> dict[str, str]:
    return {"text/html": _table(table, caption).to_html(), "text/plain": caption}


def class_dashboard(source: Any = None, **kwargs: Any) -> ClassDashboard:
    """The class dashboard for a notebook cell.

    ``class_dashboard()`` (demo class), ``class_dashboard("sqlite:///class.sqlite")`` or
    ``class_dashboard(class_store)``.
    """
    return ClassDashboard(source, **kwargs)
