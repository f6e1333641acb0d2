"""The course plan (``course.yaml``) and the learner's progress through it.

``course.yaml`` lists the notebooks in order with their title, minutes, a one-line summary
and the exercise ids each holds. Progress is read from the learner store: an exercise counts
as started when anything is saved for it.

Examples
--------
>>> from coursekit._content import packaged_course
>>> from coursekit.store import LearnerStore
>>> course = load_course(packaged_course())
>>> course.parts[0].notebook
'00_start.ipynb'
>>> store = LearnerStore(":memory:")
>>> store.save("case:the-first-step", "decision:dream", "ask", kind="decision")
>>> table = progress(store, course)
>>> int(table.loc[table.notebook == "01_the_first_step.ipynb", "started"].iloc[0])
1
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import AfterValidator, ValidationInfo

from ._content import COURSE_MARKER, course_dir, load_yaml
from ._errors import ContentError, Problem
from ._schema import ContentModel, NonEmpty, NotInFile, Positive, Text, fail, unique, validate
from .store import LearnerStore


def _notebook_exists(notebook: str, info: ValidationInfo) -> str:
    root = (info.context or {}).get("root")
    if root is not None and not (root / "notebooks" / notebook).is_file():
        fail(f"notebooks/{notebook} does not exist", "correct the file name or add the notebook")
    return notebook


class CoursePart(ContentModel):
    """One notebook of the course."""

    notebook: Annotated[Text, AfterValidator(_notebook_exists)]
    title: Text
    minutes: Positive
    summary: Text
    exercises: tuple[Text, ...] = ()


class Course(ContentModel):
    """The course plan: title and notebooks in order."""

    title: Text
    subtitle: str = ""
    parts: Annotated[NonEmpty[CoursePart], unique("notebook", "notebook")]
    root: Annotated[Path, NotInFile()] = Path()

    @property
    def minutes(self) -> int:
        """Total minutes of the course."""
        return sum(p.minutes for p in self.parts)


def load_course(course: str | Path | None = None) -> Course:
    """Load and validate ``course.yaml`` of a course folder (default: the one in use)."""
    root = Path(course) if course is not None else course_dir()
    plan = validate(Course, load_yaml(root / COURSE_MARKER), COURSE_MARKER,
                    context={"root": root})
    return plan.model_copy(update={"root": root})


def check_course_file(course: str | Path) -> list[Problem]:
    """Problems in ``course.yaml`` (for ``coursekit check``)."""
    try:
        load_course(course)
    except ContentError as exc:
        return exc.problems
    return []


# -- progress ---------------------------------------------------------------------------

#: How to count what a learner saved for an exercise, by exercise-id prefix. Each probe
#: takes the store and the exercise id and returns a count; the default counts entries.
_TABLE_PROBES: dict[str, str] = {
    "assessment:": "SELECT COUNT(*) FROM assessment_responses r "
                   "JOIN assessment_attempts a USING (attempt_id) WHERE a.instrument = ?",
    "network": "SELECT COUNT(*) FROM network_contacts WHERE ? = 'network'",
}


def _count(store: LearnerStore, exercise: str) -> int:
    count = store.read("SELECT COUNT(*) FROM entries WHERE exercise = ?", (exercise,))[0][0]
    for prefix, sql in _TABLE_PROBES.items():
        if exercise.startswith(prefix):
            key = exercise[len(prefix):] if prefix.endswith(":") else exercise
            count += store.read(sql, (key,))[0][0]
    return count


PROGRESS_COUNTERS: list[Callable[[LearnerStore, str], int]] = [_count]


def exercise_counts(store: LearnerStore, exercises) -> dict[str, int]:
    """How many things the learner saved for each exercise."""
    return {e: sum(counter(store, e) for counter in PROGRESS_COUNTERS) for e in exercises}


def progress(store: LearnerStore, course: Course | None = None) -> pd.DataFrame:
    """Progress per notebook: exercises started out of exercises, and minutes.

    Returns
    -------
    pandas.DataFrame
        One row per notebook with columns ``notebook``, ``title``, ``minutes``,
        ``exercises``, ``started`` and ``share`` (started / exercises; NaN for a notebook
        without exercises, such as the start page).
    """
    course = course or load_course()
    rows = []
    for part in course.parts:
        counts = exercise_counts(store, part.exercises)
        started = sum(1 for c in counts.values() if c > 0)
        total = len(part.exercises)
        rows.append({"notebook": part.notebook, "title": part.title, "minutes": part.minutes,
                     "exercises": total, "started": started,
                     "share": started / total if total else float("nan")})
    return pd.DataFrame(rows)
