"""App mode, keyboard only: write a dated first step, make the report, open it, reload."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from coursekit.planning import list_steps
from coursekit.store import LearnerStore

from .pagecheck import cell_with, tab_to

PLAN = "04_plan_your_next_step.ipynb"
REPORT = "05_your_report.ipynb"
STEP = "Ask Dana from finance to lunch"


def test_first_step_and_report_by_keyboard(app_server, course_page, store_file, tmp_path):
    page = course_page.open(app_server.url(PLAN))
    keyboard = page.keyboard
    steps = cell_with(page, page.get_by_role("button", name="Save my first step"))
    title = steps.get_by_role("textbox", name="My first step")
    tab_to(page, title)
    keyboard.type(STEP)
    due = steps.locator("input[type=date]").first
    tab_to(page, due)
    year = date.today().year + 1
    keyboard.type(f"0315{year}")  # the date field's month, day and year, in that order
    expect(due).to_have_value(f"{year}-03-15")
    course_page.settle()  # a person's pause: the typed values reach the kernel first
    tab_to(page, steps.get_by_role("button", name="Save my first step"))
    keyboard.press("Enter")
    expect(steps.get_by_text("First step saved.")).to_be_visible(timeout=15_000)
    expect(steps.get_by_text("No steps yet.")).to_have_count(0)
    with LearnerStore(store_file) as store:
        first = [s for s in list_steps(store) if s.is_first]
    assert [(s.title, s.due) for s in first] == [(STEP, date(year, 3, 15))]
    course_page.settle()
    course_page.check("flow-04-first-step")

    course_page.reload()
    steps = cell_with(page, page.get_by_role("button", name="Save my first step"))
    expect(steps.get_by_role("textbox", name="My first step")).to_have_value(STEP)
    expect(steps.locator("input[type=date]").first).to_have_value(f"{year}-03-15")

    # The report: tick a reflection if there is one, make it, and open what was written.
    page = course_page.open(app_server.url(REPORT))
    report = cell_with(page, page.get_by_role("button", name="Make my report"))
    ticks = report.get_by_role("checkbox")
    if ticks.count():
        tab_to(page, ticks.first)
        keyboard.press("Space")
        expect(report.get_by_text(re.compile(r"1 reflection will be included"))).to_be_visible(
            timeout=15_000)
    tab_to(page, report.get_by_role("button", name="Make my report"))
    keyboard.press("Enter")
    expect(report.get_by_text("Report made.")).to_be_visible(timeout=30_000)
    course_page.settle()
    course_page.check("flow-05-report")

    # "Export": the learner downloads the report from the link the page holds, then opens
    # the downloaded file offline, as they would from their downloads folder.
    # A button with the file's name on it, not a line of text (issue 12).
    link = report.get_by_role("button", name=re.compile(
        r"Download your report \(my-report\.html\)"))
    with page.expect_download(timeout=30_000) as download:
        link.click()
    assert download.value.suggested_filename.endswith(".html")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    report_page = page.context.new_page()
    outside: list[str] = []
    report_page.route("http*://**/*", lambda route: (outside.append(route.request.url),
                                                     route.abort()))
    report_page.goto(saved.as_uri())
    expect(report_page.get_by_text(STEP).first).to_be_visible(timeout=15_000)
    expect(report_page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=20_000)
    assert not outside, f"the downloaded report reached for the network: {outside}"
    report_page.close()
