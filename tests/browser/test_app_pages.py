"""Every learner notebook opens as an app with no error, no empty plot, labelled inputs.

A full-page screenshot of each is kept in ``test-artifacts/app-<notebook>.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = [part["notebook"] for part in
             yaml.safe_load((REPO / "course.yaml").read_text(encoding="utf-8"))["parts"]]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_page_opens_as_app(app_server, course_page, notebook):
    page = course_page.open(app_server.url(notebook))
    # Code is hidden: no editor, no input prompt, in app mode.
    assert page.locator(".jp-InputArea-editor:visible, .jp-InputPrompt:visible").count() == 0
    assert page.locator("#rendered_cells h1, #rendered_cells h2").count() > 0, "no heading"
    course_page.check(f"app-{Path(notebook).stem}")
