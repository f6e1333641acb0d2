"""App mode, keyboard only: answer a questionnaire, see the results plot, reload."""

from __future__ import annotations

from playwright.sync_api import expect

from .pagecheck import cell_with, tab_to

NOTEBOOK = "01_the_first_step.ipynb"


def test_questionnaire_results_by_keyboard(app_server, course_page):
    page = course_page.open(app_server.url(NOTEBOOK))
    keyboard = page.keyboard
    quiz = cell_with(page, page.get_by_role("button", name="See my results"))
    items = quiz.locator(".ck-q-item")
    count = items.count()
    assert count >= 5, f"expected a questionnaire, found {count} items"

    # Each statement: Tab into it, Space picks "1", arrows move to the chosen answer.
    chosen = []
    for i in range(count):
        tab_to(page, items.nth(i))
        keyboard.press("Space")
        steps = (i * 7) % 5  # a profile with highs and lows, not a flat line
        for _ in range(steps):
            keyboard.press("ArrowRight")
        chosen.append(steps)
        expect(items.nth(i).get_by_role("radio").nth(steps)).to_be_checked()
    expect(quiz.get_by_text(f"{count} of {count} answered")).to_be_visible(timeout=20_000)

    results = quiz.get_by_role("button", name="See my results")
    tab_to(page, results)
    keyboard.press("Enter")
    plot = quiz.locator(".js-plotly-plot")
    expect(plot.first).to_be_visible(timeout=30_000)
    expect(plot.first.locator(".trace").first).to_be_attached(timeout=30_000)
    course_page.settle()
    course_page.check("flow-01-questionnaire-results")

    # A new session finds every answer again and can show the same results.
    course_page.reload()
    quiz = cell_with(page, page.get_by_role("button", name="See my results"))
    items = quiz.locator(".ck-q-item")
    for i, steps in enumerate(chosen):
        expect(items.nth(i).get_by_role("radio").nth(steps)).to_be_checked()
    expect(quiz.get_by_text("Welcome back")).to_be_visible()
    quiz.get_by_role("button", name="See my results").click()
    expect(quiz.locator(".js-plotly-plot .trace").first).to_be_attached(timeout=30_000)
    course_page.settle()
    course_page.check("flow-01-questionnaire-after-reload")
