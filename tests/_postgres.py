"""A throwaway PostgreSQL database for the tests, on the local cluster that ``.ci/run`` starts.

``COURSEKIT_TEST_POSTGRES`` may name a server URL (a superuser's) to use instead. Without
PostgreSQL the tests that need it skip with the reason, except under ``CI=true``, where
they fail: a green CI must have run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SOCKET = "/var/run/postgresql"


def fail_or_skip(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _connect(conninfo: str):
    import psycopg

    return psycopg.connect(conninfo, autocommit=True, connect_timeout=5)


def _local_admin():
    """A superuser connection to the local cluster (started when it is down), and its URL."""
    import psycopg

    ctl = shutil.which("pg_ctlcluster")
    if ctl is None:
        fail_or_skip("PostgreSQL is not installed (no pg_ctlcluster); set "
                     "COURSEKIT_TEST_POSTGRES to a server URL to run these tests")
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    if not versions:
        fail_or_skip("no PostgreSQL cluster in /etc/postgresql")
    subprocess.run([ctl, "--skip-systemctl-redirect", versions[-1], "main", "start"],
                   capture_output=True, text=True)  # "already running" is fine
    errors = []
    for attempt in range(2):
        for user in ("postgres", os.environ.get("USER") or "root"):
            url = f"postgresql://{user}@/postgres?host={SOCKET}"
            try:
                return _connect(url), url
            except psycopg.Error as exc:
                errors.append(str(exc).strip())
        # Local sockets use peer authentication: as root, give root its own role once.
        if attempt == 0 and os.geteuid() == 0 and shutil.which("runuser"):
            subprocess.run(["runuser", "-u", "postgres", "--", "createuser", "--superuser",
                            "root"], capture_output=True, text=True)
    fail_or_skip(f"cannot connect to PostgreSQL: {'; '.join(errors[-2:])}")


@contextmanager
def fresh_database(prefix: str = "coursekit_test") -> Iterator[str]:
    """A new, empty database (a superuser's URL to it); dropped with its roles at the end.

    Roles belong to the cluster, not the database: the class database names its roles
    after the database, so the roles made here start with its name and go with it.
    """
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        fail_or_skip("psycopg is not installed (pip install -e '.[test]')")
    given = os.environ.get("COURSEKIT_TEST_POSTGRES")
    admin, url = (_connect(given), given) if given else _local_admin()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    try:
        yield psycopg.conninfo.make_conninfo(**info)
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        roles = admin.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                              (name + "%",)).fetchall()
        for (role,) in roles:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        admin.close()
