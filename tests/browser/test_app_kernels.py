"""Leaving an app page ends its kernel; a kernel whose page vanished is culled.

Every Voila page starts a kernel (100-180 MB). The page asks the server to shut it down when
the learner leaves (a beacon on ``beforeunload``); when the server refused that request
(HTTP 403, no ``_xsrf`` cookie), each page visited kept its kernel until the server stopped,
and a shared server ran out of memory. A page that never says goodbye (a crashed browser)
is left to the server's kernel culling.

The kernels are counted as the server's child processes in ``/proc`` (standalone Voila has
no kernel listing at ``/api/kernels``), and the memory is the resident set size of the
server and its kernels.
"""

from __future__ import annotations

import itertools
import os
import re
import time
from pathlib import Path

import pytest
import yaml

from coursekit import app

from .pagecheck import CoursePage, ServerProcess

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = [part["notebook"] for part in
             yaml.safe_load((REPO / "course.yaml").read_text(encoding="utf-8"))["parts"]]
#: Page visits in the leak test: a first round of every notebook (which also warms the
#: server up: its first pages load nbconvert, templates...), then more rounds.
VISITS = 20
#: Growth of the server's memory (server and the kernels it started meanwhile) allowed from
#: after the first round to the end. One leaked kernel alone is 100-180 MB.
RSS_GROWTH_LIMIT_MB = 60
#: Culling in the culling test: seconds without activity, and seconds between looks.
CULL_AFTER, CULL_EVERY = 3, 1

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="counts kernels in /proc (Linux)")


# -- the server's processes, from /proc -----------------------------------------------------

def _read(path: str) -> str | None:
    """A /proc file's text, or None when its process has ended meanwhile."""
    try:
        return Path(path).read_text(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return None


def _parents() -> dict[int, int]:
    """Parent pid of every process on the machine."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _read(f"/proc/{entry}/stat")
        if stat is None:
            continue
        # "pid (command) state ppid ...": the command may hold spaces and parentheses.
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by ``pid``."""
    parents = _parents()
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        todo.extend(children)
    return found


def kernel_pids(server: ServerProcess) -> list[int]:
    """The kernels the server is running."""
    return [pid for pid in descendants(server.process.pid)
            if "ipykernel" in (_read(f"/proc/{pid}/cmdline") or "")]


def rss_mb(server: ServerProcess, *, besides: tuple[int, ...] = ()) -> float:
    """Resident memory of the server and every process it started but ``besides``, in MB."""
    total_kb = 0
    for pid in (server.process.pid, *descendants(server.process.pid)):
        if pid in besides:
            continue
        for line in (_read(f"/proc/{pid}/status") or "").splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def wait_for_kernels(server: ServerProcess, at_most: int, *, timeout: float) -> int:
    """Wait until the server runs at most ``at_most`` kernels; return how many it runs."""
    deadline = time.monotonic() + timeout
    while (count := len(kernel_pids(server))) > at_most and time.monotonic() < deadline:
        time.sleep(0.25)
    return count


# -- the pages --------------------------------------------------------------------------

def visit(page, url: str, *, timeout: float = 60.0) -> None:
    """Open an app page and wait until it is drawn and talking to its kernel.

    The page registers its shutdown beacon as it connects to its kernel: leaving before
    that would test nothing, and leaving during the connection's handshake is a race of
    its own in jupyter_server (a learner does not leave that fast).
    """
    heard = []

    def watch(websocket):
        if "/channels" in websocket.url:
            websocket.on("framereceived", lambda _payload: heard.append(True))

    page.on("websocket", watch)
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
        page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        while not heard and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # lets Playwright deliver the websocket's events
    finally:
        page.remove_listener("websocket", watch)
    assert heard, f"{url.split('?')[0]} never heard from its kernel"


def test_leaving_app_pages_ends_their_kernels(app_server, course_page):
    # Pages open in tabs of their own; the test never opens Voila's folder listing, which
    # would give the browser the _xsrf cookie that the notebook pages did not.
    context = course_page.page.context
    tabs = []

    def new_tab(name):
        tabs.append(CoursePage(context.new_page(), name=name))
        return tabs[-1].page

    before = tuple(kernel_pids(app_server))  # other tests' pages' kernels, if any
    idle = len(before)
    rss_cold = rss_mb(app_server, besides=before)
    levels = []
    browsing = None
    for number, notebook in zip(range(VISITS), itertools.cycle(NOTEBOOKS), strict=False):
        if number % 2 == 0:
            # Leave by navigating: this tab goes from one notebook to the next.
            browsing = browsing or new_tab(f"browsing-{number}")
            visit(browsing, app_server.url(notebook))
            if number == 0:
                assert len(kernel_pids(app_server)) == idle + 1, "the page's kernel is not seen"
        else:
            # Leave by closing the tab, as a learner closes it.
            tab = new_tab(f"visit-{number}")
            visit(tab, app_server.url(notebook))
            tab.close(run_before_unload=True)
        if number in (len(NOTEBOOKS) - 1, VISITS - 1):  # end of the first round, the end
            browsing.close(run_before_unload=True)
            browsing = None
            levels.append((wait_for_kernels(app_server, idle, timeout=30),
                           rss_mb(app_server, besides=before)))

    (running_warm, rss_warm), (running, rss_end) = levels
    print(f"\nkernels: {idle} before the visits, {running_warm} after {len(NOTEBOOKS)}, "
          f"{running} after {VISITS}; server memory: {rss_cold:.0f} MB cold, "
          f"{rss_warm:.0f} MB after {len(NOTEBOOKS)} visits, {rss_end:.0f} MB after {VISITS}")
    refused = set(re.findall(r"403 POST /voila/api/shutdown/([0-9a-f-]+)", app_server.log()))
    assert max(running_warm, running) <= idle, (
        f"{max(running_warm, running) - idle} kernels still run after their pages were left "
        f"(the server refused {len(refused)} pages' shutdown requests with HTTP 403)")
    assert rss_end - rss_warm < RSS_GROWTH_LIMIT_MB, (
        f"the server grew from {rss_warm:.0f} MB to {rss_end:.0f} MB "
        f"in {VISITS - len(NOTEBOOKS)} visits")
    assert not [url for opened in tabs for url in opened.external_requests]


# -- culling ------------------------------------------------------------------------------

@pytest.fixture
def culling_server(chromium, course_folder, tmp_path):
    """The course served as apps, as ``coursekit start --app`` does, but culling after
    ``CULL_AFTER`` seconds instead of minutes."""
    port = app.free_port()
    token = "browser-tests"
    env = app.app_environment(course_folder, token=token, base={
        **os.environ, "COURSEKIT_STORE": str(tmp_path / "coursekit.sqlite")})
    env.pop("COURSEKIT_DEMO", None)
    short = {"cull_idle_timeout": CULL_AFTER, "cull_interval": CULL_EVERY}
    cmd = []
    for arg in app.app_command(course_folder, port=port):
        name = arg.removeprefix("--MappingKernelManager.").split("=")[0]
        cmd.append(f"--MappingKernelManager.{name}={short.pop(name)}" if name in short else arg)
    assert not short, f"the app's command line sets no {sorted(short)}"
    server = ServerProcess(cmd, env=env, cwd=course_folder, port=port, token=token,
                           log_name="voila-culling-server.log")
    server.start(app.ready_url(port, token=token))
    yield server
    server.stop()


def test_kernel_of_a_vanished_page_is_culled(culling_server, course_page):
    idle = len(kernel_pids(culling_server))
    reading = course_page.page
    visit(reading, culling_server.url(NOTEBOOKS[0]))
    vanished = CoursePage(reading.context.new_page(), name="vanished")
    visit(vanished.page, culling_server.url(NOTEBOOKS[-1]))
    assert len(kernel_pids(culling_server)) == idle + 2
    # Closed without its unload handlers, as by a crash: it sends no shutdown request.
    vanished.page.close(run_before_unload=False)

    running = wait_for_kernels(culling_server, idle + 1, timeout=CULL_AFTER + 20)
    assert running == idle + 1, "the kernel of the vanished page was not culled"
    # The page still open has been idle for longer, but it is connected: it keeps its kernel.
    time.sleep(2 * CULL_EVERY + 1)
    assert len(kernel_pids(culling_server)) == idle + 1, "the open page's kernel was culled"
    assert not vanished.external_requests
