"""Your network since your first complete map: who came, who moved, and the out-sight then and now.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network.storage import add_contact, add_network
>>> from coursekit.network.samples import load_sample_network
>>> store = LearnerStore(":memory:")
>>> view = NetworkSinceView(store)
>>> "not been complete" in view.summary.value
True
>>> _ = add_network(store, load_sample_network("amara"))
>>> _ = add_contact(store, name="Priya Nair", inside=False, types=("strategic",))
>>> "Priya Nair" in view.summary.value, view.maps[1].figure.layout.title.text
(True, 'Now: 18 people')
"""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from ..._render import render
from ...checkin.network import above_words, outsight_figure, since_first_map
from ...exercises.network import NetworkExercise
from ...network.history import restart_first_map
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from .._figures import set_figure, set_hint
from ..network.results import LiveMap, map_key

#: Each map at least this wide: two side by side on a wide screen, one under the other below.
_MAP_BOX = widgets.Layout(flex="1 1 560px", min_width="320px", overflow="hidden")

_WHY_NOT = ("<p><i>Your map has not been complete yet, so there is no first map to compare "
            "with. It is kept the first time your map is complete: you at the centre, five "
            "people, half of them described, and who knows whom (in "
            "<a href='03_map_your_network.ipynb'>Map your network</a>). Steps done so far: "
            "{done} of {of}.</i></p>")


class NetworkSinceView(widgets.VBox):
    """The first map and the map now side by side, what changed, and the out-sight figure.

    Attributes
    ----------
    summary : HTML, the changes in words (names included: this is your screen)
    maps : the two LiveMaps, first map and now (empty until there is a first map)
    outsight : Output with the out-sight figure
    restart_confirm, restart_button : compare from today on (the first map is replaced)
    """

    def __init__(self, store: LearnerStore, *, today: date | None = None):
        self.store, self.today = store, today
        self.status = Status()
        self.summary = widgets.HTML()
        self.maps_box = widgets.Box(layout=widgets.Layout(display="flex", flex_flow="row wrap",
                                                          width="100%"))
        self.maps: list[LiveMap] = []
        self.outsight = widgets.Output(layout=widgets.Layout(width="100%"))
        self.restart_confirm = widgets.Checkbox(
            value=False, indent=False, layout=widgets.Layout(width="auto"),
            description="Yes, replace my first map with my map as it is today")
        self.restart_button = widgets.Button(
            description="Compare from today on", icon="refresh", disabled=True,
            tooltip="Keep today's map as the one later check-ins compare with")
        self.restart_confirm.observe(
            lambda c: setattr(self.restart_button, "disabled", not c["new"]), names="value")
        self.restart_button.on_click(lambda _b: self.restart())
        # shown only once there is a first map to replace
        self.restart_box = widgets.VBox([
            widgets.HTML("<p><b>Start the comparison again.</b> If your first map was a "
                         "mistake (a wrong import, say), keep today's map as the one to "
                         "compare with from now on. The first map is then gone.</p>"),
            widgets.HBox([self.restart_confirm, self.restart_button],
                         layout=widgets.Layout(flex_flow="row wrap"))])
        self.refresh()
        store.on_change(lambda _s: self.refresh())
        super().__init__([demo_banner(store), self.summary, self.maps_box, self.outsight,
                          self.restart_box, self.status])

    def refresh(self) -> None:
        """Show the comparison as stored now (the maps are updated in place)."""
        check = since_first_map(self.store, self.today)
        if check is None:
            progress = NetworkExercise().progress(self.store)
            self.summary.value = _WHY_NOT.format(done=progress.done, of=progress.of)
            self.maps_box.children, self.maps = [], []
            set_hint(self.outsight, "The out-sight comparison appears once there is a first "
                                    "map.")
            self.restart_box.layout.display = "none"
            return
        self.restart_box.layout.display = None
        self.summary.value = render("views/network_since.html.j2", check=check,
                                    above=above_words(check.changes))
        titles = (f"First map ({check.first.taken_on:%d %b %Y}): {check.first.network.size} "
                  f"people", f"Now: {check.now.size} people")
        if not self.maps:
            # No legend in either map (one beside the other took its room): one key below.
            self.maps = [LiveMap(check.first.network, title=titles[0], height=520, legend=False),
                         LiveMap(check.now, title=titles[1], height=520, legend=False)]
            self.maps_box.children = [*(widgets.Box([m.output], layout=_MAP_BOX)
                                        for m in self.maps), map_key()]
        else:
            for live, network, title in zip(self.maps, (check.first.network, check.now),
                                            titles, strict=True):
                live.options["title"] = title
                live.update(network)
        set_figure(self.outsight, outsight_figure(check.changes))

    def restart(self) -> None:
        """Keep today's map as the first map (needs the tick first)."""
        if not self.restart_confirm.value:
            self.status.error("Tick the box first: the first map will be replaced.")
            return
        if guarded(self.status, lambda: restart_first_map(self.store),
                   "From now on, check-ins compare with your map as it is today.") is not None:
            self.maps = []
            self.restart_confirm.value = False
            self.refresh()


def check_in_network(store: LearnerStore) -> NetworkSinceView:
    """Your network now beside your first complete map, and its out-sight then and now."""
    return NetworkSinceView(store)
