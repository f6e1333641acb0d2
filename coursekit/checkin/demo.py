"""The ``check_in:`` section of a sample person: the weeks since the first sessions.

Format (every part optional; dates as ``YYYY-MM-DD`` or ``+N`` / ``-N`` days from the day
the demo runs, which is the day of the check-in)::

    check_in:
      day: 2025-03-17         # the day of the check-in (default: the day the demo runs)
      started: -42            # the first sessions: the first map and first answers date from then
      predictions:            # case/decision point: as-predicted, partly or not
        the-first-step/after-the-talk: partly
      differences: What the learner takes from the differences (private).
      in_the_way: What got in the way of the steps (private).
      steps:                  # what became of the plan's steps, by title, in order
        - {title: Volunteer for the customer-complaints review, moved_to: +5, moved_on: -3}
        - {title: Email Lena at the Lyon site and ask for half an hour, done: -38}
      network:                # the map since the first map (names, as in the network)
        people: [{name: Oren Baptiste, strength: 3, last_contact: -9}]
        contacts: [{name: ..., inside: false, ...}]     # people met since
        ties: [{a: Oren Baptiste, b: Marc Aubert, strength: 3}]
      check_in_done: true     # the check-in itself ticked off today
      next_step: {title: ..., due: +7, if: ..., then: ...}

Steps marked ``done: true`` in the plan keep that; their history is dated on their due day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any

from pydantic import Field, model_validator

from .._errors import ContentError, Problem
from .._problems import Places
from .._schema import ContentModel, Flag, fail, validate
from ..network.duplicates import normalise_name
from ..network.model import Network
from ..network.records import NETWORK_TYPES, Contact
from ..network.storage import FIRST_MAP, load_network, save_contact, save_tie
from ..planning import list_steps, mark_done, redate_step
from ..planning.demo import Day, Needed, Title, Words
from ..store import LearnerStore
from .plan import add_next_step, record_check_in
from .predictions import DIFFERENCES_KEY, EXERCISE, JUDGEMENTS, judge, prediction_rows

PLACE = "check_in"
IN_THE_WAY_KEY = "reflection:in-the-way"


class StepEvent(ContentModel):
    """What became of one plan step: moved to another day (on a day), or done (on a day)."""

    title: Annotated[Title, Needed]
    moved_to: Day = None
    moved_on: Day = None
    done: Day = None

    @model_validator(mode="after")
    def _one_thing(self) -> StepEvent:
        if (self.moved_to is None) == (self.done is None):
            fail("says neither or both of moved_to and done", "give one: moved_to: +N "
                 "(with moved_on: the day it was moved) or done: the day it was done",
                 "title")
        return self


class PersonChange(ContentModel):
    """A contact of the first map, changed since: closer or further, seen again."""

    name: Annotated[Title, Needed]
    strength: Annotated[int, Field(strict=True, ge=1, le=5)] | None = None
    last_contact: Day = None


class NewContact(ContentModel):
    """Someone met since the first map (the fields of a sample network's contact)."""

    name: Annotated[Title, Needed]
    inside: Flag | None = None
    organisation: Title = ""
    sector: Title = ""
    function: Title = ""
    role: Title = ""
    seniority: Annotated[int, Field(strict=True, ge=-5, le=5)] | None = None
    types: tuple[Annotated[str, Field(pattern="^(" + "|".join(NETWORK_TYPES) + ")$")], ...] = ()
    strength: Annotated[int, Field(strict=True, ge=1, le=5)] = 1
    last_contact: Day = None


class NameTie(ContentModel):
    """A tie between two people, by name."""

    a: Annotated[Title, Needed]
    b: Annotated[Title, Needed]
    strength: Annotated[int, Field(strict=True, ge=0, le=5)] = 2


class NetworkSince(ContentModel):
    """The map's changes since the first map."""

    people: tuple[PersonChange, ...] = ()
    contacts: tuple[NewContact, ...] = ()
    ties: tuple[NameTie, ...] = ()


class NextStep(ContentModel):
    """The next step, dated, with its if-then plan."""

    title: Annotated[Title, Needed]
    due: Day
    if_obstacle: Annotated[Words, Needed] = Field(alias="if")
    then_response: Annotated[Words, Needed] = Field(alias="then")


class CheckInSection(ContentModel):
    """A sample person's ``check_in:`` section (see the module docstring)."""

    day: Day = None
    started: Day = None
    predictions: dict[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")],
                      Annotated[str, Field(pattern="^(" + "|".join(JUDGEMENTS) + ")$")]] = {}
    differences: Words = ""
    in_the_way: Words = ""
    steps: tuple[StepEvent, ...] = ()
    network: NetworkSince | None = None
    check_in_done: Flag = False
    next_step: NextStep | None = None


def _stamp(day: dt.date, hour: int = 9) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00.000+00:00"


def _by_name(network: Network) -> dict[str, Contact]:
    return {normalise_name(c.name): c for c in network.contact_list()}


def _problems(store: LearnerStore, section: CheckInSection, file: str) -> list[Problem]:
    """What the section names that the person's other sections did not write."""
    def problem(place: str, what: str, fix: str) -> Problem:
        return Problem(file, f"{PLACE}: {place}", what, fix)

    found = []
    for key in section.predictions:
        case_id, decision_id = key.split("/")
        predicted = {(r.case_id, r.decision_id) for r in prediction_rows(store) if r.predicted}
        if (case_id, decision_id) not in predicted:
            found.append(problem(f"predictions: {key}", "is not a prediction this person made",
                                 "judge only decision points with a decision in entries"))
    titles = {s.title for s in list_steps(store)}
    found += [problem(f"steps[{i}]: title", f"'{e.title}' is not a step of this person's "
                      "plan", "use the title of a step under plan: steps")
              for i, e in enumerate(section.steps) if e.title not in titles]
    if section.network is not None:
        names = set(_by_name(load_network(store))) | {normalise_name(c.name)
                                                      for c in section.network.contacts}
        fix = "use a name from the person's network, or add them under network: contacts"
        found += [problem(f"network: people[{i}]: name", f"'{c.name}' is not in the network",
                          fix) for i, c in enumerate(section.network.people)
                  if normalise_name(c.name) not in names]
        found += [problem(f"network: ties[{i}]: {end}", f"'{name}' is not in the network", fix)
                  for i, t in enumerate(section.network.ties)
                  for end, name in (("a", t.a), ("b", t.b)) if normalise_name(name) not in names]
    return found


def _date_the_past(store: LearnerStore, started: dt.date | None, today: dt.date) -> None:
    """Date the first map, the first answers and the plan's ticks as the section says."""
    with store.transaction() as conn:
        if started is not None:
            conn.execute("UPDATE network_snapshots SET taken_at = ? WHERE label = ?",
                         (_stamp(started), FIRST_MAP))
            # every attempt but each questionnaire's latest retake dates from the start
            conn.execute(
                "UPDATE assessment_attempts SET started_at = ?, finished_at = ? WHERE "
                "attempt_id NOT IN (SELECT MAX(attempt_id) FROM assessment_attempts "
                "GROUP BY instrument HAVING COUNT(*) > 1)", (_stamp(started), _stamp(started, 10)))
            conn.execute("UPDATE assessment_attempts SET started_at = ? WHERE attempt_id IN "
                         "(SELECT MAX(attempt_id) FROM assessment_attempts GROUP BY instrument "
                         "HAVING COUNT(*) > 1)", (_stamp(today),))
        conn.execute("UPDATE plan_step_history SET changed_at = new_value || "
                     "'T17:00:00.000+00:00' WHERE change = 'done' AND new_value IS NOT NULL")


def fill_check_in(store: LearnerStore, data: Any, file: str,
                  today: dt.date | None = None) -> None:
    """Validate a ``check_in:`` section and write it into ``store`` (after the other sections).

    Raises
    ------
    ContentError
        Every problem with its place (``check_in: steps[1]: title``): an unknown step or
        contact, a prediction that was never made, a value off its scale.
    """
    today = today or dt.date.today()
    places = Places(prefix=(PLACE,))
    section = validate(CheckInSection, data, file, places=places, context={"today": today})
    today = section.day or today
    problems = _problems(store, section, file)
    if problems:
        raise ContentError(problems)
    _date_the_past(store, section.started, today)
    for key, verdict in section.predictions.items():
        case_id, decision_id = key.split("/")
        judge(store, case_id, decision_id, verdict)
    for key, text in ((DIFFERENCES_KEY, section.differences),
                      (IN_THE_WAY_KEY, section.in_the_way)):
        if text:
            store.save(EXERCISE, key, text, kind="reflection")
    steps = {s.title: s for s in list_steps(store)}
    for event in section.steps:
        step = steps[event.title]
        if event.moved_to is not None:
            redate_step(store, step.id, event.moved_to)
            with store.transaction() as conn:
                conn.execute("UPDATE plan_step_history SET changed_at = ? WHERE id = (SELECT "
                             "MAX(id) FROM plan_step_history WHERE step_id = ?)",
                             (_stamp(event.moved_on or today, 12), step.id))
        else:
            mark_done(store, step.id, on=event.done)
    if section.network is not None:
        _apply_network(store, section.network)
    if section.check_in_done:
        record_check_in(store, today=today)
    _date_the_past(store, None, today)
    if section.next_step is not None:
        n = section.next_step
        add_next_step(store, n.title, due=n.due, if_obstacle=n.if_obstacle,
                      then_response=n.then_response, today=today)


def _apply_network(store: LearnerStore, since: NetworkSince) -> None:
    people = _by_name(load_network(store))
    for change in since.people:
        contact = people[normalise_name(change.name)]
        if change.strength is not None:
            contact = replace(contact, strength=change.strength)
        if change.last_contact is not None:
            contact = replace(contact, last_contact=change.last_contact)
        save_contact(store, contact)
    for new in since.contacts:
        save_contact(store, Contact("", **new.model_dump()))
    people = _by_name(load_network(store))
    for tie in since.ties:
        save_tie(store, people[normalise_name(tie.a)].id, people[normalise_name(tie.b)].id,
                 tie.strength)


__all__ = ["CheckInSection", "IN_THE_WAY_KEY", "fill_check_in"]
