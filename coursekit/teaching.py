"""Teaching notes for instructors, built from a case file: plan, questions, board, cues.

Pure functions: Markdown text and a plotly figure of the 90-minute session plan. The
instructor notebooks show them; nothing here reads a learner's data.

Examples
--------
>>> from coursekit import load_case
>>> case = load_case("the-career-impasse")
>>> plan = session_plan(case)
>>> int(plan.end.iloc[-1])
90
>>> "## Questions, in order" in teaching_notes_markdown(case)
True
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._figure_style import TEMPLATE
from ._palette import QUALITATIVE
from ._text import escape_html
from .cases import Case


def session_plan(case: Case) -> pd.DataFrame:
    """The case's timing plan with start and end minute of each block.

    Returns
    -------
    pandas.DataFrame
        Columns ``block`` (1-based), ``activity``, ``minutes``, ``start``, ``end``.
    """
    rows, clock = [], 0
    for number, step in enumerate(case.teaching_notes.timing, start=1):
        rows.append({"block": number, "activity": step.activity, "minutes": step.minutes,
                     "start": clock, "end": clock + step.minutes})
        clock += step.minutes
    return pd.DataFrame(rows, columns=["block", "activity", "minutes", "start", "end"])


def session_plan_figure(case: Case) -> go.Figure:
    """The 90-minute plan as one horizontal bar per block on a common clock axis."""
    plan = session_plan(case)
    labels = [f"{row.block}. {_short(row.activity)}" for row in plan.itertuples()]
    fig = go.Figure(go.Bar(
        y=labels, x=plan.minutes, base=plan.start, orientation="h",
        marker={"color": [QUALITATIVE[i % 6] for i in range(len(plan))]},
        text=[f"{m} min" for m in plan.minutes], textposition="inside",
        insidetextanchor="middle",
        hovertext=[escape_html(a) for a in plan.activity],
        hovertemplate="%{hovertext}<br>minute %{base} to %{x:.0f} more<extra></extra>",
    ))
    fig.update_layout(
        title=f"Session plan: {escape_html(case.title)} (90 minutes)",
        xaxis={"title": "minutes into the session", "range": [0, 90], "dtick": 15},
        yaxis={"autorange": "reversed", "title": None},
        template=TEMPLATE, height=90 + 34 * len(plan),
        margin={"r": 10, "t": 50, "b": 40}, showlegend=False,
    )
    return fig


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def questions_in_order(case: Case) -> list[str]:
    """The questions to put to the class, in teaching order.

    Each part's decision prompts as the narrative reaches them, then the discussion questions.
    """
    questions = []
    for part in case.parts:
        questions.extend(f"*{part.title}*: {d.prompt}" for d in case.decisions_after(part.id))
    questions.extend(case.discussion)
    return questions


def teaching_notes_markdown(case: Case) -> str:
    """The teaching notes of a case as Markdown.

    Objectives, timing, questions, board plan, what to listen for, and contested facts.
    """
    notes = case.teaching_notes
    lines = [f"# Teaching notes: {case.title}", "",
             f"Source: {case.source.citation()}", "",
             f"Learner time for the notebook: about {case.minutes} minutes.", "",
             "## Objectives", ""]
    lines += [f"- {o}" for o in case.objectives]
    lines += ["", "## Timing plan (90 minutes)", "", "| minutes | block | activity |",
              "| --- | --- | --- |"]
    for row in session_plan(case).itertuples():
        lines.append(f"| {row.start}-{row.end} | {row.block} | {row.activity} |")
    lines += ["", "## Questions, in order", ""]
    lines += [f"{i}. {q}" for i, q in enumerate(questions_in_order(case), start=1)]
    lines += ["", "## Board plan", ""]
    lines += [f"- {b}" for b in notes.board_plan]
    lines += ["", "## What to listen for", ""]
    lines += [f"- {item}" for item in notes.listen_for]
    if case.contested_facts:
        lines += ["", "## Facts to handle with care", ""]
        for fact in case.contested_facts:
            lines.append(f"- **Contested:** {fact.fact} ({fact.citation})"
                         + (f" — {fact.note}" if fact.note else ""))
    return "\n".join(lines) + "\n"
