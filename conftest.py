"""Test-session set-up shared by unit, widget, doctest and notebook tests.

The learner store of the whole session is a temporary file, so running the tests never
reads or writes a learner's real answers; notebook kernels started by nbval inherit it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="coursekit-tests-"))


def pytest_configure(config):
    """Point every store of the test session at a temporary file."""
    os.environ["COURSEKIT_STORE"] = str(_SESSION_DIR / "learner.sqlite")
    os.environ.pop("COURSEKIT_DEMO", None)
    os.environ.pop("COURSEKIT_COURSE", None)
    os.environ.pop("COURSEKIT_CLASS_DB", None)
    os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_collection_modifyitems(config, items):
    """Notebook cells that call the notebook API before coursekit has it are expected to fail.

    See ``tests/_pending_api.py``: the mark names the functions waited for, and disappears
    once coursekit has them.
    """
    from tests._pending_api import mark_notebook_cells

    mark_notebook_cells(items)
