"""The check-in (notebook 07), weeks after the first sessions: a pure core, no widgets.

It sets the learner's predictions in the cases beside what happened
(:mod:`.predictions`), their steps as planned beside what became of them
(:mod:`coursekit.planning.history`), their network now beside their first complete map
(:mod:`coursekit.network.history`), a questionnaire retaken beside the first time
(:mod:`.retake`), and ends with the next step, dated and with an if-then plan
(:mod:`.plan`). The views are in :mod:`coursekit.views.check_in`.
"""

from __future__ import annotations

from .plan import add_next_step, check_ins_done, load_next_step, record_check_in
from .predictions import (
    DIFFERENCES_KEY,
    EXERCISE,
    JUDGEMENTS,
    PredictionRow,
    judge,
    judgement_counts,
    prediction_rows,
)
from .retake import AttemptPair, answered_questionnaires, attempt_pair, retake_figure, start_retake

__all__ = ["DIFFERENCES_KEY", "EXERCISE", "JUDGEMENTS", "AttemptPair", "PredictionRow",
           "add_next_step", "answered_questionnaires", "attempt_pair", "check_ins_done",
           "judge", "judgement_counts", "load_next_step", "prediction_rows",
           "record_check_in", "retake_figure", "start_retake"]
