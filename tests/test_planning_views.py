"""Planning and report widgets driven as a learner would: set .value, click()."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest

from coursekit.demo import demo_store
from coursekit.planning import list_skills, list_steps, load_goal, load_paths
from coursekit.store import LearnerStore
from coursekit.views.plan import CHART_HINT, GoalView, TimelineView, VisionView, plan_view
from coursekit.views.plan_steps import IfThenCoach, NetworkingView, StepsView
from coursekit.views.report import ReportView


@pytest.fixture
def store():
    return LearnerStore(":memory:")


def _labelled(widget) -> bool:
    return bool(getattr(widget, "description", "") or getattr(widget, "tooltip", ""))


def _shown(output) -> dict:
    """What an Output shows: its one display_data bundle."""
    (shown,) = output.outputs
    return shown["data"]


def test_vision_autosaves_and_redraws(store):
    v = VisionView(store)
    # nothing rated yet: a hint, not an empty plot
    assert v.figure is None and CHART_HINT in _shown(v.chart)["text/html"]
    v.titles["disappeared"].value = "Product manager"
    v.questions["disappeared"].value = "Who hires a QA lead?"
    v.sliders["disappeared"]["confidence"].value = 3
    path = load_paths(store)[1]
    assert (path.title, path.questions, path.confidence) == ("Product manager",
                                                             "Who hires a QA lead?", 3)
    fig = v.figure
    assert fig.layout.title.text and sum(len(t.x) for t in fig.data) == 1
    plot = _shown(v.chart)["application/vnd.plotly.v1+json"]
    assert plot["config"]["showSendToCloud"] is False
    v.titles["disappeared"].value = "Product owner"  # the hover text follows the title
    assert "Product owner" in str(v.figure.data[1].hovertext)
    v.sliders["disappeared"]["confidence"].value = 0
    assert load_paths(store)[1].confidence is None
    assert v.figure is None and CHART_HINT in _shown(v.chart)["text/html"]
    assert all(_labelled(s) for d in v.sliders.values() for s in d.values())


def test_goal_and_skills_matrix(store):
    g = GoalView(store)
    g.goal.value = "Product manager in two years"
    g.target_date.value = date(2031, 1, 1)
    assert load_goal(store).target_date == date(2031, 1, 1)
    g.new_skill.value = "Customer interviews"
    g.add_button.click()
    g.new_skill.value = "French"
    g.add_button.click()
    row = g.rows.children[0]
    row.evidence.value = "Ran 12 interviews"
    assert "have it" in row.status_label.value
    g.rows.children[1].remove.click()
    assert [s.skill for s in list_skills(store)] == ["Customer interviews"]
    g.new_skill.value = "   "
    g.add_button.click()
    assert "skill is empty" in g.status.value and len(list_skills(store)) == 1


def test_steps_first_step_edit_done_redate(store):
    v = StepsView(store)
    v.first_title.value = "Email Lena"
    v.first_due.value = date(2030, 3, 1)
    v.first_button.click()
    first = list_steps(store)[0]
    assert first.is_first and first.due == date(2030, 3, 1)
    v.first_title.value = "Email Lena today"
    v.first_button.click()
    assert [s.title for s in list_steps(store)] == ["Email Lena today"]
    row = v.rows[first.id]
    row.due.value = date(2030, 3, 8)
    row.done.value = True
    row.title.value = "Email Lena (sent)"
    step = list_steps(store)[0]
    assert (step.due, step.done, step.title) == (date(2030, 3, 8), True, "Email Lena (sent)")
    row.title.value = ""
    assert "empty" in v.status.value and list_steps(store)[0].title == "Email Lena (sent)"
    v.check_in_button.click()
    assert len(list_steps(store, "check-in")) == 3
    v.new_title.value = "<script>x</script>"
    v.add_button.click()
    assert list_steps(store, "step")[-1].title == "<script>x</script>"
    v.rows[list_steps(store, "step")[-1].id].remove.click()
    assert len(list_steps(store, "step")) == 1


def test_if_then_coach_walks_through_woop(store):
    StepsView(store)
    from coursekit.planning import add_step

    add_step(store, "Lunch with Tomás")
    coach = IfThenCoach(store)
    assert [s.layout.display for s in coach.stages] == ["", "none", "none", "none"]
    coach.wish.value = "Product manager"
    coach.next_buttons[0].click()
    coach.outcome.value = "I own a product"
    coach.next_buttons[1].click()
    coach.next_buttons[2].click()
    assert all(s.layout.display == "" for s in coach.stages)
    assert load_goal(store).outcome == "I own a product"
    coach.obstacle.value = "he cancels"
    coach.save_button.click()
    assert "Write both" in coach.status.value
    coach.response.value = "rebook within a week"
    assert "If he cancels, then I will rebook within a week." in coach.sentence.value
    coach.save_button.click()
    assert list_steps(store)[0].if_then == "If he cancels, then I will rebook within a week."
    assert "say it to yourself" in coach.rehearse.value


def test_if_then_coach_without_steps(store):
    coach = IfThenCoach(store)
    coach.save_button.click()
    assert "Add a step first" in coach.status.value


def test_networking_checklist(store):
    v = NetworkingView(store)
    v.suggest_button.click()
    assert len(v.checks) == 3 and "3 suggestions added" in v.status.value
    step_id = next(iter(v.checks))
    v.checks[step_id].value = True
    assert [s.done for s in list_steps(store, "networking")][0] is True
    v.who.value = "a former schoolmate in another sector"
    v.why.value = "how they see the market"
    v.due.value = date(2030, 5, 1)
    v.add_button.click()
    assert len(list_steps(store, "networking")) == 4
    v.who.value = ""
    v.add_button.click()
    assert "empty" in v.status.value
    assert all(_labelled(c) for c in v.checks.values())


def test_timeline_updates_as_the_learner_edits(store):
    t = TimelineView(store)
    before = t.redraws
    from coursekit.planning import add_step

    add_step(store, "Dated", due="2030-01-01")
    assert t.redraws > before
    assert sum(len(tr.x) for tr in t.figure.data) == 1
    assert "application/vnd.plotly.v1+json" in _shown(t.output)


def test_plan_view_tabs_and_demo_banner():
    tabs = plan_view(demo_store("amara"))
    assert len(tabs.children) == 6
    assert "Demo mode" in tabs.children[0].children[0].value


def test_my_report_reflections_unticked_and_files(tmp_path):
    store = LearnerStore(tmp_path / "learner-data" / "s.sqlite")
    store.save("case:x", "r1", "private words", kind="reflection")
    store.save("case:x", "r2", "shared words", kind="reflection")
    v = ReportView(store)
    assert [c.value for c in v.checks.values()] == [False, False]
    v.checks["case:x/r2"].value = True
    v.make_button.click()
    html = v.files.html.read_text(encoding="utf-8")
    assert "shared words" in html and "private words" not in html
    assert v.files.html.parent == tmp_path / "learner-data" / "report"
    assert "my-report.html" in v.result.value  # where it was saved on disk
    assert "file://" not in v.result.value
    links = dict(re.findall(r"<a download='([^']+)' href='data:[^;']+(?:;charset=utf-8)?;"
                            r"base64,([^']+)' role='button'", v.result.value))
    assert sorted(links) == ["my-plan.ics", "my-report.html", "my-report.md"]
    assert base64.b64decode(links["my-report.html"]) == v.files.html.read_bytes()
    assert "Download your report" in v.result.value
    again = ReportView(store)  # the choice is remembered
    assert [c.value for c in again.checks.values()] == [False, True]


def test_timeline_shows_a_hint_until_a_step_has_a_date(tmp_path):
    from coursekit.planning import add_step
    from coursekit.store import LearnerStore
    from coursekit.views.plan import TIMELINE_HINT, TimelineView

    with LearnerStore(tmp_path / "t.sqlite") as s:
        view = TimelineView(s)
        assert view.figure is None
        assert view.output.outputs[0]["data"]["text/plain"] == TIMELINE_HINT
        add_step(s, "Ask for a lunch", due="2031-05-04")
        assert view.figure is not None
        assert "application/vnd.plotly.v1+json" in view.output.outputs[0]["data"]


def test_the_coach_never_writes_over_a_goal_typed_after_it_was_drawn(tmp_path):
    """Seen in a browser: the coach, drawn first, wrote its empty wish over the goal."""
    import coursekit as ck
    from coursekit.planning import load_goal

    store = LearnerStore(tmp_path / "s.sqlite")
    coach = ck.if_then_coach(store)  # Run All draws the coach before anything is typed
    goal = ck.goal(store)
    goal.goal.value = "Lead a plant abroad by 2030"
    goal.outcome.value = "Running my own site"
    assert coach.wish.value == "Lead a plant abroad by 2030"  # shown at once in the coach
    assert coach.outcome.value == "Running my own site"
    coach.obstacle.value = "my manager says no"
    coach.response.value = "ask HR about other units"
    assert load_goal(store).goal == "Lead a plant abroad by 2030"
    coach.wish.value = "Lead a plant in Lyon by 2030"  # the learner edits the wish there
    assert goal.goal.value == "Lead a plant in Lyon by 2030"
    assert load_goal(store).outcome == "Running my own site"
    again = ck.goal(store)  # and after a restart, what was last written is shown
    assert again.goal.value == "Lead a plant in Lyon by 2030"


def test_my_report_reflections_grouped_under_their_case_in_course_order(tmp_path):
    """Case 1's questions under one heading before case 2's; a question is not prefixed."""
    store = LearnerStore(tmp_path / "s.sqlite")
    store.save("case:the-career-impasse", "reflection:in-your-sleep", "a", kind="reflection")
    store.save("case:the-first-step", "reflection:your-first-step", "b", kind="reflection")
    store.save("case:the-first-step", "reflection:what-you-want", "c", kind="reflection")
    v = ReportView(store)
    assert list(v.checks) == ["case:the-first-step/reflection:what-you-want",
                              "case:the-first-step/reflection:your-first-step",
                              "case:the-career-impasse/reflection:in-your-sleep"]
    rows = v.children[3].children
    assert [w.value for w in rows if getattr(w, "value", None) and str(w.value).startswith(
        "<i>")] == ["<i>The first step</i>", "<i>The career impasse</i>"]
    assert not any(c.description.startswith("The ") for c in v.checks.values())


def _text_boxes(widget):
    import ipywidgets as widgets

    if isinstance(widget, (widgets.Text, widgets.Textarea)):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _text_boxes(child)


def test_every_text_box_of_the_plan_saves_as_the_learner_types(tmp_path):
    """Seen in a browser: a goal edited and the page reloaded before leaving the box came
    back as it was; each key must reach the kernel (and so the store)."""
    from coursekit.planning import add_skill

    store = LearnerStore(tmp_path / "s.sqlite")
    add_skill(store, "Leading a team")
    steps = StepsView(store)
    steps.first_title.value = "Email Lena"
    steps.first_button.click()
    views = [plan_view(store)]
    boxes = [box for view in views for box in _text_boxes(view)]
    assert len(boxes) >= 15  # paths, goal, skills row, steps, coach, networking
    assert [b.description for b in boxes if not b.continuous_update] == []
    vision = VisionView(store)
    vision.titles["current"].value = "Head of quality"  # no leaving the box
    assert VisionView(store).titles["current"].value == "Head of quality"  # after a reload


def test_saving_as_you_type_keeps_the_space_before_the_next_word(tmp_path):
    """The store keeps text without spaces at its ends; the boxes showing it (the goal
    view, and the coach's wish, kept in step) must not take the learner's space away."""
    store = LearnerStore(tmp_path / "s.sqlite")
    goal, coach = GoalView(store), IfThenCoach(store)
    for text in ("My goal", "My goal.", "My goal. ", "My goal. Then"):
        goal.goal.value = text
        assert goal.goal.value == text  # never written over while typed in
    assert load_goal(store).goal == "My goal. Then"
    assert coach.wish.value == "My goal. Then"
    coach.wish.value = "My goal. Then decide "  # typing in the coach: the same
    assert coach.wish.value == "My goal. Then decide "
    assert goal.goal.value == "My goal. Then decide"


def test_the_timeline_is_not_redrawn_by_what_it_does_not_show(store):
    from coursekit.planning import add_step

    add_step(store, "Email Lena", due="2030-01-10", first=True)
    timeline, goal, vision = TimelineView(store), GoalView(store), VisionView(store)
    drawn = timeline.redraws
    for text in ("L", "Le", "Lead", "Lead a team"):
        goal.goal.value = text
        vision.titles["current"].value = text
    assert timeline.redraws == drawn
    steps = StepsView(store)
    next(iter(steps.rows.values())).title.value = "Email Lena on Monday"
    assert timeline.redraws == drawn + 1


def test_figures_that_follow_a_text_box_redraw_when_typing_pauses(store):
    """In a kernel (a running event loop) a step renamed key by key redraws the timeline
    once, after the pause, not after every key."""
    import asyncio

    from coursekit.planning import add_step

    add_step(store, "Email Lena", due="2030-01-10", first=True)
    timeline, steps = TimelineView(store), StepsView(store)
    title = next(iter(steps.rows.values())).title
    drawn = timeline.redraws

    async def type_then_pause():
        for n in range(1, 8):
            title.value = "Email Lena on Monday"[: 10 + n]
            await asyncio.sleep(0.05)
        typing = timeline.redraws
        await asyncio.sleep(1.0)
        return typing

    assert asyncio.run(type_then_pause()) == drawn  # nothing while typing
    assert timeline.redraws == drawn + 1  # one redraw after the pause
    assert "Email Lena on M" in str(timeline.figure.to_dict())


def test_a_half_written_if_then_plan_is_kept_on_reload(store):
    """The coach's If and then-I-will boxes save as typed too (the page promises it)."""
    from coursekit.planning import add_step

    step = add_step(store, "Email Lena", first=True)
    coach = IfThenCoach(store)
    coach.obstacle.value = "she does not answer"  # no button pressed, then a reload
    assert IfThenCoach(store).obstacle.value == "she does not answer"
    coach.response.value = "phone her on Monday"
    again = IfThenCoach(store)
    assert (again.obstacle.value, again.response.value) == ("she does not answer",
                                                            "phone her on Monday")
    assert [s.if_then for s in list_steps(store) if s.id == step.id] == [
        "If she does not answer, then I will phone her on Monday."]


def test_in_a_kernel_the_paths_chart_comes_after_the_boxes():
    """Notebook 04's first view: its chart waits for the cell to end (the browser then shows
    the boxes without waiting for plotly.js); a drawing error shows beside the chart."""
    import asyncio

    store = demo_store()
    seen = {}

    async def cell():
        view = VisionView(store)
        seen["during the cell"] = view.chart.outputs
        await asyncio.sleep(0)
        seen["after it"] = view.figure is not None and view.chart.outputs
        broken = VisionView(store)
        broken.redraw = lambda: 1 / 0
        from coursekit.views._figures import after_display

        after_display(broken.redraw, broken.status)
        await asyncio.sleep(0)
        seen["error"] = broken.status.value

    asyncio.run(cell())
    assert seen["during the cell"] == ()
    assert seen["after it"]
    assert "The chart could not be drawn: division by zero" in seen["error"]
    assert VisionView(store).chart.outputs  # outside a kernel: drawn at once
