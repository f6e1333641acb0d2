"""Who knows whom: circles of people who all know each other, and the pairs that matter.

Asking about every pair soon becomes too much (20 people make 190 pairs): people who know
each other go into a circle; then the learner records the few pairs that matter. A pair's
own tie overrides the circles; strength 0 means the two do not know each other.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network import add_contact
>>> store = LearnerStore(":memory:")
>>> a, b = add_contact(store, name="Ana"), add_contact(store, name="Ben")
>>> ties = TiesForm(store)
>>> ties.person_a.value, ties.person_b.value = a.id, b.id
>>> ties.save_tie_button.click()
>>> len(ties.network.ties)
1
"""

from __future__ import annotations

import ipywidgets as widgets

from ...network import Circle, delete_circle, delete_tie, save_circle, save_tie
from ._shared import FULL, NEW, STYLE, NetworkPart, heading, person_choices

_AUTO = widgets.Layout(width="auto")
#: How well two people know each other, 0 to 5, in words.
_KNOW = [("0: they do not know each other", 0), ("1: they have met", 1),
         ("2: they talk now and then", 2), ("3: they work together often", 3),
         ("4: they are close", 4), ("5: they are very close", 5)]


class TiesForm(NetworkPart):
    """Circles and pairs: who knows whom among the people in your network."""

    def __init__(self, store, **kwargs):
        self.circle = widgets.Dropdown(description="Circle", style=STYLE, layout=FULL)
        self.circle_name = widgets.Text(description="Circle name", style=STYLE, layout=FULL,
                                        placeholder="e.g. My team, MBA classmates")
        self.circle_strength = widgets.Dropdown(value=2, style=STYLE, layout=FULL,
                                                description="They know each other",
                                                options=_KNOW[1:])
        self.members = widgets.SelectMultiple(description="Members", style=STYLE, rows=8,
                                              layout=FULL)
        self.save_circle_button = widgets.Button(description="Save circle", icon="check",
                                                 button_style="primary", layout=_AUTO)
        self.delete_circle_button = widgets.Button(description="Delete circle", icon="trash",
                                                   layout=_AUTO,
                                                   tooltip="Members stay; only the circle goes")
        self.person_a = widgets.Dropdown(description="Person A", style=STYLE, layout=FULL)
        self.person_b = widgets.Dropdown(description="Person B", style=STYLE, layout=FULL)
        self.tie_strength = widgets.Dropdown(value=2, style=STYLE, layout=FULL,
                                             description="They know each other",
                                             options=_KNOW)
        self.save_tie_button = widgets.Button(description="Save pair", icon="check",
                                              button_style="primary", layout=_AUTO)
        self.delete_tie_button = widgets.Button(description="Forget pair", icon="trash",
                                                layout=_AUTO)
        self.summary = widgets.HTML()
        self.circle.observe(lambda _: self._pick_circle(), "value")
        self.save_circle_button.on_click(lambda _: self.save_circle())
        self.delete_circle_button.on_click(lambda _: self.delete_circle())
        self.save_tie_button.on_click(lambda _: self.save_tie())
        self.delete_tie_button.on_click(lambda _: self.delete_tie())
        super().__init__(store, [
            heading("Circles: people who all know each other"), self.circle, self.circle_name,
            self.circle_strength, self.members,
            widgets.HBox([self.save_circle_button, self.delete_circle_button]),
            heading("A pair: two people, and how well they know each other (0: not at all)"),
            self.person_a, self.person_b, self.tie_strength,
            widgets.HBox([self.save_tie_button, self.delete_tie_button]), self.summary],
            **kwargs)

    def refresh(self) -> None:
        """Offer everyone stored in the pickers and lists, keeping what is picked."""
        net = self.network
        ids = set(net.contacts["id"])
        choices = person_choices(net)
        for box in (self.person_a, self.person_b):
            keep = box.value if box.value in ids else NEW
            box.options = [("(pick a person)", NEW), *choices]
            box.value = keep
        self.members.options = choices
        circles = list(net.circle_members())
        keep = self.circle.value if self.circle.value in circles else NEW
        self.circle.options = [("(a new circle)", NEW), *[(c, c) for c in circles]]
        self.circle.value = keep
        pairs, every = len(net.ties), len(net.tie_arrays[0])
        self.summary.value = (f"<p>{pairs} pair{'s' if pairs != 1 else ''} recorded; "
                              f"{every} tie{'s' if every != 1 else ''} in all, circles "
                              f"included.</p>")

    def _pick_circle(self) -> None:
        name = self.circle.value
        strength = dict(zip(self.network.circles["name"], self.network.circles["strength"],
                            strict=True))
        self.circle_name.value = name or ""
        self.circle_strength.value = max(1, int(strength.get(name, 2)))
        self.members.value = tuple(self.network.circle_members().get(name, []) if name else [])

    def save_circle(self) -> None:
        """Save the circle with the members selected (renaming it if the name changed)."""
        name, old = " ".join(self.circle_name.value.split()), self.circle.value
        members = list(self.members.value)

        def save():
            if old and old != name:
                delete_circle(self.store, old)
            save_circle(self.store, Circle(name, self.circle_strength.value), members=members)

        if self.run(save, f"Saved the circle {name}: {len(members)} people who know each "
                          f"other."):
            self.circle.value = name

    def delete_circle(self) -> None:
        """Delete the picked circle (its members stay)."""
        if name := self.circle.value:
            self.run(lambda: delete_circle(self.store, name), f"Deleted the circle {name}.")

    def save_tie(self) -> None:
        """Record how well person A and person B know each other."""
        a, b = self.person_a.value, self.person_b.value
        if not a or not b:
            self.status.error("Not saved: pick person A and person B first.")
            return
        self.run(lambda: save_tie(self.store, a, b, self.tie_strength.value), "Pair saved.")

    def delete_tie(self) -> None:
        """Forget the pair's own tie (their circles apply again)."""
        a, b = self.person_a.value, self.person_b.value
        if a and b:
            self.run(lambda: delete_tie(self.store, a, b), "Pair forgotten.")
