"""Reading a case in a notebook: header, the parts of the story, facts, source, timeline.

Each function returns a widget, so a notebook cell stays one line (through the public
face, ``import coursekit as ck``)::

    ck.case_part(store, "the-first-step", "get-ready")
    ck.decision_point(store, "the-first-step", "the-failure-figure")   # coursekit.views.predict
    ck.reflection(store, "the-first-step", "skills-to-build")          # coursekit.views.reflect

A part of the story stays hidden until the learner has made the predictions before it (or
chosen to read on without one), in JupyterLab and in app mode alike: running every cell at
once shows no outcome early. The case's timeline tells the whole story, so it belongs at the
end of a notebook.
"""

from __future__ import annotations

import ipywidgets as widgets

from .._text import escape_html
from ..cases import Case, load_case, narrative_html
from ..cases import timeline_figure as _timeline_figure
from ..store import LearnerStore
from ._common import PAGE_STYLE, demo_banner
from ._figures import set_figure

__all__ = ["BOXES", "CasePart", "case_header", "case_of", "case_part", "case_timeline",
           "html", "key_facts", "part_shown", "show_with_part", "source_citation",
           "teaching_notes"]

_BOX = "border-left:4px solid {};padding:6px 12px;margin:8px 0;background:{}"
#: The boxes a case is read in: a prediction, an outcome, private writing, a contested fact.
BOXES = {"predict": _BOX.format("#0072B2", "#F2F8FC"),
         "outcome": _BOX.format("#009E73", "#F0FAF6"),
         "private": _BOX.format("#999999", "#F7F7F7"),
         "contested": _BOX.format("#D55E00", "#FDF3EC")}


def case_of(case: Case | str) -> Case:
    """The case itself, given it or its id."""
    return load_case(case) if isinstance(case, str) else case


def html(text: str) -> widgets.HTML:
    """An HTML widget as wide as the cell."""
    return widgets.HTML(text, layout=widgets.Layout(width="100%"))


# -- reading ----------------------------------------------------------------------------


def case_header(store: LearnerStore, case: Case | str) -> widgets.VBox:
    """Title, time, source and learning objectives of a case (and the demo banner)."""
    case = case_of(case)
    objectives = "".join(f"<li>{escape_html(o)}</li>" for o in case.objectives)
    return widgets.VBox([
        demo_banner(store),
        html(f"<h2>{escape_html(case.title)}</h2>"
              f"<p><small>About {case.minutes} minutes · retold from "
              f"{_source_html(case)}</small></p>"
              f"<p><b>After this case you will be able to:</b></p><ul>{objectives}</ul>"),
    ])


def part_shown(store: LearnerStore, case: Case, part_id: str) -> bool:
    """Whether a part of the story is shown: every prediction before it made (or skipped)."""
    from .predict import decided

    earlier = case.part_ids[:case.part_ids.index(part_id)]
    return all(decided(store, case, d) for d in case.decisions if d.after in earlier)


def show_with_part(box: widgets.Box, store: LearnerStore, case: Case, part_id: str,
                   children: list[widgets.Widget], what: str) -> None:
    """Give ``box`` its ``children`` once the part they follow is shown, else say when.

    A question that follows a part can tell that part's story (Harris's second prediction
    starts where the first one's outcome ends), so it waits with the part, in JupyterLab's
    Run All and in app mode alike, and appears when the store says the part is shown.
    """
    def refresh(_store: LearnerStore | None = None) -> None:
        if part_shown(store, case, part_id):
            if list(box.children) != children:
                box.children = children
        elif not box.children:
            box.children = [html(f'<p style="margin:4px 0"><i>{escape_html(what)} comes here '
                                 f"once you have read the part of the story above it.</i></p>")]

    refresh()
    if box.children != tuple(children):
        store.on_change(refresh)


class CasePart(widgets.HTML):
    """One part of the story, shown once the predictions before it are made.

    Until then it says what to do (its title too would give the story away), and it
    follows the store: committing the last prediction above shows the part at once.
    """

    def __init__(self, store: LearnerStore, case: Case | str, part_id: str):
        self.store, self.case = store, case_of(case)
        self.part = self.case.part(part_id)
        self.number = self.case.part_ids.index(part_id) + 1
        earlier = self.case.part_ids[:self.number - 1]
        self.waits_for = tuple(d for d in self.case.decisions if d.after in earlier)
        super().__init__(layout=widgets.Layout(width="100%"))
        self.refresh()
        if self.waits_for:
            store.on_change(lambda _store: self.refresh())

    @property
    def ready(self) -> bool:
        """Whether every prediction before this part is made (or skipped)."""
        return part_shown(self.store, self.case, self.part.id)

    def refresh(self) -> None:
        """Show the part, or what to do first."""
        of = f"Part {self.number} of {len(self.case.parts)}"
        if not self.ready:
            from ..classroom.live_link import class_mode

            what = ("when you have made your prediction above (or chosen to read on without "
                    "one) and your instructor has revealed what happened"
                    if class_mode(self.store) else "when you have made your prediction above, "
                    "or chosen to read on without one")
            self.value = (f'<section aria-label="{of}"><h3>{of}</h3><p><i>This part appears '
                          f"{what}.</i></p></section>")
            return
        title = escape_html(self.part.title)
        self.value = (f'<section aria-label="{title}"><h3>{of}: {title}</h3>'
                      f"{narrative_html(self.part.text)}</section>")


def case_part(store: LearnerStore, case: Case | str, part_id: str) -> CasePart:
    """One part of the narrative, hidden until the predictions before it are made.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> store = LearnerStore(":memory:")
    >>> part = case_part(store, "the-career-impasse", "stuck")
    >>> "appears when you have made your prediction" in part.value
    True
    >>> store.save("case:the-career-impasse", "decision:the-promised-role", "never",
    ...            kind="decision")
    >>> part.value.startswith('<section aria-label="Stuck">')
    True
    """
    return CasePart(store, case, part_id)


class AfterTheStory(widgets.VBox):
    """What gives the story away (its timeline, the research behind it), shown late.

    It appears once every prediction of the case is made or skipped; until then a line
    says so.
    """

    def __init__(self, store: LearnerStore, case: Case, show):
        self.store, self.case, self._show = store, case, show
        super().__init__(layout=widgets.Layout(width="100%"))
        self.refresh()
        store.on_change(lambda _store: self.refresh())

    def refresh(self) -> None:
        """Show the content, or what to do first."""
        from .predict import decided

        if all(decided(self.store, self.case, d) for d in self.case.decisions):
            if not self.children or isinstance(self.children[0], widgets.HTML) and \
                    "appears when" in self.children[0].value:
                self.children = [self._show()]
        else:
            self.children = [html("<p><i>This appears when you have made every prediction "
                                  "of the case (or chosen to read on).</i></p>")]


def case_timeline(store: LearnerStore, case: Case | str) -> AfterTheStory:
    """The case's phases on a timeline, once every prediction is made (it tells the story).

    The figure is drawn with no "Share chart" button.
    """
    case = case_of(case)

    def draw() -> widgets.Output:
        out = widgets.Output(layout=widgets.Layout(width="100%"))
        set_figure(out, _timeline_figure(case))
        return out

    return AfterTheStory(store, case, draw)


def key_facts(store: LearnerStore, case: Case | str) -> AfterTheStory:
    """The key facts with citations, once every prediction is made; contested facts marked.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> facts = key_facts(LearnerStore(":memory:"), "the-career-impasse")
    >>> "appears when" in facts.children[0].value
    True
    """
    case = case_of(case)
    return AfterTheStory(store, case, lambda: key_facts_html(case))


def key_facts_html(case: Case) -> widgets.HTML:
    """The key facts with citations; contested facts are marked and show the evidence."""
    rows = []
    for fact in case.key_facts:
        cite = f"<br><small>Source: {escape_html(fact.citation)}</small>"
        if fact.contested:
            rows.append(
                f'<li style="{BOXES["contested"]}"><b>Contested:</b> {escape_html(fact.fact)}{cite}'
                f"<br><b>What the evidence says:</b> {escape_html(fact.note)}</li>")
        else:
            note = f"<br><small>{escape_html(fact.note)}</small>" if fact.note else ""
            rows.append(f'<li style="margin:6px 0">{escape_html(fact.fact)}{cite}{note}</li>')
    return html(f'<h3>Key facts</h3><ul style="list-style:none;padding-left:0">'
                 f'{"".join(rows)}</ul>')


def source_citation(case: Case | str) -> widgets.HTML:
    """The source the case retells, as a citation with its address."""
    case = case_of(case)
    note = f"<br><small>{escape_html(case.source.note)}</small>" if case.source.note else ""
    return html(f"<p><b>Source.</b> {_source_html(case)}{note}</p>"
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
    """The instructor's notes, to teach a 90-minute session from.

    Synopsis and pre-class work, the session plan as a figure, then the blocks one by one
    (lead question, probes, answers to expect, polls, cuts) and the close.

    Examples
    --------
    >>> notes = teaching_notes("the-first-step")
    >>> "The session, block by block" in notes.children[2].value
    True
    """
    from ..teaching import session_plan_figure, teaching_notes_html

    case = case_of(case)
    above, below = teaching_notes_html(case)
    plan = widgets.Output(layout=widgets.Layout(width="100%"))
    set_figure(plan, session_plan_figure(case))
    return widgets.VBox([html(PAGE_STYLE + str(above)), plan, html(below)])  # not Markup + str
