"""The personal report as Markdown (text only: the figures' facts are in its tables)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..planning import md_escape, plan_markdown
from ..store import LearnerStore
from .content import SOURCES, ReportContent, gather_report


def _assessment_lines(content: ReportContent) -> list[str]:
    if not content.assessments:
        return ["_No questionnaire answered yet._", ""]
    out: list[str] = []
    for result in content.assessments:
        out += [f"### {md_escape(result.title)}", "", "| Scale | Score | Band |",
                "|---|---|---|"]
        for _, row in result.table.iterrows():
            if row["status"] == "complete":
                out.append(f"| {md_escape(row['name'])} | {row['score']:.1f} | "
                           f"{md_escape(row['band_label'])} |")
            else:
                out.append(f"| {md_escape(row['name'])} | \u2013 | incomplete "
                           f"({row['answered']} of {row['items']} answered) |")
        out.append("")
    return out


def _network_lines(content: ReportContent) -> list[str]:
    net = content.network
    if net is None:
        return ["_No network mapped yet._", ""]
    out = ["| Measure | Value | How it is computed |", "|---|---|---|"]
    for r in net.table.to_dict("records"):
        out.append(f"| {md_escape(r['measure'])} | {md_escape(r['value'])} | "
                   f"{md_escape(r['how it is computed'])} |")
    out.append("")
    if net.outsight_markdown:
        out += ["### Out-sight", "", net.outsight_markdown, ""]
    return out


def render_markdown(content: ReportContent, *, title: str = "My career report") -> str:
    """The report for gathered content, as Markdown."""
    out = [f"# {md_escape(title)}", "", f"Made on {content.made_on.isoformat()} with coursekit.",
           ""]
    if content.demo:
        out += ["**Demo:** a sample person's made-up answers, not anyone's real data.", ""]
    out += ["## Reflections I chose to include", ""]
    if content.reflections:
        for r in content.reflections:
            out += [f"### {md_escape(r.heading)}", ""]
            if r.prompt:
                out += [f"_{md_escape(r.prompt)}_", ""]
            out += [f"> {md_escape(line)}" if line.strip() else ">"
                    for line in r.text.splitlines()] + [""]
    else:
        out += ["_None included: reflections are private unless you tick them._", ""]
    out += ["## Self-assessment results", "", *_assessment_lines(content)]
    out += ["## My network", "", *_network_lines(content)]
    out += [plan_markdown(content.plan, heading_level=2).rstrip(), ""]
    out += ["## Sources", "", *[f"- {md_escape(s)}" for s in SOURCES], ""]
    return "\n".join(out)


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
