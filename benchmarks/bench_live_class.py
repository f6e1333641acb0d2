"""A live class of 300 learners against a PostgreSQL class database.

Each simulated learner is what a learner's kernel holds in a live class: a learner store of
their own (SQLite), the pause-and-predict view, and the link to the class poll with its
timer thread and its own database login (row-level security on). One asyncio loop stands
in for the kernels' event loops: the timer threads hand their news to it, as in a kernel.
The instructor's room (the real view, reading the tally on its timer) runs beside them.

The 300 learners commit a prediction at random moments within ten seconds. Printed:

- votes lost (must be 0): committed in a view but not in the class database as chosen;
- commit -> tally: from the learner's click to the room's first tally that holds the vote,
  median and 95th percentile (target under 2 s at the 95th). Measured conservatively: the
  first tally read that began after the vote was stored;
- the reveal: from the instructor's click to the outcome shown in every learner's view;
- baseline, in the same run: one learner alone in the class, commit -> tally.

    python benchmarks/bench_live_class.py [--learners N] [--url OWNER_URL]

Without ``--url`` it uses the local PostgreSQL cluster when it allows enough connections
(one per learner, as on a hub), else it starts a private PostgreSQL server in a temporary
folder (initdb, ``max_connections`` sized for the class) and removes it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _postgres_server import class_database

from coursekit.classroom import live_link
from coursekit.classroom.live import point_id
from coursekit.classroom.roles import add_login, init_class_db
from coursekit.store import LearnerStore
from coursekit.views import room as room_view
from coursekit.views.predict import decision_point

CASE = "the-career-impasse"
POINT, BASELINE_POINT = "the-promised-role", "first-response"
COURSE = "take-charge-of-your-career"
WINDOW_SECONDS = 10.0
TARGET_P95 = 2.0


class TimedRoom(room_view.ClassRoom):
    """The instructor's room, noting when each tally read began and when it was shown."""

    def __init__(self, *args, **kwargs):
        self.reads: list[tuple[float, float, dict]] = []  # began, shown, counts
        self._began = 0.0
        super().__init__(*args, **kwargs)

    def _read(self):
        self._began = time.perf_counter()
        return super()._read()

    def _show(self, news):
        began = self._began
        super()._show(news)
        if news.state is not None:
            self.reads.append((began, time.perf_counter(), news.state.counts))


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def shown_after(reads, stored_at: float, point: str) -> float | None:
    """When the first tally read that began after ``stored_at`` was shown."""
    for began, shown, counts in reads:
        if began >= stored_at and counts.get(point_id(CASE, point)):
            return shown
    return None


async def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"waited {timeout:.0f} s for {what}")
        await asyncio.sleep(0.02)


class Learner:
    """One simulated learner: their store, their view, their link and their times."""

    def __init__(self, folder: Path, url: str, point: str):
        self.store = LearnerStore(folder / "coursekit.sqlite")
        self.view = decision_point(self.store, CASE, point, class_db=url)
        self.link = self.view.link
        self.clicked = self.stored = self.revealed = None
        self.choice = None
        self.link.on_change(self._news)
        self.view.outcome.observe(self._outcome, names="value")

    def commit(self, choice: str) -> None:
        self.choice = choice
        self.clicked = time.perf_counter()
        self.view.choices.value = choice
        self.view.commit.click()

    def _news(self, _link) -> None:
        if self.stored is None:  # when the database took the vote (noted by the thread)
            self.stored = self.link.stored_at.get(point_id(CASE, self.view.decision.id))

    def _outcome(self, change) -> None:
        if self.revealed is None and "What actually happened." in change["new"]:
            self.revealed = time.perf_counter()


async def run(admin: str, n: int, seed: int) -> int:
    made = init_class_db(admin)
    print(f"class database ready: {made.database}; making {n + 2} logins...", flush=True)
    urls = [add_login(admin, f"{made.database}_b{i}") for i in range(n + 1)]
    teacher = add_login(admin, f"{made.database}_teacher", instructor=True)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="coursekit-live-") as tmp:
        room = TimedRoom(teacher, course=COURSE, loop=None)
        try:
            # Baseline: one learner alone in the class.
            alone = Learner(Path(tmp) / "alone", urls[n], BASELINE_POINT)
            await asyncio.sleep(1.5)
            alone.commit("more-of-the-same")
            await wait_until(lambda: alone.stored and shown_after(
                room.reads, alone.stored, BASELINE_POINT), 30, "the lone vote in the tally")
            baseline = shown_after(room.reads, alone.stored, BASELINE_POINT) - alone.clicked

            started = time.perf_counter()
            learners = []
            for i in range(n):
                (Path(tmp) / str(i)).mkdir()
                learners.append(Learner(Path(tmp) / str(i), urls[i], POINT))
            await wait_until(lambda: all(lr.link.rounds for lr in learners), 120,
                             "every learner's first question to the database")
            print(f"{n} learners' pages open and polling (every {live_link.POLL_SECONDS:g} s) "
                  f"after {time.perf_counter() - started:.1f} s", flush=True)

            options = [o.id for o in learners[0].view.decision.options]
            moments = sorted(rng.uniform(0, WINDOW_SECONDS) for _ in learners)
            loop, zero = asyncio.get_running_loop(), asyncio.get_running_loop().time() + 0.2
            for learner, moment in zip(learners, moments, strict=True):
                loop.call_at(zero + moment, learner.commit, rng.choice(options))
            await wait_until(lambda: all(lr.stored for lr in learners), 90, "every vote stored")
            await wait_until(lambda: all(shown_after(room.reads, lr.stored, POINT)
                                         for lr in learners), 30, "every vote in the tally")
            delays = [shown_after(room.reads, lr.stored, POINT) - lr.clicked for lr in learners]
            spread = max(lr.clicked for lr in learners) - min(lr.clicked for lr in learners)

            lost = _lost_votes(admin, learners)

            revealed_at = time.perf_counter()
            room.panels[point_id(CASE, POINT)].reveal.click()
            await wait_until(lambda: all(lr.revealed for lr in learners), 60,
                             "the reveal on every page")
            reveal = [lr.revealed - revealed_at for lr in learners]
        finally:
            room.close()
            live_link.stop_links()

    print(f"\n{n} learners committed within {spread:.1f} s "
          f"(learner timers every {live_link.POLL_SECONDS:g} s, room every "
          f"{room_view.ROOM_SECONDS:g} s)")
    print(f"votes lost: {lost}   (must be 0)")
    p50, p95 = statistics.median(delays), percentile(delays, 95)
    verdict = "met" if p95 < TARGET_P95 else "MISSED"
    print(f"commit -> instructor's tally: median {p50:5.2f} s   p95 {p95:5.2f} s   "
          f"max {max(delays):5.2f} s   target p95 < {TARGET_P95:g} s: {verdict}")
    print(f"baseline, one learner alone:  {baseline:5.2f} s   ratio p95/baseline "
          f"{p95 / baseline:5.2f}x")
    print(f"reveal -> every open page: all {n} in {max(reveal):5.2f} s   median "
          f"{statistics.median(reveal):5.2f} s   p95 {percentile(reveal, 95):5.2f} s")
    return 0 if lost == 0 and p95 < TARGET_P95 else 1


def _lost_votes(admin: str, learners: list[Learner]) -> int:
    """Votes committed in a view but missing (or different) in the class database."""
    import psycopg

    with psycopg.connect(admin) as db:
        rows = dict(db.execute("SELECT pseudonym, choice FROM votes WHERE point = %s",
                               (point_id(CASE, POINT),)).fetchall())
    return sum(rows.get(lr.link.pseudonym) != lr.choice for lr in learners)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--url", help="a PostgreSQL owner's URL (default: see above)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    os.environ.pop("COURSEKIT_CLASS_DB", None)
    with class_database(args.url, connections=args.learners + 40) as admin:
        return asyncio.run(run(admin, args.learners, args.seed))


if __name__ == "__main__":
    sys.exit(main())
