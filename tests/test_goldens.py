"""Golden files: the report (HTML, Markdown), the plan Markdown, the calendar and the
hand-in JSON, pinned.

The outputs are made from the sample person Amara pinned to a fixed day, so they do not
change from one run to the next; what would still change is normalised before comparing:
the plotly.js bundle (a placeholder: it changes with the plotly package, and the test checks
that it is embedded exactly once), in the calendar the DTSTAMP (the moment of export) and
the random UIDs, and in the hand-in the random pseudonym and the time it was made. After
a deliberate change to an output, rewrite the goldens with

    pytest tests/test_goldens.py --update-goldens

and review the diff of ``tests/files/golden/`` before committing.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from coursekit._content import load_yaml
from coursekit.classroom.handin import handin_json, make_handin
from coursekit.demo import fill_store, sample_people
from coursekit.network.samples import networks_dir
from coursekit.planning import load_plan, write_plan_markdown
from coursekit.report import make_report_files
from coursekit.report.html import plotly_js
from coursekit.store import LearnerStore

#: The day the golden outputs are made on: after the sample network's last contacts, and
#: long enough ago that the sample's steps marked done were done on their due day (the
#: sample loader dates them min(due, today)).
DAY = date(2025, 3, 17)
PLOTLY_JS = "<script>/* plotly.js, embedded once (left out of the golden file) */</script>"


def _pinned(value):
    """A sample date written as "+N days from today" made a fixed date (N days from DAY)."""
    return DAY + timedelta(days=value) if isinstance(value, int) else value


def _html(page: str) -> str:
    """The report with its plotly.js bundle, embedded exactly once, as a placeholder."""
    bundle = f"<script>{plotly_js()}</script>"
    assert page.count(bundle) == 1 and page.count("<script>/**") == 1  # plotly.js once
    return page.replace(bundle, PLOTLY_JS)


def _ics(ics: bytes) -> bytes:
    """The calendar with its UIDs numbered in order and a fixed DTSTAMP."""
    uids = list(dict.fromkeys(re.findall(rb"^UID:(.+)\r$", ics, re.M)))
    assert len(uids) == ics.count(b"BEGIN:VEVENT") > 0
    for number, uid in enumerate(uids, start=1):
        ics = ics.replace(b"UID:" + uid + b"\r", b"UID:step-%d@coursekit\r" % number)
    return re.sub(rb"^DTSTAMP:\d{8}T\d{6}Z\r$", b"DTSTAMP:20250317T090000Z\r", ics, flags=re.M)


def _make(folder: Path) -> dict[str, bytes]:
    """Amara's report files and plan Markdown, made on DAY into ``folder``, normalised."""
    amara = next(p for p in sample_people() if p.id == "amara")
    data = copy.deepcopy(amara.data)
    plan = data["plan"]
    if plan.get("goal", {}).get("target_date") is not None:
        plan["goal"]["target_date"] = _pinned(plan["goal"]["target_date"])
    for step in plan.get("steps", []):
        if "due" in step:
            step["due"] = _pinned(step["due"])
    # The sample network's dates are shifted to today when it loads: inline it, unshifted.
    network = load_yaml(networks_dir() / f"{data['network']['sample']}.yaml")
    data["network"] = {k: network[k] for k in ("ego", "circles", "contacts", "ties")
                       if k in network}
    with LearnerStore(":memory:", demo=True) as store:
        fill_store(store, dataclasses.replace(amara, data=data))
        files = make_report_files(store, folder, include_reflections="all", today=DAY)
        plan_md = write_plan_markdown(load_plan(store), folder / "plan.md")
        handin = make_handin(store, include_item_responses=True, replace_names=True,
                             shared_reflections=[("case:the-first-step",
                                                  "reflection:your-first-step")])
    handin.update(pseudonym="p-0000000000000000", created_at="2025-03-17T09:00:00.000Z",
                  coursekit_version="golden")
    return {"report.html": _html(files.html.read_text("utf-8")).encode("utf-8"),
            "report.md": files.markdown.read_bytes(), "plan.md": plan_md.read_bytes(),
            "plan.ics": _ics(files.calendar.read_bytes()),
            "handin.json": handin_json(handin).encode("utf-8")}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    return _make(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", ["report.html", "report.md", "plan.md", "plan.ics",
                                  "handin.json"])
def test_output_matches_its_golden_file(outputs, golden, name):
    golden(name, outputs[name])


def test_outputs_are_the_same_on_a_second_run(outputs, tmp_path):
    """Nothing time- or random-dependent is left once the day is fixed."""
    assert _make(tmp_path) == outputs


def test_figures_have_fixed_ids_and_accessible_names(outputs):
    page = outputs["report.html"].decode("utf-8")
    ids = re.findall(r"<div id='(figure-\d+)' class='plot-area' role='img' aria-label='[^']+'",
                     page)
    assert ids == [f"figure-{k}" for k in range(1, page.count("Plotly.newPlot(") + 1)]
    assert len(ids) >= 4  # assessment, network map, vision, timeline
