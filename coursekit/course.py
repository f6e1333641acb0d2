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
(1, 0, 0.05)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._content import COURSE_MARKER, course_dir, load_yaml
from ._errors import ContentError, Problem
from ._validate import FieldChecker
from .store import LearnerStore

_PART_FIELDS = {"notebook", "title", "minutes", "summary", "exercises"}


@dataclass(frozen=True)
class CoursePart:
    """One notebook of the course."""

    notebook: str
    title: str
    minutes: int
    summary: str
    exercises: tuple[str, ...]


@dataclass(frozen=True)
class Course:
    """The course plan: title and notebooks in order."""

    title: str
    subtitle: str
    parts: tuple[CoursePart, ...]
    root: Path

    @property
    def minutes(self) -> int:
        """Total minutes of the course."""
        return sum(p.minutes for p in self.parts)


def load_course(course: str | Path | None = None) -> Course:
    """Load and validate ``course.yaml`` of a course folder (default: the one in use)."""
    root = Path(course) if course is not None else course_dir()
    path = root / COURSE_MARKER
    data = load_yaml(path)
    file = COURSE_MARKER
    check = FieldChecker(file)
    if not isinstance(data, dict):
        raise ContentError.at(file, "", "is not a set of 'field: value' lines",
                              "write title, subtitle and parts as YAML fields")
    title = check.need(data, "title", str, "")
    subtitle = check.need(data, "subtitle", str, "", required=False, default="")
    check.unknown_keys(data, {"title", "subtitle", "parts"}, "")
    parts = []
    seen: set[str] = set()
    for i, raw in enumerate(check.need(data, "parts", list, "") or []):
        place = f"parts[{i}]"
        if not isinstance(raw, dict):
            check.problem(place, "is not a mapping", "give notebook, title, minutes, summary")
            continue
        check.unknown_keys(raw, _PART_FIELDS, place)
        notebook = check.need(raw, "notebook", str, place)
        minutes = check.need(raw, "minutes", int, place)
        if isinstance(minutes, int) and minutes <= 0:
            check.problem(f"{place}: minutes", f"is {minutes}", "give a positive number of minutes")
        exercises = check.need(raw, "exercises", list, place, required=False, default=[],
                               nonempty=False)
        if notebook:
            if notebook in seen:
                check.problem(f"{place}: notebook", f"'{notebook}' is listed twice",
                              "list each notebook once")
            seen.add(notebook)
            if not (root / "notebooks" / notebook).is_file():
                check.problem(f"{place}: notebook", f"notebooks/{notebook} does not exist",
                              "correct the file name or add the notebook")
        parts.append(CoursePart(
            notebook=notebook or "", title=check.need(raw, "title", str, place) or "",
            minutes=minutes or 0, summary=check.need(raw, "summary", str, place) or "",
            exercises=tuple(str(e) for e in exercises),
        ))
    check.raise_if_any()
    return Course(title=title, subtitle=subtitle, parts=tuple(parts), root=root)


def check_course_file(course: str | Path) -> list[Problem]:
    """Problems in ``course.yaml`` (for ``coursekit check``), unknown exercise ids included."""
    from ._validate import suggest
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
        without exercises, such as the start page).
    """
    from .exercises import exercise

    course = course or load_course()
    rows = []
    for part in course.parts:
        done = [exercise(e, course.root).progress(store) for e in part.exercises]
        rows.append({"notebook": part.notebook, "title": part.title, "minutes": part.minutes,
                     "exercises": len(done), "started": sum(p.started for p in done),
                     "complete": sum(p.complete for p in done),
                     "share": sum(p.share for p in done) / len(done) if done else float("nan")})
    return pd.DataFrame(rows)
