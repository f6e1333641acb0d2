"""The check-in's part of the plan: recording the check-in itself, and the one next step.

A check-in is a plan item (kind ``check-in``, added in notebook 04). Recording the check-in
ticks off the earliest one still open, on today's date; a learner who added none gets one
dated today, already done, so the timeline shows it. The next step is a step like any
other (dated, with an if-then plan) added to the plan; the entry ``next-step`` under
:data:`~coursekit.checkin.predictions.EXERCISE` remembers which one it is.

Examples
--------
>>> from datetime import date
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> record_check_in(store, today=date(2030, 4, 1)).done_on
datetime.date(2030, 4, 1)
>>> step = add_next_step(store, "Ask Dana for the Lyon contact", due="2030-04-08",
...                      if_obstacle="Dana is away", then_response="email her deputy",
...                      today=date(2030, 4, 1))
>>> load_next_step(store).if_then
'If Dana is away, then I will email her deputy.'
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .._errors import InputError
from ..planning import add_step, get_step, list_steps, mark_done
from ..planning.model import Step, format_if_then, parse_date
from ..store import LearnerStore
from .predictions import EXERCISE

NEXT_STEP_KEY = "next-step"


def record_check_in(store: LearnerStore, *, today: date | None = None) -> Step:
    """Tick off the earliest open check-in on ``today`` (or add one, done, dated today)."""
    today = today or date.today()
    open_ones = [s for s in list_steps(store, "check-in") if not s.done]
    open_ones.sort(key=lambda s: (s.due is None, s.due or today, s.id))
    if open_ones:
        return mark_done(store, open_ones[0].id, on=today)
    added = add_step(store, "Check-in: look back and plan the next step", due=today,
                     kind="check-in",
                     notes="What did I do? What got in the way? What is next?")
    return mark_done(store, added.id, on=today)


def check_ins_done(store: LearnerStore) -> int:
    """How many check-ins are ticked off."""
    return sum(s.done for s in list_steps(store, "check-in"))


def add_next_step(store: LearnerStore, title: str, *, due: Any, if_obstacle: str,
                  then_response: str, today: date | None = None) -> Step:
    """Add the next step (dated, with its if-then plan) to the plan and remember it.

    Raises
    ------
    InputError
        No title, no date or a date already past, or an if-then plan missing a part.
        Nothing is added then.
    """
    today = today or date.today()
    day = parse_date(due, "date of the next step")
    if day is None:
        raise InputError("The next step has no date. Fix: choose the day you will do it.")
    if day < today:
        raise InputError(f"{day.isoformat()} is already past. Fix: choose today or a day "
                         f"after it.")
    if not format_if_then(if_obstacle, then_response):
        raise InputError("The if-then plan needs both parts. Fix: write what could get in "
                         "the way (If ...) and what you will do then (then I will ...).")
    step = add_step(store, title, due=day, if_obstacle=if_obstacle,
                    then_response=then_response)
    store.save(EXERCISE, NEXT_STEP_KEY, {"step": step.id, "added_on": today.isoformat()})
    return step


def load_next_step(store: LearnerStore) -> Step | None:
    """The next step added at the latest check-in (None: none, or it was removed since)."""
    saved = store.load(EXERCISE, NEXT_STEP_KEY)
    if not isinstance(saved, dict) or not isinstance(saved.get("step"), int):
        return None
    try:
        return get_step(store, saved["step"])
    except InputError:  # removed from the plan since: there is no next step any more
        return None


__all__ = ["NEXT_STEP_KEY", "add_next_step", "check_ins_done", "load_next_step",
           "record_check_in"]
