"""What the assignment views share: the brief at the top, kept up to date with progress."""

from __future__ import annotations

import ipywidgets as widgets

from ..._render import render
from ...assignments import assignment, assignment_progress
from ...store import LearnerStore


class Brief(widgets.HTML):
    """The assignment's brief (why, what to do, source) and how far the learner is."""

    def __init__(self, store: LearnerStore, assignment_id: str):
        self.store, self.assignment = store, assignment(assignment_id)
        super().__init__()
        self.refresh()

    def refresh(self) -> None:
        """Show the brief with the progress as stored now."""
        done = assignment_progress(self.store)[self.assignment.id].done
        self.value = render("views/assignment.html.j2", assignment=self.assignment,
                            progress=self.assignment.count_words(done))
