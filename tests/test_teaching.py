"""The teaching notes as an instructor reads them: blocks on the clock, cuts, the plan
figure and the HTML page (golden files: ``pytest tests/test_teaching.py --update-goldens``)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from coursekit import list_cases, load_case
from coursekit.cases import load_case_file
from coursekit.teaching import (
    POLL_HOW,
    late_cuts,
    session_blocks,
    session_plan,
    session_plan_figure,
    teaching_notes_html,
)

from .test_cases import minimal, write_case


def page_text(case) -> str:
    """The notes as a reader sees them: tags dropped, entities and spaces resolved."""
    html = "".join(teaching_notes_html(case))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_session_plan_fills_ninety_minutes_without_gaps(case):
    plan = session_plan(case)
    assert plan.start.iloc[0] == 0 and plan.end.iloc[-1] == 90
    assert (plan.start.iloc[1:].to_numpy() == plan.end.iloc[:-1].to_numpy()).all()
    assert [b.clock for b in session_blocks(case)][0] == "0\u20135"


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_each_block_reads_as_a_plan_to_teach_from(case):
    """Time, lead question, both probes and every expected answer, in the block's order."""
    text = page_text(case)
    at = text.index("The session, block by block")
    for block in session_blocks(case):
        step = block.step
        heading = f"Block {block.number} · minutes {block.clock} · {step.title}"
        start = text.index(heading, at)
        end = text.index("Block ", start + len(heading)) if block.number < len(
            session_blocks(case)) else len(text)
        shown = text[start:end]
        for words in (step.activity, f"Ask: {step.lead_question}", *step.probes, *step.expect):
            assert " ".join(words.split()) in shown, (block.number, words)
        if step.if_late:
            assert f"If late (saves {step.if_late.saves} min): {step.if_late.cut}" in shown
        if block.decision:
            method = POLL_HOW[step.poll.method][0].lower()
            assert f"Poll, {method}." in shown and step.poll.run in shown
            for option in block.decision.options:
                assert option.label in shown
        at = start + len(heading)


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_the_page_has_synopsis_pre_class_cuts_polls_and_takeaways(case):
    notes = case.teaching_notes
    text = page_text(case)
    order = ["Synopsis", "Before class", "Objectives", "The session at a glance",
             "If you run late", "Running the polls", "Board plan", "The session, block by block",
             "Closing takeaways", "What to listen for", "Discussion questions"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert " ".join(notes.synopsis.split()) in text
    assert f"about {notes.pre_class_minutes} minutes in all" in text
    for task in notes.pre_class:
        assert f"{' '.join(task.task.split())} ({task.minutes} min)" in text
    total = sum(cut.saves for _, cut in late_cuts(case))
    assert f"give back up to {total} minutes" in text
    for title, how in POLL_HOW.values():
        assert f"{title}. {how.replace('<case>', case.title)}" in text
    for point in notes.takeaways:
        assert f"“{point}”" in text
    for reference in notes.references:
        assert reference in text


def test_late_cuts_are_listed_in_session_order():
    case = load_case("the-first-step")
    cuts = late_cuts(case)
    assert [b.number for b, _ in cuts] == sorted(b.number for b, _ in cuts)
    assert all(cut.saves <= block.step.minutes for block, cut in cuts)


def test_author_text_is_escaped_in_the_notes(tmp_path):
    meta, body = minimal()
    notes = meta["teaching_notes"]
    notes["synopsis"] = "<script>alert(1)</script> & more"
    notes["timing"][0]["probes"][0] = "<b>bold?</b>"
    notes["takeaways"] = ["Say <i>this</i>."]
    above, below = teaching_notes_html(load_case_file(write_case(tmp_path, meta, body)))
    assert "<script>" not in above and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in above
    assert "&lt;b&gt;bold?&lt;/b&gt;" in below and "<b>bold?</b>" not in below
    assert "Say &lt;i&gt;this&lt;/i&gt;." in below


def test_plan_figure_has_one_bar_per_block_on_a_90_minute_clock():
    case = load_case("the-first-step")
    fig = session_plan_figure(case)
    timing = case.teaching_notes.timing
    assert sum(len(trace.x) for trace in fig.data) == len(timing)
    assert tuple(fig.layout.xaxis.range) == (0, 90)
    assert fig.layout.title.text.startswith("Session plan")
    assert list(fig.layout.yaxis.categoryarray) == [f"{n}. {s.title}"
                                                    for n, s in enumerate(timing, start=1)]
    blocks, polls = fig.data
    assert polls.name == "block with a poll" and polls.marker.pattern.shape == "/"
    assert list(polls.y) == [f"{n}. {s.title}" for n, s in enumerate(timing, start=1) if s.poll]
    assert list(blocks.base) + list(polls.base) == sorted(
        [b.start for b in session_blocks(case) if not b.decision]) + sorted(
        [b.start for b in session_blocks(case) if b.decision])


@pytest.mark.parametrize("case_id", ["the-first-step", "the-career-impasse"])
def test_teaching_notes_match_their_golden_file(golden, case_id):
    above, below = teaching_notes_html(load_case(case_id))
    golden(f"teaching-notes-{case_id}.html", f"{above}\n<!-- the session plan figure -->\n{below}")
