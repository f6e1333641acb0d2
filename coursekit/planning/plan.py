"""Reading the whole plan from the store at once."""

from __future__ import annotations

from ..store import LearnerStore
from .goal import list_skills, load_goal
from .model import Plan
from .steps import list_steps
from .vision import load_paths


def load_plan(store: LearnerStore) -> Plan:
    """The learner's whole plan: paths, goal, skills-gap matrix, steps, check-ins, networking.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> load_plan(LearnerStore(":memory:")).is_empty
    True
    """
    return Plan(paths=load_paths(store), goal=load_goal(store),
                skills=tuple(list_skills(store)), steps=tuple(list_steps(store)))


__all__ = ["load_plan"]
