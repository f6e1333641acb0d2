"""The ``between_sessions:`` section of a sample person, validated and written to the store.

Format (every part optional; dates as ``YYYY-MM-DD`` or ``+N`` / ``-N`` days from the day
the demo runs)::

    between_sessions:
      energy_log:
        - {day: -41, activity: Monthly audit report, engagement: 2, energy: -2}
      patterns: What the log shows (a private reflection).
      experiments:
        - {what: ..., planned: -35, tried: -27, verdict: more, learned: ...}
      conversations:
        - {person: ..., path: ..., planned: -26, held: -24, learned: ...}

A conversation whose person has the name of a contact in the person's network is linked to
that contact.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from .._problems import Places
from .._schema import ContentModel, fail, validate
from ..planning.demo import Day, Needed, Title, Words
from ..store import LearnerStore
from .conversations import add_conversation, find_contact
from .energy import add_energy, save_patterns
from .experiments import add_experiment
from .model import save_learned

PLACE = "between_sessions"


class EnergyRow(ContentModel):
    """One logged activity."""

    day: Day
    activity: Annotated[Title, Needed]
    engagement: Annotated[int, Field(strict=True, ge=1, le=5)]
    energy: Annotated[int, Field(strict=True, ge=-2, le=2)]

    @model_validator(mode="after")
    def _has_a_day(self) -> EnergyRow:
        if self.day is None:
            fail("is missing", "write the day: YYYY-MM-DD or -N days from today", "day")
        return self


class ExperimentRow(ContentModel):
    """One small experiment."""

    what: Annotated[Title, Needed]
    planned: Day = None
    tried: Day = None
    verdict: Literal["more", "change", "stop"] | None = None
    learned: Words = ""


class ConversationRow(ContentModel):
    """One prototype conversation."""

    person: Annotated[Title, Needed]
    path: Title = ""
    planned: Day = None
    held: Day = None
    learned: Words = ""


class BetweenSessionsSection(ContentModel):
    """A sample person's ``between_sessions:`` section (see the module docstring)."""

    energy_log: tuple[EnergyRow, ...] = ()
    patterns: Words = ""
    experiments: tuple[ExperimentRow, ...] = ()
    conversations: tuple[ConversationRow, ...] = ()


def fill_between_sessions(store: LearnerStore, data: Any, file: str,
                          today: dt.date | None = None) -> None:
    """Validate a ``between_sessions:`` section and write it into ``store``.

    Raises
    ------
    ContentError
        Listing every problem with its place (``between_sessions: energy_log[2]: energy``).
    """
    section = validate(BetweenSessionsSection, data, file, places=Places(prefix=(PLACE,)),
                       context={"today": today})
    for row in section.energy_log:
        add_energy(store, row.day, row.activity, engagement=row.engagement, energy=row.energy)
    save_patterns(store, section.patterns)
    for e in section.experiments:
        added = add_experiment(store, e.what, planned_on=e.planned, tried_on=e.tried,
                               verdict=e.verdict or "")
        save_learned(store, "experiment", added.id, e.learned)
    for c in section.conversations:
        talk = add_conversation(store, c.person, path=c.path, planned_on=c.planned,
                                held_on=c.held, contact=find_contact(store, c.person))
        save_learned(store, "conversation", talk.id, c.learned)
