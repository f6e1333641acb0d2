"""App mode: the start page, its links, and what every page must satisfy."""

from __future__ import annotations

import re


def test_start_page_as_app(app_server, course_page):
    page = course_page.open(app_server.url())
    page.get_by_role("heading", name="Take charge of your career").first.wait_for()
    page.get_by_text(re.compile(r"exercises(,| and)| in all")).first.wait_for()
    # Code is hidden in app mode.
    assert page.locator(".jp-InputArea-editor:visible").count() == 0
    course_page.check("app-00_start")
