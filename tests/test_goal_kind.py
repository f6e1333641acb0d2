"""The kind of goal: a result to reach, or something to learn first (Seijts and Latham 2001)."""

from __future__ import annotations

import sqlite3

import pytest

from coursekit._errors import InputError
from coursekit._migrations import migrations
from coursekit._migrations import statements as _statements
from coursekit.planning import load_goal, save_goal
from coursekit.store import LearnerStore
from coursekit.views.plan import goal


def test_kind_is_saved_checked_and_kept_with_the_other_fields():
    store = LearnerStore(":memory:")
    save_goal(store, goal="Find out what a country manager does")
    assert load_goal(store).kind is None
    save_goal(store, kind="learning")
    assert load_goal(store).goal == "Find out what a country manager does"
    assert load_goal(store).kind == "learning"
    with pytest.raises(InputError, match="not a kind of goal"):
        save_goal(store, kind="dream")
    assert load_goal(store).kind == "learning"


def test_two_goal_views_stay_in_step():
    store = LearnerStore(":memory:")
    first, second = goal(store), goal(store)
    assert [v for _, v in first.kind.options] == ["result", "learning"]
    assert "Seijts and Latham 2001" in first.children[2].value
    first.kind.value = "result"
    assert second.kind.value == "result"


def test_the_report_says_which_kind():
    from coursekit._render import render
    from coursekit.planning import load_plan

    store = LearnerStore(":memory:")
    save_goal(store, goal="Run a team abroad", kind="result")
    text = render("plan/parts/goal.md.j2", plan=load_plan(store))
    assert "**Goal (a result to reach):** Run a team abroad" in text


def test_migration_7_keeps_the_goal(tmp_path):
    path = tmp_path / "v6.sqlite"
    conn = sqlite3.connect(path)
    for _, _, sql in migrations()[:6]:
        for statement in _statements(sql):
            conn.execute(statement)
    conn.execute("INSERT INTO plan_goal (id, goal, updated_at) VALUES (1, 'Go', '2026-01-01')")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with LearnerStore(path) as store:
        assert load_goal(store).goal == "Go" and load_goal(store).kind is None
