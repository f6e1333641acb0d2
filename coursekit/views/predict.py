"""Pause and predict: the learner commits to a choice before the case says what happened.

The choice is saved as ``decision:<id>`` (kind ``"decision"``) under ``case:<case-id>``, with
the learner's private reason as ``why:<id>`` (kind ``"reflection"``). A learner who does not
want to predict may read on (``skip:<id>``). The next part of the case stays hidden until
one or the other is done (:func:`coursekit.views.case.case_part`).

In a live class (a class database, :mod:`coursekit.classroom.live_link`) a committed choice
also goes to the class poll at once, unless the learner opts out, and what happened (with
the rest of the story) appears when the instructor reveals it, without a reload.
"""

from __future__ import annotations

from datetime import datetime

import ipywidgets as widgets

from .._text import escape_html
from ..cases import Case, DecisionPoint
from ..classroom.live_link import class_mode, link_for, opted_out, set_opted_out
from ..store import LearnerStore
from ._common import LEARNER_ERRORS, Status, demo_banner, guarded
from .case import BOXES, case_of, html, show_with_part


def decision_key(decision: DecisionPoint | str) -> str:
    """The store key of a decision point's choice: ``decision:<id>``."""
    return f"decision:{decision if isinstance(decision, str) else decision.id}"


def decided(store: LearnerStore, case: Case, decision: DecisionPoint) -> bool:
    """Whether the story may go on past ``decision``.

    The learner has committed a prediction there or chosen to read on; in a live class the
    instructor has also revealed what happened.
    """
    saved = store.load_exercise(case.exercise)
    made = decision_key(decision) in saved or f"skip:{decision.id}" in saved
    return made and (f"revealed:{decision.id}" in saved or not class_mode(store))


def _local_time(at: str) -> str:
    """``HH:MM`` on this machine's clock of a UTC ISO time."""
    return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime("%H:%M")


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
        Empty until the learner commits (or reads on); then what actually happened (in a
        live class: once the instructor reveals it; until then, that it is coming).
    link : ClassLink or None
        The kernel's link to the class poll in a live class, else None.
    send_to_class : Checkbox
        In a live class: whether committed predictions go to the class poll (remembered).
    poll_status : Status
        In a live class: whether the vote is in the poll, waits, or cannot be sent yet.
    """

    def __init__(self, store: LearnerStore, case: Case | str, decision_id: str, *,
                 class_db: str | None = None):
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
            style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        self.commit = widgets.Button(description="Commit my prediction", button_style="primary",
                                     disabled=True, layout=widgets.Layout(width="auto"),
                                     tooltip="Save your prediction; then see what happened")
        self.skip = widgets.Button(description="Read on without predicting",
                                   layout=widgets.Layout(width="auto"),
                                   tooltip="Show the rest of the story without a prediction")
        self.status = Status()
        self.poll_status = Status()
        self.outcome = html("")
        self.link = link_for(store, class_db)
        self.send_to_class = widgets.Checkbox(
            value=not opted_out(store), indent=False, layout=widgets.Layout(width="auto"),
            description="Send my predictions to the class poll")
        self.choices.observe(lambda c: setattr(self.commit, "disabled", c["new"] is None),
                             names="value")
        self.why.observe(self._save_why, names="value")
        self.commit.on_click(self._on_commit)
        self.skip.on_click(self._on_skip)
        poll = [self._poll_note(), self.send_to_class] if self.link else []
        super().__init__()
        show_with_part(self, store, self.case, d.after, [
            demo_banner(store), self.prompt, *poll, self.choices, self.why,
            widgets.HBox([self.commit, self.skip], layout=widgets.Layout(flex_flow="row wrap")),
            self.status, self.poll_status, self.outcome], "Your next prediction")
        self._restore()
        if self.link is not None:
            self.send_to_class.observe(self._on_send_to_class, names="value")
            self.link.on_change(lambda _link: self._show_poll())
            store.on_change(lambda _store: self._follow())
            self.link.watch(self.case, d)

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
            if self.link is not None and self.send_to_class.value:
                try:
                    self.link.send(self.case, self.decision, choice)
                except LEARNER_ERRORS as exc:
                    self.poll_status.error(f"Not sent to the class poll: {exc}")
            self._reveal(choice)

    def _on_skip(self, _button: object = None) -> None:
        if self._saved_now(f"skip:{self.decision.id}", True):
            self._reveal(None)

    def _reveal(self, choice: str | None) -> None:
        """Lock the choice in, then show what happened (or, in a live class, that it comes)."""
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
        self._show_outcome()
        self._show_poll()

    def _show_outcome(self) -> None:
        if not decided(self.store, self.case, self.decision):
            self.outcome.value = (
                f'<div role="status" style="{BOXES["outcome"]}"><i>What actually happened '
                f"appears here when your instructor reveals it to the class.</i></div>")
            return
        self.outcome.value = (f'<div role="status" style="{BOXES["outcome"]}"><b>What '
                              f"actually happened.</b> {escape_html(self.decision.outcome)}"
                              f"</div>")

    # -- the live class -------------------------------------------------------------------

    def _poll_note(self) -> widgets.HTML:
        from ..classroom.handin import pseudonym

        return html(f'<p style="margin:4px 0"><b>Class poll.</b> When you commit, your choice '
                    f"goes to your class's live poll at once: only the option you chose, "
                    f"under your random pseudonym ({escape_html(pseudonym(self.store))}), "
                    f"never your reason or your name. What actually happened appears when "
                    f"your instructor reveals it. Untick the box to keep your predictions "
                    f"here only.</p>")

    def _on_send_to_class(self, change: dict) -> None:
        guarded(self.poll_status, lambda: set_opted_out(self.store, not change["new"]),
                "Your predictions go to the class poll when you commit them." if change["new"]
                else "Your predictions stay here: none goes to the class poll.")

    def _follow(self) -> None:
        """Another view or the class poll changed the store: show the news here."""
        if self.send_to_class.value == opted_out(self.store):
            self.send_to_class.value = not opted_out(self.store)
        if self.outcome.value:
            self._show_outcome()
            self._show_poll()

    def _show_poll(self) -> None:
        """Say where this prediction stands in the class poll, or why it is not there."""
        link, case, d = self.link, self.case, self.decision
        if link is None or not self.outcome.value:
            return
        waiting = not decided(self.store, case, d)
        problem = (f"The class database does not answer just now ({link.problem})"
                   if link.problem else None)
        if self.saved not in d.option_ids:  # read on without a prediction
            if problem and waiting:
                self.poll_status.error(f"{problem}. What happened appears when it answers "
                                       f"and your instructor has revealed it.")
            else:
                self.poll_status.value = ""
        elif (why := link.refused(case, d)) is not None:
            self.poll_status.error(f"Kept here only, not in the class poll: {why}.")
        elif (at := link.sent_at(case, d)) is not None:
            self.poll_status.ok(f"In the class poll since {_local_time(at)} (the option only, "
                                f"under your pseudonym).")
        elif link.queued(case, d) and problem:
            self.poll_status.error(f"Saved here, not in the class poll yet. {problem}. It is "
                                   f"sent as soon as the class database answers.")
        elif link.queued(case, d):
            self.poll_status.ok("Sending it to the class poll\u2026")
        else:
            self.poll_status.ok("Kept here only: it was not sent to the class poll.")

    def _restore(self) -> None:
        saved = self.saved
        if saved in self.decision.option_ids:
            self.choices.value = saved
            self._reveal(saved)
        elif saved is not None:  # the case was edited since: let the learner choose again
            self.status.error("Your earlier choice is no longer one of the options; please "
                              "choose again.")
        elif f"skip:{self.decision.id}" in self.store.load_exercise(self.case.exercise):
            self._reveal(None)


def decision_point(store: LearnerStore, case: Case | str, decision_id: str, *,
                   class_db: str | None = None) -> DecisionPointView:
    """A pause-and-predict widget for one decision point of a case.

    In a live class (``class_db``, or ``$COURSEKIT_CLASS_DB``) the prediction also goes to
    the class poll and the outcome waits for the instructor's reveal.

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
    return DecisionPointView(store, case, decision_id, class_db=class_db)
