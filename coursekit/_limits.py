"""How long a learner's text may be: one limit per kind of field, used everywhere.

The same two numbers apply in the widget (which shows the refusal beside the control), in
the store (which refuses to save more) and in the hand-in (which refuses to read more), so a
text that was saved can always be handed in.

==========  ======  =========================================================================
kind        limit   fields
==========  ======  =========================================================================
``LINE``    200     one line: a contact's name, organisation, sector, function and role; a
                    circle's name; a step's title; a skill; a path's title; whom to reach
``TEXT``    10,000  free text: reflections, notes, descriptions, a goal and its outcome,
                    evidence, if-then plans, reasons (about 1,500 words)
==========  ======  =========================================================================

Examples
--------
>>> check_length("Ask for the Lisbon project", "step title", LINE)
'Ask for the Lisbon project'
>>> check_length("x" * 201, "step title", LINE)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
coursekit._errors.InputError: The step title is 201 characters long. Fix: shorten it to ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._errors import InputError

#: A one-line field: a name, a title, a label.
LINE = 200
#: A free-text field: a reflection, notes, a description.
TEXT = 10_000


def check_length(text: str, what: str, limit: int = TEXT) -> str:
    """Return ``text`` unchanged, or raise :class:`InputError` when it is over ``limit``."""
    if len(text) > limit:
        raise InputError(f"The {what} is {len(text):,} characters long. Fix: shorten it to "
                         f"at most {limit:,} characters.")
    return text


def check_texts(value: Any, what: str, limit: int = TEXT) -> None:
    """Refuse a value (text, or lists and mappings holding text) with a text over ``limit``.

    Examples
    --------
    >>> check_texts({"paths": ["short", "x" * 10_001]}, "answer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: The answer is 10,001 characters long. Fix: shorten it ...
    """
    if isinstance(value, str):
        check_length(value, what, limit)
    elif isinstance(value, Mapping):
        for item in value.values():
            check_texts(item, what, limit)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_texts(item, what, limit)
