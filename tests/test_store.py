from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from coursekit import CorruptStoreError, StoreError, open_store
from coursekit._migrations import migrations, schema_version
from coursekit._migrations import statements as _statements
from coursekit.store import LearnerStore


def test_save_and_load_round_trip(store):
    store.save("case:x", "decision:a", "wait", kind="decision")
    store.save("case:x", "reflection:1", "I would ask <b>first</b>", kind="reflection")
    store.save("plan:vision", "paths", [{"title": "Abroad", "ratings": [3, 4, 2, 5]}])
    assert store.load("case:x", "decision:a") == "wait"
    assert store.load("plan:vision", "paths")[0]["ratings"] == [3, 4, 2, 5]
    assert store.load("case:x", "nothing", default="-") == "-"
    assert store.load_exercise("case:x", kind="reflection") == {
        "reflection:1": "I would ask <b>first</b>"}


def test_overwrite_keeps_one_row(store):
    store.save("e", "k", 1)
    store.save("e", "k", 2)
    assert store.load("e", "k") == 2
    assert store.exercises() == {"e": 1}


def test_unknown_kind_is_refused(store):
    with pytest.raises(ValueError, match="kind must be one of"):
        store.save("e", "k", 1, kind="secret")


def test_answers_survive_a_restart(tmp_path):
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as s:
        s.save("case:x", "decision:a", "act", kind="decision")
        s.save("case:x", "reflection:r", "ünïcödé ✓", kind="reflection")
    with LearnerStore(path) as s:
        assert s.load("case:x", "decision:a") == "act"
        assert s.load("case:x", "reflection:r") == "ünïcödé ✓"
        assert s.version == schema_version()


def test_delete_one_and_whole_exercise(store):
    store.save("e", "a", 1)
    store.save("e", "b", 2)
    store.delete("e", "a")
    assert store.load_exercise("e") == {"b": 2}
    store.delete("e")
    assert store.load_exercise("e") == {}


def test_failed_transaction_rolls_back(store):
    store.save("e", "kept", 1)
    with pytest.raises(RuntimeError):
        with store.transaction() as conn:
            conn.execute("DELETE FROM entries")
            raise RuntimeError("interrupted")
    assert store.load("e", "kept") == 1


def test_on_change_listeners_fire_after_commit(store):
    seen = []
    store.on_change(lambda s: seen.append(s.load("e", "k")))
    store.save("e", "k", "v")
    assert seen == ["v"]


def test_export_inventory_and_erase(store, tmp_path):
    store.save("case:x", "reflection:r", "private words", kind="reflection")
    store.set_meta("pseudonym", "p-1")
    assert store.inventory()["entries"] == 1
    data = store.export()
    assert data["coursekit_store"]["schema_version"] == store.version
    assert data["entries"][0]["value"] == "private words"
    out = store.export_json(tmp_path / "export.json")
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["kind"] == "reflection"
    store.erase()
    assert all(n == 0 for n in store.inventory().values())
    assert store.version == schema_version()  # still a valid store
    store.close()
    # erased text is not left behind in the file's free pages
    assert b"private words" not in (tmp_path / "learner.sqlite").read_bytes()


def test_default_location_follows_environment(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere" / "mine.sqlite"
    monkeypatch.setenv("COURSEKIT_STORE", str(target))
    monkeypatch.delenv("COURSEKIT_DEMO", raising=False)
    with open_store() as s:
        s.save("e", "k", 1)
    assert target.exists()


def test_default_location_is_in_the_course_folder(course_copy, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STORE", raising=False)
    monkeypatch.delenv("COURSEKIT_DEMO", raising=False)
    monkeypatch.chdir(course_copy / "notebooks")
    with open_store() as s:
        assert s.path == course_copy / "learner-data" / "coursekit.sqlite"


def test_demo_mode_neither_reads_nor_writes_the_learner_store(tmp_path, monkeypatch):
    path = tmp_path / "own.sqlite"
    with LearnerStore(path) as own:
        own.save("case:the-first-step", "reflection:x", "MY OWN TEXT", kind="reflection")
    before = path.read_bytes()
    monkeypatch.setenv("COURSEKIT_STORE", str(path))
    monkeypatch.setenv("COURSEKIT_DEMO", "1")
    demo = open_store()
    assert demo.demo and demo.in_memory
    assert "MY OWN TEXT" not in json.dumps(demo.export())
    assert demo.exercises(), "demo store is filled with sample answers"
    demo.save("case:the-first-step", "reflection:x", "typed during a demo", kind="reflection")
    assert path.read_bytes() == before


def test_unknown_demo_person_lists_the_known_ones():
    with pytest.raises(KeyError, match="no such sample person.*amara"):
        open_store(demo="nobody-by-this-name")


# -- schema versions ---------------------------------------------------------------------


def _make_v1_store(path):
    """A store as the first release wrote it: schema 1 only."""
    version, name, sql = migrations()[0]
    conn = sqlite3.connect(path)
    for statement in _statements(sql):
        conn.execute(statement)
    conn.execute("INSERT INTO entries VALUES ('case:x', 'decision:a', 'decision', '\"act\"', "
                 "'2026-01-01T00:00:00+00:00')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_older_schema_is_migrated_and_data_kept(tmp_path):
    path = tmp_path / "old.sqlite"
    _make_v1_store(path)
    with LearnerStore(path) as s:
        assert s.version == schema_version()
        assert s.load("case:x", "decision:a") == "act"
        assert "entries" in s.tables()


def test_migration_5_drops_the_old_progress_entries(tmp_path):
    path = tmp_path / "v4.sqlite"
    conn = sqlite3.connect(path)
    for _, _, sql in migrations()[:4]:
        for statement in _statements(sql):
            conn.execute(statement)
    rows = [("plan:steps", "progress", '{"items": 2}'), ("plan:vision", "progress", "{}"),
            ("network", "size", '{"contacts": 2}'), ("plan:steps", "note", '"kept"'),
            ("network", "progress", '"kept"'), ("case:x", "size", '"kept"')]
    conn.executemany("INSERT INTO entries VALUES (?, ?, 'answer', ?, '2026-01-01')", rows)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with LearnerStore(path) as s:
        assert s.version == schema_version() >= 5
        kept = s.read("SELECT exercise, key FROM entries ORDER BY exercise, key")
        assert kept == [("case:x", "size"), ("network", "progress"), ("plan:steps", "note")]


def test_shipped_migrations_are_numbered_in_sequence():
    numbers = [v for v, _, _ in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    LearnerStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer coursekit"):
        LearnerStore(path)
    assert path.read_bytes() == before


# -- corrupt files -----------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_reported_and_kept(tmp_path):
    path = tmp_path / "learner.sqlite"
    path.write_bytes(b"these are not the bytes of a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(CorruptStoreError) as info:
        LearnerStore(path)
    message = str(info.value)
    assert str(path) in message and "left untouched" in message and "move it aside" in message
    assert path.read_bytes() == before


def test_a_damaged_database_is_reported_and_kept(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as s:
        for i in range(300):
            s.save("e", f"k{i}", "x" * 200)
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(path.read_bytes())
    raw[4096:12288] = b"\xff" * 8192  # smash pages after the header
    path.write_bytes(bytes(raw))
    before = path.read_bytes()
    with pytest.raises(CorruptStoreError):
        LearnerStore(path)
    assert path.read_bytes() == before


def _whole_store_bytes(tmp_path) -> bytes:
    path = tmp_path / "whole.sqlite"
    with LearnerStore(path) as s:
        for i in range(300):
            s.save("e", f"k{i}", "x" * 200)
    return path.read_bytes()


@pytest.mark.parametrize("damage", ["empty", "truncated", "header-only", "random-bytes"])
def test_a_damaged_file_is_left_byte_identical_with_a_one_line_error(tmp_path, damage):
    whole = _whole_store_bytes(tmp_path)
    content = {"empty": b"", "truncated": whole[: len(whole) // 2],
               "header-only": whole[:100], "random-bytes": os.urandom(20_000)}[damage]
    folder = tmp_path / "learner-data"
    folder.mkdir()
    path = folder / "coursekit.sqlite"
    path.write_bytes(content)
    with pytest.raises(CorruptStoreError) as info:
        LearnerStore(path)
    message = str(info.value)
    assert "\n" not in message and "left untouched" in message and str(path) in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == ["coursekit.sqlite"], \
        "a failed open left -wal/-shm files behind"


def test_an_empty_file_is_refused_with_the_way_to_start_afresh(tmp_path):
    path = tmp_path / "coursekit.sqlite"
    path.touch()
    with pytest.raises(CorruptStoreError, match=r"empty \(0 bytes\).*move it aside"):
        open_store(path)
    assert path.read_bytes() == b""


@pytest.mark.parametrize("action", ["show", "export"])
def test_store_command_refuses_an_empty_store_and_keeps_it(tmp_path, action, capsys):
    from coursekit.cli import main

    path = tmp_path / "coursekit.sqlite"
    path.touch()
    code = main(["store", action, "--store", str(path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "empty (0 bytes)" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coursekit.sqlite"]


def test_a_missing_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "new" / "coursekit.sqlite"
    with LearnerStore(path) as s:
        assert s.version == schema_version()
    assert path.stat().st_size > 0


def test_a_wal_file_that_was_there_is_never_removed(tmp_path):
    path = tmp_path / "coursekit.sqlite"
    path.write_bytes(b"not a database" * 10)
    wal = tmp_path / "coursekit.sqlite-wal"
    wal.write_bytes(b"someone's last answers")
    with pytest.raises(CorruptStoreError):
        LearnerStore(path)
    assert wal.read_bytes() == b"someone's last answers"


def test_a_folder_in_place_of_the_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        LearnerStore(tmp_path)


# -- concurrency and crashes -------------------------------------------------------------


def _writer(path, who, count):
    with LearnerStore(path) as s:
        for i in range(count):
            s.save("race", f"{who}-{i}", i)
            s.save("race", "shared", who)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    LearnerStore(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, who, 150)) for who in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with LearnerStore(path) as s:
        saved = s.load_exercise("race")
    assert len(saved) == 301
    assert saved["shared"] in ("a", "b")
    assert all(saved[f"{w}-{i}"] == i for w in "ab" for i in range(150))


_KILLED_WRITER = """
import sys
from coursekit.store import LearnerStore
s = LearnerStore(sys.argv[1])
i = 0
while True:
    s.save("crash", f"k{i:06d}", i)
    print(i, flush=True)
    i += 1
"""


def test_killing_the_process_during_saves_loses_at_most_the_last_answer(tmp_path):
    path = tmp_path / "crash.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(path)],
                            stdout=subprocess.PIPE, text=True)
    confirmed = -1
    deadline = time.monotonic() + 30
    while confirmed < 200 and time.monotonic() < deadline:
        confirmed = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with LearnerStore(path) as s:
        saved = s.load_exercise("crash")
    # every save that reported success is there; at most the one in flight is missing
    assert all(f"k{i:06d}" in saved for i in range(confirmed + 1))
    assert len(saved) >= confirmed + 1


def test_a_cursor_that_inserted_nothing_gives_an_error_not_a_none_id():
    from coursekit._sql import inserted_id

    with pytest.raises(StoreError, match="no row"):
        inserted_id(sqlite3.connect(":memory:").cursor())
