"""A plan item's history: every date it was moved to, and when it was ticked off or reopened.

The store keeps the history itself (triggers of migration ``0008_check_in.sql`` write a row
of ``plan_step_history`` whenever an item's date or its done mark changes, whatever code
changes it), so re-dating a step at a check-in never loses the date it was first planned
for. This module reads that history and tells it in words.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_step, mark_done, redate_step
>>> store = LearnerStore(":memory:")
>>> s = add_step(store, "Email Lena", due="2030-03-02")
>>> s = redate_step(store, s.id, "2030-03-09")
>>> s = mark_done(store, s.id, on="2030-03-08")
>>> [(c.change, c.old, c.new) for c in step_history(store)[s.id]]
[('redated', '2030-03-02', '2030-03-09'), ('done', None, '2030-03-08')]
>>> history_words(s, step_history(store)[s.id])
'planned for 2 Mar 2030; moved to 9 Mar 2030; done on 8 Mar 2030'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..store import LearnerStore
from .model import Step


@dataclass(frozen=True)
class StepChange:
    """One change of a plan item: ``redated`` (old and new date), ``done`` or ``reopened``."""

    step_id: int
    change: str
    old: str | None
    new: str | None
    changed_at: str

    @property
    def changed_on(self) -> date:
        """The day the change was made."""
        return datetime.fromisoformat(self.changed_at).date()


def step_history(store: LearnerStore, step_id: int | None = None) -> dict[int, list[StepChange]]:
    """Every item's changes, oldest first, by item id (of one item when ``step_id`` is given)."""
    where, params = ("WHERE step_id = ?", (step_id,)) if step_id is not None else ("", ())
    rows = store.read("SELECT step_id, change, old_value, new_value, changed_at "
                      f"FROM plan_step_history {where} ORDER BY step_id, id", params)
    found: dict[int, list[StepChange]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(StepChange(*row))
    return found


def day_words(day: date | str | None) -> str:
    """A date as a person reads it: ``9 Mar 2030`` ("no date" for none).

    Examples
    --------
    >>> day_words("2030-03-09"), day_words(None)
    ('9 Mar 2030', 'no date')
    """
    if day is None:
        return "no date"
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.day} {day:%b %Y}"


def first_planned(step: Step, changes: Iterable[StepChange]) -> date | None:
    """The date the item was first planned for (before any move)."""
    moves = [c for c in changes if c.change == "redated"]
    if not moves:
        return step.due
    return date.fromisoformat(moves[0].old) if moves[0].old else None


def times_moved(changes: Iterable[StepChange]) -> int:
    """How many times the item was moved to another date (or its date removed)."""
    return sum(c.change == "redated" for c in changes)


def history_words(step: Step, changes: list[StepChange]) -> str:
    """The item's story in one line: planned for, each move, done or reopened."""
    parts = []
    first = first_planned(step, changes)
    parts.append(f"planned for {day_words(first)}" if first else "planned without a date")
    for change in changes:
        if change.change == "redated":
            parts.append(f"moved to {day_words(change.new)}" if change.new
                         else "date removed")
        elif change.change == "done":
            parts.append(f"done on {day_words(change.new)}" if change.new else "done")
        else:
            parts.append("opened again")
    return "; ".join(parts)


__all__ = ["StepChange", "day_words", "first_planned", "history_words", "step_history",
           "times_moved"]
