"""Content files described once, as pydantic models: the models are the validation.

Each kind of content (a case, an instrument, ``course.yaml``...) is a frozen
:class:`ContentModel`. Here are their field types in plain words, checks that name a precise
place (:func:`fail`, :func:`unique`, :func:`refers_to`...) and :func:`validate`, which turns
every error into a :class:`~coursekit.Problem` (:func:`coursekit._problems.translate`).

Examples
--------
>>> class Talk(ContentModel):
...     id: Annotated[Text, identifier()]
...     minutes: Whole
>>> for problem in problems_of(Talk, {"id": "My Talk", "minutes": 2.5, "room": 4}, "x.yaml")[1]:
...     print(f"{problem.file}: {problem.place}: {problem.problem}")
x.yaml: id: 'My Talk' is not a valid id
x.yaml: minutes: should be a whole number, not a number
x.yaml: room: is not a known field
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, NoReturn, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WrapValidator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, core_schema

from ._errors import ContentError, Problem
from ._problems import CONTENT, Places, suggest, translate
from ._text import slug

#: Ids (of cases, parts, decisions, options, prompts): lowercase letters, digits, hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")


class NotInFile:
    """Marks a field that coursekit fills in (a path, a case's parts): refused in a file."""

    not_in_file = True

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        def refuse(value: Any, info: ValidationInfo) -> Any:
            if info.context and "file" in info.context:
                fail("is filled in by coursekit, not written in the file", "remove it")
            return value

        return core_schema.with_info_before_validator_function(refuse, handler(source))


class ContentModel(BaseModel):
    """A part of a content file: frozen, refusing unknown fields; an empty optional one is unset."""

    # defer_build: a model's validator is built when it first validates, not on import (a
    # page reads a few kinds of content; building all of them cost every kernel 0.1 s)
    model_config = {"frozen": True, "extra": "forbid", "defer_build": True}

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        optional = {info.alias or name for name, info in cls.model_fields.items()
                    if not info.is_required()}
        return {k: v for k, v in data.items() if v is not None or k not in optional}


class ExerciseFile(ContentModel):
    """A content file learners answer as one exercise (a case, an instrument), read at ``path``."""

    #: The first part of its exercise id: ``case``, ``assessment``.
    exercise_kind: ClassVar[str]
    id: str
    path: Annotated[Path | None, NotInFile()] = None

    @property
    def exercise(self) -> str:
        """The store's exercise id, used by progress and hand-ins: ``<kind>:<id>``."""
        return f"{self.exercise_kind}:{self.id}"


def _number_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Text that must be given: stripped, not empty.
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
#: Text whose line breaks and runs of spaces are folded into single spaces.
Prose = Annotated[Text, AfterValidator(lambda text: " ".join(text.split()))]
#: An id that YAML may read as a number (``id: 7``): kept as text.
Key = Annotated[Text, BeforeValidator(_number_as_text)]
Whole = Annotated[int, Field(strict=True)]
#: A whole number above zero (minutes, answers needed).
Positive = Annotated[Whole, Field(gt=0)]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Flag = Annotated[bool, Field(strict=True)]
#: A date as YAML reads it (``2024-06-01``, unquoted).
Day = Annotated[dt.date, Field(strict=True)]


def _not_empty(entries: tuple, info: ValidationInfo) -> tuple:
    if not entries:
        fail("is empty", f"add at least one entry under {info.field_name or 'it'}")
    return entries


#: A list with at least one entry (``NonEmpty[Text]``).
NonEmpty = Annotated[tuple[T, ...], AfterValidator(_not_empty)]
TextList = NonEmpty[Text]


@dataclass(frozen=True)
class Note:
    """A problem found by a check, at ``at`` inside the value checked.

    ``(2, "id")`` is the id of its third entry; ``also`` is another location the problem
    concerns, shown as "(also at ...)".
    """

    problem: str
    fix: str
    at: tuple = ()
    also: tuple | None = None


def _error(notes: list[Note]) -> PydanticCustomError:
    return PydanticCustomError(CONTENT, "{summary}",
                               {"summary": notes[0].problem, "notes": tuple(notes)})


def fail(problem: str, fix: str, *at: str | int) -> NoReturn:
    """Stop a check with one problem, at ``at`` inside the value checked."""
    raise _error([Note(problem, fix, at)])


def report(notes: list[Note]) -> None:
    """Stop a check with every problem it found (nothing happens when there are none)."""
    if notes:
        raise _error(notes)


def always(check: Callable[[Any, ValidationInfo], list[Note]]) -> WrapValidator:
    """A check of the raw value that runs even when the value's own entries have problems.

    So that ids used twice are reported together with a broken entry, not after it is fixed.
    """
    def wrap(value: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        try:
            result, errors = handler(value), []
        except ValidationError as err:
            result, errors = None, err.errors()
        notes = check(value, info)
        if not errors and not notes:
            return result
        details = [_raised_again(e) for e in errors]
        if notes:
            details.append(InitErrorDetails(type=_error(notes), loc=(), input=value))
        raise ValidationError.from_exception_data("content", details)

    return WrapValidator(wrap)


def _raised_again(error: ErrorDetails) -> InitErrorDetails:
    """One error of the value's own entries, to raise again with the check's problems."""
    if error["type"] == CONTENT:
        return InitErrorDetails(type=_error(error["ctx"]["notes"]), loc=tuple(error["loc"]),
                                input=error["input"])
    detail = InitErrorDetails(type=error["type"], loc=tuple(error["loc"]), input=error["input"])
    if "ctx" in error:
        detail["ctx"] = error["ctx"]
    return detail


def unique(key: str | Callable[[Mapping], str | None], what: str) -> WrapValidator:
    """A list whose entries' ``key`` (a field name, or a function of the entry) differ."""
    def check(value: Any, info: ValidationInfo) -> list[Note]:
        notes: list[Note] = []
        seen: dict[str, int] = {}
        for i, entry in enumerate(value if isinstance(value, (list, tuple)) else ()):
            if not isinstance(entry, Mapping):
                continue
            name = key(entry) if callable(key) else _number_as_text(entry.get(key))
            at = (i,) if callable(key) else (i, key)
            if isinstance(name, str) and name and (first := seen.setdefault(name, i)) != i:
                notes.append(Note(f"{what} '{name}' is used twice", f"use each {what} only once",
                                  at, (first, *at[1:])))
        return notes

    return always(check)


def declare(info: ValidationInfo, names: str, data: Any, field: str, key: str = "id") -> None:
    """Record the ids a file declares in list ``field``, for :func:`refers_to` to check.

    From the raw entries, broken ones too: a reference to a broken entry is not reported.
    """
    entries = data.get(field) if isinstance(data, Mapping) else None
    if info.context is not None and isinstance(entries, list) and entries:
        info.context[names] = [str(e[key]) for e in entries
                               if isinstance(e, Mapping) and isinstance(e.get(key), (str, int))]


def refers_to(names: str, problem: str, fix: str) -> AfterValidator:
    """A value that must be one of the names the validation context holds under ``names``.

    ``problem`` may use ``{value}``, ``fix`` ``{known}`` (the names) and ``{hint}`` (a "did you
    mean"). Without names to compare with (a model built outside a file) nothing is checked.
    """
    def check(value: Any, info: ValidationInfo) -> Any:
        known = (info.context or {}).get(names)
        if known is not None and value not in known:
            choices = sorted(set(map(str, known)))
            fail(problem.format(value=value),
                 fix.format(known=", ".join(choices), hint=suggest(str(value), choices)))
        return value

    return AfterValidator(check)


def identifier(pattern: re.Pattern = ID_PATTERN) -> AfterValidator:
    """An id matching ``pattern`` (default: lowercase letters, digits, hyphens)."""
    def check(value: str, info: ValidationInfo) -> str:
        if not pattern.match(value):
            fail(f"'{value}' is not a valid id", "use lowercase letters, digits and hyphens, "
                 f"e.g. {info.field_name or 'id'}: {slug(value) or 'x'}")
        return value

    return AfterValidator(check)


def between(low: int, high: int, fix: str) -> AfterValidator:
    """A number from ``low`` to ``high``; ``fix`` says what the numbers mean."""
    def check(value: int) -> int:
        if not low <= value <= high:
            fail(f"is {value}, not a whole number from {low} to {high}", fix)
        return value

    return AfterValidator(check)


def _same_as_file_name(value: str, info: ValidationInfo) -> str:
    context = info.context or {}
    stem = context.get("stem")
    if stem and value != stem:
        fail(f"'{value}' differs from the file name '{stem}'",
             f"rename the file to {value}{context.get('suffix', '')} or set id: {stem}")
    return value


#: A file's id, which must equal its file name (context ``stem`` and ``suffix``).
same_as_file_name = AfterValidator(_same_as_file_name)


_adapter = cache(TypeAdapter)  # one adapter per schema, built once


def problems_of(schema: Any, data: Any, file: str, *, places: Places | None = None,
                context: Mapping[str, Any] | None = None) -> tuple[Any, list[Problem]]:
    """Validate ``data`` read from ``file``: the value, or None and every problem.

    ``context`` holds what the checks compare with (the parts of a case...).
    """
    try:
        value = _adapter(schema).validate_python(data, context={"file": file, **(context or {})})
    except ValidationError as err:
        return None, translate(err, file, schema, data, places)
    return value, []


def validate(schema: Any, data: Any, file: str, *, places: Places | None = None,
             context: Mapping[str, Any] | None = None) -> Any:
    """Validate ``data`` read from ``file``; raise one ContentError listing every problem."""
    value, problems = problems_of(schema, data, file, places=places, context=context)
    if problems:
        raise ContentError(problems)
    return value
