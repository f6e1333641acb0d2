"""The course's exercises: one object each, in one list that everything else loops over.

Progress (the start page), demo mode, ``coursekit check``, the hand-in, the report and the
class dashboard all iterate over :data:`EXERCISES`; none keeps a list of its own. An entry
is an :class:`Exercise` or an :class:`ExerciseFamily` that makes one exercise per content
file (a case, a questionnaire). To add an exercise, write it in its own module (see
:mod:`coursekit.exercises._base`) and add it here.

Examples
--------
>>> [e.id for e in exercises()][:3]
['case:the-career-impasse', 'case:the-first-step', 'assessment:career-adaptability']
>>> exercise("network").title
'Map your network'
"""

from __future__ import annotations

from pathlib import Path

from .._errors import NotFoundError
from ._base import Exercise, ExerciseFamily, Panel, Progress, ReportPart
from .between_sessions import BetweenSessionsExercise
from .case import CaseExercise, Cases
from .check_in import CheckInExercise
from .goal import GoalExercise
from .handin import HandinExercise
from .network import NetworkExercise
from .networking import NetworkingExercise
from .questionnaire import QuestionnaireExercise, Questionnaires
from .report import ReportExercise
from .steps import StepsExercise
from .vision import VisionExercise

#: Every exercise of the course, in the order a learner meets them.
EXERCISES: list[Exercise | ExerciseFamily] = [
    Cases(),
    Questionnaires(),
    NetworkExercise(),
    VisionExercise(),
    GoalExercise(),
    StepsExercise(),
    NetworkingExercise(),
    BetweenSessionsExercise(),
    CheckInExercise(),
    ReportExercise(),
    HandinExercise(),
]


def exercises(course: str | Path | None = None) -> list[Exercise]:
    """The course's exercises, families expanded (one per case, one per questionnaire)."""
    found: list[Exercise] = []
    for entry in EXERCISES:
        if isinstance(entry, ExerciseFamily):
            found.extend(entry.expand(Path(course) if course is not None else None))
        else:
            found.append(entry)
    return found


def exercise(exercise_id: str, course: str | Path | None = None) -> Exercise:
    """The exercise with this id.

    Raises
    ------
    NotFoundError
        No exercise has that id; the fix names those that exist.
    """
    every = exercises(course)
    for found in every:
        if found.id == exercise_id:
            return found
    raise NotFoundError("exercise", exercise_id, [e.id for e in every])


__all__ = ["EXERCISES", "CaseExercise", "Exercise", "ExerciseFamily", "Panel", "Progress",
           "QuestionnaireExercise", "ReportPart", "exercise", "exercises"]
