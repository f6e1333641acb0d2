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
>>> skills_gap_table(list_skills(store))[["skill", "status"]].values.tolist()
[['Working in a second language', 'building']]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._errors import InputError
from ..store import LearnerStore
from ._db import mark_progress, now
from .model import MAX_TITLE, Goal, Skill, check_text, parse_date

_UNSET: Any = object()


def load_goal(store: LearnerStore) -> Goal:
    """The learner's goal (empty when not written yet)."""
    rows = store.read("SELECT goal, outcome, target_date FROM plan_goal WHERE id = 1")
    if not rows:
        return Goal()
    goal, outcome, target = rows[0]
    return Goal(goal, outcome, parse_date(target))


def save_goal(store: LearnerStore, *, goal: str = _UNSET, outcome: str = _UNSET,
              target_date: Any = _UNSET) -> Goal:
    """Save the goal's fields that are given (the others are kept), in one transaction.

    Parameters
    ----------
    goal : str
        What you want (the wish), specific enough to know when you have it.
    outcome : str
        The best outcome of reaching it, as you imagine it.
    target_date : date or "YYYY-MM-DD" or None
        When you want to have reached it.
    """
    clean: dict[str, Any] = {}
    if goal is not _UNSET:
        clean["goal"] = check_text(goal, "goal")
    if outcome is not _UNSET:
        clean["outcome"] = check_text(outcome, "outcome")
    if target_date is not _UNSET:
        parsed = parse_date(target_date, "target date")
        clean["target_date"] = parsed.isoformat() if parsed else None
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO plan_goal (id, updated_at) VALUES (1, ?)", (now(),))
        if clean:
            sets = ", ".join(f"{name} = ?" for name in clean)
            conn.execute(f"UPDATE plan_goal SET {sets}, updated_at = ? WHERE id = 1",
                         (*clean.values(), now()))
        filled = conn.execute("SELECT goal != '' FROM plan_goal WHERE id = 1").fetchone()[0]
        skills = conn.execute("SELECT COUNT(*) FROM plan_skills").fetchone()[0]
        mark_progress(conn, "goal", int(filled) + skills)
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


def _count_goal(conn) -> None:
    filled = conn.execute("SELECT COUNT(*) FROM plan_goal WHERE goal != ''").fetchone()[0]
    skills = conn.execute("SELECT COUNT(*) FROM plan_skills").fetchone()[0]
    mark_progress(conn, "goal", filled + skills)


def add_skill(store: LearnerStore, skill: str, *, evidence: str = "",
              builder: str = "") -> Skill:
    """Add a row: a skill or experience the goal needs, your evidence, and what would build it.

    Raises
    ------
    InputError
        The skill is empty or too long.
    """
    name = check_text(skill, "skill", required=True, limit=MAX_TITLE)
    evidence = check_text(evidence, "evidence")
    builder = check_text(builder, "assignment or project")
    with store.transaction() as conn:
        position = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 "
                                "FROM plan_skills").fetchone()[0]
        cur = conn.execute("INSERT INTO plan_skills (position, skill, evidence, builder, "
                           "updated_at) VALUES (?, ?, ?, ?, ?)",
                           (position, name, evidence, builder, now()))
        new_id = cur.lastrowid
        _count_goal(conn)
    return _skill(store, new_id)


def update_skill(store: LearnerStore, skill_id: int, *, skill: str = _UNSET,
                 evidence: str = _UNSET, builder: str = _UNSET) -> Skill:
    """Change some fields of a skill row (the others are kept)."""
    _skill(store, skill_id)
    clean: dict[str, str] = {}
    if skill is not _UNSET:
        clean["skill"] = check_text(skill, "skill", required=True, limit=MAX_TITLE)
    if evidence is not _UNSET:
        clean["evidence"] = check_text(evidence, "evidence")
    if builder is not _UNSET:
        clean["builder"] = check_text(builder, "assignment or project")
    if clean:
        sets = ", ".join(f"{name} = ?" for name in clean)
        with store.transaction() as conn:
            conn.execute(f"UPDATE plan_skills SET {sets}, updated_at = ? WHERE id = ?",
                         (*clean.values(), now(), skill_id))
    return _skill(store, skill_id)


def remove_skill(store: LearnerStore, skill_id: int) -> None:
    """Remove a row of the skills-gap matrix."""
    _skill(store, skill_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM plan_skills WHERE id = ?", (skill_id,))
        _count_goal(conn)


#: How each status reads in tables and the report.
STATUS_WORDS = {"have": "have it (evidence)", "building": "to build", "gap": "gap: no plan yet"}


def skills_gap_table(skills: list[Skill]) -> pd.DataFrame:
    """The skills-gap matrix as a table: skill, evidence, builder, status.

    ``status`` is ``have`` when evidence is given, ``building`` when an assignment or project
    is named, and ``gap`` when neither is.
    """
    return pd.DataFrame(
        [{"skill": s.skill, "evidence": s.evidence, "builder": s.builder, "status": s.status}
         for s in skills],
        columns=["skill", "evidence", "builder", "status"],
    )


__all__ = ["STATUS_WORDS", "add_skill", "list_skills", "load_goal", "remove_skill",
           "save_goal", "skills_gap_table", "update_skill"]
