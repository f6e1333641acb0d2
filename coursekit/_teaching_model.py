"""The teaching notes of a case: what an instructor needs to teach it in a 90-minute class.

Part of the case file's format (``teaching_notes:``, documented in ``docs/authoring.md``),
described as frozen pydantic models like the rest of the case (:mod:`coursekit._case_model`):

* ``synopsis``: the story and what it teaches, for the instructor, in a few sentences;
* ``pre_class``: what learners do before class, each task with its minutes;
* ``timing``: the blocks of the session, each with a lead question, exactly two probes, the
  answers to expect, optionally what to cut when running late (``if_late``) and the poll of
  a decision point run in it (``poll``: by hands, cards or the class dashboard);
* ``board_plan``, ``listen_for`` and ``takeaways`` (the close, in the instructor's words);
* optionally ``references``: works the notes cite that the key facts do not.

Every decision point of the case is polled in exactly one block, in story order; a poll
naming a decision the case lacks is reported with the ids it has.

Examples
--------
>>> step = TimingStep(minutes=10, title="Part 1", activity="Read part 1",
...                   lead_question="What next?", probes=("Why?", "What would it cost her?"),
...                   expect=("She waits",), if_late=LateCut(cut="Take one view per side", saves=5))
>>> step.if_late.saves
5
>>> TimingStep(minutes=10, title="Part 1", activity="Read", lead_question="What next?",
...            probes=("Why?",), expect=("x",))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for TimingStep
probes
  has 1 probe...
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, model_validator

from ._schema import (
    ContentModel,
    NonEmpty,
    Note,
    Positive,
    Text,
    fail,
    identifier,
    refers_to,
    report,
)

#: A class session, in minutes: the length every case's timing plan must add up to.
SESSION_MINUTES = 90

#: The longest block title: it labels a bar of the plan figure without being cut.
TITLE_LENGTH = 40

#: How a poll is run in class.
PollMethod = Literal["hands", "cards", "dashboard"]
#: The poll methods, in the order the notes explain them.
POLL_METHODS: tuple[str, ...] = get_args(PollMethod)

Id = Annotated[Text, identifier()]


class PreClassTask(ContentModel):
    """One thing learners do before class, and how long it takes them."""

    task: Annotated[Text, Field(description="what learners read or do before class, in a "
                                            "sentence or two")]
    minutes: Annotated[Positive, Field(description="how long it takes, in minutes")]
    questionnaire: Annotated[Id | None, Field(
        description="the id of the course questionnaire the task is (coursekit check "
                    "compares the minutes with the questionnaire's)")] = None


class LateCut(ContentModel):
    """What to cut or shorten in a block when the class runs late, and the minutes it saves."""

    cut: Annotated[Text, Field(description="what to cut or shorten, as an instruction")]
    saves: Annotated[Positive, Field(description="the minutes it saves")]


class Poll(ContentModel):
    """How to run the class's poll of one decision point, live."""

    decision: Annotated[Id, refers_to(
        "decisions", "'{value}' is not a decision point of the case",
        "use one of the decisions' ids: {known}{hint}"), Field(
        description="the id of the decision point polled")]
    method: Annotated[PollMethod, Field(description="hands, cards or dashboard")]
    run: Annotated[Text, Field(description="how to run it at this point: when learners "
                                           "commit, what goes on the board")]
    then: Annotated[Text, Field(description="what to do with the class's split before or "
                                            "after the outcome is read")]


def _two_probes(probes: tuple[str, ...]) -> tuple[str, ...]:
    if len(probes) != 2:
        fail(f"has {len(probes)} probe{'s' if len(probes) != 1 else ''}, not 2",
             "give exactly two probes: follow-up questions for when the lead question stalls "
             "or gets a quick answer")
    return probes


class TimingStep(ContentModel):
    """One block of a class session: its minutes, what happens and the questions that lead it."""

    minutes: Annotated[Positive, Field(description="the block's length in minutes")]
    title: Annotated[Text, StringConstraints(max_length=TITLE_LENGTH), Field(
        description=f"a short name for the block (at most {TITLE_LENGTH} characters), its "
                    "heading and its label in the plan figure")]
    activity: Annotated[Text, Field(description="what the class does in the block")]
    lead_question: Annotated[Text, Field(description="the question that opens the block, "
                                                     "as you would ask it")]
    probes: Annotated[tuple[Text, ...], AfterValidator(_two_probes), Field(
        description="exactly two follow-up questions, one per line starting '- '")]
    expect: Annotated[NonEmpty[Text], Field(
        description="the answers to expect, each with what to do with it, one per line "
                    "starting '- '")]
    if_late: Annotated[LateCut | None, Field(
        description="what to cut when running late: 'cut:' and 'saves:' (minutes)")] = None
    poll: Annotated[Poll | None, Field(
        description="the poll of a decision point run in this block: decision, method, run, "
                    "then")] = None

    @model_validator(mode="after")
    def _cut_fits(self) -> TimingStep:
        if self.if_late is not None and self.if_late.saves > self.minutes:
            fail(f"saves {self.if_late.saves} minutes of a {self.minutes}-minute block",
                 f"save at most {self.minutes} minutes (all of it, to drop the block)",
                 "if_late", "saves")
        return self


def _fills_a_session(timing: tuple[TimingStep, ...]) -> tuple[TimingStep, ...]:
    total = sum(step.minutes for step in timing)
    if total != SESSION_MINUTES:
        diff = SESSION_MINUTES - total
        change = f"add {diff}" if diff > 0 else f"remove {-diff}"
        fail(f"adds up to {total} minutes, not {SESSION_MINUTES}",
             f"{change} minutes so the plan fills a {SESSION_MINUTES}-minute session")
    return timing


def _something_to_cut(timing: tuple[TimingStep, ...]) -> tuple[TimingStep, ...]:
    if not any(step.if_late for step in timing):
        fail("says nowhere what to cut when the class runs late",
             "add 'if_late:' with 'cut:' (what to cut or shorten) and 'saves:' (minutes) to "
             "the blocks that can give time")
    return timing


class TeachingNotes(ContentModel):
    """The instructor's plan for a 90-minute session on the case."""

    synopsis: Annotated[Text, Field(description="a few sentences for the instructor: the "
                                                "story and what the case teaches")]
    pre_class: Annotated[NonEmpty[PreClassTask], Field(
        description="what learners read or do before class, each entry with 'task:' and "
                    "'minutes:'")]
    timing: Annotated[NonEmpty[TimingStep], AfterValidator(_fills_a_session),
                      AfterValidator(_something_to_cut), Field(
        description="the blocks of the 90-minute session")]
    board_plan: Annotated[NonEmpty[Text], Field(description="what goes where on the board")]
    listen_for: Annotated[NonEmpty[Text], Field(
        description="what to listen for in the discussion, and how to respond")]
    takeaways: Annotated[NonEmpty[Text], Field(
        description="the closing points, in your own words as you would say them to the "
                    "class")]
    references: Annotated[tuple[Text, ...], Field(
        description="full references (author, year, title, outlet) for works the notes cite "
                    "that the case's key facts do not")] = ()

    @model_validator(mode="after")
    def _every_decision_polled_once(self, info: ValidationInfo) -> TeachingNotes:
        decisions = (info.context or {}).get("decisions")
        if decisions is None:  # built outside a file: nothing to compare with
            return self
        notes: list[Note] = []
        seen: dict[str, int] = {}
        for n, step in enumerate(self.timing):
            if step.poll is None or step.poll.decision not in decisions:
                continue
            first = seen.setdefault(step.poll.decision, n)
            if first != n:
                notes.append(Note(f"decision '{step.poll.decision}' is polled twice",
                                  "poll each decision point in one block only",
                                  ("timing", n, "poll", "decision"),
                                  ("timing", first, "poll", "decision")))
        missing = [d for d in decisions if d not in seen]
        if missing:
            notes.append(Note(
                f"no block polls decision{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(d) for d in missing)}",
                "add 'poll:' with 'decision:', 'method:', 'run:' and 'then:' to the block in "
                "which the class predicts it", ("timing",)))
        order = sorted(seen, key=seen.__getitem__)
        story = [d for d in decisions if d in seen]
        if not notes and order != story:
            notes.append(Note(f"polls the decisions in the order {', '.join(order)}",
                              f"poll them in the story's order: {', '.join(story)}",
                              ("timing",)))
        report(notes)
        return self

    @property
    def total_minutes(self) -> int:
        """The sum of the timing plan's minutes (90 for a valid case)."""
        return sum(step.minutes for step in self.timing)

    @property
    def pre_class_minutes(self) -> int:
        """The minutes of work learners do before class."""
        return sum(task.minutes for task in self.pre_class)

    @property
    def polls(self) -> tuple[Poll, ...]:
        """The polls, in the order the blocks run them."""
        return tuple(step.poll for step in self.timing if step.poll is not None)

