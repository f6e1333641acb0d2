"""The networking plan: whom to reach, what for, by when (notebook 04).

Items are plan steps of kind ``networking`` (see :mod:`coursekit.exercises.steps`, whose
hand-in counts them); Ibarra's advice is to start small, with a couple of lunches.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_networking
>>> store = LearnerStore(":memory:")
>>> _ = add_networking(store, "a former classmate in another industry")
>>> NetworkingExercise().progress(store)
Progress(done=1, of=2)
"""

from __future__ import annotations

from ._base import Exercise, Progress, ReportPart


class NetworkingExercise(Exercise):
    """People to reach outside your usual circle, starting with two."""

    id = "plan:networking"
    title = "Your networking plan"

    def report(self, store, *, today) -> ReportPart:
        """Whom to reach, what for and by when."""
        from ..planning import load_plan

        return self._part("Networking plan", "networking", plan=load_plan(store))

    def progress(self, store) -> Progress:
        """People to reach, out of the first two (a couple of lunches)."""
        n = store.read("SELECT COUNT(*) FROM plan_steps WHERE kind = 'networking'")[0][0]
        return Progress(min(n, 2), 2)
