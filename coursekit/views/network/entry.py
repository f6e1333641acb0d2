"""Entering the network: you at the centre, recalling people, one person's details.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> form = ContactForm(store)
>>> form.name.value = "Ana"
>>> form.save_button.click()
>>> form.network.size
1
"""

from __future__ import annotations

import ipywidgets as widgets

from ..._text import plural
from ...network import (
    NETWORK_TYPES,
    NEW_ID,
    STRENGTH_SCALE,
    Contact,
    Ego,
    delete_contact,
    normalise_name,
    restore_contact,
    save_contact,
    save_ego,
)
from ...network.duplicates import same_name
from ...network.model import format_circles
from ._shared import FULL, NEW, STYLE, NetworkPart, heading, person_choices

#: Name-generator prompts: (question, what an answer suggests about the person).
RECALL_PROMPTS: tuple[tuple[str, dict], ...] = (
    ("Who do you turn to when you need advice on a hard decision at work?",
     {"types": ("personal",)}),
    ("Who helps you get things done in your job as it is today?", {"types": ("operational",)}),
    ("Who outside your organisation knows your industry best?",
     {"inside": False, "types": ("strategic",)}),
    ("Who two levels above you knows your work?", {"seniority": 2, "types": ("strategic",)}),
    ("Who could tell you where your field is heading in the next five years?",
     {"types": ("strategic",)}),
    ("Who has made the kind of move you are thinking about?", {"types": ("strategic",)}),
    ("Which former colleague or schoolmate have you not spoken to for a year or more?",
     {"types": ("personal",)}),
    ("Whom have you talked with about work in the last two weeks?", {}),
)
TYPE_HELP = {"operational": "operational: gets today's job done",
             "personal": "personal: support, friendship, advice",
             "strategic": "strategic: shows where you could go"}


def _text(description: str, placeholder: str = "", value: str = "") -> widgets.Text:
    return widgets.Text(value=value, description=description, placeholder=placeholder,
                        style=STYLE, layout=FULL)


class ProfileForm(NetworkPart):
    """You at the centre of the map: your organisation (what "inside" means), sector, function."""

    def __init__(self, store, **kwargs):
        ego = self._ego(store)
        self.organisation = _text("My organisation", value=ego.organisation)
        self.sector = _text("My sector", value=ego.sector)
        self.function = _text("My function", value=ego.function)
        self.save_button = widgets.Button(description="Save my profile", icon="check",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save())
        super().__init__(store, [heading("You, at the centre of the map"), self.organisation,
                                 self.sector, self.function, self.save_button], **kwargs)

    @staticmethod
    def _ego(store) -> Ego:
        from ...network.storage import load_ego

        return load_ego(store)

    def save(self) -> None:
        """Save your organisation, sector and function."""
        self.run(lambda: save_ego(self.store, Ego(self.organisation.value, self.sector.value,
                                                  self.function.value)), "Profile saved.")


class RecallForm(NetworkPart):
    """Recall: answer a question with the names that come to mind, one a line."""

    def __init__(self, store, **kwargs):
        self.prompt = widgets.Dropdown(
            description="Recall question", style=STYLE,
            layout=widgets.Layout(width="100%", max_width="760px"),
            options=[(q, k) for k, (q, _) in enumerate(RECALL_PROMPTS)], value=0)
        self.names = widgets.Textarea(description="Names, one a line", style=STYLE, rows=4,
                                      layout=FULL, placeholder="first names or initials")
        self.add_button = widgets.Button(description="Add these people", icon="user-plus",
                                         layout=widgets.Layout(width="auto"),
                                         tooltip="Add each line as a person in your network")
        self.add_button.on_click(lambda _: self.add())
        super().__init__(store, [heading("Recall: who comes to mind?"), self.prompt,
                                 self.names, self.add_button], **kwargs)

    def add(self) -> None:
        """Add each name typed, with what the question suggests about them."""
        _, hints = RECALL_PROMPTS[self.prompt.value]
        lines = [" ".join(x.split()) for x in self.names.value.splitlines()]
        known = {normalise_name(n) for n in self.network.contacts["name"]}
        added, skipped = [], []

        def add_all():
            for name in filter(None, lines):
                if normalise_name(name) in known:
                    skipped.append(name)
                    continue
                save_contact(self.store, Contact(NEW_ID, name, strength=3, **hints))
                known.add(normalise_name(name))
                added.append(name)

        def message() -> str:
            text = f"Added {len(added)}: pick each one below to fill in more."
            return text + (f" Already on your list: {', '.join(skipped)}." if skipped else "")

        if self.run(add_all, message):
            self.names.value = ""


class ContactForm(NetworkPart):
    """One person's details: pick someone to edit, or fill in someone new."""

    def __init__(self, store, **kwargs):
        self.picker = widgets.Dropdown(description="Person", style=STYLE, layout=FULL)
        self.name = _text("Name or initials", "only you see names")
        self.inside = widgets.Dropdown(
            description="Works", style=STYLE, value=NEW, layout=FULL,
            options=[("inside or outside: not sure", NEW), ("inside my organisation", "inside"),
                     ("outside my organisation", "outside")])
        self.organisation = _text("Organisation")
        self.sector = _text("Sector or industry")
        self.function = _text("Function", "e.g. finance, sales, engineering")
        self.role = _text("Role", "e.g. plant manager: replaces their name if you share")
        self.seniority = widgets.Dropdown(
            description="Seniority", style=STYLE, value=NEW, layout=FULL,
            options=[("not sure", NEW)] + [
                (f"{abs(k)} level{'s' if abs(k) > 1 else ''} {'above' if k > 0 else 'below'} me"
                 if k else "my level", str(k)) for k in range(5, -6, -1)])
        self.type_boxes = {t: widgets.Checkbox(description=TYPE_HELP[t], indent=False,
                                               layout=widgets.Layout(width="auto"))
                           for t in NETWORK_TYPES}
        self.strength = widgets.Dropdown(
            value=3, description="Closeness", style=STYLE, layout=FULL,
            options=[(f"{k}: {words}", k) for k, words in STRENGTH_SCALE.items()])
        self.last_contact = widgets.DatePicker(description="Last real talk", style=STYLE)
        self.circles = _text("Circles", "groups who know each other: My team; MBA class")
        self.notes = widgets.Textarea(description="Notes", style=STYLE, layout=FULL, rows=2)
        self.save_button = widgets.Button(description="Save person", button_style="primary",
                                          icon="check", layout=widgets.Layout(width="auto"))
        self.new_button = widgets.Button(description="New person", icon="plus",
                                         layout=widgets.Layout(width="auto"))
        self.remove_button = widgets.Button(description="Remove person", icon="trash",
                                            button_style="warning",
                                            layout=widgets.Layout(width="auto"))
        self.undo_button = widgets.Button(description="Undo remove", icon="undo",
                                          disabled=True, layout=widgets.Layout(width="auto"))
        self._removed: tuple[Contact, list] | None = None
        self.picker.observe(lambda _: self._pick(), "value")
        self.save_button.on_click(lambda _: self.save())
        self.new_button.on_click(lambda _: self._set_picker(NEW))
        self.remove_button.on_click(lambda _: self.remove())
        self.undo_button.on_click(lambda _: self.undo())
        types = widgets.VBox(list(self.type_boxes.values()),
                             layout=widgets.Layout(margin="0 0 0 158px"))
        super().__init__(store, [
            heading("A person: pick one to edit, or fill in someone new"), self.picker,
            self.name, self.inside, self.organisation, self.sector, self.function, self.role,
            self.seniority, widgets.HTML("Network types:", layout=widgets.Layout(
                margin="0 0 0 8px")), types,
            self.strength,
            self.last_contact, self.circles, self.notes,
            widgets.HBox([self.save_button, self.new_button, self.remove_button,
                          self.undo_button], layout=widgets.Layout(flex_flow="row wrap"))],
            **kwargs)
        self._pick()

    def refresh(self) -> None:
        """Offer everyone stored in the picker, keeping the one picked.

        People who share a name are told apart by their role (or function, organisation,
        sector), else by their number among those of that name.
        """
        ids = set(self.network.contacts["id"])
        keep = self.picker.value if self.picker.value in ids else NEW
        self.picker.options = [("(someone new)", NEW), *person_choices(self.network)]
        self.picker.value = keep

    def _set_picker(self, value: str) -> None:
        if self.picker.value == value:
            self._pick()
        self.picker.value = value

    def _pick(self) -> None:
        cid = self.picker.value
        contact = self.network.contact(cid) if cid else Contact(NEW_ID, "", strength=3)
        for key in ("name", "organisation", "sector", "function", "role", "strength",
                    "last_contact", "notes"):
            getattr(self, key).value = getattr(contact, key)
        self.inside.value = {True: "inside", False: "outside"}.get(contact.inside, NEW)
        self.seniority.value = NEW if contact.seniority is None else str(contact.seniority)
        for t, box in self.type_boxes.items():
            box.value = t in contact.types
        self.circles.value = format_circles(contact.circles)
        self.remove_button.disabled = not cid

    def contact(self) -> Contact:
        """The person the form describes (the one picked, or someone new)."""
        return Contact(
            id=self.picker.value or NEW_ID, name=self.name.value,
            inside={"inside": True, "outside": False}.get(self.inside.value),
            organisation=self.organisation.value, sector=self.sector.value,
            function=self.function.value, role=self.role.value,
            seniority=int(self.seniority.value) if self.seniority.value else None,
            types=tuple(t for t, box in self.type_boxes.items() if box.value),
            strength=self.strength.value, last_contact=self.last_contact.value,
            circles=self.circles.value, notes=self.notes.value)

    def save(self) -> None:
        """Save the person in the form (new or edited).

        A name another person has already is saved too (two people can share initials),
        with a warning beside the button saying how to tell them apart.
        """
        contact, saved = self.contact(), []
        if self.run(lambda: saved.append(save_contact(self.store, contact)),
                    f"Saved {contact.name.strip()}."):
            self._set_picker(saved[0].id)
            twins = same_name(self.network.contact_list(), saved[0])
            if twins:
                self.status.warning(
                    f"Saved {saved[0].name}. {plural(len(twins), 'other person', 'other people')}"
                    f" in your network {'is' if len(twins) == 1 else 'are'} called "
                    f"{saved[0].name} too. If this is someone else, add an initial or a word "
                    f"to tell them apart (e.g. '{saved[0].name} B' or "
                    f"'{saved[0].name} finance'); if it is the same person, remove one.")

    def remove(self) -> None:
        """Remove the picked person; Undo brings them back with their ties."""
        cid = self.picker.value
        if not cid:
            return
        network = self.network
        contact = network.contact(cid)
        ties = network.ties[(network.ties["a"] == cid) | (network.ties["b"] == cid)]
        self._removed = (contact, ties.values.tolist())
        if self.run(lambda: delete_contact(self.store, cid),
                    f"Removed {contact.name}. Undo brings them back."):
            self.undo_button.disabled = False
            self._set_picker(NEW)

    def undo(self) -> None:
        """Bring back the last removed person, with their circles and ties."""
        if not self._removed:
            return
        contact, ties = self._removed
        back: list[Contact] = []
        if self.run(lambda: back.append(restore_contact(self.store, contact, ties)),
                    f"{contact.name} is back."):
            self._removed = None
            self.undo_button.disabled = True
            self._set_picker(back[0].id)
