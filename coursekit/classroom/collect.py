"""Collecting hand-ins from folders and zip files into the class store.

Every file is read into memory and checked; nothing is ever extracted to disk. A file that
cannot be used is reported with a reason and skipped, and the run goes on:

- corrupt JSON, text that is not UTF-8, a JSON file that is not a hand-in, a hand-in from a
  newer coursekit, a hand-in with wrong fields;
- a file over the size limit (checked on its size, and again on the bytes actually read);
- in a zip: member names with ``..`` or an absolute path (path traversal), encrypted
  members, nested archives (not followed), members whose declared size or compression ratio
  marks a zip bomb, and anything beyond the per-archive byte budget, counted on the bytes
  actually decompressed, not on what the archive claims.

Older hand-in versions are migrated (:func:`~coursekit.classroom.handin_format.upgrade`).
The same learner twice: the class store keeps the latest by ``created_at``.

Examples
--------
>>> import json, tempfile, pathlib
>>> from coursekit.classroom.class_store import open_class_store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "bad.json").write_text("{not json")
>>> report = collect([folder], open_class_store("sqlite:///:memory:"))
>>> report.read, report.skipped[0].reason
(0, 'not valid JSON (line 1, column 2)')
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .class_store import ADDED, KEPT_NEWER, REPLACED, ClassStore
from .handin_format import HandinError, upgrade, validate_handin


@dataclass(frozen=True)
class Limits:
    """Size limits that keep a collection safe from huge files and zip bombs.

    Attributes
    ----------
    max_file_bytes : int
        Largest hand-in (a real one is a few kilobytes).
    max_archive_bytes : int
        Most bytes decompressed from one zip file, in total.
    max_ratio : float
        Largest compression ratio accepted for a zip member (JSON compresses about 5 to 20
        times; a bomb thousands of times).
    max_members : int
        Most members read from one zip file.
    """

    max_file_bytes: int = 1 << 20
    max_archive_bytes: int = 256 << 20
    max_ratio: float = 100.0
    max_members: int = 100_000


@dataclass(frozen=True)
class Skipped:
    """A file or zip member that was not collected, and why."""

    source: str
    reason: str


@dataclass
class CollectReport:
    """What a collection did: read, added, replaced, kept, migrated, skipped (with reasons)."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    kept_newer: int = 0
    migrated: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def skip(self, source: str, reason: str) -> None:
        """Record a skipped file."""
        self.skipped.append(Skipped(source, reason))

    def summary(self) -> str:
        """The report in a few lines of plain text."""
        lines = [
            f"Hand-ins read: {self.read} ({self.migrated} migrated from an older version)",
            f"Added: {self.added}; replaced by a later hand-in: {self.replaced}; "
            f"not used because a later one is stored: {self.kept_newer}",
            f"Skipped: {len(self.skipped)}",
        ]
        lines.extend(f"  {s.source}: {s.reason}" for s in self.skipped)
        lines.append(f"Time: {self.seconds:.2f} s")
        return "\n".join(lines)


class TextProgress:
    """A text progress bar for the command line (no extra dependency).

    Writes at most ten updates a second, then a final line, to ``stream`` (default stderr).
    """

    def __init__(self, stream: IO[str] | None = None, width: int = 30, label: str = "Collecting"):
        self.stream = stream or sys.stderr
        self.width = width
        self.label = label
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` files are read."""
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}{end}")
        self.stream.flush()


ProgressCallback = Callable[[int, int], None]


@dataclass
class _Item:
    """One candidate hand-in: a file on disk, or a member of a zip file."""

    label: str
    path: Path
    member: zipfile.ZipInfo | None = None
    archive: _Archive | None = None


@dataclass
class _Archive:
    path: Path
    zip: zipfile.ZipFile
    budget: int
    exhausted: bool = False


def _unsafe_name(name: str) -> str | None:
    """Why a zip member name is unsafe, or None."""
    if "\x00" in name:
        return "member name holds a NUL character"
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return "absolute path in the zip (not allowed)"
    if ".." in PurePosixPath(unified).parts:
        return "'..' in the path (path traversal, not allowed)"
    return None


def _is_metadata(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and (parts[0] == "__MACOSX" or parts[-1].startswith("._")
                            or parts[-1] in (".DS_Store", "Thumbs.db"))


def _zip_items(path: Path, label: str, limits: Limits, report: CollectReport,
               open_archives: list[_Archive]) -> Iterator[_Item]:
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        report.skip(label, f"not a readable zip file ({exc})")
        return
    if len(members) > limits.max_members:
        report.skip(label, f"zip holds {len(members)} entries (limit {limits.max_members}); "
                           f"not read")
        archive.close()
        return
    box = _Archive(path, archive, limits.max_archive_bytes)
    open_archives.append(box)
    for info in members:
        where = f"{label}!{info.filename}"
        if info.is_dir() or _is_metadata(info.filename):
            continue
        problem = _unsafe_name(info.filename)
        if problem is None and info.flag_bits & 0x1:
            problem = "encrypted member (not read)"
        if problem is None and info.filename.lower().endswith((".zip", ".jar", ".7z", ".gz",
                                                              ".tar", ".rar")):
            problem = "archive inside the archive (nested archives are not followed)"
        if problem is None and not info.filename.lower().endswith(".json"):
            problem = "not a .json file"
        if problem is None and info.file_size > limits.max_file_bytes:
            problem = (f"declared size {info.file_size} bytes is over the limit of "
                       f"{limits.max_file_bytes}")
        if problem is None and info.file_size > 1024 and (
                info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio):
            problem = (f"compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 "
                       f"looks like a zip bomb (limit {limits.max_ratio:.0f}:1)")
        if problem:
            report.skip(where, problem)
            continue
        yield _Item(where, path, info, box)


def _walk(paths: Iterable[str | os.PathLike], limits: Limits, report: CollectReport,
          open_archives: list[_Archive]) -> list[_Item]:
    items: list[_Item] = []

    def visit_file(path: Path, label: str) -> None:
        try:
            info = path.lstat()
        except OSError as exc:
            report.skip(label, f"cannot be read ({exc.strerror})")
            return
        if stat.S_ISLNK(info.st_mode):
            report.skip(label, "symbolic link (not followed)")
            return
        name = path.name.lower()
        if name.endswith(".zip") or (not name.endswith(".json") and zipfile.is_zipfile(path)):
            items.extend(_zip_items(path, label, limits, report, open_archives))
        elif name.endswith(".json"):
            if info.st_size > limits.max_file_bytes:
                report.skip(label, f"{info.st_size} bytes is over the limit of "
                                   f"{limits.max_file_bytes}")
            else:
                items.append(_Item(label, path))
        elif not _is_metadata(path.name):
            report.skip(label, "not a hand-in file (.json) or a zip of them")

    for given in paths:
        root = Path(given).expanduser()
        if root.is_dir() and not root.is_symlink():
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                for name in sorted(files):
                    full = Path(folder) / name
                    visit_file(full, str(full))
        elif root.exists() or root.is_symlink():
            visit_file(root, str(root))
        else:
            report.skip(str(root), "no such file or folder")
    return items


def _read(item: _Item, limits: Limits) -> bytes:
    """The item's bytes, never more than the limits allow (whatever sizes a zip declares)."""
    cap = limits.max_file_bytes
    if item.member is None:
        with item.path.open("rb") as fh:
            data = fh.read(cap + 1)
    else:
        box = item.archive
        assert box is not None
        if box.exhausted:
            raise HandinError(f"the archive passed its limit of {limits.max_archive_bytes} "
                              f"decompressed bytes; the rest is not read")
        with box.zip.open(item.member) as fh:
            data = fh.read(min(cap, box.budget) + 1)
        box.budget -= len(data)
        if box.budget < 0:
            box.exhausted = True
            raise HandinError(f"the archive passed its limit of {limits.max_archive_bytes} "
                              f"decompressed bytes; the rest is not read")
    if len(data) > cap:
        raise HandinError(f"more than {cap} bytes (over the size limit)")
    return data


def parse_handin(data: bytes) -> tuple[dict[str, Any], int]:
    """Parse and check the bytes of a hand-in file.

    Returns the clean hand-in and the version it was written in.

    Raises
    ------
    HandinError
        With a short reason: not UTF-8, not JSON, not a hand-in, invalid field.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise HandinError("not UTF-8 text (not a hand-in file)") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HandinError(f"not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise HandinError("JSON nested too deeply") from None
    _, version = upgrade(doc)
    return validate_handin(doc), version


def collect(paths: Iterable[str | os.PathLike], class_store: ClassStore, *,
            progress: bool | ProgressCallback | None = None, limits: Limits | None = None,
            batch: int = 500) -> CollectReport:
    """Read folders and zip files of hand-ins into ``class_store``.

    Parameters
    ----------
    paths : iterable of paths
        Hand-in files (``.json``), zip files of them, or folders holding either (searched
        recursively; symbolic links are not followed).
    class_store : ClassStore
        From :func:`~coursekit.classroom.class_store.open_class_store`.
    progress : bool or callable, optional
        ``True`` for a text progress bar on stderr, or ``f(done, total)`` (a widget's).
    limits : Limits, optional
        Size limits; the defaults suit real hand-ins.
    batch : int
        Hand-ins written per transaction.

    Returns
    -------
    CollectReport
        Counts and every skipped file with its reason (see :meth:`CollectReport.summary`).
    """
    limits = limits or Limits()
    report = CollectReport()
    started = time.perf_counter()
    if progress is True:
        progress = TextProgress()
    archives: list[_Archive] = []
    try:
        items = _walk(paths, limits, report, archives)
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            for status in class_store.add_many(pending, validated=True):
                if status == ADDED:
                    report.added += 1
                elif status == REPLACED:
                    report.replaced += 1
                elif status == KEPT_NEWER:
                    report.kept_newer += 1
            pending.clear()

        total = len(items)
        for done, item in enumerate(items, start=1):
            try:
                handin, version = parse_handin(_read(item, limits))
            except HandinError as exc:
                report.skip(item.label, str(exc))
            except (OSError, zipfile.BadZipFile, EOFError, RuntimeError, ValueError) as exc:
                report.skip(item.label, f"cannot be read ({type(exc).__name__}: {exc})")
            else:
                report.read += 1
                report.migrated += version < handin["version"]
                pending.append(handin)
                if len(pending) >= batch:
                    flush()
            if progress:
                progress(done, total)
        if pending:
            flush()
        if progress and total == 0:
            progress(0, 0)
    finally:
        for box in archives:
            box.zip.close()
    report.seconds = time.perf_counter() - started
    return report
