"""A live class on a real JupyterHub, with a real PostgreSQL class database.

JupyterHub runs with ``docs/jupyterhub_config.py`` as the documentation gives it: the
dummy authenticator, a local process spawner (each user a home folder and a course copy of
their own), configurable-http-proxy in front, and at each spawn a PostgreSQL login of the
user's own, made on a class database that ``coursekit class-db init`` set up. Five learners
log in through the hub, each opens the case in their own server (four as app pages, one in
JupyterLab) and commits a prediction; the instructor's room, also through the hub, shows
the tally grow and reveals the outcome, which every learner's open page then shows.

Skipped with the reason when JupyterHub, configurable-http-proxy, PostgreSQL or Chromium
is missing, except under CI=true, where each of them is required.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit import app
from coursekit.classroom.roles import init_class_db, login_name

from .._postgres import fresh_database
from .pagecheck import ARTIFACTS, REPO, CoursePage

pytestmark = pytest.mark.slow

CONFIG = REPO / "docs" / "jupyterhub_config.py"
LEARNERS = ["ana", "ben", "chloe", "dev", "eli"]
IN_LAB = "ana"  # the others use app pages
INSTRUCTOR = "teacher"
CASE_NOTEBOOK = "career-course/notebooks/02_the_career_impasse.ipynb"
ROOM_NOTEBOOK = "career-course/notebooks/instructor/class_room.ipynb"
POINT = ".ck-point--the-career-impasse--the-promised-role"


def hub_unavailable() -> str | None:
    """Why JupyterHub cannot start here, or None."""
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "JupyterHub is missing: pip install -e '.[test]'"
    if shutil.which("configurable-http-proxy") is None:
        return ("configurable-http-proxy is missing: npm install -g configurable-http-proxy "
                "(.ci/run installs it)")
    return None


@dataclass
class Hub:
    url: str
    root: Path
    admin_db: str
    database: str
    process: subprocess.Popen
    log: Path

    def server_pids(self) -> dict[str, int]:
        """Each user's single-user server process, from the hub's own database."""
        with sqlite3.connect(self.root / "jupyterhub.sqlite") as db:
            rows = db.execute("SELECT users.name, spawners.state FROM spawners JOIN users ON "
                              "users.id = spawners.user_id").fetchall()
        return {name: json.loads(state)["pid"] for name, state in rows
                if state and json.loads(state).get("pid")}


def _stop(hub: Hub) -> None:
    pids = hub.server_pids()
    hub.process.send_signal(signal.SIGTERM)  # the hub stops the users' servers first
    try:
        hub.process.wait(90)
    except subprocess.TimeoutExpired:
        os.killpg(hub.process.pid, signal.SIGKILL)
        hub.process.wait(10)
    for pid in pids.values():  # only the servers this hub started, if any outlived it
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def hub(chromium, tmp_path_factory):
    reason = hub_unavailable()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the hub test must run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    with fresh_database("ck_hub") as admin:
        made = init_class_db(admin)
        root = tmp_path_factory.mktemp("hub")
        port = app.free_port()
        jupyter_path = [os.environ.get("JUPYTER_PATH", "")]
        if sys.prefix != sys.base_prefix:  # a virtual environment: JupyterLab's assets
            jupyter_path.append(str(Path(sys.base_prefix) / "share" / "jupyter"))
        env = {**os.environ, "COURSEKIT_HUB_ROOT": str(root), "COURSEKIT_HUB_PORT": str(port),
               "COURSEKIT_HUB_API_PORT": str(app.free_port()),
               "COURSEKIT_PROXY_API_PORT": str(app.free_port()),
               "COURSEKIT_HUB_USERS": ",".join(LEARNERS), "COURSEKIT_HUB_INSTRUCTORS":
               INSTRUCTOR, "COURSEKIT_CLASS_ADMIN_DB": admin,
               "JUPYTER_PATH": os.pathsep.join(p for p in jupyter_path if p)}
        for name in ("COURSEKIT_CLASS_DB", "COURSEKIT_STORE", "COURSEKIT_DEMO",
                     "COURSEKIT_COURSE"):
            env.pop(name, None)
        ARTIFACTS.mkdir(exist_ok=True)
        log = ARTIFACTS / "hub.log"
        with log.open("w") as out:  # the hub writes to its own copy of the file
            process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                       env=env, cwd=root, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        started = Hub(f"http://127.0.0.1:{port}", root, admin, made.database, process, log)
        try:
            app.wait_until_ready(f"{started.url}/hub/api", process=process, timeout=120)
        except RuntimeError as exc:
            _stop(started)
            pytest.fail(f"JupyterHub did not start: {exc}\n{log.read_text()[-3000:]}")
        yield started
        _stop(started)


def _login(chromium, hub: Hub, user: str, size=(1366, 900)) -> CoursePage:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]})
    page = CoursePage(context.new_page(), name=f"hub-{user}")
    page.page.goto(f"{hub.url}/hub/login", timeout=60_000)
    page.page.get_by_label("Username").fill(user)
    page.page.get_by_label("Password").fill("any")
    page.page.get_by_role("button", name="Sign in").click()
    # signed in: the hub starts the server (see _server_up for when it is up)
    page.page.wait_for_url(lambda url: "/hub/login" not in url, timeout=60_000)
    return page


def _server_up(page: CoursePage, hub: Hub, user: str, timeout: float = 240) -> None:
    """Wait until ``user``'s server answers through the hub; fail with the hub's account.

    Asks the server itself (``/user/NAME/api``, answered by the hub until the server is
    up) rather than waiting for the spawn-pending page to move on: that page can miss its
    cue. A spawn that failed is started once more, with a warning quoting the hub's log.
    """
    deadline = time.monotonic() + timeout
    retried, known = False, ""
    while True:
        answer = page.page.context.request.get(f"{hub.url}/user/{user}/api", max_redirects=0,
                                               fail_on_status_code=False, timeout=30_000)
        if answer.ok and '"version"' in answer.text():
            return
        failed = _spawn_failure(hub, user)
        if failed != known and not retried:
            warnings.warn(f"{user}'s server failed to start; starting it again. "
                          f"The hub's log:\n{failed}", stacklevel=2)
            page.page.goto(f"{hub.url}/hub/spawn/{user}", wait_until="commit",
                           timeout=60_000)
            retried, known = True, failed
        elif failed != known or hub.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{user}'s server did not start within {timeout:.0f} s (the page is "
                        f"at {page.page.url}). The hub's log about {user}:\n"
                        f"{_log_about(hub, user)}", pytrace=False)
        time.sleep(1)


def _spawn_failure(hub: Hub, user: str) -> str:
    """The hub's log lines saying ``user``'s spawn failed, or ''."""
    lines = _log_about(hub, user, last=None).splitlines()
    return "\n".join(line for line in lines if re.search(
        r"JupyterHub.*(?i:failed to start|error starting|giving up|spawn failed)", line))


def _log_about(hub: Hub, user: str, last: int | None = 40) -> str:
    """The hub's log lines (the hub's own and the servers') that name ``user``."""
    text = hub.log.read_text(errors="replace") if hub.log.exists() else ""
    lines = [line for line in text.splitlines() if user in line]
    return "\n".join(lines[-last:] if last else lines)


def _open_app(page: CoursePage, hub: Hub, user: str, notebook: str) -> None:
    _server_up(page, hub, user)
    page.page.goto(f"{hub.url}/user/{user}/voila/render/{notebook}",
                   wait_until="commit", timeout=240_000)


def _open_lab(page: CoursePage, hub: Hub, user: str) -> None:
    p = page.page
    _server_up(page, hub, user)
    p.goto(f"{hub.url}/user/{user}/lab/tree/{CASE_NOTEBOOK}", wait_until="domcontentloaded",
           timeout=120_000)
    p.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=180_000)
    # The status bar can say "Idle" for the start page's kernel (the hub opens it too)
    # before this notebook's kernel is connected: a Run All then runs nothing. Run All
    # again until the notebook's first code cell has run.
    p.wait_for_timeout(1000)  # a "Select Kernel" question comes shortly after the page
    ran = p.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt").filter(
        has_text=re.compile(r"\[(\d+|\*)\]"))
    for _ in range(4):
        kernel_choice = p.locator(".jp-Dialog").filter(has_text="Select Kernel")
        if kernel_choice.count():
            # A server this fresh may not know its kernels yet when the notebook opens:
            # JupyterLab then asks, with the notebook's own kernel chosen. Take it.
            kernel_choice.get_by_role("button", name="Select", exact=True).click()
        p.get_by_role("menuitem", name="Run", exact=True).click()
        p.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        deadline = time.monotonic() + 45
        while not ran.count() and time.monotonic() < deadline:
            p.wait_for_timeout(500)
        if ran.count():
            break
    else:
        raise AssertionError(f"{user}: Run All ran no cell of {CASE_NOTEBOOK}")
    # JupyterLab's news popup is switched off for the hub's users too
    assert not p.get_by_text("official Jupyter news").is_visible()


def _commit(page: CoursePage, choice: str) -> None:
    p = page.page
    point = p.locator(".widget-vbox").filter(has_text="Pause and predict. Harris completes")
    point.get_by_text("Class poll.").first.wait_for(timeout=240_000)
    page.fail_on_tracebacks(p.url)
    point.get_by_role("radio", name=choice).first.check()
    point.get_by_role("button", name="Commit my prediction").first.click()
    point.get_by_text("In the class poll since").first.wait_for(timeout=30_000)


def _tally(room: CoursePage) -> str:
    return room.page.locator(POINT).locator(".ck-tally").inner_text()


def test_a_live_class_through_the_hub(hub, chromium):
    learners = {user: _login(chromium, hub, user) for user in LEARNERS}
    room = _login(chromium, hub, INSTRUCTOR)
    for user, page in learners.items():  # the hub spawns the servers meanwhile
        if user == IN_LAB:
            _open_lab(page, hub, user)
        else:
            _open_app(page, hub, user, CASE_NOTEBOOK)
    _open_app(room, hub, INSTRUCTOR, ROOM_NOTEBOOK)
    room.wait_rendered(timeout=240_000)
    room.page.locator(POINT).get_by_text("No votes yet").wait_for(timeout=60_000)

    # Each learner commits in their own server; the room follows without a reload.
    for n, page in enumerate(learners.values(), 1):
        _commit(page, "It never arrives")
        if n == 4:
            room.page.locator(POINT).get_by_text("Fewer than 5 votes so far").wait_for(
                timeout=15_000)
            assert _tally(room).count("fewer than 5 — hidden") == 4
    room.page.locator(POINT).get_by_text("5 votes.").wait_for(timeout=15_000)
    assert re.search(r"It never arrives\s+5 \(100\s%\)", _tally(room)), _tally(room)
    room.check("hub-room-5-votes")

    for page in learners.values():  # the outcome and the story wait for the reveal
        page.page.get_by_text("appears here when your instructor reveals it").first.wait_for()
        assert page.page.get_by_text("What actually happened.").count() == 0
        assert page.page.get_by_text("Part 2 of 5: Stuck").count() == 0
    learners["ben"].check("hub-learner-waiting")

    room.page.locator(POINT).get_by_role("button", name="Reveal what happened").click()
    room.page.locator(POINT).get_by_text("every learner's notebook shows it").wait_for(
        timeout=15_000)
    revealed = time.monotonic()
    for page in learners.values():  # every open page, without a reload
        page.page.get_by_text("What actually happened.").first.wait_for(timeout=15_000)
        page.page.get_by_text("Part 2 of 5: Stuck").first.wait_for(timeout=15_000)
    print(f"the reveal reached all {len(learners)} open pages in "
          f"{time.monotonic() - revealed:.1f} s")
    learners["ben"].check("hub-learner-revealed")
    lab = learners[IN_LAB].page
    lab.get_by_text("What actually happened.").first.scroll_into_view_if_needed()
    lab.screenshot(path=str(ARTIFACTS / "hub-lab-learner-revealed.png"))
    assert not learners[IN_LAB].tracebacks()

    # What the database holds, and that each learner's own login sees only their own row.
    _check_the_class_database(hub)
    for page in [*learners.values(), room]:
        assert not page.kernel_errors, page.kernel_errors
        assert not page.external_requests, page.external_requests
        page.page.context.close()


def _check_the_class_database(hub: Hub) -> None:
    import psycopg

    with psycopg.connect(hub.admin_db) as db:
        votes = db.execute("SELECT pseudonym, choice FROM votes").fetchall()
        logins = dict(db.execute("SELECT login, pseudonym FROM learners").fetchall())
    assert sorted(choice for _, choice in votes) == ["never"] * len(LEARNERS)
    for user in LEARNERS:
        store = hub.root / "home" / user / "career-course" / "learner-data" / "coursekit.sqlite"
        with sqlite3.connect(store) as own:  # each learner's own home, course and store
            pseudonym = own.execute("SELECT value FROM meta WHERE key = "
                                    "'handin_pseudonym'").fetchone()[0]
        assert logins[login_name(hub.database, user)] == pseudonym
    # The class database URL the hub gave a learner's server reads that learner's row only.
    pid = hub.server_pids()["ben"]
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    url = next(v.split(b"=", 1)[1].decode() for v in environ
               if v.startswith(b"COURSEKIT_CLASS_DB="))
    assert login_name(hub.database, "ben") in url
    assert not any(v.startswith(b"COURSEKIT_CLASS_ADMIN_DB=") for v in environ)  # the owner's
    with psycopg.connect(url) as ben:
        assert ben.execute("SELECT count(*) FROM votes").fetchone()[0] == 1
        assert ben.execute("UPDATE votes SET choice = 'leaves'").rowcount == 1  # ben's own
        ben.execute("UPDATE votes SET choice = 'never'")
