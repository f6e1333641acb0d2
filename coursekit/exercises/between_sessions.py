"""The small assignments between sessions as one exercise (set in 01, 02 and 05; 07 looks back).

Two prototype conversations, a small experiment and a week's energy log
(:mod:`coursekit.assignments`). The names of the people the learner talks with stay in
their store: the hand-in keeps counts and the experiment's verdict as an id, never a name,
an activity or anything written; a ticked reflection that names one of them is stopped
like one naming a contact (:meth:`people`).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assignments import add_conversation, add_energy
>>> store = LearnerStore(":memory:")
>>> _ = add_conversation(store, "Tomás Ibáñez", path="product manager", held_on="2030-01-05")
>>> _ = add_energy(store, "2030-01-06", "Audit report", engagement=2, energy=-2)
>>> ex = BetweenSessionsExercise()
>>> ex.progress(store)
Progress(done=2, of=8)
>>> section = ex.handin(store)
>>> section["conversations_held"], section["energy_days"], "Tomás" in str(section)
(1, 1, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .._text import plural
from ._base import Exercise, Panel, Progress, ReportPart
from ._sections import Count, Ident, Section

#: What each count of the hand-in says, in words.
WORDS = {"conversations_held": "prototype conversations held",
         "conversations_planned": "prototype conversations planned, not yet held",
         "experiments_tried": "small experiments tried",
         "experiments_planned": "small experiments planned, not yet tried",
         "energy_days": "days in the energy log", "energy_entries": "activities logged"}


class BetweenSessionsSection(Section):
    """The assignments' hand-in section: counts, and the experiments' verdicts by id."""

    conversations_held: Count = 0
    conversations_planned: Count = 0
    experiments_tried: Count = 0
    experiments_planned: Count = 0
    verdicts: dict[Ident, Count] = {}
    energy_days: Count = 0
    energy_entries: Count = 0


class BetweenSessionsExercise(Exercise):
    """Two prototype conversations, a small experiment and a week's energy log."""

    id = "between-sessions"
    title = "Between sessions: three small assignments"
    tables = {
        "between_conversations": ("prototype conversation", "prototype conversations"),
        "between_experiments": ("small experiment", "small experiments"),
        "between_energy": ("activity in your energy log", "activities in your energy log"),
    }
    privacy = ("How many conversations you held, experiments you tried and days you logged, "
               "and what you made of an experiment (more, another way, not for me). Never "
               "whom you talked with, what you did or what you wrote.")
    handin_model = BetweenSessionsSection
    demo_section = "between_sessions"

    def progress(self, store) -> Progress:
        """Conversations held (of 2), experiments tried (of 1), days logged (of 5)."""
        from ..assignments import assignment_progress

        found = assignment_progress(store).values()
        return Progress(sum(p.done for p in found), sum(p.target for p in found))

    def demo(self, store, person) -> None:
        """The person's ``between_sessions:`` section (:mod:`coursekit.assignments.demo`)."""
        from .._content import display_path
        from ..assignments.demo import fill_between_sessions

        if person.data.get(self.demo_section) is not None:
            fill_between_sessions(store, person.data[self.demo_section],
                                  display_path(person.path))

    def check(self, course) -> list:
        """Each session's assignment is shown in one of its notebooks, and only there."""
        from .._errors import ContentError, Problem
        from ..course import assignment_views, load_course

        try:
            plan = load_course(course)
        except ContentError:
            return []  # course.yaml's own check reports it
        views = assignment_views(course)
        problems = []
        for i, session in enumerate(plan.sessions):
            for assignment_id in session.assignments:
                if views.get(assignment_id) not in session.notebooks:
                    where = views.get(assignment_id)
                    problems.append(Problem(
                        "course.yaml", f"sessions[{i}]: assignments",
                        f"'{assignment_id}' is set in this session, but "
                        + (f"its view is in {where}" if where else "no notebook shows it"),
                        f"add a cell ck.between_sessions(store, \"{assignment_id}\") to one "
                        f"of {', '.join(session.notebooks)}, or move the assignment to the "
                        f"session of the notebook that shows it"))
        return problems

    def people(self, store) -> list[tuple[str, str]]:
        """The people the learner talked with (or means to), described by their path."""
        return [(person, path or "a person you talked with") for person, path in store.read(
            "SELECT person, path FROM between_conversations ORDER BY id")]

    def entry_label(self, key: str) -> str:
        """What a private note of the assignments answers (never a person's name)."""
        from ..assignments.energy import PATTERNS_KEY

        if key.startswith("learned:conversation-"):
            return f"what you learned in prototype conversation {key.rsplit('-', 1)[1]}"
        if key.startswith("learned:experiment-"):
            return f"what small experiment {key.rsplit('-', 1)[1]} taught you"
        if key == PATTERNS_KEY:
            return "the patterns in your energy log"
        return super().entry_label(key)

    def handin(self, store, **options: Any) -> dict[str, Any] | None:
        """Counts and verdicts (ids); None when no assignment is started."""
        from ..assignments import list_conversations, list_energy, list_experiments

        talks, tries, log = (list_conversations(store), list_experiments(store),
                             list_energy(store))
        if not (talks or tries or log):
            return None
        verdicts: dict[str, int] = {}
        for e in tries:
            if e.verdict:
                verdicts[e.verdict] = verdicts.get(e.verdict, 0) + 1
        return {"conversations_held": sum(c.held for c in talks),
                "conversations_planned": sum(not c.held for c in talks),
                "experiments_tried": sum(e.tried for e in tries),
                "experiments_planned": sum(not e.tried for e in tries),
                "verdicts": verdicts, "energy_days": len({e.day for e in log}),
                "energy_entries": len(log)}

    def describe_handin(self, section: Any) -> list[str]:
        """The counts in words."""
        from ..assignments import VERDICTS

        lines = [f"{WORDS[k].capitalize()}: {section.get(k, 0)}" for k in WORDS]
        said = ", ".join(f"{VERDICTS.get(k, k).lower()}: {v}"
                         for k, v in section.get("verdicts", {}).items())
        lines.append(f"What you made of your experiments: {said or 'not said yet'}")
        lines.append("(Never whom you talked with, what you did or what you wrote.)")
        return lines

    def report(self, store, *, today) -> ReportPart | None:
        """The conversations, the experiments and the energy log with its figure."""
        from ..assignments import (
            VERDICTS,
            energy_figure,
            energy_summary,
            list_conversations,
            list_energy,
            list_experiments,
        )

        talks, tries, log = (list_conversations(store), list_experiments(store),
                             list_energy(store))
        if not (talks or tries or log):
            return None
        return self._part("Between sessions", "between_sessions", conversations=talks,
                          experiments=tries, verdicts=VERDICTS,
                          energy=energy_summary(log).to_dict("records"),
                          days=len({e.day for e in log}),
                          energy_figure=energy_figure(log) if log else None)

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """How much of each assignment the class did (n, mean, spread; small groups hidden)."""
        from ..classroom import dashboard as tables

        rows = [(who, WORDS[k], float(s.get(k, 0))) for who, s in sections.items()
                for k in ("conversations_held", "experiments_tried", "energy_days")]
        table = tables.describe(pd.DataFrame(rows, columns=["pseudonym", "assignment",
                                                            "value"]), ["assignment"], "value")
        return [Panel("Between sessions", f"The small assignments: how many each learner did "
                      f"({plural(len(sections), 'hand-in')}).", table)]
