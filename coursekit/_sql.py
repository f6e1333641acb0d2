"""What the modules writing to the learner store share: the id of a row just inserted."""

from __future__ import annotations

import sqlite3

from ._errors import StoreError


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row that the ``INSERT`` just run on ``cursor`` added.

    sqlite3 sets ``lastrowid`` after every ``INSERT`` that adds a row; it is None only on a
    cursor that has run nothing, so a None here is a bug to report, never an id to keep.

    Examples
    --------
    >>> conn = sqlite3.connect(":memory:")
    >>> _ = conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)")
    >>> inserted_id(conn.execute("INSERT INTO t (x) VALUES ('a')"))
    1
    """
    row_id = cursor.lastrowid
    if row_id is None:
        raise StoreError("The database added no row where one was expected. Fix: report "
                         "this as a bug of coursekit; the store itself is unchanged.")
    return row_id
