"""Pause and predict: the learner commits to a choice before the case says what happened.

The choice is saved as ``decision:<id>`` (kind ``"decision"``) under ``case:<case-id>``, with
the learner's private reason as ``why:<id>`` (kind ``"reflection"``). A learner who does not
want to predict may read on (``skip:<id>``). The next part of the case stays hidden until
one or the other is done (:func:`coursekit.views.case.case_part`).
"""

from __future__ import annotations

from datetime import datetime

import ipywidgets as widgets

from .._text import escape_html
from ..cases import Case, DecisionPoint
from ..store import LearnerStore
from ._common import LEARNER_ERRORS, Status, demo_banner, guarded
from .case import BOXES, case_of, html


def decision_key(decision: DecisionPoint | str) -> str:
    """The store key of a decision point's choice: ``decision:<id>``."""
    return f"decision:{decision if isinstance(decision, str) else decision.id}"


def decided(store: LearnerStore, case: Case, decision: DecisionPoint) -> bool:
    """Whether the learner has committed a prediction at ``decision``, or chosen to read on."""
    saved = store.load_exercise(case.exercise)
    return decision_key(decision) in saved or f"skip:{decision.id}" in saved


class DecisionPointView(widgets.VBox):
    """A pause-and-predict point: choose, say why, commit, then see what actually happened.

    Attributes
    ----------
    choices : RadioButtons
        The options; ``value`` is the chosen option's id.
    why : Textarea
        Why the learner predicts that (private, saved as they type).
    commit : Button
        Saves the choice and reveals the outcome.
    skip : Button
        Reads on without predicting.
    outcome : HTML
        Empty until the learner commits (or reads on); then what actually happened.
    """

    def __init__(self, store: LearnerStore, case: Case | str, decision_id: str):
        self.store = store
        self.case = case_of(case)
        self.decision = d = self.case.decision(decision_id)
        self.prompt = html(f'<div style="{BOXES["predict"]}"><b>Pause and predict.</b> '
                           f"{escape_html(d.prompt)}</div>")
        self.choices = widgets.RadioButtons(
            options=[(o.label, o.id) for o in d.options], value=None,
            description="Your prediction:", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.why = widgets.Textarea(
            value=store.load(self.case.exercise, f"why:{d.id}", "") or "",
            description="Why? (private)", placeholder="what makes you expect that?",
            style={"description_width": "initial"}, layout=widgets.Layout(width="100%"),
            continuous_update=False)
        self.commit = widgets.Button(description="Commit my prediction", button_style="primary",
                                     disabled=True, layout=widgets.Layout(width="auto"),
                                     tooltip="Save your prediction; then see what happened")
        self.skip = widgets.Button(description="Read on without predicting",
                                   layout=widgets.Layout(width="auto"),
                                   tooltip="Show the rest of the story without a prediction")
        self.status = Status()
        self.outcome = html("")
        self.choices.observe(lambda c: setattr(self.commit, "disabled", c["new"] is None),
                             names="value")
        self.why.observe(self._save_why, names="value")
        self.commit.on_click(self._on_commit)
        self.skip.on_click(self._on_skip)
        super().__init__([demo_banner(store), self.prompt, self.choices, self.why,
                          widgets.HBox([self.commit, self.skip],
                                       layout=widgets.Layout(flex_flow="row wrap")),
                          self.status, self.outcome])
        self._restore()

    @property
    def saved(self) -> str | None:
        """The option id saved in the store, or None."""
        return self.store.load(self.case.exercise, decision_key(self.decision))

    def _save_why(self, change: dict) -> None:
        key, text = f"why:{self.decision.id}", change["new"]
        guarded(self.status, (lambda: self.store.save(self.case.exercise, key, text,
                                                      kind="reflection"))
                if text.strip() else (lambda: self.store.delete(self.case.exercise, key)),
                f"Your reason is saved ({datetime.now():%H:%M}).")

    def _saved_now(self, key: str, value: object, kind: str = "answer") -> bool:
        try:
            self.store.save(self.case.exercise, key, value, kind=kind)
        except LEARNER_ERRORS as exc:
            self.status.error(f"Not saved: {exc}")
            return False
        return True

    def _on_commit(self, _button: object = None) -> None:
        choice = self.choices.value
        if choice is None:
            self.status.error("Choose one of the options first.")
        elif self._saved_now(decision_key(self.decision), choice, "decision"):
            self._reveal(choice)

    def _on_skip(self, _button: object = None) -> None:
        if self._saved_now(f"skip:{self.decision.id}", True):
            self._reveal(None)

    def _reveal(self, choice: str | None) -> None:
        d = self.decision
        self.choices.disabled = self.commit.disabled = True
        self.skip.layout.display = "none"
        if choice is None:
            self.commit.layout.display = "none"
            self.status.ok("You read on without a prediction.")
        else:
            self.commit.description, self.commit.icon = "Prediction saved", "check"
            self.commit.button_style = "success"
            self.status.ok(f"Your prediction: {d.option(choice).label}")
        self.outcome.value = (f'<div role="status" style="{BOXES["outcome"]}"><b>What '
                              f"actually happened.</b> {escape_html(d.outcome)}</div>")

    def _restore(self) -> None:
        saved = self.saved
        if saved in self.decision.option_ids:
            self.choices.value = saved
            self._reveal(saved)
        elif saved is not None:  # the case was edited since: let the learner choose again
            self.status.error("Your earlier choice is no longer one of the options; please "
                              "choose again.")
        elif decided(self.store, self.case, self.decision):
            self._reveal(None)


def decision_point(store: LearnerStore, case: Case | str, decision_id: str
                   ) -> DecisionPointView:
    """A pause-and-predict widget for one decision point of a case.

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
