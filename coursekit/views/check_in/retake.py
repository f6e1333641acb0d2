"""A questionnaire retaken at the check-in, the second time beside the first.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assessment import current_attempt, load_instrument, save_response
>>> store = LearnerStore(":memory:")
>>> inst = load_instrument("outsight-audit")
>>> first = current_attempt(store, inst.id)
>>> for item in inst.item_ids:
...     save_response(store, inst, first, item, 2)
>>> view = RetakeView(store)
>>> view.choice.value, view.retake_button.description
('outsight-audit', 'Retake it now')
>>> view.retake_button.click()
>>> view.questionnaire.controls["oa01"].value = 4
>>> [t.name for t in view.figure.data], view.pair.after is not None
(['first time', 'now'], True)
"""

from __future__ import annotations

import ipywidgets as widgets

from ..._text import escape_html
from ...assessment import list_attempts
from ...checkin import answered_questionnaires, attempt_pair, retake_figure, start_retake
from ...course import load_course
from ...store import LearnerStore
from .._common import LEARNER_ERRORS, Status, demo_banner
from .._figures import set_figure
from ..questionnaire import Questionnaire

#: The questionnaire suggested first, when answered: it asks about the network the
#: check-in has just looked at.
SUGGESTED = "outsight-audit"


def _where_questionnaires() -> str:
    """The notebooks of the course that ask a questionnaire, as links with their titles."""
    parts = [p for p in load_course().parts
             if any(e.startswith("assessment:") for e in p.exercises)]
    links = [f"<a href='{escape_html(p.notebook)}'>{escape_html(p.title)}</a>" for p in parts]
    return " and ".join([", ".join(links[:-1]), links[-1]] if len(links) > 1 else links)


class RetakeView(widgets.VBox):
    """Choose a questionnaire, retake it, and see both times on one figure.

    Attributes
    ----------
    choice : Dropdown of the questionnaires answered at least once
    retake_button : starts the retake (shows the questionnaire below)
    questionnaire : Questionnaire or None, the retake being answered
    figure : the latest figure (first time and now); ``pair``: the attempts it shows
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.questionnaire: Questionnaire | None = None
        self.figure = self.pair = None
        found = answered_questionnaires(store)
        options = [(f"{title} (answered {n} time{'s' if n != 1 else ''})", qid)
                   for qid, title, n in found]
        ids = [qid for qid, _t, _n in found]
        self.choice = widgets.Dropdown(
            options=options, value=(SUGGESTED if SUGGESTED in ids else ids[0]) if ids else None,
            description="Questionnaire", style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="560px"))
        self.retake_button = widgets.Button(description="Retake it now", icon="refresh",
                                            button_style="primary",
                                            disabled=not ids)
        self.retake_button.on_click(lambda _b: self.retake())
        self.chart = widgets.Output(layout=widgets.Layout(width="100%"))
        self.note = widgets.HTML()
        self.area = widgets.VBox()
        self.choice.observe(lambda _c: self.choose(), names="value")
        store.on_change(lambda _s: self.draw())
        intro = (f"<p><i>You have not answered any questionnaire yet: the course's are in "
                 f"{_where_questionnaires()}. Answer one there first.</i></p>" if not ids else "")
        super().__init__([demo_banner(store), widgets.HTML(intro),
                          widgets.HBox([self.choice, self.retake_button], layout=widgets.Layout(
                              flex_flow="row wrap", align_items="center", width="100%")),
                          self.status, self.note, self.chart, self.area])
        self.choose()

    def choose(self) -> None:
        """Show the chosen questionnaire's figure (and its retake, if one is under way)."""
        self.area.children, self.questionnaire = [], None
        attempts = list_attempts(self.store, self.choice.value) if self.choice.value else []
        if len(attempts) > 1 and attempts[-1].answered < self._items():
            self._open()  # a retake under way: carry on with it
        self.draw()

    def _items(self) -> int:
        from ...assessment import load_instrument

        return len(load_instrument(self.choice.value).items)

    def _open(self) -> None:
        self.questionnaire = Questionnaire(self.store, self.choice.value)
        self.area.children = [self.questionnaire]

    def retake(self) -> None:
        """Start the retake (a new attempt; the first is kept) and show the questionnaire."""
        if self.choice.value is None:
            self.status.error("Answer a questionnaire in its notebook first.")
            return
        try:
            start_retake(self.store, self.choice.value)
        except LEARNER_ERRORS as exc:
            self.status.error(str(exc))
            return
        self._open()
        self.status.ok("Answer as you see yourself today, not as you remember answering. "
                       "The figure fills in as you go.")
        self.draw()

    def draw(self) -> None:
        """Draw the first time and the latest answers of the chosen questionnaire."""
        if self.choice.value is None:
            return
        self.pair = attempt_pair(self.store, self.choice.value)
        if self.pair is None:
            return
        self.figure = retake_figure(self.pair.instrument, self.pair.before, self.pair.after)
        set_figure(self.chart, self.figure)
        title = self.pair.instrument.title
        self.note.value = (
            "<p>Each row is a scale, shaded by its bands (darker: higher). The hollow dot is "
            "where you scored the first time; the arrow points to where you score now.</p>"
            if self.pair.after is not None else
            f"<p>The figure shows your first answers to <b>{escape_html(title)}</b>"
            f"{'' if title.endswith(('?', '!', '.')) else '.'} Retake it to see how you have "
            "moved.</p>")


def check_in_retake(store: LearnerStore) -> RetakeView:
    """Retake a questionnaire and see the second time beside the first, scale by scale."""
    return RetakeView(store)
