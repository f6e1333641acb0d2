"""What the report takes from the other parts of the course, in one place.

The report reads reflections (``entries`` of kind ``reflection``), self-assessment results
(:mod:`coursekit.assessment`) and the network (:mod:`coursekit.network`) only through the
functions here, so a change in those packages is met in this one module. A part the
learner has not done yet (or a package not installed) gives an empty result, never an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from .._errors import ContentError, NotFoundError
from ..store import LearnerStore

if TYPE_CHECKING:
    from ..network.outsight import OutsightAudit

#: Where the report view keeps the learner's choice of reflections (a list of ids).
CHOICE_EXERCISE = "report"
CHOICE_KEY = "include_reflections"


# -- reflections -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reflection:
    """One private reflection, with an id (``exercise/key``) and a readable heading."""

    exercise: str
    key: str
    text: str
    heading: str
    prompt: str = ""

    @property
    def id(self) -> str:
        """``exercise/key``: how the learner's choice names this reflection."""
        return f"{self.exercise}/{self.key}"


def _case_prompts(exercise: str) -> tuple[str, dict[str, str]]:
    """A case's title and what each private text answers, by key ("" and {} if unknown)."""
    if not exercise.startswith("case:"):
        return "", {}
    from ..cases import load_case

    try:
        case = load_case(exercise.split(":", 1)[1])
    except ContentError:  # a case removed or renamed since: fall back to the raw id
        return "", {}
    return case.title, case.writing_prompts


def _exercise_words(exercise: str) -> tuple[str, Any]:
    """An exercise's title and its ``entry_label`` (None if no exercise has that id now)."""
    from ..exercises import exercise as find_exercise

    try:
        found = find_exercise(exercise)
    except NotFoundError:  # an exercise retired since: the heading falls back to the ids
        return "", None
    return found.title, found.entry_label


def list_reflections(store: LearnerStore) -> list[Reflection]:
    """Every reflection the learner wrote, in the course's order (empty ones left out)."""
    import json

    from ..course import saved_reflections

    rows = saved_reflections(store)

    out = []
    cache: dict[str, tuple[str, dict[str, str]]] = {}
    labels: dict[str, tuple[str, Any]] = {}
    for exercise, key, value in rows:
        text = json.loads(value)
        if not isinstance(text, str):
            text = "" if text is None else json.dumps(text, ensure_ascii=False)
        if not text.strip():
            continue
        if exercise not in cache:
            cache[exercise] = _case_prompts(exercise)
        title, prompts = cache[exercise]
        prompt_id = key.split(":", 1)[1] if key.startswith("reflection:") else key
        prompt = prompts.get(key, "")
        if not prompt and not exercise.startswith("case:"):
            if exercise not in labels:  # one lookup per exercise, not per note
                labels[exercise] = _exercise_words(exercise)
            title, label = labels[exercise]
            if label is not None:
                words = label(key)
                prompt = words[:1].upper() + words[1:]
        heading = title if (prompt and title) else f"{title or exercise}: {prompt_id}"
        out.append(Reflection(exercise, key, text, heading, prompt))
    return out


def saved_reflection_choice(store: LearnerStore) -> list[str]:
    """The reflection ids the learner ticked for their report (none until they tick)."""
    value = store.load(CHOICE_EXERCISE, CHOICE_KEY, [])
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def save_reflection_choice(store: LearnerStore, ids: Iterable[str]) -> None:
    """Keep the learner's choice of reflections for the report."""
    store.save(CHOICE_EXERCISE, CHOICE_KEY, sorted(set(ids)), kind="answer")


def choose_reflections(store: LearnerStore, include: str | Iterable[str] | None
                       ) -> list[Reflection]:
    """The reflections to put in the report.

    Parameters
    ----------
    include : "all", "none", an iterable of ids (``exercise/key``), or None
        None uses the choice the learner saved in the report view: none until they tick.
        Ids that name no reflection are ignored.
    """
    everything = list_reflections(store)
    if include is None:
        wanted = set(saved_reflection_choice(store))
    elif isinstance(include, str):
        if include == "all":
            return everything
        if include == "none":
            return []
        wanted = {part.strip() for part in include.split(",") if part.strip()}
    else:
        wanted = set(include)
    return [r for r in everything if r.id in wanted]


# -- self-assessment -----------------------------------------------------------------------


@dataclass
class AssessmentResult:
    """One questionnaire's latest results: score table, feedback figure and words."""

    instrument_id: str
    title: str
    table: pd.DataFrame
    figure: go.Figure
    html: str
    next_steps_html: str = ""
    kept: str = ""  #: the name of the one scale the learner would keep (``keep_one``)


# -- network -----------------------------------------------------------------------------


@dataclass
class NetworkResult:
    """The learner's network: measures table, map and out-sight audit (names inside)."""

    size: int
    measures: dict[str, Any]
    table: pd.DataFrame
    figure: go.Figure | None = None
    audit: OutsightAudit | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _load_network(store: LearnerStore):
    try:
        from ..network.storage import load_network
    except ImportError:
        return None
    if "network_contacts" not in store.tables():
        return None
    network = load_network(store)
    return network if network.size else None


def network_result(store: LearnerStore, *, today: date | None = None) -> NetworkResult | None:
    """The network section's content, or None when the learner has no contacts yet.

    ``today``: the day stale ties are counted from (the report's date).
    """
    network = _load_network(store)
    if network is None:
        return None
    from ..network import egogram, measures_table, network_measures, outsight

    measures = network_measures(network, today=today)
    return NetworkResult(network.size, measures.as_dict(), measures_table(measures),
                         egogram(network), outsight(network, measures=measures))


def plan_measures(store: LearnerStore) -> dict[str, Any] | None:
    """What the networking plan's suggestions need from the network audit, or None.

    Keys (each may be missing): ``contacts``, ``outside_share``, ``above_two_share``,
    ``strategic_share``, ``constraint``; see
    :func:`coursekit.planning.networking_suggestions`.
    """
    network = _load_network(store)
    if network is None:
        return None
    from ..network.measures import network_measures

    m = network_measures(network)
    known = m.inside + m.outside
    values = {"contacts": m.size,
              "outside_share": m.outside / known if known else None,
              "above_two_share": m.above_share, "strategic_share": m.strategic_share,
              "constraint": m.constraint}
    return {k: v for k, v in values.items()
            if v is not None and not (isinstance(v, float) and math.isnan(v))}


__all__ = ["AssessmentResult", "NetworkResult", "Reflection",
           "choose_reflections", "list_reflections", "network_result", "plan_measures",
           "save_reflection_choice", "saved_reflection_choice"]
