"""The class store's tables (schema 2: hand-ins and the live class), for both backends."""

from __future__ import annotations

#: Schema version of the class store.
CLASS_SCHEMA_VERSION = 2

#: The tables, created if missing (SQLite and PostgreSQL alike).
CLASS_TABLES = [
    "CREATE TABLE IF NOT EXISTS class_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS handins (
        course TEXT NOT NULL, pseudonym TEXT NOT NULL, created_at TEXT NOT NULL,
        received_at TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (course, pseudonym))""",
    """CREATE TABLE IF NOT EXISTS class_rounds (
        course TEXT PRIMARY KEY, round INTEGER NOT NULL, started_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS votes (
        course TEXT NOT NULL, round INTEGER NOT NULL, point TEXT NOT NULL,
        pseudonym TEXT NOT NULL, choice TEXT NOT NULL, voted_at TEXT NOT NULL,
        PRIMARY KEY (course, round, point, pseudonym))""",
    """CREATE TABLE IF NOT EXISTS reveals (
        course TEXT NOT NULL, round INTEGER NOT NULL, point TEXT NOT NULL,
        revealed_at TEXT NOT NULL, PRIMARY KEY (course, round, point))""",
    """CREATE TABLE IF NOT EXISTS learners (
        login TEXT PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE)""",
]
