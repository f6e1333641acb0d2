"""The one translator: pydantic's validation errors in the course's words.

Every content file is described by a pydantic model (see :mod:`coursekit._schema`, whose
example shows the result); :func:`translate` turns each of pydantic's errors into a
:class:`~coursekit.Problem`: the place as an author reads it (``decisions[0]: after``), what
is wrong in plain words (``should be text, not a number``) and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ._errors import Problem

#: The error type of problems raised by the course's own validators (see ``_schema.Note``).
CONTENT = "content"

# What each kind of value is called, and an example of it, for "should be ..." and fixes.
_WORDS = {
    "text": ("text", "..."), "whole": ("a whole number", "3"), "number": ("a number", "2.5"),
    "flag": ("true or false", "true"), "date": ("a date", "2024-06-01"),
    "list": ("a list", "[a, b] or one '- item' per line"),
    "mapping": ("a mapping (a set of fields)", "nested 'name: value' lines")}
# How an entry of a list of each kind is written.
_ENTRY = {"text": "'- text' (quote text holding ': ')",
          "mapping": "indented 'name: value' lines after '- '"}
# What a YAML value is called, by its type (bool before int: True is an int too).
_NAMES = ((type(None), "empty"), (bool, "true/false"), ((int, float), "a number"), (str, "text"),
          ((list, tuple), "a list"), (Mapping, "a mapping"), (dt.date, "a date"))
# Pydantic's error types, by the kind of value that was wanted.
_WANTED = {
    "string_type": "text", "int_type": "whole", "int_parsing": "whole", "int_from_float": "whole",
    "float_type": "number", "float_parsing": "number", "bool_type": "flag", "bool_parsing": "flag",
    "date_type": "date", "date_parsing": "date", "tuple_type": "list", "list_type": "list",
    "iterable_type": "list", "model_type": "mapping", "dict_type": "mapping",
    "model_attributes_type": "mapping"}


@dataclass(frozen=True)
class Places:
    """How one kind of file names its places.

    ``top`` names top-level fields (``front matter: title``); ``nest`` joins a field to the
    one inside it (``"."``: ``decisions[0].options[1]: id``; ``": "``: ``scales[0]: bands``);
    ``prefix`` is where the data sits in its file (``("plan",)``); ``named`` names list
    entries by their id (``items[4] (id b1)``) and ``listed`` lists of ids by their value
    (``reverse_keyed: a9``); ``lines`` gives the line of entries placed by line (a case's
    parts), by location.

    >>> Places(top="front matter", nest=".").place(("decisions", 0, "options", 1, "id"))
    'decisions[0].options[1]: id'
    >>> Places(named=True).place(("items", 1, "scale"), {"items": [{}, {"id": "cd02"}]})
    'items[1] (id cd02): scale'
    """

    top: str = ""
    nest: str = ": "
    prefix: tuple = ()
    named: bool = False
    listed: tuple[str, ...] = ()
    lines: Mapping[tuple, int] = field(default_factory=dict)

    def place(self, loc: tuple, data: Any = None) -> str:
        """The place of a location ``loc`` inside ``data``, as an author reads it."""
        loc = tuple(seg for seg in loc if seg != "[key]")  # a bad key is placed at the key
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return f"line {self.lines[loc[:end]]}"
        parts, attached, node = [str(seg) for seg in self.prefix], False, data
        for n, seg in enumerate(loc):
            by_value = n > 0 and loc[n - 1] in self.listed
            node, label, attached = _enter(node, seg, named=self.named, by_value=by_value)
            if attached and parts:
                parts[-1] += label
            else:
                parts.append(label)
        if not parts:
            return self.top
        if attached:
            return self.nest.join(parts)
        if len(parts) == 1:
            return f"{self.top}: {parts[0]}" if self.top else parts[0]
        return f"{self.nest.join(parts[:-1])}: {parts[-1]}"


def _enter(node: Any, seg: str | int, *, named: bool, by_value: bool) -> tuple[Any, str, bool]:
    """Step into ``node`` at ``seg``: the inner node, its label and whether it is an entry."""
    if isinstance(node, Mapping):
        if seg not in node and str(seg) in node:
            seg = str(seg)  # a key quoted in YAML ("3": ...) that the model reads as a number
        elif seg not in node and isinstance(seg, int) and 0 <= seg < len(node):
            seg = list(node)[seg]  # an entry of a mapping that the model reads as a list
        return node.get(seg), str(seg), False
    if not isinstance(seg, int):
        return None, str(seg), False
    entry = node[seg] if isinstance(node, list) and 0 <= seg < len(node) else None
    if named and isinstance(entry, Mapping) and isinstance(entry.get("id"), (str, int)):
        return entry, f"[{seg}] (id {entry['id']})", True
    if by_value and isinstance(entry, (str, int)) and not isinstance(entry, bool):
        return entry, str(entry), False
    return entry, f"[{seg}]", True


def translate(error: ValidationError, file: str, schema: Any, data: Any = None,
              places: Places | None = None) -> list[Problem]:
    """Every error of a pydantic ``ValidationError`` as a :class:`Problem` of ``file``.

    ``schema`` (validated against) names the known fields and the kind of a missing value;
    ``data``, as read from the file, names entries (``items[4] (id b1)``).
    """
    places = places or Places()
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] != CONTENT:
            problems.append(Problem(file, places.place(loc, data), *_words(err, loc, schema)))
            continue
        for note in err["ctx"]["notes"]:
            also = "" if note.also is None else f" (also at {places.place(loc + note.also, data)})"
            problems.append(Problem(file, places.place(loc + note.at, data), note.problem + also,
                                    note.fix))
    return problems


def _words(err: ErrorDetails, loc: tuple, schema: Any) -> tuple[str, str]:
    """What is wrong and how to fix it, for one of pydantic's own errors."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    keys = [seg for seg in loc if isinstance(seg, str) and seg != "[key]"]
    key = keys[-1] if keys else "it"
    entry = bool(loc) and isinstance(loc[-1], int)
    if kind in ("extra_forbidden", "invalid_key"):
        return unknown_field(loc[-1], value, known_fields(_type_at(schema, loc[:-1])))
    if kind == "missing" or (kind in _WANTED and value is None):
        if entry:
            return "is empty", "write the entry, or remove its line"
        example = _WORDS.get(_kind(_type_at(schema, loc)), ("", "..."))[1]
        meaning = _description(schema, loc)
        return "is missing", f"add '{key}: {example}'" + (f": {meaning}" if meaning else "")
    if kind in _WANTED:
        word, example = _WORDS[_WANTED[kind]]
        problem = f"should be {word}, not {describe(value)}"
        if entry:
            form = _ENTRY.get(_WANTED[kind], f"'- {example}'")
            return problem, f"write each entry of {key} as {form}"
        if not keys:
            return problem, "write it as YAML fields, one 'name: value' per line"
        return problem, f"write {key} as {word}, e.g. {key}: {example}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return (f"'{value}' is not one of the allowed values",
                f"use one of: {', '.join(choices)}{suggest(str(value), choices)}")
    if kind in ("string_too_short", "too_short"):
        return "is empty", (f"fill in {key}" if isinstance(value, str)
                            else f"add at least one entry under {key}")
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return (f"is {len(value):,} characters long",
                f"shorten it to at most {ctx['max_length']:,} characters")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()))
        if kind == "greater_than" and bound == 0:
            return f"is {value}, not a positive number", f"write a number above 0 for {key}"
        limit = {"greater_than": f"a value above {bound}", "greater_than_equal": f"{bound} or more",
                 "less_than": f"a value below {bound}", "less_than_equal": f"{bound} or less"}
        return f"is {value}, out of range", f"use {limit[kind]}"
    if kind in ("value_error", "assertion_error"):
        text = str(ctx.get("error", err["msg"]))
        problem, _, fix = text.partition(". Fix: ")
        return problem, fix.rstrip(".") or "correct the value"
    return err["msg"], "correct the value"


def unknown_field(key: Any, value: Any, known: Iterable[str]) -> tuple[str, str]:
    """Problem and fix for a field the format does not know (usually a typo).

    YAML splits an unquoted text with a comma inside ``{ }`` into a stray, value-less field.
    """
    if value is None and isinstance(key, str) and not re.fullmatch(r"[A-Za-z_]+", key):
        return ("looks like the end of a text cut off at a comma",
                "put the whole text in double quotes, or write one field per line")
    close = closest(str(key), known)
    return "is not a known field", (f"remove it, or did you mean '{close}'?" if close
                                    else "remove it")


def known_fields(model: Any) -> list[str]:
    """The fields an author may write in a model (its aliases), in the model's order."""
    model = _bare(model)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    return [info.alias or name for name, info in model.model_fields.items()
            if not any(getattr(m, "not_in_file", False) for m in info.metadata)]


def _type_at(schema: Any, loc: tuple) -> Any:
    """The type that validates location ``loc`` of ``schema`` (None when unknown)."""
    tp = schema
    for n, seg in enumerate(loc):
        tp = _bare(tp)
        if seg == "[key]":
            continue
        if get_origin(tp) is dict and loc[n + 1:n + 2] == ("[key]",):
            tp = get_args(tp)[0]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            info = next((i for n, i in tp.model_fields.items() if (i.alias or n) == seg), None)
            tp = info.annotation if info else None
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        elif get_origin(tp) in (tuple, list) and isinstance(seg, int):
            args = [a for a in get_args(tp) if a is not Ellipsis]
            tp = args[min(seg, len(args) - 1)] if args else None
        else:
            return None
    return tp


def _description(schema: Any, loc: tuple) -> str:
    """What the field at ``loc`` is for, when its model says so (``Field(description=...)``)."""
    if not loc or not isinstance(loc[-1], str):
        return ""
    model = _bare(_type_at(schema, loc[:-1]))
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    info = next((i for n, i in model.model_fields.items() if (i.alias or n) == loc[-1]), None)
    return info.description or "" if info else ""


def _bare(tp: Any) -> Any:
    """A type without ``Annotated`` metadata and without ``| None``."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            tp = next((a for a in get_args(tp) if a is not type(None)), None)
        else:
            return tp


def _kind(tp: Any) -> str:
    """The kind of value a type wants: text, whole, number, flag, date, list or mapping."""
    origin = get_origin(_bare(tp)) or _bare(tp)
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return "mapping"
    return {bool: "flag", int: "whole", float: "number", str: "text", Literal: "text",
            dt.date: "date", tuple: "list", list: "list", dict: "mapping"}.get(origin, "any")


def describe(value: Any) -> str:
    """A plain-word name for the type of a YAML value (``a number``, ``true/false``...)."""
    return next((name for kind, name in _NAMES if isinstance(value, kind)), type(value).__name__)


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word most like ``word``, or None when none is known."""
    found = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0)
    return found[0] if found else None


def suggest(word: str, known: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint naming the closest known word, or "" when none."""
    close = closest(word, known)
    return f" (did you mean '{close}'?)" if close is not None else ""
