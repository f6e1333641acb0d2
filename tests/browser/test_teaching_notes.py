"""The teaching notes as an instructor opens them, in JupyterLab and as an app: every block
with its time, lead question, probes and expected answers; the polls, cuts and takeaways;
no error; axe-core finds nothing in the notes. Screenshots in ``test-artifacts/``."""

from __future__ import annotations

import re

import pytest

from coursekit import load_case
from coursekit._notebook_file import teaching_notes_name
from coursekit.teaching import session_blocks

from .test_lab_start import lab_server  # noqa: F401  (the JupyterLab server fixture)

CASES = ["the-first-step", "the-career-impasse"]


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[".ck-notes"]]})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"]]


def _check_notes(page, scope, case_id: str) -> None:
    case = load_case(case_id)
    blocks = session_blocks(case)
    sections = scope.locator("section[aria-label^='Block ']")
    assert sections.count() == len(blocks)
    for block, section in zip(blocks, sections.all(), strict=True):
        text = " ".join(section.inner_text().split())
        assert f"Block {block.number} · minutes {block.clock} · {block.step.title}" in text
        assert f"Ask: {' '.join(block.step.lead_question.split())}" in text
        for words in (*block.step.probes, *block.step.expect):
            assert " ".join(words.split()) in text, words
        if block.decision:
            assert "Poll, " in text and block.decision.options[0].label in text
    for heading in ("Synopsis", "Before class", "If you run late", "Running the polls",
                    "Closing takeaways"):
        assert scope.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    assert scope.locator(".js-plotly-plot .trace").count() >= 1  # the session plan drawn
    assert _axe_violations(page) == []


@pytest.mark.parametrize("size", [(1366, 900), (1024, 768)], ids=["1366", "1024"])
@pytest.mark.parametrize("case_id", CASES)
def test_teaching_notes_in_jupyterlab(lab_server, course_page, case_id, size):  # noqa: F811
    page = course_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"http://127.0.0.1:{lab_server.port}/lab/tree/notebooks/"
              f"{teaching_notes_name(case_id)}?token={lab_server.token}",
              wait_until="domcontentloaded", timeout=90_000)
    # The notes' tab current (both cases' notes open with the same heading).
    page.get_by_role("tab", name=teaching_notes_name(case_id).rsplit("/", 1)[-1],
                     selected=True).wait_for(
        timeout=60_000)
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.get_by_role("heading", name="Instructor: teaching notes").first.wait_for(
        timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    notebook.get_by_role("heading", name="Closing takeaways").first.wait_for(timeout=90_000)
    course_page.fail_on_tracebacks("JupyterLab")
    course_page.settle()
    # JupyterLab draws only the cells near the window: the notes are one output, all drawn.
    _check_notes(page, notebook, case_id)
    course_page.screenshot(f"lab-teaching-notes-{case_id}-{size[0]}")
    assert not course_page.kernel_errors, course_page.kernel_errors


@pytest.mark.parametrize("case_id", CASES)
def test_teaching_notes_as_an_app(app_server, course_page, case_id):
    page = course_page.open(app_server.url(teaching_notes_name(case_id)))
    _check_notes(page, page.locator("#rendered_cells"), case_id)
    course_page.check(f"app-teaching-notes-{case_id}")
