"""The on-disk cache of content-derived results (coursekit/_cache.py) and its one user."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursekit import _cache
from coursekit._content import packaged_course
from coursekit.classroom import synthetic


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    """A copy of the packaged course, and an empty cache folder of its own."""
    folder = tmp_path / "course"
    for name in ("course.yaml", "notebooks", *_cache.CONTENT_FOLDERS):  # notebooks: the plan
        source = packaged_course() / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            folder.mkdir(exist_ok=True)
            shutil.copy(source, folder / name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSEKIT_COURSE", str(folder))
    return folder


def test_a_result_is_computed_once_then_read_back(course):
    calls = []

    def compute():
        calls.append(1)
        return {"a": [1, 2.5, None], "b": "x"}

    first = _cache.cached_json("thing", compute)
    again = _cache.cached_json("thing", compute)
    assert first == again == {"a": [1, 2.5, None], "b": "x"}
    assert len(calls) == 1
    assert len(list(_cache.cache_folder().glob("thing-*.json"))) == 1


def test_a_changed_content_file_is_computed_again_and_the_old_file_removed(course):
    calls = []
    _cache.cached_json("thing", lambda: calls.append(1) or len(calls))
    person = course / "samples" / "people" / "amara.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _cache.cached_json("thing", lambda: calls.append(1) or len(calls)) == 2
    assert len(calls) == 2
    assert len(list(_cache.cache_folder().glob("thing-*.json"))) == 1


def test_a_new_content_file_changes_the_key(course):
    before = _cache.content_key()
    (course / "instruments" / "notes.txt").write_text("an author's note", encoding="utf-8")
    assert _cache.content_key() != before


def test_a_damaged_cache_file_is_computed_again(course):
    _cache.cached_json("thing", lambda: [1])
    (saved,) = _cache.cache_folder().glob("thing-*.json")
    saved.write_text("{not json", encoding="utf-8")
    assert _cache.cached_json("thing", lambda: [2]) == [2]
    assert _cache.cached_json("thing", lambda: [3]) == [2]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_cache_folder_that_cannot_be_written_means_no_cache(course, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.mkdir(mode=0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _cache.cached_json("thing", lambda: [1]) == [1]
    assert _cache.cached_json("thing", lambda: [2]) == [2]


def test_a_cache_folder_that_is_a_file_means_no_cache(course, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _cache.cached_json("thing", lambda: [1]) == [1]
    assert _cache.cached_json("thing", lambda: [2]) == [2]


def test_the_demo_class_people_from_the_cache_equal_those_computed(course):
    computed = synthetic._sample_people_handins()
    first = synthetic.sample_people_handins()  # computed and saved
    again = synthetic.sample_people_handins()  # read back
    strip = [{k: v for k, v in h.items() if k not in ("pseudonym", "created_at")}
             for h in computed]
    assert [{k: v for k, v in h.items() if k not in ("pseudonym", "created_at")}
            for h in first] == strip
    assert again == first
    assert {h["pseudonym"] for h in again} and all(h["demo"] for h in again)


def test_an_edited_sample_person_shows_in_the_demo_class(course):
    def drivers(handins):
        amara = next(h for h in handins if h["exercises"]["assessment:career-drivers"]
                     ["before"]["items"]["technical"]["cd01"] is not None)
        return amara["exercises"]["assessment:career-drivers"]["before"]["items"]["technical"]

    assert drivers(synthetic.sample_people_handins())["cd01"] == 3
    person = course / "samples" / "people" / "amara.yaml"
    text = person.read_text(encoding="utf-8")
    assert "- {cd01: 3, cd02: 2," in text
    person.write_text(text.replace("- {cd01: 3, cd02: 2,", "- {cd01: 5, cd02: 2,", 1),
                      encoding="utf-8")
    assert drivers(synthetic.sample_people_handins())["cd01"] == 5
    assert len(list(_cache.cache_folder().glob("demo-class-people-*.json"))) == 1
