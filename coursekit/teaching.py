"""Teaching notes for instructors, built from a case file: a plan to teach from.

Pure functions for the instructor notebooks (``ck.teaching_notes(case)``): the session's
blocks on the clock (:func:`session_blocks`, :func:`session_plan`), what to cut when the
class runs late (:func:`late_cuts`), the plan as a figure and the whole notes as HTML
(template ``teaching/notes.html.j2``). Nothing here reads a learner's data.

Examples
--------
>>> from coursekit.cases import load_case
>>> case = load_case("the-first-step")
>>> [(b.number, b.start, b.end) for b in session_blocks(case)][:3]
[(1, 0, 5), (2, 5, 15), (3, 15, 25)]
>>> [b.decision.id for b in session_blocks(case) if b.decision]
['after-the-talk', 'the-failure-figure', 'alone-abroad']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ._figure_style import TEMPLATE
from ._palette import QUALITATIVE
from ._render import render
from ._teaching_model import POLL_METHODS, SESSION_MINUTES, LateCut, TimingStep
from ._text import escape_html
from .cases import Case, DecisionPoint

#: How each way of polling works in class: the same for every case, so it lives here and
#: not in the case files. True of the class dashboard as it is (see docs/jupyterhub.md).
POLL_HOW = {
    "hands": ("By hands", "Read the options aloud one at a time and count the hands raised "
              "for each. The quickest way; but people see each other's hands, and some follow "
              "the first ones raised."),
    "cards": ("By cards", "Number the options on the board. Each learner writes the number of "
              "their choice on a card or a sheet of paper, or holds up that many fingers, and "
              "everyone shows at once on your signal. A minute slower than hands, and nobody "
              "can follow the majority."),
    "dashboard": ("On the class dashboard", "Needs a class database (COURSEKIT_CLASS_DB, see "
                  "docs/jupyterhub.md). Each learner commits the prediction in the case "
                  "notebook, which shows them the outcome at once, then opens 06_hand_in, "
                  "reads what their hand-in holds and presses Send to the class; a later "
                  "send replaces their earlier one. In notebooks/instructor/"
                  "class_dashboard.ipynb press Refresh: the panel \"<case>: the class's "
                  "predictions\" shows how the class chose at every decision point. A "
                  "question answered by fewer than five learners is hidden, and so is an "
                  "option chosen by one to four (with the next smallest when it could be "
                  "worked out), so it suits classes of about ten or more. Without a class "
                  "database the dashboard shows a demo class, not yours."),
}
assert tuple(POLL_HOW) == POLL_METHODS  # one explanation per method a case may name


@dataclass(frozen=True)
class Block:
    """One block of the session on the clock: ``start`` and ``end`` in minutes from 0."""

    number: int
    start: int
    end: int
    step: TimingStep
    #: The decision point polled in the block, if any.
    decision: DecisionPoint | None

    @property
    def clock(self) -> str:
        """The block's minutes as a range, e.g. ``5-15``."""
        return f"{self.start}\u2013{self.end}"


def session_blocks(case: Case) -> list[Block]:
    """The case's timing plan as blocks on the session clock, each with its polled decision."""
    blocks, start = [], 0
    for number, step in enumerate(case.teaching_notes.timing, start=1):
        decision = case.decision(step.poll.decision) if step.poll else None
        blocks.append(Block(number, start, start + step.minutes, step, decision))
        start += step.minutes
    return blocks


def session_plan(case: Case) -> pd.DataFrame:
    """The case's timing plan: ``block`` (from 1), ``activity``, ``minutes``, ``start``, ``end``."""
    blocks = session_blocks(case)
    return pd.DataFrame({"block": [b.number for b in blocks],
                         "activity": [b.step.activity for b in blocks],
                         "minutes": [b.step.minutes for b in blocks],
                         "start": [b.start for b in blocks], "end": [b.end for b in blocks]})


def late_cuts(case: Case) -> list[tuple[Block, LateCut]]:
    """What to cut when the class runs late, block by block, in the order of the session."""
    return [(b, b.step.if_late) for b in session_blocks(case) if b.step.if_late]


def session_plan_figure(case: Case) -> go.Figure:
    """The 90-minute plan as one horizontal bar per block on a common clock axis.

    Blocks in which the class polls a decision point are hatched (a trace of their own, named
    "block with a poll"); the pointer on a bar shows its lead question. The notes above the
    figure say what the hatching means (a legend's swatch of a hatched bar shows nothing).
    """
    blocks = session_blocks(case)
    labels = [f"{b.number}. {escape_html(b.step.title)}" for b in blocks]
    fig = go.Figure()
    for polled, name in ((False, "block"), (True, "block with a poll")):
        chosen = [(i, b) for i, b in enumerate(blocks) if bool(b.decision) == polled]
        if not chosen:
            continue
        fig.add_trace(go.Bar(
            name=name, orientation="h", y=[labels[i] for i, _ in chosen],
            x=[b.step.minutes for _, b in chosen], base=[b.start for _, b in chosen],
            marker={"color": [QUALITATIVE[i % 6] for i, _ in chosen],
                    # light stripes over the bar's own colour, so its text stays legible
                    "pattern": {"shape": "/" if polled else "", "fillmode": "overlay",
                                "fgcolor": "white", "fgopacity": 0.45, "size": 10}},
            text=[f"{b.step.minutes} min" for _, b in chosen], textposition="inside",
            insidetextanchor="middle",
            hovertext=[escape_html(b.step.lead_question) for _, b in chosen],
            hovertemplate="minute %{base} to %{x:.0f} more<br>Ask: %{hovertext}<extra></extra>",
        ))
    fig.update_layout(
        title=f"Session plan: {escape_html(case.title)} ({SESSION_MINUTES} minutes)",
        xaxis={"title": "minutes into the session", "range": [0, SESSION_MINUTES], "dtick": 15},
        yaxis={"autorange": "reversed", "title": None, "categoryorder": "array",
               "categoryarray": labels},
        template=TEMPLATE, height=90 + 34 * len(blocks), barmode="overlay",
        uniformtext={"minsize": 10, "mode": "hide"},
        margin={"r": 10, "t": 50, "b": 40}, showlegend=False,
    )
    return fig


def teaching_notes_html(case: Case) -> tuple[str, str]:
    """The teaching notes as HTML in two pieces: above the session plan figure, and below.

    Both are :class:`~markupsafe.Markup`. Above (``teaching/overview.html.j2``): synopsis,
    before class, objectives. Below (``teaching/session.html.j2``): running late, the polls,
    the board plan, the blocks one by one, the closing takeaways, what to listen for,
    contested facts, the discussion questions and references. Every text comes from the
    case file, escaped.
    """
    context = {"case": case, "notes": case.teaching_notes, "blocks": session_blocks(case),
               "cuts": late_cuts(case), "poll_how": POLL_HOW, "session": SESSION_MINUTES}
    return (render("teaching/overview.html.j2", **context),
            render("teaching/session.html.j2", **context))
