"""Pieces shared by every view."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .._errors import ContentError, InputError, StoreError
from .._text import escape_html
from ..store import LearnerStore


def demo_banner(store: LearnerStore) -> widgets.HTML:
    """A visible banner in demo mode (empty otherwise)."""
    if not store.demo:
        return widgets.HTML("")
    return widgets.HTML(
        '<div role="status" style="background:#FFF4D6;border-left:6px solid #E69F00;'
        'padding:6px 10px;margin:4px 0"><b>Demo mode:</b> the answers shown are a sample '
        "person's, not anyone's real data. Nothing you do here is saved, and your own "
        "answers are neither shown nor changed.</div>"
    )


class Status(widgets.HTML):
    """One line saying what just happened: saved, or what is wrong and how to fix it."""

    def ok(self, text: str) -> None:
        """Show a confirmation."""
        self.value = f"<span role='status' style='color:#1a1a1a'>\u2714 {escape_html(text)}</span>"

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
