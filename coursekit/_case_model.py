"""The case model: plain frozen dataclasses, built by the loader in :mod:`coursekit.cases`.

A case is read once and then only looked at, so every part of it is immutable (tuples, not
lists) and can be shared between views, the report and the instructor's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: A class session, in minutes: the length every case's timing plan must add up to.
SESSION_MINUTES = 90


@dataclass(frozen=True)
class Source:
    """The article a case retells, as a citation.

    Examples
    --------
    >>> s = Source("How to Break Through a Career Impasse", "Herminia Ibarra",
    ...            "INSEAD Knowledge", "https://knowledge.insead.edu/x", None)
    >>> s.citation()
    'Herminia Ibarra, "How to Break Through a Career Impasse", INSEAD Knowledge. https://knowledge.insead.edu/x'
    """

    title: str
    author: str
    outlet: str
    url: str | None = None
    year: int | None = None
    note: str | None = None

    def citation(self) -> str:
        """The source as one line of text: author, "title", outlet, year. address."""
        head = f'{self.author}, "{self.title}", {self.outlet}'
        if self.year:
            head += f", {self.year}"
        return f"{head}. {self.url}" if self.url else f"{head}."


@dataclass(frozen=True)
class Part:
    """One part of the narrative: a ``## `` heading of the case body and its text.

    ``line`` is the line of the heading in the case file, for error messages.
    """

    id: str
    title: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class Option:
    """One choice offered at a decision point."""

    id: str
    label: str


@dataclass(frozen=True)
class DecisionPoint:
    """A "pause and predict" point: the learner chooses before the case reveals the outcome.

    Examples
    --------
    >>> d = DecisionPoint("wait", "know-what-you-want", "What would you do?",
    ...                   (Option("stay", "Wait"), Option("go", "Look outside")), "She went.")
    >>> d.option("go").label
    'Look outside'
    >>> d.option_ids
    ('stay', 'go')
    """

    id: str
    after: str
    prompt: str
    options: tuple[Option, ...]
    outcome: str

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in the order the author wrote them."""
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        """The option with this id.

        Raises
        ------
        KeyError
            No option has that id; the message lists the ids that exist.
        """
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"decision '{self.id}' has no option '{option_id}'; "
                       f"its options are {', '.join(self.option_ids)}")


@dataclass(frozen=True)
class ReflectionPrompt:
    """A private reflection prompt shown after a part."""

    id: str
    after: str
    prompt: str


@dataclass(frozen=True)
class KeyFact:
    """A fact the case relies on, with its citation.

    ``contested`` marks a figure that the research record disputes; ``note`` then says
    how and by whom.
    """

    fact: str
    citation: str
    contested: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Phase:
    """A stretch of the story for the timeline, in years from the start of the story."""

    label: str
    start: float
    end: float
    summary: str

    @property
    def years(self) -> float:
        """How long the phase lasts, in years."""
        return self.end - self.start


@dataclass(frozen=True)
class TimingStep:
    """One block of a class session: how many minutes, doing what."""

    minutes: int
    activity: str


@dataclass(frozen=True)
class TeachingNotes:
    """The instructor's plan for a 90-minute session on the case."""

    timing: tuple[TimingStep, ...]
    board_plan: tuple[str, ...]
    listen_for: tuple[str, ...]

    @property
    def total_minutes(self) -> int:
        """The sum of the timing plan's minutes (90 for a valid case)."""
        return sum(step.minutes for step in self.timing)


@dataclass(frozen=True)
class Case:
    """A case study: narrative in parts, decision points, facts and teaching notes.

    Load one with :func:`coursekit.load_case`; the learner's choices and reflections are
    saved under the exercise id :attr:`exercise` (``case:<id>``).
    """

    id: str
    title: str
    source: Source
    objectives: tuple[str, ...]
    minutes: int
    parts: tuple[Part, ...]
    phases: tuple[Phase, ...]
    decisions: tuple[DecisionPoint, ...]
    discussion: tuple[str, ...]
    key_facts: tuple[KeyFact, ...]
    reflections: tuple[ReflectionPrompt, ...]
    teaching_notes: TeachingNotes
    path: Path | None = None

    @property
    def exercise(self) -> str:
        """The store's exercise id for this case: ``case:<id>``."""
        return f"case:{self.id}"

    @property
    def part_ids(self) -> tuple[str, ...]:
        """The ids of the parts, in reading order."""
        return tuple(p.id for p in self.parts)

    def part(self, part_id: str) -> Part:
        """The part with this id (KeyError naming the ids that exist if there is none)."""
        return _find(self.parts, part_id, "part", self.id)

    def decision(self, decision_id: str) -> DecisionPoint:
        """The decision point with this id."""
        return _find(self.decisions, decision_id, "decision", self.id)

    def reflection(self, prompt_id: str) -> ReflectionPrompt:
        """The reflection prompt with this id."""
        return _find(self.reflections, prompt_id, "reflection prompt", self.id)

    def decisions_after(self, part_id: str) -> tuple[DecisionPoint, ...]:
        """The decision points that follow a part, in file order."""
        return tuple(d for d in self.decisions if d.after == part_id)

    def reflections_after(self, part_id: str) -> tuple[ReflectionPrompt, ...]:
        """The reflection prompts that follow a part, in file order."""
        return tuple(r for r in self.reflections if r.after == part_id)

    @property
    def contested_facts(self) -> tuple[KeyFact, ...]:
        """The key facts marked contested."""
        return tuple(f for f in self.key_facts if f.contested)


def _find(items, item_id: str, what: str, case_id: str):
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(i.id for i in items) or "none"
    raise KeyError(f"case '{case_id}' has no {what} '{item_id}'; its {what}s: {known}")
