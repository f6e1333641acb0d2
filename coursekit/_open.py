"""Opening the store a notebook uses: the learner's own, or a sample person's in demo mode.

Kept apart from :mod:`coursekit.store`, which imports nothing else of coursekit, and from
:mod:`coursekit.demo`, which builds on the store.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._content import course_dir
from .store import DEFAULT_RELATIVE, DEMO_ENV, STORE_ENV, LearnerStore


def default_store_path() -> Path:
    """Where the learner's store lives.

    ``$COURSEKIT_STORE`` when set, else the course folder's ``learner-data/coursekit.sqlite``.
    """
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return course_dir() / DEFAULT_RELATIVE


def open_store(path: str | Path | None = None, *, demo: bool | str | None = None) -> LearnerStore:
    """Open the learner's store: the one notebooks use.

    Parameters
    ----------
    path : str or Path, optional
        A store file; default :func:`default_store_path`.
    demo : bool or str, optional
        ``True`` or a sample person's id: an in-memory store filled with that sample person's
        answers, so an instructor can project the notebook. The learner's own store is then
        neither read nor written. Default: the ``COURSEKIT_DEMO`` environment variable
        (set by ``coursekit start --demo``).

    Examples
    --------
    >>> demo = open_store(demo=True)
    >>> demo.demo, demo.in_memory
    (True, True)
    """
    if demo is None:
        env = os.environ.get(DEMO_ENV, "").strip()
        demo = False if env.lower() in ("", "0", "false", "no") else (True if env == "1" else env)
    if demo:
        from .demo import demo_store  # the sample people's models: demo mode only

        return demo_store(None if demo is True else str(demo))
    return LearnerStore(path if path is not None else default_store_path())
