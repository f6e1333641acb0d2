from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.store import LearnerStore

REPO = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def store(tmp_path):
    """A fresh learner store in a temporary file."""
    with LearnerStore(tmp_path / "learner.sqlite") as s:
        yield s


@pytest.fixture
def course_copy(tmp_path):
    """A full copy of the shipped course in a temporary folder."""
    from coursekit.cli import init_course

    return init_course(tmp_path / "course")
