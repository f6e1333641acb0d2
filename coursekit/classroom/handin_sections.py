"""The reflections a learner may tick for a hand-in, each with a label in words.

Reflections belong to many exercises, so they are gathered here (every other section of a
hand-in comes from :meth:`coursekit.exercises.Exercise.handin`). Text leaves only when the
learner ticks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..store import LearnerStore


@dataclass(frozen=True)
class ReflectionRef:
    """One reflection the learner may tick to share: where it is, its text and its label."""

    exercise: str
    key: str
    text: str

    @property
    def label(self) -> str:
        """The exercise and the question, in words, as shown beside the tick box."""
        return reflection_label(self.exercise, self.key)


def reflection_label(exercise_id: str, key: str) -> str:
    """Words for a reflection: its exercise's title and the question it answers.

    Examples
    --------
    >>> reflection_label("case:the-career-impasse", "reflection:two-lunches")  # doctest: +ELLIPSIS
    'The career impasse: ...'
    >>> reflection_label("something-removed", "reflection:why-now")
    'why now'
    """
    from ..exercises import exercises

    for exercise in exercises():
        if exercise.id == exercise_id:
            return f"{exercise.title}: {exercise.entry_label(key)}"
    return key.split(":", 1)[-1].replace("-", " ")


def reflections(store: LearnerStore) -> list[ReflectionRef]:
    """Every non-empty reflection in the store, in exercise and key order."""
    rows = store.read("SELECT exercise, key, value FROM entries WHERE kind = 'reflection' "
                      "ORDER BY exercise, key")
    return [ReflectionRef(exercise, key, text) for exercise, key, value in rows
            if isinstance(text := json.loads(value), str) and text.strip()]


def reflection_section(store: LearnerStore,
                       shared: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The ticked reflections only, as ``{"exercise", "key", "text"}``."""
    wanted = {(str(e), str(k)) for e, k in shared}
    return [{"exercise": r.exercise, "key": r.key, "text": r.text}
            for r in reflections(store) if (r.exercise, r.key) in wanted]
