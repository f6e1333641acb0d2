"""``coursekit check``: validate every content file of a course folder.

Each exercise (or family of exercises) checks its own content files
(:meth:`coursekit.exercises.Exercise.check`); a check never raises for a bad file: it
reports it and goes on to the next one.
"""

from __future__ import annotations

from pathlib import Path

from ._errors import ContentError, Problem


def check_course(course: str | Path) -> list[Problem]:
    """Every problem in the course's content files (empty when all is valid).

    The course plan (``course.yaml``: every exercise it names must exist) and the sample
    people first, then each entry of :data:`coursekit.exercises.EXERCISES` checks its own
    content (the cases, the questionnaires, the sample networks...), and last the notebooks:
    every id a notebook gives the notebook API must exist
    (:func:`coursekit.notebook_ids.check_notebooks`).

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> check_course(packaged_course())
    []
    """
    from .course import check_course_file
    from .demo import check_sample_people
    from .exercises import EXERCISES
    from .notebook_ids import check_notebooks

    course = Path(course)
    if not (course / "course.yaml").is_file():
        return [Problem(str(course), "", "is not a course folder (no course.yaml)",
                        "run 'coursekit init DIR' to make one, or pass the course folder")]
    problems = check_course_file(course) + check_sample_people(course)
    for entry in EXERCISES:
        problems.extend(entry.check(course))
    return problems + check_notebooks(course)


def collect_problems(paths, loader) -> list[Problem]:
    """Run ``loader`` on each path and gather the problems it raises."""
    problems: list[Problem] = []
    for path in paths:
        try:
            loader(path)
        except ContentError as exc:
            problems.extend(exc.problems)
    return problems
