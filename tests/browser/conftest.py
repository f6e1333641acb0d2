"""Fixtures for the end-to-end tests in a real browser (marker ``browser``).

One Voila server (app mode) serves a fresh course made by ``coursekit init`` for the whole
session, with the learner store in a temporary folder; each test gets its own browser
context (fresh cookies, fresh kernels) whose requests are limited to 127.0.0.1.

The tests skip with a reason when Chromium or Python Playwright is missing, except in CI
(``CI=true``), where a missing browser is a failure: a green CI must have run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import app

from .pagecheck import ARTIFACTS, CoursePage, ServerProcess

HERE = Path(__file__).resolve().parent

#: Chromium flags: headless, no sandbox (root in CI), and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_executable() -> str | None:
    """Debian's Chromium, or the one named by ``COURSEKIT_CHROMIUM``."""
    for candidate in (os.environ.get("COURSEKIT_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is missing: pip install -e '.[test]'"
    if chromium_executable() is None:
        return ("Chromium is missing: apt-get install -y chromium "
                "(or set COURSEKIT_CHROMIUM to a Chromium binary)")
    return None


def require_browser() -> None:
    """Skip when no browser is available, but fail in CI, where the tests must run."""
    reason = browser_unavailable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def chromium():
    """A headless Chromium for the browser tests.

    Scoped to this package, not the session: Playwright's sync API keeps its asyncio loop
    running in the main thread while it is open, and the tests after these (the live
    class's, which stand in for a kernel's loop) must not find a running loop there.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def course_folder(tmp_path_factory) -> Path:
    """A fresh course made by ``coursekit init``, as a learner would have it."""
    folder = tmp_path_factory.mktemp("browser") / "my-course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(folder)], check=True,
                   capture_output=True, text=True, timeout=60)
    return folder


@pytest.fixture(scope="package")
def store_file(tmp_path_factory) -> Path:
    """The learner store the browser tests write, in a temporary folder."""
    return tmp_path_factory.mktemp("browser-store") / "coursekit.sqlite"


@pytest.fixture(scope="package")
def app_server(chromium, course_folder, store_file):
    """The course served as apps (Voila), as ``coursekit start --app`` serves it."""
    port = app.free_port()
    token = "browser-tests"
    env = app.app_environment(course_folder, token=token,
                              base={**os.environ, "COURSEKIT_STORE": str(store_file)})
    env.pop("COURSEKIT_DEMO", None)
    server = ServerProcess(
        app.app_command(course_folder, port=port, show_tracebacks=True), env=env,
        cwd=course_folder, port=port, token=token, log_name="voila-server.log",
    )
    server.start(app.ready_url(port, token=token))
    yield server
    server.stop()


@pytest.fixture
def course_page(chromium, request):
    """A page in a fresh browser context, kept to loopback, with a screenshot on failure."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = CoursePage(context.new_page(), name=request.node.name)
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        page.screenshot(f"FAILED-{request.node.name}")
        if page.kernel_errors:  # e.g. an exception in a widget callback, shown nowhere
            print("kernel errors seen on the page's websockets:", *page.kernel_errors,
                  sep="\n  ")
    context.close()
    assert not page.external_requests, f"requests beyond 127.0.0.1: {page.external_requests}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
