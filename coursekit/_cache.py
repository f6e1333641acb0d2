"""A cache on disk for results computed from the course content alone (no learner data).

Some pages compute the same thing in every new kernel from files that rarely change: the
class dashboard's demo class fills a demo store for each sample person and makes their
hand-ins (0.4 s of the page's 1 s). :func:`cached_json` keeps such a result as a JSON file
in the user's cache folder (``$XDG_CACHE_HOME/coursekit``, else ``~/.cache/coursekit``),
under a key made of everything the result depends on:

- the course's content files (``course.yaml``, ``cases/``, ``instruments/``, ``samples/``):
  their paths in the course, sizes and modification times;
- coursekit's own files (its code and templates), the same way, and its version;
- the Python version, and the day (sample networks' dates are shifted to today).

Change any of them and the result is computed again; an old file is removed when a new
one is written. A cache folder that cannot be written only means no cache: the result is
computed as before. Only content-derived results go here, never a learner's answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ._content import COURSE_MARKER, course_dir

#: The course's content folders (what ``content_path`` reads).
CONTENT_FOLDERS = ("cases", "instruments", "samples")


def cache_folder() -> Path:
    """Where cached results are kept: ``$XDG_CACHE_HOME/coursekit`` or ``~/.cache/coursekit``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coursekit"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if "__pycache__" not in p.parts and p.is_file())


def content_key(course: str | Path | None = None) -> str:
    """A key that changes whenever the course's content or coursekit's files change."""
    from . import __version__

    root = Path(course) if course is not None else course_dir()
    package = Path(__file__).parent
    files = [root / COURSE_MARKER]
    for name in CONTENT_FOLDERS:
        files += _files(root / name)
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{date.today()}|{package}".encode())
    # Paths inside the course: a course copied with its files' times (``coursekit init``)
    # has the same key as the one it was copied from.
    for base, paths in ((root, files), (package, _files(package))):
        for path in paths:
            try:
                stat = path.stat()
            except OSError:  # gone since it was listed: a key no earlier result has
                digest.update(f"{path}|missing".encode())
                continue
            digest.update(f"{path.relative_to(base)}|{stat.st_size}|{stat.st_mtime_ns}"
                          .encode())
    return digest.hexdigest()[:24]


def cached_json(name: str, compute: Callable[[], Any], course: str | Path | None = None) -> Any:
    """``compute()``, or its result as last saved for the same content (see the module).

    ``compute`` must return plain JSON data (what comes back from the cache is JSON read
    again, so a first and a later call give equal results). ``name`` names the result.
    """
    key = content_key(course)
    path = cache_folder() / f"{name}-{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = compute()
    text = json.dumps(found)
    _save(path, name, text)
    return json.loads(text)


def _save(path: Path, name: str, text: str) -> bool:
    """Write ``text`` to ``path`` atomically and drop the older results of ``name``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=f".{name}-", suffix=".tmp",
                                         delete=False) as handle:
            handle.write(text)
        os.replace(handle.name, path)
        for old in path.parent.glob(f"{name}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home: the result is simply not kept
        return False
    return True
