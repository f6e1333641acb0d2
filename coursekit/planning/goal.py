"""The goal and its skills-gap matrix: know what you want, then get ready.

The first case's arc: a manager knows what she wants (an international role), lists the
skills it needs, and takes assignments that build the missing ones before she moves. Here
the learner writes the goal (a specific, challenging one beats "do your best"; Locke and
Latham 2002), the skills and experiences it needs, the evidence that they have each one, and
the assignment or project that would build what is missing.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> _ = save_goal(store, goal="Lead a team abroad within three years")
>>> s = add_skill(store, "Working in a second language", builder="Evening course, then a "
...               "project with the Lyon office")
>>> [(s.skill, s.status) for s in list_skills(store)]
[('Working in a second language', 'building')]
"""

from __future__ import annotations

from typing import Any

from .._errors import InputError
from .._sql import inserted_id
from ..store import LearnerStore, _now
from ._db import UNSET, checked, update
from .model import GOAL_KINDS, MAX_TITLE, Goal, Skill, check_text, iso_date, parse_date

#: How each status reads in tables and the report.
STATUS_WORDS = {"have": "have it (evidence)", "building": "to build", "gap": "gap: no plan yet"}

_GOAL_CHECKS = {"goal": lambda text: check_text(text, "goal"),
                "outcome": lambda text: check_text(text, "outcome"),
                "target_date": lambda day: iso_date(day, "target date"),
                "kind": lambda kind: _goal_kind(kind)}


def _goal_kind(kind: Any) -> str | None:
    if kind is not None and kind not in GOAL_KINDS:
        raise InputError(f"'{kind}' is not a kind of goal. Fix: use one of "
                         f"{', '.join(GOAL_KINDS)}, or None")
    return kind

_SKILL_CHECKS = {"skill": lambda text: check_text(text, "skill", required=True, limit=MAX_TITLE),
                 "evidence": lambda text: check_text(text, "evidence"),
                 "builder": lambda text: check_text(text, "assignment or project")}


def load_goal(store: LearnerStore) -> Goal:
    """The learner's goal (empty when not written yet)."""
    rows = store.read("SELECT goal, outcome, target_date, kind FROM plan_goal WHERE id = 1")
    if not rows:
        return Goal()
    goal, outcome, target, kind = rows[0]
    return Goal(goal, outcome, parse_date(target), kind)


def save_goal(store: LearnerStore, *, goal: str = UNSET, outcome: str = UNSET,
              target_date: Any = UNSET, kind: str | None = UNSET) -> Goal:
    """Save the goal's fields that are given (the others are kept), in one transaction.

    Parameters
    ----------
    goal : str
        What you want (the wish), specific enough to know when you have it.
    outcome : str
        The best outcome of reaching it, as you imagine it.
    target_date : date or "YYYY-MM-DD" or None
        When you want to have reached it.
    kind : "result", "learning" or None
        A result to reach, or something to find out or learn first (:data:`GOAL_KINDS`).
    """
    clean = checked(_GOAL_CHECKS, goal=goal, outcome=outcome, target_date=target_date,
                    kind=kind)
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO plan_goal (id, updated_at) VALUES (1, ?)", (_now(),))
        update(conn, "plan_goal", clean, "id = 1")
    return load_goal(store)


# -- skills-gap matrix -------------------------------------------------------------------


def list_skills(store: LearnerStore) -> list[Skill]:
    """The rows of the skills-gap matrix, in the order the learner added them."""
    rows = store.read("SELECT id, skill, evidence, builder FROM plan_skills "
                      "ORDER BY position, id")
    return [Skill(*row) for row in rows]


def _skill(store: LearnerStore, skill_id: int) -> Skill:
    for skill in list_skills(store):
        if skill.id == skill_id:
            return skill
    raise InputError(f"There is no skill row {skill_id}. "
                     f"Fix: use an id from list_skills(store).")


def add_skill(store: LearnerStore, skill: str, *, evidence: str = "",
              builder: str = "") -> Skill:
    """Add a row: a skill or experience the goal needs, your evidence, and what would build it.

    Raises
    ------
    InputError
        The skill is empty or too long.
    """
    clean = checked(_SKILL_CHECKS, skill=skill, evidence=evidence, builder=builder)
    with store.transaction() as conn:
        position = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 "
                                "FROM plan_skills").fetchone()[0]
        new_id = inserted_id(conn.execute("INSERT INTO plan_skills (position, skill, evidence, "
                                          "builder, updated_at) VALUES (?, ?, ?, ?, ?)",
                                          (position, *clean.values(), _now())))
    return _skill(store, new_id)


def update_skill(store: LearnerStore, skill_id: int, *, skill: str = UNSET,
                 evidence: str = UNSET, builder: str = UNSET) -> Skill:
    """Change some fields of a skill row (the others are kept)."""
    _skill(store, skill_id)
    clean = checked(_SKILL_CHECKS, skill=skill, evidence=evidence, builder=builder)
    with store.transaction() as conn:
        update(conn, "plan_skills", clean, "id = ?", skill_id)
    return _skill(store, skill_id)


def remove_skill(store: LearnerStore, skill_id: int) -> None:
    """Remove a row of the skills-gap matrix."""
    _skill(store, skill_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM plan_skills WHERE id = ?", (skill_id,))
