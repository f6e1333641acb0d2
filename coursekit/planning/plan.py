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


def plan_counts(plan: Plan) -> dict[str, int]:
    """Counts only (no text), e.g. for an anonymised hand-in: items, if-then plans, done.

    ``steps`` counts steps and networking items (check-ins are dates, not actions);
    ``if_then`` how many of those carry an if-then plan; ``done`` how many are ticked off.

    Examples
    --------
    >>> from coursekit.planning.model import Step
    >>> plan_counts(Plan(steps=(Step(1, "a", if_obstacle="x", then_response="y"),
    ...                         Step(2, "b", kind="check-in", done=True))))
    {'steps': 1, 'if_then': 1, 'done': 0, 'check_ins': 1, 'dated': 0}
    """
    actions = [s for s in plan.steps if s.kind in ("step", "networking")]
    return {"steps": len(actions), "if_then": sum(1 for s in actions if s.if_then),
            "done": sum(1 for s in actions if s.done),
            "check_ins": len(plan.of_kind("check-in")),
            "dated": sum(1 for s in plan.steps if s.due is not None)}
