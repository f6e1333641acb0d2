"""The case widgets, driven as a learner would: set ``.value``, ``.click()``, re-open."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from coursekit.cases import load_case
from coursekit.store import LearnerStore
from coursekit.views import case as cv
from coursekit.views import predict as pv
from coursekit.views import reflect as rv

EXERCISE = "case:the-first-step"


@pytest.fixture
def case():
    return load_case("the-first-step")


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "s.sqlite"


def texts(widget) -> str:
    """All the HTML and labels shown inside a widget tree."""
    out = []
    stack = [widget]
    while stack:
        w = stack.pop()
        for attr in ("value", "description"):
            value = getattr(w, attr, None)
            if isinstance(value, str):
                out.append(value)
        stack.extend(getattr(w, "children", ()))
    return "\n".join(out)


# -- decision points ---------------------------------------------------------------------


def test_choosing_and_committing_saves_and_reveals(store_path, case):
    store = LearnerStore(store_path)
    view = pv.decision_point(store, case, "the-failure-figure")
    assert view.outcome.value == ""  # nothing revealed before a choice
    assert view.commit.disabled
    view.choices.value = "check"
    assert not view.commit.disabled
    assert store.load(EXERCISE, "decision:the-failure-figure") is None  # not before commit
    view.commit.click()
    assert store.load(EXERCISE, "decision:the-failure-figure") == "check"
    rows = store.read("SELECT kind FROM entries WHERE key = 'decision:the-failure-figure'")
    assert rows == [("decision",)]
    assert "What actually happened" in view.outcome.value
    assert "Harzing" in view.outcome.value
    assert view.choices.disabled and view.commit.disabled
    assert "finds out where the figure comes from" in view.status.value
    store.close()


def test_saved_choice_is_restored_from_the_same_file(store_path, case):
    with LearnerStore(store_path) as store:
        view = pv.decision_point(store, case, "after-the-talk")
        view.choices.value = "build"
        view.commit.click()
    with LearnerStore(store_path) as reopened:  # as after a kernel restart
        again = pv.decision_point(reopened, case, "after-the-talk")
        assert again.choices.value == "build"
        assert again.choices.disabled
        assert "What actually happened" in again.outcome.value
        assert again.commit.description == "Prediction saved"


def test_a_saved_choice_that_is_no_longer_an_option(store_path, case):
    with LearnerStore(store_path) as store:
        store.save(EXERCISE, "decision:after-the-talk", "emigrate", kind="decision")
        view = pv.decision_point(store, case, "after-the-talk")
        assert view.choices.value is None and not view.choices.disabled
        assert "choose again" in view.status.value
        assert view.outcome.value == ""


def test_commit_without_a_choice_explains(store_path, case):
    with LearnerStore(store_path) as store:
        view = pv.decision_point(store, case, "after-the-talk")
        view._on_commit()
        assert "Choose one of the options first" in view.status.value
        assert store.load_exercise(EXERCISE) == {}


def test_decision_controls_are_labelled_and_options_are_the_cases(store_path, case):
    with LearnerStore(store_path) as store:
        view = pv.decision_point(store, case, "after-the-talk")
        assert view.choices.description and view.commit.description == "Commit my prediction"
        assert [v for _, v in view.choices.options] == list(
            case.decision("after-the-talk").option_ids)
        assert "Pause and predict" in view.prompt.value


def test_unknown_decision_names_the_ones_that_exist(store_path, case):
    with LearnerStore(store_path) as store, pytest.raises(KeyError, match="after-the-talk"):
        pv.decision_point(store, case, "no-such-point")


# -- reflections ------------------------------------------------------------------------


def test_reflection_autosaves_on_every_change_and_restores(store_path, case):
    with LearnerStore(store_path) as store:
        view = rv.reflection(store, case, "what-you-want")
        assert view.text.description  # labelled
        assert "Private" in texts(view)
        view.text.value = "To lead"
        assert store.load(EXERCISE, "reflection:what-you-want") == "To lead"
        view.text.value = "To lead a team abroad"
        assert store.load(EXERCISE, "reflection:what-you-want") == "To lead a team abroad"
        assert store.read("SELECT kind FROM entries") == [("reflection",)]
        assert "Saved" in view.status.value
    with LearnerStore(store_path) as reopened:
        again = rv.reflection(reopened, case, "what-you-want")
        assert again.text.value == "To lead a team abroad"


def test_over_long_reflection_is_refused_beside_the_box_and_keeps_the_last(store_path, case):
    with LearnerStore(store_path) as store:
        view = rv.reflection(store, case, "what-you-want")
        view.text.value = "To lead"
        view.text.value = "x" * 10_001
        assert 'role=\'alert\'' in view.status.value
        assert "at most 10,000 characters" in view.status.value
        assert store.load(EXERCISE, "reflection:what-you-want") == "To lead"


def test_emptied_reflection_is_removed(store_path, case):
    with LearnerStore(store_path) as store:
        view = rv.reflection(store, case, "your-first-step")
        view.text.value = "Call Lena"
        view.text.value = "   "
        assert store.load_exercise(EXERCISE) == {}


def test_reflection_text_is_kept_as_typed_not_as_html(store_path, case):
    with LearnerStore(store_path) as store:
        view = rv.reflection(store, case, "your-first-step")
        view.text.value = "<b>bold</b> & more"
        assert store.load(EXERCISE, "reflection:your-first-step") == "<b>bold</b> & more"


# -- demo mode ----------------------------------------------------------------------------


def _demo_store_with_case_entries(person: str = "amara") -> LearnerStore:
    """A demo store holding only the sample person's case entries (the other sections
    belong to other exercises and are tested there)."""
    from dataclasses import replace

    from coursekit._content import course_dir
    from coursekit.demo import fill_store, load_sample_person

    sample = load_sample_person(course_dir() / "samples" / "people" / f"{person}.yaml")
    sample = replace(sample, data={"entries": sample.data["entries"]})
    return fill_store(LearnerStore(":memory:", demo=True), sample)


def test_demo_banner_and_sample_answers():
    demo = _demo_store_with_case_entries()
    header = cv.case_header(demo, "the-first-step")
    assert "Demo mode" in texts(header)
    view = pv.decision_point(demo, "the-first-step", "after-the-talk")
    assert "Demo mode" in texts(view)
    assert view.choices.value == "build"  # Amara's sample choice, shown with its outcome
    assert "What actually happened" in view.outcome.value
    note = rv.reflection(demo, "the-first-step", "what-you-want")
    assert "Demo mode" in texts(note) and note.text.value


@pytest.mark.parametrize("person", ["amara", "harris"])
def test_every_sample_case_entry_shows_in_its_view(person):
    demo = _demo_store_with_case_entries(person)
    for exercise, count in demo.exercises().items():
        if not exercise.startswith("case:"):
            continue  # the report and hand-in exercises are not cases
        case = load_case(exercise.removeprefix("case:"))
        saved = demo.load_exercise(exercise)
        for key in saved:
            kind, _, item = key.partition(":")
            if kind == "decision":
                view = pv.decision_point(demo, case, item)
                assert view.choices.value == saved[key] and view.outcome.value
            else:
                assert rv.reflection(demo, case, item).text.value == saved[key]
        assert count == len(saved)


def test_no_banner_for_a_learners_store(store_path, case):
    with LearnerStore(store_path) as store:
        assert "Demo mode" not in texts(cv.case_header(store, case))
        assert "Demo mode" not in texts(pv.decision_point(store, case, "after-the-talk"))


# -- reading views ------------------------------------------------------------------------


def test_case_part_renders_markdown_once_the_prediction_before_it_is_made(case):
    store = LearnerStore(":memory:")
    first = cv.case_part(store, case, "know-what-you-want")
    assert "<h3>Part 1 of 4: Know what you want</h3>" in first.value  # nothing before it
    part = cv.case_part(store, case, "get-ready")
    assert isinstance(part, widgets.HTML)
    assert "Get ready" not in part.value  # even its title would give the story away
    assert "appears when you have made your prediction" in part.value
    view = pv.decision_point(store, case, "after-the-talk")
    view.choices.value = "build"
    view.commit.click()
    assert "<h3>Part 2 of 4: Get ready</h3>" in part.value and "<p>" in part.value


def test_reading_on_without_predicting_shows_the_outcome_and_the_next_part(case):
    store = LearnerStore(":memory:")
    part = cv.case_part(store, case, "get-ready")
    view = pv.decision_point(store, case, "after-the-talk")
    view.skip.click()
    assert "What actually happened" in view.outcome.value
    assert store.load(EXERCISE, "decision:after-the-talk") is None  # no prediction invented
    assert "Part 2 of 4: Get ready" in part.value
    again = pv.decision_point(store, case, "after-the-talk")  # reopened: still read on
    assert again.outcome.value and again.choices.disabled
    from coursekit.exercises.case import CaseExercise

    assert CaseExercise("the-first-step").progress(store).done == 1


def test_later_parts_wait_for_every_earlier_prediction(case):
    store = LearnerStore(":memory:")
    last = cv.case_part(store, case, "living-it")
    for point in ("after-the-talk", "the-failure-figure"):
        pv.decision_point(store, case, point).skip.click()
        assert "appears when" in last.value
    pv.decision_point(store, case, "alone-abroad").skip.click()
    assert "Living it" in last.value


def test_a_later_prediction_and_reflection_wait_for_the_part_they_follow():
    """Harris's second question tells his first part's outcome: it waits for that part."""
    store = LearnerStore(":memory:")
    harris = load_case("the-career-impasse")
    second = pv.decision_point(store, harris, "first-response")
    after_it = rv.reflection(store, harris, "in-your-sleep")
    prompt = harris.decision("first-response").prompt
    for view in (second, after_it):
        assert "comes here once you have read the part of the story above it" in texts(view)
        assert prompt not in texts(view) and harris.reflection("in-your-sleep").prompt \
            not in texts(view)
        assert view.choices not in view.children if view is second else True
    pv.decision_point(store, harris, "the-promised-role").skip.click()
    assert prompt in texts(second) and second.choices in second.children
    assert harris.reflection("in-your-sleep").prompt in texts(after_it)
    second.choices.value = second.choices.options[0][1]
    second.commit.click()
    assert "What actually happened" in second.outcome.value


def test_the_reason_for_a_prediction_is_private_and_kept(store_path, case):
    with LearnerStore(store_path) as store:
        view = pv.decision_point(store, case, "after-the-talk")
        view.why.value = "She seems to plan ahead."
        assert store.read("SELECT key, kind FROM entries") == [("why:after-the-talk",
                                                                "reflection")]
        assert "saved" in view.status.value
        view.why.value = "x" * 10_001
        assert "at most 10,000 characters" in view.status.value
    with LearnerStore(store_path) as reopened:
        assert pv.decision_point(reopened, case, "after-the-talk").why.value == \
            "She seems to plan ahead."
    from coursekit.exercises.case import CaseExercise

    label = CaseExercise("the-first-step").entry_label("why:after-the-talk")
    assert label.startswith("Why you predicted as you did.")


def test_a_revisiting_prompt_shows_the_earlier_answer_as_it_stands():
    store = LearnerStore(":memory:")
    impasse = load_case("the-career-impasse")
    again = next(r for r in impasse.reflections if r.revisits)
    view = rv.reflection(store, impasse, again.id)
    assert "You left it empty" in view.earlier.value
    first = rv.reflection(store, impasse, again.revisits)
    first.text.value = "He should wait <for> the role."
    assert "He should wait &lt;for&gt; the role." in view.earlier.value


def test_key_facts_and_timeline_wait_for_every_prediction(case):
    store = LearnerStore(":memory:")
    facts, timeline = cv.key_facts(store, case), cv.case_timeline(store, case)
    assert "appears when" in facts.children[0].value
    assert "appears when" in timeline.children[0].value
    for decision in case.decisions:
        pv.decision_point(store, case, decision.id).skip.click()
    html = facts.children[0].value
    assert html.count("<b>Contested:</b>") == 1
    assert "What the evidence says" in html and "Harzing" in html
    figure = timeline.children[0].outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert len(figure["data"]) == len(case.phases)


def test_source_citation_and_discussion_answers():
    impasse = load_case("the-career-impasse")
    html = cv.source_citation(impasse).value
    assert "Herminia Ibarra" in html and 'rel="noopener noreferrer"' in html
    assert "knowledge.insead.edu" in html
    store = LearnerStore(":memory:")
    discussion = rv.discussion(store, impasse)
    assert len(discussion.answers) == len(impasse.discussion)
    assert impasse.discussion[0] in texts(discussion)
    discussion.answers[1].text.value = "Lunch outside the firm."
    saved = store.read("SELECT key, kind FROM entries")
    assert saved == [("discussion:2", "reflection")]
    from coursekit.classroom.handin_sections import reflection_label

    label = reflection_label("case:the-career-impasse", "discussion:2")
    assert label.startswith("The career impasse: " + impasse.discussion[1][:40])


def test_teaching_notes_show_the_session_plan_and_the_notes(case):
    notes = cv.teaching_notes(case)
    above, plan, below = notes.children
    assert "Synopsis" in above.value and "Before class" in above.value
    figure = plan.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert "90" in figure["layout"]["title"]["text"]
    assert below.value.count("<section aria-label=\"Block ") == len(case.teaching_notes.timing)
    assert "Closing takeaways" in below.value
