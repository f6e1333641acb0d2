"""Small pieces shared by the planning views: headings and labelled controls.

Figures are shown with :func:`coursekit.views._figures.set_figure` (no share button, no
output captured while a cell runs).
"""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from .._text import escape_html

WIDE = widgets.Layout(width="100%")
LABEL_STYLE = {"description_width": "initial"}


def heading(text: str, level: int = 3) -> widgets.HTML:
    """A heading (screen readers list it)."""
    return widgets.HTML(f"<h{level}>{escape_html(text)}</h{level}>")


def text_box(value: str, description: str, placeholder: str = "", *, area: bool = False,
             rows: int = 3) -> widgets.Text | widgets.Textarea:
    """A labelled text control that reports its value as the learner types.

    Each key reaches the kernel, so a view that saves on change saves as the learner types
    (nothing is lost on a reload before they leave the box); views that draw from the
    store redraw after a pause (:class:`~coursekit.views._common.AfterPause`).
    """
    kind = widgets.Textarea if area else widgets.Text
    extra = {"rows": rows} if area else {}
    return kind(value=value, description=description, placeholder=placeholder,
                continuous_update=True, style=LABEL_STYLE, layout=WIDE, **extra)


def row(*children: widgets.Widget) -> widgets.HBox:
    """Controls side by side that wrap onto the next line when the cell is narrow.

    Text boxes in a row grow and shrink together (at least 14em each), so typing never
    changes the width of the others.
    """
    for child in children:
        if isinstance(child, (widgets.Text, widgets.Textarea)):
            child.layout = widgets.Layout(flex="1 1 16em", min_width="14em")
    return widgets.HBox(list(children), layout=widgets.Layout(
        width="100%", flex_flow="row wrap", align_items="center"))


def date_picker(value: date | None, description: str) -> widgets.DatePicker:
    """A labelled date picker."""
    return widgets.DatePicker(value=value, description=description, style=LABEL_STYLE)
