"""The sociogram in JupyterLab: drawn after Run All, a drag saved, axe-core clean at both sizes."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .sociogram_page import (
    axe_violations,
    centre,
    drag,
    node,
    point,
    shown,
    sociogram,
    stored,
    wait_saved,
)
from .test_lab_start import lab_server  # noqa: F401  (the fixture: JupyterLab as started)

SIZES = ((1366, 900), (1024, 768))


def test_sociogram_in_jupyterlab(lab_server, course_page):  # noqa: F811
    page = course_page.page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"http://127.0.0.1:{lab_server.port}/lab/tree/notebooks/03_map_your_network.ipynb"
              f"?token={lab_server.token}", wait_until="domcontentloaded", timeout=90_000)
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.get_by_role("heading", name="Map your network").first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    root = sociogram(page)
    expect(root.locator(".ck-sg-svg")).to_be_visible(timeout=90_000)
    course_page.fail_on_tracebacks("JupyterLab")

    root.locator(".ck-sg-stage").scroll_into_view_if_needed()
    root.get_by_label("Names that come to mind, one a line").fill("Lab Lina")
    root.get_by_role("button", name="Put in the tray").click()
    chip = root.locator(".ck-sg-chip", has_text="Lab Lina")
    expect(chip).to_be_visible(timeout=30_000)
    root.locator(".ck-sg-stage").scroll_into_view_if_needed()
    drag(page, centre(chip), point(page, 5, "outside"))
    wait_saved(page)
    expect(node(page, "Lab Lina")).to_have_attribute("data-strength", "5")
    expect(node(page, "Lab Lina")).to_have_attribute("data-group", "outside")
    assert shown(page) == stored(lab_server.store_file)

    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        course_page.settle()
        root.locator(".ck-sg-stage").scroll_into_view_if_needed()
        root.screenshot(path=str(course_page_artifact(f"sociogram-lab-{width}x{height}")))
        problems = axe_violations(page)
        assert not problems, f"{width}x{height}:\n" + "\n".join(problems)
        box = root.bounding_box()
        assert box["width"] <= width, "the sociogram is wider than the window"
    assert not course_page.tracebacks(), course_page.tracebacks()
    assert not course_page.kernel_errors, course_page.kernel_errors


def course_page_artifact(name):
    from .pagecheck import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
