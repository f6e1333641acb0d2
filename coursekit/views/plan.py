"""Planning views (notebook 04): vision, goal and skills gap, timeline, and the whole plan.

Every control is labelled and saves on change, each save its own transaction; errors show
as a sentence under the control, never a traceback. The steps, if-then coach and
networking plan are in :mod:`coursekit.views.plan_steps`.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> v = VisionView(store)
>>> v.titles["current"].value = "Head of quality"
>>> v.sliders["current"]["liking"].value = 4
>>> from coursekit.planning import load_paths
>>> load_paths(store)[0].title, load_paths(store)[0].liking
('Head of quality', 4)
"""

from __future__ import annotations

import ipywidgets as widgets

from .._render import render
from .._text import escape_html
from ..planning import (
    PATH_LABELS,
    PATH_PROMPTS,
    RATINGS,
    add_skill,
    list_skills,
    list_steps,
    load_goal,
    load_paths,
    load_plan,
    remove_skill,
    save_goal,
    save_path,
    timeline_figure,
    timeline_key,
    update_skill,
    vision_figure,
)
from ..planning.goal import STATUS_WORDS
from ..planning.model import GOAL_KINDS, KIND_LABELS
from ..store import LearnerStore
from ._common import AfterPause, Status, Synced, demo_banner, guarded
from ._figures import after_display, set_figure, set_hint
from ._plan_common import WIDE, date_picker, heading, text_box

#: What the comparison chart's place shows until a path has a rating (an empty plot says
#: nothing).
CHART_HINT = "Rate at least one path to see them compared."
TIMELINE_HINT = "Give a step a date to see your plan over the coming months."

_RATING_OPTIONS = [("not rated", 0), ("1 low", 1), ("2", 2), ("3", 3), ("4", 4), ("5 high", 5)]


class VisionView(widgets.VBox):
    """Three paths side by side, each with title, description, questions and four ratings.

    Attributes
    ----------
    titles, descriptions, questions : dict of path kind to Text / Textarea
    sliders : dict of path kind to dict of rating name to SelectionSlider (0 = not rated)
    chart : Output
        The comparison dot plot, redrawn after each rating or title change; until a path
        is rated it holds a one-line hint (:data:`CHART_HINT`) instead of an empty plot.
    figure : plotly Figure or None
        The figure the chart shows (None while it shows the hint).
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.chart = widgets.Output()
        self.figure = None
        self.titles: dict = {}
        self.descriptions: dict = {}
        self.questions: dict = {}
        self.sliders: dict = {}
        self._redraw_later = AfterPause(self.redraw)
        columns = []
        for path in load_paths(store):
            kind = path.kind
            self.titles[kind] = text_box(path.title, "Title", "a few words, like a headline")
            self.descriptions[kind] = text_box(path.description, "What it looks like",
                                               "where you are in five years", area=True)
            self.questions[kind] = text_box(path.questions, "Questions it raises",
                                            "one question per line", area=True)
            for name, control in (("title", self.titles[kind]),
                                  ("description", self.descriptions[kind]),
                                  ("questions", self.questions[kind])):
                control.observe(self._saver(kind, name), names="value")
            self.sliders[kind] = {}
            for name, question in RATINGS.items():
                # A drop-down, not a slider: its label names it for a screen reader.
                slider = widgets.Dropdown(
                    options=_RATING_OPTIONS, value=path.ratings[name] or 0,
                    description=name.capitalize(), tooltip=question,
                    style={"description_width": "6rem"}, layout=WIDE)
                slider.observe(self._saver(kind, name, rating=True), names="value")
                self.sliders[kind][name] = slider
            columns.append(widgets.VBox(
                [heading(PATH_LABELS[kind], 4),
                 widgets.HTML(f"<i>{escape_html(PATH_PROMPTS[kind])}</i>"),
                 self.titles[kind], self.descriptions[kind], self.questions[kind],
                 widgets.HTML("<small>Rate it, 1 (low) to 5 (high):</small>"),
                 *self.sliders[kind].values()],
                layout=widgets.Layout(flex="1 1 300px", padding="0 8px 0 0")))
        questions = "".join(f"<li><b>{n.capitalize()}</b>: {escape_html(q)}</li>"
                            for n, q in RATINGS.items())
        super().__init__([
            demo_banner(store), heading("Three five-year paths"),
            widgets.HTML(f"<ul>{questions}</ul>"),
            widgets.HBox(columns, layout=widgets.Layout(width="100%", flex_flow="row wrap")),
            self.status, self.chart])
        after_display(self.redraw, self.status)  # the boxes first, the chart after them

    def _saver(self, kind: str, name: str, *, rating: bool = False):
        def save(change) -> None:
            value = change["new"]
            if rating:
                value = value or None
            guarded(self.status, lambda: save_path(self.store, kind, **{name: value}),
                    f"Saved: {PATH_LABELS[kind]}, {name}.")
            if rating:
                self.redraw()
            elif name == "title":  # the titles are the chart's hover text: after a pause
                self._redraw_later()
        return save

    def redraw(self) -> None:
        """Redraw the comparison chart from the store (the hint while nothing is rated)."""
        paths = load_paths(self.store)
        if not any(value is not None for path in paths for value in path.ratings.values()):
            self.figure = None
            set_hint(self.chart, CHART_HINT)
            return
        self.figure = vision_figure(paths)
        set_figure(self.chart, self.figure)


class SkillRow(widgets.HBox):
    """One row of the skills-gap matrix: skill, evidence, builder, status, remove."""

    def __init__(self, view: GoalView, skill):
        self.skill_id = skill.id
        self.skill = text_box(skill.skill, "Skill", "a skill or experience the goal needs")
        self.evidence = text_box(skill.evidence, "My evidence", "when did you show it?")
        self.builder = text_box(skill.builder, "What would build it",
                                "e.g. a project")
        self.status_label = widgets.HTML(self._status_text(skill.status),
                                         layout=widgets.Layout(width="9rem"))
        self.remove = widgets.Button(description="Remove", tooltip=f"Remove {skill.skill}",
                                     icon="trash", layout=widgets.Layout(width="7rem"))
        for name in ("skill", "evidence", "builder"):
            # Side by side where there is room, one under another where there is not.
            getattr(self, name).layout = widgets.Layout(flex="1 1 18rem", width="auto")
            getattr(self, name).observe(self._saver(view, name), names="value")
        self.remove.on_click(lambda _b: view.remove_row(self.skill_id))
        # Wraps onto a second line rather than squeezing the boxes and the button.
        super().__init__([self.skill, self.evidence, self.builder, self.status_label,
                          self.remove], layout=widgets.Layout(width="100%",
                                                              flex_flow="row wrap"))

    @staticmethod
    def _status_text(status: str) -> str:
        return f"<small>{escape_html(STATUS_WORDS[status])}</small>"

    def _saver(self, view: GoalView, name: str):
        def save(change) -> None:
            saved = guarded(view.status, lambda: update_skill(view.store, self.skill_id,
                                                              **{name: change["new"]}))
            if saved is not None:
                self.status_label.value = self._status_text(saved.status)
        return save


def synced_goal(store: LearnerStore, status: Status, **controls: widgets.ValueWidget
                ) -> Synced:
    """Controls for the goal's fields, in step with every other view of the goal.

    ``controls`` maps ``goal``, ``outcome``, ``target_date`` or ``kind`` to a control; the if-then
    coach shows the goal as its wish.
    """
    def read() -> dict:
        goal = load_goal(store)
        return {"goal": goal.goal, "outcome": goal.outcome, "target_date": goal.target_date,
                "kind": goal.kind}

    return Synced(store, read, lambda name, value: save_goal(store, **{name: value}),
                  controls, status)


#: When each kind of goal helps (shown above the choice).
KIND_ADVICE = (
    "<p>Two kinds of goal. <b>A result to reach</b> (\"lead a team abroad by 2028\") suits "
    "a path you know. On a path that is new to you, <b>something to learn first</b> (\"find "
    "out, from five people doing it, what the job asks and how they got in\") can work "
    "better: in a laboratory study of a new, moderately complex task, people given a specific "
    "learning goal did better than people given a specific result to reach (Seijts and "
    "Latham 2001). Acting your way into a new direction, one small try at a time, is also "
    "how the career changers Herminia Ibarra studied found theirs (<i>Working Identity</i>, "
    "2003).</p>")


class GoalView(widgets.VBox):
    """The goal (wish, outcome, target date) and the skills-gap matrix (add/remove rows).

    Attributes
    ----------
    goal, outcome : Textarea
    target_date : DatePicker
    kind : RadioButtons
        A result to reach, or something to learn first (``GOAL_KINDS``).
    new_skill : Text
    add_button : Button
    rows : VBox of SkillRow
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.goal = text_box("", "My goal", "specific and a stretch: what, where, "
                             "by when", area=True, rows=2)
        self.outcome = text_box("", "Best outcome", "what would be best about "
                                "reaching it?", area=True, rows=2)
        self.target_date = date_picker(None, "By when")
        self.kind = widgets.RadioButtons(
            options=[(words, key) for key, words in GOAL_KINDS.items()], value=None,
            description="What kind of goal?", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.synced = synced_goal(store, self.status, goal=self.goal, outcome=self.outcome,
                                  target_date=self.target_date, kind=self.kind)
        self.new_skill = text_box("", "New skill", "e.g. Leading a team across cultures")
        self.add_button = widgets.Button(description="Add row", icon="plus",
                                         tooltip="Add this skill to the matrix")
        self.add_button.on_click(lambda _b: self.add_row())
        self.rows = widgets.VBox()
        self.refresh_rows()
        super().__init__([
            demo_banner(store), heading("Know what you want: your goal"),
            widgets.HTML(KIND_ADVICE), self.kind,
            self.goal, self.outcome, self.target_date,
            heading("Get ready: the skills gap"),
            widgets.HTML("<p>List the skills and experiences your goal needs. For each, "
                         "write your evidence that you have it, or the assignment or "
                         "project that would build it.</p>"),
            self.rows, widgets.HBox([self.new_skill, self.add_button]), self.status])

    def refresh_rows(self) -> None:
        """Rebuild the matrix rows from the store."""
        self.rows.children = [SkillRow(self, s) for s in list_skills(self.store)]

    def add_row(self) -> None:
        """Add the skill typed in ``new_skill``."""
        if guarded(self.status, lambda: add_skill(self.store, self.new_skill.value),
                   "Row added.") is not None:
            self.new_skill.value = ""
            self.refresh_rows()

    def remove_row(self, skill_id: int) -> None:
        """Remove one row."""
        guarded(self.status, lambda: remove_skill(self.store, skill_id), "Row removed.")
        self.refresh_rows()


class TimelineView(widgets.VBox):
    """The timeline figure, redrawn when the steps it shows change.

    A change to the store that leaves the steps as they were (the goal, a path, a skill
    typed in another view) does not redraw it; a step renamed key by key is redrawn once
    the typing pauses (:class:`~coursekit.views._common.AfterPause`).

    Attributes
    ----------
    output : Output
        Shows :attr:`figure`.
    figure : plotly Figure
        The timeline as last drawn.
    redraws : int
        How many times it was drawn.
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.output = widgets.Output()
        self.key = widgets.HTML("")
        self.figure = None
        self.redraws = 0
        self._drawn: tuple | None = None  # the steps as last drawn
        store.on_change(lambda _s: self._follow())
        self._redraw_later = AfterPause(self.redraw)
        super().__init__([heading("Your timeline"), self.output, self.key])
        self.redraw()

    def _follow(self) -> None:
        if tuple(list_steps(self.store)) != self._drawn:
            self._redraw_later()

    def redraw(self) -> None:
        """Redraw from the store (nothing to do when its steps are as last drawn)."""
        plan = load_plan(self.store)
        if plan.steps == self._drawn:
            return
        self._drawn = plan.steps
        self.redraws += 1
        if not any(step.due for step in plan.steps):
            self.figure, self.key.value = None, ""
            set_hint(self.output, TIMELINE_HINT)
            return
        self.figure = timeline_figure(plan)
        set_figure(self.output, self.figure)
        self.key.value = render("report/_timeline_key.html.j2", key=timeline_key(plan),
                                kinds=KIND_LABELS)


def plan_view(store: LearnerStore) -> widgets.Tab:
    """Every part of the plan in tabs, with the timeline under the steps."""
    from .plan_steps import IfThenCoach, NetworkingView, StepsView

    tabs = widgets.Tab(children=[VisionView(store), GoalView(store), StepsView(store),
                                 IfThenCoach(store), NetworkingView(store),
                                 TimelineView(store)])
    for i, title in enumerate(["Vision", "Goal and skills", "Steps", "If-then plans",
                               "Networking", "Timeline"]):
        tabs.set_title(i, title)
    return tabs


__all__ = ["CHART_HINT", "GoalView", "SkillRow", "TIMELINE_HINT", "TimelineView",
           "VisionView", "five_year_paths", "goal", "plan_timeline", "plan_view"]


def five_year_paths(store: LearnerStore) -> VisionView:
    """Three five-year paths, each rated (Odyssey plans, Burnett and Evans)."""
    return VisionView(store)


def goal(store: LearnerStore) -> GoalView:
    """Your goal, its best outcome and date, and the skills-gap matrix."""
    return GoalView(store)


def plan_timeline(store: LearnerStore) -> TimelineView:
    """Every dated step, check-in and lunch on one timeline, redrawn as the plan changes."""
    return TimelineView(store)
