"""The assignments between sessions, looked back at in the check-in.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assignments import add_conversation
>>> store = LearnerStore(":memory:")
>>> view = AssignmentsReview(store)
>>> "0 of 2 conversations held" in view.others.value
True
>>> _ = add_conversation(store, "Oren", held_on="2030-01-05")
>>> "1 of 2 conversations held" in view.others.value
True
"""

from __future__ import annotations

import ipywidgets as widgets

from ..._render import render
from ...assignments import (
    ASSIGNMENTS,
    VERDICTS,
    assignment_progress,
    energy_figure,
    energy_summary,
    list_conversations,
    list_energy,
    list_experiments,
)
from ...course import assignment_sessions
from ...store import LearnerStore
from .._common import demo_banner
from .._figures import set_figure, set_hint


class AssignmentsReview(widgets.VBox):
    """Each assignment: how far it went, what it gave; the energy chart. Follows the store.

    Attributes
    ----------
    energy : HTML of the energy log, with ``chart`` (the energy chart, or a hint while the
        log is empty) right below it
    others : HTML of the other assignments
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.energy, self.others = widgets.HTML(), widgets.HTML()
        self.chart = widgets.Output(layout=widgets.Layout(width="100%"))
        self.refresh()
        store.on_change(lambda _s: self.refresh())
        super().__init__([demo_banner(store), self.energy, self.chart, self.others])

    def refresh(self) -> None:
        """Show the assignments as stored now."""
        done = assignment_progress(self.store)
        where = assignment_sessions()
        log = list_energy(self.store)
        rows = [(a, done[a.id], where.get(a.id)) for a in ASSIGNMENTS.values()]
        parts = {"energy": [r for r in rows if r[0].id == "energy-log"],
                 "others": [r for r in rows if r[0].id != "energy-log"]}
        for name, html in (("energy", self.energy), ("others", self.others)):
            html.value = render(
                "views/assignments_review.html.j2", rows=parts[name],
                conversations=list_conversations(self.store),
                experiments=list_experiments(self.store), verdicts=VERDICTS,
                summary=energy_summary(log).to_dict("records"))
        if log:
            set_figure(self.chart, energy_figure(log))
        else:
            set_hint(self.chart, "Your energy chart appears here once you log a day.")


def check_in_assignments(store: LearnerStore) -> AssignmentsReview:
    """The three assignments between sessions: how far each went and what it gave you."""
    return AssignmentsReview(store)
