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

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import AfterValidator, ValidationInfo, model_validator

from ._content import COURSE_MARKER, course_dir, load_yaml
from ._errors import ContentError, Problem
from ._problems import suggest
from ._schema import (
    ContentModel,
    NonEmpty,
    Note,
    NotInFile,
    Positive,
    Text,
    fail,
    report,
    unique,
    validate,
)
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


def _known_assignment(assignment_id: str) -> str:
    from .assignments.model import ASSIGNMENTS

    if assignment_id not in ASSIGNMENTS:
        fail(f"'{assignment_id}' is not an assignment between sessions"
             f"{suggest(assignment_id, list(ASSIGNMENTS))}", "use one of " + ", ".join(ASSIGNMENTS))
    return assignment_id


class Session(ContentModel):
    """A sitting: a class session, or an evening alone. Its last notebook closes it.

    ``assignments`` are set at its end, to do before the next session (their views are in
    its notebooks: ``ck.between_sessions(store, "energy-log")``).
    """

    title: Text
    notebooks: NonEmpty[Text]
    assignments: tuple[Annotated[Text, AfterValidator(_known_assignment)], ...] = ()


class Course(ContentModel):
    """The course plan: title, notebooks in order, and (optionally) the sessions they make."""

    title: Text
    subtitle: str = ""
    parts: Annotated[NonEmpty[CoursePart], unique("notebook", "notebook")]
    sessions: tuple[Session, ...] = ()
    root: Annotated[Path, NotInFile()] = Path()

    @model_validator(mode="after")
    def _sessions_use_parts(self) -> Course:
        listed = [p.notebook for p in self.parts]
        seen: dict[str, int] = {}
        notes = []
        for i, session in enumerate(self.sessions):
            for k, notebook in enumerate(session.notebooks):
                if notebook not in listed:
                    notes.append(Note(f"'{notebook}' is not a notebook of parts",
                                      "name a notebook listed under parts",
                                      ("sessions", i, "notebooks", k)))
                elif notebook in seen:
                    notes.append(Note(f"'{notebook}' is in session {seen[notebook] + 1} too",
                                      "put each notebook in one session",
                                      ("sessions", i, "notebooks", k)))
                seen.setdefault(notebook, i)
        report(notes)
        return self

    def session_of(self, notebook: str) -> int | None:
        """The number (from 1) of the session a notebook belongs to, or None."""
        return next((i for i, s in enumerate(self.sessions, start=1)
                     if notebook in s.notebooks), None)

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


def assignment_views(course: str | Path | None = None) -> dict[str, str]:
    """The notebook whose cell shows each assignment (``ck.between_sessions(store, ID)``)."""
    from .notebook_ids import _code_cells, id_uses, notebook_files

    root = Path(course) if course is not None else course_dir()
    found: dict[str, str] = {}
    for path in notebook_files(root):
        cells, _problem = _code_cells(path, path.name)
        for _number, source in cells:
            for use in id_uses(source):
                if use.kind == "assignment":
                    found.setdefault(use.value, path.name)
    return found


def assignment_sessions(course: Course | None = None) -> dict[str, tuple[int, str]]:
    """Where each assignment between sessions is set: (session number, the notebook).

    The notebook is the session's one whose cell shows the assignment (else its last).

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> where = assignment_sessions(load_course(packaged_course()))
    >>> where["energy-log"], where["prototype-conversations"]
    ((1, '01_the_first_step.ipynb'), (5, '05_your_report.ipynb'))
    """
    course = course or load_course()
    views = assignment_views(course.root)
    return {a: (i, views[a] if views.get(a) in s.notebooks else s.notebooks[-1])
            for i, s in enumerate(course.sessions, start=1) for a in s.assignments}


def check_course_file(course: str | Path) -> list[Problem]:
    """Problems in ``course.yaml`` (for ``coursekit check``), unknown exercise ids included."""
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


def entry_order(course: str | Path | None = None) -> Callable[[tuple], tuple]:
    """A sort key for saved entries ``(exercise, key)``, in the order the learner meets them.

    Exercises come in ``course.yaml``'s order (those it does not list after, by id), and an
    exercise's entries in the order it asks for them (:meth:`Exercise.entry_order`).

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> entries = [("between-sessions", "learned:experiment-1"),
    ...            ("case:the-career-impasse", "reflection:in-your-sleep"),
    ...            ("case:the-first-step", "reflection:your-first-step"),
    ...            ("case:the-first-step", "why:after-the-talk")]
    >>> [e[1].split(":")[1] for e in sorted(entries, key=entry_order(packaged_course()))]
    ['after-the-talk', 'your-first-step', 'in-your-sleep', 'experiment-1']
    """
    from .exercises import exercises

    plan = load_course(course)
    rank = {name: n for n, name in enumerate(e for part in plan.parts for e in part.exercises)}
    asked = {e.id: {key: n for n, key in enumerate(e.entry_order())}
             for e in exercises(plan.root)}

    def key(entry: tuple) -> tuple:  # (exercise, key, ...): a row may carry its value too
        exercise, name = entry[0], entry[1]
        keys = asked.get(exercise, {})
        return rank.get(exercise, len(rank)), exercise, keys.get(name, len(keys)), name

    return key


def saved_reflections(store: LearnerStore) -> list[tuple[str, str, str]]:
    """Every saved reflection as ``(exercise, key, JSON value)``, in the course's order."""
    return sorted(store.read("SELECT exercise, key, value FROM entries "
                             "WHERE kind = 'reflection'"), key=entry_order())


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
