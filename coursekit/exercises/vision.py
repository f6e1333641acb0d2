"""Three five-year paths (Odyssey plans, Burnett and Evans 2016), each rated: notebook 04.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import save_path
>>> store = LearnerStore(":memory:")
>>> _ = save_path(store, "current", title="Head of logistics", liking=3)
>>> VisionExercise().progress(store)
Progress(done=1, of=3)
"""

from __future__ import annotations

from ._base import Exercise, Progress, ReportPart
from ._plan import plan_part


class VisionExercise(Exercise):
    """Three alternative five-year paths, rated for resources, liking, confidence, coherence."""

    id = "plan:vision"
    demo_section = "plan"
    title = "Three five-year paths"
    tables = {"plan_paths": ("five-year path", "five-year paths")}

    def progress(self, store) -> Progress:
        """Paths written (a title or a description), out of three."""
        written = store.read("SELECT COUNT(*) FROM plan_paths WHERE title != '' "
                             "OR description != ''")[0][0]
        return Progress(written, 3)

    def report(self, store, *, today) -> ReportPart:
        """The three paths as cards, with a chart of their ratings once any is rated."""
        from ..planning import load_paths, vision_figure
        from ..planning.model import PATH_PROMPTS, RATINGS, Plan

        paths = load_paths(store)
        rated = any(v is not None for p in paths for v in p.ratings.values())
        return self._part("Three five-year paths", "vision", plan=Plan(paths=paths),
                          prompts=PATH_PROMPTS, ratings=RATINGS,
                          vision_figure=vision_figure(paths) if rated else None)

    def demo(self, store, person) -> None:
        """The person's ``plan: paths:``."""
        from ..planning import save_path

        for kind, fields in (plan_part(person, "paths") or {}).items():
            save_path(store, kind, **fields)
