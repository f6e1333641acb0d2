"""Dated steps with if-then plans, and check-ins: notebook 04.

The hand-in keeps three counts (steps, if-then plans, steps done), never a step's words.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_step
>>> store = LearnerStore(":memory:")
>>> _ = add_step(store, "Lunch with Sam", due="2030-01-10", first=True,
...              if_obstacle="Sam cancels", then_response="rebook within a week")
>>> StepsExercise().progress(store), StepsExercise().handin(store)
(Progress(done=3, of=3), {'steps': 1, 'if_then': 1, 'done': 0})
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._text import plural
from ._base import Exercise, Panel, Progress, ReportPart
from ._plan import plan_part
from ._sections import Count, Section

COUNTS = ("steps", "if_then", "done")
WORDS = {"steps": "steps and networking items in the plan", "if_then": "with an if-then plan",
         "done": "done"}


class StepsSection(Section):
    """The plan's hand-in section: three counts."""

    steps: Count = 0
    if_then: Count = 0
    done: Count = 0


class StepsExercise(Exercise):
    """One first step with a date and an if-then plan, more steps, and check-ins."""

    id = "plan:steps"
    demo_section = "plan"
    title = "Your first step and if-then plans"
    tables = {"plan_steps": ("item in your plan (a step, networking item or check-in)",
                             "items in your plan (steps, networking items and check-ins)")}
    privacy = "How many steps, if-then plans and steps done: never what a step says."
    handin_model = StepsSection

    def progress(self, store) -> Progress:
        """Three steps: a first step chosen, given a date, given an if-then plan."""
        row = store.read("SELECT due IS NOT NULL, if_obstacle != '' AND then_response != '' "
                         "FROM plan_steps WHERE is_first = 1")
        if not row:
            return Progress(0, 3)
        dated, if_then = row[0]
        return Progress(1 + int(dated) + int(if_then), 3)

    def demo(self, store, person) -> None:
        """The person's ``plan: steps:`` (networking items and check-ins included)."""
        from ..planning import add_step, mark_done

        for item in plan_part(person, "steps") or []:
            fields = dict(item)
            done = fields.pop("done")
            step = add_step(store, fields.pop("title"), **fields)
            if done:
                mark_done(store, step.id,
                          on=min(step.due, dt.date.today()) if step.due else None)

    def report(self, store, *, today) -> ReportPart:
        """Each step with its date and if-then plan, and the check-ins."""
        from ..planning import load_plan

        return self._part("Steps and if-then plans", "steps", plan=load_plan(store))

    def handin(self, store, **options: Any) -> dict[str, int] | None:
        """Counts of steps (networking items included), if-then plans, and steps done."""
        from ..planning import load_plan, plan_counts

        counts = plan_counts(load_plan(store))
        return {k: int(counts[k]) for k in COUNTS} if counts["steps"] else None

    def describe_handin(self, section: Any) -> list[str]:
        """The three counts in words."""
        items = plural(section["steps"], "step or networking item",
                       "steps and networking items")
        return [f"{items} in the plan (counts only): {section['if_then']} with an if-then "
                f"plan, {section['done']} done"]

    def dashboard(self, sections) -> list[Panel]:
        """The class's plan counts (n, mean, spread), small groups hidden."""
        import pandas as pd

        from ..classroom import dashboard as tables

        rows = [(who, WORDS[k], float(v)) for who, s in sections.items() for k, v in s.items()]
        table = tables.describe(pd.DataFrame(rows, columns=["pseudonym", "count", "value"]),
                                ["count"], "value")
        return [Panel("The class's plans", "Steps, if-then plans and steps done per learner.",
                      table)]
