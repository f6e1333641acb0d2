"""The sections of a hand-in, read from the learner's store.

This is the one place where the classroom touches the other exercises. Each section reads
the store through the owning package's public functions and keeps **numbers and ids only**:
scores, counts, shares, measures, option ids. Text is never copied, except the reflections
the learner ticks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..store import LearnerStore

_OPTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


@dataclass(frozen=True)
class ReflectionRef:
    """One reflection the learner may tick to share: where it is and a short label."""

    exercise: str
    key: str
    text: str

    @property
    def label(self) -> str:
        """``exercise · key``, as shown beside the tick box."""
        return f"{self.exercise} · {self.key}"


def reflections(store: LearnerStore) -> list[ReflectionRef]:
    """Every non-empty reflection in the store, in exercise and key order."""
    rows = store.read("SELECT exercise, key, value FROM entries WHERE kind = 'reflection' "
                      "ORDER BY exercise, key")
    import json

    found = []
    for exercise, key, value in rows:
        text = json.loads(value)
        if isinstance(text, str) and text.strip():
            found.append(ReflectionRef(exercise, key, text))
    return found


def reflection_section(store: LearnerStore,
                       shared: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The ticked reflections only, as ``{"exercise", "key", "text"}``."""
    wanted = {(str(e), str(k)) for e, k in shared}
    return [{"exercise": r.exercise, "key": r.key, "text": r.text}
            for r in reflections(store) if (r.exercise, r.key) in wanted]


def _case_options(case_id: str) -> dict[str, tuple[str, ...]] | None:
    """Option ids per decision point of a case, or None when the case cannot be loaded."""
    try:
        from ..cases import load_case
    except ImportError:
        return None
    try:
        case = load_case(case_id)
    except Exception:  # an unknown or broken case: fall back to the id pattern
        return None
    return {d.id: tuple(d.option_ids) for d in case.decisions}


def decision_section(store: LearnerStore) -> list[dict[str, str]]:
    """The option chosen at each case decision point: ``{"case", "point", "choice"}``.

    Only option ids are kept: a choice that is not one of the case's options (or, when the
    case cannot be loaded, that does not look like an option id) is left out, so free text
    saved as a decision never leaves.
    """
    import json

    rows = store.read("SELECT exercise, key, value FROM entries WHERE kind = 'decision' "
                      "AND exercise LIKE 'case:%' ORDER BY exercise, key")
    options_by_case: dict[str, Any] = {}
    out = []
    for exercise, key, value in rows:
        case_id = exercise.removeprefix("case:")
        point = key.removeprefix("decision:")
        choice = json.loads(value)
        if isinstance(choice, dict):
            choice = choice.get("choice")
        if not isinstance(choice, str) or not _OPTION_ID.match(choice):
            continue
        if case_id not in options_by_case:
            options_by_case[case_id] = _case_options(case_id)
        known = options_by_case[case_id]
        if known is not None and choice not in known.get(point, ()):
            continue
        if not _OPTION_ID.match(case_id) or not _OPTION_ID.match(point):
            continue
        out.append({"case": case_id, "point": point, "choice": choice})
    return out


def assessment_section(store: LearnerStore, *, include_items: bool = True) -> list[dict[str, Any]]:
    """Scale scores (and keyed item answers) per questionnaire and attempt."""
    return []


def network_section(store: LearnerStore) -> dict[str, Any] | None:
    """Network counts, shares, measures and out-sight indicators; None without contacts."""
    return None


def plan_section(store: LearnerStore) -> dict[str, int] | None:
    """Counts of plan steps, if-then plans and steps done; None without a plan."""
    return None
