"""The personal report: offline, escaped, private by default, complete, printable."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from coursekit.demo import demo_store
from coursekit.planning import add_networking, add_step, save_goal, save_path
from coursekit.report import (
    build_report,
    list_reflections,
    make_report_files,
    report_markdown,
    save_reflection_choice,
    write_report,
)
from coursekit.report.html import plotly_js
from coursekit.store import LearnerStore

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'

_EXTERNAL = [
    r"<script[^>]*\bsrc\s*=",                       # any external script
    r"<link[^>]*\bhref\s*=",                        # any linked style sheet / icon / font
    r"url\(\s*['\"]?(https?:)?//",                  # CSS fetching a remote file
    r"<(img|iframe|embed|object|video|audio|source)[^>]*\bsrc\s*=\s*['\"]?(https?:)?//",
    r"@import",
]


@pytest.fixture
def store():
    s = LearnerStore(":memory:")
    save_path(s, "current", title=EVIL, description=FORMULA, liking=3, resources=2)
    save_goal(s, goal=EVIL, outcome=FORMULA)
    add_step(s, EVIL, due="2030-05-01", first=True, if_obstacle=EVIL, then_response=FORMULA)
    add_networking(s, "someone </script> two levels above", due="2030-05-10")
    s.save("case:the-first-step", "reflection:what-you-want", "My private hope " + EVIL,
           kind="reflection")
    s.save("case:the-career-impasse", "reflection:last-ten", "Nine of ten inside",
           kind="reflection")
    return s


def _visible(page: str) -> str:
    """The page without the embedded plotly.js bundle (learner text never goes there)."""
    return re.sub(r"<script>/\*\*.*?</script>", "", page, count=1, flags=re.S)


def test_report_is_offline(store):
    page = build_report(store, include_reflections="all", today=date(2030, 4, 1))
    for pattern in _EXTERNAL:
        assert not re.search(pattern, page, re.I), pattern
    assert page.count("Plotly.newPlot(") >= 2          # vision and timeline figures
    assert "<meta charset='utf-8'>" in page


def plotly_js_copies(page: str) -> int:
    """How many copies of plotly.js a page holds: its banner, and a piece of its middle."""
    bundle = plotly_js()
    banners = page.count(bundle[:60])
    middle = page.count(bundle[len(bundle) // 2:len(bundle) // 2 + 200])
    assert banners == middle, "a part of plotly.js without the rest"
    return banners


def test_report_holds_plotly_js_once_whatever_its_figures(store):
    # The report is one offline file: plotly.js inside, once (4.8 MB), however many
    # figures it draws; a second copy would double the file (benchmarks/bench_report.py).
    page = build_report(store, include_reflections="all", today=date(2030, 4, 1))
    assert page.count("Plotly.newPlot(") >= 2
    assert plotly_js_copies(page) == 1
    assert plotly_js_copies(page + plotly_js()) == 2  # the count sees a second copy


def test_learner_text_is_escaped(store):
    page = _visible(build_report(store, include_reflections="all", today=date(2030, 4, 1)))
    assert "<script>alert" not in page and "<img src=x" not in page
    # the whole text, escaped (quotes as &quot; or &#34;: either is an escaped quote)
    assert re.search(r"&lt;script&gt;alert\((&quot;|&#34;)x\1\)&lt;/script&gt;", page)
    assert "</script> two levels" not in page
    # figure data: plotly's JSON writes < as \u003c, so text cannot close the script
    scripts = re.findall(r"<script>(Plotly\.newPlot.*?)</script>", page, re.S)
    assert scripts and all("<" not in s for s in scripts)


def test_reflections_private_by_default(store):
    page = build_report(store)
    assert "My private hope" not in page and "Nine of ten inside" not in page
    assert "No reflections included" in page
    chosen = build_report(store, include_reflections=["case:the-career-impasse/"
                                                       "reflection:last-ten"])
    assert "Nine of ten inside" in chosen and "My private hope" not in chosen
    assert "My private hope" in build_report(store, include_reflections="all")
    assert "My private hope" not in build_report(store, include_reflections="none")
    save_reflection_choice(store, ["case:the-first-step/reflection:what-you-want"])
    saved = build_report(store)  # None: the learner's saved choice
    assert "My private hope" in saved and "Nine of ten inside" not in saved
    assert "My private hope" not in report_markdown(store, include_reflections="none")


def test_reflection_headings_come_from_the_case(store):
    by_id = {r.id: r for r in list_reflections(store)}
    r = by_id["case:the-first-step/reflection:what-you-want"]
    assert r.heading == "The first step" and r.prompt


def test_report_holds_every_part_and_prints_well(store):
    page = build_report(store, today=date(2030, 4, 1))
    for anchor in ("reflections", "network", "plan-vision", "plan-goal", "plan-steps",
                   "plan-networking", "timeline"):
        assert f"<section class='report' id='{anchor}'" in page
    assert "@media print" in page and "break-before: page" in page
    assert "break-inside: avoid" in page and ".modebar-container" in page
    assert "If &lt;script&gt;" in page  # the if-then plan, escaped


def test_demo_report_has_assessment_and_plan():
    store = demo_store("amara")
    page = build_report(store, today=date.today())
    assert "Demo: this report shows a sample person" in page
    assert "your scores" in page.lower()
    assert "Email Lena at the Lyon site" in page
    md = report_markdown(store)
    assert "## What drives your career?" in md and "| Scale | Score | Band |" in md
    order = [md.index(f"## {title}") for title in (
        "Reflections I chose", "What drives your career?", "My network",
        "Three five-year paths", "My goal", "Steps and if-then plans", "Networking plan")]
    assert order == sorted(order), "the report follows the course's order of exercises"


def test_network_section_with_contacts():
    from coursekit.network.storage import add_contact

    store = LearnerStore(":memory:")
    add_contact(store, name="Ana <b>Bold</b>", inside=True, strength=3)
    add_contact(store, name="Ben", inside=False, types=("strategic",))
    page = _visible(build_report(store))
    assert "No network mapped yet" not in page
    assert "Your network's measures" in html.unescape(page)
    assert "<b>Bold</b>" not in page
    assert "E-I index" in page


def test_files_written_next_to_the_store(tmp_path, store):
    disk = LearnerStore(tmp_path / "learner-data" / "coursekit.sqlite")
    add_step(disk, "Only step", due="2030-01-01")
    files = make_report_files(disk)
    assert files.html.parent == tmp_path / "learner-data" / "report"
    assert files.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Only step" in files.markdown.read_text(encoding="utf-8")
    assert b"SUMMARY:Only step" in files.calendar.read_bytes()
    assert files.dated_items == 1
    out = write_report(store, tmp_path / "x" / "r.html")
    assert out.is_file() and not list(out.parent.glob("*.tmp"))


def test_a_new_empty_attempt_does_not_hide_the_answered_one(tmp_path):
    from coursekit.assessment import load_instrument, save_response, start_attempt
    from coursekit.exercises import exercise
    from coursekit.store import LearnerStore

    with LearnerStore(tmp_path / "s.sqlite") as s:
        instrument = load_instrument("career-drivers")
        first = start_attempt(s, instrument.id)
        for item in instrument.items:
            save_response(s, instrument, first, item.id, 4)
        start_attempt(s, instrument.id)  # "Start a new attempt", nothing answered yet
        part = exercise("assessment:career-drivers").report(s, today=date(2030, 1, 1))
        assert part is not None
        assert part.context["result"].table["answered"].sum() == len(instrument.items)
        assert exercise("assessment:move-readiness").report(s, today=date(2030, 1, 1)) is None


def test_report_figures_offer_no_share_button(store):
    """No "Share chart" upload to Plotly Cloud, no Plotly logo, in any figure."""
    import json

    page = _visible(build_report(store, include_reflections="all", today=date(2030, 4, 1)))
    calls = re.findall(r"Plotly\.newPlot\('[^']+', [^<]*, (\{[^{}]*\})\);</script>", page)
    assert len(calls) == page.count("Plotly.newPlot(") >= 2
    for call in calls:
        config = json.loads(call)
        assert config["showSendToCloud"] is False and config["displaylogo"] is False
        assert "sendDataToCloud" in config["modeBarButtonsToRemove"]
    assert '"showSendToCloud":false' in page.replace(" ", "")


def test_every_reflection_is_headed_in_words_never_by_its_ids():
    """The report's tick boxes name each note by its exercise and question (issue 12)."""
    from coursekit.report.sections import list_reflections

    with demo_store("amara") as store:
        found = list_reflections(store)
    assert {r.exercise for r in found} >= {"between-sessions", "check-in", "case:the-first-step"}
    for r in found:
        assert r.prompt and r.prompt[0].isupper(), r
        assert not re.search(r"\b[a-z-]+:[a-z0-9-]+\b", f"{r.heading} {r.prompt}"), r
