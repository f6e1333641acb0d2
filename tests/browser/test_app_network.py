"""App mode, keyboard only: add contacts and see the measures and the map change; reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .pagecheck import cell_with, tab_to

NOTEBOOK = "03_map_your_network.ipynb"
POINTS = """(cell) => {
    // The markers drawn on the map: what a person sees (gd.data may hold packed arrays).
    const gd = cell.querySelector('.js-plotly-plot');
    if (!gd) return -1;
    return gd.querySelectorAll('.scatterlayer .point').length;
}"""


def _add_people(course_page, names):
    page = course_page.page
    keyboard = page.keyboard
    recall = cell_with(page, page.get_by_role("button", name="Add these people"))
    box = recall.get_by_role("textbox", name="Names, one a line")
    tab_to(page, box)
    keyboard.type("\n".join(names))
    # A person pauses before pressing the button; without the pause the click can reach
    # the kernel before the typed text does (ipywidgets sends state updates throttled).
    course_page.settle()
    tab_to(page, recall.get_by_role("button", name="Add these people"))
    keyboard.press("Enter")
    expect(box).to_have_value("", timeout=20_000)  # the names were taken in


def _measures(page):
    """The measures widget (an HTML widget that names density), not the notes above it."""
    return page.locator(".widget-html").filter(has_text=re.compile("density", re.I)).first


def test_contacts_change_measures_and_map(app_server, course_page):
    page = course_page.open(app_server.url(NOTEBOOK))
    map_cell = cell_with(page, page.locator(".js-plotly-plot"))
    measures = _measures(page)
    expect(map_cell.locator(".js-plotly-plot")).to_be_visible(timeout=30_000)
    points_before = map_cell.evaluate(POINTS)
    measures_before = measures.text_content()
    course_page.check("flow-03-network-empty")

    _add_people(course_page, ["Dana K", "Sam O"])
    page.wait_for_function(f"(n) => ({POINTS})(document.querySelector("
                           f"'[cell-index=\"{map_cell.get_attribute('cell-index')}\"]')) > n",
                           arg=points_before, timeout=20_000)
    expect(measures).not_to_have_text(measures_before, timeout=20_000)
    points_two, measures_two = map_cell.evaluate(POINTS), measures.text_content()

    _add_people(course_page, ["Lee W"])
    expect(measures).not_to_have_text(measures_two, timeout=20_000)
    page.wait_for_function(f"(n) => ({POINTS})(document.querySelector("
                           f"'[cell-index=\"{map_cell.get_attribute('cell-index')}\"]')) > n",
                           arg=points_two, timeout=20_000)
    course_page.settle()
    course_page.check("flow-03-network-three-contacts")
    measures_three = measures.text_content()

    # A new session draws the same map and measures from the store.
    course_page.reload()
    map_cell = cell_with(page, page.locator(".js-plotly-plot"))
    measures = _measures(page)
    expect(measures).to_have_text(measures_three, timeout=20_000)
    assert map_cell.evaluate(POINTS) > points_two
    course_page.check("flow-03-network-after-reload")
