"""Action planning: vision, goal and skills gap, steps with if-then plans, networking plan.

The pure core of notebook 04 ("Plan your next step"): plain functions over the learner
store and plain dataclasses, no widgets. Every edit is one transaction, so the plan
survives a restart at any moment. The views in :mod:`coursekit.views.plan` call these.
"""

from __future__ import annotations

from .export import calendar_bytes, plan_markdown, write_calendar, write_plan_markdown
from .goal import (
    add_skill,
    list_skills,
    load_goal,
    remove_skill,
    save_goal,
    update_skill,
)
from .model import PATH_KINDS, PATH_LABELS, PATH_PROMPTS, RATINGS, format_if_then, parse_if_then
from .networking import add_networking, networking_suggestions, seed_networking
from .plan import load_plan, plan_counts
from .steps import (
    add_check_ins,
    add_step,
    get_step,
    list_steps,
    mark_done,
    redate_step,
    remove_step,
    set_first_step,
    set_if_then,
    update_step,
)
from .timeline import timeline_figure, timeline_key
from .vision import load_paths, save_path, vision_figure

__all__ = [
    "PATH_KINDS", "PATH_LABELS", "PATH_PROMPTS", "RATINGS", "add_check_ins", "add_networking",
    "add_skill", "add_step", "calendar_bytes", "format_if_then", "get_step", "list_skills",
    "list_steps", "load_goal", "load_paths", "load_plan", "mark_done", "networking_suggestions",
    "parse_if_then", "plan_counts", "plan_markdown", "redate_step", "remove_skill",
    "remove_step", "save_goal", "save_path", "seed_networking", "set_first_step",
    "set_if_then", "timeline_figure", "timeline_key",
    "update_skill", "update_step", "vision_figure", "write_calendar", "write_plan_markdown",
]
