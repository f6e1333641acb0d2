"""coursekit: a case-method career course in Jupyter notebooks.

The public face the notebooks use: ``import coursekit as ck``, then
``store = ck.open_store()`` and one view per cell, each a function of the store and an id
(``ck.decision_point(store, "the-first-step", "after-the-talk")``). The views load lazily:
importing coursekit loads no widgets, so the core works without a kernel or a browser.

Examples
--------
>>> import coursekit as ck
>>> store = ck.open_store(demo=True)
>>> [c.id for c in ck.list_cases()]
['the-career-impasse', 'the-first-step']
>>> "ipywidgets" in __import__("sys").modules or callable(ck.questionnaire)
True
"""

from __future__ import annotations

import importlib
from typing import Any

from ._gcpause import gc_paused, gc_paused_calls

with gc_paused():  # the core's imports (plotly's among them), as a view's below
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
    from .store import LearnerStore

__version__ = "0.1.0"

#: Each view a notebook may call, and the module (under ``coursekit.views``) that has it.
VIEWS: dict[str, str] = {
    "start_page": "start",
    **dict.fromkeys(["case_header", "case_timeline", "case_part", "key_facts",
                     "source_citation", "teaching_notes"], "case"),
    "decision_point": "predict",
    **dict.fromkeys(["reflection", "discussion"], "reflect"),
    "questionnaire": "questionnaire",
    "feedback": "feedback",
    **dict.fromkeys(["network_profile", "network_recall", "network_contacts", "network_ties",
                     "network_files", "network_map", "network_measures", "outsight_audit",
                     "network_comparison", "sample_comparison"], "network"),
    "sociogram": "network.sociogram",
    **dict.fromkeys(["five_year_paths", "goal", "plan_timeline"], "plan"),
    **dict.fromkeys(["plan_steps", "if_then_coach", "networking_plan"], "plan_steps"),
    "plan_files": "plan_files",
    "my_report": "report",
    "handin": "handin",
    "class_dashboard": "classroom",
    "between_sessions": "between",
    **dict.fromkeys(["check_in_predictions", "check_in_steps", "check_in_network",
                     "check_in_retake", "check_in_assignments", "check_in_next_step"],
                    "check_in"),
    "class_room": "room",
}


#: Loaded on first use too: the sample people's models (pydantic) serve demo mode only.
_LAZY: dict[str, str] = {"demo_store": "demo", "sample_people": "demo"}


def __getattr__(name: str) -> Any:
    """Load a view on first use (PEP 562): ``import coursekit`` imports no widgets.

    A view is loaded and called with the garbage collector held (:mod:`coursekit._gcpause`).
    """
    if name in VIEWS:
        with gc_paused():
            module = importlib.import_module(f".views.{VIEWS[name]}", __name__)
        view = globals()[name] = gc_paused_calls(getattr(module, name))
        return view
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *VIEWS, *_LAZY])


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
    *VIEWS,
]
