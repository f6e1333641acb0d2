"""Copying the course into a folder, and bringing a copy up to date without losing a thing.

``coursekit init DIR`` makes a copy; run on a copy (or ``coursekit update DIR``), it brings
in the course's new and corrected notebooks and content:

- a file the course added is copied in; a file that is the same is left as it is;
- a file the learner never changed is replaced by the new version;
- a file the learner changed (a notebook with a cell of their own, say) is moved aside to
  ``kept-aside/<time>/<its path>``, unchanged, and the new version takes its place;
- ``learner-data/`` (the answers, the hand-ins) is never read or written, nor is any file
  the course does not ship (the learner's own notebooks).

What the learner changed is told from ``.coursekit-manifest.json``, which records what each
file was when it was copied. A notebook is compared by its cells' text only: running it,
or saving it with outputs or other metadata, is not a change. A copy without a manifest
(made before there was one) has every differing file kept aside, to be safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ._content import COURSE_MARKER, packaged_course
from ._errors import InputError

#: Content copied into a course folder (folders and files).
COURSE_PARTS = ("course.yaml", "cases", "instruments", "samples", "notebooks")
#: What each file of the copy was when it was copied: ``{relative path: fingerprint}``.
MANIFEST = ".coursekit-manifest.json"
#: Where a learner's changed files go when a new version takes their place.
KEPT_ASIDE = "kept-aside"
_SKIPPED = {".ipynb_checkpoints", "__pycache__", "learner-data"}


@dataclass
class CourseUpdate:
    """What :func:`update_course` did, by path relative to the course folder."""

    target: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_aside: dict[str, str] = field(default_factory=dict)  # path -> where the old one went
    unchanged: int = 0

    def summary(self) -> str:
        """The update in a few lines, for the command line."""
        lines = [f"{len(self.added)} new, {len(self.updated)} updated, "
                 f"{len(self.kept_aside)} kept aside, {self.unchanged} unchanged."]
        lines += [f"  new: {p}" for p in self.added]
        lines += [f"  updated: {p}" for p in self.updated]
        lines += [f"  you had changed {p}: your copy is now {aside}; the new version is in its "
                  f"place" for p, aside in self.kept_aside.items()]
        lines.append("Your answers in learner-data/ were not touched.")
        return "\n".join(lines)


def fingerprint(path: Path) -> str:
    """What a file holds, as a hash; a notebook's by its cells' types and text only.

    >>> import tempfile, json
    >>> nb = {"cells": [{"cell_type": "code", "source": ["1 + 1"], "outputs": []}],
    ...       "metadata": {}}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a, b = Path(d, "a.ipynb"), Path(d, "b.ipynb")
    ...     _ = a.write_text(json.dumps(nb))
    ...     nb["cells"][0]["outputs"] = [{"output_type": "stream", "text": "2"}]
    ...     _ = b.write_text(json.dumps(nb, indent=2))
    ...     fingerprint(a) == fingerprint(b)
    True
    """
    data = path.read_bytes()
    cells = _cells(data) if path.suffix == ".ipynb" else None
    return hashlib.sha256(data if cells is None else cells).hexdigest()


def _cells(data: bytes) -> bytes | None:
    """A notebook's cell types and text, as bytes; None when it is no readable notebook."""
    try:
        cells = json.loads(data)["cells"]
        return json.dumps([(c.get("cell_type"), "".join(c.get("source", "")))
                           for c in cells]).encode("utf-8")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # then its bytes are its fingerprint


def course_files(source: Path) -> list[str]:
    """The course's files, as paths relative to ``source`` (sorted, POSIX style)."""
    found = []
    for part in COURSE_PARTS:
        top = source / part
        if top.is_file():
            found.append(part)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED)
            found += [(Path(folder) / f).relative_to(source).as_posix() for f in files]
    return sorted(found)


def _read_manifest(target: Path) -> dict[str, str]:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):  # unreadable: treat every differing file as changed
        return {}
    return {str(k): str(v) for k, v in data.get("files", {}).items()} if isinstance(
        data, dict) else {}


def update_course(target: str | Path, source: str | Path | None = None, *,
                  now: datetime | None = None) -> CourseUpdate:
    """Copy the course into ``target``, or bring a copy there up to date (see the module).

    ``source``: the course to copy (default: the one shipped with coursekit).

    Raises
    ------
    InputError
        ``target`` is the source itself, or ``source`` is not a course.
    """
    target = Path(target).expanduser().resolve()
    source = Path(source).expanduser().resolve() if source else packaged_course().resolve()
    if target == source:
        raise InputError(f"{target} is the course itself. Fix: choose another folder")
    if not (source / COURSE_MARKER).is_file():
        raise InputError(f"{source} is not a course (no {COURSE_MARKER}). Fix: give the "
                         f"folder that holds the course's {COURSE_MARKER}")
    known = _read_manifest(target)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    report, manifest = CourseUpdate(target), {}
    for rel in course_files(source):
        src, dst = source / rel, target / rel
        new = manifest[rel] = fingerprint(src)
        if not dst.exists():
            report.added.append(rel)
        elif (current := fingerprint(dst)) == new:
            report.unchanged += 1
            continue
        elif known.get(rel) == current:
            report.updated.append(rel)
        else:  # the learner changed it, or we cannot tell: keep theirs aside
            aside = target / KEPT_ASIDE / stamp / rel
            aside.parent.mkdir(parents=True, exist_ok=True)
            dst.replace(aside)
            report.kept_aside[rel] = aside.relative_to(target).as_posix()
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.coursekit-new")
        shutil.copy2(src, tmp)
        tmp.replace(dst)
    body = json.dumps({"source": str(source), "updated_at": stamp, "files": manifest},
                      indent=1, sort_keys=True)
    tmp = target / f".{MANIFEST}.tmp"
    tmp.write_text(body + "\n", encoding="utf-8")
    tmp.replace(target / MANIFEST)
    return report
