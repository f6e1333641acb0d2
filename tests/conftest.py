from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from coursekit.store import LearnerStore

REPO = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "files"
GOLDEN = FILES / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite the golden files in tests/files/golden/ from the current output "
             "(after a deliberate change; review the diff before committing)")


@pytest.fixture
def store(tmp_path):
    """A fresh learner store in a temporary file."""
    with LearnerStore(tmp_path / "learner.sqlite") as s:
        yield s


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session (a superuser's connection string).

    Skips without PostgreSQL, but fails under CI=true (tests/_postgres.py).
    """
    from ._postgres import fresh_database

    with fresh_database() as url:
        yield url


@pytest.fixture
def course_copy(tmp_path):
    """A full copy of the shipped course in a temporary folder."""
    from coursekit.cli import init_course

    return init_course(tmp_path / "course")


@pytest.fixture
def golden(request):
    """``golden(name, data)``: compare output with ``tests/files/golden/<name>``.

    ``data`` is text or bytes, compared byte for byte (line ends included). With
    ``--update-goldens`` the file is rewritten instead and the test passes.
    """
    update = request.config.getoption("--update-goldens")

    def check(name: str, data: str | bytes) -> None:
        path = GOLDEN / name
        new = data.encode("utf-8") if isinstance(data, str) else data
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new)
            return
        if not path.is_file():
            pytest.fail(f"no golden file {path.relative_to(REPO)}: make it with "
                        f"pytest {request.node.nodeid} --update-goldens")
        old = path.read_bytes()
        if new == old:
            return
        diff = difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(), new.decode("utf-8", "replace")
            .splitlines(), f"golden/{name}", "output", lineterm="", n=1)
        shown = [line[:300] for line in list(diff)[:80]]
        pytest.fail(f"{name} differs from its golden file. If the change is deliberate, run "
                    f"pytest {request.node.nodeid} --update-goldens and review the diff.\n"
                    + "\n".join(shown), pytrace=False)

    return check
