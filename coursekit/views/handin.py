"""The hand-in view of notebook 06, with the saved file offered as a download button.

After *Save my hand-in* the file is on the computer that runs the course; a learner who has
only the browser (app mode, a hub) cannot reach that path. The saved file is offered beside
the status as a download button with its own name (the same buttons as the report's,
:func:`coursekit.views._common.download_buttons`: the page holds the file's bytes).

Choosing, previewing, saving and sending are :class:`coursekit.views.classroom.HandinView`'s.

Examples
--------
>>> import tempfile
>>> from coursekit.store import LearnerStore
>>> view = handin(LearnerStore(":memory:"), folder=tempfile.mkdtemp())
>>> view.save_button.click()
>>> "download='handin-" in view.download.value
True
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..store import LearnerStore
from ._common import download_buttons
from .classroom import HandinView as _HandinView


class HandinView(_HandinView):
    """Choose, read and save (or send) the hand-in; the saved file is offered to download.

    Attributes
    ----------
    download : HTML
        Under the status line: the download button of the file last saved (empty until a
        save succeeds, and again after one fails).
    """

    def __init__(self, store: LearnerStore, **kwargs: Any):
        self.download = widgets.HTML()
        super().__init__(store, **kwargs)
        self.children = (*self.children, self.download)

    def _save(self, _button: object = None) -> None:
        self.saved_path = None
        self.download.value = ""
        super()._save(_button)
        if self.saved_path is not None:
            self.download.value = download_buttons([
                ("Download your hand-in", self.saved_path, self.saved_path.name,
                 "application/json", "JSON: your anonymised summary, as the class reads it")])


def handin(store: LearnerStore, **kwargs: Any) -> HandinView:
    """Choose what to share, read exactly what your anonymised hand-in holds, save or send it.

    The saved file is offered as a download button, for a learner who has only the browser.
    """
    return HandinView(store, **kwargs)


__all__ = ["HandinView", "handin"]
