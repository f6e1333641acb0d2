"""``coursekit new case ID``: a new case, its two notebooks and its place in the course.

:func:`new_case` writes, in a course folder:

* ``cases/ID.md``: a valid case in which every text is an instruction to the author
  (template ``coursekit/_templates/scaffold/case.md.j2``);
* ``notebooks/NN_ID.ipynb`` (hyphens as underscores, ``NN`` the next free number): the
  learner notebook, every part of the case with its decision points and reflections
  (:func:`coursekit._notebook_file.learner_notebook`);
* ``notebooks/instructor/teaching_notes_ID.ipynb``: the teaching notes, the same notebook
  as every other case's but for the id (:func:`coursekit._notebook_file.teaching_notes_notebook`);

and adds the learner notebook to ``course.yaml`` as a new part, editing the text so that
its comments and layout stay as they are. It refuses, before writing anything, an id that
is not an id and a case or notebook that already exists: nothing is ever overwritten.

Examples
--------
>>> import tempfile
>>> from coursekit.cli import init_course
>>> course = init_course(tempfile.mkdtemp() + "/course")
>>> made = new_case(course, "the-offer")
>>> for path in made.created:
...     print(path)
cases/the-offer.md
notebooks/07_the_offer.ipynb
notebooks/instructor/teaching_notes_the_offer.ipynb
>>> from coursekit.check import check_course
>>> check_course(course)
[]
>>> new_case(course, "the-offer")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
coursekit.scaffold.ScaffoldError: cases/the-offer.md already exists...
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ._content import COURSE_MARKER
from ._notebook_file import (
    learner_notebook,
    learner_notebook_name,
    teaching_notes_name,
    teaching_notes_notebook,
)
from ._render import render
from ._schema import ID_PATTERN

#: Where the installed package keeps its own copy of the course (never written to).
_INSTALLED_COURSE = Path(__file__).resolve().parent / "_course"

_NUMBERED = re.compile(r"^(\d+)_")


class ScaffoldError(ValueError):
    """``coursekit new`` cannot do what was asked; the message says why, in one line."""


@dataclass(frozen=True)
class NewCase:
    """What :func:`new_case` made: paths relative to the course folder."""

    course: Path
    case: Path
    notebook: Path
    teaching_notes: Path

    @property
    def created(self) -> list[Path]:
        """The new files."""
        return [self.case, self.notebook, self.teaching_notes]

    @property
    def changed(self) -> list[Path]:
        """The files that were there and now hold more."""
        return [Path(COURSE_MARKER)]


def case_text(case_id: str) -> str:
    """The text of a new case file: valid, with instructions to the author for every text.

    Examples
    --------
    >>> text = case_text("the-offer")
    >>> "id: the-offer" in text and "Retell the first part of the story here" in text
    True
    """
    return render("scaffold/case.md.j2", case_id=case_id, title=_title(case_id))


def _title(case_id: str) -> str:
    """A first title made from the id: ``my-new-case`` -> ``My new case``."""
    return case_id.replace("-", " ").capitalize()


def new_case(course: str | Path, case_id: str) -> NewCase:
    """Add a new case to a course: its file, its two notebooks and a part in ``course.yaml``.

    Parameters
    ----------
    course : str or Path
        The course folder (holding ``course.yaml``).
    case_id : str
        The new case's id: lowercase letters, digits and hyphens.

    Returns
    -------
    NewCase
        The paths made, relative to the course folder.

    Raises
    ------
    ScaffoldError
        The id is not a valid id, the folder is not a writable course, or the case or one of
        its notebooks exists already. Nothing has been written then.
    """
    from .cases import parse_case_text

    root = Path(course)
    if not isinstance(case_id, str) or not ID_PATTERN.match(case_id):
        raise ScaffoldError(f"'{case_id}' is not a valid case id: use lowercase letters, "
                            "digits and single hyphens, e.g. 'the-offer'")
    if not (root / COURSE_MARKER).is_file():
        raise ScaffoldError(f"{root} is not a course folder (it has no {COURSE_MARKER}); "
                            "pass --course DIR, or make one with 'coursekit init DIR'")
    if root.resolve() == _INSTALLED_COURSE:
        raise ScaffoldError("this is the course installed with coursekit, which is not for "
                            "editing: make your own copy with 'coursekit init DIR' and pass "
                            "--course DIR")
    plan_text = (root / COURSE_MARKER).read_text(encoding="utf-8")
    plan = _read_plan(plan_text)
    _refuse_existing(root, plan, case_id)
    number = _next_number(root, plan)
    made = NewCase(root, Path("cases") / f"{case_id}.md",
                   Path("notebooks") / learner_notebook_name(number, case_id),
                   Path("notebooks") / teaching_notes_name(case_id))
    text = case_text(case_id)
    case = parse_case_text(text, str(made.case), case_id)
    cases_so_far = sum(any(str(e).startswith("case:") for e in p.get("exercises") or ())
                       for p in plan.get("parts") or () if isinstance(p, dict))
    part = {"notebook": made.notebook.name, "title": f"Case {cases_so_far + 1}: {case.title}",
            "minutes": case.minutes,
            "summary": "Replace with one line for the start page: whose story, and what "
                       "the learner does in it.",
            "exercises": [case.exercise]}
    new_plan_text = add_part(plan_text, part)
    _write_all(root, {made.case: text, made.notebook: learner_notebook(case),
                      made.teaching_notes: teaching_notes_notebook(case_id)},
               (root / COURSE_MARKER, new_plan_text))
    return made


def _read_plan(text: str) -> dict[str, Any]:
    """The data of ``course.yaml``; a file that is not a plan is refused."""
    try:
        plan = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScaffoldError(f"{COURSE_MARKER} is not valid YAML: fix it first ('coursekit "
                            f"check' says where): {' '.join(str(exc).split())}") from None
    if not isinstance(plan, dict):
        raise ScaffoldError(f"{COURSE_MARKER} is not a course plan (fields 'title' and "
                            "'parts'): fix it first, 'coursekit check' says how")
    return plan


def _refuse_existing(root: Path, plan: dict[str, Any], case_id: str) -> None:
    """Refuse a case id whose case, notebooks or course part exists already."""
    stem = case_id.replace("-", "_")
    existing = [root / "cases" / f"{case_id}.md", root / "notebooks" / teaching_notes_name(case_id),
                *sorted((root / "notebooks").glob(f"[0-9]*_{stem}.ipynb"))]
    for path in existing:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists: nothing "
                                "was changed. Choose another id, or edit the existing case")
    for part in plan.get("parts") or ():
        if isinstance(part, dict) and f"case:{case_id}" in (part.get("exercises") or ()):
            raise ScaffoldError(f"{COURSE_MARKER} already lists the exercise case:{case_id} "
                                f"(notebook {part.get('notebook')}): nothing was changed. "
                                "Choose another id, or remove that part first")


def _next_number(root: Path, plan: dict[str, Any]) -> int:
    """One more than the highest ``NN_`` of the course's notebooks (in the folder or plan)."""
    names = [p.name for p in (root / "notebooks").glob("*.ipynb")]
    names += [str(p.get("notebook", "")) for p in plan.get("parts") or () if isinstance(p, dict)]
    numbers = [int(m.group(1)) for name in names if (m := _NUMBERED.match(name))]
    return max(numbers, default=-1) + 1


def _write_all(root: Path, files: dict[Path, str], replace: tuple[Path, str]) -> None:
    """Create ``files`` (never overwriting) and then replace one file's text.

    When a write fails, the files created so far are removed again, so a failure leaves the
    course as it was.
    """
    target, new_text = replace
    partial = target.with_name(f".{target.name}.new")
    created: list[Path] = []
    try:
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as out:
                created.append(path)
                out.write(text)
        with partial.open("x", encoding="utf-8", newline="\n") as out:
            created.append(partial)
            out.write(new_text)
        os.replace(partial, target)
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise ScaffoldError(f"could not write {exc.filename}: {exc.strerror}; nothing was "
                            "changed") from exc


# -- course.yaml ---------------------------------------------------------------------------


def add_part(text: str, part: dict[str, Any]) -> str:
    r"""``course.yaml``'s text with one more part at the end of ``parts``.

    The text is edited, not rewritten: comments, quoting and layout stay as they are. The
    new entry is indented like the first one.

    Raises
    ------
    ScaffoldError
        ``parts`` is not a list of ``- notebook: ...`` entries that can be extended, or the
        edited text would not read back as the same plan plus the new part.

    Examples
    --------
    >>> plan = "# the plan\ntitle: T\nparts:\n  - notebook: a.ipynb  # first\n    minutes: 5\n"
    >>> print(add_part(plan, {"notebook": "b.ipynb", "minutes": 10}), end="")
    # the plan
    title: T
    parts:
      - notebook: a.ipynb  # first
        minutes: 5
      - notebook: b.ipynb
        minutes: 10
    """
    how = (f"add it by hand at the end of 'parts' in {COURSE_MARKER}: "
           + json.dumps(part, ensure_ascii=False))
    old_data, root = _read_plan(text), yaml.compose(text)
    parts = None
    if isinstance(root, yaml.MappingNode):
        parts = next((v for k, v in root.value if k.value == "parts"), None)
    if (not isinstance(parts, yaml.SequenceNode) or parts.flow_style or not parts.value
            or not isinstance(parts.value[0], yaml.MappingNode)):
        raise ScaffoldError(f"{COURSE_MARKER} has no list of parts in '- notebook: ...' lines "
                            f"to add the new notebook to; {how}")
    lines = text.split("\n")
    first = parts.value[0].start_mark
    dash = lines[first.line][: first.column].rstrip()
    if not dash.endswith("-"):
        raise ScaffoldError(f"cannot read how {COURSE_MARKER} indents its parts; {how}")
    indent, inner = " " * (len(dash) - 1), " " * (first.column - len(dash))
    last = parts.value[-1]
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark
    at = end.line if end.column == 0 else end.line + 1  # the line after the last entry
    while at > 0 and not lines[at - 1].strip():  # a block text ends after the blank lines
        at -= 1
    entry = [f"{indent}{' ' if n else '-'}{inner}{key}: {_yaml_value(value)}"
             for n, (key, value) in enumerate(part.items())]
    new = "\n".join(lines[:at] + entry + lines[at:])
    if at >= len(lines):
        new += "\n"
    new_data = _safe_load(new)
    expected = {**old_data, "parts": [*old_data["parts"], part]}
    if new_data != expected or list(new_data) != list(expected):
        raise ScaffoldError(f"cannot add the new part to {COURSE_MARKER} safely; {how}")
    return new


def _yaml_value(value: Any) -> str:
    """A value as YAML on one line: text plain when it reads back as itself, else quoted.

    Examples
    --------
    >>> _yaml_value("07_the_offer.ipynb"), _yaml_value("Case 3: The offer"), _yaml_value(["a"])
    ('07_the_offer.ipynb', '"Case 3: The offer"', '["a"]')
    """
    if isinstance(value, str) and value == value.strip() and "#" not in value:
        read = _safe_load(f"key: {value}")
        if isinstance(read, dict) and read.get("key") == value:
            return value
    return json.dumps(value, ensure_ascii=False)


def _safe_load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return exc  # not a plan: the caller refuses it


__all__ = ["NewCase", "ScaffoldError", "add_part", "case_text", "new_case"]
