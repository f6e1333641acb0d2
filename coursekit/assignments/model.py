"""The three assignments between sessions, their records, and the private notes they share.

Each assignment is small and done away from the notebooks, between one session (an evening
alone, or a class) and the next; notebook 07, the check-in, looks back at all three.

=========================  =====================================================  ==========
assignment                 what the learner does                                  done when
=========================  =====================================================  ==========
prototype-conversations    two short talks with people who live a path they are    2 held
                           curious about (Burnett and Evans 2016)
small-experiment           one new activity or role tried on a small scale         1 tried
                           (Ibarra 2003: "crafting experiments")
energy-log                 a week of activities, each with how engaged they were   5 days
                           and what it did to their energy (after Burnett and
                           Evans's Good Time Journal)
=========================  =====================================================  ==========

What the learner learned from a conversation or an experiment is a private reflection,
saved as an entry under :data:`EXERCISE` (``learned:conversation-<id>``), so it follows the
course's rule for reflections: private, in a report or hand-in only when ticked, and a
ticked one that names a person stops the hand-in until the name is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .._errors import NotFoundError
from ..store import LearnerStore

#: The exercise id the assignments' entries are saved under.
EXERCISE = "between-sessions"


@dataclass(frozen=True)
class Assignment:
    """One assignment: its id, title, a one-line summary, and how much makes it done."""

    id: str
    title: str
    summary: str
    target: int
    unit: tuple[str, str]  # what is counted toward the target: one, many

    def count_words(self, count: int) -> str:
        """Progress in words: ``1 of 2 conversations held``, ``0 of 1 experiment tried``."""
        return f"{min(count, self.target)} of {self.target} {self.unit[self.target != 1]}"


#: The assignments, in the order the course sets them.
ASSIGNMENTS: dict[str, Assignment] = {a.id: a for a in (
    Assignment("energy-log", "A week's energy log",
               "Note what you do each day, how engaged you were and what it did to your "
               "energy.", 5, ("day logged", "days logged")),
    Assignment("small-experiment", "A small experiment",
               "Try a new activity or role on a small scale, then say what it taught you.",
               1, ("experiment tried", "experiments tried")),
    Assignment("prototype-conversations", "Two prototype conversations",
               "Talk with two people who live a path you are curious about.", 2,
               ("conversation held", "conversations held")),
)}


def assignment(assignment_id: str) -> Assignment:
    """The assignment with this id.

    Raises
    ------
    NotFoundError
        No assignment has that id; the fix lists those that exist.
    """
    if assignment_id not in ASSIGNMENTS:
        raise NotFoundError("assignment", assignment_id, list(ASSIGNMENTS))
    return ASSIGNMENTS[assignment_id]


@dataclass(frozen=True)
class Conversation:
    """A prototype conversation: with whom, about which path, when, and what was learned."""

    id: int
    person: str
    path: str = ""
    planned_on: date | None = None
    held_on: date | None = None
    contact: str | None = None
    learned: str = ""

    @property
    def held(self) -> bool:
        """True once the learner gave the day it was held."""
        return self.held_on is not None


@dataclass(frozen=True)
class Experiment:
    """A small experiment: what, planned and tried when, the verdict and what was learned."""

    id: int
    what: str
    planned_on: date | None = None
    tried_on: date | None = None
    verdict: str = ""
    learned: str = ""

    @property
    def tried(self) -> bool:
        """True once the learner gave the day they tried it."""
        return self.tried_on is not None


#: What the learner makes of an experiment once tried (stored id, words shown).
VERDICTS: dict[str, str] = {
    "more": "Do more of it",
    "change": "Try it another way",
    "stop": "Not for me",
}


def learned_key(kind: str, record_id: int) -> str:
    """The entry key of what was learned from a conversation or an experiment."""
    return f"learned:{kind}-{record_id}"


def save_learned(store: LearnerStore, kind: str, record_id: int, text: str) -> None:
    """Save (or, when empty, remove) what was learned: a private reflection."""
    key = learned_key(kind, record_id)
    if (text or "").strip():
        store.save(EXERCISE, key, text, kind="reflection")
    else:
        store.delete(EXERCISE, key)


def learned_texts(store: LearnerStore, kind: str) -> dict[int, str]:
    """What was learned from each record of a kind, by record id."""
    prefix = f"learned:{kind}-"
    return {int(key[len(prefix):]): text
            for key, text in store.load_exercise(EXERCISE, kind="reflection").items()
            if key.startswith(prefix) and key[len(prefix):].isdigit()
            and isinstance(text, str)}


__all__ = ["ASSIGNMENTS", "EXERCISE", "VERDICTS", "Assignment", "Conversation", "Experiment",
           "assignment", "learned_key", "learned_texts", "save_learned"]
