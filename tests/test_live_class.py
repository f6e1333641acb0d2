"""Class mode: a committed prediction reaches the class poll, the outcome waits for the reveal.

The learner's side runs as in a kernel: the link's timer thread asks the class database
(here an SQLite file, as on one machine; PostgreSQL in test_class_roles and the hub test)
and the views follow the learner store. Nothing is mocked.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from coursekit.classroom import live_link
from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.handin import course_id, pseudonym
from coursekit.classroom.live import LivePoll, point_id
from coursekit.store import LearnerStore
from coursekit.views.case import case_part
from coursekit.views.predict import decided, decision_point

CASE, POINT, NEXT = "the-career-impasse", "the-promised-role", "stuck"


def wait_for(condition, timeout: float = 10.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout} s for {what}")


@pytest.fixture
def class_db(tmp_path, monkeypatch):
    """A live class on one machine: the class database is an SQLite file."""
    url = f"sqlite:///{tmp_path}/class.sqlite"
    monkeypatch.setenv("COURSEKIT_CLASS_DB", url)
    monkeypatch.setattr(live_link, "POLL_SECONDS", 0.1)
    open_class_store(url).close()  # the instructor's `coursekit class-db init URL`
    yield url
    live_link.stop_links()


def instructor(url: str) -> LivePoll:
    return LivePoll(open_class_store(url), course_id())


def votes(url: str) -> list[tuple]:
    with open_class_store(url) as db:
        return db._rows("SELECT * FROM votes", ())


def test_self_paced_shows_the_outcome_at_once(store, monkeypatch):
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    view = decision_point(store, CASE, POINT)
    assert view.link is None and view.send_to_class not in view.children
    view.choices.value = "never"
    view.commit.click()
    assert "What actually happened" in view.outcome.value


def test_a_commit_reaches_the_poll_and_the_outcome_waits_for_the_reveal(store, class_db):
    view = decision_point(store, CASE, POINT)
    part = case_part(store, CASE, NEXT)
    assert view.send_to_class in view.children and view.send_to_class.value
    assert pseudonym(store) in view.children[2].value  # the page says what goes, and how
    view.choices.value = "never"
    view.why.value = "He is too useful where he is"
    view.commit.click()
    assert "when your instructor reveals it" in view.outcome.value
    wait_for(lambda: votes(class_db), what="the vote in the class database")
    (course, section, point, who, choice, _at), = votes(class_db)
    assert (course, section, point, who, choice) == (
        course_id(), 1, point_id(CASE, POINT), pseudonym(store), "never")
    raw = open(class_db.removeprefix("sqlite:///"), "rb").read()
    assert b"too useful" not in raw  # the reason never leaves
    wait_for(lambda: "In the class poll since" in view.poll_status.value, what="the news")
    assert "your instructor has revealed" in part.value  # the story waits too
    assert not decided(store, view.case, view.decision)

    instructor(class_db).reveal(point_id(CASE, POINT))
    wait_for(lambda: "What actually happened." in view.outcome.value, what="the reveal")
    wait_for(lambda: part.value.startswith('<section aria-label="Stuck">'), what="the part")
    # Seen once, it stays: the next section hides nothing this learner has seen.
    instructor(class_db).next_section()
    again = decision_point(store, CASE, POINT)
    assert "What actually happened." in again.outcome.value


def test_a_reveal_before_the_commit_shows_at_the_commit(store, class_db):
    view = decision_point(store, CASE, POINT)
    instructor(class_db).reveal(point_id(CASE, POINT))
    wait_for(lambda: store.load(f"case:{CASE}", f"revealed:{POINT}") is not None,
             what="the reveal noted")
    assert view.outcome.value == ""  # nothing shown before the learner commits
    view.skip.click()
    assert "What actually happened." in view.outcome.value
    assert votes(class_db) == []  # reading on sends nothing


def test_opting_out_sends_nothing_and_is_remembered(store, class_db):
    view = decision_point(store, CASE, POINT)
    other = decision_point(store, CASE, "first-response")
    view.send_to_class.value = False
    assert other.send_to_class.value is False  # one choice, every view
    assert "stay here" in view.poll_status.value
    view.choices.value = "never"
    view.commit.click()
    time.sleep(0.5)
    assert votes(class_db) == []
    assert "Kept here only" in view.poll_status.value
    assert "when your instructor reveals it" in view.outcome.value  # class pacing still
    assert decision_point(store, CASE, POINT).send_to_class.value is False


def test_a_vote_made_while_the_database_is_away_is_sent_when_it_is_back(tmp_path, monkeypatch):
    away = tmp_path / "class.sqlite"
    away.mkdir()  # a folder where the database should be: it cannot be opened
    url = f"sqlite:///{away}"
    monkeypatch.setenv("COURSEKIT_CLASS_DB", url)
    monkeypatch.setattr(live_link, "RETRY_SECONDS", 0.2)
    path = tmp_path / "learner.sqlite"
    try:
        store = LearnerStore(path)
        view = decision_point(store, CASE, POINT)
        view.choices.value = "after-a-push"
        view.commit.click()
        wait_for(lambda: "not in the class poll yet" in view.poll_status.value,
                 what="the message beside the control")
        assert "folder" in view.poll_status.value and "sent as soon as" in view.poll_status.value
        # The kernel restarts while the database is still away: the vote is kept.
        live_link.stop_links()
        store.close()
        store = LearnerStore(path)
        assert store.load(f"case:{CASE}", f"poll:{POINT}") == {"choice": "after-a-push",
                                                                "sent_at": None}
        view = decision_point(store, CASE, POINT)
        away.rmdir()  # the database is back
        wait_for(lambda: "In the class poll since" in view.poll_status.value, what="the send")
        assert [row[4] for row in votes(url)] == ["after-a-push"]
    finally:
        live_link.stop_links()


def test_demo_mode_is_never_in_the_class_poll(class_db):
    from coursekit import open_store

    view = decision_point(open_store(demo=True), CASE, POINT)
    assert view.link is None


def test_news_is_applied_on_the_kernels_event_loop(store, class_db):
    """In a kernel, the database work is on a thread; the widgets change on the loop."""
    threads = []

    async def in_a_kernel():
        view = decision_point(store, CASE, POINT)
        view.link.on_change(lambda _link: threads.append(threading.current_thread()))
        view.choices.value = "never"
        view.commit.click()
        for _ in range(200):
            if "In the class poll since" in view.poll_status.value:
                return view
            await asyncio.sleep(0.05)
        raise AssertionError("the vote's news never reached the loop")

    asyncio.run(in_a_kernel())
    assert threads and set(threads) == {threading.main_thread()}


def test_opting_out_while_a_vote_waits_drops_it(tmp_path, monkeypatch):
    away = tmp_path / "class.sqlite"
    away.mkdir()
    monkeypatch.setenv("COURSEKIT_CLASS_DB", f"sqlite:///{away}")
    try:
        store = LearnerStore(tmp_path / "learner.sqlite")
        view = decision_point(store, CASE, POINT)
        view.choices.value = "never"
        view.commit.click()
        wait_for(lambda: "not in the class poll yet" in view.poll_status.value, what="waiting")
        view.send_to_class.value = False
        assert not view.link.queued(view.case, view.decision)
        assert store.load(f"case:{CASE}", f"poll:{POINT}") is None
        away.rmdir()
        time.sleep(1.5)
        assert votes(f"sqlite:///{away}") == []
    finally:
        live_link.stop_links()
