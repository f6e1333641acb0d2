"""Saving questionnaire answers in the learner store, one answer per transaction.

Tables (migration ``0002_assessment.sql``): ``assessment_attempts`` (one row per sitting
of an instrument) and ``assessment_responses`` (one row per answered item of an attempt).
Every answer is saved in its own transaction, so a kernel that dies loses at most the
answer being saved. Retaking an instrument starts a new attempt; earlier attempts are kept
for the before/after comparison.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assessment import load_instrument
>>> store = LearnerStore(":memory:")
>>> inst = load_instrument("career-drivers")
>>> attempt = current_attempt(store, inst.id)
>>> save_response(store, inst, attempt, "cd01", 4)
>>> load_responses(store, inst.id)
{'cd01': 4}
>>> [a.number for a in list_attempts(store, inst.id)]
[1]
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from .._sql import inserted_id
from ..store import LearnerStore, _now
from .instruments import check_response_value
from .model import Instrument


@dataclass(frozen=True)
class Attempt:
    """One sitting of an instrument: ``number`` counts the learner's attempts from 1."""

    id: int
    instrument: str
    number: int
    started_at: str
    finished_at: str | None
    answered: int


def _start(conn: sqlite3.Connection, instrument_id: str) -> int:
    return inserted_id(conn.execute("INSERT INTO assessment_attempts (instrument, started_at) "
                                    "VALUES (?, ?)", (instrument_id, _now())))


def start_attempt(store: LearnerStore, instrument_id: str) -> int:
    """Start a new attempt at an instrument and return its id."""
    with store.transaction() as conn:
        return _start(conn, instrument_id)


def latest_attempt(store: LearnerStore, instrument_id: str) -> int | None:
    """The id of the learner's latest attempt at an instrument, or None."""
    rows = store.read("SELECT MAX(attempt_id) FROM assessment_attempts WHERE instrument = ?",
                      (instrument_id,))
    return rows[0][0]


def latest_answered_attempt(store: LearnerStore, instrument_id: str) -> int | None:
    """The id of the latest attempt with at least one answer, or None.

    A retake just started and still empty does not hide the attempt before it.
    """
    rows = store.read(
        "SELECT MAX(a.attempt_id) FROM assessment_attempts a WHERE a.instrument = ? AND "
        "EXISTS (SELECT 1 FROM assessment_responses r WHERE r.attempt_id = a.attempt_id)",
        (instrument_id,))
    return rows[0][0]


def current_attempt(store: LearnerStore, instrument_id: str) -> int:
    """The attempt to continue: the latest one, or a new one when there is none.

    The look-up and the insert share one write transaction, so two notebooks opening the
    same questionnaire at once continue the same attempt instead of starting two.
    """
    with store.transaction() as conn:
        found = conn.execute("SELECT MAX(attempt_id) FROM assessment_attempts "
                             "WHERE instrument = ?", (instrument_id,)).fetchone()[0]
        return _start(conn, instrument_id) if found is None else int(found)


#: The answer "does not apply to me" (stored as a NULL value).
NOT_APPLICABLE: Literal["n/a"] = "n/a"


def _check_attempt(conn: sqlite3.Connection, instrument: Instrument, attempt_id: int) -> None:
    row = conn.execute("SELECT instrument FROM assessment_attempts WHERE attempt_id = ?",
                       (attempt_id,)).fetchone()
    if row is None or row[0] != instrument.id:
        raise ValueError(f"attempt {attempt_id} is not an attempt at {instrument.id}")


def save_response(store: LearnerStore, instrument: Instrument, attempt_id: int, item_id: str,
                  value: int | Literal["n/a"] | None) -> None:
    """Save (or, with ``value=None``, clear) one answer, in its own transaction.

    ``value=NOT_APPLICABLE`` records "does not apply to me", for items that allow it.

    Raises
    ------
    ValueError
        The item is not in the instrument, the answer is outside the response scale (or
        "does not apply" for an item that always applies), or the attempt is not an
        attempt at this instrument. Nothing is saved then.
    """
    if item_id not in instrument.item_ids:
        raise ValueError(f"'{item_id}' is not an item of {instrument.id}")
    if value == NOT_APPLICABLE:
        if not instrument.item(item_id).may_not_apply:
            rs = instrument.response_scale
            raise ValueError(f"statement {item_id} cannot be answered 'does not apply': "
                             f"answer it from {rs.min} to {rs.max}, or leave it empty")
    elif value is not None:
        value = check_response_value(instrument, item_id, value)
    with store.transaction() as conn:
        _check_attempt(conn, instrument, attempt_id)
        if value is None:
            conn.execute("DELETE FROM assessment_responses WHERE attempt_id = ? AND item = ?",
                         (attempt_id, item_id))
        else:
            conn.execute(
                "INSERT INTO assessment_responses (attempt_id, item, value, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, item) DO UPDATE SET "
                "value = excluded.value, updated_at = excluded.updated_at",
                (attempt_id, item_id, None if value == NOT_APPLICABLE else value, _now()))


def save_branch(store: LearnerStore, instrument: Instrument, attempt_id: int,
                branch: str | None) -> None:
    """Record the situation an attempt answers for (one of the instrument's branch options)."""
    options = [o.id for o in instrument.branch.options] if instrument.branch else []
    if branch is not None and branch not in options:
        raise ValueError(f"'{branch}' is not a choice of {instrument.id}"
                         + (f"; choose one of {', '.join(options)}" if options else
                            ": it has no branch question"))
    with store.transaction() as conn:
        _check_attempt(conn, instrument, attempt_id)
        conn.execute("UPDATE assessment_attempts SET branch = ? WHERE attempt_id = ?",
                     (branch, attempt_id))


def finish_attempt(store: LearnerStore, attempt_id: int) -> None:
    """Mark an attempt finished (the first time the learner asks for results)."""
    with store.transaction() as conn:
        conn.execute("UPDATE assessment_attempts SET finished_at = ? "
                     "WHERE attempt_id = ? AND finished_at IS NULL", (_now(), attempt_id))


def load_responses(store: LearnerStore, instrument_id: str,
                   attempt_id: int | None = None) -> dict[str, int]:
    """The answers of an attempt (default: the latest) as ``{item id: answer}``.

    Empty when there is no attempt yet.
    """
    if attempt_id is None:
        attempt_id = latest_attempt(store, instrument_id)
        if attempt_id is None:
            return {}
    rows = store.read(
        "SELECT r.item, r.value FROM assessment_responses r JOIN assessment_attempts a "
        "USING (attempt_id) WHERE a.attempt_id = ? AND a.instrument = ? AND r.value IS NOT "
        "NULL ORDER BY r.item", (attempt_id, instrument_id))
    return {item: int(value) for item, value in rows}


@dataclass(frozen=True)
class Answers:
    """An attempt's answers as the instrument stands now (retired items left out)."""

    values: dict[str, int] = field(default_factory=dict)
    not_applicable: frozenset[str] = frozenset()
    branch: str | None = None

    def scores(self, instrument: Instrument) -> pd.DataFrame:
        """The attempt's results (:func:`~coursekit.assessment.scoring.score_responses`)."""
        from .scoring import score_responses

        return score_responses(instrument, self.values, not_applicable=self.not_applicable,
                               branch=self.branch)


def load_answers(store: LearnerStore, instrument: Instrument,
                 attempt_id: int | None = None) -> Answers:
    """An attempt's answers (default: the latest), its "does not apply" items and branch.

    Answers to items no longer in the instrument (an edited course) are left out, and a
    branch no longer offered counts as not chosen, so they never break the scoring.
    """
    if attempt_id is None:
        attempt_id = latest_attempt(store, instrument.id)
        if attempt_id is None:
            return Answers()
    known = set(instrument.item_ids)
    rows = store.read(
        "SELECT r.item, r.value FROM assessment_responses r JOIN assessment_attempts a "
        "USING (attempt_id) WHERE a.attempt_id = ? AND a.instrument = ?",
        (attempt_id, instrument.id))
    branch = store.read("SELECT branch FROM assessment_attempts WHERE attempt_id = ?",
                        (attempt_id,))
    options = {o.id for o in instrument.branch.options} if instrument.branch else set()
    chosen = branch[0][0] if branch and branch[0][0] in options else None
    return Answers({i: int(v) for i, v in rows if i in known and v is not None},
                   frozenset(i for i, v in rows if i in known and v is None), chosen)


def list_attempts(store: LearnerStore, instrument_id: str | None = None) -> list[Attempt]:
    """The learner's attempts, oldest first (of one instrument, or of all)."""
    rows = store.read(
        "SELECT a.attempt_id, a.instrument, ROW_NUMBER() OVER (PARTITION BY a.instrument "
        "ORDER BY a.attempt_id), a.started_at, a.finished_at, COUNT(r.item) "
        "FROM assessment_attempts a LEFT JOIN assessment_responses r USING (attempt_id) "
        "GROUP BY a.attempt_id ORDER BY a.attempt_id")
    return [Attempt(*row) for row in rows if instrument_id in (None, row[1])]


def save_kept(store: LearnerStore, instrument: Instrument, scale_id: str | None) -> None:
    """Save the one scale the learner would keep (the instrument's ``keep_one``); None clears."""
    if scale_id is None:
        store.delete(instrument.exercise, "keep")
        return
    instrument.scale(scale_id)  # KeyError naming the scales if it is not one
    store.save(instrument.exercise, "keep", scale_id, kind="answer")


def load_kept(store: LearnerStore, instrument: Instrument) -> str | None:
    """The scale the learner would keep, if chosen and still a scale of the instrument."""
    kept = store.load(instrument.exercise, "keep")
    return kept if kept in instrument.scale_ids else None
