"""Private writing in a case: reflection prompts and answers to the discussion questions.

A reflection is saved as ``reflection:<id>`` and an answer to discussion question *n* as
``discussion:<n>`` under ``case:<case-id>`` (kind ``"reflection"``: private unless the learner
ticks it for a hand-in). A prompt that ``revisits`` an earlier one shows that earlier answer
above it, as it stands now.
"""

from __future__ import annotations

from datetime import datetime

import ipywidgets as widgets

from .._text import escape_html
from ..cases import Case, ReflectionPrompt
from ..store import LearnerStore
from ._common import Status, demo_banner, guarded
from .case import BOXES, case_of, html, show_with_part

PRIVATE_NOTE = ("Private: saved on this computer as you type. It is not shared with anyone "
                "unless you choose to include it in a hand-in.")


def reflection_key(prompt: ReflectionPrompt | str) -> str:
    """The store key of a reflection: ``reflection:<id>``."""
    return f"reflection:{prompt if isinstance(prompt, str) else prompt.id}"


class WritingBox(widgets.VBox):
    """A private text box saved under ``key`` on every change (emptied: removed)."""

    def __init__(self, store: LearnerStore, exercise: str, key: str, description: str,
                 *, rows: int = 4):
        self.store, self.exercise, self.key = store, exercise, key
        self.text = widgets.Textarea(
            value=store.load(exercise, key, "") or "", description=description,
            placeholder="Write as much or as little as you like", rows=rows,
            style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        self.status = Status()
        if self.text.value:
            self.status.ok("Saved.")
        self.text.observe(self._on_change, names="value")
        super().__init__([self.text, self.status])

    def _on_change(self, change: dict) -> None:
        text = change["new"]
        guarded(self.status, (lambda: self.store.save(self.exercise, self.key, text,
                                                      kind="reflection"))
                if text.strip() else (lambda: self.store.delete(self.exercise, self.key)),
                f"Saved at {datetime.now():%H:%M:%S}.")


class ReflectionView(widgets.VBox):
    """A private reflection prompt of a case, and the earlier answer it revisits, if any."""

    def __init__(self, store: LearnerStore, case: Case | str, prompt_id: str):
        self.store = store
        self.case = case_of(case)
        self.prompt = self.case.reflection(prompt_id)
        self.key = reflection_key(self.prompt)
        self.box = WritingBox(store, self.case.exercise, self.key, "Your reflection:", rows=5)
        self.text, self.status = self.box.text, self.box.status
        self.earlier = html("")
        if self.prompt.revisits:
            self._show_earlier()
            store.on_change(lambda _store: self._show_earlier())
        super().__init__()
        show_with_part(self, store, self.case, self.prompt.after, [
            demo_banner(store), self.earlier,
            html(f"<p><b>Reflect.</b> {escape_html(self.prompt.prompt)}</p>"), self.box,
            html(f'<div style="{BOXES["private"]}"><small>{PRIVATE_NOTE}</small></div>')],
            "A question to reflect on")

    def _show_earlier(self) -> None:
        before = self.case.reflection(self.prompt.revisits or "")
        text = self.store.load(self.case.exercise, reflection_key(before), "")
        said = (f"<blockquote>{escape_html(text)}</blockquote>" if text else
                "<p><i>You left it empty. Say now what you would have said.</i></p>")
        self.earlier.value = (f'<div style="{BOXES["private"]}"><b>What you wrote '
                              f"earlier</b> ({escape_html(before.prompt)})"
                              f"{said}</div>")


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


def discussion(store: LearnerStore, case: Case | str) -> widgets.VBox:
    """The case's discussion questions, each with a private box for the learner's answer.

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> store = LearnerStore(":memory:")
    >>> view = discussion(store, "the-first-step")
    >>> view.answers[0].text.value = "She acted before she was offered anything."
    >>> store.load("case:the-first-step", "discussion:1")
    'She acted before she was offered anything.'
    """
    case = case_of(case)
    answers = [WritingBox(store, case.exercise, f"discussion:{n}", "Your answer:", rows=3)
               for n in range(1, len(case.discussion) + 1)]
    children: list[widgets.Widget] = [demo_banner(store), html(
        "<h3>Questions for discussion</h3><p>Answer here for yourself before the class "
        "discusses them, or on your own if you work alone. Your answers are private.</p>")]
    for n, (question, box) in enumerate(zip(case.discussion, answers, strict=True), 1):
        children += [html(f"<p><b>{n}.</b> {escape_html(question)}</p>"), box]
    view = widgets.VBox(children)
    view.answers = answers  # type: ignore[attr-defined]  # tests and notebooks reach them
    return view
