"""Teaching notes for instructors, built from a case file: plan, questions, board, cues.

Pure functions (Markdown text and a plotly figure of the 90-minute session plan) for the
instructor notebooks; nothing here reads a learner's data.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._figure_style import TEMPLATE
from ._palette import QUALITATIVE
from ._text import escape_html
from .cases import Case


def session_plan(case: Case) -> pd.DataFrame:
    """The case's timing plan: ``block`` (from 1), ``activity``, ``minutes``, ``start``, ``end``."""
    timing = case.teaching_notes.timing
    minutes = pd.Series([step.minutes for step in timing])
    return pd.DataFrame({"block": range(1, len(timing) + 1),
                         "activity": [step.activity for step in timing], "minutes": minutes,
                         "start": minutes.cumsum() - minutes, "end": minutes.cumsum()})


def session_plan_figure(case: Case) -> go.Figure:
    """The 90-minute plan as one horizontal bar per block on a common clock axis."""
    plan = session_plan(case)
    labels = [f"{row.block}. {_short(row.activity)}" for row in plan.itertuples()]
    fig = go.Figure(go.Bar(
        y=labels, x=plan.minutes, base=plan.start, orientation="h",
        marker={"color": [QUALITATIVE[i % 6] for i in range(len(plan))]},
        text=[f"{m} min" for m in plan.minutes], textposition="inside", insidetextanchor="middle",
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
    """The class's questions: decision prompts as the story reaches them, then discussion."""
    return [*(f"*{part.title}*: {d.prompt}" for part in case.parts
              for d in case.decisions_after(part.id)), *case.discussion]


def teaching_notes_markdown(case: Case) -> str:
    """The teaching notes of a case as Markdown: objectives, timing, questions, board, cues."""
    notes = case.teaching_notes
    lines = [f"# Teaching notes: {case.title}", "", f"Source: {case.source.citation()}", "",
             f"Learner time for the notebook: about {case.minutes} minutes.", "",
             "## Objectives", "", *(f"- {o}" for o in case.objectives),
             "", "## Timing plan (90 minutes)", "", "| minutes | block | activity |",
             "| --- | --- | --- |",
             *(f"| {r.start}-{r.end} | {r.block} | {r.activity} |"
               for r in session_plan(case).itertuples()),
             "", "## Questions, in order", "",
             *(f"{i}. {q}" for i, q in enumerate(questions_in_order(case), start=1)),
             "", "## Board plan", "", *(f"- {b}" for b in notes.board_plan),
             "", "## What to listen for", "", *(f"- {item}" for item in notes.listen_for)]
    if case.contested_facts:
        lines += ["", "## Facts to handle with care", ""]
        lines += [f"- **Contested:** {fact.fact} ({fact.citation})"
                  + (f" — {fact.note}" if fact.note else "") for fact in case.contested_facts]
    return "\n".join(lines) + "\n"
