"""Attempts and responses in the learner store: one transaction per answer, resumable."""

from __future__ import annotations

import pytest

from coursekit.assessment import (
    current_attempt,
    finish_attempt,
    latest_attempt,
    list_attempts,
    load_instrument,
    load_responses,
    save_response,
    start_attempt,
)
from coursekit.store import LearnerStore


@pytest.fixture(scope="module")
def drivers():
    return load_instrument("career-drivers")


def test_migration_creates_tables(store):
    assert {"assessment_attempts", "assessment_responses"} <= set(store.tables())
    assert store.version >= 2


def test_save_and_load_latest(store, drivers):
    assert latest_attempt(store, drivers.id) is None and load_responses(store, drivers.id) == {}
    a = current_attempt(store, drivers.id)
    assert current_attempt(store, drivers.id) == a  # continues, does not start another
    save_response(store, drivers, a, "cd01", 4)
    save_response(store, drivers, a, "cd01", 5)   # changed answer replaces the old one
    save_response(store, drivers, a, "cd02", 2)
    save_response(store, drivers, a, "cd02", None)  # cleared
    assert load_responses(store, drivers.id) == {"cd01": 5}


def test_every_answer_commits_at_once(tmp_path, drivers):
    path = tmp_path / "s.sqlite"
    writer = LearnerStore(path)
    a = start_attempt(writer, drivers.id)
    save_response(writer, drivers, a, "cd03", 3)
    reader = LearnerStore(path)  # a second kernel sees it without any close or flush
    assert load_responses(reader, drivers.id) == {"cd03": 3}
    writer.close()
    reader.close()


def test_one_transaction_per_answer(store, drivers):
    commits = []
    store.on_change(lambda s: commits.append(1))
    a = start_attempt(store, drivers.id)
    for item in ("cd01", "cd02", "cd03"):
        save_response(store, drivers, a, item, 3)
    assert len(commits) == 4  # the attempt, then one per answer


@pytest.mark.parametrize("item, value, words", [
    ("cd01", 6, "out of range"), ("cd01", 0, "out of range"), ("cd01", 2.5, "whole number"),
    ("cd01", "4", "whole number"), ("cd01", True, "whole number"), ("zz", 3, "not an item"),
])
def test_bad_answers_are_refused_and_nothing_saved(store, drivers, item, value, words):
    a = start_attempt(store, drivers.id)
    with pytest.raises(ValueError, match=words):
        save_response(store, drivers, a, item, value)
    assert load_responses(store, drivers.id, a) == {}


def test_attempt_of_another_instrument_is_refused(store, drivers):
    other = start_attempt(store, "outsight-audit")
    with pytest.raises(ValueError, match="not an attempt at career-drivers"):
        save_response(store, drivers, other, "cd01", 3)
    with pytest.raises(ValueError, match="not an attempt"):
        save_response(store, drivers, 999, "cd01", 3)


def test_attempts_before_after(store, drivers):
    first = start_attempt(store, drivers.id)
    save_response(store, drivers, first, "cd01", 2)
    finish_attempt(store, first)
    second = start_attempt(store, drivers.id)
    save_response(store, drivers, second, "cd01", 5)
    start_attempt(store, "outsight-audit")
    attempts = list_attempts(store, drivers.id)
    assert [(x.number, x.answered) for x in attempts] == [(1, 1), (2, 1)]
    assert attempts[0].finished_at is not None and attempts[1].finished_at is None
    assert load_responses(store, drivers.id, first) == {"cd01": 2}
    assert load_responses(store, drivers.id) == {"cd01": 5}
    assert len(list_attempts(store)) == 3
    finished = attempts[0].finished_at
    finish_attempt(store, first)  # finishing twice keeps the first time
    assert list_attempts(store, drivers.id)[0].finished_at == finished


def test_export_and_erase_include_answers(store, drivers):
    a = start_attempt(store, drivers.id)
    save_response(store, drivers, a, "cd01", 4)
    exported = store.export()
    assert exported["assessment_responses"][0]["value"] == 4
    store.erase()
    assert list_attempts(store) == [] and store.inventory()["assessment_responses"] == 0
