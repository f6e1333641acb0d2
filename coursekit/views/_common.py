"""Pieces shared by every view."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .._errors import ContentError, InputError, StoreError
from .._text import escape_html
from ..store import LearnerStore

#: The course's few page-wide rules, carried by every view (its first widget): buttons as
#: wide as their words (ipywidgets cuts them at a fixed width), text boxes in the page's font
#: rather than a monospace one, status lines that use the cell's whole width, and links
#: that look like links (ipywidgets shows them as plain text).
PAGE_STYLE = (
    "<style>"
    # A control or text as wide as its box (layout width 100%) keeps its 2px side margins
    # inside the box: 100% plus margins put a sideways scrollbar on every box holding one.
    ".jupyter-widgets:is(.widget-inline-hbox,.widget-inline-vbox,.widget-output)"
    "[style*='width: 100%']"
    "{width:calc(100% - 2 * var(--jp-widgets-margin,2px)) !important}"
    ".jupyter-widgets.widget-button{width:auto;max-width:100%;padding:0 12px;flex-shrink:0}"
    # A button in a column is as wide as its words (a column stretches its children).
    ".widget-vbox>.jupyter-widgets.widget-button{align-self:flex-start}"
    # A tick box's words wrap onto more lines rather than end in "...".
    ".jupyter-widgets.widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height,28px)}"
    ".jupyter-widgets.widget-checkbox .widget-label-basic{height:auto;align-items:flex-start}"
    ".jupyter-widgets.widget-checkbox .widget-label-basic span{white-space:normal;"
    "overflow:visible;text-overflow:clip;line-height:1.4;padding-top:4px}"
    # A description read out, not shown (a progress bar's: the row says it in words).
    ".jupyter-widgets.ck-sr-label .widget-label{position:absolute;width:1px;height:1px;"
    "overflow:hidden;clip-path:inset(50%);white-space:nowrap}"
    ".jupyter-widgets.widget-textarea textarea{font-family:var(--jp-ui-font-family,inherit);"
    "font-size:var(--jp-ui-font-size1,14px);line-height:1.4}"
    ".jupyter-widgets.widget-html.ck-status{width:calc(100% - 2 * var(--jp-widgets-margin,2px));"
    "min-width:12em}"
    ".jupyter-widgets .widget-label{overflow:visible;white-space:normal}"
    # An accordion's title in the page's text colour (ipywidgets' grey fails contrast).
    ".jupyter-widget-Collapse-header{color:var(--jp-ui-font-color1,rgba(0,0,0,.87))}"
    ".jupyter-widgets .widget-html-content :is(p,li,blockquote){line-height:1.5}"
    ".jupyter-widgets .widget-html-content a{color:var(--jp-content-link-color,#1a5fb4)}"
    # A link in a sentence is told apart by more than its colour (WCAG 1.4.1), in widgets
    # and in the notebook's own text (JupyterLab's a:link rule would win otherwise).
    ":is(.jupyter-widgets .widget-html-content,.jp-RenderedHTMLCommon) :is(a,a:link,a:visited)"
    "{text-decoration:underline!important}"
    "</style>"
)


def demo_banner(store: LearnerStore) -> widgets.HTML:
    """The page's style, and in demo mode a banner saying whose answers these are."""
    if not store.demo:
        return widgets.HTML(PAGE_STYLE, layout=widgets.Layout(margin="0"))
    return widgets.HTML(
        PAGE_STYLE + '<div role="status" style="background:#FFF4D6;border-left:6px solid '
        '#E69F00;padding:6px 10px;margin:4px 0"><b>Demo mode:</b> the answers shown are a '
        "sample person's, not anyone's real data. What you change here is kept only while "
        "this page is open, never written to a file; your own answers are neither shown nor "
        "changed.</div>"
    )


class Status(widgets.HTML):
    """One line saying what just happened: saved, or what is wrong and how to fix it."""

    def __init__(self, value: str = "", **kwargs: Any):
        kwargs.setdefault("layout", widgets.Layout(width="100%", min_height="1.5em"))
        super().__init__(value, **kwargs)
        self.add_class("ck-status")

    def ok(self, text: str) -> None:
        """Show a confirmation."""
        self.value = f"<span role='status' style='color:#1a1a1a'>\u2714 {escape_html(text)}</span>"

    def warning(self, text: str) -> None:
        """Show something done, with a caution the learner should read (not an error)."""
        self.value = (f"<span role='status' style='color:#8A4B00;font-weight:bold'>"
                      f"\u26a0 {escape_html(text)}</span>")

    def error(self, text: str) -> None:
        """Show an error (a screen reader announces it)."""
        self.value = (f"<span role='alert' style='color:#B24000;font-weight:bold'>"
                      f"\u26a0 {escape_html(text)}</span>")


#: Errors a learner can cause or meet (bad input, a broken file, a full disk, a store
#: another program holds): each reaches them as a message beside the control.
LEARNER_ERRORS = (InputError, ContentError, StoreError, OSError, sqlite3.Error)


def guarded(status: Status, action: Callable[[], Any], done: str = "Saved.") -> Any:
    """Run a save; show ``done`` or the error's message beside the control, never a traceback.

    Returns the action's result, or None when it was refused.
    """
    try:
        result = action()
    except LEARNER_ERRORS as exc:
        status.error(str(exc))
        return None
    status.ok(done)
    return result


def download_buttons(files) -> str:
    """HTML of download buttons for ``files``: ``(label, path, name, mime, note)`` each.

    The page holds each file's bytes, so the buttons work in JupyterLab, in app mode and
    without a server; the file keeps the name shown on its button.
    """
    import base64
    from pathlib import Path

    from .._render import render

    return render("views/_downloads.html.j2", files=[
        (label, name, mime, base64.b64encode(Path(path).read_bytes()).decode("ascii"), note)
        for label, path, name, mime, note in files])


class AfterPause:
    """Call ``action`` once changes pause for ``delay`` seconds; each call restarts the wait.

    A figure that follows a text box is redrawn when the learner stops typing, not after
    every key (each redraw sends the whole figure and repaints it). In a kernel (JupyterLab,
    Voila) the wait runs on its event loop; with no loop running (a script, a test) the
    action runs at once.

    Examples
    --------
    >>> calls = []
    >>> redraw = AfterPause(lambda: calls.append("drawn"))
    >>> redraw(); calls
    ['drawn']
    """

    def __init__(self, action: Callable[[], Any], delay: float = 0.6):
        self.action, self.delay = action, delay
        self._waiting: Any = None

    def __call__(self) -> None:
        from ..classroom.poller import running_loop

        loop = running_loop()
        if loop is None:
            self.action()
            return
        if self._waiting is not None:
            self._waiting.cancel()
        self._waiting = loop.call_later(self.delay, self._run)

    def _run(self) -> None:
        self._waiting = None
        self.action()


def _shows(shown: Any, stored: Any) -> bool:
    """Whether a control showing ``shown`` already shows ``stored``.

    Text is stored without the spaces around it: a box holding ``"Lead abroad "`` (the
    learner is typing the next word) shows the stored ``"Lead abroad"``, and is left alone.
    """
    if isinstance(shown, str) and isinstance(stored, str):
        return shown.strip() == stored.strip()
    return shown == stored


class Synced:
    """Controls that show stored values and stay in step with every other view of them.

    A change the learner makes saves (``write(name, value)``, refusals shown in ``status``);
    a change saved by another view shows here at once, without being saved again, so no view
    writes a value it only displayed. A box whose text is the stored text but for spaces at
    its ends is left as it is: saving as the learner types must not eat the space before
    the next word.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> store = LearnerStore(":memory:")
    >>> boxes = [widgets.Text(description="Goal") for _ in range(2)]
    >>> for box in boxes:
    ...     _ = Synced(store, lambda: {"goal": store.load("x", "goal", "")},
    ...                lambda name, value: store.save("x", name, value), {"goal": box}, Status())
    >>> boxes[0].value = "Lead abroad"
    >>> boxes[1].value
    'Lead abroad'
    """

    def __init__(self, store: LearnerStore, read: Callable[[], dict[str, Any]],
                 write: Callable[[str, Any], Any], controls: dict[str, widgets.ValueWidget],
                 status: Status):
        self.read, self.write, self.controls, self.status = read, write, controls, status
        self._quiet = False
        for name, control in controls.items():
            control.observe(lambda change, name=name: self._changed(name, change["new"]),
                            names="value")
        self.pull()
        store.on_change(lambda _store: self.pull())

    def pull(self) -> None:
        """Show the stored values (without saving them back)."""
        values = self.read()
        self._quiet = True
        try:
            for name, control in self.controls.items():
                if not _shows(control.value, values[name]):
                    control.value = values[name]
        finally:
            self._quiet = False

    def _changed(self, name: str, value: Any) -> None:
        if not self._quiet:
            guarded(self.status, lambda: self.write(name, value))
