"""Small experiments: a new activity or role, tried on a small scale before any leap.

Herminia Ibarra (*Working Identity: Unconventional Strategies for Reinventing Your Career*,
Harvard Business School Press, 2003) argues that people who change careers learn what suits
them by doing rather than by working out the destination first: side projects, temporary
assignments, courses or volunteer work let them try a possible self without giving up
their job. She calls this *crafting experiments*. One experiment
here: what the learner will try, when, and (once tried) their verdict and what they learned.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> e = add_experiment(store, "Sit in on two customer interviews", planned_on="2030-05-01")
>>> e = update_experiment(store, e.id, tried_on="2030-05-03", verdict="more")
>>> [(x.what, x.tried, x.verdict) for x in list_experiments(store)]
[('Sit in on two customer interviews', True, 'more')]
>>> tried_count(store)
1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._errors import InputError
from .._sql import inserted_id
from ..planning._db import UNSET, checked, update
from ..planning.model import MAX_TITLE, check_text, iso_date, parse_date
from ..store import LearnerStore, _now
from .model import EXERCISE, VERDICTS, Experiment, learned_key, learned_texts


def _verdict(value: Any) -> str:
    value = value or ""
    if value not in ("", *VERDICTS):
        raise InputError(f"'{value}' is not a verdict on an experiment. Fix: use one of "
                         f"{', '.join(VERDICTS)} (or leave it empty until you have tried it).")
    return str(value)


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "what": lambda text: check_text(text, "experiment", required=True, limit=MAX_TITLE),
    "planned_on": lambda day: iso_date(day, "planned date"),
    "tried_on": lambda day: iso_date(day, "date you tried it"),
    "verdict": _verdict,
}


def list_experiments(store: LearnerStore) -> list[Experiment]:
    """The learner's experiments in the order they were added."""
    learned = learned_texts(store, "experiment")
    return [Experiment(eid, what, parse_date(planned), parse_date(tried), verdict,
                       learned.get(eid, ""))
            for eid, what, planned, tried, verdict in store.read(
                "SELECT id, what, planned_on, tried_on, verdict FROM between_experiments "
                "ORDER BY id")]


def get_experiment(store: LearnerStore, experiment_id: int) -> Experiment:
    """One experiment by id (InputError when it is gone)."""
    found = [e for e in list_experiments(store) if e.id == experiment_id]
    if not found:
        raise InputError(f"There is no experiment {experiment_id} (it may have been removed "
                         f"in another notebook). Fix: add it again.")
    return found[0]


def add_experiment(store: LearnerStore, what: str, *, planned_on: Any = None,
                   tried_on: Any = None, verdict: str = "") -> Experiment:
    """Add an experiment and return it (InputError: no words, a bad date or verdict)."""
    fields = checked(_CHECKS, what=what, planned_on=planned_on, tried_on=tried_on,
                     verdict=verdict)
    stamp = _now()
    with store.transaction() as conn:
        eid = inserted_id(conn.execute(
            "INSERT INTO between_experiments (what, planned_on, tried_on, verdict, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)", (*fields.values(), stamp, stamp)))
    return get_experiment(store, eid)


def update_experiment(store: LearnerStore, experiment_id: int, *, what: str = UNSET,
                      planned_on: Any = UNSET, tried_on: Any = UNSET,
                      verdict: str = UNSET) -> Experiment:
    """Change some fields of an experiment (the others are kept), in one transaction."""
    get_experiment(store, experiment_id)
    fields = checked(_CHECKS, what=what, planned_on=planned_on, tried_on=tried_on,
                     verdict=verdict)
    with store.transaction() as conn:
        update(conn, "between_experiments", fields, "id = ?", experiment_id)
    return get_experiment(store, experiment_id)


def remove_experiment(store: LearnerStore, experiment_id: int) -> None:
    """Remove an experiment and what was learned from it (one transaction)."""
    get_experiment(store, experiment_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM between_experiments WHERE id = ?", (experiment_id,))
        conn.execute("DELETE FROM entries WHERE exercise = ? AND key = ?",
                     (EXERCISE, learned_key("experiment", experiment_id)))


def tried_count(store: LearnerStore) -> int:
    """How many experiments have been tried."""
    return store.read("SELECT COUNT(*) FROM between_experiments "
                      "WHERE tried_on IS NOT NULL")[0][0]


__all__ = ["add_experiment", "get_experiment", "list_experiments", "remove_experiment",
           "tried_count", "update_experiment"]
