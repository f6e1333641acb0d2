"""coursekit: a case-method career course in Jupyter notebooks.

The public face notebooks use. Everything here works without a browser or a kernel;
the ipywidgets views live in :mod:`coursekit.views`.

Examples
--------
>>> import coursekit as ck
>>> store = ck.open_store(demo=True)
>>> [c.id for c in ck.list_cases()]
['the-career-impasse', 'the-first-step']
"""

from __future__ import annotations

from ._content import course_dir
from ._errors import (
    ContentError,
    CorruptStoreError,
    InputError,
    NotFoundError,
    Problem,
    StoreError,
)
from ._open import open_store
from .cases import Case, list_cases, load_case
from .check import check_course
from .demo import demo_store, sample_people
from .store import LearnerStore

__version__ = "0.1.0"

__all__ = [
    "Case",
    "ContentError",
    "CorruptStoreError",
    "InputError",
    "LearnerStore",
    "NotFoundError",
    "Problem",
    "StoreError",
    "__version__",
    "check_course",
    "course_dir",
    "demo_store",
    "list_cases",
    "load_case",
    "open_store",
    "sample_people",
]
