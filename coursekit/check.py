"""``coursekit check``: validate every content file of a course folder.

Each kind of content has a checker ``f(course_dir) -> list[Problem]`` that loads every file
of its kind and returns the problems found (an empty list when all is valid). A checker
never raises for a bad file: it reports it and goes on to the next one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ._errors import ContentError, Problem

#: Checkers by content kind, as ``module:function``, run in this order.
CHECKERS: list[tuple[str, str]] = [
    ("course plan", "coursekit.course:check_course_file"),
    ("cases", "coursekit.cases:check_cases"),
    ("sample people", "coursekit.demo:check_sample_people"),
    ("instruments", "coursekit.assessment.instruments:check_instruments"),
    ("sample networks", "coursekit.network.samples:check_sample_networks"),
]


def check_course(course: str | Path) -> list[Problem]:
    """Every problem in the course's content files (empty when all is valid).

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> check_course(packaged_course())
    []
    """
    course = Path(course)
    problems: list[Problem] = []
    if not (course / "course.yaml").is_file():
        return [Problem(str(course), "", "is not a course folder (no course.yaml)",
                        "run 'coursekit init DIR' to make one, or pass the course folder")]
    for _kind, target in CHECKERS:
        module, func = target.split(":")
        problems.extend(getattr(importlib.import_module(module), func)(course))
    return problems


def collect_problems(paths, loader) -> list[Problem]:
    """Run ``loader`` on each path and gather the problems it raises."""
    problems: list[Problem] = []
    for path in paths:
        try:
            loader(path)
        except ContentError as exc:
            problems.extend(exc.problems)
    return problems
