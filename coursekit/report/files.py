"""Writing the report, its Markdown twin and the plan's calendar into the learner's folder."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..planning import calendar_bytes
from ..store import LearnerStore
from .content import gather_report
from .html import render_report
from .markdown import render_markdown

#: File names inside the report folder.
HTML_NAME, MARKDOWN_NAME, CALENDAR_NAME = "my-report.html", "my-report.md", "my-plan.ics"


@dataclass(frozen=True)
class ReportFiles:
    """Where the report's files were written."""

    html: Path
    markdown: Path
    calendar: Path
    dated_items: int
    reflections: int


def report_folder(store: LearnerStore) -> Path:
    """The folder for report files.

    ``report/`` beside the store file (in the learner's ``learner-data`` folder), or a
    temporary folder for an in-memory (demo) store.
    """
    if store.path is None:
        return Path(tempfile.gettempdir()) / "coursekit-demo-report"
    return store.path.expanduser().resolve().parent / "report"


def _write(path: Path, data: bytes) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def make_report_files(store: LearnerStore, folder: str | Path | None = None, *,
                      include_reflections: str | Iterable[str] | None = None,
                      today: date | None = None, html_name: str = HTML_NAME,
                      markdown_name: str = MARKDOWN_NAME,
                      calendar_name: str = CALENDAR_NAME) -> ReportFiles:
    """Write the HTML report, the Markdown report and the ``.ics`` calendar; return the paths.

    The store is read once; the three files describe the same moment. Default folder:
    :func:`report_folder` (``learner-data/report/`` beside the learner's store).
    """
    folder = Path(folder) if folder is not None else report_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    content = gather_report(store, include_reflections=include_reflections, today=today)
    html = _write(folder / html_name, render_report(content).encode("utf-8"))
    md = _write(folder / markdown_name, render_markdown(content).encode("utf-8"))
    ics = _write(folder / calendar_name, calendar_bytes(content.plan))
    return ReportFiles(html, md, ics, sum(1 for s in content.plan.steps if s.due),
                       len(content.reflections))


__all__ = ["CALENDAR_NAME", "HTML_NAME", "MARKDOWN_NAME", "ReportFiles", "make_report_files",
           "report_folder"]
