"""Small pieces shared by the planning views: status line, safe saving, labelled controls.

Figures are shown with :func:`coursekit.views._figures.set_figure` (no share button, no
output captured while a cell runs).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from .._errors import InputError
from .._text import escape_html

WIDE = widgets.Layout(width="100%")
LABEL_STYLE = {"description_width": "initial"}


class Status(widgets.HTML):
    """One line saying what just happened: saved, or what is wrong and how to fix it."""

    def ok(self, text: str) -> None:
        """Show a confirmation."""
        self.value = f"<span role='status' style='color:#1a1a1a'>\u2714 {escape_html(text)}</span>"

    def error(self, text: str) -> None:
        """Show an error (a screen reader announces it)."""
        self.value = (f"<span role='alert' style='color:#B24000;font-weight:bold'>"
                      f"\u26a0 {escape_html(text)}</span>")


def guarded(status: Status, action: Callable[[], Any], done: str = "Saved.") -> Any:
    """Run a save; show "Saved." or the InputError's message (never a traceback)."""
    try:
        result = action()
    except InputError as exc:
        status.error(str(exc))
        return None
    status.ok(done)
    return result


def heading(text: str, level: int = 3) -> widgets.HTML:
    """A heading (screen readers list it)."""
    return widgets.HTML(f"<h{level}>{escape_html(text)}</h{level}>")


def text_box(value: str, description: str, placeholder: str = "", *, area: bool = False,
             rows: int = 3) -> widgets.Text | widgets.Textarea:
    """A labelled text control that reports its value when the learner leaves it."""
    kind = widgets.Textarea if area else widgets.Text
    extra = {"rows": rows} if area else {}
    return kind(value=value, description=description, placeholder=placeholder,
                continuous_update=False, style=LABEL_STYLE, layout=WIDE, **extra)


def date_picker(value: date | None, description: str) -> widgets.DatePicker:
    """A labelled date picker."""
    return widgets.DatePicker(value=value, description=description, style=LABEL_STYLE)
