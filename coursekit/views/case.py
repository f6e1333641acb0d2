"""Presenting a case in a notebook: narrative, timeline, decision points, reflections.

Each function returns a widget, so a notebook cell stays one line (through the public
face, ``import coursekit as ck``)::

    ck.case_part(store, "the-first-step", "get-ready")
    ck.decision_point(store, "the-first-step", "the-failure-figure")
    ck.reflection(store, "the-first-step", "skills-to-build")

What the learner chooses and writes is saved in ``store`` under the exercise
``case:<case-id>``: a decision as ``decision:<id>`` (kind ``"decision"``), a reflection as
``reflection:<id>`` (kind ``"reflection"``, private). Creating a view again from the same
store shows what was saved.
"""

from __future__ import annotations

from datetime import datetime

import ipywidgets as widgets
import plotly.graph_objects as go

from .._text import escape_html
from ..cases import Case, DecisionPoint, ReflectionPrompt, load_case, narrative_html
from ..cases import timeline_figure as _timeline_figure
from ..store import LearnerStore
from ._common import Status, demo_banner, guarded
from ._figures import figure_bundle, set_figure, show_figure

__all__ = [
    "DecisionPointView",
    "ReflectionView",
    "case_header",
    "case_part",
    "case_timeline",
    "decision_key",
    "decision_point",
    "discussion",
    "key_facts",
    "reflection",
    "reflection_key",
    "source_citation",
    "teaching_notes",
    "timeline_output",
]

_BOX = "border-left:4px solid {colour};padding:6px 12px;margin:8px 0;background:{bg}"
_PREDICT = _BOX.format(colour="#0072B2", bg="#F2F8FC")
_OUTCOME = _BOX.format(colour="#009E73", bg="#F0FAF6")
_PRIVATE = _BOX.format(colour="#999999", bg="#F7F7F7")
_CONTESTED = _BOX.format(colour="#D55E00", bg="#FDF3EC")


def decision_key(decision: DecisionPoint | str) -> str:
    """The store key of a decision point's choice: ``decision:<id>``."""
    return f"decision:{decision if isinstance(decision, str) else decision.id}"


def reflection_key(prompt: ReflectionPrompt | str) -> str:
    """The store key of a reflection: ``reflection:<id>``."""
    return f"reflection:{prompt if isinstance(prompt, str) else prompt.id}"


def _case(case: Case | str) -> Case:
    return load_case(case) if isinstance(case, str) else case


def _html(html: str) -> widgets.HTML:
    return widgets.HTML(html, layout=widgets.Layout(width="100%"))


# -- reading ----------------------------------------------------------------------------


def case_header(store: LearnerStore, case: Case | str) -> widgets.VBox:
    """Title, time, source and learning objectives of a case (and the demo banner)."""
    case = _case(case)
    objectives = "".join(f"<li>{escape_html(o)}</li>" for o in case.objectives)
    return widgets.VBox([
        demo_banner(store),
        _html(f"<h2>{escape_html(case.title)}</h2>"
              f"<p><small>About {case.minutes} minutes · retold from "
              f"{_source_html(case)}</small></p>"
              f"<p><b>After this case you will be able to:</b></p><ul>{objectives}</ul>"),
    ])


def case_part(store: LearnerStore, case: Case | str, part_id: str) -> widgets.HTML:
    """One part of the narrative, its Markdown rendered as HTML.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> part = case_part(LearnerStore(":memory:"), "the-career-impasse", "stuck")
    >>> part.value.startswith('<section aria-label="Stuck">')
    True
    """
    case = _case(case)
    part = case.part(part_id)
    number = case.part_ids.index(part_id) + 1
    title = escape_html(part.title)
    return _html(f'<section aria-label="{title}"><h3>Part {number} of {len(case.parts)}: '
                 f'{title}</h3>{narrative_html(part.text)}</section>')


class _ShareFreeFigure(go.Figure):
    """A ``go.Figure`` that, left bare at the end of a cell, shows with no "Share chart"."""

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        return figure_bundle(self)

    def _ipython_display_(self):
        show_figure(self)


def case_timeline(case: Case | str):
    """The plotly timeline of the case's phases (a figure).

    It displays itself with no "Share chart" button, also as a cell's bare last
    expression; :func:`coursekit.views.show_figure` or :func:`timeline_output` work too.
    """
    return _ShareFreeFigure(_timeline_figure(_case(case)))


def timeline_output(case: Case | str) -> widgets.Output:
    """The timeline inside an Output widget, for composing with other widgets.

    The figure goes in as plotly's own mime type, which JupyterLab renders offline, with
    no "Share chart" button (:func:`~coursekit.views._figures.set_figure`).
    """
    out = widgets.Output(layout=widgets.Layout(width="100%"))
    set_figure(out, case_timeline(case))
    return out


def discussion(store: LearnerStore, case: Case | str) -> widgets.HTML:
    """The case's discussion questions, numbered."""
    case = _case(case)
    items = "".join(f"<li>{escape_html(q)}</li>" for q in case.discussion)
    return _html(f"<h3>Questions for discussion</h3><ol>{items}</ol>")


def key_facts(case: Case | str) -> widgets.HTML:
    """The key facts with citations; contested facts are marked and show the evidence."""
    case = _case(case)
    rows = []
    for fact in case.key_facts:
        cite = f"<br><small>Source: {escape_html(fact.citation)}</small>"
        if fact.contested:
            rows.append(
                f'<li style="{_CONTESTED}"><b>Contested:</b> {escape_html(fact.fact)}{cite}'
                f"<br><b>What the evidence says:</b> {escape_html(fact.note)}</li>")
        else:
            note = f"<br><small>{escape_html(fact.note)}</small>" if fact.note else ""
            rows.append(f'<li style="margin:6px 0">{escape_html(fact.fact)}{cite}{note}</li>')
    return _html(f'<h3>Key facts</h3><ul style="list-style:none;padding-left:0">'
                 f'{"".join(rows)}</ul>')


def source_citation(case: Case | str) -> widgets.HTML:
    """The source the case retells, as a citation with its address."""
    case = _case(case)
    note = f"<br><small>{escape_html(case.source.note)}</small>" if case.source.note else ""
    return _html(f"<p><b>Source.</b> {_source_html(case)}{note}</p>"
                 f"<p><small>The case is retold in this course's own words.</small></p>")


def _source_html(case: Case) -> str:
    s = case.source
    text = f"{escape_html(s.author)}, “{escape_html(s.title)}”, {escape_html(s.outlet)}"
    if s.year:
        text += f", {s.year}"
    if s.url:
        url = escape_html(s.url)
        text += f'. <a href="{url}" target="_blank" rel="noopener noreferrer">{url}</a>'
    return text


def teaching_notes(case: Case | str) -> widgets.VBox:
    """The instructor's notes: the 90-minute session plan as a figure, then the notes.

    Examples
    --------
    >>> notes = teaching_notes("the-first-step")
    >>> "Questions, in order" in notes.children[1].value
    True
    """
    from ..teaching import session_plan_figure, teaching_notes_markdown

    case = _case(case)
    plan = widgets.Output(layout=widgets.Layout(width="100%"))
    set_figure(plan, session_plan_figure(case))
    return widgets.VBox([plan, _html(narrative_html(teaching_notes_markdown(case)))])


# -- decision points --------------------------------------------------------------------


class DecisionPointView(widgets.VBox):
    """A pause-and-predict point: choose, commit, then see what actually happened.

    Attributes
    ----------
    choices : ipywidgets.RadioButtons
        The options; ``value`` is the chosen option's id.
    commit : ipywidgets.Button
        "Commit my choice": saves the choice and reveals the outcome.
    outcome : ipywidgets.HTML
        Empty until the learner commits; then what actually happened.
    """

    def __init__(self, store: LearnerStore, case: Case | str, decision_id: str):
        self.store = store
        self.case = _case(case)
        self.decision = self.case.decision(decision_id)
        d = self.decision
        self.prompt = _html(f'<div style="{_PREDICT}"><b>Pause and predict.</b> '
                            f"{escape_html(d.prompt)}</div>")
        self.choices = widgets.RadioButtons(
            options=[(o.label, o.id) for o in d.options], value=None,
            description="Your prediction:", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.commit = widgets.Button(
            description="Commit my choice", button_style="primary", disabled=True,
            tooltip="Save your prediction and see what actually happened",
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML("")
        self.outcome = _html("")
        self.choices.observe(self._on_select, names="value")
        self.commit.on_click(self._on_commit)
        super().__init__([demo_banner(store), self.prompt, self.choices, self.commit,
                          self.status, self.outcome])
        self._restore()

    @property
    def saved(self) -> str | None:
        """The option id saved in the store, or None."""
        return self.store.load(self.case.exercise, decision_key(self.decision))

    def _on_select(self, change: dict) -> None:
        self.commit.disabled = change["new"] is None or self.choices.disabled

    def _on_commit(self, _button: widgets.Button | None = None) -> None:
        choice = self.choices.value
        if choice is None:
            self.status.value = "<small>Choose one of the options first.</small>"
            return
        self.store.save(self.case.exercise, decision_key(self.decision), choice,
                        kind="decision")
        self._reveal(choice)

    def _reveal(self, choice: str) -> None:
        d = self.decision
        self.choices.disabled = True
        self.commit.disabled = True
        self.commit.description = "Choice saved"
        self.commit.button_style = "success"
        self.commit.icon = "check"
        label = escape_html(d.option(choice).label)
        self.status.value = f"<small>Your prediction: <b>{label}</b></small>"
        self.outcome.value = (f'<div role="status" style="{_OUTCOME}"><b>What actually '
                              f"happened.</b> {escape_html(d.outcome)}</div>")

    def _restore(self) -> None:
        saved = self.saved
        if saved is None:
            return
        if saved in self.decision.option_ids:
            self.choices.value = saved
            self._reveal(saved)
        else:  # the case was edited since: let the learner choose again
            self.status.value = ("<small>Your earlier choice is no longer one of the "
                                 "options; please choose again.</small>")


def decision_point(store: LearnerStore, case: Case | str, decision_id: str
                   ) -> DecisionPointView:
    """A pause-and-predict widget for one decision point of a case.

    Parameters
    ----------
    store : LearnerStore
        Where the choice is saved (``case:<case-id>`` / ``decision:<id>``).
    case : Case or str
        The case, or its id.
    decision_id : str
        The decision point's id in the case file.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> store = LearnerStore(":memory:")
    >>> view = decision_point(store, "the-career-impasse", "the-promised-role")
    >>> view.choices.value = "never"
    >>> view.commit.click()
    >>> store.load("case:the-career-impasse", "decision:the-promised-role")
    'never'
    >>> "What actually happened" in view.outcome.value
    True
    """
    return DecisionPointView(store, case, decision_id)


# -- reflections ------------------------------------------------------------------------


class ReflectionView(widgets.VBox):
    """A private reflection prompt whose text is saved on every change.

    Attributes
    ----------
    text : ipywidgets.Textarea
        The learner's reflection; setting ``value`` saves it.
    status : ipywidgets.HTML
        When it was last saved.
    """

    def __init__(self, store: LearnerStore, case: Case | str, prompt_id: str):
        self.store = store
        self.case = _case(case)
        self.prompt = self.case.reflection(prompt_id)
        self.key = reflection_key(self.prompt)
        question = _html(f"<p><b>Reflect.</b> {escape_html(self.prompt.prompt)}</p>")
        self.text = widgets.Textarea(
            value=self.store.load(self.case.exercise, self.key, "") or "",
            description="Your reflection:", placeholder="Write as much or as little as you like",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="7em"),
        )
        private = _html(f'<div style="{_PRIVATE}"><small>Private: saved on this computer as '
                        "you type. It is not shared with anyone unless you choose to include "
                        "it in a hand-in.</small></div>")
        self.status = Status()
        if self.text.value:
            self.status.ok("Saved.")
        self.text.observe(self._on_change, names="value")
        super().__init__([demo_banner(store), question, self.text, private, self.status])

    def _on_change(self, change: dict) -> None:
        text = change["new"]
        if text.strip():
            action = lambda: self.store.save(self.case.exercise, self.key, text,  # noqa: E731
                                             kind="reflection")
        else:  # an emptied reflection is no reflection: do not count it as progress
            action = lambda: self.store.delete(self.case.exercise, self.key)  # noqa: E731
        guarded(self.status, action, f"Saved at {datetime.now():%H:%M:%S}.")


def reflection(store: LearnerStore, case: Case | str, prompt_id: str) -> ReflectionView:
    """A private, autosaving reflection prompt of a case.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> store = LearnerStore(":memory:")
    >>> view = reflection(store, "the-career-impasse", "two-lunches")
    >>> view.text.value = "Lunch with Sam from my old team."
    >>> store.load("case:the-career-impasse", "reflection:two-lunches")
    'Lunch with Sam from my old team.'
    """
    return ReflectionView(store, case, prompt_id)
