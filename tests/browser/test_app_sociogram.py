"""The sociogram in app mode (Voila): by mouse, by keyboard alone, and at 150 contacts.

Every gesture is checked three ways: the canvas shows it, the learner store file holds
exactly what the canvas shows, and the measures further down the page change. A reload
finds everything as left. axe-core checks the sociogram at 1366x900 and 1024x768.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from coursekit import app

from .pagecheck import CoursePage, ServerProcess
from .sociogram_page import (
    axe_violations,
    centre,
    drag,
    focused_name,
    key_to,
    node,
    point,
    shown,
    sociogram,
    stored,
    wait_saved,
)

NOTEBOOK = "03_map_your_network.ipynb"
SIZES = ((1366, 900), (1024, 768))


def _measures(page):
    """The measures view (an HTML widget that names density), not the notes above it."""
    return page.locator(".widget-html").filter(has_text=re.compile("density", re.I)).first


def _open(course_page, url, size=(1366, 900)):
    page = course_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    course_page.open(url)
    root = sociogram(page)
    expect(root.locator(".ck-sg-svg")).to_be_visible(timeout=60_000)
    root.locator(".ck-sg-stage").scroll_into_view_if_needed()
    return page, root


def _recall(root, names):
    root.get_by_label("Names that come to mind, one a line").fill("\n".join(names))
    root.get_by_role("button", name="Put in the tray").click()
    for name in names:
        expect(root.locator(".ck-sg-chip", has_text=name)).to_be_visible(timeout=20_000)
    root.locator(".ck-sg-stage").scroll_into_view_if_needed()


def _check_sociogram(course_page, shot):
    page = course_page.page
    course_page.check(shot)
    problems = axe_violations(page)
    assert not problems, "\n".join(problems)


def test_mouse_rings_sectors_ties_bins_and_reload(app_server, course_page, store_file):
    page, root = _open(course_page, app_server.url(NOTEBOOK))
    measures = _measures(page)
    _recall(root, ["Mia Drag", "Noah Drag"])
    root.locator(".ck-sg-stage").scroll_into_view_if_needed()

    # From the tray onto a ring and a sector.
    before = measures.text_content()
    drag(page, centre(root.locator(".ck-sg-chip", has_text="Mia Drag")), point(page, 4, "outside"))
    wait_saved(page)
    expect(node(page, "Mia Drag")).to_have_attribute("data-strength", "4")
    expect(node(page, "Mia Drag")).to_have_attribute("data-group", "outside")
    expect(measures).not_to_have_text(before, timeout=20_000)
    drag(page, centre(root.locator(".ck-sg-chip", has_text="Noah Drag")), point(page, 2, "inside"))
    wait_saved(page)
    expect(node(page, "Noah Drag")).to_have_attribute("data-group", "inside")

    # Between rings and sectors.
    before = measures.text_content()
    drag(page, centre(node(page, "Mia Drag")), point(page, 1, "inside"))
    wait_saved(page)
    expect(node(page, "Mia Drag")).to_have_attribute("data-strength", "1")
    expect(node(page, "Mia Drag")).to_have_attribute("data-group", "inside")
    expect(measures).not_to_have_text(before, timeout=20_000)
    assert shown(page) == stored(store_file)

    # A tie: one person, then another, then its strength from the menu.
    mia, noah = (node(page, n).get_attribute("data-id") for n in ("Mia Drag", "Noah Drag"))
    pair = tuple(sorted((mia, noah)))
    before = measures.text_content()
    node(page, "Mia Drag").click()
    node(page, "Noah Drag").click()
    menu = root.get_by_role("menu")
    expect(menu).to_be_visible()
    menu.get_by_role("menuitemradio", name="3: they work together often").click()
    wait_saved(page)
    assert (*pair, 3) in stored(store_file)["pairs"]
    expect(measures).not_to_have_text(before, timeout=20_000)
    assert (*pair, 3) in shown(page)["pairs"]

    # ... and forgotten again (Mia is still picked: one click on Noah opens the menu).
    node(page, "Noah Drag").click()
    menu.get_by_role("menuitem", name=re.compile("Forget this pair")).click()
    wait_saved(page)
    assert not any(p[:2] == pair for p in stored(store_file)["pairs"])

    # Onto a bin of network types.
    drag(page, centre(node(page, "Noah Drag")),
         centre(root.locator('.ck-sg-bin[data-type="strategic"]')))
    wait_saved(page)
    assert "Noah Drag" in stored(store_file)["types"]["strategic"]
    expect(root.locator('.ck-sg-bin[data-type="strategic"]')).to_contain_text("Noah Drag")

    left = shown(page)
    assert left == stored(store_file)
    _check_sociogram(course_page, "sociogram-app-mouse")

    # A new session finds everything as left.
    course_page.reload()
    expect(node(page, "Mia Drag")).to_be_visible(timeout=30_000)
    assert shown(page) == left == stored(store_file)


def test_keyboard_alone(app_server, course_page, store_file):
    page, root = _open(course_page, app_server.url(NOTEBOOK))
    keyboard = page.keyboard
    measures = _measures(page)
    box = root.get_by_label("Names that come to mind, one a line")
    key_to(page, box)
    keyboard.type("Kai Keys\nLea Keys")
    course_page.settle()
    key_to(page, root.get_by_role("button", name="Put in the tray"))
    keyboard.press("Enter")
    kai_chip = root.locator(".ck-sg-chip", has_text="Kai Keys")
    expect(kai_chip).to_be_visible(timeout=20_000)

    # A name from the tray onto ring 4; the focus follows the person onto the map.
    key_to(page, kai_chip, "Shift+Tab")
    keyboard.press("4")
    wait_saved(page)
    expect(node(page, "Kai Keys")).to_have_attribute("data-strength", "4")
    page.wait_for_function("() => document.activeElement && "
                           "document.activeElement.dataset.name === 'Kai Keys'")
    keyboard.press("ArrowUp")                 # closer: the inner ring
    wait_saved(page)
    expect(node(page, "Kai Keys")).to_have_attribute("data-strength", "5")
    keyboard.press("ArrowRight")              # the next sector: not sure -> inside
    wait_saved(page)
    expect(node(page, "Kai Keys")).to_have_attribute("data-group", "inside")
    assert focused_name(page) == "Kai Keys"

    key_to(page, root.locator(".ck-sg-chip", has_text="Lea Keys"))
    keyboard.press("Enter")                   # the middle ring
    wait_saved(page)
    expect(node(page, "Lea Keys")).to_have_attribute("data-strength", "3")
    page.wait_for_function("() => document.activeElement && "
                           "document.activeElement.dataset.name === 'Lea Keys'")

    # T on one person, T on another, a strength from the menu with arrow keys.
    kai, lea = (node(page, n).get_attribute("data-id") for n in ("Kai Keys", "Lea Keys"))
    pair = tuple(sorted((kai, lea)))
    before = measures.text_content()
    keyboard.press("t")
    key_to(page, node(page, "Kai Keys"), "Shift+Tab")
    keyboard.press("t")
    menu = root.get_by_role("menu")
    expect(menu).to_be_visible()
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitemradio", name="2: they talk now and then")).to_be_focused()
    keyboard.press("Enter")
    wait_saved(page)
    assert (*pair, 2) in stored(store_file)["pairs"]
    expect(measures).not_to_have_text(before, timeout=20_000)
    assert focused_name(page) == "Kai Keys"   # back where the tie ended

    # Forget it again: the menu opens on the pair's strength; up to "Forget this pair".
    keyboard.press("t")
    expect(menu).to_be_visible()
    keyboard.press("End")
    keyboard.press("ArrowUp")
    keyboard.press("ArrowUp")
    expect(menu.get_by_role("menuitem", name=re.compile("Forget this pair"))).to_be_focused()
    keyboard.press("Enter")
    wait_saved(page)
    assert not any(p[:2] == pair for p in stored(store_file)["pairs"])

    keyboard.press("s")                       # strategic
    wait_saved(page)
    assert "Kai Keys" in stored(store_file)["types"]["strategic"]
    keyboard.press("Escape")

    left = shown(page)
    assert left == stored(store_file)
    _check_sociogram(course_page, "sociogram-app-keyboard")
    course_page.reload()
    expect(node(page, "Kai Keys")).to_be_visible(timeout=30_000)
    assert shown(page) == left == stored(store_file)


def test_a_refusal_is_shown_beside_the_map_and_nothing_changes(app_server, course_page,
                                                               store_file):
    page, root = _open(course_page, app_server.url(NOTEBOOK))
    _recall(root, ["Omar Long"])
    drag(page, centre(root.locator(".ck-sg-chip", has_text="Omar Long")), point(page, 3, "inside"))
    wait_saved(page)
    # "Go to" names what its list holds in words (it said "(a person: 6)")
    expect(root.get_by_label("Go to").locator("option").first).to_have_text(
        re.compile(r"^Choose (one of \d+ people|the one person on the map)$"))
    node(page, "Omar Long").click()
    name = root.get_by_label("Name", exact=True)
    name.fill("")
    name.press("Tab")
    wait_saved(page)
    alert = root.get_by_role("alert")
    expect(alert).to_contain_text("the name is empty")
    assert "Omar Long" in {n[1] for n in stored(store_file)["nodes"]}
    expect(node(page, "Omar Long")).to_be_visible()
    tray = stored(store_file)["tray"]
    root.get_by_label("Names that come to mind, one a line").fill("Pia\n" + "P" * 300)
    root.get_by_role("button", name="Put in the tray").click()
    wait_saved(page)
    expect(alert).to_contain_text("line 2")
    expect(alert).to_contain_text("shorten it to at most 200")
    assert stored(store_file)["tray"] == tray
    assert shown(page) == stored(store_file)


def test_touch(app_server, chromium, store_file):
    """A finger drags a name onto the map and a person to another ring (pointer events)."""
    context = chromium.new_context(viewport={"width": 1024, "height": 768}, has_touch=True)
    course_page = CoursePage(context.new_page(), name="touch")
    try:
        page, root = _open(course_page, app_server.url(NOTEBOOK), (1024, 768))
        _recall(root, ["Tess Touch"])
        cdp = context.new_cdp_session(page)

        def touch_drag(source, target, steps=8):
            touch = lambda kind, x, y: cdp.send("Input.dispatchTouchEvent", {  # noqa: E731
                "type": kind, "touchPoints": [] if kind == "touchEnd" else [{"x": x, "y": y}]})
            touch("touchStart", *source)
            for k in range(1, steps + 1):
                touch("touchMove", source[0] + (target[0] - source[0]) * k / steps,
                      source[1] + (target[1] - source[1]) * k / steps)
            touch("touchEnd", *target)

        touch_drag(centre(root.locator(".ck-sg-chip", has_text="Tess Touch")),
                   point(page, 2, "outside"))
        wait_saved(page)
        expect(node(page, "Tess Touch")).to_have_attribute("data-strength", "2")
        expect(node(page, "Tess Touch")).to_have_attribute("data-group", "outside")
        touch_drag(centre(node(page, "Tess Touch")), point(page, 4, "inside"))
        wait_saved(page)
        expect(node(page, "Tess Touch")).to_have_attribute("data-strength", "4")
        expect(node(page, "Tess Touch")).to_have_attribute("data-group", "inside")
        assert shown(page) == stored(store_file)
        assert not course_page.kernel_errors and not course_page.external_requests
    finally:
        context.close()


@pytest.fixture(scope="module")
def big_server(chromium, course_folder, tmp_path_factory):
    """App mode on a store of 150 made-up contacts (in circles, with pairwise ties)."""
    from benchmarks.bench_network import generated_network
    from coursekit.network import add_network, save_ego
    from coursekit.network.records import Ego
    from coursekit.store import LearnerStore

    path = tmp_path_factory.mktemp("big-store") / "coursekit.sqlite"
    with LearnerStore(path) as store:
        add_network(store, generated_network(150))
        save_ego(store, Ego(organisation="Acme", label="Alexandra"))  # a name wider than "You"
    port, token = app.free_port(), "browser-tests-big"
    env = app.app_environment(course_folder, token=token,
                              base={**os.environ, "COURSEKIT_STORE": str(path)})
    env.pop("COURSEKIT_DEMO", None)
    server = ServerProcess(app.app_command(course_folder, port=port, show_tracebacks=True),
                           env=env, cwd=course_folder, port=port, token=token,
                           log_name="voila-big.log")
    server.start(app.ready_url(port, token=token))
    server.store_file = path
    yield server
    server.stop()


LABEL_BOXES = """(root) => [...root.querySelectorAll('.ck-sg-label')]
    .filter(t => t.getAttribute('display') !== 'none')
    .map(t => { const r = t.getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom]; })"""
#: The share of the people in view whose name is written beside them.
LABELLED_IN_VIEW = """(root) => {
    const view = root.querySelector('.ck-sg-svg').getBoundingClientRect();
    const labelled = new Set([...root.querySelectorAll('.ck-sg-label')]
        .filter(t => t.getAttribute('display') !== 'none').map(t => t.dataset.id));
    const inView = [...root.querySelectorAll('.ck-sg-node')].filter(g => {
        const r = g.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        return x > view.left && x < view.right && y > view.top && y < view.bottom; });
    return inView.filter(g => labelled.has(g.dataset.id)).length / Math.max(1, inView.length);
}"""


#: Whether the learner's name at the centre is inside its disc.
EGO_NAME_FITS = """(root) => { const g = root.querySelector('.ck-sg-ego');
    const name = g.querySelector('text').getBoundingClientRect();
    const disc = g.querySelector('circle').getBoundingClientRect();
    return name.width > 0 && name.left >= disc.left && name.right <= disc.right; }"""


def _overlaps(boxes):
    return [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:]
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_150_contacts_are_readable(big_server, course_page, size):
    page, root = _open(course_page, big_server.url(NOTEBOOK), size)
    expect(root.locator(".ck-sg-node")).to_have_count(150, timeout=30_000)
    assert shown(page) == stored(big_server.store_file)
    boxes = root.evaluate(LABEL_BOXES)
    assert len(boxes) >= 40, f"only {len(boxes)} of 150 names labelled"
    assert not _overlaps(boxes)
    share = root.evaluate(LABELLED_IN_VIEW)
    # Zooming in names more of the people in view, still without a collision.
    for _ in range(2):
        root.get_by_role("button", name="Zoom in").click()
    assert not _overlaps(root.evaluate(LABEL_BOXES))
    zoomed = root.evaluate(LABELLED_IN_VIEW)
    # (At 1024 px the learner's name at the centre takes room a few names would have had.)
    assert zoomed > share and zoomed >= 0.75, (share, zoomed)
    root.get_by_role("button", name="Fit the whole map").click()
    assert root.evaluate(EGO_NAME_FITS), "the learner's name spills out of the centre disc"
    _check_sociogram(course_page, f"sociogram-app-150-{size[0]}x{size[1]}")
