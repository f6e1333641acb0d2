"""The check-in (notebook 07): predictions, steps, network and scores since; the next step.

Its own store entries are under ``check-in`` (how close each prediction came, two private
reflections, which step is the next one); the rest it reads from the other exercises, and
from the two tables it adds (migration ``0008_check_in.sql``): the first complete network
map and the history of the plan's steps. The hand-in keeps counts, and the out-sight
indicators of the first map and now: never a name or a word the learner wrote.

Examples
--------
>>> from datetime import date
>>> from coursekit.store import LearnerStore
>>> from coursekit.checkin import add_next_step, record_check_in
>>> store = LearnerStore(":memory:")
>>> ex = CheckInExercise()
>>> ex.progress(store), ex.handin(store) is None
(Progress(done=0, of=4), True)
>>> _ = record_check_in(store)
>>> _ = add_next_step(store, "Call Dana", due=date.today(), if_obstacle="she is out",
...                   then_response="leave a message")
>>> ex.progress(store)
Progress(done=2, of=4)
>>> section = ex.handin(store)
>>> section["check_ins_done"], section["next_step"], section["steps_open"]
(1, 1, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ._base import Exercise, Panel, Progress, ReportPart
from ._sections import Count, Ident, Number, Section


class CheckInSection(Section):
    """The check-in's hand-in section: counts and indicators, no names, no words."""

    predictions: dict[Ident, Count] = {}
    steps_done: Count = 0
    steps_open: Count = 0
    steps_moved: Count = 0
    moves: Count = 0
    check_ins_done: Count = 0
    network: dict[Ident, Count] = {}
    outsight: dict[Ident, dict[Ident, Number | None]] = {}
    next_step: Count = 0


#: The words for each count of the section.
WORDS = {"steps_done": "steps done", "steps_open": "steps still open",
         "steps_moved": "steps moved to another date", "moves": "moves in all",
         "check_ins_done": "check-ins held", "next_step": "next step added (1 yes, 0 no)",
         "added": "people added since the first map", "removed": "people gone",
         "closer": "people now closer", "further": "people now further",
         "circles_joined": "circles joined", "circles_left": "circles left",
         "ties_made": "new ties among contacts", "ties_lost": "ties among contacts gone",
         "as-predicted": "as predicted", "partly": "partly", "not": "not as predicted",
         "not-judged": "not judged"}


class CheckInExercise(Exercise):
    """Predictions against what happened, steps re-dated, the network since, the next step."""

    id = "check-in"
    title = "Check-in: looking back, and the next step"
    tables = {
        "network_snapshots": ("kept map (your first complete network map)",
                              "kept maps (your first complete network map)"),
        "plan_step_history": ("change of a step's date or done mark",
                              "changes of steps' dates and done marks"),
    }
    privacy = ("How you judged your predictions, how many steps you did, moved or kept open, "
               "how many people and ties your map gained or lost, the out-sight readings of "
               "your first map and now, and whether you set a next step. Never a name, a "
               "step's words or what you wrote.")
    handin_model = CheckInSection
    demo_section = "check_in"

    def progress(self, store) -> Progress:
        """Four parts: predictions compared, check-in held, a questionnaire retaken, next step."""
        from ..checkin import check_ins_done, judgement_counts, load_next_step, prediction_rows
        from ..checkin.predictions import DIFFERENCES_KEY, EXERCISE

        counts = judgement_counts(prediction_rows(store))
        judged = sum(counts.values()) > 0 and counts["not-judged"] == 0
        compared = judged or bool(store.load(EXERCISE, DIFFERENCES_KEY))
        retaken = bool(store.read(
            "SELECT 1 FROM assessment_attempts a WHERE EXISTS (SELECT 1 FROM "
            "assessment_responses r WHERE r.attempt_id = a.attempt_id) GROUP BY instrument "
            "HAVING COUNT(*) > 1"))
        step = load_next_step(store)
        parts = [compared, check_ins_done(store) > 0, retaken,
                 step is not None and step.due is not None and bool(step.if_then)]
        return Progress(sum(parts), len(parts))

    def demo(self, store, person) -> None:
        """The person's ``check_in:`` section (:mod:`coursekit.checkin.demo`), written last."""
        from .._content import display_path
        from ..checkin.demo import fill_check_in

        if person.data.get(self.demo_section) is not None:
            fill_check_in(store, person.data[self.demo_section], display_path(person.path))

    def entry_label(self, key: str) -> str:
        """What the check-in's private notes answer."""
        from ..checkin.demo import IN_THE_WAY_KEY
        from ..checkin.predictions import DIFFERENCES_KEY

        return {DIFFERENCES_KEY: "what you take from the differences between your "
                                 "predictions and what happened",
                IN_THE_WAY_KEY: "what got in the way of your steps"}.get(
            key, super().entry_label(key))

    def handin(self, store, **options: Any) -> dict[str, Any] | None:
        """Counts and indicators; None before anything of the check-in exists."""
        from ..checkin import check_ins_done, judgement_counts, load_next_step, prediction_rows
        from ..checkin.network import since_first_map
        from ..network.history import changes_section
        from ..planning import list_steps
        from ..planning.history import step_history, times_moved

        counts = judgement_counts(prediction_rows(store))
        steps = [s for s in list_steps(store) if s.kind in ("step", "networking")]
        history = step_history(store)
        check = since_first_map(store)
        section: dict[str, Any] = {
            "predictions": counts if any(counts[k] for k in counts if k != "not-judged")
            else {},
            "steps_done": sum(s.done for s in steps),
            "steps_open": sum(not s.done for s in steps),
            "steps_moved": sum(times_moved(history.get(s.id, [])) > 0 for s in steps),
            "moves": sum(times_moved(history.get(s.id, [])) for s in steps),
            "check_ins_done": check_ins_done(store),
            "next_step": int(load_next_step(store) is not None)}
        if check is not None:
            numbers = changes_section(check.changes)
            section.update(network=numbers["changes"], outsight=numbers["outsight"])
        started = (section["predictions"] or section["check_ins_done"] or section["next_step"]
                   or section["moves"])
        return section if started else None

    def describe_handin(self, section: Any) -> list[str]:
        """Every number of the section in words."""
        from ..network.outsight import INDICATOR_LABELS

        lines = []
        if section.get("predictions"):
            said = ", ".join(f"{WORDS.get(k, k)} {v}" for k, v in section["predictions"].items())
            lines.append(f"How your predictions came out, as you judged them: {said}")
        lines += [f"{WORDS[k].capitalize()}: {section.get(k, 0)}"
                  for k in ("steps_done", "steps_open", "steps_moved", "moves",
                            "check_ins_done", "next_step")]
        if section.get("network"):
            lines.append("Your map since your first map (counts only, no names): " + ", ".join(
                f"{WORDS.get(k, k)} {v}" for k, v in section["network"].items()))
        for key, pair in (section.get("outsight") or {}).items():
            before, after = (pair.get(x) for x in ("before", "after"))
            shown = [("not known" if v is None else f"{v:.2f}") for v in (before, after)]
            lines.append(f"Out-sight, {INDICATOR_LABELS.get(key, key).lower()}: first map "
                         f"{shown[0]}, now {shown[1]}")
        return lines

    def report(self, store, *, today) -> ReportPart | None:
        """Predictions beside outcomes, steps with their history, the network since, scores."""
        from ..checkin import (
            JUDGEMENTS,
            answered_questionnaires,
            attempt_pair,
            load_next_step,
        )
        from ..checkin import prediction_rows as rows
        from ..checkin.network import above_words, outsight_figure, since_first_map
        from ..checkin.retake import retake_figure
        from ..planning import list_steps
        from ..planning.history import history_words, step_history

        predictions = [r for r in rows(store) if r.predicted]
        if not (self.progress(store).started
                or any(r.judged in JUDGEMENTS for r in predictions)):
            return None  # before the check-in there is nothing to look back on
        history = step_history(store)
        steps = [(s, history_words(s, history.get(s.id, []))) for s in list_steps(store)
                 if s.kind in ("step", "networking")]
        check = since_first_map(store, today)
        retakes = [pair for qid, _title, n in answered_questionnaires(store) if n > 1
                   if (pair := attempt_pair(store, qid)) is not None]
        next_step = load_next_step(store)
        if not (predictions or check or retakes or next_step or any(history.values())):
            return None
        return self._part(
            "Check-in", "check_in", predictions=predictions, judgements=JUDGEMENTS,
            steps=steps, check=check,
            outsight_figure=outsight_figure(check.changes) if check else None,
            above=above_words(check.changes) if check else "",
            retake_figures=[retake_figure(p.instrument, p.before, p.after) for p in retakes],
            next_step=next_step)

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """The class's check-ins: steps and the map since (counts), out-sight before/after."""
        from ..checkin.network import SHARE_INDICATORS
        from ..classroom import dashboard as tables
        from ..classroom import figures
        from ..network.outsight import INDICATOR_LABELS

        keys = ("steps_done", "steps_moved", "check_ins_done")
        rows = [(who, WORDS[k], float(s.get(k, 0))) for who, s in sections.items() for k in keys]
        rows += [(who, WORDS[k], float(v)) for who, s in sections.items()
                 for k, v in (s.get("network") or {}).items() if k in ("added", "closer")]
        # The count of people two levels above is a count: a row of the table, not a share
        # drawn on the figure's 0-100 % axis.
        rows += [(who, f"{INDICATOR_LABELS['above']}: {when}", float(pair[attempt]))
                 for who, s in sections.items()
                 if (pair := (s.get("outsight") or {}).get("above"))
                 for attempt, when in (("before", "first map"), ("after", "now"))
                 if pair.get(attempt) is not None]
        counts = tables.describe(pd.DataFrame(rows, columns=["pseudonym", "count", "value"]),
                                 ["count"], "value")
        scores = pd.DataFrame(
            [(who, attempt, key, value) for who, s in sections.items()
             for key, pair in (s.get("outsight") or {}).items() if key in SHARE_INDICATORS
             for attempt, value in pair.items() if value is not None],
            columns=["pseudonym", "attempt", "scale", "score"])
        change = tables.before_after(scores).assign(
            label=lambda t: t["scale"].map(lambda k: INDICATOR_LABELS.get(k, k)))
        return [
            Panel("Check-ins: steps and networks since", "How many steps each learner did "
                  "and moved, and how their maps grew.", counts),
            Panel("Out-sight: first map and now", "Mean out-sight readings of learners with "
                  "a first map, then and at their check-in.", change,
                  figures.before_after_figure(change, "Out-sight", shares=True)),
        ]
