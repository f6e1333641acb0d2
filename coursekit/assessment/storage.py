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
from dataclasses import dataclass

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


def save_response(store: LearnerStore, instrument: Instrument, attempt_id: int, item_id: str,
                  value: int | None) -> None:
    """Save (or, with ``value=None``, clear) one answer, in its own transaction.

    Raises
    ------
    ValueError
        The item is not in the instrument, the answer is outside the response scale, or
        the attempt is not an attempt at this instrument. Nothing is saved then.
    """
    if value is not None:
        value = check_response_value(instrument, item_id, value)
    elif item_id not in instrument.item_ids:
        raise ValueError(f"'{item_id}' is not an item of {instrument.id}")
    with store.transaction() as conn:
        row = conn.execute("SELECT instrument FROM assessment_attempts WHERE attempt_id = ?",
                           (attempt_id,)).fetchone()
        if row is None or row[0] != instrument.id:
            raise ValueError(f"attempt {attempt_id} is not an attempt at {instrument.id}")
        if value is None:
            conn.execute("DELETE FROM assessment_responses WHERE attempt_id = ? AND item = ?",
                         (attempt_id, item_id))
        else:
            conn.execute(
                "INSERT INTO assessment_responses (attempt_id, item, value, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, item) DO UPDATE SET "
                "value = excluded.value, updated_at = excluded.updated_at",
                (attempt_id, item_id, value, _now()))


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
        "USING (attempt_id) WHERE a.attempt_id = ? AND a.instrument = ? ORDER BY r.item",
        (attempt_id, instrument_id))
    return {item: int(value) for item, value in rows}


def list_attempts(store: LearnerStore, instrument_id: str | None = None) -> list[Attempt]:
    """The learner's attempts, oldest first (of one instrument, or of all)."""
    rows = store.read(
        "SELECT a.attempt_id, a.instrument, ROW_NUMBER() OVER (PARTITION BY a.instrument "
        "ORDER BY a.attempt_id), a.started_at, a.finished_at, COUNT(r.item) "
        "FROM assessment_attempts a LEFT JOIN assessment_responses r USING (attempt_id) "
        "GROUP BY a.attempt_id ORDER BY a.attempt_id")
    return [Attempt(*row) for row in rows if instrument_id in (None, row[1])]
