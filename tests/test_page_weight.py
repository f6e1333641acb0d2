"""What keeps the pages fast, checked without a clock (the times are in benchmarks/).

``benchmarks/bench_browser.py`` found what made pages slow: plotly's ``FigureWidget`` (from
plotly 6 on, each one sends its own 5 MB copy of plotly.js to the browser, and importing it
costs the kernel seconds through nbformat and jsonschema), and the number of widget models a
page's kernel makes (each one is a message and a view in the browser). These tests keep
both in check: no module of coursekit uses FigureWidget, each learner notebook's code makes
at most its budget of widget models and imports none of those heavy modules, and after an
edit of the network the views showing its result refresh before the forms.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import coursekit as ck
from coursekit.store import LearnerStore

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "coursekit"

#: The most widget models each learner notebook's code may make (in demo mode: a sample
#: person's answers, network and plan). Measured, then a margin of about a tenth; raise
#: one only for something the page must show, and watch bench_browser.py when you do.
WIDGET_BUDGET = {
    "00_start.ipynb": 100,
    "01_the_first_step.ipynb": 480,
    "02_the_career_impasse.ipynb": 450,
    "03_map_your_network.ipynb": 280,
    "04_plan_your_next_step.ipynb": 740,  # two questionnaires more since: 674 measured
    "05_your_report.ipynb": 55,
    "06_hand_in.ipynb": 100,
}
#: Modules a page's kernel never needs: plotly's FigureWidget and what it drags in.
HEAVY = ("plotly.basewidget", "anywidget", "nbformat", "jsonschema")

#: Runs every code cell of each notebook in this one process, counting widget models.
_RUN_NOTEBOOKS = """
import json, sys
import ipywidgets
made = []
ipywidgets.Widget.on_widget_constructed(lambda widget: made.append(type(widget).__name__))
counts = {}
for path in sys.argv[1:]:
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    before, namespace = len(made), {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), path, "exec"), namespace)
    counts[path.rsplit("/", 1)[-1]] = len(made) - before
print("RESULT" + json.dumps({"widgets": counts,
                             "modules": sorted(m for m in sys.modules if m in HEAVY)}))
"""


def test_no_module_uses_plotly_figure_widget():
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "attr", None) or getattr(node, "id", None)
            if name == "FigureWidget" or (isinstance(node, ast.alias)
                                          and node.name.endswith("FigureWidget")):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not found, ("plotly's FigureWidget sends plotly.js (5 MB) with every figure: show "
                       f"a figure with coursekit.views._figures.set_figure instead: {found}")


@pytest.fixture(scope="module")
def pages():
    """Widget models made by each learner notebook's code, and heavy modules imported."""
    notebooks = [str(REPO / "notebooks" / name) for name in WIDGET_BUDGET]
    env = {**os.environ, "COURSEKIT_DEMO": "1", "COURSEKIT_COURSE": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{_RUN_NOTEBOOKS}", *notebooks],
        capture_output=True, text=True, cwd=REPO / "notebooks", env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line.removeprefix("RESULT"))


@pytest.mark.parametrize("notebook", list(WIDGET_BUDGET))
def test_each_page_makes_at_most_its_widget_models(pages, notebook):
    made = pages["widgets"][notebook]
    assert 0 < made <= WIDGET_BUDGET[notebook], (
        f"{notebook} makes {made} widget models (budget {WIDGET_BUDGET[notebook]}): share "
        f"one Layout or style between controls, or show static HTML where nothing changes")


def test_no_page_imports_figure_widget_nbformat_or_jsonschema(pages):
    assert pages["modules"] == [], (
        f"a page's kernel imported {pages['modules']}: seconds of start-up (FigureWidget "
        f"imports nbformat, whose jsonschema compiles its grammars)")


def test_after_an_edit_the_results_refresh_before_the_forms():
    store = LearnerStore(":memory:")
    views = {"form": ck.network_contacts(store), "ties": ck.network_ties(store),
             "map": ck.network_map(store), "measures": ck.network_measures(store),
             "audit": ck.outsight_audit(store)}
    order = []
    for name, view in views.items():
        refresh = view.refresh

        def recorded(name=name, refresh=refresh):
            order.append(name)
            refresh()

        view.refresh = recorded
    views["form"].name.value = "Ana"
    views["form"].save_button.click()
    assert order[:3] == ["measures", "audit", "map"]
    assert set(order[3:]) == {"form", "ties"}
    assert views["map"].figure.layout.title.text == "Your network: 1 contact"
