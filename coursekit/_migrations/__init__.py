"""SQL migrations of the learner store, applied in order by :mod:`coursekit.store`.

Each file ``NNNN_name.sql`` brings a store from schema ``NNNN - 1`` to ``NNNN`` (the
store's ``PRAGMA user_version``). Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from importlib import resources

from .._errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The schema migrations shipped with coursekit, as (version, name, sql), in order."""
    found = []
    for entry in resources.files(__name__).iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise StoreError(f"schema migration {name} is out of sequence "
                             f"(expected {expected:04d})")
    return found


def schema_version() -> int:
    """The schema version this coursekit writes."""
    return len(migrations())


def statements(sql: str) -> Iterator[str]:
    """Split a migration script into complete SQL statements."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
