"""Self-assessment: instruments as data, scoring, reliability, storage and feedback.

Pure core: imports no ipywidgets (the questionnaire widget is
:mod:`coursekit.views.questionnaire`).

Examples
--------
>>> from coursekit.assessment import load_instrument, score_responses
>>> inst = load_instrument("move-readiness")
>>> table = score_responses(inst, {item: 3 for item in inst.item_ids})
>>> sorted(set(table["status"]))
['complete']
"""

from __future__ import annotations

from .feedback import (
                       comparison_figure,
                       hexagon_figure,
                       next_steps_html,
                       results_figure,
                       results_html,
)
from .instruments import (
                       check_instruments,
                       check_response_value,
                       list_instruments,
                       load_instrument,
                       load_instrument_file,
)
from .model import Band, Instrument, Item, ResponseScale, Scale
from .reliability import cronbach_alpha, scale_reliability
from .scoring import (
                       answered_counts,
                       class_norms,
                       next_steps,
                       reverse_key,
                       score_many,
                       score_responses,
)
from .storage import (
                       Attempt,
                       current_attempt,
                       finish_attempt,
                       latest_answered_attempt,
                       latest_attempt,
                       list_attempts,
                       load_responses,
                       save_response,
                       start_attempt,
)

__all__ = [
    "Attempt", "Band", "Instrument", "Item", "ResponseScale", "Scale",
    "answered_counts", "check_instruments", "check_response_value", "class_norms",
    "comparison_figure", "cronbach_alpha", "current_attempt", "finish_attempt",
    "hexagon_figure", "latest_answered_attempt", "latest_attempt", "list_attempts",
    "list_instruments",
    "load_instrument", "load_instrument_file", "load_responses", "next_steps",
    "next_steps_html", "results_figure", "results_html", "reverse_key", "save_response",
    "scale_reliability", "score_many", "score_responses", "start_attempt",
]
