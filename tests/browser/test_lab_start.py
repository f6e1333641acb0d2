"""JupyterLab opens the start page of a course started as the README says."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from playwright.sync_api import expect

from coursekit import app

from .pagecheck import ServerProcess


@pytest.fixture(scope="module")
def lab_server(chromium, course_folder, tmp_path_factory):
    """``coursekit start DIR --no-browser --port N``, as a learner types it.

    Its learner store is its own, new: the session's store holds what other browser tests
    committed (a prediction there would rightly show the next part of a case).

    JupyterLab's settings and workspaces go to a temporary config folder, so the test
    neither sees nor changes the developer's own layout. As root (CI), JupyterLab refuses
    to start unless allowed; that permission comes from the same config folder.
    """
    port = app.free_port()
    token = "browser-tests-lab"
    config = tmp_path_factory.mktemp("jupyter-config")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"allow_root": True}}))
    store_file = tmp_path_factory.mktemp("lab-learner") / "coursekit.sqlite"
    env = {**os.environ, "COURSEKIT_STORE": str(store_file), "JUPYTER_TOKEN": token,
           "JUPYTER_CONFIG_DIR": str(config),
           # tabs opened by an earlier server are not restored into this one
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("lab-workspaces"))}
    env.pop("COURSEKIT_DEMO", None)
    server = ServerProcess(
        [sys.executable, "-m", "coursekit", "start", str(course_folder), "--no-browser",
         "--port", str(port)],
        env=env, cwd=course_folder, port=port, token=token, log_name="lab-server.log",
    )
    server.start(f"http://127.0.0.1:{port}/api/status?token={token}")
    server.store_file = store_file  # what the learner's notebooks write (tests read it)
    yield server
    server.stop()


def test_lab_opens_the_start_page(lab_server, course_page):
    page = course_page.page
    page.goto(f"http://127.0.0.1:{lab_server.port}/?token={lab_server.token}",
              wait_until="domcontentloaded", timeout=90_000)
    # The default URL lands on the start page, opened as a notebook tab.
    page.wait_for_url("**/lab/tree/notebooks/00_start.ipynb*", timeout=60_000)
    tab = page.get_by_role("tab", name="00_start.ipynb")
    tab.wait_for(timeout=60_000)
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.get_by_role("heading", name="Take charge of your career").first.wait_for(
        timeout=60_000)
    # The page opens unrun: before anything has run it says what to do (issue 12).
    expect(notebook.locator(".jp-RenderedMarkdown").get_by_text("Run ▸ Run All Cells").first
           ).to_be_visible()
    assert page.locator(".jp-CodeCell .jp-InputPrompt").first.text_content().strip() in (
        "[ ]:", "[\u00a0]:", ""), "the start page opened with cells already run"

    # Run every cell once the kernel is up (a Run All sent while the kernel still starts
    # can be lost): the start page's widgets (the plan with progress bars) appear.
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    notebook.locator(".jupyter-widgets, [data-mime-type='application/vnd.jupyter.stderr']"
                     ).first.wait_for(timeout=90_000)
    course_page.fail_on_tracebacks("JupyterLab")
    notebook.get_by_text(re.compile(r" in all")).first.wait_for(timeout=60_000)
    course_page.screenshot("lab-00_start")
    assert not course_page.tracebacks(), course_page.tracebacks()
    # No JupyterLab news question over the page (it shows once the lab is restored, long
    # before the start page's widgets): the course turns the announcements off.
    expect(page.get_by_text("official Jupyter news")).to_have_count(0)
    expect(page.locator(".jp-toast-message, .Toastify__toast")).to_have_count(0)
    assert not course_page.kernel_errors, course_page.kernel_errors


def test_run_all_in_lab_shows_no_part_of_the_story_before_its_prediction(lab_server,
                                                                          course_page):
    """Run All runs every cell at once: the later parts must still wait for a prediction."""
    from coursekit.cases import load_case

    case = load_case("the-career-impasse")
    page = course_page.page
    page.goto(f"http://127.0.0.1:{lab_server.port}/lab/tree/notebooks/"
              f"02_the_career_impasse.ipynb?token={lab_server.token}",
              wait_until="domcontentloaded", timeout=90_000)
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.get_by_role("heading", name=case.title).first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    notebook.get_by_text("Source.", exact=False).first.wait_for(timeout=90_000)  # last cell
    course_page.fail_on_tracebacks("JupyterLab")
    waiting = notebook.get_by_text("This part appears when you have made your prediction")
    # The widget outputs of a Run All arrive one by one after the last cell's text shows.
    expect(waiting).to_have_count(len(case.parts) - 1, timeout=60_000)
    assert notebook.get_by_text("What actually happened").count() == 0
    total = len(case.parts)
    for n, part in enumerate(case.parts[1:], 2):
        shown = notebook.get_by_text(re.compile(rf"Part {n} of {total}: "))
        assert shown.count() == 0, part.title
    assert notebook.get_by_text(re.compile(rf"Part 1 of {total}: ")).count() == 1
    course_page.screenshot("lab-02-after-run-all")
