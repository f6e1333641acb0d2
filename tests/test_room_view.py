"""The instructor's room: tallies that follow the votes, reveals, sections, small groups hidden."""

from __future__ import annotations

import pytest

from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.handin import course_id
from coursekit.classroom.live import LivePoll, point_id
from coursekit.views.room import class_room

from .test_live_class import wait_for

POINT = point_id("the-career-impasse", "the-promised-role")


@pytest.fixture
def room_db(tmp_path):
    url = f"sqlite:///{tmp_path}/class.sqlite"
    open_class_store(url).close()
    return url


def vote(url: str, n: int, choice: str, start: int = 0) -> None:
    with open_class_store(url) as db:
        poll = LivePoll(db, course_id())
        for i in range(start, start + n):
            poll.vote(f"p-{i:016x}", POINT, choice)


@pytest.fixture
def room(room_db):
    view = class_room(room_db, loop=None, interval=0.05)
    yield view
    view.close()


def test_the_tally_follows_the_votes_without_a_refresh(room, room_db):
    panel = room.panels[POINT]
    assert "No votes yet" in panel.tally.value and not any(
        getattr(w, "description", "") == "Refresh" for w in room.children)
    vote(room_db, 3, "never")
    wait_for(lambda: "Fewer than 5 votes so far" in panel.tally.value, what="3 votes")
    assert panel.tally.value.count("fewer than 5 — hidden") == 4  # every option hidden
    vote(room_db, 6, "never", start=3)
    vote(room_db, 5, "gets-it", start=9)
    wait_for(lambda: "14 votes" in panel.tally.value, what="14 votes")
    assert ">9 (64&nbsp;%)<" in panel.tally.value and ">5 (36&nbsp;%)<" in panel.tally.value
    assert "14 learners voted so far" in room.header.value
    vote(room_db, 2, "leaves", start=14)  # one small option: it and the next smallest hide
    wait_for(lambda: "16 votes" in panel.tally.value, what="16 votes")
    assert panel.tally.value.count("fewer than 5 — hidden") == 2
    assert ">9 (56&nbsp;%)<" in panel.tally.value


def test_reveal_reaches_the_database_and_the_button_says_so(room, room_db):
    panel = room.panels[POINT]
    panel.reveal.click()
    wait_for(lambda: panel.reveal.description == "Revealed", what="the reveal")
    assert "every learner&#x27;s notebook shows it" in panel.status.value
    with open_class_store(room_db) as db:
        assert LivePoll(db, course_id()).revealed() == {POINT}


def test_the_next_section_starts_afresh_after_a_confirmation(room, room_db):
    vote(room_db, 6, "never")
    room.panels[POINT].reveal.click()
    wait_for(lambda: room.panels[POINT].reveal.description == "Revealed", what="the reveal")
    room.next_section.click()
    assert room.confirm_box.layout.display == "flex" and "Start section 2?" in \
        room.confirm_text.value
    room.cancel_section.click()
    assert room.confirm_box.layout.display == "none"
    room.next_section.click()
    room.confirm_section.click()
    wait_for(lambda: "Section 2" in room.header.value, what="section 2")
    wait_for(lambda: "No votes yet" in room.panels[POINT].tally.value, what="an empty tally")
    assert room.panels[POINT].reveal.description == "Reveal what happened"
    assert "Section 2 started" in room.status.value


def test_reveal_every_outcome(room, room_db):
    room.reveal_all.click()
    wait_for(lambda: all(p.reveal.description == "Revealed" for p in room.panels.values()),
             what="every reveal")


def test_a_database_that_does_not_answer_is_said_and_recovered_from(tmp_path):
    away = tmp_path / "class.sqlite"
    away.mkdir()
    room = class_room(f"sqlite:///{away}", loop=None, interval=0.05)
    try:
        assert "goes on when the database answers" in room.status.value
        room.panels[POINT].reveal.click()
        wait_for(lambda: "Not revealed" in room.panels[POINT].status.value, what="refusal")
        assert room.panels[POINT].reveal.disabled is False  # the instructor may try again
        away.rmdir()
        wait_for(lambda: "Section 1" in room.header.value, timeout=15, what="recovery")
        wait_for(lambda: room.status.value == "", what="the message cleared")
    finally:
        room.close()


def test_demo_room_without_a_class_database(monkeypatch):
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    room = class_room(loop=None)
    try:
        assert room.demo and "DEMO ROOM" in room.header.value
        assert all("votes." in p.tally.value for p in room.panels.values())
    finally:
        room.close()


def test_a_new_room_stops_the_one_before(room_db):
    first = class_room(room_db, loop=None, interval=0.05)
    second = class_room(room_db, loop=None, interval=0.05)
    try:
        assert not first.poller.running and second.poller.running
    finally:
        second.close()
