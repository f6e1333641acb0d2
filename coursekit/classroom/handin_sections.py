"""The reflections a learner may tick for a hand-in, and the names of people in them.

Reflections belong to many exercises, so they are gathered here. Contact names are third
parties' personal data: they never leave in a hand-in, so a ticked reflection that names a
contact stops it until each name is replaced by the person's role. A name is found when the
contact's full name appears (any case), or one part of it of three letters or more appears
as a whole word with its capital (so "Will" is found, "will" is not).

>>> import pandas as pd
>>> people = pd.DataFrame({"name": ["Sam Okafor", "Li Wei"], "role": ["former boss", ""]})
>>> [m.written for m in name_mentions("Lunch with sam okafor; then Sam again.", people)]
['sam okafor', 'Sam']
>>> replace_names("Lunch with Sam Okafor and Li Wei.", people)
'Lunch with [former boss] and [a contact].'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ..store import LearnerStore

#: What replaces the name of a contact whose role the learner did not give.
NO_ROLE = "a contact"


@dataclass(frozen=True)
class NameMention:
    """One place where a reflection names a contact."""

    written: str
    contact: str
    replacement: str
    start: int
    end: int


def _patterns(contacts: pd.DataFrame) -> list[tuple[re.Pattern[str], str, str]]:
    """Search patterns, full names first (then longest parts), with name and replacement."""
    def word(text: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", flags)

    full, parts = [], []
    roles = contacts["role"] if "role" in contacts else [""] * len(contacts)
    for name, role in zip(contacts["name"], roles, strict=False):
        name = " ".join(str(name or "").split())
        if name:
            replacement = f"[{' '.join(str(role or '').split()) or NO_ROLE}]"
            full.append((word(name, re.IGNORECASE), name, replacement))
            parts += [(word(part), name, replacement) for part in re.split(r"[\s,.\-']+", name)
                      if len(part) >= 3 and part[0].isupper()]
    parts.sort(key=lambda p: -len(p[0].pattern))
    return full + parts


def name_mentions(text: str, contacts: pd.DataFrame) -> list[NameMention]:
    """Where ``text`` names someone of ``contacts`` (``name``, ``role``): in order, no overlap."""
    found: list[NameMention] = []
    for pattern, name, replacement in _patterns(contacts):
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(start < m.end and m.start < end for m in found):
                found.append(NameMention(match.group(0), name, replacement, start, end))
    return sorted(found, key=lambda m: m.start)


def replace_names(text: str, contacts: pd.DataFrame) -> str:
    """``text`` with each mention of a contact replaced by ``[their role]``."""
    for mention in reversed(name_mentions(text, contacts)):
        text = text[:mention.start] + mention.replacement + text[mention.end:]
    return text


def people_named(store: LearnerStore) -> pd.DataFrame:
    """Everyone whose name the learner wrote in an exercise (``name``, ``role``).

    The network's contacts and the people of the prototype conversations: each exercise
    says whom it holds (:meth:`coursekit.exercises.Exercise.people`).
    """
    from ..exercises import exercises

    rows = [person for exercise in exercises() for person in exercise.people(store)]
    return pd.DataFrame(rows, columns=["name", "role"])


@dataclass(frozen=True)
class ReflectionRef:
    """One reflection the learner may tick to share: where it is, its text and its label."""

    exercise: str
    key: str
    text: str

    @cached_property
    def words(self) -> tuple[str, str]:
        """The exercise's title ("" for one the course dropped) and the question, in words."""
        return reflection_words(self.exercise, self.key)

    @property
    def label(self) -> str:
        """The exercise and the question, in words."""
        return ": ".join(w for w in self.words if w)

    @property
    def question(self) -> str:
        """The question alone, shown beside the tick box (its exercise heads the group)."""
        return self.words[1]

    @property
    def exercise_title(self) -> str:
        """The title of the exercise it belongs to ("" for an exercise the course dropped)."""
        return self.words[0]


def reflection_words(exercise_id: str, key: str) -> tuple[str, str]:
    """Words for a reflection: its exercise's title and the question it answers.

    >>> reflection_words("something-removed", "reflection:why-now")  # no such exercise
    ('', 'why now')
    """
    from ..exercises import exercises

    for exercise in exercises():
        if exercise.id == exercise_id:
            return exercise.title, exercise.entry_label(key)
    return "", key.split(":", 1)[-1].replace("-", " ")


def reflection_label(exercise_id: str, key: str) -> str:
    """Words for a reflection: its exercise's title and the question it answers, in one line.

    >>> reflection_label("something-removed", "reflection:why-now")  # no such exercise
    'why now'
    """
    return ": ".join(w for w in reflection_words(exercise_id, key) if w)


def reflections(store: LearnerStore) -> list[ReflectionRef]:
    """Every non-empty reflection in the store, in the order the course asks for them."""
    from ..course import saved_reflections

    rows = saved_reflections(store)
    return [ReflectionRef(exercise, key, text) for exercise, key, value in rows
            if isinstance(text := json.loads(value), str) and text.strip()]
