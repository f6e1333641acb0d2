"""Who may do what in a PostgreSQL class database: roles and row-level security.

``coursekit class-db init URL`` (run with the database owner's URL) makes the tables and two
group roles, named after the database unless given:

- ``<db>_learner``: each learner logs in with a login role of their own that belongs to it.
  A learner's login first *claims* its pseudonym (a row in ``learners``, keyed by the
  login, ``session_user``); row-level security then lets it read, insert, change and
  delete only the votes and hand-ins under that pseudonym. It reads the reveals and the
  section, which say nothing about anyone. It cannot read ``learners`` rows of others.
- ``<db>_instructor``: reads every vote and hand-in, reveals decision points and starts
  sections; it cannot read ``learners``, so it never learns which login holds which
  pseudonym (the database owner can).

:func:`add_login` makes (or renews) one login with a fresh password and returns the URL
that login connects with; :func:`spawner_environment` is the same for JupyterHub's
``pre_spawn_hook`` (``docs/jupyterhub_config.py``). Passwords are sent to the server
already hashed (SCRAM-SHA-256), so they appear in no server log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from .._errors import StoreError
from .class_store import CLASS_DB_ENV, PostgresClassStore, open_class_store, redact

#: Connections one learner's login may hold at once (one per open notebook, and a margin).
LEARNER_CONNECTION_LIMIT = 8


@dataclass(frozen=True)
class ClassDatabase:
    """What ``class-db init`` made: the database and its two group roles (None on SQLite)."""

    url: str
    database: str
    learner_role: str | None
    instructor_role: str | None


def _policies(schema: str, learner: str, instructor: str) -> list[str]:
    own = "pseudonym = coursekit_pseudonym()"
    out = [
        # The table is named with its schema and temporary tables come last: a learner's
        # own "learners" table (were they allowed one) could not stand in for this one.
        f"CREATE OR REPLACE FUNCTION {schema}.coursekit_pseudonym() RETURNS text LANGUAGE sql "
        f"STABLE SET search_path = pg_catalog, {schema}, pg_temp AS "
        f"$$ SELECT pseudonym FROM {schema}.learners WHERE login = session_user $$",
        "ALTER TABLE learners ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS own_login ON learners",
        f"CREATE POLICY own_login ON learners FOR ALL TO {learner} "
        "USING (login = session_user) WITH CHECK (login = session_user)",
    ]
    for table in ("votes", "handins"):
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_rows ON {table}",
            f"CREATE POLICY own_rows ON {table} FOR ALL TO {learner} USING ({own}) "
            f"WITH CHECK ({own})",
            f"DROP POLICY IF EXISTS instructor_reads ON {table}",
            f"CREATE POLICY instructor_reads ON {table} FOR ALL TO {instructor} USING (true) "
            "WITH CHECK (false)",
        ]
    return out


def _grants(database: str, learner: str, instructor: str) -> list[str]:
    both = f"{learner}, {instructor}"
    return [
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {both}",
        f"GRANT USAGE ON SCHEMA public TO {both}",
        f"GRANT SELECT ON class_meta, class_rounds, reveals TO {both}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON votes, handins TO {learner}",
        f"GRANT SELECT, INSERT, UPDATE ON learners TO {learner}",
        f"GRANT SELECT, DELETE ON votes, handins TO {instructor}",
        f"GRANT INSERT, UPDATE, DELETE ON class_rounds, reveals TO {instructor}",
    ]


def _role_name(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise StoreError(f"'{name}' cannot be a role name here. Fix: use lowercase letters, "
                         f"digits and underscores (at most 63), starting with a letter")
    return name


def _admin(url: str) -> PostgresClassStore:
    store = open_class_store(url)
    if not isinstance(store, PostgresClassStore):
        store.close()
        raise StoreError("Logins and roles are PostgreSQL's: this class database is SQLite, "
                         "which any user who can write its file may change. Fix: use a "
                         "postgresql:// URL for a hub.")
    return store


def init_class_db(url: str, *, learner_role: str | None = None,
                  instructor_role: str | None = None) -> ClassDatabase:
    """Make the class database's tables and, on PostgreSQL, its roles and policies.

    Run it with the owner's URL (a role that may create roles). Running it again changes
    nothing that is already right, and upgrades the tables of an older coursekit.
    """
    store = open_class_store(url)
    if not isinstance(store, PostgresClassStore):
        store.close()
        return ClassDatabase(url, store.url, None, None)
    with store:
        import psycopg

        database = store._rows("SELECT current_database()", ())[0][0]
        base = re.sub(r"[^a-z0-9_]", "_", database.lower())[:40]
        learner = _role_name(learner_role or f"{base}_learner")
        instructor = _role_name(instructor_role or f"{base}_instructor")
        db = psycopg.sql.Identifier(database).as_string(store._conn)
        schema = psycopg.sql.Identifier(store._rows("SELECT current_schema()", ())[0][0]
                                        ).as_string(store._conn)
        try:
            with store._transaction() as cur:
                for role in (learner, instructor):
                    if not cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                       (role,)).fetchone():
                        cur.execute(f"CREATE ROLE {role} NOLOGIN")
                for statement in (_grants(db, learner, instructor)
                                  + _policies(schema, learner, instructor)):
                    cur.execute(statement)
                for key, value in (("learner_role", learner), ("instructor_role", instructor)):
                    cur.execute("INSERT INTO class_meta (key, value) VALUES (%s, %s) ON "
                                "CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                (key, value))
        except psycopg.Error as exc:
            raise StoreError(f"Setting up {redact(url)} failed, nothing was changed: "
                             f"{str(exc).strip()}. Fix: run it with the database owner's "
                             f"URL, a role with CREATEROLE") from None
        return ClassDatabase(url, database, learner, instructor)


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802, 7677).

    >>> v = scram_verifier("pw", salt=b"0123456789abcdef")
    >>> v.startswith("SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$")
    True
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return (f"SCRAM-SHA-256${iterations}:{b64(salt)}$"
            f"{b64(hashlib.sha256(client_key).digest())}:{b64(server_key)}")


def login_name(database: str, username: str, *, instructor: bool = False) -> str:
    """A PostgreSQL login for a hub user: readable, unique, at most 63 characters.

    >>> login_name("career_class", "Ada.Lovelace@example.org")
    'career_class_l_ada_lovelace_example_org_059b85'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", username.lower()).strip("_")[:24] or "user"
    digest = hashlib.sha256(username.encode("utf-8")).hexdigest()[:6]
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())[:24]
    return f"{base}_{'i' if instructor else 'l'}_{slug}_{digest}"


def add_login(url: str, login: str, *, instructor: bool = False, host: str | None = None,
              port: int | None = None) -> str:
    """Make or renew a learner's (or the instructor's) login; return the URL it connects with.

    Each call sets a new random password, so the URL returned replaces any earlier one.
    ``host`` and ``port``: where the learners' servers reach the database (default: as in
    ``url``, or 127.0.0.1 when ``url`` uses a local socket).
    """
    import psycopg

    login = _role_name(login)
    password = secrets.token_urlsafe(24)
    store = _admin(url)
    with store:
        meta = dict(store._rows("SELECT key, value FROM class_meta", ()))
        group = meta.get("instructor_role" if instructor else "learner_role")
        other = meta.get("learner_role" if instructor else "instructor_role")
        if not group:
            raise StoreError(f"{redact(url)} has no coursekit roles yet. Fix: run "
                             f"'coursekit class-db init URL' first")
        verifier = psycopg.sql.Literal(scram_verifier(password)).as_string(store._conn)
        limit = "" if instructor else f" CONNECTION LIMIT {LEARNER_CONNECTION_LIMIT}"
        try:
            with store._transaction() as cur:
                exists = cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                     (login,)).fetchone()
                verb = "ALTER" if exists else "CREATE"
                cur.execute(f"{verb} ROLE {login} WITH LOGIN PASSWORD {verifier}{limit}")
                cur.execute(f"GRANT {group} TO {login}")
                member = other and cur.execute("SELECT pg_has_role(%s, %s, 'MEMBER')",
                                               (login, other)).fetchone()
                if member and member[0]:
                    cur.execute(f"REVOKE {other} FROM {login}")
        except psycopg.Error as exc:
            raise StoreError(f"Could not make the login {login} in {redact(url)}: "
                             f"{str(exc).strip()}") from None
        dbname, where, at = store._conn.info.dbname, store._conn.info.host, store._conn.info.port
    if host is None:
        host = where if where and not where.startswith("/") else "127.0.0.1"
    port = port or at
    return f"postgresql://{login}:{quote(password, safe='')}@{host}:{port}/{quote(dbname)}"


def spawner_environment(admin_url: str, username: str, *, instructor: bool = False,
                        host: str | None = None, port: int | None = None) -> dict[str, str]:
    """``{"COURSEKIT_CLASS_DB": url}`` for one hub user's server, their login made or renewed.

    For JupyterHub's ``Spawner.pre_spawn_hook``: each learner's server gets a login of
    their own, so the database itself keeps learners from each other's rows.
    """
    store = _admin(admin_url)
    with store:
        database = store._conn.info.dbname
    login = login_name(database, username, instructor=instructor)
    return {CLASS_DB_ENV: add_login(admin_url, login, instructor=instructor, host=host,
                                    port=port)}
