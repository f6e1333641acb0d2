"""The personal report: one self-contained HTML page (and a Markdown twin) from the store.

It gathers the reflections the learner chose (none by default: reflections are private),
their self-assessment results, their network map, measures and out-sight summary, and the
whole action plan with its timeline. The HTML works offline and prints well. The names of
contacts may appear, because the report is the learner's own; nothing here is shared.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.report import build_report
>>> "<h2 id='timeline-h'>Timeline</h2>" in build_report(LearnerStore(":memory:"))
True
"""

from __future__ import annotations

from .content import ReportContent, gather_report
from .files import ReportFiles, make_report_files, report_folder
from .html import build_report, render_report, write_report
from .markdown import render_markdown, report_markdown
from .sections import (
                       Reflection,
                       choose_reflections,
                       list_reflections,
                       save_reflection_choice,
                       saved_reflection_choice,
)

__all__ = ["Reflection", "ReportContent", "ReportFiles", "build_report", "choose_reflections",
           "gather_report", "list_reflections", "make_report_files", "render_markdown",
           "render_report", "report_folder", "report_markdown", "save_reflection_choice",
           "saved_reflection_choice", "write_report"]
