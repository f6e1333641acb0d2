"""The plan as plain data, and the checks that turn bad input into clear errors (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from .._errors import InputError
from .._limits import LINE, TEXT, check_length

#: The three Odyssey paths (Burnett and Evans), in the order they are shown.
PathKind = Literal["current", "disappeared", "unconstrained"]
PATH_KINDS: tuple[str, ...] = get_args(PathKind)

#: What each path asks the learner to imagine.
PATH_PROMPTS: dict[str, str] = {
    "current": "Your current path: where it leads in five years if you keep going.",
    "disappeared": "If that path disappeared tomorrow: what would you do instead?",
    "unconstrained": "If money and image were no object: the life you would build.",
}

#: Short labels of the paths for charts and tables.
PATH_LABELS: dict[str, str] = {
    "current": "Current path",
    "disappeared": "If it disappeared",
    "unconstrained": "Money and image no object",
}

#: The four ratings of a path, each 1 (low) to 5 (high), and what each asks.
RATINGS: dict[str, str] = {
    "resources": "Do you have the resources (time, money, skills, contacts) it needs?",
    "liking": "How much do you like this path?",
    "confidence": "How confident are you that you could make it work?",
    "coherence": "How well does it fit who you are and what you value?",
}

#: Kinds of plan item, and how each is named.
StepKind = Literal["step", "check-in", "networking"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)
KIND_LABELS: dict[str, str] = {"step": "Step", "check-in": "Check-in", "networking": "Networking"}

#: Length limits (see :mod:`coursekit._limits`): one line, and free text.
MAX_TITLE = LINE
MAX_TEXT = TEXT

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- checks --------------------------------------------------------------------------------


def parse_date(value: object, what: str = "date") -> date | None:
    """A date from a ``date``, a ``datetime`` or ``YYYY-MM-DD`` text; ``None``/"" stay None.

    Raises
    ------
    InputError
        The text is not a real date in the form ``YYYY-MM-DD``.

    Examples
    --------
    >>> parse_date("2025-03-07")
    datetime.date(2025, 3, 7)
    >>> parse_date("07/03/2025", "due date")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: The due date '07/03/2025' is not in the form YYYY-MM-DD. ...
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"The {what} {value!r} is not a date. "
                         f"Fix: write it as year-month-day, e.g. 2025-03-07.")
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise InputError(f"The {what} '{text}' is not in the form YYYY-MM-DD. "
                         f"Fix: write it as year-month-day, e.g. 2025-03-07.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"The {what} '{text}' is not a real day of the calendar. "
                         f"Fix: check the month (01-12) and the day of that month.") from None


def iso_date(value: object, what: str) -> str | None:
    """A date as the store keeps it, ``YYYY-MM-DD`` text or None (see :func:`parse_date`)."""
    day = parse_date(value, what)
    return day.isoformat() if day else None


def check_rating(value: object, name: str) -> int | None:
    """A rating 1-5 (or None, not rated yet).

    Examples
    --------
    >>> check_rating(4, "liking")
    4
    >>> check_rating(7, "liking")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: The liking rating 7 is out of range. Fix: rate from 1 ...
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"The {name} rating {value!r} is not a number. "
                         f"Fix: rate from 1 (low) to 5 (high).")
    if value != int(value) or not 1 <= value <= 5:
        raise InputError(f"The {name} rating {value} is out of range. "
                         f"Fix: rate from 1 (low) to 5 (high).")
    return int(value)


def check_text(value: object, what: str, *, required: bool = False,
               limit: int = MAX_TEXT) -> str:
    """Learner text, stripped; a required text may not be empty; very long text is refused.

    Examples
    --------
    >>> check_text("  Ask for a project  ", "step title", required=True)
    'Ask for a project'
    >>> check_text("   ", "step title", required=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: The step title is empty. Fix: write a few words, ...
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"The {what} should be text, not {type(value).__name__}. "
                         f"Fix: write it as words.")
    text = value.strip()
    if required and not text:
        raise InputError(f"The {what} is empty. "
                         f"Fix: write a few words, e.g. 'Ask my manager for a cross-unit project'.")
    return check_length(text, what, limit)


def check_choice(value: object, choices: tuple[str, ...], what: str) -> str:
    """One of ``choices`` (a plan item kind, a path), else an error saying it is not ``what``."""
    if value not in choices:
        raise InputError(f"'{value}' is not {what}. Fix: use one of {', '.join(choices)}.")
    return str(value)


# -- if-then plans -------------------------------------------------------------------------

_IF_THEN = re.compile(r"^\s*if\s+(?P<obstacle>.+?)\s*,?\s+then\s+(?:i\s+will\s+|i'll\s+)?"
                      r"(?P<response>.+?)\s*[.!]?\s*$", re.IGNORECASE | re.DOTALL)


def _clean_obstacle(text: str) -> str:
    text = text.strip().rstrip(",.;:").strip()
    return re.sub(r"^if\s+", "", text, flags=re.IGNORECASE)


def _clean_response(text: str) -> str:
    text = text.strip().rstrip(".!;").strip()
    return re.sub(r"^(then\s+)?(i\s+will|i'll)\s+", "", text, flags=re.IGNORECASE)


def format_if_then(obstacle: str, response: str) -> str:
    """The if-then plan in its explicit form, ``If <obstacle>, then I will <response>.``.

    Explicit if-then wording is what makes implementation intentions work (Gollwitzer and
    Sheeran 2006). Words the learner already typed ("if", "then I will") are not doubled.
    Returns "" when either part is missing.

    Examples
    --------
    >>> format_if_then("my manager says no", "then I will ask HR about other units.")
    'If my manager says no, then I will ask HR about other units.'
    >>> format_if_then("If I feel too busy,", "block Friday 8-9")
    'If I feel too busy, then I will block Friday 8-9.'
    """
    obstacle = _clean_obstacle(obstacle or "")
    response = _clean_response(response or "")
    if not obstacle or not response:
        return ""
    return f"If {obstacle}, then I will {response}."


def parse_if_then(text: str) -> tuple[str, str]:
    """Split an if-then sentence into (obstacle, response).

    Raises
    ------
    InputError
        The sentence is not of the form "If ..., then I will ...".

    Examples
    --------
    >>> parse_if_then("If the lunch is cancelled, then I will rebook it within a week.")
    ('the lunch is cancelled', 'rebook it within a week')
    >>> parse_if_then("I will try harder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: 'I will try harder' is not an if-then plan. Fix: ...
    """
    match = _IF_THEN.match(text or "")
    if not match:
        raise InputError(f"'{text}' is not an if-then plan. "
                         f"Fix: write it as 'If <obstacle>, then I will <response>.'")
    return _clean_obstacle(match["obstacle"]), _clean_response(match["response"])


# -- the plan's parts ------------------------------------------------------------------------


@dataclass(frozen=True)
class VisionPath:
    """One of three five-year paths, with its four 1-5 ratings (None: not rated yet)."""

    kind: str
    title: str = ""
    description: str = ""
    questions: str = ""
    resources: int | None = None
    liking: int | None = None
    confidence: int | None = None
    coherence: int | None = None

    @property
    def label(self) -> str:
        """The path's short label (e.g. "Current path")."""
        return PATH_LABELS[self.kind]

    @property
    def ratings(self) -> dict[str, int | None]:
        """The four ratings by name."""
        return {name: getattr(self, name) for name in RATINGS}

    @property
    def is_empty(self) -> bool:
        """True when nothing has been written or rated."""
        return not (self.title or self.description or self.questions
                    or any(v is not None for v in self.ratings.values()))


@dataclass(frozen=True)
class Goal:
    """The goal (the wish), its best outcome, an optional target date, and its kind."""

    goal: str = ""
    outcome: str = ""
    target_date: date | None = None
    kind: str | None = None  #: a key of :data:`GOAL_KINDS`, or None (not chosen)


#: The kinds of goal, in words: a result to reach, or something to find out or learn first.
GOAL_KINDS = {"result": "A result to reach", "learning": "Something to learn first"}


@dataclass(frozen=True)
class Skill:
    """One row of the skills-gap matrix."""

    id: int
    skill: str
    evidence: str = ""
    builder: str = ""

    @property
    def status(self) -> str:
        """``"have"`` (evidence given), ``"building"`` (a way to build it) or ``"gap"``."""
        if self.evidence.strip():
            return "have"
        return "building" if self.builder.strip() else "gap"


@dataclass(frozen=True)
class Step:
    """A step, check-in or networking item of the plan."""

    id: int
    title: str
    kind: str = "step"
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    if_obstacle: str = ""
    then_response: str = ""
    who: str = ""
    why: str = ""
    notes: str = ""
    is_first: bool = False
    uid: str = ""

    @property
    def if_then(self) -> str:
        """The if-then plan as a sentence, or "" when there is none."""
        return format_if_then(self.if_obstacle, self.then_response)


def by_date(steps: Iterable[Step]) -> list[tuple[date, Step]]:
    """The items that have a date, each with its date, by date then id (undated left out)."""
    return sorted(((s.due, s) for s in steps if s.due is not None),
                  key=lambda pair: (pair[0], pair[1].id))


@dataclass(frozen=True)
class Plan:
    """The whole plan of one learner, as read from the store."""

    paths: tuple[VisionPath, ...] = ()
    goal: Goal = Goal()
    skills: tuple[Skill, ...] = ()
    steps: tuple[Step, ...] = ()

    def of_kind(self, kind: str) -> list[Step]:
        """The items of one kind, in plan order."""
        return [s for s in self.steps if s.kind == kind]

    @property
    def first_step(self) -> Step | None:
        """The one first step, if chosen."""
        return next((s for s in self.steps if s.is_first), None)

    @property
    def is_empty(self) -> bool:
        """True when the learner has not started the plan."""
        return (all(p.is_empty for p in self.paths) and not self.goal.goal
                and not self.skills and not self.steps)
