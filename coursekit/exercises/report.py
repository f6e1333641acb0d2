"""The personal report as an exercise: made once is done (notebook 05).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> ReportExercise().progress(store)
Progress(done=0, of=1)
"""

from __future__ import annotations

from ._base import Exercise, ReportPart


class ReportExercise(Exercise):
    """Choose what goes in, and make the report, the plan and the calendar file."""

    id = "report"
    title = "Your personal report"

    def report(self, store, *, today) -> ReportPart:
        """The timeline of every dated item of the plan, ending the report."""
        from ..planning import load_plan, timeline_figure, timeline_key
        from ..planning.model import KIND_LABELS

        plan = load_plan(store)
        return self._part("Timeline", "timeline", anchor="timeline",
                          timeline_figure=timeline_figure(plan, today=today),
                          timeline_key=timeline_key(plan), timeline_kinds=KIND_LABELS)
