"""Everything the report shows, gathered once from the store (both HTML and Markdown use it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..exercises._base import ReportPart
from ..planning import load_plan
from ..planning.model import Plan
from ..store import LearnerStore
from .sections import Reflection, choose_reflections

#: The works the report's advice rests on (shown at its end).
SOURCES: tuple[str, ...] = (
    "Burnett, B. and Evans, D. (2016). Designing Your Life. Knopf. (Odyssey plans: three "
    "alternative five-year paths.)",
    "Gollwitzer, P. M. and Sheeran, P. (2006). Implementation intentions and goal "
    "achievement: a meta-analysis of effects and processes. Advances in Experimental Social "
    "Psychology, 38, 69-119. (If-then plans: d = .65 over 94 tests.)",
    "Wang, G., Wang, Y. and Gai, X. (2021). A meta-analysis of the effects of mental "
    "contrasting with implementation intentions on goal attainment. Frontiers in "
    "Psychology, 12, 565202. (WOOP works better delivered interactively.)",
    "Locke, E. A. and Latham, G. P. (2002). Building a practically useful theory of goal "
    "setting and task motivation. American Psychologist, 57(9), 705-717.",
    "Ibarra, H. How to Break Through a Career Impasse. INSEAD Knowledge (first published on "
    "hbr.org). knowledge.insead.edu/blog/insead-blog/how-to-break-through-a-career-"
    "impasse-2885 (\u201cout-sight\u201d; start with a couple of lunches.)",
    "It All Starts With That First . . . Step. Career development blog post by a former head "
    "of executive development. (Know what you want, get ready, take the first step.)",
)


@dataclass
class ReportContent:
    """The report's material: the chosen reflections, and one part per exercise."""

    reflections: list[Reflection]
    parts: list[ReportPart]
    made_on: date
    demo: bool = False
    person: str | None = None
    plan: Plan = field(default_factory=Plan)


def gather_report(store: LearnerStore, *, include_reflections: str | Iterable[str] | None = None,
                  today: date | None = None) -> ReportContent:
    """Read everything the report shows from ``store``.

    Each exercise of :data:`coursekit.exercises.EXERCISES` gives its part
    (:meth:`~coursekit.exercises.Exercise.report`), in the course's order.
    ``include_reflections``: "all", "none", ids (``exercise/key``) or None for the choice
    the learner saved (none until they tick some): reflections are private by default.
    """
    from ..exercises import exercises

    today = today or date.today()
    parts = [part for exercise in exercises()
             if (part := exercise.report(store, today=today)) is not None]
    return ReportContent(
        reflections=choose_reflections(store, include_reflections),
        parts=parts, made_on=today, demo=store.demo,
        person=store.meta("sample_person") if store.demo else None,
        plan=load_plan(store),
    )


__all__ = ["SOURCES", "ReportContent", "gather_report"]
