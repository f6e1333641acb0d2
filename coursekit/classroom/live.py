"""The live class poll in the class database: votes, the tally, reveals and sections.

In a class with a class database a learner's committed prediction is a *vote*: the option
id chosen at a decision point, under the learner's pseudonym, nothing else. The instructor
sees the tally as votes arrive, *reveals* a decision point when the class has argued it
out (then every learner's notebook shows what happened), and starts the next *section* of
the class (a new round: an empty tally, every outcome hidden again for those who have not
seen it). Votes of earlier sections stay in the database.

A decision point is named ``<case id>/<decision id>`` (:func:`point_id`). The tables are in
:mod:`coursekit.classroom.class_store`; who may do what, in :mod:`coursekit.classroom.roles`.

Examples
--------
>>> from coursekit.classroom.class_store import open_class_store
>>> poll = LivePoll(open_class_store(":memory:"), "my-course")
>>> for who, choice in [("p-1", "never"), ("p-2", "never"), ("p-3", "gets-it")]:
...     poll.vote(who, "the-career-impasse/the-promised-role", choice)
>>> room = poll.room()
>>> room.section, room.counts["the-career-impasse/the-promised-role"]
(1, {'gets-it': 1, 'never': 2})
>>> poll.reveal("the-career-impasse/the-promised-role")
>>> poll.revealed()
{'the-career-impasse/the-promised-role'}
>>> poll.next_section(), poll.revealed(), poll.room().voters
(2, set(), 0)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._errors import StoreError
from .class_store import ClassStore, redact
from .handin_format import now_utc

_SECTION = "COALESCE((SELECT round FROM class_rounds WHERE course = ?), 1)"


def point_id(case_id: str, decision_id: str) -> str:
    """The name of a decision point in the class poll.

    >>> point_id("the-first-step", "after-the-talk")
    'the-first-step/after-the-talk'
    """
    return f"{case_id}/{decision_id}"


class RefusedError(StoreError):
    """The class database answered, and this login may not do that (a role's limit).

    Asking again will not help, unlike a database that does not answer.
    """


def _database_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(errors meaning "not allowed", every database error)."""
    try:
        import psycopg
    except ImportError:
        return (), (sqlite3.Error,)
    return (psycopg.errors.InsufficientPrivilege,), (sqlite3.Error, psycopg.Error)


@contextmanager
def answering(store: ClassStore, doing: str) -> Iterator[None]:
    """Turn a database failure into a :class:`StoreError` that says what failed and where.

    A refusal by the login's role is a :class:`RefusedError`.
    """
    refusals, errors = _database_errors()
    try:
        yield
    except errors as exc:
        detail = redact(" ".join(str(exc).split()) or type(exc).__name__)[:300]
        if isinstance(exc, refusals):
            raise RefusedError(f"The class database {redact(store.url)} does not let this "
                               f"login do that ({doing}): {detail}") from None
        raise StoreError(f"The class database {redact(store.url)} refused or did not answer "
                         f"while {doing}: {detail}") from None


@dataclass(frozen=True)
class RoomState:
    """What the instructor's room shows: the section, the tally and what is revealed.

    Attributes
    ----------
    section : int
        The current section (round) of the class, from 1.
    counts : dict
        ``{point: {option id: votes}}`` of this section, unsuppressed: the view hides
        small groups (:func:`coursekit.classroom.dashboard.suppress_poll`).
    revealed : dict
        ``{point: time revealed (UTC, ISO)}`` of this section.
    voters : int
        How many learners have voted at one point or more in this section.
    """

    section: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    revealed: dict[str, str] = field(default_factory=dict)
    voters: int = 0

    def table(self, point: str) -> pd.DataFrame:
        """The votes at ``point`` as ``point, choice, count`` rows."""
        rows = [(point, choice, n) for choice, n in sorted(self.counts.get(point, {}).items())]
        return pd.DataFrame(rows, columns=["point", "choice", "count"])


class LivePoll:
    """The live poll of one course in a class store (SQLite or PostgreSQL).

    Every method is one short statement or a few reads; a failure is a :class:`StoreError`
    and changes nothing.
    """

    def __init__(self, store: ClassStore, course: str):
        self.store, self.course = store, course

    def _read(self, sql: str, params: tuple, doing: str) -> list[tuple]:
        with answering(self.store, doing):
            return self.store._rows(self.store._sql(sql), params)

    def _write(self, sql: str, params: tuple, doing: str) -> None:
        with answering(self.store, doing), self.store._transaction() as cur:
            cur.execute(self.store._sql(sql), params)

    # -- learners --------------------------------------------------------------------------

    def vote(self, pseudonym: str, point: str, choice: str) -> None:
        """Record (or change) a learner's vote at ``point`` in the current section."""
        with answering(self.store, "recording your vote"):
            self.store.claim(pseudonym)
        self._write(
            "INSERT INTO votes (course, round, point, pseudonym, choice, voted_at) "
            f"SELECT ?, {_SECTION}, ?, ?, ?, ? WHERE 1 = 1 "
            "ON CONFLICT (course, round, point, pseudonym) DO UPDATE SET "
            "choice = excluded.choice, voted_at = excluded.voted_at",
            (self.course, self.course, point, pseudonym, choice, now_utc()),
            "recording your vote")

    def revealed(self) -> set[str]:
        """The decision points revealed in the current section."""
        rows = self._read(f"SELECT point FROM reveals WHERE course = ? AND round = {_SECTION}",
                          (self.course, self.course), "asking what is revealed")
        return {point for (point,) in rows}

    # -- the instructor --------------------------------------------------------------------

    def section(self) -> int:
        """The current section (round) of the class, from 1."""
        rows = self._read(f"SELECT {_SECTION}", (self.course,), "reading the section")
        return int(rows[0][0])

    def room(self) -> RoomState:
        """The tally, the reveals and the section, as the instructor's room shows them."""
        section = self.section()
        votes = self._read("SELECT point, choice, COUNT(*) FROM votes WHERE course = ? AND "
                           "round = ? GROUP BY point, choice", (self.course, section),
                           "reading the votes")
        voters = self._read("SELECT COUNT(DISTINCT pseudonym) FROM votes WHERE course = ? "
                            "AND round = ?", (self.course, section), "counting the voters")
        shown = self._read("SELECT point, revealed_at FROM reveals WHERE course = ? AND "
                           "round = ?", (self.course, section), "reading the reveals")
        counts: dict[str, dict[str, int]] = {}
        for point, choice, n in votes:
            counts.setdefault(point, {})[choice] = int(n)
        return RoomState(section, counts, dict(shown), int(voters[0][0]))

    def reveal(self, *points: str) -> None:
        """Reveal decision points: every learner's notebook shows what happened there."""
        self.reveal_all(points)

    def reveal_all(self, points: Iterable[str]) -> None:
        """Reveal every decision point in ``points`` (in one transaction)."""
        sql = self.store._sql(
            "INSERT INTO reveals (course, round, point, revealed_at) "
            f"SELECT ?, {_SECTION}, ?, ? WHERE 1 = 1 "
            "ON CONFLICT (course, round, point) DO NOTHING")
        at = now_utc()
        with answering(self.store, "revealing"), self.store._transaction() as cur:
            for point in points:
                cur.execute(sql, (self.course, self.course, point, at))

    def next_section(self) -> int:
        """Start the next section: an empty tally, nothing revealed. Returns its number."""
        self._write("INSERT INTO class_rounds (course, round, started_at) VALUES (?, 2, ?) "
                    "ON CONFLICT (course) DO UPDATE SET round = class_rounds.round + 1, "
                    "started_at = excluded.started_at", (self.course, now_utc()),
                    "starting the next section")
        return self.section()


# -- what the room shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class TallyRow:
    """One option of a decision point in the room: its votes, or None when hidden."""

    option: str
    label: str
    count: int | None
    share: float | None
    hidden: bool


@dataclass(frozen=True)
class PointTally:
    """A decision point's tally, small groups hidden (:data:`dashboard.MIN_GROUP`).

    ``votes`` is the number who voted there, None while it is under the smallest group
    shown (then every option is hidden).
    """

    point: str
    votes: int | None
    rows: tuple[TallyRow, ...]


def tally(state: RoomState, point: str, options: Iterable[tuple[str, str]]) -> PointTally:
    """The tally of ``point`` for the room: every option (id, label), small groups hidden.

    While fewer than :data:`~coursekit.classroom.dashboard.MIN_GROUP` have voted, every
    option is hidden, those with no vote too.

    >>> state = RoomState(1, {"q": {"a": 9, "b": 6, "c": 2}})
    >>> t = tally(state, "q", [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")])
    >>> t.votes, [(r.option, r.count, r.hidden) for r in t.rows]
    (17, [('a', 9, False), ('b', None, True), ('c', None, True), ('d', 0, False)])
    """
    from .dashboard import MIN_GROUP, suppress_poll

    polled = suppress_poll(state.table(point)).set_index("choice")
    total = sum(state.counts.get(point, {}).values())
    rows = []
    for option, label in options:
        if 0 < total < MIN_GROUP:  # an option's "0" would tell what the few others chose
            rows.append(TallyRow(option, label, None, None, True))
        elif option not in polled.index:
            rows.append(TallyRow(option, label, 0, 0.0 if total else None, False))
        else:
            row = polled.loc[option]
            hidden = bool(row["hidden"])
            rows.append(TallyRow(option, label, None if hidden else int(row["count"]),
                                 None if hidden else float(row["share"]), hidden))
    shown_total = None if polled.empty or pd.isna(polled["respondents"].iloc[0]) else total
    return PointTally(point, shown_total if total else 0, tuple(rows))


def course_points(course: str | None = None) -> list[tuple[Any, Any]]:
    """Every decision point of the course's cases, as ``(case, decision)``, in course order."""
    from ..cases import load_case
    from ..course import load_course

    plan = load_course(course)
    case_ids = [e.removeprefix("case:") for part in plan.parts for e in part.exercises
                if e.startswith("case:")]
    cases = [load_case(case_id, plan.root) for case_id in dict.fromkeys(case_ids)]
    return [(case, decision) for case in cases for decision in case.decisions]
