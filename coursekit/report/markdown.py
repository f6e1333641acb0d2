"""The personal report as Markdown (text only: the figures' facts are in its tables).

The text is the template ``report/report.md.j2``; it includes the plan's Markdown
(``plan/plan.md.j2``) and the network's measures and out-sight audit (the same partials
as the HTML report's, in Markdown). Every value is Markdown-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from markupsafe import Markup

from .._render import render
from ..store import LearnerStore
from .content import SOURCES, ReportContent, gather_report


def render_markdown(content: ReportContent, *, title: str = "My career report") -> str:
    """The report for gathered content, as Markdown."""
    parts = [(part, Markup(render(f"{part.template}.md.j2", **part.context).strip()))
             for part in content.parts]
    return render("report/report.md.j2", content=content, parts=parts, title=title,
                  sources=SOURCES)


def report_markdown(store: LearnerStore, *,
                    include_reflections: str | Iterable[str] | None = None,
                    today: date | None = None) -> str:
    """The personal report as Markdown; ``include_reflections`` as in ``build_report``.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> report_markdown(LearnerStore(":memory:")).splitlines()[0]
    '# My career report'
    """
    content = gather_report(store, include_reflections=include_reflections, today=today)
    return render_markdown(content)


__all__ = ["render_markdown", "report_markdown"]
