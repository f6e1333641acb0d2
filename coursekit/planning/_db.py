"""What the plan's store functions share: checking the fields given, and saving them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from ..store import _now

#: The default of a field not given: the saved value is kept.
UNSET: Any = object()


def checked(checks: dict[str, Callable[[Any], Any]], **fields: Any) -> dict[str, Any]:
    """The fields given (not :data:`UNSET`), each passed through its check."""
    return {name: checks[name](value) for name, value in fields.items() if value is not UNSET}


def update(conn: sqlite3.Connection, table: str, fields: dict[str, Any], where: str,
           *params: Any) -> None:
    """Set ``fields`` (none: nothing) and ``updated_at`` in the rows ``where`` selects."""
    if fields:
        sets = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(f"UPDATE {table} SET {sets}, updated_at = ? WHERE {where}",
                     (*fields.values(), _now(), *params))
