"""The networking plan: whom to reach, why, by when, ticked off when done.

From Ibarra's advice in the second case ("out-sight"): ties beyond your own group, sector
and industry; people two levels above, often in another unit; kindred spirits who made a
move like yours; someone who can tell you your market value. Start small: a lunch or two
with old colleagues or classmates. A networking item names a *role or a
description* ("someone two levels above in another unit"), so the plan needs no names; the
learner may write a name if they like, and it stays in their own store and report.

Examples
--------
>>> for s in networking_suggestions({"outside_share": 0.6, "above_two_share": 0.0})[:2]:
...     print(s.who)
a former colleague or schoolmate who now works in another sector
someone at least two levels above you, in another unit
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..store import LearnerStore
from .model import MAX_TITLE, Step, check_text, parse_date
from .steps import add_step, add_steps, step_fields


@dataclass(frozen=True)
class Suggestion:
    """Someone worth reaching, described by role, with the reason drawn from the audit."""

    who: str
    why: str
    title: str


_LUNCH_1 = Suggestion("a former colleague or schoolmate who now works in another sector",
                      "Start small: a lunch to hear how their sector sees the trends in yours.",
                      "Lunch with a former colleague or schoolmate in another sector")
_LUNCH_2 = Suggestion("someone outside your organisation who made a move like the one you want",
                      "A kindred spirit: how they made the move, and what they would do "
                      "differently.", "Lunch with someone who made the move you want")
_ABOVE = Suggestion("someone at least two levels above you, in another unit",
                    "See what matters to those who decide on moves, beyond your own delivery.",
                    "Coffee with someone two levels above, in another unit")
_INITIATIVE = Suggestion("the lead of a key initiative outside your own team",
                         "Contribute to visible work that gives reasons to meet senior people.",
                         "Offer help on a key initiative outside your team")
_MARKET = Suggestion("a recruiter or someone who hires for the role you want",
                     "Find out your market value and what the role asks for.",
                     "Conversation with a recruiter or hiring manager about my market value")
_STRATEGIC = Suggestion("someone outside your industry who sees where it is heading",
                        "Strategic ties: perspective on the trends shaping your field.",
                        "Meet someone outside my industry about where it is heading")


def networking_suggestions(measures: Mapping[str, Any] | None = None) -> list[Suggestion]:
    """Whom to reach first, in order, given what the network audit found.

    Parameters
    ----------
    measures : mapping, optional
        What is known about the learner's network; every key is optional:
        ``contacts`` (how many), ``outside_share`` (0-1, contacts outside the
        organisation), ``above_two_share`` (0-1, contacts two or more levels above),
        ``strategic_share`` (0-1, contacts of the strategic type), ``constraint``
        (Burt's constraint). Without measures the general advice of the case is given.

    Returns
    -------
    list of Suggestion
        Always starting with a couple of lunches; the rest ordered by what the network
        lacks most.
    """
    measures = measures or {}
    gaps = [(measures.get("outside_share"), _LUNCH_2), (measures.get("above_two_share"), _ABOVE),
            (measures.get("strategic_share"), _STRATEGIC)]
    # the smaller the share, the bigger the gap; unknown shares sit in the middle
    gaps.sort(key=lambda gap: 0.5 if gap[0] is None else gap[0])
    ordered = [_LUNCH_1, *(suggestion for _, suggestion in gaps), _MARKET]
    constraint = measures.get("constraint")
    ordered.insert(2 if constraint is not None and constraint >= 0.5 else 4, _INITIATIVE)
    return ordered


def add_networking(store: LearnerStore, who: str, *, why: str = "", due: Any = None,
                   title: str | None = None) -> Step:
    """Add someone to reach: a role or description (``who``), what for, and by when.

    Raises
    ------
    InputError
        ``who`` is empty, or the date is not in the form YYYY-MM-DD.
    """
    who = check_text(who, "person to reach (who)", required=True, limit=MAX_TITLE)
    return add_step(store, title or f"Reach {who}", due=due, kind="networking", who=who,
                    why=why)


def seed_networking(store: LearnerStore, measures: Mapping[str, Any] | None = None, *,
                    start: Any = None, how_many: int = 3, every_days: int = 14) -> list[Step]:
    """Start the networking plan from the audit: the first ``how_many`` suggestions.

    Items are dated ``every_days`` apart from ``start`` (default today), the two lunches
    first. Suggestions already in the plan (same ``who``) are not added again.
    """
    first = parse_date(start, "start date") or date.today()
    items = [step_fields(suggestion.title, kind="networking", who=suggestion.who,
                         why=suggestion.why, due=first + timedelta(days=every_days * i))
             for i, suggestion in enumerate(networking_suggestions(measures)[:how_many],
                                            start=1)]
    return add_steps(store, items, unless_same=("kind", "who"))
