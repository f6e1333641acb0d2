"""The class store: SQLite and PostgreSQL behind one interface, with equal results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit._errors import StoreError
from coursekit.classroom import dashboard
from coursekit.classroom.class_store import (
    ADDED,
    KEPT_NEWER,
    REPLACED,
    PostgresClassStore,
    SQLiteClassStore,
    open_class_store,
    redact,
    submit_handin,
)
from coursekit.classroom.collect import collect
from coursekit.classroom.synthetic import synthetic_handins


@pytest.fixture
def pg_store(postgres_url):
    store = open_class_store(postgres_url)
    store.clear()
    yield store
    store.clear()
    store.close()


def _write_class(folder: Path) -> None:
    handins = synthetic_handins(120, seed=21, demo=False)
    for h in handins:
        (folder / f"{h['pseudonym']}.json").write_text(json.dumps(h))
    for h in handins[:6]:  # handed in again later
        again = dict(h, created_at=h["created_at"].replace("2025-03-01", "2025-03-02"),
                     plan={"steps": 1, "if_then": 1, "done": 1})
        (folder / f"again-{h['pseudonym']}.json").write_text(json.dumps(again))
    (folder / "broken.json").write_text("{")


# -- URLs -----------------------------------------------------------------------------------

def test_urls_choose_the_backend(tmp_path, monkeypatch):
    assert isinstance(open_class_store(f"sqlite:///{tmp_path}/a.sqlite"), SQLiteClassStore)
    assert isinstance(open_class_store(tmp_path / "b.sqlite"), SQLiteClassStore)
    monkeypatch.setenv("COURSEKIT_CLASS_DB", f"sqlite:///{tmp_path}/env.sqlite")
    store = open_class_store()
    assert store.path == f"{tmp_path}/env.sqlite"
    rel = open_class_store("sqlite:///relative.sqlite")
    assert rel.path == "relative.sqlite"
    rel.close()
    Path("relative.sqlite").unlink()


@pytest.mark.parametrize("url, words", [
    ("mysql://x/y", "Unknown class database scheme 'mysql'"),
    ("sqlite:/x.sqlite", "Unknown class database scheme"),
    ("sqlite://x.sqlite", "sqlite:///relative"),
])
def test_bad_urls_say_what_to_write(url, words):
    with pytest.raises(StoreError, match=words):
        open_class_store(url)


def test_no_url_at_all(monkeypatch):
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    with pytest.raises(StoreError, match="COURSEKIT_CLASS_DB"):
        open_class_store()


def test_folder_or_non_database_file(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        open_class_store(tmp_path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="left untouched"):
        open_class_store(junk)
    assert junk.read_bytes() == b"this is not sqlite" * 100


def test_password_never_shown():
    assert "s3cret" not in redact("postgresql://u:s3cret@h/db")
    with pytest.raises(StoreError) as info:
        open_class_store("postgresql://u:s3cret@127.0.0.1:1/db?connect_timeout=2")
    assert "s3cret" not in str(info.value) and "***" in str(info.value)


# -- behaviour, on SQLite -------------------------------------------------------------------

def test_latest_wins_and_ties_keep_the_first(tmp_path):
    store = open_class_store(f"sqlite:///{tmp_path}/c.sqlite")
    h = synthetic_handins(1, seed=1, demo=False)[0]
    assert store.add(h) == ADDED
    assert store.add(h) == KEPT_NEWER
    newer = dict(h, created_at="2030-01-01T00:00:00Z",
                 exercises={**h["exercises"], "plan:steps": {"steps": 2, "if_then": 0,
                                                             "done": 0}})
    assert store.add(newer) == REPLACED
    assert store.add(h) == KEPT_NEWER
    assert store.handins()[0]["exercises"]["plan:steps"]["steps"] == 2
    assert store.remove(h["pseudonym"]) == 1 and store.count() == 0


def test_submit_handin_goes_straight_to_the_class(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/live.sqlite"
    monkeypatch.setenv("COURSEKIT_CLASS_DB", url)
    h = synthetic_handins(1, seed=2, demo=False)[0]
    assert submit_handin(h) == ADDED
    assert open_class_store(url).count() == 1
    with pytest.raises(StoreError, match="demo"):
        submit_handin(dict(h, demo=True))


def test_two_connections_see_each_other(tmp_path):
    url = f"sqlite:///{tmp_path}/shared.sqlite"
    a, b = open_class_store(url), open_class_store(url)
    a.add_many(synthetic_handins(3, seed=3, demo=False))
    assert b.count() == 3


# -- PostgreSQL: the same results -----------------------------------------------------------

@pytest.mark.postgres
def test_postgres_store_basics(pg_store):
    assert isinstance(pg_store, PostgresClassStore)
    h = synthetic_handins(1, seed=1, demo=False)[0]
    assert pg_store.add(h) == ADDED
    assert pg_store.add(h) == KEPT_NEWER
    assert pg_store.add(dict(h, created_at="2030-01-01T00:00:00Z")) == REPLACED
    assert pg_store.count() == 1 and pg_store.courses() == [h["course"]]


@pytest.mark.postgres
def test_same_collection_on_postgres_and_sqlite(tmp_path, pg_store):
    folder = tmp_path / "in"
    folder.mkdir()
    _write_class(folder)
    lite = open_class_store(f"sqlite:///{tmp_path}/class.sqlite")
    report_lite = collect([folder], lite)
    report_pg = collect([folder], pg_store)
    for field in ("read", "added", "replaced", "kept_newer", "migrated"):
        assert getattr(report_lite, field) == getattr(report_pg, field), field
    assert [s.reason for s in report_lite.skipped] == [s.reason for s in report_pg.skipped]
    # "again-*" files sort first: they are added, then the originals are older and kept out
    assert (report_pg.added, report_pg.replaced, report_pg.kept_newer) == (120, 0, 6)
    assert lite.handins() == pg_store.handins()
    a, b = dashboard.class_summary(lite), dashboard.class_summary(pg_store)
    assert a.keys() == b.keys() and a
    for name in a:
        for panel_a, panel_b in zip(a[name], b[name], strict=True):
            assert panel_a.table.equals(panel_b.table), (name, panel_a.title)


@pytest.mark.postgres
def test_submit_to_postgres_from_the_environment(pg_store, postgres_url, monkeypatch):
    monkeypatch.setenv("COURSEKIT_CLASS_DB", postgres_url)
    for h in synthetic_handins(5, seed=8, demo=False):
        assert submit_handin(h) == ADDED
    assert pg_store.count() == 5


def test_the_class_store_is_built_by_its_backends_only():
    from coursekit.classroom.class_store import ClassStore

    with pytest.raises(TypeError, match="abstract"):
        ClassStore("sqlite:///x.sqlite")
