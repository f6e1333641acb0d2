"""The walk (issue 12): every notebook, every way a learner or an instructor sees it.

Each learner notebook (``notebooks/0*.ipynb``) and instructor notebook
(``notebooks/instructor/*.ipynb``) is opened

- in JupyterLab (``coursekit start``; the notebook run with *Run, Run All Cells*, as a
  learner does) and as an app (Voila, ``coursekit start --app``),
- in a window of 1366x900 and of 1024x768,
- with a learner's answers (a store file filled from the sample person
  :data:`DATA_PERSON`, served with ``COURSEKIT_STORE``) and in demo mode
  (``COURSEKIT_DEMO`` = :data:`DEMO_PERSON`),

and fails on what :meth:`pagecheck.CoursePage.walk_problems` finds: anything wider than its
cell, cut text, internal ids or raw markup in the text, widgets not drawn, Python errors,
empty plots, serious or critical axe-core violations. Every problem of a page is listed in
one message with the page's screenshot,
``test-artifacts/walk-<mode>-<width>-<data|demo>-<notebook>.png``.

By default each notebook is walked in both modes at two of the four (size, data) views
(:data:`VIEWS`); ``COURSEKIT_WALK=full`` walks all four. Each is its own test, e.g.
``test_walk[app-1024-demo-03_map_your_network]``. The tests share one server per (mode,
data), each on its own copy of the course (``coursekit init``); one runs at a time.

In JupyterLab, axe-core looks only at the course's part of the page (:data:`LAB_CONTENT`):
JupyterLab's own menus, file browser, toolbar and code editors have violations of their
own, the same on every page, that the course can neither cause nor fix (e.g. its toolbar
buttons' ``aria-pressed``, its code editors without a name, the cell list's ``feed`` role).
As an app, the page is the course's own (its Voila template), so all of it is checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.demo import fill_store, load_sample_person
from coursekit.store import LearnerStore

from .pagecheck import CoursePage, start_app, start_lab, walk_report

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = ([p.name for p in sorted((REPO / "notebooks").glob("0*.ipynb"))]
             + [f"instructor/{p.name}"
                for p in sorted((REPO / "notebooks" / "instructor").glob("*.ipynb"))])
#: Window sizes: a common laptop, and a small one (or a large one split in two).
SIZES = {1366: 900, 1024: 768}
#: The sample person whose answers fill the learner's store ("data"); not the demo person,
#: so the two runs show two different people.
DATA_PERSON = "jonas"
#: The person shown in demo mode ("demo").
DEMO_PERSON = "amara"
#: JupyterLab settings of the walk's server (its own settings folder).
LAB_SETTINGS = {
    # The walk opens each notebook several times in one course copy: an autosave would
    # write one run's outputs into the file, and the next opening would start from them
    # (widget outputs with no widget behind them) instead of the fresh notebook a learner
    # opens. The reopen test (test_lab_reopen.py) is where saved outputs are looked at.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # JupyterLab's "get notified about official Jupyter news?" toast: it asks to reach the
    # web, and it covers the bottom of the notebook in the screenshots.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
}
#: The course's part of a JupyterLab page: cell outputs and rendered markdown.
LAB_CONTENT = ".jp-NotebookPanel .jp-Cell-outputArea, .jp-NotebookPanel .jp-RenderedMarkdown"


def page_name(notebook: str) -> str:
    """``instructor/class_dashboard.ipynb`` -> ``instructor-class_dashboard``."""
    return notebook.removesuffix(".ipynb").replace("/", "-")


#: ``COURSEKIT_WALK=full``: every (mode, size, data) for every notebook (88 pages, some 45
#: minutes on two cores). By default each notebook is walked in both modes, once with a
#: learner's answers at 1366x900 and once in demo mode at 1024x768: every page, mode, size
#: and kind of data is seen, in half the time.
FULL = os.environ.get("COURSEKIT_WALK", "").lower() == "full"
#: (data, width) pairs walked for each notebook and mode.
VIEWS = ([(data, width) for data in ("data", "demo") for width in SIZES] if FULL
         else [("data", 1366), ("demo", 1024)])
#: One server per (mode, data): the cases are grouped so that each starts once.
CASES = [pytest.param(mode, width, data, notebook,
                      id=f"{mode}-{width}-{data}-{page_name(notebook)}")
         for mode in ("lab", "app") for data in ("data", "demo")
         for width in SIZES if (data, width) in VIEWS for notebook in NOTEBOOKS]


class WalkServers:
    """The course servers of the walk, started when first asked for; one runs at a time."""

    def __init__(self, tmp_path_factory):
        self.tmp_path_factory = tmp_path_factory
        self.key: tuple[str, str] | None = None
        self.server = None

    def get(self, mode: str, data: str):
        if (mode, data) != self.key:
            self.stop()
            self.server = self._start(mode, data)
            self.key = (mode, data)
        return self.server

    def _start(self, mode: str, data: str):
        folder = self.tmp_path_factory.mktemp(f"walk-{mode}-{data}")
        course = folder / "course"
        subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                       capture_output=True, text=True, timeout=60)
        store = folder / "learner-store.sqlite"
        if data == "data":
            person = load_sample_person(course / "samples" / "people" / f"{DATA_PERSON}.yaml")
            with LearnerStore(store) as filled:
                fill_store(filled, person, course)
        demo = DEMO_PERSON if data == "demo" else None
        log = f"walk-{mode}-{data}-server.log"
        if mode == "lab":
            return start_lab(course, folder, store=store, demo=demo, settings=LAB_SETTINGS,
                             log_name=log)
        return start_app(course, store=store, demo=demo, log_name=log)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.server, self.key = None, None


@pytest.fixture(scope="module")
def walk_servers(chromium, tmp_path_factory):
    servers = WalkServers(tmp_path_factory)
    yield servers
    servers.stop()


@pytest.mark.parametrize(("mode", "width", "data", "notebook"), CASES)
def test_walk(walk_servers, chromium, mode, width, data, notebook):
    server = walk_servers.get(mode, data)
    shot = f"walk-{mode}-{width}-{data}-{page_name(notebook)}"
    context = chromium.new_context(viewport={"width": width, "height": SIZES[width]},
                                   accept_downloads=True)
    page = CoursePage(context.new_page(), name=shot)
    try:
        try:
            if mode == "lab":
                page.open_lab(server.url(notebook))
            else:
                page.open(server.url(notebook), timeout=180_000, stop_on_error=False)
        except Exception:
            page.screenshot(shot)  # what the page showed when it never got ready
            raise
        problems = page.walk_problems(
            shot, content=LAB_CONTENT if mode == "lab" else None,
            demo=data == "demo" and not notebook.startswith("instructor/"))
    finally:
        if mode == "lab":
            context.close()
            server.shutdown_kernels()
        else:
            # Leaving the page ends its kernel (its beacon); closing the context would not.
            page.page.goto("about:blank")
            context.close()
    if problems:
        pytest.fail(walk_report(shot, problems), pytrace=False)
