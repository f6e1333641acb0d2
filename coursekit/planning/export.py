r"""Taking the plan away: a Markdown plan and an iCalendar file of the dated items.

The calendar file follows RFC 5545 through the ``icalendar`` library, which escapes commas,
semicolons and line breaks in the learner's text: each dated step, check-in and networking
item is an all-day event with a stable UID (re-importing updates the events rather than
doubling them), a DTSTAMP, a SUMMARY and a DESCRIPTION holding the if-then plan.

Examples
--------
>>> from datetime import date
>>> from coursekit.planning.model import Plan, Step
>>> plan = Plan(steps=(Step(1, "Lunch, then notes; done", due=date(2030, 5, 2), uid="a@x"),))
>>> b"SUMMARY:Lunch\\, then notes\\; done" in calendar_bytes(plan)
True
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from .._render import render
from ..store import LearnerStore
from .goal import STATUS_WORDS
from .model import KIND_LABELS, RATINGS, Plan, Step, by_date
from .plan import load_plan

PRODID = "-//coursekit//Career action plan//EN"


def plan_markdown(plan: Plan, *, heading_level: int = 1) -> str:
    r"""The plan as Markdown (template ``plan/plan.md.j2``).

    Vision, goal, skills gap, steps with if-then plans, networking and check-ins; all
    learner text goes through :func:`~coursekit._text.md_escape` (the template escapes
    every value).

    Examples
    --------
    >>> from coursekit.planning.model import Plan, Step
    >>> md = plan_markdown(Plan(steps=(Step(1, "Ask *Sam*", is_first=True),)))
    >>> "- [ ] no date yet: Ask \\*Sam\\* **(first step)**" in md
    True
    """
    return render("plan/plan.md.j2", plan=plan, heading_level=heading_level,
                  ratings=RATINGS, status_words=STATUS_WORDS)


def _description(step: Step) -> str:
    done_on = f" on {step.done_on.isoformat()}" if step.done_on else ""
    lines = [f"{KIND_LABELS[step.kind]} of my career action plan (coursekit).",
             "This is my first step." if step.is_first else "",
             f"Who: {step.who}" if step.who else "", f"Why: {step.why}" if step.why else "",
             step.if_then, step.notes, f"Done{done_on}." if step.done else ""]
    return "\n".join(line for line in lines if line)


def calendar_bytes(plan: Plan | list[Step], *, stamp: datetime | None = None) -> bytes:
    """The plan's ``.ics`` file: one all-day event per dated item (CRLF, folded lines, UTF-8).

    Parameters
    ----------
    plan : Plan or list of Step
    stamp : datetime, optional
        The DTSTAMP of every event (UTC); default now.
    """
    steps = plan.steps if isinstance(plan, Plan) else list(plan)
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    import icalendar  # on first use: 0.06 s to import, for the calendar file only

    cal = icalendar.Calendar()
    for name, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("method", "PUBLISH"), ("x-wr-calname", "My career action plan")):
        cal.add(name, value)
    for due, step in by_date(steps):
        event = icalendar.Event()
        event.add("uid", step.uid or f"coursekit-step-{step.id}@coursekit")
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", ("Done: " if step.done else "") + step.title)
        event.add("description", _description(step))
        event.add("categories", ["Career plan", KIND_LABELS[step.kind]])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _write_atomic(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def write_calendar(store_or_plan: LearnerStore | Plan, path: str | Path) -> Path:
    """Write the ``.ics`` file of the plan's dated items and return its path."""
    plan = load_plan(store_or_plan) if isinstance(store_or_plan, LearnerStore) else store_or_plan
    return _write_atomic(Path(path), calendar_bytes(plan))


def write_plan_markdown(store_or_plan: LearnerStore | Plan, path: str | Path) -> Path:
    """Write the plan as a Markdown file and return its path."""
    plan = load_plan(store_or_plan) if isinstance(store_or_plan, LearnerStore) else store_or_plan
    return _write_atomic(Path(path), plan_markdown(plan).encode("utf-8"))
