"""Small helpers shared by the plan's store functions."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

#: Exercise ids of the plan's parts (course.yaml), used for progress.
PARTS = {"vision": "plan:vision", "goal": "plan:goal", "steps": "plan:steps",
         "networking": "plan:networking"}


def now() -> str:
    """The current time as ISO UTC text (as the store writes it)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def mark_progress(conn: sqlite3.Connection, part: str, items: int) -> None:
    """Record, in the same transaction as the edit, how many items a plan part holds.

    The start page counts saved entries per exercise id for its progress bars; the plan lives
    in its own tables, so each edit also keeps one small ``progress`` entry up to date. It
    holds a count only, never the learner's text.
    """
    exercise = PARTS[part]
    if items:
        conn.execute(
            "INSERT INTO entries (exercise, key, kind, value, updated_at) "
            "VALUES (?, 'progress', 'answer', ?, ?) ON CONFLICT (exercise, key) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at",
            (exercise, json.dumps({"items": items}), now()),
        )
    else:
        conn.execute("DELETE FROM entries WHERE exercise = ? AND key = 'progress'", (exercise,))
