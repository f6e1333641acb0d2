"""Finding the course folder and reading its content files with clear errors.

A bad encoding, an empty file or a YAML syntax error becomes a ContentError naming the file,
the line and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ._errors import ContentError

#: The file that marks the root of a course folder (the repository, or a copy made by
#: ``coursekit init``). It lists the course's notebooks and how long each takes.
COURSE_MARKER = "course.yaml"
#: Environment variable that points at the course folder explicitly.
COURSE_ENV = "COURSEKIT_COURSE"

_PACKAGED = Path(__file__).parent / "_course"


def packaged_course() -> Path:
    """The course shipped with the package: ``coursekit/_course``, or the repository root."""
    for folder in (_PACKAGED, Path(__file__).resolve().parent.parent):
        if (folder / COURSE_MARKER).is_file():
            return folder
    raise FileNotFoundError("coursekit cannot find its course content. Reinstall the package "
                            "(pip install coursekit) or set COURSEKIT_COURSE to a course folder.")


def course_dir(start: str | Path | None = None) -> Path:
    """The course folder in use.

    ``COURSEKIT_COURSE``, else the nearest folder at or above ``start`` (default: the working
    directory) holding ``course.yaml``, else the packaged course.
    """
    if os.environ.get(COURSE_ENV):
        return Path(os.environ[COURSE_ENV]).expanduser().resolve()
    here = Path(start or Path.cwd()).resolve()
    found = (f for f in (here, *here.parents) if (f / COURSE_MARKER).is_file())
    return next(found, None) or packaged_course()


def content_path(kind: str, course: str | Path | None = None) -> Path:
    """Folder of one kind of content (``"cases"``, ``"instruments"``, ``"samples"``)."""
    return Path(course if course is not None else course_dir()) / kind


def display_path(path: str | Path) -> str:
    """A path as an author would recognise it: relative to the course folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(course_dir().resolve()))
    except (ValueError, FileNotFoundError):
        return str(Path(path))


def read_text(path: str | Path) -> str:
    """Read a UTF-8 content file; a missing, empty or wrongly encoded file is a ContentError."""
    shown = display_path(path)
    try:
        raw = Path(path).read_bytes().removeprefix(b"\xef\xbb\xbf")
    except FileNotFoundError:
        raise ContentError.at(shown, "", "file not found", "check the name and folder") from None
    except OSError as exc:
        raise ContentError.at(shown, "", f"cannot be read ({exc.strerror})",
                              "check the file's permissions") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError.at(shown, f"line {line}",
                              f"is not valid UTF-8 (byte {raw[exc.start]:#04x})",
                              "save the file with UTF-8 encoding in your editor") from None
    if not text.strip():
        raise ContentError.at(shown, "", "the file is empty",
                              "write the content or remove the file")
    return text.replace("\r\n", "\n")


#: libyaml's safe loader when PyYAML was built with it (about 10x faster than the pure
#: Python one: content files are read on every page, the instruments on every demo store).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str, *, first_line: int = 1) -> Any:
    """Parse YAML text; a syntax error becomes a ContentError with the line number."""
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        what = exc.problem or exc.context or "is not valid YAML"
        raise ContentError.at(
            file, f"line {line}", f"YAML syntax error: {what}",
            "check indentation, colons and quotes on that line (quote text that holds ': ' or '#')",
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError.at(file, "", f"YAML error: {exc}",
                              "check the file's YAML syntax") from None


def load_yaml(path: str | Path) -> Any:
    """Read and parse a YAML content file with clear errors."""
    return parse_yaml(read_text(path), display_path(path))


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    """Split ``---`` YAML front matter from a Markdown body: front matter, body, body's line."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError.at(
            file, "line 1", "the file does not start with front matter",
            "begin the file with a line '---', the YAML fields, then another '---'")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise ContentError.at(file, "front matter", "the closing '---' line is missing",
                              "end the YAML front matter with a line holding only '---'")
    meta = parse_yaml("\n".join(lines[1:end]), file, first_line=2)
    if not isinstance(meta, Mapping):
        raise ContentError.at(file, "front matter", "is not a set of 'field: value' lines",
                              "write the front matter as YAML fields, one 'name: value' per line")
    return dict(meta), "\n".join(lines[end + 1:]), end + 2
