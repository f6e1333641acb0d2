"""Exports of the plan: the .ics calendar, Markdown and the timeline figure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from coursekit.planning import (
    add_check_ins,
    add_networking,
    add_step,
    calendar_bytes,
    load_plan,
    mark_done,
    plan_markdown,
    timeline_figure,
    write_calendar,
)
from coursekit.store import LearnerStore

EVIL = '<script>alert("x")</script>, =HYPERLINK("http://evil"); line\nBEGIN:VEVENT'


@pytest.fixture
def store():
    s = LearnerStore(":memory:")
    add_step(s, "Email Lena", due="2030-03-01", first=True, if_obstacle="no answer",
             then_response="phone her")
    add_step(s, EVIL, due="2030-03-05", if_obstacle=EVIL, then_response="stay calm")
    add_step(s, "Undated idea")
    add_networking(s, "someone two levels above", why="perspective", due="2030-04-01")
    add_check_ins(s, "2030-03-01", count=2)
    done = add_step(s, "Enrol in French", due="2030-02-20")
    mark_done(s, done.id, on="2030-02-19")
    return s


def _events(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    return cal, [c for c in cal.walk() if c.name == "VEVENT"]


def test_ics_holds_every_dated_item(store, tmp_path):
    path = write_calendar(store, tmp_path / "plan.ics")
    cal, events = _events(path.read_bytes())
    plan = load_plan(store)
    dated = [s for s in plan.steps if s.due]
    assert len(events) == len(dated) == 6
    assert cal["VERSION"] == "2.0" and "coursekit" in str(cal["PRODID"])
    by_uid = {str(e["UID"]): e for e in events}
    for step in dated:
        event = by_uid[step.uid]
        assert event.decoded("DTSTART") == step.due  # all-day: a DATE, not a DATE-TIME
        assert not isinstance(event.decoded("DTSTART"), datetime)
        assert event.decoded("DTEND") == date.fromordinal(step.due.toordinal() + 1)
        assert event.decoded("DTSTAMP").tzinfo is not None
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert "Done: Enrol in French" in summaries
    first = by_uid[plan.first_step.uid]
    assert "If no answer, then I will phone her." in str(first["DESCRIPTION"])


def test_ics_escapes_learner_text(store):
    raw = calendar_bytes(load_plan(store), stamp=datetime(2030, 1, 1, tzinfo=UTC))
    # RFC 5545: commas, semicolons and newlines are escaped; no injected component
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == 6  # only real components start a line
    assert b"HYPERLINK(\"http://evil\")\\; line\\nBEGIN:VEVENT" in raw.replace(b"\r\n ", b"")
    _, events = _events(raw)
    evil = next(e for e in events if "script" in str(e["SUMMARY"]))
    assert str(evil["SUMMARY"]) == EVIL  # round-trips as plain text


def test_ics_stable_uids_across_exports(store):
    one = {str(e["UID"]) for e in _events(calendar_bytes(load_plan(store)))[1]}
    two = {str(e["UID"]) for e in _events(calendar_bytes(load_plan(store)))[1]}
    assert one == two


def test_markdown_plan_escapes_and_lists_everything(store):
    md = plan_markdown(load_plan(store))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "- [x] 2030-02-20: Enrol in French (done 2030-02-19)" in md
    assert "If no answer, then I will phone her." in md
    assert "no date yet: Undated idea" in md
    assert "\nBEGIN:VEVENT" not in md  # a newline in learner text cannot start a new line


def test_timeline_shape_and_colour_differ_and_hover_is_escaped(store):
    fig = timeline_figure(load_plan(store), today=date(2030, 2, 25))
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    by_name = {t.name: t for t in fig.data}
    assert by_name["Open"].marker.symbol != by_name["Done"].marker.symbol
    assert by_name["Open"].marker.color != by_name["Done"].marker.color
    hover = " ".join(" ".join(t.hovertext) for t in fig.data)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    labels = " ".join(" ".join(t.text) for t in fig.data)
    assert "<script>" not in labels
    assert any("without a date" in (a.text or "") for a in fig.layout.annotations)
    assert sum(len(t.x) for t in fig.data) == 6


def test_timeline_of_empty_plan_says_what_to_do():
    fig = timeline_figure([], today=date(2030, 1, 1))
    assert any("No dated steps yet" in (a.text or "") for a in fig.layout.annotations)


def test_timeline_numbers_its_markers_and_its_key_holds_each_title_whole(store):
    """No title is cut on the chart: markers carry numbers, the key the whole titles."""
    from markupsafe import escape

    from coursekit._render import render
    from coursekit.planning import timeline_key
    from coursekit.planning.model import KIND_LABELS

    plan = load_plan(store)
    fig = timeline_figure(plan, today=date(2030, 2, 25))
    key = timeline_key(plan)
    assert [n for n, _ in key] == list(range(1, len(key) + 1)) and len(key) == 6
    shown = {text for t in fig.data for text in t.text if text}
    assert shown and shown <= {str(n) for n, _ in key}
    assert not any("\u2026" in text for t in fig.data for text in t.text)
    html = render("report/_timeline_key.html.j2", key=key, kinds=KIND_LABELS)
    for number, step in key:
        assert f"<li value='{number}'>" in html
        assert str(escape(step.title)) in html
    assert "<script>" not in html
