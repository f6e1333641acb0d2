"""Collect 10,000 hand-ins from a folder into an SQLite class store.

Prints the time to collect (read, check, migrate, store) and its ratio to reading the same
files with plain ``json.load`` in a loop in the same run. Target: collecting under 10 s.

    python benchmarks/bench_collect.py [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.collect import collect
from coursekit.classroom.synthetic import synthetic_handins

TARGET_SECONDS = 10.0


def main(n: int = 10_000) -> int:
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        folder = Path(tmp) / "handins"
        folder.mkdir()
        handins = synthetic_handins(n, seed=1, demo=False)
        for h in handins:
            (folder / f"{h['pseudonym']}.json").write_text(json.dumps(h), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{n} hand-ins, {size / 1e6:.1f} MB in {folder}")

        start = time.perf_counter()
        for path in sorted(folder.iterdir()):
            with path.open(encoding="utf-8") as fh:
                json.load(fh)
        plain = time.perf_counter() - start

        store = open_class_store(f"sqlite:///{Path(tmp) / 'class.sqlite'}")
        start = time.perf_counter()
        report = collect([folder], store)
        ours = time.perf_counter() - start
        assert report.added == n and not report.skipped, report.summary()
        store.close()

    ratio = ours / plain if plain else float("inf")
    verdict = "met" if ours < TARGET_SECONDS else "MISSED"
    print(f"collect {n} hand-ins into SQLite: {ours:7.2f} s   plain json.load loop: "
          f"{plain:6.2f} s   ratio {ratio:5.1f}x   target < {TARGET_SECONDS:g} s: {verdict}")
    return 0 if ours < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
