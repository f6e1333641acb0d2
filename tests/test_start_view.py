from __future__ import annotations

import json

from coursekit.cases import load_case
from coursekit.course import load_course, progress
from coursekit.demo import demo_store
from coursekit.store import LearnerStore
from coursekit.views.start import course_plan, start_page, your_data


def _bars(plan):
    rows = plan.children[1].children
    return {row.children[0].value.split("<br>")[0]: row.children[1] for row in rows}


def test_plan_links_each_notebook(store):
    plan = course_plan(store)
    html = " ".join(row.children[0].value for row in plan.children[1].children)
    assert 'href="01_the_first_step.ipynb"' in html


def test_progress_counts_started_exercises(store):
    course = load_course()
    before = progress(store, course)
    assert before.started.sum() == 0
    store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    store.save("case:the-first-step", "decision:not-a-point-of-the-case", "a", kind="decision")
    after = progress(store, course)
    row = after[after.notebook == "01_the_first_step.ipynb"].iloc[0]
    assert row.started == 1 and row.complete == 0 and row.exercises >= 1
    case = load_case("the-first-step")
    steps = len(case.decisions) + len(case.reflections)
    assert row.share == (1 / steps) / row.exercises


def test_an_exercise_is_complete_only_when_every_step_is_done(store):
    case = load_case("the-first-step")
    for d in case.decisions:
        store.save(case.exercise, f"decision:{d.id}", d.option_ids[0], kind="decision")
    for r in case.reflections[:-1]:
        store.save(case.exercise, f"reflection:{r.id}", "words", kind="reflection")
    first = progress(store)
    assert first.loc[first.notebook == "01_the_first_step.ipynb", "complete"].iloc[0] == 0
    store.save(case.exercise, f"reflection:{case.reflections[-1].id}", "x", kind="reflection")
    done = progress(store)
    assert done.loc[done.notebook == "01_the_first_step.ipynb", "complete"].iloc[0] == 1


def test_plan_widget_updates_when_an_answer_is_saved(store):
    plan = course_plan(store)
    bar = next(b for label, b in _bars(plan).items() if "first step" in label.lower())
    assert bar.value == 0
    store.save("case:the-first-step", "reflection:what-you-want", "text", kind="reflection")
    bar = next(b for label, b in _bars(plan).items() if "first step" in label.lower())
    assert 0 < bar.value < 0.1
    assert bar.description.startswith("Case 1: The first step:") and "% done" in bar.description
    status = plan.children[1].children[1].children[0].value
    assert "0 of 2 exercises done, 1 under way" in status
    # the words give the share the bar draws, never more (99.9 % is not yet 100 %)
    shown = f"{int(bar.value * 100)}% in all"
    assert shown in status and shown.replace(" in all", " done") in bar.description


def test_your_data_exports_and_erases(store, tmp_path):
    store.save("case:x", "reflection:r", "kept for export", kind="reflection")
    box = your_data(store, export_dir=tmp_path)
    info, (export,), (confirm, erase), message = box.children[0], box.children[1].children, \
        box.children[2].children, box.children[3]
    assert "1 answer, choice or reflection" in info.value
    export.click()
    files = list(tmp_path.glob("coursekit-export-*.json"))
    assert len(files) == 1
    exported = json.loads(files[0].read_text(encoding="utf-8"))
    assert exported["entries"][0]["value"] == "kept for export"
    assert erase.disabled
    erase.click()
    assert store.inventory()["entries"] == 1  # no confirmation, nothing erased
    confirm.value = True
    assert not erase.disabled
    erase.click()
    assert store.inventory()["entries"] == 0
    assert "erased" in message.value
    assert "Nothing stored yet" in info.value


def test_start_page_in_demo_mode_shows_banner_and_no_export():
    store = demo_store()
    page = start_page(store)
    assert "Demo mode" in page.children[0].value
    data_box = page.children[3]
    data_box.children[1].children[0].click()
    assert "no personal data" in data_box.children[3].value


def test_your_data_says_where_in_words():
    """A store on disk is named by its path; a demo store is said to be in memory, in words."""
    demo = LearnerStore(":memory:")
    text = your_data(demo).children[0].value
    assert "kept in this page's memory only (demo mode)" in text and "<code>" not in text


def test_the_plan_names_where_to_carry_on_once_begun(store):
    plan = course_plan(store)
    assert "Next:" not in plan.children[0].value  # not begun: the page says where to start
    store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    assert 'Next: <a href="01_the_first_step.ipynb"><b>Case 1: The first step</b></a>' in \
        plan.children[0].value


def test_plan_counts_name_networking_items_as_well_as_steps():
    """Two steps and three networking items are not "5 steps" (hand-in preview, data box)."""
    from coursekit.exercises import exercise
    from coursekit.views.start import describe_count

    said = exercise("plan:steps").describe_handin({"steps": 5, "if_then": 1, "done": 0})
    assert said[0].startswith("5 steps and networking items in the plan")
    assert "check-ins" in describe_count("plan_steps", 11)
