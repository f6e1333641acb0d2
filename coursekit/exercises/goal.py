"""The goal, its best outcome, and the skills-gap matrix: notebook 04.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_skill, save_goal
>>> store = LearnerStore(":memory:")
>>> _ = save_goal(store, goal="Lead a plant abroad by 2030")
>>> GoalExercise().progress(store)
Progress(done=1, of=2)
"""

from __future__ import annotations

from ._base import Exercise, Progress, ReportPart
from ._plan import plan_part


class GoalExercise(Exercise):
    """A specific goal (the wish), its best outcome, and the skills it needs."""

    id = "plan:goal"
    demo_section = "plan"
    title = "Your goal and the skills it needs"
    tables = {"plan_goal": ("goal", "goals"),
              "plan_skills": ("skill in your skills gap", "skills in your skills gap")}

    def progress(self, store) -> Progress:
        """Two steps: a goal written, and at least one skill in the matrix."""
        goal = store.read("SELECT COUNT(*) FROM plan_goal WHERE goal != ''")[0][0]
        skills = store.read("SELECT COUNT(*) FROM plan_skills")[0][0]
        return Progress(int(goal > 0) + int(skills > 0), 2)

    def report(self, store, *, today) -> ReportPart:
        """The goal, its best outcome and date, and the skills-gap matrix."""
        from ..planning import list_skills, load_goal
        from ..planning.goal import STATUS_WORDS
        from ..planning.model import Plan

        plan = Plan(goal=load_goal(store), skills=tuple(list_skills(store)))
        return self._part("My goal and the skills it needs", "goal", plan=plan,
                          status_words=STATUS_WORDS)

    def demo(self, store, person) -> None:
        """The person's ``plan: goal:`` and ``plan: skills:``."""
        from ..planning import add_skill, save_goal

        goal = plan_part(person, "goal")
        if goal:
            save_goal(store, **goal)
        for skill in plan_part(person, "skills") or []:
            fields = dict(skill)
            add_skill(store, fields.pop("skill"), **fields)
