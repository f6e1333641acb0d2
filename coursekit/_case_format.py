"""Reading a case file: Markdown narrative under YAML front matter.

The format is documented for authors in ``docs/authoring.md`` and described once, by the
models of :mod:`coursekit._case_model`. Every problem of a file is reported at once (file,
place, what is wrong, fix); only the failures that make the rest unreadable (bad encoding,
no front matter, a YAML syntax error) stop early.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._case_model import Body, Case
from ._content import display_path, read_text, split_front_matter
from ._errors import ContentError
from ._problems import Places
from ._schema import ID_PATTERN, problems_of
from ._text import slug

__all__ = ["ID_PATTERN", "parse_case", "parse_case_file", "split_parts"]

#: How a case's front matter names its places: ``front matter: title``, ``decisions[1]: after``.
FRONT_MATTER = Places(top="front matter", nest=".")

_HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{#(?P<id>[^}]*)\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_case_file(path: str | Path) -> Case:
    """Read, parse and validate one case file; raise ContentError listing every problem."""
    path = Path(path)
    file = display_path(path)
    text = read_text(path)
    meta, body, body_line = split_front_matter(text, file)
    return parse_case(meta, body, body_line, file=file, stem=path.stem, path=path)


def parse_case(meta: Mapping[str, Any], body: str, body_line: int, *, file: str,
               stem: str | None = None, path: Path | None = None) -> Case:
    """Build a :class:`Case` from parsed front matter and the Markdown body.

    ``body_line`` is the file line where the body starts (for error messages); ``stem``
    is the file name without ``.md``, which the case id must equal.
    """
    parts = split_parts(body, body_line)
    part_ids = [p["id"] for p in parts if p["title"] is not None] or None  # none: reported once
    case, problems = problems_of(Case, meta, file, places=FRONT_MATTER,
                                 context={"parts": part_ids, "stem": stem, "suffix": ".md"})
    lines = {(i,): part["line"] for i, part in enumerate(parts)}
    body_parts, more = problems_of(Body, parts, file, places=Places(top="body", lines=lines))
    if problems or more:
        raise ContentError(problems + more)
    return case.model_copy(update={"parts": body_parts, "path": path})


def split_parts(body: str, body_line: int) -> list[dict[str, Any]]:
    r"""Split the body at ``## `` headings (outside code fences) into parts.

    Each part is ``{"id", "title", "text", "line"}``; its id is the heading's ``{#id}`` or
    made from its title. Text before the first heading becomes a part without a title.

    Examples
    --------
    >>> body = "\n".join(["## Get ready", "", "Text", "## B {#b}", "x"])
    >>> [(p["id"], p["line"]) for p in split_parts(body, 5)]
    [('get-ready', 5), ('b', 8)]
    """
    heads: list[tuple[int, str, str | None]] = []  # (index in lines, title, explicit id)
    lines = body.split("\n")
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            m = _HEADING.match(line)
            assert m is not None  # the pattern accepts any line starting with '## '
            heads.append((i, m.group("title"), m.group("id")))
    parts: list[dict[str, Any]] = []
    lead = "\n".join(lines[: heads[0][0]]).strip() if heads else ""
    if lead:
        first = next(i for i, ln in enumerate(lines) if ln.strip())
        parts.append({"title": None, "text": lead, "line": body_line + first})
    for n, (i, title, explicit) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        parts.append({"id": explicit.strip() if explicit is not None else slug(title),
                      "title": title, "text": "\n".join(lines[i + 1: end]).strip(),
                      "line": body_line + i})
    return parts
