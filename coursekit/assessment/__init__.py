"""Self-assessment: instruments as data, scoring, reliability, storage and feedback.

Pure core: imports no ipywidgets (the questionnaire widget is
:mod:`coursekit.views.questionnaire`).
"""

from __future__ import annotations

from .feedback import (
    comparison_figure,
    hexagon_figure,
    next_steps_html,
    results_figure,
    results_html,
)
from .instruments import check_instruments, list_instruments, load_instrument
from .reliability import cronbach_alpha, scale_reliability
from .scoring import (
    answered_counts,
    class_norms,
    next_steps,
    score_many,
    score_responses,
)
from .storage import (
    NOT_APPLICABLE,
    Answers,
    current_attempt,
    finish_attempt,
    latest_answered_attempt,
    latest_attempt,
    list_attempts,
    load_answers,
    load_responses,
    save_branch,
    save_response,
    start_attempt,
)

__all__ = [
    "NOT_APPLICABLE", "Answers", "answered_counts", "check_instruments", "class_norms",
    "comparison_figure", "cronbach_alpha", "current_attempt", "finish_attempt",
    "hexagon_figure", "latest_answered_attempt", "latest_attempt", "list_attempts",
    "list_instruments", "load_answers", "load_instrument", "load_responses", "next_steps",
    "next_steps_html", "results_figure", "results_html", "save_branch", "save_response",
    "scale_reliability", "score_many", "score_responses", "start_attempt",
]
