"""Errors that tell a course author or a learner what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in a content file.

    Parameters
    ----------
    file : str
        The file, as a path the author recognises.
    place : str
        Where in the file: a field path (``decisions[2].options``), an item id or a line.
    problem : str
        What is wrong, in plain words.
    fix : str
        How to fix it.

    Examples
    --------
    >>> print(Problem("cases/x.md", "front matter: title", "is missing", "add `title: ...`"))
    cases/x.md: front matter: title: is missing. Fix: add `title: ...`
    """

    file: str
    place: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else self.file
        return f"{where}: {self.problem}. Fix: {self.fix}"


class ContentError(ValueError):
    """A content file (case, instrument, sample) is not valid.

    Carries one or more :class:`Problem` objects; ``str()`` gives one line per problem.
    """

    def __init__(self, problems: Problem | list[Problem]):
        if isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("ContentError needs at least one Problem")
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str | Path, place: str, problem: str, fix: str) -> ContentError:
        """Build an error for a single problem."""
        return cls(Problem(str(file), place, problem, fix))


class StoreError(RuntimeError):
    """The learner store cannot be used as it is; the message says why and what to do."""


class CorruptStoreError(StoreError):
    """The store file is not a readable SQLite database. The file is kept untouched."""


class InputError(ValueError):
    """Learner input (an imported file, a typed value) cannot be used; the message says why."""


class NotFoundError(ContentError, KeyError):
    """An unknown case, questionnaire, sample network, sample person or exercise.

    One type for every "there is no such ..." so a notebook or a tool can catch it; it is a
    :class:`ContentError` (one :class:`Problem`) and a ``KeyError``. ``kind``, ``name``,
    ``problem`` and ``fix`` are fields.

    Examples
    --------
    >>> err = NotFoundError("case", "the-frist-step", ["the-first-step", "the-career-impasse"])
    >>> err.problem
    'there is no such case'
    >>> err.fix
    "use one of the-first-step, the-career-impasse (did you mean 'the-first-step'?)"
    >>> isinstance(err, KeyError) and isinstance(err, ContentError)
    True
    """

    def __init__(self, kind: str, name: str, known: list[str] | tuple[str, ...]):
        from ._problems import suggest

        self.kind, self.name, self.known = kind, name, tuple(known)
        self.problem = f"there is no such {kind}"
        self.fix = (f"use one of {', '.join(known)}{suggest(name, known)}" if known
                    else f"add a {kind} first")
        super().__init__(Problem(_FOLDERS.get(kind, kind), name, self.problem, self.fix))

    def __str__(self) -> str:  # KeyError would put the message in quotes
        return ContentError.__str__(self)


#: Where each kind of named content lives, for the "file" of a not-found problem.
_FOLDERS = {"case": "cases", "questionnaire": "instruments", "sample network":
            "samples/networks", "sample person": "samples/people", "exercise": "exercises"}


class HandinError(InputError):
    """A file is not a usable hand-in; the message says why in a few words."""


class ForeignFileError(HandinError):
    """A JSON file that is not a coursekit hand-in at all."""
