"""The instructor's class dashboard.

``class_dashboard(source)`` shows the class picture from a class store, a URL or a list of
hand-ins; without one it shows a clearly labelled demo class. (The learner's hand-in view
is :mod:`coursekit.views.handin`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from .._text import escape_html
from ..classroom import dashboard
from ..classroom.class_store import ClassStore, class_db_url, open_class_store
from ..classroom.synthetic import demo_class
from ._figures import figure_bundle

__all__ = ["ClassDashboard", "class_dashboard"]


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
        # One output for all the tables: Voila (app mode) dropped what a cell displayed
        # right after its first output, so the second table on did not show.
        tables = [_table_bundle(_in_words(panel.table), panel.title) for panel in panels]
        display({"text/html": "\n".join(t["text/html"] for t in tables),
                 "text/plain": "\n".join(t["text/plain"] for t in tables)}, raw=True)


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
