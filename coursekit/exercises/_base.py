"""What every exercise gives the course: one object, with defaults for what it does not have.

An exercise is one thing a learner does in the course (a case's decisions and reflections,
a questionnaire, the network map, a part of the plan). Progress, demo mode,
``coursekit check``, the hand-in, the report and the class dashboard each loop over
:data:`coursekit.exercises.EXERCISES` and ask every exercise for its part; an exercise that
has no part in one of them keeps the default here (nothing).

To add an exercise: write a subclass in its own module, give it an ``id`` and a ``title``,
override what it has, and add one instance to ``EXERCISES``.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> class Gratitude(Exercise):
...     id, title = "gratitude", "Three good things"
...     def handin(self, store, **options):
...         return {"written": len(store.load_exercise(self.id))}
>>> store = LearnerStore(":memory:")
>>> store.save("gratitude", "monday", "a walk")
>>> Gratitude().progress(store)
Progress(done=1, of=1)
>>> Gratitude().handin(store)
{'written': 1}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._sections import NumbersSection

if TYPE_CHECKING:  # for type checkers only: the core imports no widgets or plotly here
    import pandas as pd

    from .._errors import Problem
    from ..demo import SamplePerson
    from ..store import LearnerStore


@dataclass(frozen=True)
class Progress:
    """How far a learner is in one exercise: ``done`` of ``of`` steps.

    Examples
    --------
    >>> p = Progress(2, 3)
    >>> p.started, p.complete, p.share
    (True, False, 0.6666666666666666)
    """

    done: int
    of: int

    @property
    def started(self) -> bool:
        """True once anything is saved."""
        return self.done > 0

    @property
    def complete(self) -> bool:
        """True when every step is done."""
        return self.of > 0 and self.done >= self.of

    @property
    def share(self) -> float:
        """Done over steps, 0 to 1."""
        return min(self.done / self.of, 1.0) if self.of else 0.0


@dataclass(frozen=True)
class Panel:
    """One piece of the class dashboard: a title, what it shows, its table and figure."""

    title: str
    caption: str
    table: pd.DataFrame
    figure: Any = None


@dataclass(frozen=True)
class ReportPart:
    """One section of the personal report (see :mod:`coursekit.report`).

    ``template`` names a pair of templates below ``coursekit/_templates/`` without their
    ending: ``<template>.html.j2`` for the page and ``<template>.md.j2`` for the Markdown
    twin, each rendered with ``context`` (and ``figure``, which draws a plotly figure).
    """

    anchor: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


class Exercise:
    """One exercise of the course. Subclasses override what they have.

    Attributes
    ----------
    id : str
        The exercise id used in the store, ``course.yaml`` and the hand-in
        (``case:<case id>``, ``assessment:<instrument id>``, ``network``, ``plan:<part>``).
    title : str
        What a person reads: "Case 1: The first step", "Career drivers".
    tables : mapping of str to (str, str)
        The store tables this exercise owns, with the words for one row and for many
        ("contact in your network", "contacts in your network"); the learner's data box
        lists them. Entries saved under ``id`` are the exercise's too.
    privacy : str
        The rule its hand-in section obeys, in words (shown in the hand-in's preview).
    handin_model : pydantic model
        Describes (and validates) its section of a hand-in; the default is named numbers.
    """

    id: str = ""
    title: str = ""
    tables: Mapping[str, tuple[str, str]] = {}
    privacy: str = "Nothing: this exercise adds nothing to a hand-in."
    handin_model: Any = NumbersSection
    #: The section of a sample person's file it fills the store from (None: none).
    demo_section: str | None = None

    # -- progress -------------------------------------------------------------------------

    def progress(self, store: LearnerStore) -> Progress:
        """How far the learner is. Default: started once anything is saved under ``id``."""
        saved = store.read("SELECT COUNT(*) FROM entries WHERE exercise = ?", (self.id,))[0][0]
        return Progress(min(saved, 1), 1)

    # -- demo mode --------------------------------------------------------------------------

    def demo(self, store: LearnerStore, person: SamplePerson) -> None:
        """Fill ``store`` from a sample person's file (default: nothing of its own).

        The person's generic ``entries`` (answers, decisions, reflections) are written for
        every exercise by :func:`coursekit.demo.fill_store`.
        """
        return None

    # -- coursekit check --------------------------------------------------------------------

    def check(self, course: Path) -> list[Problem]:
        """Problems in this exercise's content files (default: none)."""
        return []

    # -- hand-in, report, dashboard ---------------------------------------------------------

    def handin(self, store: LearnerStore, **options: Any) -> Any:
        """The exercise's section of the anonymised hand-in, or None when there is nothing.

        Numbers and ids only, never the learner's text or anyone's name (see ``privacy``).
        ``options`` are the learner's choices in the hand-in view (``include_items``).
        """
        return None

    def people(self, store: LearnerStore) -> list[tuple[str, str]]:
        """The people this exercise holds the names of, as ``(name, role)`` (default: none).

        Names are third parties' personal data: a ticked reflection that names one of them
        stops the hand-in until each name is replaced by the role (the role may be "").
        """
        return []

    def entry_label(self, key: str) -> str:
        """Words for one saved entry's key (a reflection's question), shown in the hand-in."""
        return key.split(":", 1)[-1].replace("-", " ")

    def entry_order(self) -> list[str]:
        """The keys of the entries this exercise asks for, in the order it asks (default: none)."""
        return []

    def describe_handin(self, section: Any) -> list[str]:
        """The section in plain words for the hand-in preview, one line each."""
        if isinstance(section, Mapping):
            return [f"{key.replace('_', ' ')}: {value}" for key, value in section.items()]
        return [str(section)]

    def report(self, store: LearnerStore, *, today: date) -> ReportPart | None:
        """The exercise's section of the personal report (default: none).

        ``today`` is the day the report is made (its timeline, stale ties).
        """
        return None

    def _part(self, title: str, template: str, *, anchor: str = "", **context: Any
              ) -> ReportPart:
        """A report part using ``report/parts/<template>``; its anchor made from the id."""
        anchor = anchor or "".join(c if c.isalnum() else "-" for c in self.id)
        return ReportPart(anchor, title, f"report/parts/{template}", context)

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """Panels for the class dashboard from the class's sections of this exercise.

        ``sections`` maps each learner's pseudonym to their section.
        """
        return []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class ExerciseFamily:
    """Exercises made from content files (one per case, one per questionnaire).

    ``expand(course)`` gives the exercises of a course folder; an entry of ``EXERCISES``
    may be an :class:`Exercise` or a family. Its members' ids start with ``prefix``; a
    hand-in section of a member this course does not have (a case since removed) is still
    read with ``member_model``.
    """

    prefix: str = ""
    member_model: Any = None

    def expand(self, course: Path | None = None) -> list[Exercise]:
        """The family's exercises in ``course`` (default: the course in use)."""
        raise NotImplementedError

    def check(self, course: Path) -> list[Problem]:
        """Problems in the family's content files."""
        return []
