"""The small assignments between sessions: two conversations, an experiment, an energy log.

See :mod:`coursekit.assignments.model` for what each is and when it is done.

A pure core, no widgets: :mod:`~coursekit.views.between` shows them, the exercise
:mod:`coursekit.exercises.between_sessions` counts them, and the check-in looks back at
them.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> _ = add_conversation(store, "Ana", held_on="2030-01-05")
>>> {a: p.done for a, p in assignment_progress(store).items()}
{'energy-log': 0, 'small-experiment': 0, 'prototype-conversations': 1}
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store import LearnerStore
from .conversations import (
    add_conversation,
    get_conversation,
    held_count,
    list_conversations,
    remove_conversation,
    update_conversation,
)
from .energy import (
    ENERGY,
    ENGAGEMENT,
    add_energy,
    days_logged,
    energy_figure,
    energy_summary,
    list_energy,
    remove_energy,
    save_patterns,
)
from .experiments import (
    add_experiment,
    get_experiment,
    list_experiments,
    remove_experiment,
    tried_count,
    update_experiment,
)
from .model import (
    ASSIGNMENTS,
    EXERCISE,
    VERDICTS,
    Assignment,
    Conversation,
    Experiment,
    assignment,
    save_learned,
)


@dataclass(frozen=True)
class Done:
    """How far one assignment is: ``done`` of its ``target``."""

    done: int
    target: int

    @property
    def complete(self) -> bool:
        """True when the target is reached."""
        return self.done >= self.target


def assignment_progress(store: LearnerStore) -> dict[str, Done]:
    """Each assignment's progress: days logged, experiments tried, conversations held."""
    days = store.read("SELECT COUNT(DISTINCT day) FROM between_energy")[0][0]
    counts = {"energy-log": days, "small-experiment": tried_count(store),
              "prototype-conversations": held_count(store)}
    return {a.id: Done(min(counts[a.id], a.target), a.target) for a in ASSIGNMENTS.values()}


__all__ = ["ASSIGNMENTS", "ENERGY", "ENGAGEMENT", "EXERCISE", "VERDICTS", "Assignment",
           "Conversation", "Done", "Experiment", "add_conversation", "add_energy",
           "add_experiment", "assignment", "assignment_progress", "days_logged",
           "energy_figure", "energy_summary", "get_conversation", "get_experiment",
           "list_conversations", "list_energy", "list_experiments", "remove_conversation",
           "remove_energy", "remove_experiment", "save_learned", "save_patterns",
           "update_conversation", "update_experiment"]
