"""A case study as an exercise: the learner's predictions at its decision points.

One :class:`CaseExercise` per case file in ``cases/``; :class:`Cases` makes them. Decisions
and reflections are saved as entries under ``case:<case id>`` (see
:mod:`coursekit.views.case`). The hand-in keeps the option id chosen at each decision point,
never free text; the dashboard shows the class's polls.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> case = CaseExercise("the-first-step")
>>> case.title
'The first step'
>>> store.save(case.id, "decision:after-the-talk", "build", kind="decision")
>>> store.save(case.id, "decision:after-the-talk-why", "free text", kind="decision")
>>> case.handin(store)
{'decisions': {'after-the-talk': 'build'}}
>>> case.progress(store).done
1
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import Field

from .._errors import ContentError
from .._text import colon_join
from ._base import Exercise, ExerciseFamily, Panel, Progress
from ._sections import Ident, Section

_OPTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


class CaseSection(Section):
    """A case's hand-in section: the option id chosen at each decision point."""

    decisions: dict[Ident, Ident] = Field(min_length=1)


class CaseExercise(Exercise):
    """The decisions and reflections of one case."""

    privacy = ("The option you chose at each decision point, as its short id; never what you "
               "wrote.")
    handin_model = CaseSection

    def __init__(self, case_id: str, course: Path | None = None):
        self.case_id = case_id
        self.id = f"case:{case_id}"
        self.course = course

    @cached_property
    def case(self):
        """The case (loaded on first use)."""
        from ..cases import load_case

        return load_case(self.case_id, self.course)

    @property
    def title(self) -> str:  # type: ignore[override]
        """The case's title."""
        return self.case.title

    def _saved(self, store, kind: str) -> dict[str, Any]:
        return store.load_exercise(self.id, kind=kind)

    def progress(self, store) -> Progress:
        """Decision points committed (or skipped) and reflections written, out of all."""
        decided = {k.removeprefix("decision:") for k in self._saved(store, "decision")}
        decided |= {k.removeprefix("skip:") for k in self._saved(store, "answer")
                    if k.startswith("skip:")}
        written = {k.removeprefix("reflection:") for k in self._saved(store, "reflection")}
        steps = [d.id for d in self.case.decisions]
        prompts = [r.id for r in self.case.reflections]
        return Progress(sum(d in decided for d in steps) + sum(r in written for r in prompts),
                        len(steps) + len(prompts))

    def handin(self, store, **options: Any) -> dict[str, Any] | None:
        """``{"decisions": {point: option id}}``: only options the case offers."""
        offered: dict[str, set[str]] | None
        try:
            offered = {d.id: set(d.option_ids) for d in self.case.decisions}
        except ContentError:  # the case was removed or broken since: keep id-shaped choices
            offered = None
        chosen = {}
        for key, choice in self._saved(store, "decision").items():
            point = key.removeprefix("decision:")
            if isinstance(choice, dict):
                choice = choice.get("choice")
            if not isinstance(choice, str) or not _OPTION_ID.match(choice):
                continue
            if offered is not None and choice not in offered.get(point, ()):
                continue
            if _OPTION_ID.match(point):
                chosen[point] = choice
        return {"decisions": dict(sorted(chosen.items()))} if chosen else None

    def entry_label(self, key: str) -> str:
        """What a private text answers (a reflection, a prediction's reason, a question)."""
        try:
            prompt = self.case.writing_prompts.get(key)
        except ContentError:
            prompt = None
        # Whole: a tick box's words wrap (a cut question was all a learner saw of it).
        return " ".join(prompt.split()) if prompt else super().entry_label(key)

    def entry_order(self) -> list[str]:
        """The case's texts in the order the notebook asks for them.

        Part by part, a prediction's reason before the reflection after the same part; the
        discussion answers last.
        """
        case = self.case
        parts = case.part_ids
        asked = sorted([(parts.index(d.after), 0, n, f"why:{d.id}")
                        for n, d in enumerate(case.decisions) if d.after in parts]
                       + [(parts.index(r.after), 1, n, f"reflection:{r.id}")
                          for n, r in enumerate(case.reflections) if r.after in parts])
        return [key for *_, key in asked] + [f"discussion:{n}"
                                             for n in range(1, len(case.discussion) + 1)]

    def describe_handin(self, section: Any) -> list[str]:
        """Each decision's prompt and the option chosen, in words."""
        lines = []
        for point, choice in sorted(section["decisions"].items(), key=self._story_order):
            try:
                decision = self.case.decision(point)
                lines.append(f"{_one_line(decision.prompt)} You chose: "
                             f"{decision.option(choice).label}")
            except (KeyError, ContentError):  # no longer in the case: show the ids
                lines.append(f"Decision {point}: {choice}")
        return lines

    def _story_order(self, item: tuple[str, Any]) -> tuple[int, str]:
        """Sort key of a ``(decision id, ...)`` pair: the case's order (unknown ids last)."""
        ids = [d.id for d in self.case.decisions]
        return (ids.index(item[0]) if item[0] in ids else len(ids)), item[0]

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """The class's poll at each decision point (small groups hidden)."""
        from ..classroom import dashboard as tables
        from ..classroom import figures

        rows = [(who, point, choice) for who, section in sections.items()
                for point, choice in section["decisions"].items()]
        polls = tables.decision_polls(pd.DataFrame(rows, columns=["pseudonym", "point",
                                                                   "choice"]))
        polls = _label_polls(polls, self)
        return [Panel(colon_join(self.title, "the class's predictions"),
                      "How the class chose at each decision point, before seeing what "
                      "happened.", polls, figures.polls_figure(polls, self.title))]


def _one_line(text: str) -> str:
    """``text`` whole, on one line (a figure wraps it; nothing a learner reads is cut)."""
    return " ".join(text.split())


def _label_polls(polls: pd.DataFrame, exercise: CaseExercise) -> pd.DataFrame:
    """Add the decision's question and each option's words to a poll table."""
    polls = polls.copy()
    questions, options = [], []
    for point, choice in zip(polls["point"], polls["choice"], strict=True):
        try:
            decision = exercise.case.decision(point)
            questions.append(_one_line(decision.prompt))
            options.append(_one_line(decision.option(choice).label))
        except (KeyError, ContentError):
            questions.append(point)
            options.append(choice)
    polls["question"], polls["option"] = questions, options
    # In the story's order (Q1 is the first decision), each decision's options as the case
    # lists them, not in the order of their ids.
    ids = {d.id: (n, [o.id for o in d.options])
           for n, d in enumerate(exercise.case.decisions)}
    rank = [(ids[p][0], ids[p][1].index(c) if c in ids[p][1] else len(ids[p][1]))
            if p in ids else (len(ids), 0) for p, c in zip(polls["point"], polls["choice"],
                                                          strict=True)]
    order = sorted(range(len(rank)), key=lambda i: (rank[i], polls["point"].iloc[i]))
    return polls.iloc[order].reset_index(drop=True)


class Cases(ExerciseFamily):
    """One exercise per case file of the course."""

    prefix, member_model = "case:", CaseSection

    def expand(self, course: Path | None = None) -> list[Exercise]:
        """A :class:`CaseExercise` for each ``cases/*.md``, in file-name order."""
        from ..cases import case_files

        return [CaseExercise(path.stem, course) for path in case_files(course)]

    def check(self, course: Path) -> list:
        """Problems in the case files (:func:`coursekit.cases.check_cases`)."""
        from ..cases import check_cases

        return check_cases(course)

