"""Questionnaires that branch (a move abroad or at home) and statements that may not apply."""

from __future__ import annotations

import sqlite3

import pytest

from coursekit._migrations import migrations
from coursekit._migrations import statements as _statements
from coursekit.assessment import (
    NOT_APPLICABLE,
    current_attempt,
    load_answers,
    load_instrument,
    save_branch,
    save_response,
    score_responses,
)
from coursekit.assessment.instruments import load_instrument_file
from coursekit.exercises._base import Progress
from coursekit.exercises.questionnaire import QuestionnaireExercise
from coursekit.store import LearnerStore
from coursekit.views.feedback import feedback
from coursekit.views.questionnaire import questionnaire

from .test_assessment_instruments import FILES, mini, problems_for

READY = "move-readiness"


@pytest.fixture
def ready():
    return load_instrument(READY)


# -- the file format ------------------------------------------------------------------------


def _branching(**item_changes) -> dict:
    data = mini(branch={"question": "Where?", "options": [{"id": "far", "label": "Far"},
                                                          {"id": "near", "label": "Near"}]})
    data["items"][0].update(item_changes)
    return data


def test_a_branching_instrument_loads(tmp_path):
    [problem] = problems_for(tmp_path / "typo", _branching(only_for=["fra"])) or [""]
    assert "items[0] (id a1): only_for" in problem and "did you mean 'far'" in problem
    good = _branching(only_for=["far"], may_not_apply=True)
    assert problems_for(tmp_path / "good", good) == []


def test_only_for_without_a_branch_is_refused(tmp_path):
    data = mini()
    data["items"][0]["only_for"] = ["far"]
    [problem] = problems_for(tmp_path, data)
    assert "only_for needs a branch question" in problem and "Fix:" in problem


def test_a_branch_with_one_option_is_refused(tmp_path):
    data = mini(branch={"question": "Where?", "options": [{"id": "far", "label": "Far"}]})
    [problem] = problems_for(tmp_path, data)
    assert "branch: options" in problem and "at least two options" in problem


# -- scoring, hand-computed -------------------------------------------------------------------


def test_at_home_the_language_scale_does_not_apply(ready):
    answers = {i.id: 4 for i in ready.items}
    table = score_responses(ready, answers, branch="home")
    assert table.at["language", "status"] == "does not apply"
    assert table.at["culture", "items"] == 2  # mr03 and mr04 only
    assert table.at["culture", "needed"] == 2  # all of them, as fewer than 3 apply
    abroad = score_responses(ready, answers, branch="abroad")
    assert abroad.at["language", "status"] == "complete"


def test_not_applicable_leaves_the_scale_and_lowers_what_it_needs(ready):
    family = ready.scale("family").item_ids  # mr17 mr31 mr32 mr33 mr20
    answers = {"mr17": 2, "mr33": 5}
    table = score_responses(ready, answers, not_applicable={"mr31", "mr32", "mr20"})
    assert table.at["family", "items"] == len(family) - 3 == 2
    assert table.at["family", "score"] == pytest.approx((2 + 5) / 2)
    assert score_responses(ready, answers).at["family", "status"] == "incomplete"


def test_answers_to_statements_not_asked_are_not_scored(ready):
    answers = {"mr05": 1, "mr06": 1, "mr25": 1, "mr26": 1, "mr03": 5, "mr04": 5}
    table = score_responses(ready, answers, branch="home")
    assert table.at["language", "answered"] == 0
    assert table.at["culture", "score"] == 5.0


# -- storage ------------------------------------------------------------------------------------


def test_not_applicable_is_saved_only_where_allowed(ready):
    store = LearnerStore(":memory:")
    attempt = current_attempt(store, READY)
    save_response(store, ready, attempt, "mr31", NOT_APPLICABLE)
    with pytest.raises(ValueError, match="cannot be answered 'does not apply'"):
        save_response(store, ready, attempt, "mr01", NOT_APPLICABLE)
    with pytest.raises(ValueError, match="not a choice"):
        save_branch(store, ready, attempt, "the-moon")
    save_branch(store, ready, attempt, "home")
    saved = load_answers(store, ready)
    assert saved.not_applicable == {"mr31"} and saved.values == {} and saved.branch == "home"
    assert QuestionnaireExercise(READY).progress(store) == Progress(1, 19)


def test_answers_to_retired_items_do_not_break_the_results(ready):
    """An instructor removed a statement mid-term: the learner's results still show."""
    store = LearnerStore(":memory:")
    attempt = current_attempt(store, READY)
    for item in ready.item_ids:
        save_response(store, ready, attempt, item, 3)
    with store.transaction() as conn:
        conn.execute("INSERT INTO assessment_responses VALUES (?, 'mr99', 5, '2026-01-01')",
                     (attempt,))
    assert "mr99" not in load_answers(store, ready).values
    assert feedback(store, READY).table.at["family", "score"] == 3.0
    exercise = QuestionnaireExercise(READY)
    assert exercise.handin(store)["before"]["scales"]["family"] == 3.0
    assert exercise.report(store, today=None) is not None


def test_migration_6_keeps_every_answer(tmp_path):
    path = tmp_path / "v5.sqlite"
    conn = sqlite3.connect(path)
    for _, _, sql in migrations()[:5]:
        for statement in _statements(sql):
            conn.execute(statement)
    conn.execute("INSERT INTO assessment_attempts (instrument, started_at) "
                 "VALUES ('move-readiness', '2026-01-01')")
    conn.execute("INSERT INTO assessment_responses VALUES (1, 'mr17', 4, '2026-01-01')")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with LearnerStore(path) as store:
        saved = load_answers(store, load_instrument(READY))
        assert saved.values == {"mr17": 4} and saved.branch is None


# -- the view -------------------------------------------------------------------------------------


def test_choosing_home_hides_the_statements_for_abroad_and_reopens_as_left(tmp_path, ready):
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as store:
        view = questionnaire(store, READY)
        assert view.progress.max == len(ready.items)
        view.branch.value = "home"
        assert view.progress.max == 19
        assert view.controls["mr05"].layout.display == "none"
        assert view.controls["mr03"].layout.display == ""
        assert view.controls["mr03"].description.startswith("1. ")  # numbered as asked
        options = [v for _, v in view.controls["mr31"].options]
        assert NOT_APPLICABLE in options
        assert NOT_APPLICABLE not in [v for _, v in view.controls["mr03"].options]
        view.controls["mr31"].value = NOT_APPLICABLE
        assert view.progress.value == 1
    with LearnerStore(path) as store:
        again = questionnaire(store, READY)
        assert again.branch.value == "home"
        assert again.controls["mr31"].value == NOT_APPLICABLE
        assert again.controls["mr05"].layout.display == "none"
        again.controls["mr03"].value = 4
        again.new_attempt()
        assert load_answers(store, ready).branch == "home"  # the new attempt keeps it


def test_results_say_which_scale_does_not_apply(ready):
    store = LearnerStore(":memory:")
    view = questionnaire(store, READY)
    view.branch.value = "home"
    for control in view.asked.values():
        control.value = 4
    results = view.show_results()
    assert any("<strong>Does not apply</strong>" in getattr(c, "value", "")
               for c in results.children)
    shown = [t.y for t in results.figure.data]
    assert not any("Language" in str(y) for y in shown)


def test_the_mini_instrument_still_has_no_branch():
    assert load_instrument_file(FILES / "mini.yaml").branch is None


# -- career drivers end with the one anchor the learner would keep ----------------------------


def test_the_one_driver_to_keep_is_chosen_saved_and_reported(tmp_path):
    drivers = load_instrument("career-drivers")
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as store:
        attempt = current_attempt(store, drivers.id)
        for n, item in enumerate(drivers.items):
            save_response(store, drivers, attempt, item.id, 5 if item.scale == "autonomy"
                          else 1 + n % 3)
        view = feedback(store, drivers.id)
        choice = view.keep.choice
        assert choice.value is None and choice.options[1][1] == "autonomy"  # highest first
        choice.value = "lifestyle"
        assert "Saved" in view.keep.children[1].children[1].value
    with LearnerStore(path) as store:
        assert feedback(store, drivers.id).keep.choice.value == "lifestyle"
        part = QuestionnaireExercise(drivers.id).report(store, today=None)
        assert part.context["result"].kept == drivers.scale("lifestyle").name
        from coursekit.assessment.storage import save_kept

        with pytest.raises(KeyError, match="no scale"):
            save_kept(store, drivers, "fame")


def test_no_keep_question_before_any_answer_or_where_the_instrument_has_none():
    store = LearnerStore(":memory:")
    assert feedback(store, "career-drivers").keep is None
    assert load_instrument("outsight-audit").keep_one is None
