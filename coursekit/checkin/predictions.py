"""Predictions set beside what happened, and how close the learner judges each one.

At each pause-and-predict point of a case the learner chose what they expected before the
case told them (``decision:<id>`` under ``case:<case id>``, with a private reason
``why:<id>``). Weeks later the check-in shows each prediction beside the outcome and asks
the learner to judge it: as predicted, partly, or not. The judgement is theirs (the cases
do not mark one option right: several are partly true), saved as ``judged:<case>/<point>``
under :data:`EXERCISE`; the private line on what they take from the differences is the
reflection ``reflection:differences``.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> store.save("case:the-career-impasse", "decision:the-promised-role", "gets-it",
...            kind="decision")
>>> rows = [r for r in prediction_rows(store) if r.predicted]
>>> [(r.decision_id, r.chosen_label) for r in rows]
[('the-promised-role', 'He gets it within the year, as promised')]
>>> judge(store, "the-career-impasse", "the-promised-role", "not")
>>> judgement_counts(prediction_rows(store))
{'as-predicted': 0, 'partly': 0, 'not': 1, 'not-judged': 0}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .._errors import ContentError, InputError
from ..store import LearnerStore

#: The exercise id the check-in's entries are saved under.
EXERCISE = "check-in"
#: How close a prediction came, in the learner's judgement (stored id: words shown).
JUDGEMENTS: dict[str, str] = {"as-predicted": "As I predicted", "partly": "Partly",
                              "not": "Not as I predicted"}
#: The key of the private line on what the learner takes from the differences.
DIFFERENCES_KEY = "reflection:differences"


@dataclass(frozen=True)
class PredictionRow:
    """One decision point of a case: the learner's prediction, the outcome, their judgement."""

    case_id: str
    case_title: str
    decision_id: str
    prompt: str
    outcome: str
    chosen: str | None = None
    chosen_label: str = ""
    reason: str = ""
    skipped: bool = False
    judged: str = ""

    @property
    def predicted(self) -> bool:
        """True when the learner committed a prediction here."""
        return self.chosen is not None

    @property
    def key(self) -> str:
        """The entry key of the judgement."""
        return judgement_key(self.case_id, self.decision_id)


def judgement_key(case_id: str, decision_id: str) -> str:
    """``judged:<case>/<decision point>``."""
    return f"judged:{case_id}/{decision_id}"


def prediction_rows(store: LearnerStore, course: str | Path | None = None
                    ) -> list[PredictionRow]:
    """Every decision point of every case, in course order, with what the learner did there.

    A choice that is no longer an option of the case (the case was edited since) counts as
    no prediction.
    """
    from ..cases import list_cases

    judged = store.load_exercise(EXERCISE)
    rows = []
    for case in list_cases(course):
        saved = store.load_exercise(case.exercise)
        for d in case.decisions:
            choice = saved.get(f"decision:{d.id}")
            if isinstance(choice, dict):
                choice = choice.get("choice")
            chosen = choice if choice in d.option_ids else None
            reason = saved.get(f"why:{d.id}", "")
            verdict = judged.get(judgement_key(case.id, d.id), "")
            rows.append(PredictionRow(
                case.id, case.title, d.id, d.prompt, d.outcome, chosen,
                d.option(chosen).label if chosen else "",
                reason if isinstance(reason, str) else "",
                skipped=f"skip:{d.id}" in saved and chosen is None,
                judged=verdict if verdict in JUDGEMENTS and chosen else ""))
    return rows


def judge(store: LearnerStore, case_id: str, decision_id: str, verdict: str | None,
          course: str | Path | None = None) -> None:
    """Save how close a prediction came (None or "" clears the judgement).

    Raises
    ------
    InputError
        An unknown judgement, or a decision point where no prediction was made.
    """
    key = judgement_key(case_id, decision_id)
    if not verdict:
        store.delete(EXERCISE, key)
        return
    if verdict not in JUDGEMENTS:
        raise InputError(f"'{verdict}' is not a judgement. Fix: use one of "
                         f"{', '.join(JUDGEMENTS)}.")
    try:
        row = next(r for r in prediction_rows(store, course)
                   if (r.case_id, r.decision_id) == (case_id, decision_id))
    except (StopIteration, ContentError):
        raise InputError(f"'{case_id}' has no decision point '{decision_id}'. Fix: judge a "
                         f"prediction shown in the check-in.") from None
    if not row.predicted:
        raise InputError("There is no prediction of yours to judge here. Fix: make one in "
                         f"the case's notebook first ({row.case_title}).")
    store.save(EXERCISE, key, verdict)


def judgement_counts(rows: list[PredictionRow]) -> dict[str, int]:
    """How many predictions the learner judged each way, and how many are not judged yet."""
    counts = dict.fromkeys([*JUDGEMENTS, "not-judged"], 0)
    for row in rows:
        if row.predicted:
            counts[row.judged or "not-judged"] += 1
    return counts


__all__ = ["DIFFERENCES_KEY", "EXERCISE", "JUDGEMENTS", "PredictionRow", "judge",
           "judgement_counts", "judgement_key", "prediction_rows"]
