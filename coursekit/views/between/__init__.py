"""The assignments between sessions, one view each: ``ck.between_sessions(store, ID)``.

Each view opens with the assignment's brief (why, what to do, its source) and how far the
learner is, then the controls to record it; every change is saved at once and every view
follows the store. The ids: ``energy-log`` (set in notebook 01), ``small-experiment``
(notebook 02), ``prototype-conversations`` (notebook 05); notebook 07 looks back at all.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> view = between_sessions(store, "small-experiment")
>>> view.what.value = "Sit in on a product review"
>>> view.add_button.click()
>>> [e.what for e in view.experiments()]
['Sit in on a product review']
"""

from __future__ import annotations

from ...assignments import assignment
from ...store import LearnerStore
from .energy import EnergyLogView
from .records import ConversationsView, ExperimentsView

VIEWS = {"energy-log": EnergyLogView, "small-experiment": ExperimentsView,
         "prototype-conversations": ConversationsView}


def between_sessions(store: LearnerStore, assignment_id: str):
    """The view of one assignment between sessions.

    ``assignment_id``: ``energy-log``, ``small-experiment`` or ``prototype-conversations``.

    Raises
    ------
    NotFoundError
        No assignment has that id; the fix lists those that exist.
    """
    return VIEWS[assignment(assignment_id).id](store)


__all__ = ["ConversationsView", "EnergyLogView", "ExperimentsView", "between_sessions"]
