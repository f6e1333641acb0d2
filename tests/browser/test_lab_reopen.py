"""JupyterLab: answer, save the notebook, reload the page; the answers come back (issue 12).

A learner runs ``01_the_first_step.ipynb`` (*Run, Run All Cells*), writes a reflection and
answers a questionnaire item, saves the notebook (Ctrl+S) and reloads the page:

- ``reload``: the same kernel is still running (a reloaded tab, a browser restarted);
- ``new-kernel``: the kernel has ended first (the learner comes back another day, after
  ``coursekit start`` was stopped and started again).

If the reopened page does not show working widgets with the answers in them, the test does
what the notebook tells a learner to do (:data:`NAMED_ACTION`, read from the page) and
checks again. Which of the two it was is recorded in
``test-artifacts/reopen-lab-<session>.txt`` beside the screenshots, and printed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .pagecheck import ARTIFACTS, CoursePage, start_lab

NOTEBOOK = "01_the_first_step.ipynb"
#: What the notebook tells a learner to do each time they open it (its note for JupyterLab),
#: done from JupyterLab's menu.
NAMED_ACTION = "Run ▸ Run All Cells"
REFLECTION = "Ask the development head which posting abroad comes up first."
#: The questionnaire answer chosen for the first item (0-based index of its radio button).
ANSWER = 3
SETTINGS = {  # JupyterLab's news toast covers the notebook's lower right corner
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
}


@pytest.fixture
def reopen_lab(chromium, tmp_path_factory):
    """JupyterLab over a fresh course and an empty store, as a new learner has them."""
    folder = tmp_path_factory.mktemp("reopen")
    course = folder / "course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                   capture_output=True, text=True, timeout=60)
    server = start_lab(course, folder, store=folder / "learner-store.sqlite", settings=SETTINGS,
                       log_name="reopen-lab-server.log")
    yield server, course
    server.stop()


def widget_errors(notebook) -> int:
    return notebook.get_by_text("Error displaying widget").count()


def reflection_box(notebook):
    return notebook.get_by_role("textbox", name="Your reflection:").first


def cell_with(notebook, inner):
    """The notebook's first cell holding ``inner`` (a locator relative to the cell)."""
    return notebook.locator(".jp-Cell").filter(has=inner).first


def quiz_items(notebook):
    cell = cell_with(notebook, notebook.page.get_by_role("button", name="See my results"))
    return cell, cell.locator(".ck-q-item")


def answers_shown(notebook) -> dict[str, object]:
    """What the reopened page shows: widget errors, the reflection, the chosen answer."""
    _, items = quiz_items(notebook)
    box = reflection_box(notebook)
    return {
        "Error displaying widget": widget_errors(notebook),
        "reflection": box.input_value() if box.count() else None,
        "answer checked": (items.count() > 0 and items.first.get_by_role("radio").nth(ANSWER)
                           .is_checked()),
    }


def works(shown: dict[str, object]) -> bool:
    return (shown["Error displaying widget"] == 0 and shown["reflection"] == REFLECTION
            and shown["answer checked"] is True)


def do_the_named_action(course_page) -> None:
    """The named action, as a learner does it: *Run, Run All Cells* from the menu."""
    course_page.run_all_lab()


@pytest.mark.parametrize("session", ["reload", "new-kernel"])
def test_answers_come_back_after_save_and_reload(reopen_lab, chromium, session):
    server, course = reopen_lab
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    course_page = CoursePage(context.new_page(), name=f"reopen-lab-{session}")
    page = course_page.page
    record: list[str] = [f"{NOTEBOOK} in JupyterLab, {session}:"]
    try:
        course_page.open_lab(server.url(NOTEBOOK))
        notebook = page.locator(".jp-NotebookPanel:visible")
        # The page names its action; the test does that one and no other.
        named = notebook.locator(".jp-RenderedMarkdown").get_by_text(NAMED_ACTION).first
        named.scroll_into_view_if_needed()
        expect(named).to_be_visible()

        # Fill an exercise: a reflection (saved when the box is left) and one item.
        box = reflection_box(notebook)
        box.click()
        page.keyboard.type(REFLECTION)
        page.keyboard.press("Tab")
        reflection_cell = cell_with(
            notebook, page.get_by_role("textbox", name="Your reflection:"))
        expect(reflection_cell.get_by_text(re.compile("Saved at"))).to_be_visible(
            timeout=30_000)
        quiz, items = quiz_items(notebook)
        items.first.get_by_role("radio").nth(ANSWER).check()
        expect(quiz.get_by_text(re.compile(r"\b1 of \d+ answered"))).to_be_visible(
            timeout=30_000)

        # Save (Ctrl+S, from the notebook, not from inside a widget).
        notebook.locator(".jp-MarkdownCell").first.click()
        page.keyboard.press("Control+s")
        expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty")).to_have_count(
            0, timeout=30_000)
        saved = json.loads((course / "notebooks" / NOTEBOOK).read_text())
        views = sum("application/vnd.jupyter.widget-view+json" in output.get("data", {})
                    for cell in saved["cells"] for output in cell.get("outputs", []))
        record.append(f"  saved: {views} widget outputs; widget state in the file: "
                      f"{'yes' if saved['metadata'].get('widgets') else 'no'}")

        if session == "new-kernel":
            server.shutdown_kernels()
        page.reload(wait_until="domcontentloaded")
        notebook = page.locator(".jp-NotebookPanel:visible")
        notebook.locator(".jp-Cell").first.wait_for(timeout=120_000)
        course_page.wait_lab_idle()
        course_page.settle(quiet_ms=1000, limit_ms=30_000)
        course_page.screenshot(f"reopen-lab-{session}-after-reload")
        shown = answers_shown(notebook)
        record.append(f"  after the reload: {shown}")
        if works(shown):
            record.append("  -> the widgets work with the answers as the page reopens; "
                          "no action needed")
        else:
            record.append(f"  -> not as reopened: the learner does what the page says, "
                          f"{NAMED_ACTION!r}")
            do_the_named_action(course_page)
            course_page.screenshot(f"reopen-lab-{session}-after-running")
            shown = answers_shown(notebook)
            record.append(f"  after {NAMED_ACTION!r}: {shown}")

        # The widgets work: a second answer reaches the kernel, which counts it.
        failures = [] if works(shown) else ["the answers are not back in working widgets"]
        quiz, items = quiz_items(notebook)
        try:
            items.nth(1).get_by_role("radio").nth(1).check(timeout=30_000)
            quiz.get_by_text(re.compile(r"\b2 of \d+ answered")).wait_for(timeout=30_000)
            record.append("  a second answer is counted: the widgets are live")
        except PlaywrightTimeout:
            failures.append("a second answer is not counted: the widgets are not live")
        failures += course_page.tracebacks() + course_page.kernel_errors
        record += [f"  FAILED: {failure}" for failure in failures]
    finally:
        (ARTIFACTS / f"reopen-lab-{session}.txt").write_text("\n".join(record) + "\n")
        print("\n".join(record))
        context.close()
    if failures:
        pytest.fail("\n".join(record), pytrace=False)
