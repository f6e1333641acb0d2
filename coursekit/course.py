"""The course plan (``course.yaml``) and the learner's progress through it.

``course.yaml`` lists the notebooks in order with their title, minutes, a one-line summary
and the exercise ids each holds (:mod:`coursekit.exercises`). Progress asks each exercise
how far the learner is.

Examples
--------
>>> from coursekit._content import packaged_course
>>> from coursekit.store import LearnerStore
>>> course = load_course(packaged_course())
>>> course.parts[0].notebook
'00_start.ipynb'
>>> store = LearnerStore(":memory:")
>>> store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
>>> table = progress(store, course)
>>> row = table[table.notebook == "01_the_first_step.ipynb"].iloc[0]
>>> int(row.started), int(row.complete), float(round(row.share, 2))
(1, 0, 0.07)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import AfterValidator, ValidationInfo, model_validator

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
    #: Exercises of the notebook a learner may skip: counted in its progress once started.
    optional: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _optional_are_exercises(self) -> CoursePart:
        for i, name in enumerate(self.optional):
            if name not in self.exercises:
                fail(f"'{name}' is not one of this notebook's exercises",
                     "list it under exercises as well, or remove it from optional",
                     "optional", i)
        return self


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
    """Problems in ``course.yaml`` (for ``coursekit check``), unknown exercise ids included."""
    from ._problems import suggest
    from .exercises import exercises

    try:
        plan = load_course(course)
    except ContentError as exc:
        return exc.problems
    known = [e.id for e in exercises(course)]
    return [Problem(COURSE_MARKER, f"parts[{i}]: exercises", f"'{name}' is not an exercise "
                    f"of this course{suggest(name, known)}",
                    "use the id of a case (case:<id>), a questionnaire (assessment:<id>) or "
                    "one of: " + ", ".join(k for k in known if ":" not in k or
                                           k.startswith("plan:")))
            for i, part in enumerate(plan.parts) for name in part.exercises
            if name not in known]


# -- progress ---------------------------------------------------------------------------


def progress(store: LearnerStore, course: Course | None = None) -> pd.DataFrame:
    """Progress per notebook, from each exercise's :meth:`~coursekit.exercises.Exercise.progress`.

    Returns
    -------
    pandas.DataFrame
        One row per notebook with columns ``notebook``, ``title``, ``minutes``,
        ``exercises`` (how many), ``started`` and ``complete`` (how many of them), and
        ``share``: the mean of the exercises' shares done, 0 to 1 (NaN for a notebook
        without exercises, such as the start page). An optional exercise counts once the
        learner has started it.
    """
    from .exercises import exercise

    course = course or load_course()
    rows = []
    for part in course.parts:
        done = [p for e in part.exercises
                if (p := exercise(e, course.root).progress(store)).started
                or e not in part.optional]
        rows.append({"notebook": part.notebook, "title": part.title, "minutes": part.minutes,
                     "exercises": len(done), "started": sum(p.started for p in done),
                     "complete": sum(p.complete for p in done),
                     "share": sum(p.share for p in done) / len(done) if done else float("nan")})
    return pd.DataFrame(rows)
