"""A learner's side of the live class: votes sent as they commit, reveals as they come.

*Class mode* is on when the learner's server has a class database (``COURSEKIT_CLASS_DB``)
and the store is the learner's own (not demo). Then, in each kernel, one :class:`ClassLink`
per learner store:

- **sends** a committed prediction to the class poll at once: the option id and the
  learner's pseudonym, nothing else (never the reason written beside it). It is first
  kept in the learner store as ``poll:<decision>`` (``sent_at`` empty), so a vote made while
  the database does not answer is sent when it answers again, even after a restart. A
  learner may opt out (:func:`set_opted_out`, remembered in the store): then nothing goes.
- **watches** the decision points of the open notebook: when the instructor reveals one,
  ``revealed:<decision>`` is saved in the learner store, and the views that follow the
  store show what happened, without a reload. A reveal once seen stays seen.

The database work runs on a light timer in a thread (:mod:`coursekit.classroom.poller`);
everything that changes the store or a widget runs on the kernel's event loop.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._errors import StoreError
from ..store import LearnerStore
from .class_store import ClassStore, class_db_url, open_class_store
from .handin_format import now_utc
from .live import LivePoll, RefusedError, point_id
from .poller import Poller, Tick

if TYPE_CHECKING:
    from ..cases import Case, DecisionPoint

#: Seconds between two questions to the class database while something waits.
POLL_SECONDS = 1.0
#: Seconds before asking again after the class database did not answer.
RETRY_SECONDS = 3.0
#: The learner store's setting (``meta``) that keeps the learner's votes out of the poll.
OPT_OUT_META = "class_poll_opt_out"

_LINKS: weakref.WeakKeyDictionary[LearnerStore, ClassLink] = weakref.WeakKeyDictionary()
_LINKS_LOCK = threading.Lock()


def class_mode(store: LearnerStore) -> bool:
    """Whether this store's learner is in a live class (a class database, not demo mode)."""
    return not store.demo and (class_db_url() is not None or store in _LINKS)


def opted_out(store: LearnerStore) -> bool:
    """Whether the learner chose to keep their predictions out of the class poll."""
    return store.meta(OPT_OUT_META) == "1"


def set_opted_out(store: LearnerStore, value: bool) -> None:
    """Keep the learner's predictions out of the class poll (True), or send them (False).

    Opting out also drops the votes not sent yet; votes already sent stay in the poll.
    """
    store.set_meta(OPT_OUT_META, "1" if value else "0")
    if value:
        link = _LINKS.get(store)
        if link is not None:
            link.drop_queued()


@dataclass
class LinkNews:
    """What one round found: votes now in the poll, points revealed, or what went wrong."""

    sent: dict[str, tuple[str, str]] = field(default_factory=dict)  # point -> (choice, at)
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)  # point -> (choice, why)
    revealed: set[str] = field(default_factory=set)
    problem: str | None = None


class ClassLink:
    """One kernel's link between a learner store and the class poll (see the module)."""

    def __init__(self, store: LearnerStore, url: str, course: str, *,
                 loop: asyncio.AbstractEventLoop | None | str = "running",
                 interval: float | None = None,
                 retry: float | None = None):
        from .handin import pseudonym

        self.store, self.url, self.course = store, url, course
        self.interval = POLL_SECONDS if interval is None else interval
        self.retry = RETRY_SECONDS if retry is None else retry
        self.pseudonym = pseudonym(store)
        #: The last failure to reach the class database, or None once it answers.
        self.problem: str | None = None
        #: Rounds that reached the database; when each vote was stored (``perf_counter``).
        self.rounds = 0
        self.stored_at: dict[str, float] = {}
        self._lock = threading.Lock()
        self._outbox: dict[str, str] = {}  # point -> choice, not yet in the poll
        self._watched: set[str] = set()
        self._listeners: list[Callable[[ClassLink], None]] = []
        self._db: ClassStore | None = None  # used by the thread only
        for exercise, key, value in store.read(
                "SELECT exercise, key, value FROM entries WHERE key LIKE 'poll:%'"):
            vote = json.loads(value)
            if isinstance(vote, dict) and not vote.get("sent_at") and vote.get("choice") \
                    and not vote.get("refused"):
                self._outbox[point_id(exercise.removeprefix("case:"),
                                      key.removeprefix("poll:"))] = vote["choice"]
        self.poller = Poller(self._work, self._apply, loop=loop, name="coursekit-class-poll")
        if self._outbox:
            self.poller.wake()

    # -- what views call (the kernel's thread) ---------------------------------------------

    def send(self, case: Case, decision: DecisionPoint, choice: str) -> bool:
        """Queue a committed prediction for the poll (False: the learner opted out)."""
        if opted_out(self.store):
            return False
        self.store.save(case.exercise, f"poll:{decision.id}", {"choice": choice,
                                                                "sent_at": None})
        with self._lock:
            self._outbox[point_id(case.id, decision.id)] = choice
        self.poller.wake()
        return True

    def watch(self, case: Case, decision: DecisionPoint) -> None:
        """Look out for the instructor's reveal of ``decision`` (until it is seen)."""
        if self.store.load(case.exercise, f"revealed:{decision.id}") is not None:
            return
        with self._lock:
            self._watched.add(point_id(case.id, decision.id))
        self.poller.wake()

    def queued(self, case: Case, decision: DecisionPoint) -> bool:
        """Whether a vote at ``decision`` waits to be sent."""
        with self._lock:
            return point_id(case.id, decision.id) in self._outbox

    def sent_at(self, case: Case, decision: DecisionPoint) -> str | None:
        """When the vote at ``decision`` reached the poll (UTC, ISO), or None."""
        vote = self.store.load(case.exercise, f"poll:{decision.id}")
        return vote.get("sent_at") if isinstance(vote, dict) else None

    def refused(self, case: Case, decision: DecisionPoint) -> str | None:
        """Why the class database refused the vote at ``decision`` for good, or None."""
        vote = self.store.load(case.exercise, f"poll:{decision.id}")
        return vote.get("refused") if isinstance(vote, dict) else None

    def drop_queued(self) -> None:
        """Forget the votes not sent yet (the learner opted out)."""
        with self._lock:
            dropped, self._outbox = self._outbox, {}
        for point in dropped:
            case_id, decision_id = point.split("/", 1)
            self.store.delete(f"case:{case_id}", f"poll:{decision_id}")
        self._notify()

    def stop(self) -> None:
        """Stop asking the class database (the votes still queued stay in the store)."""
        self.poller.stop()
        self._close()

    def on_change(self, callback: Callable[[ClassLink], None]) -> None:
        """Call ``callback(link)`` after each round that changed something."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback(self)

    # -- the timer's round (a background thread) -------------------------------------------

    def _work(self) -> Tick:
        with self._lock:
            outbox, watched = dict(self._outbox), set(self._watched)
        if not outbox and not watched:
            self._close()
            return Tick(None, None)  # rest until a view wakes the timer
        news = LinkNews()
        try:
            if self._db is None:
                self._db = open_class_store(self.url)
            poll = LivePoll(self._db, self.course)
            for point, choice in outbox.items():
                try:
                    poll.vote(self.pseudonym, point, choice)
                except RefusedError as exc:  # e.g. an instructor's login: it will not change
                    news.refused[point] = (choice, str(exc))
                    continue
                self.stored_at[point] = time.perf_counter()
                news.sent[point] = (choice, now_utc())
            if watched:
                news.revealed = poll.revealed() & watched
        except (StoreError, OSError) as exc:
            self._close()
            news.problem = str(exc)
            return Tick(news, self.retry)
        return Tick(news, self.interval)

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()  # psycopg and sqlite3 close a dead connection without a word

    # -- the news shown (the kernel's event loop) ------------------------------------------

    def _apply(self, news: LinkNews) -> None:
        changed = news.problem != self.problem or bool(news.sent or news.revealed
                                                        or news.refused)
        self.problem = news.problem
        self.rounds += news.problem is None
        try:
            for point, (choice, at) in news.sent.items():
                case_id, decision_id = point.split("/", 1)
                with self._lock:
                    if self._outbox.get(point) == choice:
                        del self._outbox[point]
                self.store.save(f"case:{case_id}", f"poll:{decision_id}",
                                {"choice": choice, "sent_at": at})
            for point, (choice, why) in news.refused.items():
                case_id, decision_id = point.split("/", 1)
                with self._lock:
                    if self._outbox.get(point) == choice:
                        del self._outbox[point]
                self.store.save(f"case:{case_id}", f"poll:{decision_id}",
                                {"choice": choice, "sent_at": None, "refused": why})
            for point in sorted(news.revealed):
                case_id, decision_id = point.split("/", 1)
                with self._lock:
                    self._watched.discard(point)
                self.store.save(f"case:{case_id}", f"revealed:{decision_id}", now_utc())
        except (StoreError, OSError, sqlite3.Error) as exc:
            self.problem = f"Your learner store could not note it: {exc}"
            changed = True
        if changed:
            self._notify()


def link_for(store: LearnerStore, url: str | None = None) -> ClassLink | None:
    """The kernel's link for ``store`` in class mode (made on first use), else None.

    ``url``: the class database (default ``$COURSEKIT_CLASS_DB``); none, or a demo store:
    no link, the learner works self-paced.
    """
    url = url or class_db_url()
    if store.demo or url is None:
        return None
    with _LINKS_LOCK:
        link = _LINKS.get(store)
        if link is None or link.url != url:
            from .handin import course_id

            link = _LINKS[store] = ClassLink(store, str(url), course_id())
    return link


def stop_links() -> None:
    """Stop every link of this process (a test's end; a kernel's threads end with it)."""
    with _LINKS_LOCK:
        links = list(_LINKS.values())
        _LINKS.clear()
    for link in links:
        link.stop()


__all__ = ["OPT_OUT_META", "POLL_SECONDS", "ClassLink", "class_mode", "link_for",
           "opted_out", "set_opted_out", "stop_links"]
