r"""Cross-check every id the course's notebooks use against the course's content.

A notebook names the content it shows by id: ``ck.decision_point(store, "the-first-step",
"after-the-talk")``. A typo there only shows when a learner runs the cell; ``coursekit
check`` finds it first. :func:`check_notebooks` reads each code cell of every notebook
under ``notebooks/`` (as JSON, then with :mod:`ast`; nothing is run), finds the calls of the
notebook API (``ck.<name>(...)`` after ``import coursekit as ck``, or a name imported with
``from coursekit import <name>``) and checks each id given as a string literal, by position
or keyword. A cell that is not Python (IPython magics, shell escapes) is skipped; an id
held in a variable is not checked.

Which argument of which call is an id, and of what kind, is written in one place,
:data:`ID_ARGUMENTS`; the kinds and where their ids come from are :data:`KINDS`.

Examples
--------
>>> cell = 'import coursekit as ck\nck.decision_point(store, "the-first-step", "after-the-tlak")'
>>> [(use.kind, use.value, use.case) for use in id_uses(cell)]
[('case', 'the-first-step', None), ('decision', 'after-the-tlak', 'the-first-step')]
>>> from coursekit._content import packaged_course
>>> known = CourseIds.of(packaged_course())
>>> print(known.problem(id_uses(cell)[1]))  # doctest: +NORMALIZE_WHITESPACE
'after-the-tlak' is not a decision point of the case 'the-first-step'
(did you mean 'after-the-talk'?)
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import ContentError, Problem
from ._problems import suggest

if TYPE_CHECKING:
    from .cases import Case

#: The notebook API's calls that take ids: ``name -> its parameters, in order``.
#: A parameter is written ``keyword:kind`` (the keyword it may be given by, and the kind of
#: id it takes: a key of :data:`KINDS`), or just ``kind`` when the two are the same word.
#: Other parameters (``store``) are written without a kind (``store:``) and not checked.
#: To check the ids of a new call, add its line here.
ID_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "load_case": ("case_id:case",),
    "case_header": ("store:", "case"),
    "case_timeline": ("store:", "case"),
    "key_facts": ("store:", "case"),
    "discussion": ("store:", "case"),
    "source_citation": ("case",),
    "teaching_notes": ("case",),
    "case_part": ("store:", "case", "part_id:part"),
    "decision_point": ("store:", "case", "decision_id:decision"),
    "reflection": ("store:", "case", "prompt_id:prompt"),
    "questionnaire": ("store:", "instrument_id:instrument"),
    "feedback": ("store:", "instrument_id:instrument"),
    "network_comparison": ("store:", "sample"),
    "sample_comparison": ("first:sample", "second:sample"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of id: what one is called, and whether it belongs to a case."""

    noun: str
    in_case: bool = False


#: The kinds of id a notebook call may take.
KINDS: dict[str, Kind] = {
    "case": Kind("case"),
    "part": Kind("part", in_case=True),
    "decision": Kind("decision point", in_case=True),
    "prompt": Kind("reflection prompt", in_case=True),
    "instrument": Kind("questionnaire"),
    "sample": Kind("sample network"),
}


def _parameters(name: str) -> list[tuple[str, str]]:
    """``(keyword, kind)`` of each parameter of a call in :data:`ID_ARGUMENTS`."""
    params = []
    for spec in ID_ARGUMENTS[name]:
        keyword, sep, kind = spec.partition(":")
        params.append((keyword, kind if sep else keyword))
    return params


@dataclass(frozen=True)
class IdUse:
    """One id given to a call of the notebook API."""

    function: str
    kind: str
    value: str
    case: str | None = None  # for a part, decision or prompt: the case named in the call
    line: int = 0


def id_uses(source: str, modules: Iterable[str] = ("ck",),
            functions: dict[str, str] | None = None) -> list[IdUse]:
    r"""The ids given as string literals to the notebook API in one cell of code.

    ``modules`` are the names coursekit is imported as and ``functions`` the names its
    functions are imported as (``{"cp": "case_part"}``); imports in ``source`` itself are
    added to them. A cell that does not parse as Python gives no ids.

    Examples
    --------
    >>> [u.value for u in id_uses('import coursekit as kit\nkit.questionnaire(s, "x")')]
    ['x']
    >>> [u.kind for u in id_uses('ck.case_part(store, part_id="p", case="c")')]
    ['part', 'case']
    >>> id_uses("%matplotlib inline\nck.key_facts('x')")
    []
    """
    tree = _parse(source)
    if tree is None:
        return []
    modules, functions = set(modules), dict(functions or {})
    _add_imports(tree, modules, functions)
    uses: list[IdUse] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node, modules, functions)
        if name is None:
            continue
        found = list(_id_arguments(node, _parameters(name)))
        case = next((value for kind, value, _ in found if kind == "case"), None)
        uses.extend(IdUse(name, kind, value, case if KINDS[kind].in_case else None, line)
                    for kind, value, line in found)
    return sorted(uses, key=lambda u: u.line)


def _parse(source: str) -> ast.Module | None:
    """The cell as an AST, or None when it is not Python (IPython magics, ``!`` commands)."""
    try:
        return compile(source, "<cell>", "exec",
                       flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except (SyntaxError, ValueError):  # not Python: a notebook may hold magics; no ids here
        return None


def _add_imports(tree: ast.AST, modules: set[str], functions: dict[str, str]) -> None:
    """Add the names ``import coursekit [as x]`` and ``from coursekit import f`` bind."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names if a.name == "coursekit")
        elif isinstance(node, ast.ImportFrom) and node.module == "coursekit" and not node.level:
            functions.update({a.asname or a.name: a.name for a in node.names
                              if a.name in ID_ARGUMENTS})


def _called(node: ast.Call, modules: set[str], functions: dict[str, str]) -> str | None:
    """The notebook API function a call calls, or None."""
    func = node.func
    if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id in modules and func.attr in ID_ARGUMENTS):
        return func.attr
    if isinstance(func, ast.Name):
        return functions.get(func.id)
    return None


def _id_arguments(node: ast.Call, params: list[tuple[str, str]]):
    """``(kind, value, line)`` of each string literal given for an id parameter."""
    given: list[tuple[tuple[str, str], ast.expr]] = list(zip(params, node.args, strict=False))
    by_keyword = {keyword: (keyword, kind) for keyword, kind in params}
    given += [(by_keyword[k.arg], k.value) for k in node.keywords if k.arg in by_keyword]
    for (_keyword, kind), value in given:
        if (kind in KINDS and isinstance(value, ast.Constant)
                and isinstance(value.value, str)):
            yield kind, value.value, value.lineno


# -- the course's ids ----------------------------------------------------------------------


@dataclass
class CourseIds:
    """The ids a course's content defines, to check a notebook's ids against."""

    cases: dict[str, dict[str, tuple[str, ...]]]  # valid case -> kind -> its ids
    case_files: set[str]  # every case file's id, valid or not
    instruments: list[str]
    samples: list[str]

    @classmethod
    def of(cls, course: str | Path) -> CourseIds:
        """Read the ids of a course's cases, questionnaires and sample networks."""
        from .cases import case_files
        from .network.samples import sample_networks

        cases = {}
        for case in filter(None, map(_valid_case, case_files(course))):
            cases[case.id] = {"part": case.part_ids,
                              "decision": tuple(d.id for d in case.decisions),
                              "prompt": tuple(r.id for r in case.reflections)}
        instruments = sorted(p.stem for p in (Path(course) / "instruments").glob("*.yaml"))
        return cls(cases, {p.stem for p in case_files(course)}, instruments,
                   sample_networks(course))

    def known(self, kind: str, case: str | None = None) -> list[str] | None:
        """The ids of a kind (of a case's, for a part, decision or prompt); None: unknown."""
        if KINDS[kind].in_case:
            return list(self.cases[case][kind]) if case in self.cases else None
        if kind == "case":
            return sorted(self.cases)
        return {"instrument": self.instruments, "sample": self.samples}[kind]

    def problem(self, use: IdUse) -> str | None:
        """What is wrong with an id a notebook uses, or None when it is fine (or unknowable)."""
        if use.kind == "case" and use.value in self.case_files and use.value not in self.cases:
            return None  # a case file with problems: the cases' check reports them
        known = self.known(use.kind, use.case)
        if known is None or use.value in known:
            return None
        whose = (f"of the case '{use.case}'" if KINDS[use.kind].in_case
                 else "of this course")
        return (f"'{use.value}' is not a {KINDS[use.kind].noun} {whose}"
                f"{suggest(use.value, known)}")

    def fix(self, use: IdUse) -> str:
        """How to fix an id that is not known."""
        known = self.known(use.kind, use.case) or []
        if known:
            return f"use one of {', '.join(known)}"
        return f"add a {KINDS[use.kind].noun} first, or remove the call"


def _valid_case(path: Path) -> Case | None:
    """The case in a file, or None when the file has problems.

    The cases' own check lists those problems; a notebook's ids for that case are then not
    checked.
    """
    from .cases import parse_case_file

    try:
        return parse_case_file(path)
    except ContentError:
        return None


# -- notebooks -----------------------------------------------------------------------------


def notebook_files(course: str | Path) -> list[Path]:
    """Every notebook under the course's ``notebooks/`` folder (checkpoints left out)."""
    folder = Path(course) / "notebooks"
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def check_notebooks(course: str | Path) -> list[Problem]:
    """Every id a notebook of the course uses that the course's content does not have.

    Each problem names the notebook (``notebooks/01_the_first_step.ipynb``) and the cell
    (``cell 5``: cells counted from 1 at the top, text cells included).

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> check_notebooks(packaged_course())
    []
    """
    course = Path(course)
    ids: CourseIds | None = None
    problems = []
    for path in notebook_files(course):
        file = path.relative_to(course).as_posix()
        cells, problem = _code_cells(path, file)
        if problem is not None:
            problems.append(problem)
            continue
        modules: set[str] = {"ck"}
        functions: dict[str, str] = {}
        for _number, source in cells:
            tree = _parse(source)
            if tree is not None:
                _add_imports(tree, modules, functions)
        for number, source in cells:
            for use in id_uses(source, modules, functions):
                ids = ids or CourseIds.of(course)
                wrong = ids.problem(use)
                if wrong:
                    problems.append(Problem(file, f"cell {number}", wrong, ids.fix(use)))
    return problems


def _code_cells(path: Path, file: str) -> tuple[list[tuple[int, str]], Problem | None]:
    """``(cell number, source)`` of each code cell, or the problem that stops reading."""
    fix = "open the notebook in Jupyter and save it again, or restore it from version control"
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [], Problem(file, "", "is not a UTF-8 text file", fix)
    except json.JSONDecodeError as exc:
        return [], Problem(file, f"line {exc.lineno}", f"is not a valid notebook (JSON: "
                           f"{exc.msg})", fix)
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return [], Problem(file, "", "is not a notebook in the current format (no list of "
                           "cells)", fix)
    found = []
    for number, cell in enumerate(cells, start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            found.append((number, "".join(source) if isinstance(source, list) else str(source)))
    return found, None


__all__ = ["ID_ARGUMENTS", "KINDS", "CourseIds", "IdUse", "Kind", "check_notebooks",
           "id_uses", "notebook_files"]
