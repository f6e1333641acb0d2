"""Steps, if-then plans and check-ins: the dated part of the plan.

A step can be added, edited, re-dated, marked done (and undone) and removed; each change is
its own transaction, so a plan survives a restart of the kernel at any moment. One step can
be marked as *the* first step. Each step can carry an if-then plan: the obstacle the learner
expects and their response, kept apart so it can be shown in the explicit form
"If <obstacle>, then I will <response>." (Gollwitzer and Sheeran 2006: d = .65 over 94 tests).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> s = add_step(store, "Ask Dana about the Lyon project", due="2030-03-02", first=True)
>>> s = set_if_then(store, s.id, "Dana is travelling", "send her a two-line email")
>>> s.if_then
'If Dana is travelling, then I will send her a two-line email.'
>>> mark_done(store, s.id).done
True
>>> redate_step(store, s.id, "2030-03-09").due
datetime.date(2030, 3, 9)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from .._errors import InputError
from .._sql import inserted_id
from ..store import LearnerStore, _now
from ._db import UNSET, checked, update
from .model import (
    MAX_TITLE,
    STEP_KINDS,
    Step,
    check_choice,
    check_text,
    iso_date,
    parse_date,
)

_COLUMNS = ("id, title, kind, due, done, done_on, if_obstacle, then_response, who, why, "
            "notes, is_first, uid")
_TEXTS = {"if_obstacle": "obstacle", "then_response": "response", "who": "who", "why": "why",
          "notes": "notes"}
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "title": lambda text: check_text(text, "step title", required=True, limit=MAX_TITLE),
    "kind": lambda kind: check_choice(kind, STEP_KINDS, "a kind of plan item"),
    "due": lambda day: iso_date(day, "due date"),
    **{name: partial(check_text, what=what) for name, what in _TEXTS.items()},
}


def _row_to_step(row: tuple) -> Step:
    sid, title, kind, due, done, done_on, obstacle, response, who, why, notes, first, uid = row
    return Step(sid, title, kind, parse_date(due), bool(done), parse_date(done_on), obstacle,
                response, who, why, notes, is_first=bool(first), uid=uid)


def list_steps(store: LearnerStore, kind: str | None = None) -> list[Step]:
    """The plan's items (optionally of one kind) in the order they were added."""
    params = () if kind is None else (_CHECKS["kind"](kind),)
    where = " WHERE kind = ?" if params else ""
    rows = store.read(f"SELECT {_COLUMNS} FROM plan_steps{where} ORDER BY position, id", params)
    return [_row_to_step(row) for row in rows]


def get_step(store: LearnerStore, step_id: int) -> Step:
    """One item by id.

    Raises
    ------
    InputError
        No item has that id (it may have been removed).
    """
    rows = store.read(f"SELECT {_COLUMNS} FROM plan_steps WHERE id = ?", (step_id,))
    if not rows:
        raise InputError(f"There is no plan item {step_id} (it may have been removed). "
                         f"Fix: use an id from list_steps(store).")
    return _row_to_step(rows[0])


def add_step(store: LearnerStore, title: str, *, due: Any = None, kind: str = "step",
             if_obstacle: str = "", then_response: str = "", who: str = "", why: str = "",
             notes: str = "", first: bool = False) -> Step:
    """Add a step, check-in or networking item and return it.

    Parameters
    ----------
    title : str
        What you will do, in a few words ("Lunch with a former classmate in logistics").
    due : date or "YYYY-MM-DD", optional
        When. Dated items go on the timeline and into the calendar file.
    kind : {"step", "check-in", "networking"}
    if_obstacle, then_response : str
        The if-then plan: the obstacle you expect and what you will do then.
    who, why : str
        For networking: whom to reach (a role or description) and what for.
    first : bool
        Make this *the* first step (any other first step loses the mark).

    Raises
    ------
    InputError
        An empty title, a date not in the form YYYY-MM-DD, an unknown kind.
    """
    fields = step_fields(title, due=due, kind=kind, if_obstacle=if_obstacle,
                         then_response=then_response, who=who, why=why, notes=notes)
    return add_steps(store, [fields], first=first)[0]


def step_fields(title: str, *, due: Any = None, kind: str = "step", if_obstacle: str = "",
                then_response: str = "", who: str = "", why: str = "",
                notes: str = "") -> dict[str, Any]:
    """The checked columns of a new plan item (see :func:`add_step` for each field)."""
    return checked(_CHECKS, title=title, kind=kind, due=due, if_obstacle=if_obstacle,
                   then_response=then_response, who=who, why=why, notes=notes)


def add_steps(store: LearnerStore, items: list[dict[str, Any]], *, first: bool = False,
              unless_same: tuple[str, ...] = ()) -> list[Step]:
    """Add plan items (from :func:`step_fields`) in one transaction; return those added.

    ``unless_same`` names columns (e.g. ``("kind", "due")``): an item whose values there
    match an item already in the plan is skipped. The test and the insert share one write
    transaction, so two notebooks adding at once cannot add the same item twice.
    """
    stamp = _now()
    added: list[int] = []
    with store.transaction() as conn:
        for fields in items:
            if unless_same:
                where = " AND ".join(f"{name} IS ?" for name in unless_same)
                if conn.execute(f"SELECT 1 FROM plan_steps WHERE {where}",
                                tuple(fields[name] for name in unless_same)).fetchone():
                    continue
            # The next position is read inside the write transaction: no other writer
            # can take it between the read and the insert.
            position = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 "
                                    "FROM plan_steps").fetchone()[0]
            if first:
                conn.execute("UPDATE plan_steps SET is_first = 0 WHERE is_first = 1")
            names = ", ".join(fields)
            marks = ", ".join("?" * len(fields))
            cur = conn.execute(
                f"INSERT INTO plan_steps ({names}, uid, is_first, position, created_at, "
                f"updated_at) VALUES ({marks}, ?, ?, ?, ?, ?)",
                (*fields.values(), f"{uuid.uuid4()}@coursekit", int(bool(first)), position,
                 stamp, stamp),
            )
            added.append(inserted_id(cur))
    return [get_step(store, step_id) for step_id in added]


def update_step(store: LearnerStore, step_id: int, *, title: str = UNSET, due: Any = UNSET,
                kind: str = UNSET, if_obstacle: str = UNSET, then_response: str = UNSET,
                who: str = UNSET, why: str = UNSET, notes: str = UNSET) -> Step:
    """Edit some fields of an item (the others are kept), in one transaction."""
    get_step(store, step_id)
    clean = checked(_CHECKS, title=title, due=due, kind=kind, if_obstacle=if_obstacle,
                    then_response=then_response, who=who, why=why, notes=notes)
    with store.transaction() as conn:
        update(conn, "plan_steps", clean, "id = ?", step_id)
    return get_step(store, step_id)


def redate_step(store: LearnerStore, step_id: int, due: Any) -> Step:
    """Move an item to another date (None or "" removes the date)."""
    return update_step(store, step_id, due=due)


def mark_done(store: LearnerStore, step_id: int, done: bool = True, *,
              on: Any = None) -> Step:
    """Tick an item off (or, with ``done=False``, open it again); ``on`` defaults to today."""
    get_step(store, step_id)
    day = parse_date(on, "done date") or date.today()
    with store.transaction() as conn:
        update(conn, "plan_steps", {"done": int(bool(done)),
                                    "done_on": day.isoformat() if done else None},
               "id = ?", step_id)
    return get_step(store, step_id)


def set_first_step(store: LearnerStore, step_id: int) -> Step:
    """Make this step *the* first step (only one item carries the mark)."""
    get_step(store, step_id)
    with store.transaction() as conn:
        conn.execute("UPDATE plan_steps SET is_first = (id = ?), updated_at = ? "
                     "WHERE is_first = 1 OR id = ?", (step_id, _now(), step_id))
    return get_step(store, step_id)


def set_if_then(store: LearnerStore, step_id: int, obstacle: str, response: str) -> Step:
    """Give a step its if-then plan: the obstacle you expect and what you will do then."""
    return update_step(store, step_id, if_obstacle=obstacle, then_response=response)


def remove_step(store: LearnerStore, step_id: int) -> None:
    """Remove an item from the plan."""
    get_step(store, step_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM plan_steps WHERE id = ?", (step_id,))


def add_check_ins(store: LearnerStore, start: Any = None, *, every_weeks: int = 4,
                  count: int = 3) -> list[Step]:
    """Add ``count`` check-ins, one every ``every_weeks`` weeks after ``start`` (today).

    Check-ins are dates to look back: what did I do, what got in the way, what next?
    Dates that already hold a check-in are skipped, so calling this twice adds no copies.
    """
    if not isinstance(every_weeks, int) or not 1 <= every_weeks <= 52:
        raise InputError(f"every_weeks={every_weeks!r} is out of range. "
                         f"Fix: use a whole number of weeks from 1 to 52.")
    if not isinstance(count, int) or not 1 <= count <= 24:
        raise InputError(f"count={count!r} is out of range. Fix: use 1 to 24 check-ins.")
    first = parse_date(start, "start date") or date.today()
    items = [step_fields(f"Check-in {i}: look back and plan the next step",
                         due=first + timedelta(weeks=every_weeks * i), kind="check-in",
                         notes="What did I do? What got in the way? What is next?")
             for i in range(1, count + 1)]
    return add_steps(store, items, unless_same=("kind", "due"))
