"""The case model: frozen pydantic models that are also the format of a case file.

Immutable, so that one case is shared by the views, the report and the instructor's notes.
The fields and checks are the format documented in ``docs/authoring.md``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, ValidationInfo, model_validator

from ._schema import (
    ID_PATTERN,
    ContentModel,
    ExerciseFile,
    Flag,
    NonEmpty,
    Note,
    NotInFile,
    Number,
    Positive,
    Text,
    Whole,
    between,
    declare,
    fail,
    identifier,
    refers_to,
    report,
    same_as_file_name,
    unique,
)
from ._teaching_model import SESSION_MINUTES, TeachingNotes
from ._text import slug

__all__ = ["SESSION_MINUTES", "Case", "DecisionPoint", "KeyFact", "Option", "Part", "Phase",
           "ReflectionPrompt", "Source", "TeachingNotes"]

Id = Annotated[Text, identifier()]
#: The id of a part of the narrative (checked against the parts of the case's body).
PartId = Annotated[Text, refers_to("parts", "refers to part '{value}', which the case does "
                                   "not have", "use one of the parts' ids: {known}")]


def _web_address(url: str) -> str:
    if not re.match(r"^https?://\S+$", url):
        fail(f"'{url}' is not a web address", "write the full address, starting with https://")
    return url


class Source(ContentModel):
    """The article a case retells, as a citation.

    >>> s = Source(title="How to Break Through a Career Impasse", author="Herminia Ibarra",
    ...            outlet="INSEAD Knowledge", url="https://knowledge.insead.edu/x")
    >>> s.citation()
    'Herminia Ibarra, "How to Break Through a Career Impasse", INSEAD Knowledge. https://knowledge.insead.edu/x'
    """

    title: Text
    author: Text
    outlet: Text
    url: Annotated[Text, AfterValidator(_web_address)] | None = None
    year: Annotated[Whole, between(1800, 2200, "write a year like 2015")] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if not self.url and not self.note:
            fail("is missing", "add 'url: https://...', or when the source has no address a "
                 "'note:' saying where a reader can find it", "url")
        return self

    def citation(self) -> str:
        """The source as one line of text: author, "title", outlet, year. address."""
        head = f'{self.author}, "{self.title}", {self.outlet}'
        if self.year:
            head += f", {self.year}"
        return f"{head}. {self.url}" if self.url else f"{head}."


class Part(ContentModel):
    """One part of the narrative: a ``## `` heading of the case body and its text.

    ``line`` is the heading's line in the file, where its problems are placed. Text before
    the first heading is read as a part without a title (``None``), which is reported.
    """

    id: str = ""
    title: str | None
    text: str = ""
    line: int = 0

    @model_validator(mode="after")
    def _complete(self) -> Part:
        if self.title is None:
            fail("text before the first part heading", "start the body with a '## Part title "
                 "{#part-id}' heading, or move the text into a part")
        notes = []
        if not self.title:
            notes.append(Note("part heading has no title", "write the part's title after '## '"))
        if not ID_PATTERN.match(self.id):
            notes.append(Note(f"part id '{self.id}' is not a valid id",
                              f"end the heading with {{#{slug(self.id) or 'part-id'}}}: "
                              "lowercase letters, digits and hyphens"))
        if not self.text:
            notes.append(Note(f"part '{self.id or self.title}' has no text",
                              "write the part's narrative below its heading, or remove the "
                              "heading"))
        report(notes)
        return self


def _has_parts(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    if not parts:
        fail("has no parts", "after the front matter, start each part of the story with a "
             "line '## Part title {#part-id}'")
    return parts


#: The narrative: parts with ids used once.
Body = Annotated[tuple[Part, ...], AfterValidator(_has_parts), unique("id", "part id")]


class Option(ContentModel):
    """One choice offered at a decision point."""

    id: Id
    label: Text


def _two_or_more(options: tuple[Option, ...]) -> tuple[Option, ...]:
    if len(options) < 2:
        fail(f"has {len(options)} option(s)", "offer at least two options to choose between")
    return options


class DecisionPoint(ContentModel):
    """A "pause and predict" point: the learner chooses before the case reveals the outcome."""

    id: Id
    after: PartId
    prompt: Text
    options: Annotated[tuple[Option, ...], AfterValidator(_two_or_more),
                       unique("id", "option id")]
    outcome: Text

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in the order the author wrote them."""
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError naming the ids that exist if there is none)."""
        return _find(self.options, option_id, "option", f"decision '{self.id}'")


class ReflectionPrompt(ContentModel):
    """A private reflection prompt shown after a part.

    ``revisits`` names an earlier prompt whose answer is shown again above this one (a
    verdict written early, looked at again at the end).
    """

    id: Id
    after: PartId
    prompt: Text
    revisits: Id | None = None


class KeyFact(ContentModel):
    """A fact the case relies on, with its citation; ``contested``: the research disputes it."""

    fact: Text
    citation: Text
    contested: Flag = False
    note: Text | None = None

    @model_validator(mode="after")
    def _contested_has_note(self) -> KeyFact:
        if self.contested and not self.note:
            fail("is missing for a contested fact", "add 'note: ...' saying what disputes the "
                 "fact and where that is published", "note")
        return self


class Phase(ContentModel):
    """A stretch of the story for the timeline, in years from the start of the story."""

    label: Text
    start: Number
    end: Number
    summary: Text

    @model_validator(mode="after")
    def _in_order(self) -> Phase:
        notes = []
        if self.start < 0:
            notes.append(Note(f"is {self.start:g}, before the story starts",
                              "count years from the start of the story: 0 or more", ("start",)))
        if self.end <= self.start:
            notes.append(Note(f"({self.end:g}) is not after start ({self.start:g})",
                              "make end later than start; for a single moment give it a short "
                              "length, e.g. end: start + 0.25", ("end",)))
        report(notes)
        return self

    @property
    def years(self) -> float:
        """How long the phase lasts, in years."""
        return self.end - self.start


class Case(ExerciseFile):
    """A case study: narrative in parts, decision points, facts and teaching notes.

    Load one with :func:`coursekit.load_case`; answers are saved under :attr:`exercise`
    (``case:<id>``). ``parts`` come from the file's body, the rest from its front matter.
    """

    id: Annotated[Id, same_as_file_name]
    title: Text
    source: Source
    objectives: NonEmpty[Text]
    minutes: Positive
    parts: Annotated[tuple[Part, ...], NotInFile()] = ()
    phases: NonEmpty[Phase]
    decisions: Annotated[NonEmpty[DecisionPoint], unique("id", "decision id")]
    discussion: NonEmpty[Text]
    key_facts: NonEmpty[KeyFact]
    reflections: Annotated[NonEmpty[ReflectionPrompt], unique("id", "reflection id")]
    teaching_notes: TeachingNotes
    exercise_kind: ClassVar[str] = "case"

    @model_validator(mode="before")
    @classmethod
    def _declare_ids(cls, data: Any, info: ValidationInfo) -> Any:
        # The decision ids, for the teaching notes' polls; not checked while an entry has
        # no id of its own (that entry is reported, not every poll of it).
        entries = data.get("decisions") if isinstance(data, dict) else None
        if isinstance(entries, list) and all(isinstance(e, dict) and isinstance(
                e.get("id"), (str, int)) and not isinstance(e.get("id"), bool)
                for e in entries):
            declare(info, "decisions", data, "decisions")
        return data

    @property
    def part_ids(self) -> tuple[str, ...]:
        """The ids of the parts, in reading order."""
        return tuple(p.id for p in self.parts)

    def part(self, part_id: str) -> Part:
        """The part with this id (KeyError naming the ids that exist if there is none)."""
        return _find(self.parts, part_id, "part", f"case '{self.id}'")

    def decision(self, decision_id: str) -> DecisionPoint:
        """The decision point with this id."""
        return _find(self.decisions, decision_id, "decision", f"case '{self.id}'")

    def reflection(self, prompt_id: str) -> ReflectionPrompt:
        """The reflection prompt with this id."""
        return _find(self.reflections, prompt_id, "reflection prompt", f"case '{self.id}'")

    def decisions_after(self, part_id: str) -> tuple[DecisionPoint, ...]:
        """The decision points that follow a part, in file order."""
        return tuple(d for d in self.decisions if d.after == part_id)

    def reflections_after(self, part_id: str) -> tuple[ReflectionPrompt, ...]:
        """The reflection prompts that follow a part, in file order."""
        return tuple(r for r in self.reflections if r.after == part_id)

    @property
    def writing_prompts(self) -> dict[str, str]:
        """What each of the learner's private texts in this case answers, by store key.

        ``reflection:<id>`` a reflection prompt, ``why:<id>`` the reason given with a
        prediction, ``discussion:<n>`` discussion question *n* (from 1).
        """
        prompts = {f"reflection:{r.id}": r.prompt for r in self.reflections}
        prompts |= {f"why:{d.id}": f"Why you predicted as you did. {d.prompt}"
                    for d in self.decisions}
        prompts |= {f"discussion:{n}": q for n, q in enumerate(self.discussion, 1)}
        return prompts

    @model_validator(mode="after")
    def _revisits_an_earlier_prompt(self) -> Case:
        earlier: list[str] = []
        for i, prompt in enumerate(self.reflections):
            if prompt.revisits is not None and prompt.revisits not in earlier:
                fail(f"'{prompt.revisits}' is not a reflection prompt before this one",
                     f"name one of {', '.join(earlier)}" if earlier else
                     "remove revisits: there is no prompt before this one",
                     "reflections", i, "revisits")
            earlier.append(prompt.id)
        return self

    @property
    def contested_facts(self) -> tuple[KeyFact, ...]:
        """The key facts marked contested."""
        return tuple(f for f in self.key_facts if f.contested)


def _find(items, item_id: str, what: str, owner: str):
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(i.id for i in items) or "none"
    raise KeyError(f"{owner} has no {what} '{item_id}'; its {what}s: {known}")
