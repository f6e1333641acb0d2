r"""Notebooks made from templates, so that every notebook of a kind has one shape.

A notebook template (``coursekit/_templates/notebooks/*.cells.j2``) is a Jinja2 template
whose output is the notebook's cells in order, each one starting with a marker line,
``%% markdown`` or ``%% code``, optionally followed by the cell's tags (``%% markdown
lab-only``: a cell app mode hides); blank lines around a cell's text are dropped. Values are
Markdown-escaped like every non-HTML template (:mod:`coursekit._render`); ids, the only
values placed in code cells, hold no character that escaping changes.

The notebook is written the way Jupyter writes it (nbformat 4, one-space indent, sorted
keys), without outputs, with cell ids numbered in order (``notes-00``, ``notes-01``...), so
that the same template and context always give the same file, byte for byte.

Examples
--------
>>> text = teaching_notes_notebook("the-first-step")
>>> import json
>>> cells = json.loads(text)["cells"]
>>> [c["cell_type"] for c in cells]
['markdown', 'code', 'code', 'markdown']
>>> cells[1]["source"], cells[2]["source"]
(['import coursekit as ck'], ['ck.teaching_notes("the-first-step")'])
>>> split_cells("%% markdown lab-only\n# Hi\n\n%% code\nx = 1\n")
[('markdown', '# Hi', ('lab-only',)), ('code', 'x = 1', ())]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._render import render
from ._schema import ID_PATTERN

if TYPE_CHECKING:
    from .cases import Case

#: A line that starts a cell in a notebook template.
CELL_MARKER = re.compile(r"^%% (markdown|code)((?: [a-z][a-z0-9-]*)*)\s*$")

#: The kernel every course notebook runs on.
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def split_cells(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The cells of a rendered notebook template: ``(cell type, source, tags)`` in order.

    Text before the first marker line must be blank (a template's comment renders as
    nothing).
    """
    cells: list[tuple[str, list[str], tuple[str, ...]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        marker = CELL_MARKER.match(line)
        if marker:
            cells.append((marker.group(1), [], tuple(marker.group(2).split())))
        elif cells:
            cells[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"line {number} of a notebook template comes before the first "
                             f"cell marker ('%% markdown' or '%% code'): {line!r}")
    return [(kind, "\n".join(lines).strip("\n"), tags) for kind, lines, tags in cells]


def notebook_from_template(template: str, *, prefix: str, **context) -> str:
    """The text of a notebook made from ``template`` (below ``coursekit/_templates/``).

    Parameters
    ----------
    template : str
        A ``*.cells.j2`` template name, e.g. ``"notebooks/teaching_notes.cells.j2"``.
    prefix : str
        The start of every cell id: ``prefix-00``, ``prefix-01``...
    **context
        The template's values.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    for n, (kind, source, tags) in enumerate(split_cells(render(template, **context))):
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = make(source, id=f"{prefix}-{n:02d}")
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def _checked_id(value: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a valid id (lowercase letters, digits, hyphens)")
    return value


def teaching_notes_notebook(case_id: str) -> str:
    """The instructor's teaching-notes notebook of a case: the same for every case but its id.

    It shows ``ck.teaching_notes(case_id)``: everything particular to a case is in the case
    file, under ``teaching_notes``.
    """
    return notebook_from_template("notebooks/teaching_notes.cells.j2", prefix="notes",
                                  case_id=_checked_id(case_id))


def learner_notebook(case: Case) -> str:
    """A learner notebook skeleton for a case.

    Header, timeline, every part in order with its decision points and reflections, key
    facts, discussion and source. The markdown cells carry instructions for the author (in
    italics) to replace.
    """
    for item_id in (case.id, *case.part_ids, *(d.id for d in case.decisions),
                    *(r.id for r in case.reflections)):
        _checked_id(item_id)
    return notebook_from_template("notebooks/case.cells.j2", prefix="case", case=case)


def learner_notebook_name(number: int, case_id: str) -> str:
    """The file name of a case's learner notebook, e.g. ``07_my_case.ipynb``.

    Examples
    --------
    >>> learner_notebook_name(7, "my-case")
    '07_my_case.ipynb'
    """
    return f"{number:02d}_{case_id.replace('-', '_')}.ipynb"


def teaching_notes_name(case_id: str) -> str:
    """The teaching-notes notebook of a case, relative to ``notebooks/``.

    Examples
    --------
    >>> teaching_notes_name("the-first-step")
    'instructor/teaching_notes_the_first_step.ipynb'
    """
    return f"instructor/teaching_notes_{case_id.replace('-', '_')}.ipynb"


__all__ = ["learner_notebook", "learner_notebook_name", "notebook_from_template",
           "split_cells", "teaching_notes_name", "teaching_notes_notebook"]
