"""App mode: views that show the same data stay in step, and none writes what it only shows
(issue 12).

- The goal, then the if-then coach: the coach shows the goal as its wish; planning a step
  with the coach leaves the goal and its best outcome as typed (the coach once wrote its
  empty wish over the goal), and a wish changed in the coach is the goal everywhere.
- Your network next to Harris's: adding people updates the comparison on the page at once
  (it was a snapshot taken when the page ran: "You: 0 contacts" after adding five).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from coursekit.planning import load_goal
from coursekit.store import LearnerStore

from .pagecheck import cell_with
from .test_app_network import _add_people

PLAN = "04_plan_your_next_step.ipynb"
NETWORK = "03_map_your_network.ipynb"
GOAL = "Lead a product team in our Singapore office by 2028"
OUTCOME = "Working with people from five countries every day"
WISH = "Lead a product team in Singapore or Sydney by 2028"
STEP = "Ask my manager which Asian offices are hiring"


def _type(box, text: str) -> None:
    """Type into a text box and leave it, as a person does (the value is sent on leaving)."""
    box.click()
    box.press("Control+a")
    box.press_sequentially(text)
    box.press("Tab")


def test_the_if_then_coach_leaves_the_goal_as_typed(app_server, course_page, store_file):
    page = course_page.open(app_server.url(PLAN))
    goal_cell = cell_with(page, page.get_by_role("textbox", name="My goal"))
    goal = goal_cell.get_by_role("textbox", name="My goal")
    outcome = goal_cell.get_by_role("textbox", name="Best outcome")
    coach = cell_with(page, page.get_by_role("combobox", name="Plan for"))
    wish = coach.get_by_role("textbox", name="Wish")

    _type(goal, GOAL)
    _type(outcome, OUTCOME)
    expect(goal_cell.get_by_text(re.compile("Saved"))).to_be_visible(timeout=20_000)
    # The coach, drawn before the goal was typed, shows it at once as its wish.
    expect(wish).to_have_value(GOAL, timeout=20_000)

    # A first step to plan for, then the coach's four prompts.
    steps = cell_with(page, page.get_by_role("button", name="Save my first step"))
    _type(steps.get_by_role("textbox", name="My first step"), STEP)
    steps.get_by_role("button", name="Save my first step").click()
    expect(coach.get_by_role("combobox", name="Plan for")).to_contain_text(STEP,
                                                                          timeout=20_000)
    for i in range(3):  # the Next of each prompt shown so far; a hidden one is not a button
        coach.get_by_role("button", name="Next").nth(i).click()
    _type(coach.get_by_role("textbox", name="If"), "my manager says there is no budget")
    _type(coach.get_by_role("textbox", name="then I will"), "ask HR about the Asia programme")
    coach.get_by_role("button", name="Save my if-then plan").click()
    expect(coach.get_by_text("If-then plan saved.")).to_be_visible(timeout=20_000)

    # The goal is as typed, on the page and in the store.
    expect(goal).to_have_value(GOAL)
    expect(outcome).to_have_value(OUTCOME)
    with LearnerStore(store_file) as store:
        saved = load_goal(store)
    assert (saved.goal, saved.outcome) == (GOAL, OUTCOME)

    # A wish changed in the coach is the goal: the goal view shows it without a reload.
    _type(wish, WISH)
    expect(goal).to_have_value(WISH, timeout=20_000)
    course_page.check("flow-04-goal-and-coach")

    # A new session shows the same goal in both.
    course_page.reload()
    goal_cell = cell_with(page, page.get_by_role("textbox", name="My goal"))
    expect(goal_cell.get_by_role("textbox", name="My goal")).to_have_value(WISH)
    expect(goal_cell.get_by_role("textbox", name="Best outcome")).to_have_value(OUTCOME)
    coach = cell_with(page, page.get_by_role("combobox", name="Plan for"))
    expect(coach.get_by_role("textbox", name="Wish")).to_have_value(WISH)


def test_the_comparison_with_harris_follows_new_contacts(app_server, course_page):
    page = course_page.open(app_server.url(NETWORK))
    comparison = cell_with(page, page.get_by_text(re.compile(r"Harris before: \d+ people")))
    you = comparison.get_by_text(re.compile(r"^You: \d+ (people|person)$"))
    expect(you).to_have_count(1, timeout=30_000)
    before = int(re.search(r"\d+", you.text_content()).group(0))
    table = comparison.get_by_role("table", name="Measures side by side")
    table_before = table.text_content()

    _add_people(course_page, ["Rosa M", "Tariq B"])
    expect(comparison.get_by_text(f"You: {before + 2} people", exact=True)).to_be_visible(
        timeout=30_000)
    expect(table).not_to_have_text(table_before, timeout=30_000)
    course_page.settle()
    course_page.check("flow-03-comparison-after-adding")
