"""Small experiments and prototype conversations: each a card whose fields save as they change.

Examples
--------
>>> from datetime import date
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> view = ConversationsView(store)
>>> view.person.value, view.path.value = "Tomás", "product manager"
>>> view.add_button.click()
>>> card = view.cards[view.conversations()[0].id]
>>> card.held.value = date(2030, 4, 3)
>>> card.learned.text.value = "Customer calls are half the job."
>>> c = view.conversations()[0]
>>> c.held_on, c.learned
(datetime.date(2030, 4, 3), 'Customer calls are half the job.')
"""

from __future__ import annotations

import ipywidgets as widgets

from ...assignments import (
    EXERCISE,
    VERDICTS,
    add_conversation,
    add_experiment,
    list_conversations,
    list_experiments,
    remove_conversation,
    remove_experiment,
    update_conversation,
    update_experiment,
)
from ...assignments.conversations import put_on_map
from ...assignments.model import learned_key
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from .._plan_common import date_picker, heading, row, text_box
from ..reflect import WritingBox
from ._brief import Brief

_CARD = widgets.Layout(border="1px solid #CCCCCC", padding="6px 10px", margin="0 0 8px 0",
                       width="100%")


class _Card(widgets.VBox):
    """One record: controls that save on change, a private 'what I learned' box, Remove."""

    def __init__(self, view, record_id: int, number: int, controls: list[widgets.Widget],
                 kind: str, prompt: str, remove_label: str):
        self.record_id = record_id
        self.learned = WritingBox(view.store, EXERCISE, learned_key(kind, record_id), prompt,
                                  rows=3)
        self.remove = widgets.Button(description="Remove", icon="trash",
                                     tooltip=f"Remove {remove_label}")
        self.remove.on_click(lambda _b: view.remove(record_id))
        super().__init__([widgets.HTML(f"<b>{number}.</b>"), row(*controls), self.learned,
                          widgets.HBox([self.remove])], layout=_CARD)


def _saving(control: widgets.ValueWidget, status: Status, save) -> None:
    """Save the control's new value with ``save(value)``; say so, or why not."""
    control.observe(lambda change: guarded(status, lambda: save(change["new"])), names="value")


class _RecordsView(widgets.VBox):
    """A list of cards that follows the store, and a form that adds one."""

    def __init__(self, store: LearnerStore, assignment_id: str, form: list[widgets.Widget],
                 title: str, empty: str):
        self.store = store
        self.status = Status()
        self.brief = Brief(store, assignment_id)
        self.add_button.on_click(lambda _b: self.add())
        self.list_box = widgets.VBox()
        self.cards: dict[int, _Card] = {}
        self.empty = empty
        self._shown: list[int] = []
        self.refresh()
        store.on_change(lambda _s: self.refresh())
        super().__init__([demo_banner(store), self.brief, heading(title), self.list_box,
                          heading("Add one"), *form, self.status])

    def refresh(self) -> None:
        """Rebuild the cards when records were added or removed (typing is never reset)."""
        self.brief.refresh()
        ids = [r.id for r in self.records()]
        if ids == self._shown:
            return
        self._shown = ids
        self.cards = {r.id: self.card(r, n) for n, r in enumerate(self.records(), start=1)}
        self.list_box.children = list(self.cards.values()) or [
            widgets.HTML(f"<i>{self.empty}</i>")]

    def records(self) -> list:
        """The records as stored now."""
        raise NotImplementedError

    def card(self, record, number: int) -> _Card:
        """The card of one record."""
        raise NotImplementedError

    def add(self) -> None:
        """Add the record described in the form."""
        raise NotImplementedError

    def remove(self, record_id: int) -> None:
        """Remove one record."""
        raise NotImplementedError


class ExperimentsView(_RecordsView):
    """Small experiments: what, planned, tried, the verdict and what it taught you.

    Attributes
    ----------
    what, planned, add_button : the form
    cards : dict of experiment id to its card (``what``, ``planned``, ``tried``, ``verdict``,
        ``learned``, ``remove``)
    """

    def __init__(self, store: LearnerStore):
        self.what = text_box("", "What you will try", "e.g. a side project")
        self.what.continuous_update = True
        self.planned = date_picker(None, "When")
        self.add_button = widgets.Button(description="Add the experiment", icon="plus",
                                         button_style="primary")
        super().__init__(store, "small-experiment", [row(self.what, self.planned,
                                                         self.add_button)],
                         "Your experiments", "No experiment yet: add one below.")

    def records(self):
        """The experiments as stored now."""
        return list_experiments(self.store)

    experiments = records

    def card(self, e, number: int) -> _Card:
        """An experiment's card."""
        what = text_box(e.what, "What")
        planned, tried = date_picker(e.planned_on, "Planned"), date_picker(e.tried_on, "Tried on")
        verdict = widgets.Dropdown(options=[("not tried yet", ""), *[(v, k) for k, v in
                                                                     VERDICTS.items()]],
                                   value=e.verdict, description="Verdict",
                                   style={"description_width": "initial"})
        s, eid = self.status, e.id
        _saving(what, s, lambda v: update_experiment(self.store, eid, what=v))
        _saving(planned, s, lambda v: update_experiment(self.store, eid, planned_on=v))
        _saving(tried, s, lambda v: update_experiment(self.store, eid, tried_on=v))
        _saving(verdict, s, lambda v: update_experiment(self.store, eid, verdict=v))
        card = _Card(self, eid, number, [what, planned, tried, verdict], "experiment",
                     "What it taught you (private)", f"experiment {number}")
        card.what, card.planned, card.tried, card.verdict = what, planned, tried, verdict
        return card

    def add(self) -> None:
        """Add the experiment in the form."""
        if guarded(self.status, lambda: add_experiment(self.store, self.what.value,
                                                       planned_on=self.planned.value),
                   "Experiment added.") is not None:
            self.what.value = ""
            self.planned.value = None

    def remove(self, record_id: int) -> None:
        """Remove an experiment and what it taught you."""
        guarded(self.status, lambda: remove_experiment(self.store, record_id), "Removed.")


class ConversationsView(_RecordsView):
    """Prototype conversations: with whom, about which path, when, and what you learned.

    Attributes
    ----------
    person, path, planned, to_map, add_button : the form (``to_map``: also put the person on
        the network map, or link them when they are on it already)
    cards : dict of conversation id to its card (``person``, ``path``, ``planned``,
        ``held``, ``learned``, ``remove``)
    """

    def __init__(self, store: LearnerStore):
        self.person = text_box("", "With whom", "a name, or who they are")
        self.person.continuous_update = True
        self.path = text_box("", "The path they live", "e.g. a founder")
        self.planned = date_picker(None, "When")
        self.to_map = widgets.Checkbox(value=False, indent=False,
                                       description="Also put them on my network map")
        self.add_button = widgets.Button(description="Add the conversation", icon="plus",
                                         button_style="primary")
        super().__init__(store, "prototype-conversations",
                         [row(self.person, self.path), row(self.planned, self.to_map,
                                                           self.add_button)],
                         "Your conversations", "No conversation yet: add two below.")

    def records(self):
        """The conversations as stored now."""
        return list_conversations(self.store)

    conversations = records

    def card(self, c, number: int) -> _Card:
        """A conversation's card."""
        person, path = text_box(c.person, "With"), text_box(c.path, "Path")
        planned, held = date_picker(c.planned_on, "Planned"), date_picker(c.held_on, "Held on")
        s, cid = self.status, c.id
        _saving(person, s, lambda v: update_conversation(self.store, cid, person=v))
        _saving(path, s, lambda v: update_conversation(self.store, cid, path=v))
        _saving(planned, s, lambda v: update_conversation(self.store, cid, planned_on=v))
        _saving(held, s, lambda v: update_conversation(self.store, cid, held_on=v))
        card = _Card(self, cid, number, [person, path, planned, held], "conversation",
                     "What you learned (private)", f"conversation {number}")
        card.person, card.path, card.planned, card.held = person, path, planned, held
        return card

    def add(self) -> None:
        """Add the conversation in the form (and the person to the map, when ticked)."""
        def save():
            talk = add_conversation(self.store, self.person.value, path=self.path.value,
                                    planned_on=self.planned.value)
            if self.to_map.value:
                put_on_map(self.store, talk.id)
            return talk

        done = "Conversation added." + (" They are on your map." if self.to_map.value else "")
        if guarded(self.status, save, done) is not None:
            self.person.value = self.path.value = ""
            self.planned.value = None
            self.to_map.value = False

    def remove(self, record_id: int) -> None:
        """Remove a conversation and what you learned (the person stays on the map)."""
        guarded(self.status, lambda: remove_conversation(self.store, record_id), "Removed.")
