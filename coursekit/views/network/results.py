"""What the network looks like: the map, its measures, the out-sight audit, and comparisons.

Each view follows the store: a person added in another cell shows here at once.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network import add_contact
>>> store = LearnerStore(":memory:")
>>> measures = MeasuresView(store)
>>> _ = add_contact(store, name="Ana", inside=True)
>>> "Contacts" in measures.table.value
True
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from ..._palette import NETWORK_TYPE_COLOURS
from ..._render import render
from ..._text import escape_html
from ...network import Network, load_sample_network
from ...network.egogram import (
    GROUPING_LABELS,
    GROUPINGS,
    SHAPE_LABELS,
    SHAPES,
    TIE_COLOUR,
    TIES,
    TYPE_LABELS,
    egogram_spec,
)
from ...network.measures import compare_measures, measures_table, network_measures
from .._figures import set_figure
from ._shared import STYLE, NetworkPart

#: Two maps side by side, each at least this wide; narrower screens put one under the other.
# Side by side only when each map has 480 px (a narrower map drew wider than its box, in
# JupyterLab beside its file browser, and was cut); one under the other below that.
_SIDE = widgets.Layout(flex="1 1 480px", min_width="480px", overflow="hidden")


def _same(a, b) -> bool:
    """Whether two plotly property values (dicts, lists, numpy arrays) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple, np.ndarray)) or isinstance(b, (list, tuple, np.ndarray)):
        if b is None or a is None or len(a) != len(b):
            return False
        return all(_same(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


class LiveMap:
    """A map (egogram) shown as a static figure, redrawn when what it shows has changed.

    A static figure (plotly's mimetype in an Output; the page loads plotly.js once however
    many figures it shows), not a ``go.FigureWidget``: plotly's FigureWidget sends its own
    5 MB copy of plotly.js to the browser with every figure, which held the network pages
    for seconds (``benchmarks/bench_browser.py``). The Output keeps the figure's height
    while it is redrawn, so the page does not jump.
    """

    def __init__(self, network: Network, *, group_by: str = "inside", legend: bool = True,
                 **options):
        self.group_by, self.legend, self.options = group_by, legend, options
        self.output = widgets.Output(layout=widgets.Layout(
            min_height=f"{options.get('height', 620)}px"))
        self._shown: dict | None = None
        self.update(network)

    @property
    def figure(self) -> go.Figure:
        """The figure shown now."""
        assert self._shown is not None  # noqa: S101 (drawn in __init__)
        return go.Figure(**self._shown, _validate=False)

    def update(self, network: Network) -> None:
        """Show ``network``: the figure is sent again only when something in it changed."""
        new = egogram_spec(network, group_by=self.group_by, legend=self.legend, **self.options)
        if self._shown is None or not _same(new, self._shown):
            self._shown = new
            set_figure(self.output, self.figure)


class NetworkMap(NetworkPart):
    """Your map: you at the centre, closer people nearer, grouped as you choose."""

    refresh_order = 1

    def __init__(self, store, *, group_by: str = "inside", **kwargs):
        self.group_by = widgets.Dropdown(
            description="Group people by", style=STYLE, value=group_by,
            options=[(GROUPING_LABELS[g], g) for g in GROUPINGS],
            layout=widgets.Layout(width="100%", max_width="460px"))
        self.map = LiveMap(self._network(store), group_by=group_by)
        self.group_by.observe(lambda _: self._regroup(), "value")
        super().__init__(store, [self.group_by, self.map.output], status=False, **kwargs)

    @property
    def figure(self) -> go.Figure:
        """The map as shown now."""
        return self.map.figure

    @staticmethod
    def _network(store) -> Network:
        from ._shared import snapshot

        return snapshot(store).network

    def refresh(self) -> None:
        """Redraw what changed."""
        self.map.update(self.network)

    def _regroup(self) -> None:
        self.map.group_by = self.group_by.value
        self.map.update(self.network)


class MeasuresView(NetworkPart):
    """The measures of your network, each explained in plain words."""

    refresh_order = 0

    def __init__(self, store, **kwargs):
        self.table = widgets.HTML()
        super().__init__(store, [self.table], status=False, **kwargs)

    def refresh(self) -> None:
        """Show the measures of the network as stored now."""
        self.measures = self.snapshot.measures
        self.table.value = render("network/_measures.html.j2", caption="Your network's measures",
                                  table=measures_table(self.measures))


class AuditView(NetworkPart):
    """The out-sight audit: how far your network reaches outside, and what to do next."""

    refresh_order = 0

    def __init__(self, store, **kwargs):
        self.audit_html = widgets.HTML()
        super().__init__(store, [self.audit_html], status=False, **kwargs)

    def refresh(self) -> None:
        """Show the audit of the network as stored now."""
        self.audit = self.snapshot.audit
        self.audit_html.value = render("network/_outsight.html.j2", audit=self.audit)


#: The key's symbols (their colour goes in ``{}``), as the maps draw them.
_SHAPES = {"circle": '<circle cx="6" cy="6" r="5" fill="{}"/>',
           "diamond": '<path d="M6 0.5L11.5 6L6 11.5L0.5 6Z" fill="{}"/>',
           "square": '<rect x="1" y="1" width="10" height="10" fill="{}"/>',
           "line": '<line x1="0" y1="6" x2="12" y2="6" stroke="{}" stroke-width="1.5"/>'}


def map_key() -> widgets.HTML:
    """One key to maps shown side by side (they have no legend of their own).

    A legend in each map took the map's room, and wrapped onto more rows in a narrow one; a
    key below the maps wraps as the page needs and leaves both maps their full size.
    """
    # Drawn shapes, not characters: a coloured character is text, and pale text fails the
    # contrast check; its words say what each is.
    def item(shape: str, colour: str, words: str) -> str:
        return (f'<span style="white-space:nowrap"><svg width="12" height="12" '
                f'viewBox="0 0 12 12" aria-hidden="true" style="vertical-align:-1px">'
                f'{_SHAPES[shape].format(colour)}</svg> {escape_html(words)}</span>')

    types = [item("circle", NETWORK_TYPE_COLOURS[k], v) for k, v in TYPE_LABELS.items()]
    shapes = [item(SHAPES[k], "#777777", SHAPE_LABELS[k]) for k in (True, False, None)]
    row = ('<div style="display:flex;flex-wrap:wrap;gap:2px 14px;align-items:baseline">'
           "<b>{}</b>{}</div>")
    return widgets.HTML(
        '<div role="group" aria-label="Key to the maps" style="font-size:12px;color:#444;'
        'margin:2px 0 10px;line-height:1.6">'
        + row.format("Colour: network type", "".join(types))
        + row.format("Shape", "".join(shapes))
        + row.format("Lines", item("line", TIE_COLOUR, TIES))
        + "</div>")


def _side_by_side(maps: list[LiveMap], table) -> tuple[widgets.Box, widgets.HTML]:
    boxes = widgets.Box([widgets.Box([m.output], layout=_SIDE) for m in maps],
                        layout=widgets.Layout(display="flex", flex_flow="row wrap",
                                              width="100%"))
    html = widgets.HTML(render("network/_measures.html.j2", table=table,
                               caption="Measures side by side"))
    return boxes, html


class NetworkComparison(NetworkPart):
    """A sample network next to yours, kept up to date as you add people."""

    refresh_order = 1

    def __init__(self, store, sample: str = "harris-before", *, title: str = "", **kwargs):
        self.sample = load_sample_network(sample)
        self.sample_title = title or sample.replace("-", " ").capitalize()
        options = {"height": 460}
        self.maps = [LiveMap(self.sample, title=f"{self.sample_title}: "
                                                f"{self.sample.size} people", legend=False,
                             **options),
                     # No legend either: beside Harris's it took the map's room (a
                     # 120 px map at 1024 px); one key below both (map_key).
                     LiveMap(self._network(store), title="You", legend=False, **options)]
        # The sample never changes: its measures are computed once.
        self.sample_measures = network_measures(self.sample)
        self.box, self.table = _side_by_side(self.maps, compare_measures(
            {self.sample_title: self.sample_measures}).reset_index())
        super().__init__(store, [self.box, map_key(), self.table], status=False, **kwargs)

    _network = staticmethod(NetworkMap._network)

    def refresh(self) -> None:
        """Redraw your map and the measures beside the sample's."""
        snapshot = self.snapshot
        self.maps[1].options["title"] = f"You: {snapshot.network.size} people"
        self.maps[1].update(snapshot.network)
        table = compare_measures({self.sample_title: self.sample_measures,
                                  "You": snapshot.measures})
        self.table.value = render("network/_measures.html.j2", table=table.reset_index(),
                                  caption="Measures side by side")


def sample_comparison(first: str, second: str, *, titles: tuple[str, str] | None = None
                      ) -> widgets.VBox:
    """Two sample networks side by side: their maps, then their measures in one table.

    Examples
    --------
    >>> box = sample_comparison("harris-before", "harris-after")
    >>> [b.children[0].outputs[0]["data"]["text/plain"] for b in box.children[0].children]
    ['<plotly figure: Harris before: 30 people>', '<plotly figure: Harris after: 37 people>']
    """
    titles = titles or tuple(s.replace("-", " ").capitalize() for s in (first, second))
    networks = [load_sample_network(first), load_sample_network(second)]
    # No legend in either map: one key below both (map_key), so both maps are as big.
    maps = [LiveMap(n, title=f"{t}: {n.size} people", height=460, legend=False)
            for n, t in zip(networks, titles, strict=True)]
    box, table = _side_by_side(maps, compare_measures(dict(zip(titles, networks,
                                                               strict=True))).reset_index())
    return widgets.VBox([box, map_key(), table])
