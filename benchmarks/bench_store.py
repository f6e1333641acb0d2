"""Learner store speed: saving one answer and loading a learner's whole store.

Run: python benchmarks/bench_store.py

Prints the median time to save one answer through LearnerStore.save (a full transaction,
as a notebook autosave does) and to load everything stored (LearnerStore.export), each with
its ratio to a bare sqlite3 insert/select of the same rows in the same run. Target: a save
under 5 ms median.

Then two writers at once (two notebooks of one learner, two processes on one store file):
answers and contacts saved per second by two processes together, against one process
alone in the same run, and how many records were lost (must be 0).
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_seconds, report  # noqa: E402

from coursekit.store import LearnerStore  # noqa: E402

ROWS = 400  # a learner who has done every exercise: answers, decisions, reflections


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    store = LearnerStore(folder / "store.sqlite")
    bare = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    # Same durability settings as the store (WAL journal, synchronous=NORMAL: a killed
    # process loses nothing committed), so the ratio measures coursekit's own overhead.
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = NORMAL")
    bare.execute("CREATE TABLE entries (exercise TEXT, key TEXT, kind TEXT, value TEXT, "
                 "updated_at TEXT, PRIMARY KEY (exercise, key))")
    counter = itertools.count()

    for i in range(ROWS):
        value = {"text": "a reflection of a few sentences " * 4, "n": i}
        store.save(f"exercise-{i % 12}", f"key-{i}", value, kind="reflection")
        bare.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
                     (f"exercise-{i % 12}", f"key-{i}", "reflection", json.dumps(value), "now"))

    def save_ours() -> None:
        store.save("case:bench", f"k{next(counter) % 50}", "a typed answer", kind="answer")

    def save_bare() -> None:
        bare.execute("BEGIN")
        bare.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                     ("case:bench", f"k{next(counter) % 50}", "answer", '"a typed answer"', "now"))
        bare.execute("COMMIT")

    def load_ours() -> None:
        store.export()

    def load_bare() -> None:
        rows = bare.execute("SELECT * FROM entries").fetchall()
        [json.loads(r[3]) for r in rows]

    print(f"coursekit learner store, {ROWS} stored answers, Python {sys.version.split()[0]}, "
          f"SQLite {sqlite3.sqlite_version}")
    report("save one answer (median of 200)", median_seconds(save_ours, repeat=200),
           median_seconds(save_bare, repeat=200), "bare sqlite3", target=0.005)
    report("load the whole store (median of 50)", median_seconds(load_ours),
           median_seconds(load_bare), "bare sqlite3")
    store.close()
    bare.close()


WRITES = 300  # per writer and kind


def _writer(path: str, who: str, kind: str, barrier, times) -> None:
    from coursekit.network import add_contact

    store = LearnerStore(path)
    barrier.wait(timeout=120)
    start = time.time()  # wall clock: comparable across the processes
    for i in range(WRITES):
        if kind == "answers":
            store.save("case:race", f"{who}-{i}", f"answer {i}")
        else:
            add_contact(store, name=f"{who} person {i}", strength=2)
    times.put((start, time.time()))
    store.close()


def _stored(path: Path, kind: str) -> int:
    with LearnerStore(path) as store:
        table = "entries WHERE exercise = 'case:race'" if kind == "answers" \
            else "network_contacts"
        return store.read(f"SELECT COUNT(*) FROM {table}")[0][0]


def _per_second(kind: str, writers: int) -> tuple[float, int]:
    """Records per second written by ``writers`` processes at once, and records lost."""
    path = Path(tempfile.mkdtemp(prefix="bench-race-")) / "store.sqlite"
    LearnerStore(path).close()
    ctx = multiprocessing.get_context("spawn")
    barrier, times = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(path), f"w{k}", kind, barrier, times))
             for k in range(writers)]
    for p in procs:
        p.start()
    spans = [times.get(timeout=300) for _ in procs]
    for p in procs:
        p.join()
    seconds = max(end for _, end in spans) - min(start for start, _ in spans)
    expected = writers * WRITES
    return expected / seconds, expected - _stored(path, kind)


def two_writers() -> None:
    print(f"\ntwo notebooks writing at once: {WRITES} records per writer, separate processes")
    for kind in ("answers", "contacts"):
        one, lost_one = _per_second(kind, 1)
        two, lost_two = _per_second(kind, 2)
        print(f"{kind:<9} one writer {one:8.0f}/s   two writers together {two:8.0f}/s   "
              f"ratio {two / one:5.2f}x   lost: {lost_one + lost_two} (must be 0)")


if __name__ == "__main__":
    main()
    two_writers()
