"""The class store: the class's hand-ins in one database, SQLite or PostgreSQL.

SQLite serves one machine, PostgreSQL a JupyterHub where many learners submit at once; the
store is named by a URL, given or in ``COURSEKIT_CLASS_DB`` (its forms: docs/jupyterhub.md).
One row per (course, pseudonym): the latest hand-in by ``created_at`` wins, an older or
equally old one is kept out. Both backends store the same cleaned JSON text.

Schema 2 adds the live class (:mod:`coursekit.classroom.live`): ``votes`` (an option id per
learner and decision point), ``reveals`` and ``class_rounds`` (the instructor's), and
``learners`` (which database login holds which pseudonym, for PostgreSQL's row-level
security: :mod:`coursekit.classroom.roles`). A connection that may not create tables (a
learner's or the instructor's role) uses the tables ``coursekit class-db init`` made.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from pydantic import TypeAdapter

from .._errors import StoreError
from ._class_schema import CLASS_SCHEMA_VERSION, CLASS_TABLES
from .handin_format import now_utc, validate_handin

if TYPE_CHECKING:
    import psycopg  # the PostgreSQL backend's (an optional dependency: coursekit[hub])

#: Environment variable naming the class database (a URL).
CLASS_DB_ENV = "COURSEKIT_CLASS_DB"

#: A clean hand-in as the JSON text stored (compact, in the order of the clean hand-in):
#: pydantic's compiled encoder, three times as fast as ``json.dumps`` for a hand-in.
_BODY: TypeAdapter[Mapping[str, Any]] = TypeAdapter(Mapping[str, Any])


class StoredRow(NamedTuple):
    """A validated hand-in as the class store keeps it: its key, version and JSON text."""

    course: str
    pseudonym: str
    created_at: str
    version: int
    body: str


def stored_row(handin: Mapping[str, Any]) -> StoredRow:
    """The row of a hand-in already validated (:func:`~.handin_format.validate_handin`)."""
    return StoredRow(handin["course"], handin["pseudonym"], handin["created_at"],
                     handin["version"], _BODY.dump_json(handin).decode("utf-8"))


#: What :meth:`ClassStore.add_many` reports for each hand-in.
ADDED, REPLACED, KEPT_NEWER = "added", "replaced", "kept newer"


def redact(url: str) -> str:
    """A database URL without its password, for messages.

    >>> redact("postgresql://teach:s3cret@db.example.org/class")
    'postgresql://teach:***@db.example.org/class'
    >>> redact("host=/tmp password=s3cret dbname=x")
    'host=/tmp password=*** dbname=x'
    """
    url = re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password=)\S+", r"\1***", url)


def _of_course(course: str | None) -> tuple[str, tuple]:
    return (" WHERE course = ?", (course,)) if course is not None else ("", ())


class _Cursor(Protocol):
    """What the store asks of a cursor: sqlite3's and psycopg's both have it."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


class _Connection(Protocol):
    """What the store asks of a connection, whatever the backend: to close it."""

    def close(self) -> None: ...


class ClassStore(ABC):
    """The class's hand-ins. Use :func:`open_class_store`; do not build directly.

    A backend opens ``_conn`` and provides :meth:`_transaction` and :meth:`_rows`.
    """

    _param = "?"
    _conn: _Connection

    def __init__(self, url: str):
        self.url = url

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[_Cursor]:
        """A cursor inside one write transaction: committed at the end, or rolled back."""

    @abstractmethod
    def _rows(self, sql: str, params: tuple) -> list[tuple]:
        """Every row a read-only query returns."""

    @abstractmethod
    def _table_exists(self, name: str) -> bool:
        """Whether the table ``name`` exists (asking needs no privilege on it)."""

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self._param)

    def _schema_version(self) -> int | None:
        """The stored schema version, or None before the tables exist."""
        if not self._table_exists("class_meta"):
            return None
        rows = self._rows(self._sql("SELECT value FROM class_meta WHERE key = ?"),
                          ("schema_version",))
        return int(rows[0][0]) if rows else None

    def _init_schema(self) -> None:
        # A learner's or the instructor's role may not create tables: when the tables are
        # there and current (``coursekit class-db init`` made them), only read the version.
        if self._schema_version() == CLASS_SCHEMA_VERSION:
            return
        with self._transaction() as cur:
            for statement in CLASS_TABLES:
                cur.execute(statement)
            row = cur.execute(self._sql("SELECT value FROM class_meta WHERE key = ?"),
                              ("schema_version",)).fetchone()
            if row is None:
                cur.execute(self._sql("INSERT INTO class_meta (key, value) VALUES (?, ?)"),
                            ("schema_version", str(CLASS_SCHEMA_VERSION)))
            elif int(row[0]) > CLASS_SCHEMA_VERSION:
                raise StoreError(f"The class store {redact(self.url)} was written by a newer "
                                 f"coursekit (schema {row[0]}); upgrade coursekit.")
            elif int(row[0]) < CLASS_SCHEMA_VERSION:  # the new tables exist by now
                cur.execute(self._sql("UPDATE class_meta SET value = ? WHERE key = ?"),
                            (str(CLASS_SCHEMA_VERSION), "schema_version"))

    def add(self, handin: Mapping[str, Any]) -> str:
        """Add one hand-in (validated and migrated first); its status, as for :meth:`add_many`."""
        return self.add_many([handin])[0]

    def add_many(self, handins: Iterable[Mapping[str, Any]], *, validated: bool = False
                 ) -> list[str]:
        """Add hand-ins in one transaction, in order; one status per hand-in (:data:`ADDED`...).

        Of a learner's two, the later ``created_at`` stays; on a tie, the one stored first.
        """
        return self.add_rows([stored_row(h if validated else validate_handin(h))
                              for h in handins])

    def add_rows(self, rows: Iterable[StoredRow]) -> list[str]:
        """:meth:`add_many` for hand-ins validated and turned into rows by :func:`stored_row`.

        A collection keeps rows, not hand-ins, until they are written: text, which Python's
        garbage collector does not have to look through again and again.
        """
        statuses = []
        received = now_utc()
        select = self._sql("SELECT created_at FROM handins WHERE course = ? AND pseudonym = ?")
        insert = self._sql("INSERT INTO handins (course, pseudonym, created_at, received_at, "
                           "version, body) VALUES (?, ?, ?, ?, ?, ?)")
        update = self._sql("UPDATE handins SET created_at = ?, received_at = ?, version = ?, "
                           "body = ? WHERE course = ? AND pseudonym = ?")
        with self._transaction() as cur:
            for course, pseudonym, created_at, version, body in rows:
                key = (course, pseudonym)
                row = cur.execute(select, key).fetchone()
                if row is None:
                    cur.execute(insert, (*key, created_at, received, version, body))
                    statuses.append(ADDED)
                elif created_at > row[0]:
                    cur.execute(update, (created_at, received, version, body, *key))
                    statuses.append(REPLACED)
                else:
                    statuses.append(KEPT_NEWER)
        return statuses

    def handins(self, course: str | None = None) -> list[dict[str, Any]]:
        """Every stored hand-in (optionally of one course), ordered by course and pseudonym."""
        where, params = _of_course(course)
        rows = self._rows(self._sql(f"SELECT body FROM handins{where} ORDER BY course, pseudonym"),
                          params)
        return [json.loads(body) for (body,) in rows]

    def count(self, course: str | None = None) -> int:
        """How many learners have handed in."""
        where, params = _of_course(course)
        return self._rows(self._sql(f"SELECT COUNT(*) FROM handins{where}"), params)[0][0]

    def courses(self) -> list[str]:
        """The course ids present."""
        return [c for (c,) in self._rows("SELECT DISTINCT course FROM handins ORDER BY course", ())]

    def remove(self, pseudonym: str, course: str | None = None) -> int:
        """Delete a learner's hand-in (a learner may ask); returns rows deleted."""
        params: tuple[str, ...]
        sql, params = "DELETE FROM handins WHERE pseudonym = ?", (pseudonym,)
        if course is not None:
            sql, params = sql + " AND course = ?", (pseudonym, course)
        with self._transaction() as cur:
            cur.execute(self._sql(sql), params)
            return cur.rowcount

    def claim(self, pseudonym: str) -> None:
        """Bind ``pseudonym`` to this connection's login, before a learner writes under it.

        Only PostgreSQL with learner roles (``coursekit class-db init``) checks who writes:
        there each learner's login may write only the rows of the one pseudonym it claimed.
        Elsewhere nothing needs doing.
        """
        return None

    def clear(self) -> None:
        """Delete every hand-in (end of a course)."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM handins")

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> ClassStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact(self.url)})"


class SQLiteClassStore(ClassStore):
    """The class store in one SQLite file (one machine)."""

    _conn: sqlite3.Connection

    def __init__(self, url: str, path: str):
        super().__init__(url)
        self.path = path
        if path != ":memory:":
            file = Path(path).expanduser()
            if file.is_dir():
                raise StoreError(f"{file} is a folder; the class store needs a file path")
            file.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                         check_same_thread=False)
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._init_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"The class store {path} cannot be opened ({exc}). It has been "
                             f"left untouched; give another file.") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._conn:  # commits, or rolls back on any exception
            yield self._conn.execute("BEGIN IMMEDIATE")

    def _rows(self, sql: str, params: tuple) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def _table_exists(self, name: str) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (name,)))


class PostgresClassStore(ClassStore):
    """The class store in a PostgreSQL database (a JupyterHub of many users)."""

    _param = "%s"
    _conn: psycopg.Connection[tuple[Any, ...]]

    def __init__(self, url: str):
        super().__init__(url)
        try:
            import psycopg
        except ImportError:
            raise StoreError("A PostgreSQL class store needs psycopg: "
                             "pip install 'coursekit[hub]'") from None
        try:
            self._conn = psycopg.connect(url, connect_timeout=10)
        except psycopg.Error as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"Cannot connect to the class database {redact(url)}: "
                             f"{redact(detail)}. Check {CLASS_DB_ENV}, that the server runs "
                             f"and that this user may connect.") from None
        self._claimed: str | None = None
        try:
            self._init_schema()
        except psycopg.errors.UniqueViolation:
            # Two kernels created the schema at the same moment: the other one won.
            self._conn.rollback()
            self._init_schema()
        except psycopg.errors.InsufficientPrivilege:
            self._conn.close()
            raise StoreError(f"The class database {redact(url)} has no coursekit tables of "
                             f"this version yet, and this login may not make them. Fix: the "
                             f"instructor runs 'coursekit class-db init URL' with the "
                             f"database owner's URL.") from None

    def claim(self, pseudonym: str) -> None:
        """Bind ``pseudonym`` to this login when it is a learner's (row-level security)."""
        if self._claimed == pseudonym:
            return
        role = self._rows("SELECT value FROM class_meta WHERE key = 'learner_role'", ())
        if role and self._rows("SELECT pg_has_role(session_user, %s, 'MEMBER')",
                               (role[0][0],))[0][0]:
            import psycopg

            try:
                with self._transaction() as cur:
                    cur.execute("INSERT INTO learners (login, pseudonym) VALUES "
                                "(session_user, %s) ON CONFLICT (login) DO UPDATE SET "
                                "pseudonym = EXCLUDED.pseudonym", (pseudonym,))
            except psycopg.errors.UniqueViolation:
                raise StoreError(f"The pseudonym {pseudonym} is another login's in the class "
                                 f"database; nothing was sent. Fix: if learner-data was "
                                 f"copied from someone, erase the copy's pseudonym "
                                 f"(coursekit store erase) or ask your instructor.") from None
        self._claimed = pseudonym

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor[tuple[Any, ...]]]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def _rows(self, sql: str, params: tuple) -> list[tuple]:
        with self._transaction() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def _table_exists(self, name: str) -> bool:
        return self._rows("SELECT to_regclass(%s) IS NOT NULL", (name,))[0][0]


def class_db_url(url: str | os.PathLike | None = None) -> str | None:
    """The class database URL in use: ``url`` or ``$COURSEKIT_CLASS_DB`` (None if neither)."""
    return os.fspath(url) if url is not None else os.environ.get(CLASS_DB_ENV, "").strip() or None


def open_class_store(url: str | os.PathLike | None = None) -> ClassStore:
    """Open (creating if needed) the class store named by ``url`` or ``$COURSEKIT_CLASS_DB``.

    A missing URL, an unknown scheme or a database that cannot be opened: :class:`StoreError`.
    """
    target = class_db_url(url)
    if not target:
        raise StoreError(f"No class database given: pass a URL (sqlite:///class.sqlite or "
                         f"postgresql://...) or set {CLASS_DB_ENV}.")
    if target.startswith(("postgresql://", "postgres://")) or (
            "://" not in target and re.search(r"\b(host|dbname|user)=", target)):
        return PostgresClassStore(target)
    if target.startswith("sqlite://"):
        rest = target[len("sqlite://"):]
        if not rest.startswith("/"):
            raise StoreError(f"Cannot read the SQLite URL {target}: write sqlite:///relative/"
                             f"path.sqlite or sqlite:////absolute/path.sqlite")
        return SQLiteClassStore(target, rest[1:] or ":memory:")
    scheme_match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]+):", target)
    scheme = (target.split("://", 1)[0] if "://" in target
              else scheme_match.group(1) if scheme_match else None)
    if scheme is not None:
        raise StoreError(f"Unknown class database scheme '{scheme}' in {redact(target)}: "
                         f"use sqlite:///... or postgresql://...")
    return SQLiteClassStore(target, target)


def submit_handin(handin: Mapping[str, Any], url: str | os.PathLike | None = None) -> str:
    """Send one hand-in straight to the class database (its status); a demo one is refused."""
    if handin.get("demo"):
        raise StoreError("This is a demo hand-in made from sample data; it is not sent to "
                         "the class database.")
    clean = validate_handin(handin)
    with open_class_store(url) as store:
        store.claim(clean["pseudonym"])
        return store.add_many([clean], validated=True)[0]
