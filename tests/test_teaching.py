from __future__ import annotations

import pytest

from coursekit import list_cases
from coursekit.teaching import (
    questions_in_order,
    session_plan,
    session_plan_figure,
    teaching_notes_markdown,
)


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_session_plan_fills_ninety_minutes_without_gaps(case):
    plan = session_plan(case)
    assert plan.start.iloc[0] == 0 and plan.end.iloc[-1] == 90
    assert (plan.start.iloc[1:].to_numpy() == plan.end.iloc[:-1].to_numpy()).all()


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_questions_follow_the_narrative_then_discussion(case):
    questions = questions_in_order(case)
    assert len(questions) == len(case.decisions) + len(case.discussion)
    assert questions[-len(case.discussion):] == list(case.discussion)
    first_decision = next(d for p in case.parts for d in case.decisions_after(p.id))
    assert first_decision.prompt in questions[0]


def test_notes_flag_contested_facts():
    case = next(c for c in list_cases() if c.contested_facts)
    text = teaching_notes_markdown(case)
    assert "**Contested:**" in text
    for fact in case.contested_facts:
        assert fact.fact in text


def test_plan_figure_has_one_bar_per_block_on_a_90_minute_clock():
    case = list_cases()[0]
    fig = session_plan_figure(case)
    assert len(fig.data[0].x) == len(case.teaching_notes.timing)
    assert tuple(fig.layout.xaxis.range) == (0, 90)
    assert fig.layout.title.text.startswith("Session plan")
