"""A live class on one machine, in app mode: a learner's page and the instructor's room.

The course is served as apps with a class database (an SQLite file, as on one machine; the
hub test does the same with PostgreSQL through JupyterHub). The learner commits by
keyboard; the room, open in another tab, shows the vote and reveals the outcome, which the
learner's page then shows without a reload. Both pages pass the page checks and axe at
1366x900 and 1024x768.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from coursekit import app
from coursekit.classroom.class_store import open_class_store

from .pagecheck import CoursePage, ServerProcess, cell_with, tab_to

CASE = "02_the_career_impasse.ipynb"
ROOM = "instructor/class_room.ipynb"
POINT = ".ck-point--the-career-impasse--the-promised-role"


@pytest.fixture(scope="module")
def live_app(chromium, course_folder, tmp_path_factory):
    """``coursekit start --app`` for a learner whose server has a class database."""
    folder = tmp_path_factory.mktemp("live-app")
    url = f"sqlite:///{folder}/class.sqlite"
    open_class_store(url).close()  # the instructor's `coursekit class-db init`
    port, token = app.free_port(), "live-class"
    env = app.app_environment(course_folder, token=token, base={
        **os.environ, "COURSEKIT_STORE": str(folder / "learner.sqlite"),
        "COURSEKIT_CLASS_DB": url})
    env.pop("COURSEKIT_DEMO", None)
    server = ServerProcess(app.app_command(course_folder, port=port, show_tracebacks=True),
                           env=env, cwd=course_folder, port=port, token=token,
                           log_name="voila-live-class.log")
    server.start(app.ready_url(port, token=token))
    yield server
    server.stop()


def _page(chromium, name: str, size: tuple[int, int]) -> CoursePage:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]})
    return CoursePage(context.new_page(), name=name)


def _axe(page: CoursePage) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page.page, context={"include": [["#rendered_cells"]]})
    return [f"{v['id']} ({v['impact']}): {v['help']} - "
            f"{[n['html'][:120] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]]


def test_commit_then_the_instructor_reveals(live_app, chromium):
    size = (1366, 900)
    learner = _page(chromium, f"live-learner-{size[0]}", size)
    room = _page(chromium, f"live-room-{size[0]}", size)
    try:
        page = learner.open(live_app.url(CASE), timeout=120_000)
        decision = cell_with(page, page.get_by_text("Pause and predict. Harris completes"))
        expect(decision.get_by_text("Class poll.")).to_be_visible()
        expect(decision.get_by_role("checkbox", name="Send my predictions to the class poll")
               ).to_be_checked()
        radios = decision.get_by_role("radio")
        tab_to(page, radios.first)
        page.keyboard.press("Space")
        commit = decision.get_by_role("button", name="Commit my prediction")
        expect(commit).to_be_enabled(timeout=15_000)
        tab_to(page, commit)
        page.keyboard.press("Enter")
        expect(decision.get_by_text("In the class poll since")).to_be_visible(timeout=15_000)
        expect(decision.get_by_text("appears here when your instructor reveals it")
               ).to_be_visible()
        expect(page.get_by_text("your instructor has revealed what happened").first
               ).to_be_visible()  # the next part waits too
        learner.check(f"live-learner-waiting-{size[0]}")
        assert _axe(learner) == []

        board = room.open(live_app.url(ROOM), timeout=120_000)
        panel = board.locator(POINT)
        expect(panel.get_by_text("Fewer than 5 votes so far")).to_be_visible(timeout=15_000)
        expect(board.get_by_text("1 learner voted so far")).to_be_visible()
        room.check(f"live-room-{size[0]}")
        assert _axe(room) == []
        reveal = panel.get_by_role("button", name="Reveal what happened")
        tab_to(board, reveal)
        board.keyboard.press("Enter")
        expect(panel.get_by_text("every learner's notebook shows it")).to_be_visible(
            timeout=15_000)

        expect(decision.get_by_text("What actually happened.")).to_be_visible(timeout=15_000)
        expect(page.get_by_text("Part 2 of 5: Stuck")).to_be_visible(timeout=15_000)
        learner.check(f"live-learner-revealed-{size[0]}")
        for shown in (learner, room):
            assert not shown.kernel_errors, shown.kernel_errors
            assert not shown.external_requests, shown.external_requests
    finally:
        learner.page.context.close()
        room.page.context.close()


def test_the_next_section_at_1024(live_app, chromium):
    """After the reveal: a new section empties the tally; the learner keeps what they saw."""
    size = (1024, 768)
    learner = _page(chromium, "live-learner-1024", size)
    room = _page(chromium, "live-room-1024", size)
    try:
        board = room.open(live_app.url(ROOM), timeout=120_000)
        panel = board.locator(POINT)
        expect(panel.get_by_role("button", name="Revealed")).to_be_visible(timeout=15_000)
        tab_to(board, board.get_by_role("button", name="Start the next section"))
        board.keyboard.press("Enter")
        confirm = board.get_by_role("button", name="Start it")
        expect(board.get_by_text("Start section 2?")).to_be_visible(timeout=15_000)
        tab_to(board, confirm)
        board.keyboard.press("Enter")
        expect(board.get_by_text("Section 2 started.")).to_be_visible(timeout=15_000)
        expect(panel.get_by_text("No votes yet")).to_be_visible(timeout=15_000)
        expect(panel.get_by_role("button", name="Reveal what happened")).to_be_visible()
        room.check("live-room-section-2-1024")
        assert _axe(room) == []

        page = learner.open(live_app.url(CASE), timeout=120_000)
        decision = cell_with(page, page.get_by_text("Pause and predict. Harris completes"))
        expect(decision.get_by_text("What actually happened.")).to_be_visible()
        expect(page.get_by_text("Part 2 of 5: Stuck")).to_be_visible()
        learner.check("live-learner-after-reload-1024")
        assert _axe(learner) == []
    finally:
        learner.page.context.close()
        room.page.context.close()
