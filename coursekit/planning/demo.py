"""The ``plan:`` section of a sample person: validated, then written into a (demo) store.

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
from collections.abc import Mapping
from typing import Any

from .._errors import InputError
from .._validate import FieldChecker
from ..store import LearnerStore
from .goal import add_skill, save_goal
from .model import (
    MAX_TEXT,
    MAX_TITLE,
    PATH_KINDS,
    RATINGS,
    STEP_KINDS,
    check_rating,
    check_text,
    parse_date,
)
from .steps import add_step, mark_done
from .vision import save_path

_PATH_FIELDS = {"title", "description", "questions", *RATINGS}
_GOAL_FIELDS = {"goal", "outcome", "target_date"}
_SKILL_FIELDS = {"skill", "evidence", "builder"}
_STEP_FIELDS = {"title", "kind", "due", "done", "first", "if", "then", "who", "why", "notes"}
_TOP = {"paths", "goal", "skills", "steps"}


def _date(value: Any, check: FieldChecker, place: str, today: dt.date) -> dt.date | None:
    """A date from YYYY-MM-DD, a YAML date, or '+N' days from today; problems recorded."""
    if isinstance(value, int) and not isinstance(value, bool):
        return today + dt.timedelta(days=value)
    if isinstance(value, str) and re.fullmatch(r"[+-]\d+", value.strip()):
        return today + dt.timedelta(days=int(value.strip()))
    try:
        return parse_date(value, place)
    except InputError:
        check.problem(place, f"'{value}' is not a date",
                      "write YYYY-MM-DD (e.g. 2025-10-01) or +N days from today (e.g. +14)")
        return None


def _text(data: Mapping, key: str, check: FieldChecker, place: str, *,
          required: bool = False, limit: int = MAX_TEXT) -> str:
    value = check.need(data, key, str, place, required=required, default="",
                       nonempty=required)
    if value and len(value) > limit:
        check.problem(f"{place}: {key}", f"is {len(value)} characters long",
                      f"shorten it to at most {limit} characters")
        return ""
    return value.strip() if value else ""


def check_plan_section(data: Any, file: str, today: dt.date | None = None) -> dict[str, Any]:
    """Validate a ``plan:`` section and return it cleaned (dates as ``date``).

    Raises
    ------
    ContentError
        Listing every problem with its place (``plan: steps[2]: due``) and fix.
    """
    today = today or dt.date.today()
    check = FieldChecker(file)
    if not isinstance(data, Mapping):
        check.problem("plan", "is not a set of 'field: value' lines",
                      "write plan: with paths, goal, skills and steps under it")
        check.raise_if_any()
    check.unknown_keys(data, _TOP, "plan")
    clean: dict[str, Any] = {"paths": {}, "goal": {}, "skills": [], "steps": []}

    paths = data.get("paths") or {}
    if not isinstance(paths, Mapping):
        check.problem("plan: paths", "is not a mapping",
                      "write current:, disappeared: and unconstrained: under paths")
        paths = {}
    for kind, fields in paths.items():
        place = f"plan: paths: {kind}"
        if kind not in PATH_KINDS:
            check.problem(place, "is not one of the three paths",
                          f"use {', '.join(PATH_KINDS)}")
            continue
        if not isinstance(fields, Mapping):
            check.problem(place, "is not a mapping", "write title:, description:, ratings")
            continue
        check.unknown_keys(fields, _PATH_FIELDS, place)
        row: dict[str, Any] = {k: _text(fields, k, check, place, limit=MAX_TITLE
                                         if k == "title" else MAX_TEXT)
                               for k in ("title", "description", "questions")}
        for name in RATINGS:
            if fields.get(name) is None:
                continue
            try:
                row[name] = check_rating(fields[name], name)
            except InputError:
                check.problem(f"{place}: {name}", f"{fields[name]!r} is not a rating 1-5",
                              "rate from 1 (low) to 5 (high)")
        clean["paths"][kind] = row

    goal = data.get("goal") or {}
    if not isinstance(goal, Mapping):
        check.problem("plan: goal", "is not a mapping", "write goal:, outcome:, target_date:")
        goal = {}
    check.unknown_keys(goal, _GOAL_FIELDS, "plan: goal")
    if goal:
        clean["goal"] = {"goal": _text(goal, "goal", check, "plan: goal", required=True),
                         "outcome": _text(goal, "outcome", check, "plan: goal")}
        if goal.get("target_date") is not None:
            clean["goal"]["target_date"] = _date(goal["target_date"], check,
                                                 "plan: goal: target_date", today)

    for i, skill in enumerate(data.get("skills") or []):
        place = f"plan: skills[{i}]"
        if not isinstance(skill, Mapping):
            check.problem(place, "is not a mapping", "write skill:, evidence:, builder:")
            continue
        check.unknown_keys(skill, _SKILL_FIELDS, place)
        clean["skills"].append({
            "skill": _text(skill, "skill", check, place, required=True, limit=MAX_TITLE),
            "evidence": _text(skill, "evidence", check, place),
            "builder": _text(skill, "builder", check, place)})

    firsts = 0
    for i, step in enumerate(data.get("steps") or []):
        place = f"plan: steps[{i}]"
        if not isinstance(step, Mapping):
            check.problem(place, "is not a mapping", "write title:, due:, kind: ...")
            continue
        check.unknown_keys(step, _STEP_FIELDS, place)
        kind = step.get("kind", "step")
        if kind not in STEP_KINDS:
            check.problem(f"{place}: kind", f"'{kind}' is not a kind of plan item",
                          f"use one of {', '.join(STEP_KINDS)}")
        for flag in ("done", "first"):
            if flag in step and not isinstance(step[flag], bool):
                check.problem(f"{place}: {flag}", "should be true or false",
                              f"write {flag}: true or {flag}: false")
        firsts += bool(step.get("first") is True)
        if kind == "networking" and not step.get("who"):
            check.problem(f"{place}: who", "is missing for a networking item",
                          "add who: a role or description, e.g. 'someone two levels above'")
        clean["steps"].append({
            "title": _text(step, "title", check, place, required=True, limit=MAX_TITLE),
            "kind": kind,
            "due": _date(step.get("due"), check, f"{place}: due", today)
            if step.get("due") is not None else None,
            "done": step.get("done") is True, "first": step.get("first") is True,
            **{k: _text(step, src, check, place) for k, src in (
                ("if_obstacle", "if"), ("then_response", "then"), ("who", "who"),
                ("why", "why"), ("notes", "notes"))}})
    if firsts > 1:
        check.problem("plan: steps", f"{firsts} steps are marked first: true",
                      "mark only one step as the first step")
    check.raise_if_any()
    return clean


def fill_plan(store: LearnerStore, data: Any, file: str) -> None:
    """Validate a sample person's ``plan:`` section and write it into ``store``.

    Raises
    ------
    ContentError
        The section is not valid; the message names the file, the place and the fix.
    """
    clean = check_plan_section(data, file)
    for kind, fields in clean["paths"].items():
        save_path(store, kind, **fields)
    if clean["goal"]:
        save_goal(store, **clean["goal"])
    for skill in clean["skills"]:
        add_skill(store, skill.pop("skill"), **skill)
    for item in clean["steps"]:
        done = item.pop("done")
        step = add_step(store, item.pop("title"), **item)
        if done:
            mark_done(store, step.id, on=min(step.due, dt.date.today()) if step.due else None)


# ``check_text`` is re-exported for loaders that validate single values the same way.
__all__ = ["check_plan_section", "check_text", "fill_plan"]
