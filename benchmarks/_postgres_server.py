"""A PostgreSQL database for a benchmark: given, on the local cluster, or on a private server.

A live class holds one database connection per learner (each with their own login), so
the server must allow that many. The local cluster is used when its ``max_connections``
suffices; otherwise a private server is started in a temporary folder with ``initdb`` and
``postgres`` from the installed PostgreSQL (as the ``postgres`` user when run as root), with
``max_connections`` sized for the class, and removed afterwards. Nothing of the local
cluster's configuration is changed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SOCKET = "/var/run/postgresql"


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def _local_superuser() -> str | None:
    import psycopg

    tried = []
    for user in ("postgres", os.environ.get("USER") or "root"):
        url = f"postgresql://{user}@/postgres?host={SOCKET}"
        try:
            _connect(url).close()
        except psycopg.Error as exc:
            tried.append(f"{user}: {str(exc).strip()[:80]}")
            continue
        return url
    print(f"no local PostgreSQL superuser ({'; '.join(tried)})")
    return None


def _bindir() -> Path:
    config = shutil.which("pg_config")
    if config:
        found = Path(subprocess.run([config, "--bindir"], capture_output=True, text=True,
                                    check=True).stdout.strip())
        if (found / "initdb").exists():
            return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not versions:
        raise SystemExit("PostgreSQL is not installed (no initdb); give --url")
    return versions[-1].parent


@contextmanager
def _private_server(connections: int) -> Iterator[str]:
    """A throwaway PostgreSQL server on a free port; its superuser's URL."""
    bindir, folder = _bindir(), Path(tempfile.mkdtemp(prefix="coursekit-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    user = "postgres" if as_postgres else (os.environ.get("USER") or "postgres")
    subprocess.run([*as_postgres, str(bindir / "initdb"), "-D", str(folder / "data"), "-U",
                    user, "--auth-local=trust", "--auth-host=scram-sha-256"],
                   check=True, capture_output=True)
    server = subprocess.Popen(
        [*as_postgres, str(bindir / "postgres"), "-D", str(folder / "data"), "-p", str(port),
         "-k", str(folder), "-c", "listen_addresses=127.0.0.1",
         "-c", f"max_connections={connections}", "-c", "shared_buffers=64MB"],
        stdout=subprocess.DEVNULL, stderr=(folder / "server.log").open("w"))
    url = f"postgresql://{user}@/postgres?host={folder}&port={port}"
    try:
        for _ in range(100):
            try:
                _connect(url).close()
                break
            except Exception:  # noqa: BLE001, S112 (not up yet: try again)
                time.sleep(0.1)
        print(f"private PostgreSQL server on port {port} (max_connections={connections})")
        yield url
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def class_database(url: str | None, *, connections: int) -> Iterator[str]:
    """A fresh database (the owner's URL) on a server allowing ``connections``.

    Dropped at the end, with the roles named after it.
    """
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    with _server(url, connections) as server:
        admin = _connect(server)
        name = f"ck_bench_{uuid.uuid4().hex[:8]}"
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield make_conninfo(**{**conninfo_to_dict(server), "dbname": name})
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))
            for (role,) in admin.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                                         (name + "%",)).fetchall():
                admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
            admin.close()


@contextmanager
def _server(url: str | None, connections: int) -> Iterator[str]:
    candidate = url or _local_superuser()
    if candidate:
        with _connect(candidate) as conn:
            allowed = int(conn.execute("SHOW max_connections").fetchone()[0])
        if allowed >= connections:
            print(f"PostgreSQL at {candidate.split('@')[-1]} (max_connections={allowed})")
            yield candidate
            return
        if url:
            raise SystemExit(f"{url} allows {allowed} connections; the class needs "
                             f"{connections} (one per learner). Raise max_connections.")
        print(f"the local cluster allows {allowed} connections, the class needs "
              f"{connections}: starting a private server")
    with _private_server(connections) as private:
        yield private
