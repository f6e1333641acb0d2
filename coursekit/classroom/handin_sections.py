"""The sections of a hand-in, read from the learner's store.

This is the one place where the classroom touches the other exercises. Each section reads
the store through the owning package's public functions and keeps **numbers and ids only**:
scores, counts, shares, measures, option ids. Text is never copied, except the reflections
the learner ticks.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._errors import ContentError
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
    from ..cases import load_case

    try:
        case = load_case(case_id)
    except ContentError:  # a case removed, renamed or broken since: use the id pattern
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


def _no_table(exc: sqlite3.OperationalError) -> bool:
    return "no such table" in str(exc)


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def assessment_section(store: LearnerStore, *, include_items: bool = True) -> list[dict[str, Any]]:
    """Scale scores (and keyed item answers) per questionnaire and attempt.

    ``before`` is the learner's first attempt at a questionnaire and ``after`` the latest,
    when they took it again. An incomplete scale has score None. Item answers are keyed
    (a reverse-keyed item turned round) and grouped by scale, ready for Cronbach's alpha.
    Read through :mod:`coursekit.assessment`.
    """
    from ..assessment import list_attempts, load_instrument, load_responses, score_responses

    try:
        attempts_found = list_attempts(store)
    except sqlite3.OperationalError as exc:
        if _no_table(exc):
            return []
        raise
    by_instrument: dict[str, list] = {}
    for attempt in attempts_found:
        if attempt.answered:
            by_instrument.setdefault(attempt.instrument, []).append(attempt)
    out = []
    for instrument_id, attempts in sorted(by_instrument.items()):
        try:
            instrument = load_instrument(instrument_id)
        except ContentError:
            instrument = None  # a questionnaire no longer in the course: nothing scores it
        if instrument is None:
            continue
        chosen = [("before", attempts[0])]
        if len(attempts) > 1:
            chosen.append(("after", attempts[-1]))
        for label, attempt in chosen:
            answers = {k: v for k, v in load_responses(store, instrument_id, attempt.id).items()
                       if k in set(instrument.item_ids)}
            table = score_responses(instrument, answers)
            scales = {scale: _finite(table.loc[scale, "score"]) for scale in table.index}
            items: dict[str, dict[str, float]] = {}
            if include_items:
                rs = instrument.response_scale
                for scale in instrument.scales:
                    keyed = {}
                    for item_id in scale.item_ids:
                        if item_id in answers:
                            value = answers[item_id]
                            keyed[item_id] = float(rs.reverse(value)
                                                   if instrument.item(item_id).reverse else value)
                    if keyed:
                        items[scale.id] = keyed
            out.append({"instrument": instrument_id, "attempt": label, "scales": scales,
                        "items": items})
    return out


#: Out-sight indicators taken from the network measures: (hand-in name, measure field).
OUTSIGHT_FROM_MEASURES = (
    ("outside_share", None),  # outside / (inside + outside), contacts with a known place
    ("above_share", "above_share"),
    ("strategic_share", "strategic_share"),
    ("sector_diversity", "sector_iqv"),
    ("function_diversity", "function_iqv"),
    ("stale_share", "stale_share"),
)

#: Network measures copied into a hand-in (numbers only).
HANDIN_MEASURES = ("density", "constraint", "effective_size", "efficiency", "ei_index",
                   "sector_blau", "sector_iqv", "function_blau", "function_iqv",
                   "above_share", "stale_share")


def network_section(store: LearnerStore) -> dict[str, Any] | None:
    """Network counts, shares, measures and out-sight indicators; None without contacts.

    Read through :mod:`coursekit.network` (``load_network``, ``network_measures``). Only
    numbers leave: no contact's name, organisation, role, sector name or note.
    """
    from ..network.measures import network_measures
    from ..network.storage import load_network

    try:
        network = load_network(store)
    except sqlite3.OperationalError as exc:
        if _no_table(exc):  # a store without the network tables yet: no network to report
            return None
        raise
    if network.size == 0:
        return None
    m = network_measures(network)
    contacts = network.contacts
    type_counts = {t: 0 for t in ("operational", "personal", "strategic")}
    for types in contacts["types"]:
        for t in types or ():
            type_counts[t] = type_counts.get(t, 0) + 1
    sectors = {str(s).strip().lower() for s in contacts["sector"] if str(s).strip()}
    known = m.inside + m.outside
    outsight = {}
    for name, field in OUTSIGHT_FROM_MEASURES:
        outsight[name] = (m.outside / known if known else None) if field is None \
            else _finite(getattr(m, field))
    return {
        "contacts": int(m.size),
        "measures": {k: _finite(getattr(m, k)) for k in HANDIN_MEASURES},
        "composition": {
            "inside": int(m.inside), "outside": int(m.outside),
            "unknown_place": int(m.size - known),
            "share_outside": (m.outside / known) if known else None,
            "types": type_counts,
            "untyped": int(round(m.untyped_share * m.size)) if _finite(m.untyped_share) is not None
            else 0,
            "sectors": len(sectors), "sector_diversity": _finite(m.sector_iqv),
            "ties": int(m.ties), "above": int(m.above_count),
        },
        "outsight": outsight,
    }


def plan_section(store: LearnerStore) -> dict[str, int] | None:
    """Counts of plan steps, if-then plans and steps done; None without a plan.

    Read through :func:`coursekit.planning.plan_counts` (counts only, no step text).
    """
    from ..planning import load_plan, plan_counts

    try:
        counts = plan_counts(load_plan(store))
    except sqlite3.OperationalError as exc:
        if _no_table(exc):
            return None
        raise
    if not counts["steps"]:
        return None
    return {k: int(counts[k]) for k in ("steps", "if_then", "done")}


def cronbach_alpha(items) -> float:
    """Cronbach's alpha of a learners x items table: :func:`coursekit.assessment.cronbach_alpha`."""
    from ..assessment import cronbach_alpha as alpha

    return alpha(items)
