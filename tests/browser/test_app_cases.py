"""App mode, keyboard only: choose at a decision point, write a reflection, reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from coursekit.store import LearnerStore

from .pagecheck import cell_with, tab_to

NOTEBOOK = "02_the_career_impasse.ipynb"
EXERCISE = "case:the-career-impasse"


def test_decision_point_and_reflection_by_keyboard(app_server, course_page, store_file):
    page = course_page.open(app_server.url(NOTEBOOK))
    keyboard = page.keyboard

    # Decision point: Tab to the options, Space to choose the first, an arrow to move on.
    decision = cell_with(page, page.get_by_role("button", name="Commit my prediction"))
    waiting = page.get_by_text("This part appears when you have made your prediction")
    expect(waiting.first).to_be_visible()  # the next part is not on the page yet
    hidden_parts = waiting.count()
    radios = decision.get_by_role("radio")
    assert radios.count() >= 2
    second_label = radios.nth(1).evaluate("el => el.closest('label').innerText.trim()")
    tab_to(page, radios.first)
    keyboard.press("Space")
    keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    commit = decision.get_by_role("button", name="Commit my prediction")
    expect(commit).to_be_enabled(timeout=15_000)  # the kernel enables it on a choice
    tab_to(page, commit)
    keyboard.press("Enter")
    expect(decision.get_by_text("What actually happened")).to_be_visible(timeout=15_000)
    expect(decision.get_by_role("button", name="Prediction saved")).to_be_visible()
    expect(waiting).to_have_count(hidden_parts - 1)  # the next part shows at once

    # Reflection: Tab into the text box, type, Tab away; it is saved as typed.
    reflection = cell_with(page, page.get_by_role("textbox", name=re.compile("reflection")))
    box = reflection.get_by_role("textbox")
    tab_to(page, box)
    keyboard.type("Lunch with two people outside my team.")
    keyboard.press("Tab")
    expect(reflection.get_by_text(re.compile(r"Saved at"))).to_be_visible(timeout=15_000)
    course_page.check("flow-02-decision-and-reflection")

    with LearnerStore(store_file) as store:
        answers = store.load_exercise(EXERCISE)
    decisions = {k: v for k, v in answers.items() if k.startswith("decision:")}
    reflections = {k: v for k, v in answers.items() if k.startswith("reflection:")}
    assert len(decisions) == 1, answers
    assert "Lunch with two people outside my team." in reflections.values()

    # A new session (reload = new kernel) finds the choice, its outcome and the text.
    course_page.reload()
    decision = cell_with(page, page.get_by_role("button", name="Prediction saved"))
    expect(decision.get_by_text("What actually happened")).to_be_visible()
    expect(decision.get_by_role("radio", name=second_label)).to_be_checked()
    expect(page.get_by_role("textbox", name=re.compile("reflection")).first).to_have_value(
        "Lunch with two people outside my team.")
    course_page.check("flow-02-after-reload")
