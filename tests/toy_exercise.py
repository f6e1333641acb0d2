"""A toy exercise, written as a contributor would write a new one: one module, one class.

"Three good things": the learner writes down three things that went well this week. It
keeps its answers as entries under its id, so it needs no table of its own.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from coursekit._content import display_path
from coursekit._errors import Problem
from coursekit.exercises import Exercise, Panel, Progress


class ThreeGoodThings(Exercise):
    id = "gratitude"
    title = "Three good things"
    privacy = "How many good things you wrote down: never what they were."
    demo_section = "gratitude"

    def progress(self, store):
        return Progress(min(len(store.load_exercise(self.id)), 3), 3)

    def demo(self, store, person):
        for i, text in enumerate(person.data.get("gratitude") or [], start=1):
            store.save(self.id, f"thing-{i}", text)

    def check(self, course):
        from coursekit._content import load_yaml

        problems = []
        for path in sorted((course / "samples" / "people").glob("*.yaml")):
            things = (load_yaml(path) or {}).get("gratitude")
            if things is not None and not isinstance(things, list):
                problems.append(Problem(display_path(path), "gratitude", "is not a list",
                                        "write one good thing per line, each after '- '"))
        return problems

    def handin(self, store, **options):
        written = len(store.load_exercise(self.id))
        return {"written": written} if written else None

    def describe_handin(self, section):
        return [f"{section['written']:.0f} good things written down (not what they were)"]

    def report(self, store, *, today):
        things = store.load_exercise(self.id)
        return self._part(self.title, "facts", facts=list(things.items()),
                          empty="Nothing written down yet.")

    def dashboard(self, sections: Mapping[str, dict]):
        from coursekit.classroom.dashboard import describe

        rows = [(who, "good things written", s["written"]) for who, s in sections.items()]
        table = describe(pd.DataFrame(rows, columns=["pseudonym", "count", "value"]),
                         ["count"], "value")
        return [Panel("Three good things", "How many each learner wrote down.", table)]
