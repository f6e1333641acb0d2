"""The learner store: one embedded SQLite file for everything a learner enters.

Design
------
- **One file**, by default ``learner-data/coursekit.sqlite`` inside the course folder;
  the ``COURSEKIT_STORE`` environment variable overrides it (tests use a temporary one).
- **Schema-versioned**: ``PRAGMA user_version`` holds the version; the SQL files in
  ``coursekit/_migrations`` (``0001_*.sql``, ``0002_*.sql``...) bring an older store up to
  date, each in its own transaction. A store from a newer coursekit is refused, not touched.
- **Every write is a transaction** (``BEGIN IMMEDIATE``), so killing the kernel mid-save
  loses at most that one answer, and two kernels writing at once wait for each other
  (WAL journal, busy timeout) instead of failing.
- **A corrupt file is reported and kept**: it is never overwritten or repaired in place.
- **Private by design**: nothing here talks to the network. The learner can list what is
  stored (:meth:`LearnerStore.inventory`), export it (:meth:`LearnerStore.export_json`)
  and erase it (:meth:`LearnerStore.erase`).

Examples
--------
>>> store = LearnerStore(":memory:")
>>> store.save("first-step", "decision:wait-or-act", "act", kind="decision")
>>> store.load("first-step", "decision:wait-or-act")
'act'
>>> store.load_exercise("first-step")
{'decision:wait-or-act': 'act'}
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from ._errors import CorruptStoreError, StoreError
from ._limits import check_texts
from ._migrations import migrations, schema_version, statements

#: Environment variable naming the store file to use instead of the default.
STORE_ENV = "COURSEKIT_STORE"
#: Environment variable that switches :func:`open_store` to demo mode ("1" or a person's id).
DEMO_ENV = "COURSEKIT_DEMO"

DEFAULT_RELATIVE = Path("learner-data") / "coursekit.sqlite"
EntryKind = Literal["answer", "decision", "reflection"]  # what a saved entry is
KINDS: tuple[str, ...] = get_args(EntryKind)

def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class LearnerStore:
    """A learner's answers, reflections, responses, network and plan in one SQLite file.

    Parameters
    ----------
    path : str or Path
        The SQLite file, created with its folder if missing; ``":memory:"`` for a store
        that lives only in this process (demo mode, tests).
    demo : bool
        Marks a store filled with sample people; views show a banner for it.

    Raises
    ------
    CorruptStoreError
        The file exists but is not a readable coursekit store. It is left untouched.
    StoreError
        The file was written by a newer coursekit, or cannot be opened.
    """

    def __init__(self, path: str | Path, *, demo: bool = False):
        self.demo = demo
        self.in_memory = str(path) == ":memory:"
        self.path = None if self.in_memory else Path(path).expanduser()
        self._lock = threading.RLock()
        self._listeners: list = []
        #: Counts committed writes: views cache what they computed from the store by it.
        self.revision = 0
        self._conn = self._connect()
        try:
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- opening -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.in_memory:
            return self._configure(sqlite3.connect(":memory:", isolation_level=None,
                                                   check_same_thread=False))
        assert self.path is not None
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a store file; "
                             f"set {STORE_ENV} to a file path")
        before = _side_files(self.path)
        probed = False
        if self.path.exists():
            # An existing file is the learner's: refuse anything that is not a whole,
            # current coursekit store before writing a byte. With no side files, no one has
            # it open (WAL keeps -wal and -shm while any connection is open): look at it
            # read-only and immutable. Otherwise another notebook may be writing, or a WAL
            # holds the latest answers: the file alone is not the store, so open it normally.
            self._check_header(self.path)
            if not before:
                self._inspect(self.path)
                probed = True
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn = self._configure(conn)
            ok = "ok" if probed else conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            _remove_new_side_files(self.path, before)
            raise self._corrupt(str(exc)) from None
        if ok != "ok":
            conn.close()
            raise self._corrupt(ok)
        return conn

    def _configure(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        conn.execute("PRAGMA busy_timeout = 30000")
        if not self.in_memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # e.g. a network file system: fall back safely
                conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _check_header(self, path: Path) -> None:
        """Refuse an empty file, or one that is not an SQLite database, reading 16 bytes."""
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(f"The learner store {path} cannot be read ({exc.strerror}). "
                             f"Check the file's permissions.") from None
        if not head:
            raise CorruptStoreError(
                f"The learner store {path} is empty (0 bytes): a copy or a sync may have "
                f"failed. It has been left untouched. Put back a good copy if you have one; "
                f"to start afresh, move it aside (for example rename it to "
                f"{path.name}.empty) and run the notebook again.")
        if head != b"SQLite format 3\x00":
            raise CorruptStoreError(
                f"The learner store {path} is not an SQLite database (it may be damaged or "
                f"another file). It has been left untouched. To start afresh, move it aside "
                f"(for example rename it to {path.name}.broken) and run the notebook again; "
                f"to keep using an export, see 'coursekit store --help'.")

    def _inspect(self, path: Path) -> None:
        """Refuse a file that is not a readable coursekit store of this version.

        Only for a file no one has open: it is read read-only and immutable (no lock, no
        journal, no side files), so a refused file is left byte for byte as it was.
        """
        # immutable: SQLite takes no lock and makes no side file, so there is nothing to clean
        # up (and nothing of another process's that could be touched).
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            probe = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                ok = probe.execute("PRAGMA quick_check").fetchone()[0]
                version = probe.execute("PRAGMA user_version").fetchone()[0]
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(str(exc)) from None
        if ok != "ok":
            raise self._corrupt(ok)
        known = schema_version()
        if version > known:
            raise StoreError(
                f"The learner store {path} was written by a newer coursekit (schema "
                f"{version}, this one knows {known}). Upgrade coursekit: "
                f"pip install --upgrade coursekit. The store has not been changed.")

    def _corrupt(self, detail: str) -> CorruptStoreError:
        return CorruptStoreError(
            f"The learner store {self.path} cannot be read ({detail}). It has been left "
            f"untouched. Move it aside (for example rename it to "
            f"{self.path.name if self.path else 'the file'}.broken) to start a new one, "
            f"or set {STORE_ENV} to another file."
        )

    def _migrate(self) -> None:
        steps = migrations()
        current = self.version
        if current > len(steps):
            raise StoreError(
                f"The learner store {self.path} was written by a newer coursekit (schema "
                f"{current}, this one knows {len(steps)}). Upgrade coursekit: "
                f"pip install --upgrade coursekit. The store has not been changed."
            )
        for version, name, sql in steps[current:]:
            with self._lock:
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    # Another kernel may have migrated while we waited for the lock.
                    if self._conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                        self._conn.execute("COMMIT")
                        continue
                    for statement in statements(sql):
                        self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {version}")
                    self._conn.execute("COMMIT")
                except sqlite3.DatabaseError as exc:
                    self._conn.execute("ROLLBACK")
                    raise StoreError(f"Updating the learner store to schema {version} "
                                     f"({name}) failed: {exc}. The store is unchanged.") from None

    @property
    def version(self) -> int:
        """The schema version of the open store."""
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    # -- low level -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all statements inside commit together or not at all.

        Examples
        --------
        >>> store = LearnerStore(":memory:")
        >>> with store.transaction() as conn:
        ...     _ = conn.execute("INSERT INTO meta VALUES ('pseudonym', 'p-42')")
        >>> store.read("SELECT value FROM meta")
        [('p-42',)]
        """
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
        self._notify()

    def read(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        """Run a read-only query and return all rows."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def on_change(self, callback) -> None:
        """Call ``callback(store)`` after every committed write (views refresh with it)."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        self.revision += 1
        for callback in list(self._listeners):
            callback(self)

    # -- entries: answers, decisions, reflections -------------------------------------------

    def save(self, exercise: str, key: str, value: Any, *, kind: str = "answer") -> None:
        """Save one value (anything JSON can hold) under ``exercise`` / ``key``.

        Raises
        ------
        InputError
            A text in ``value`` is longer than :data:`coursekit._limits.TEXT` characters;
            nothing is saved (the view shows the message beside its control).
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        check_texts(value, "reflection" if kind == "reflection" else "answer")
        text = json.dumps(value, ensure_ascii=False)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO entries (exercise, key, kind, value, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (exercise, key) DO UPDATE SET "
                "kind = excluded.kind, value = excluded.value, updated_at = excluded.updated_at",
                (exercise, key, kind, text, _now()),
            )

    def load(self, exercise: str, key: str, default: Any = None) -> Any:
        """The value saved under ``exercise`` / ``key``, or ``default``."""
        rows = self.read("SELECT value FROM entries WHERE exercise = ? AND key = ?",
                         (exercise, key))
        return json.loads(rows[0][0]) if rows else default

    def load_exercise(self, exercise: str, kind: str | None = None) -> dict[str, Any]:
        """Every value saved for one exercise, by key (optionally of one kind)."""
        sql = "SELECT key, value FROM entries WHERE exercise = ?"
        params: tuple = (exercise,)
        if kind is not None:
            sql += " AND kind = ?"
            params += (kind,)
        return {key: json.loads(value) for key, value in self.read(sql + " ORDER BY key", params)}

    def delete(self, exercise: str, key: str | None = None) -> None:
        """Delete one saved value, or a whole exercise when ``key`` is None."""
        with self.transaction() as conn:
            if key is None:
                conn.execute("DELETE FROM entries WHERE exercise = ?", (exercise,))
            else:
                conn.execute("DELETE FROM entries WHERE exercise = ? AND key = ?", (exercise, key))

    def exercises(self) -> dict[str, int]:
        """How many values each exercise has saved (for progress)."""
        return dict(self.read("SELECT exercise, COUNT(*) FROM entries GROUP BY exercise"))

    def set_meta(self, key: str, value: str) -> None:
        """Save a store-level setting (e.g. the learner's pseudonym)."""
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A store-level setting, or ``default``."""
        rows = self.read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    # -- seeing, exporting and erasing what is stored -----------------------------------

    def tables(self) -> list[str]:
        """The data tables in the store (schema bookkeeping excluded)."""
        rows = self.read("SELECT name FROM sqlite_master WHERE type = 'table' "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [name for (name,) in rows]

    def inventory(self) -> dict[str, int]:
        """How many rows each table holds: what is stored about the learner, at a glance."""
        return {t: self.read(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in self.tables()}

    def export(self) -> dict[str, Any]:
        """Everything stored, as plain JSON-ready data (one list of row dicts per table)."""
        out: dict[str, Any] = {"coursekit_store": {"schema_version": self.version,
                                                   "exported_at": _now()}}
        with self._lock:
            for table in self.tables():
                cur = self._conn.execute(f'SELECT * FROM "{table}"')
                names = [d[0] for d in cur.description]
                rows = []
                for row in cur.fetchall():
                    record = dict(zip(names, row, strict=True))
                    if table == "entries":
                        record["value"] = json.loads(record["value"])
                    rows.append(record)
                out[table] = rows
        return out

    def export_json(self, path: str | Path) -> Path:
        """Write :meth:`export` to a JSON file on this machine and return its path."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.export(), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)
        return path

    def erase(self) -> None:
        """Delete everything the learner has stored, keeping an empty, valid store."""
        with self.transaction() as conn:
            for table in self.tables():
                conn.execute(f'DELETE FROM "{table}"')
        if not self.in_memory:
            with self._lock:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("VACUUM")  # so erased text is not left in free pages

    def close(self) -> None:
        """Close the connection (the data is already saved)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> LearnerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "in memory" if self.in_memory else str(self.path)
        return f"LearnerStore({where}{', demo' if self.demo else ''})"


_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def _side_files(path: Path) -> set[Path]:
    """The SQLite side files (``-wal``, ``-shm``, ``-journal``) next to ``path`` now."""
    return {p for p in (path.with_name(path.name + s) for s in _SIDE_SUFFIXES) if p.exists()}


def _remove_new_side_files(path: Path, before: set[Path]) -> None:
    """Remove side files that a failed open created; never one that was there before.

    A ``-wal`` that existed before may hold the learner's latest answers.
    """
    for side in _side_files(path) - before:
        side.unlink(missing_ok=True)
