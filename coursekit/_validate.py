"""A small field checker shared by every content loader.

It collects every problem in a file rather than stopping at the first, so that
``coursekit check`` can list them all at once, each with its place and fix.

Examples
--------
>>> c = FieldChecker("cases/demo.md")
>>> title = c.need({"title": 3}, "title", str, "front matter")
>>> print(c.problems[0])  # doctest: +NORMALIZE_WHITESPACE
cases/demo.md: front matter: title: should be text, not a number.
Fix: write title as text, e.g. title: "..."
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._errors import ContentError, Problem

_MISSING = object()

_KIND_WORDS = {
    str: "text", int: "a whole number", float: "a number", bool: "true or false",
    list: "a list", dict: "a mapping of fields",
}
_EXAMPLES = {
    str: '"..."', int: "3", float: "2.5", bool: "true", list: "[a, b] or one '- item' per line",
    dict: "nested 'name: value' lines",
}


def describe(value: Any) -> str:
    """A plain-word name for the type of a YAML value."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__


class FieldChecker:
    """Collect problems about the fields of one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, place: str, problem: str, fix: str) -> None:
        """Record a problem at ``place``."""
        self.problems.append(Problem(self.file, place, problem, fix))

    def need(self, data: Any, key: str, kind: type | tuple[type, ...], place: str,
             *, required: bool = True, default: Any = None, nonempty: bool = True) -> Any:
        """Return ``data[key]`` checked against ``kind``.

        Records a problem and returns ``default`` when it is missing or of the wrong type.
        """
        where = f"{place}: {key}" if place else key
        if not isinstance(data, Mapping):
            return default
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                kinds = kind if isinstance(kind, tuple) else (kind,)
                self.problem(where, "is missing",
                             f"add '{key}: {_EXAMPLES.get(kinds[0], '...')}'")
            return default
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            want = " or ".join(_KIND_WORDS.get(k, k.__name__) for k in kinds)
            self.problem(where, f"should be {want}, not {describe(value)}",
                         f"write {key} as {want}, e.g. {key}: {_EXAMPLES.get(kinds[0], '...')}")
            return default
        if nonempty and isinstance(value, (str, list, Mapping)) and not value:
            self.problem(where, "is empty", f"fill in {key} or remove the field")
            return default
        return value

    def unknown_keys(self, data: Mapping, allowed: set[str], place: str) -> None:
        """Record fields that the format does not know (usually a typo).

        An unquoted text with a comma inside ``{ }`` is split by YAML into a stray,
        value-less field; that commonest slip gets its own words and fix.
        """
        for key in data:
            if key in allowed:
                continue
            where = f"{place}: {key}" if place else str(key)
            if data[key] is None and isinstance(key, str) and not re.fullmatch(r"[A-Za-z_]+", key):
                self.problem(where, "looks like the end of a text cut off at a comma",
                             "put the whole text in double quotes, or write one field per line")
                continue
            close = sorted(allowed, key=lambda a: _distance(str(key), a))[0]
            self.problem(where, "is not a known field", f"remove it, or did you mean '{close}'?")

    def raise_if_any(self) -> None:
        """Raise one ContentError listing every recorded problem."""
        if self.problems:
            raise ContentError(self.problems)


def suggest(word: str, known) -> str:
    """A " (did you mean 'x'?)" hint naming the closest known word, or "" when none.

    Examples
    --------
    >>> suggest("midle", ["low", "middle", "high"])
    " (did you mean 'middle'?)"
    """
    known = list(known)
    if not known:
        return ""
    return f" (did you mean '{min(known, key=lambda k: _distance(word, k))}'?)"


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, to suggest the field an author probably meant."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
