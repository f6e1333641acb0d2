"""The building blocks of a hand-in section: pydantic types for ids, numbers and counts.

Each exercise describes its section of the hand-in once, as a pydantic model built from
these (``handin_model``); the hand-in format (:mod:`coursekit.classroom.handin_format`)
validates every section with its exercise's model. Unknown fields are dropped, so a
hand-edited file cannot smuggle extra data into a class store. Validation is compiled
(pydantic-core), which keeps collecting thousands of hand-ins fast.

Examples
--------
>>> clean_section(NumbersSection, {"written": 3, "extra": {"names": ["Ann"]}}, "toy")
Traceback (most recent call last):
...
coursekit._errors.HandinError: toy.extra: should be a number
>>> clean_section(NumbersSection, {"written": 3}, "toy")
{'written': 3.0}
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    Strict,
    StringConstraints,
    ValidationError,
)

from .._errors import HandinError

#: A short id: letters, digits and ``- _ . :``.
Ident = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$")]
#: A finite number (a whole number is read as one); never true/false or text.
Number = Annotated[float, Strict(), AllowInfNan(False)]
#: A whole number of 0 or more.
Count = Annotated[int, Strict(), Field(ge=0)]


class Section(BaseModel):
    """Base of a section model: unknown fields are dropped, values never coerced from text."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)  # see _schema


class NumbersSection(RootModel[dict[Ident, Number | None]]):
    """The default section: named numbers (what an exercise without a model hands in)."""


#: The names pydantic gives the members of a union in an error's place: not part of the place.
_UNION_TAG = re.compile(r"^(float|int|str|bool|none|(dict|list|nullable|union)\[.*\]|"
                        r"constrained-.*|function-.*)$")

_MESSAGES = {
    "float_type": "should be a number", "finite_number": "should be a number",
    "int_type": "should be a whole number of 0 or more",
    "greater_than_equal": "should be a whole number of 0 or more",
    "string_type": "should be a short id (letters, digits, - _ . :)",
    "string_pattern_mismatch": "should be a short id (letters, digits, - _ . :)",
    "dict_type": "should be a mapping", "model_type": "should be a mapping",
    "model_attributes_type": "should be a mapping", "list_type": "should be a list",
    "missing": "is missing",
}


def finite_number(value: Any) -> float | None:
    """``value`` as a float for a hand-in, or None if it is not a finite number (nan, text)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def section_error(exc: ValidationError, where: str) -> HandinError:
    """The first problem pydantic found, as one short line with its place."""
    error = exc.errors(include_url=False)[0]
    place = ".".join([where, *(str(p) for p in error["loc"] if not _UNION_TAG.match(str(p)))])
    if place.endswith(".[key]"):
        place = place[: -len(".[key]")] + " (a name)"
    words = _MESSAGES.get(error["type"], error["msg"][:1].lower() + error["msg"][1:])
    return HandinError(f"{place}: {words}")


def clean_section(model: type[BaseModel], section: Any, where: str) -> Any:
    """Validate ``section`` with ``model`` and return plain data (dicts, lists, numbers).

    Raises
    ------
    HandinError
        The section does not fit the model; the message names the place.
    """
    try:
        return model.model_validate(section).model_dump(exclude_none=True)
    except ValidationError as exc:
        raise section_error(exc, where) from None
