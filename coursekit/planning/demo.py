"""The ``plan:`` section of a sample person, validated (the plan exercises write it).

Format (every part optional)::

    plan:
      paths:
        current: {title: ..., description: ..., questions: ..., resources: 3, liking: 2,
                  confidence: 4, coherence: 3}
        disappeared: {...}
        unconstrained: {...}
      goal: {goal: ..., outcome: ..., target_date: 2026-09-01}
      skills:
        - {skill: ..., evidence: ..., builder: ...}
      steps:            # kind: step (default), check-in or networking
        - {title: ..., due: 2025-10-01, first: true, done: false,
           if: "the obstacle", then: "my response", who: ..., why: ..., notes: ...}

Dates may be written as ``YYYY-MM-DD`` or as ``+N`` days from today (``due: +14``), so a
demo plan always lies in the coming months whenever the course is taught.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from .._errors import InputError
from .._problems import Places
from .._schema import ContentModel, Flag, fail, validate
from .model import MAX_TEXT, MAX_TITLE, PathKind, StepKind, check_rating, parse_date


def _day(value: Any, info: ValidationInfo) -> dt.date | None:
    """A date from YYYY-MM-DD, a YAML date, or '+N' days from today."""
    today = (info.context or {}).get("today") or dt.date.today()
    if isinstance(value, int) and not isinstance(value, bool):
        return today + dt.timedelta(days=value)
    if isinstance(value, str) and re.fullmatch(r"[+-]\d+", value.strip()):
        return today + dt.timedelta(days=int(value.strip()))
    try:
        return parse_date(value)
    except InputError:
        fail(f"'{value}' is not a date",
             "write YYYY-MM-DD (e.g. 2025-10-01) or +N days from today (e.g. +14)")


def _rating(value: Any, info: ValidationInfo) -> int | None:
    try:
        return check_rating(value, info.field_name or "")
    except InputError:
        fail(f"{value!r} is not a rating 1-5", "rate from 1 (low) to 5 (high)")


Day = Annotated[dt.date | None, BeforeValidator(_day)]
Rating = Annotated[int | None, BeforeValidator(_rating)]
Title = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=MAX_TITLE)]
Words = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=MAX_TEXT)]
Needed = StringConstraints(min_length=1)


class VisionPathEntry(ContentModel):
    """One of the three paths: what it is and how the learner rates it."""

    title: Title = ""
    description: Words = ""
    questions: Words = ""
    resources: Rating = None
    liking: Rating = None
    confidence: Rating = None
    coherence: Rating = None


class GoalEntry(ContentModel):
    """The goal, the outcome that shows it is reached, and when."""

    goal: Annotated[Words, Needed]
    outcome: Words = ""
    target_date: Day = None
    kind: Literal["result", "learning"] | None = None


class SkillEntry(ContentModel):
    """A skill or experience the goal needs, the evidence, and what would build it."""

    skill: Annotated[Title, Needed]
    evidence: Words = ""
    builder: Words = ""


class StepEntry(ContentModel):
    """A step, check-in or networking item of the plan."""

    title: Annotated[Title, Needed]
    kind: StepKind = "step"
    due: Day = None
    done: Flag = False
    first: Flag = False
    if_obstacle: Words = Field("", alias="if")
    then_response: Words = Field("", alias="then")
    who: Words = ""
    why: Words = ""
    notes: Words = ""

    @model_validator(mode="after")
    def _networking_names_someone(self) -> StepEntry:
        if self.kind == "networking" and not self.who:
            fail("is missing for a networking item",
                 "add who: a role or description, e.g. 'someone two levels above'", "who")
        return self


def _one_first(steps: tuple[StepEntry, ...]) -> tuple[StepEntry, ...]:
    firsts = sum(step.first for step in steps)
    if firsts > 1:
        fail(f"{firsts} steps are marked first: true", "mark only one step as the first step")
    return steps


class PlanSection(ContentModel):
    """A sample person's ``plan:`` section (see the module docstring)."""

    paths: dict[PathKind, VisionPathEntry] = {}
    goal: GoalEntry | None = None
    skills: tuple[SkillEntry, ...] = ()
    steps: Annotated[tuple[StepEntry, ...], AfterValidator(_one_first)] = ()


def check_plan_section(data: Any, file: str, today: dt.date | None = None) -> dict[str, Any]:
    """Validate a ``plan:`` section and return it cleaned (dates as ``date``).

    Raises
    ------
    ContentError
        Listing every problem with its place (``plan: steps[2]: due``) and fix.
    """
    plan = validate(PlanSection, data, file, places=Places(prefix=("plan",)),
                    context={"today": today})
    return {"paths": {kind: path.model_dump(exclude_none=True)
                      for kind, path in plan.paths.items()},
            "goal": plan.goal.model_dump(exclude_none=True) if plan.goal else {},
            "skills": [skill.model_dump() for skill in plan.skills],
            "steps": [step.model_dump() for step in plan.steps]}
