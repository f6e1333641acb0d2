"""The classroom: hand-ins, their collection into a class store, and the class picture.

Pure core: nothing here imports ipywidgets (the widgets are in
:mod:`coursekit.views.classroom`).
"""

from __future__ import annotations

from .class_store import (
    CLASS_DB_ENV,
    ClassStore,
    class_db_url,
    open_class_store,
    submit_handin,
)
from .collect import CollectReport, Limits, TextProgress, collect, parse_handin
from .dashboard import (
    HIDDEN,
    MIN_GROUP,
    before_after,
    class_summary,
    decision_polls,
    network_composition,
    network_measures,
    outsight_indicators,
    scale_norms,
    scale_reliability,
)
from .handin import make_handin, preview_handin, pseudonym, save_handin
from .handin_format import (
    FORMAT,
    VERSION,
    ForeignFileError,
    HandinError,
    upgrade,
    validate_handin,
)
from .synthetic import demo_class, synthetic_handins

__all__ = [
    "CLASS_DB_ENV",
    "FORMAT",
    "HIDDEN",
    "MIN_GROUP",
    "VERSION",
    "ClassStore",
    "CollectReport",
    "ForeignFileError",
    "HandinError",
    "Limits",
    "TextProgress",
    "before_after",
    "class_db_url",
    "class_summary",
    "collect",
    "decision_polls",
    "demo_class",
    "make_handin",
    "network_composition",
    "network_measures",
    "open_class_store",
    "outsight_indicators",
    "parse_handin",
    "preview_handin",
    "pseudonym",
    "save_handin",
    "scale_norms",
    "scale_reliability",
    "submit_handin",
    "synthetic_handins",
    "upgrade",
    "validate_handin",
]
