"""The check-in (07) and the assignments between sessions, in a real browser.

App mode and JupyterLab, at 1366x900 and 1024x768: the demo learner's check-in with every
figure drawn, nothing wider than the window, labelled controls and no axe-core violation;
and, in a learner's own store, the energy log and the next step entered by keyboard alone
and still there after a reload. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from coursekit import app
from coursekit.assignments import list_energy
from coursekit.checkin import load_next_step
from coursekit.store import LearnerStore

from .pagecheck import CoursePage, ServerProcess, cell_with, tab_to

CHECK_IN = "07_check_in.ipynb"
SIZES = {"1366x900": (1366, 900), "1024x768": (1024, 768)}
#: The notebooks that set an assignment, and a phrase of its brief.
ASSIGNMENT_CELLS = {"01_the_first_step.ipynb": "a week's energy log",
                    "02_the_career_impasse.ipynb": "a small experiment",
                    "05_your_report.ipynb": "two prototype conversations"}


@pytest.fixture(scope="module")
def demo_app_server(chromium, course_folder, tmp_path_factory):
    """The course as apps in demo mode: Amara at her first check-in."""
    port = app.free_port()
    token = "browser-tests-demo"
    store = tmp_path_factory.mktemp("demo-store") / "never-written.sqlite"
    env = app.app_environment(course_folder, token=token,
                              base={**os.environ, "COURSEKIT_STORE": str(store),
                                    "COURSEKIT_DEMO": "1"})
    server = ServerProcess(app.app_command(course_folder, port=port, show_tracebacks=True),
                           env=env, cwd=course_folder, port=port, token=token,
                           log_name="voila-demo-server.log")
    server.start(app.ready_url(port, token=token))
    yield server
    server.stop()
    assert not store.exists(), "demo mode wrote a store"


@pytest.fixture(scope="module")
def empty_app_server(chromium, course_folder, tmp_path_factory):
    """The course as apps for a learner who has done nothing yet (an empty store)."""
    port = app.free_port()
    token = "browser-tests-empty"
    store = tmp_path_factory.mktemp("empty-store") / "store.sqlite"
    env = app.app_environment(course_folder, token=token,
                              base={**os.environ, "COURSEKIT_STORE": str(store)})
    env.pop("COURSEKIT_DEMO", None)
    server = ServerProcess(app.app_command(course_folder, port=port, show_tracebacks=True),
                           env=env, cwd=course_folder, port=port, token=token,
                           log_name="voila-empty-server.log")
    server.start(app.ready_url(port, token=token))
    yield server
    server.stop()


@pytest.fixture
def sized_page(chromium, request):
    """``sized_page(width, height)``: a page in a fresh context of that window size."""
    contexts = []

    def make(width: int, height: int) -> CoursePage:
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return CoursePage(context.new_page(), name=request.node.name)

    yield make
    for context in contexts:
        context.close()


def _wider_than_the_window(page) -> list[str]:
    """Elements of the rendered cells that stick out past the window's right edge."""
    return page.evaluate("""() => {
        const limit = window.innerWidth + 1, out = [];
        for (const el of document.querySelectorAll('#rendered_cells *')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > limit && !el.closest('.js-plotly-plot')) {
                out.push(el.className + ': ' + (el.innerText || '').slice(0, 60));
            }
        }
        return out.slice(0, 5);
    }""")


def _axe(page, context) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context=context).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}" for v in found]


@pytest.mark.parametrize("size", SIZES)
def test_the_demo_check_in_in_app_mode(demo_app_server, sized_page, size):
    course_page = sized_page(*SIZES[size])
    page = course_page.open(demo_app_server.url(CHECK_IN))
    for heading in ("1. Your predictions, and what happened", "2. Your steps since the plan",
                    "3. Your network since your first map", "4. A questionnaire, retaken",
                    "5. The assignments between sessions", "6. The next step"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    for title in ("First map", "Now: 19 people", "Out-sight: your first map and now",
                  "first time and now", "Your week's energy log"):
        assert any(title in t for t in titles), (title, titles)
    expect(page.get_by_text("Marc Aubert, Priya Nair").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"moved to .*; moved to")).first).to_be_visible()
    course_page.check(f"app-07-demo-{size}")
    assert _wider_than_the_window(page) == []
    assert _axe(page, "#rendered_cells") == []


#: What each part of 07 says to a learner who has done nothing yet: where to go first.
EMPTY_HINTS = ("You made no predictions in the cases", "Your plan has no steps yet",
               "Your map has not been complete yet", "You have not answered any questionnaire",
               "Nothing logged yet", "No next step set at a check-in yet")


@pytest.mark.parametrize("size", SIZES)
def test_the_check_in_of_an_empty_store_says_where_to_start(empty_app_server, sized_page,
                                                            size):
    course_page = sized_page(*SIZES[size])
    page = course_page.open(empty_app_server.url(CHECK_IN))
    for hint in EMPTY_HINTS:
        expect(page.get_by_text(hint).first).to_be_visible()
    for link in ("Plan your next step", "Map your network"):
        expect(page.get_by_role("link", name=link).first).to_be_visible()
    # links written by the views look like links (ipywidgets shows them as plain text)
    plain = page.evaluate("""() => [...document.querySelectorAll('.widget-html-content a')]
        .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
        .map(a => a.innerText)""")
    assert plain == [], plain
    # nothing to replace yet: no control offers to replace the first map
    expect(page.get_by_role("checkbox", name=re.compile("replace my first map"))).to_be_hidden()
    course_page.check(f"app-07-empty-{size}")
    assert _wider_than_the_window(page) == []
    assert _axe(page, "#rendered_cells") == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("notebook", ASSIGNMENT_CELLS)
def test_each_assignment_in_the_notebook_that_sets_it(demo_app_server, sized_page, size,
                                                      notebook):
    course_page = sized_page(*SIZES[size])
    page = course_page.open(demo_app_server.url(notebook))
    heading = page.get_by_role("heading", name=re.compile(
        f"Before (the next session|you come back): {ASSIGNMENT_CELLS[notebook]}"))
    expect(heading).to_be_visible()
    brief = page.locator(".ck-assignment")
    expect(brief).to_have_count(1)
    cell = cell_with(page, brief)
    index = cell.get_attribute("cell-index")
    course_page.check(f"app-{notebook[:2]}-assignment-{size}")
    assert _wider_than_the_window(page) == []
    assert _axe(page, f'[cell-index="{index}"]') == []


def test_energy_log_and_next_step_by_keyboard(app_server, course_page, store_file):
    page = course_page.open(app_server.url("01_the_first_step.ipynb"))
    keyboard = page.keyboard
    log = cell_with(page, page.get_by_role("button", name="Add to the log"))
    tab_to(page, log.get_by_role("textbox", name="Activity"))
    keyboard.type("Customer call")
    tab_to(page, log.get_by_role("combobox", name="How engaged"))
    keyboard.press("End")  # 5 absorbed
    tab_to(page, log.get_by_role("combobox", name="Energy"))
    keyboard.press("End")  # +2 gave a lot
    course_page.settle()
    tab_to(page, log.get_by_role("button", name="Add to the log"))
    keyboard.press("Enter")
    expect(log.get_by_text("Added to your log.")).to_be_visible(timeout=15_000)
    with LearnerStore(store_file) as store:
        logged = [(e.activity, e.engagement, e.energy) for e in list_energy(store)]
    assert ("Customer call", 5, 2) in logged
    course_page.check("flow-01-energy-log", allow_empty_plots=False)

    page = course_page.open(app_server.url(CHECK_IN))
    step = cell_with(page, page.get_by_role("button", name="Add it to my plan"))
    tab_to(page, step.get_by_role("textbox", name="Next step"))
    keyboard.type("Ask Dana for the Lyon contact")
    tab_to(page, step.get_by_role("textbox", name="If", exact=True))
    keyboard.type("Dana is away")
    tab_to(page, step.get_by_role("textbox", name="then I will"))
    keyboard.type("email her deputy")
    course_page.settle()
    tab_to(page, step.get_by_role("button", name="Add it to my plan"))
    keyboard.press("Enter")
    expect(step.get_by_text(re.compile("Added to your plan"))).to_be_visible(timeout=15_000)
    with LearnerStore(store_file) as store:
        saved = load_next_step(store)
    assert (saved.title, saved.due, saved.if_then) == (
        "Ask Dana for the Lyon contact", date.today() + timedelta(days=7),
        "If Dana is away, then I will email her deputy.")
    course_page.reload()
    expect(page.get_by_text("Your next step:")).to_be_visible()
    course_page.check("flow-07-next-step", allow_empty_plots=False)


def _lab_server(course_folder, tmp_path_factory, *, demo: bool):
    """JupyterLab on the course (``coursekit start``), in demo mode or on an empty store."""
    port = app.free_port()
    token = f"browser-tests-lab-{'demo' if demo else 'empty'}"
    config = tmp_path_factory.mktemp("jupyter-config")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"allow_root": True}}))
    env = {**os.environ, "JUPYTER_TOKEN": token, "JUPYTER_CONFIG_DIR": str(config),
           "COURSEKIT_STORE": str(tmp_path_factory.mktemp("lab-store") / "x.sqlite")}
    env.pop("COURSEKIT_DEMO", None)
    return ServerProcess(
        [sys.executable, "-m", "coursekit", "start", str(course_folder), "--no-browser",
         "--port", str(port), *(["--demo"] if demo else [])],
        env=env, cwd=course_folder, port=port, token=token,
        log_name=f"lab-{'demo' if demo else 'empty'}-server.log")


@pytest.fixture(scope="module", params=["demo", "empty"])
def lab_server_07(chromium, course_folder, tmp_path_factory, request):
    """JupyterLab in demo mode (``coursekit start --demo``), then on an empty store."""
    server = _lab_server(course_folder, tmp_path_factory, demo=request.param == "demo")
    server.start(f"http://127.0.0.1:{server.port}/api/status?token={server.token}")
    server.mode = request.param
    yield server
    server.stop()


@pytest.mark.parametrize("size", SIZES)
def test_the_check_in_runs_in_jupyterlab(lab_server_07, sized_page, size):
    server = lab_server_07
    course_page = sized_page(*SIZES[size])
    page = course_page.page
    page.goto(f"http://127.0.0.1:{server.port}/lab/tree/notebooks/{CHECK_IN}"
              f"?token={server.token}", wait_until="domcontentloaded", timeout=90_000)
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.get_by_role("heading", name="Check-in: coming back").first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    last = "Your next step:" if server.mode == "demo" else "No next step set at a check-in yet"
    notebook.get_by_text(last).first.wait_for(timeout=120_000)  # the last view
    course_page.fail_on_tracebacks("JupyterLab")
    course_page.settle(800)
    course_page.screenshot(f"lab-07-{server.mode}-{size}")
    assert not course_page.kernel_errors, course_page.kernel_errors
    if server.mode == "demo":
        assert notebook.locator(".js-plotly-plot").count() >= 5
    else:
        for hint in EMPTY_HINTS:
            expect(notebook.get_by_text(hint).first).to_be_visible()
