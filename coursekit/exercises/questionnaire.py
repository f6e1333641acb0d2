"""A self-assessment questionnaire as an exercise: one per file in ``instruments/``.

Answers live in the store's ``assessment_attempts`` and ``assessment_responses`` tables
(:mod:`coursekit.assessment.storage`). The hand-in keeps scale scores of the first and the
latest attempt and, only when the learner ticks it, the keyed answer to each generic item
(what the class's Cronbach's alpha needs). The dashboard shows the class's own norms, the
before/after change and each scale's alpha.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assessment import current_attempt, load_instrument, save_response
>>> store = LearnerStore(":memory:")
>>> drivers = QuestionnaireExercise("career-drivers")
>>> inst = load_instrument("career-drivers")
>>> save_response(store, inst, current_attempt(store, inst.id), "cd01", 4)
>>> drivers.progress(store).done, drivers.title
(1, 'What drives your career?')
>>> sorted(drivers.handin(store)["before"])
['items', 'scales']
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import ContentError
from ._base import Exercise, ExerciseFamily, Panel, Progress, ReportPart
from ._sections import Ident, Number, Section, finite_number

ATTEMPTS = ("before", "after")


class Attempt(Section):
    """Scale scores of one attempt (None: too few answers), and keyed item answers."""

    scales: dict[Ident, Number | None]
    items: dict[Ident, dict[Ident, Number | None]] = {}


class QuestionnaireSection(Section):
    """A questionnaire's hand-in section: the first and, when retaken, the latest attempt."""

    before: Attempt
    after: Attempt | None = None


class QuestionnaireExercise(Exercise):
    """One questionnaire (instrument) and the learner's attempts at it."""

    tables = {
        "assessment_attempts": ("questionnaire attempt", "questionnaire attempts"),
        "assessment_responses": ("questionnaire answer", "questionnaire answers"),
    }
    privacy = ("Your score on each scale, first time and latest; your answer to each of the "
               "questionnaire's own statements only if you tick it. Nothing you wrote.")
    handin_model = QuestionnaireSection
    demo_section = "responses"

    def __init__(self, instrument_id: str, course: Path | None = None):
        self.instrument_id = instrument_id
        self.id = f"assessment:{instrument_id}"
        self.course = course

    @cached_property
    def instrument(self):
        """The questionnaire (loaded on first use)."""
        from ..assessment import load_instrument

        return load_instrument(self.instrument_id, self.course)

    @property
    def title(self) -> str:  # type: ignore[override]
        """The questionnaire's title."""
        return self.instrument.title

    def progress(self, store) -> Progress:
        """Statements dealt with in the latest attempt, out of those asked in its situation.

        A statement marked "does not apply" counts as dealt with.
        """
        from ..assessment.storage import load_answers

        saved = load_answers(store, self.instrument)
        asked = {i.id for i in self.instrument.items if self.instrument.asks(i, saved.branch)}
        done = asked & (set(saved.values) | saved.not_applicable)
        return Progress(len(done), len(asked))

    def demo(self, store, person) -> None:
        """The person's answers to this questionnaire (``responses: <id>:``), each attempt."""
        from .._content import display_path
        from ..assessment.demo import fill_responses

        responses = person.data.get("responses") or {}
        if isinstance(responses, Mapping) and self.instrument_id in responses:
            fill_responses(store, {self.instrument_id: responses[self.instrument_id]},
                           display_path(person.path))

    # -- hand-in ------------------------------------------------------------------------------

    def handin(self, store, *, include_items: bool = False, **options: Any
               ) -> dict[str, Any] | None:
        """Scale scores of the first and the latest attempt; keyed item answers if asked."""
        from ..assessment import list_attempts, load_answers

        attempts = [a for a in list_attempts(store, self.instrument_id) if a.answered]
        if not attempts:
            return None
        try:
            instrument = self.instrument
        except ContentError:  # removed from the course: nothing left to score it with
            return None
        chosen = [("before", attempts[0])] + ([("after", attempts[-1])]
                                              if len(attempts) > 1 else [])
        section = {}
        for label, attempt in chosen:
            saved = load_answers(store, instrument, attempt.id)
            table, answers = saved.scores(instrument), saved.values
            items: dict[str, dict[str, float]] = {}
            if include_items:
                rs = instrument.response_scale
                for scale in instrument.scales:
                    keyed = {i: float(rs.reverse(answers[i]) if instrument.item(i).reverse
                                      else answers[i])
                             for i in scale.item_ids if i in answers}
                    if keyed:
                        items[scale.id] = keyed
            scores = {s: finite_number(table.loc[s, "score"]) for s in table.index}
            section[label] = {"scales": scores, "items": items}
        return section

    def describe_handin(self, section: Any) -> list[str]:
        """Scores by scale name; how many statement answers go in."""
        lines = []
        for label, attempt in section.items():
            when = "first time" if label == "before" else "latest time"
            scores = ", ".join(f"{self._scale_name(s)} {_number(v)}"
                               for s, v in attempt["scales"].items())
            lines.append(f"Scores ({when}): {scores or 'none'}")
            for scale, answers in attempt["items"].items():
                values = ", ".join(_number(v) for v in answers.values())
                lines.append(f"Your answers to the {self._scale_name(scale)} statements "
                             f"({when}, turned round where a statement is reversed): {values}")
        return lines

    def _named(self, table: pd.DataFrame) -> pd.DataFrame:
        """The table with a ``label`` column: each scale's name, for the figures."""
        return table.assign(label=[self._scale_name(s) for s in table["scale"]])

    def _scale_name(self, scale_id: str) -> str:
        try:
            return self.instrument.scale(scale_id).name
        except (KeyError, ContentError):
            return scale_id

    # -- report and dashboard -----------------------------------------------------------------

    def report(self, store, *, today) -> ReportPart | None:
        """The latest answered attempt: feedback figure, what each score means, next steps."""
        from ..assessment import (
            latest_answered_attempt,
            load_answers,
            next_steps_html,
            results_figure,
            results_html,
        )
        from ..assessment.storage import load_kept
        from ..report.sections import AssessmentResult

        attempt = latest_answered_attempt(store, self.instrument_id)
        if attempt is None:
            return None
        try:
            instrument = self.instrument
        except ContentError:  # removed from the course: its answers stay stored, unscored
            return None
        table = load_answers(store, instrument, attempt).scores(instrument)
        kept = load_kept(store, instrument)
        result = AssessmentResult(self.instrument_id, instrument.title, table,
                                  results_figure(instrument, table),
                                  results_html(instrument, table),
                                  next_steps_html(instrument, table),
                                  instrument.scale(kept).name if kept else "")
        return self._part(instrument.title, "questionnaire", result=result)

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """The class's norms, before/after change and Cronbach's alpha for each scale."""
        from ..classroom import dashboard as tables
        from ..classroom import figures

        scores = pd.DataFrame(
            [(who, label, scale, score)
             for who, section in sections.items() for label, attempt in section.items()
             for scale, score in attempt["scales"].items() if score is not None],
            columns=["pseudonym", "attempt", "scale", "score"])
        items = pd.DataFrame(
            [(who, label, scale, item, value)
             for who, section in sections.items() for label, attempt in section.items()
             for scale, answers in attempt["items"].items()
             for item, value in answers.items() if value is not None],
            columns=["pseudonym", "attempt", "scale", "item", "value"])
        norms, change, alpha = (self._named(t) for t in (
            tables.scale_norms(scores), tables.before_after(scores),
            tables.scale_reliability(items)))
        name = self.title
        return [
            Panel(f"{name}: the class's scores", "Each scale's mean (dot) and the middle half "
                  "of the class (bar), first attempts: the class's own norms.", norms,
                  figures.scale_norms_figure(norms, name)),
            Panel(f"{name}: before and after", "Mean scores of the learners who answered "
                  "twice, first and latest attempt.", change,
                  figures.before_after_figure(change, name)),
            Panel(f"{name}: how consistent are its scales?", "Cronbach's alpha over the class's "
                  "answers (.70 is the usual floor; a high alpha does not prove a scale "
                  "measures one thing).", alpha, figures.reliability_figure(alpha, name)),
        ]


def _number(value: Any) -> str:
    """A score as shown: two decimals, a whole number without them."""
    if value is None:
        return "not enough answers"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


class Questionnaires(ExerciseFamily):
    """One exercise per questionnaire file of the course."""

    prefix, member_model = "assessment:", QuestionnaireSection

    def expand(self, course: Path | None = None) -> list[Exercise]:
        """A :class:`QuestionnaireExercise` for each ``instruments/*.yaml``, by file name."""
        from .._content import content_path

        folder = content_path("instruments", course)
        return [QuestionnaireExercise(p.stem, course) for p in sorted(folder.glob("*.yaml"))]

    def check(self, course: Path) -> list:
        """Problems in the questionnaires (:func:`coursekit.assessment.check_instruments`)."""
        from ..assessment.instruments import check_instruments

        return check_instruments(course)
