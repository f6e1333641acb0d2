"""The egogram: readable at 5 and 150 contacts, safe with user text, defined when empty."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from coursekit._palette import NETWORK_TYPE_COLOURS
from coursekit.network import Contact, Ego, Network, egogram, load_sample_network
from coursekit.network.egogram import (
    GROUPINGS,
    MAX_LABELS,
    TIES,
    TRACE_NAMES,
    egogram_spec,
    positions,
)


def contacts(n: int, **fields) -> Network:
    return Network.from_records(Ego(), [Contact(f"c{k}", f"Person {k}", strength=1 + k % 5,
                                                **fields) for k in range(n)])


def test_figure_is_valid_plotly_with_title_and_fixed_traces():
    fig = egogram(load_sample_network("harris-before"))
    go.Figure(fig.to_dict())  # full validation of what was built unvalidated
    assert [t.name for t in fig.data] == list(TRACE_NAMES)
    assert "30 contacts" in fig.layout.title.text


def test_colours_come_from_the_palette_and_shapes_back_them_up():
    fig = egogram(load_sample_network("harris-after"))
    by_name = {t.name: t for t in fig.data}
    assert by_name["operational"].marker.color == NETWORK_TYPE_COLOURS["operational"]
    assert by_name["strategic"].marker.color == NETWORK_TYPE_COLOURS["strategic"]
    assert set(by_name["strategic"].marker.symbol) <= {"circle", "diamond"}
    assert by_name["ties among contacts"].showlegend


def test_hover_and_labels_escape_user_text():
    net = Network.from_records(Ego("<b>Org</b>"), [
        Contact("c1", "<script>alert(1)</script>", notes="x", sector="<i>s</i>",
                circles=("<img src=x>",))])
    fig = egogram(net)
    text = str(fig.to_dict())
    assert "<script>" not in text and "<img" not in text and "<i>s" not in text
    assert "&lt;script&gt;" in text


def test_empty_network_shows_a_message_not_a_blank_plot():
    fig = egogram(Network())
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "No contacts yet" in notes
    assert list(fig.data[TRACE_NAMES.index("you")].x) == [0.0]


def test_star_network_says_so():
    fig = egogram(contacts(6))
    assert any("a star" in a.text for a in fig.layout.annotations)
    assert len(fig.data[0].x) == 0 and not fig.data[0].showlegend
    assert not [s for s in fig.layout.shapes if s.name == TIES]


def test_ties_are_one_path_with_a_legend_entry():
    net = load_sample_network("harris-before")
    fig = egogram(net)
    paths = [s.path for s in fig.layout.shapes if s.name == TIES]
    assert len(paths) == 1 and paths[0].count("M") == len(net.tie_arrays[0])
    assert fig.data[0].name == TIES and fig.data[0].showlegend


def test_rings_by_closeness():
    net = contacts(5)
    x, y, _ = positions(net)
    radius = (x ** 2 + y ** 2) ** 0.5
    strengths = net.contacts["strength"].to_numpy(dtype=int)
    assert radius[strengths == 5].max() < radius[strengths == 1].min()


def test_labels_all_when_few_and_only_closest_when_many():
    few = egogram(contacts(5))
    # All five in a line below you: each named, except the innermost, whose name would lie
    # over your own label under the star (it stays in the hover text).
    shown = [s for t in few.data[1:6] for s in list(t.text) if s]
    assert sorted(shown) == ["Person 0", "Person 1", "Person 2", "Person 3"]
    many = egogram(contacts(150))
    labelled = sum(1 for t in many.data[1:6] for s in list(t.text) if s)
    # at most MAX_LABELS: fewer where a name has no room clear of the other dots
    assert MAX_LABELS - 4 <= labelled <= MAX_LABELS


@pytest.mark.parametrize("group_by", GROUPINGS)
def test_every_grouping_places_everyone_without_overlap(group_by):
    net = load_sample_network("harris-after")
    x, y, sectors = positions(net, group_by)
    points = {(round(a, 3), round(b, 3)) for a, b in zip(x, y, strict=False)}
    assert len(points) == net.size
    assert sectors


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="group_by"):
        egogram(contacts(2), group_by="colour")


def test_ring_radius_of_one_strength_and_of_many():
    import numpy as np

    from coursekit.network.egogram import ring_radius

    assert ring_radius(5) == 1 and float(ring_radius(1)) == 5.0
    assert ring_radius(np.array([1, 3, 5])).tolist() == [5, 3, 1]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _named(spec) -> tuple[list[tuple[str, float, float, str]], np.ndarray, np.ndarray]:
    """The map's names (text, x, y, place) and every contact's dot (x, y)."""
    points = [(t, x, y, place) for tr in spec["data"] if tr.get("mode") == "markers+text"
              and tr["name"] != "you" for t, x, y, place in zip(
                  tr["text"], tr["x"], tr["y"], tr["textposition"], strict=True)]
    return ([p for p in points if p[0]], np.array([p[1] for p in points]),
            np.array([p[2] for p in points]))


def _name_boxes(named, dots_x, height, legend):
    from coursekit.network.map_labels import label_boxes

    return label_boxes([t for t, *_ in named], np.array([p[1] for p in named]),
                       np.array([p[2] for p in named]), height, legend=legend,
                       places=[p[3] for p in named], contacts=len(dots_x))


@pytest.mark.parametrize("legend", [True, False])
def test_names_on_the_map_never_overlap_and_every_name_stays_in_the_hover(legend):
    from coursekit.network.map_labels import dot_boxes, fixed_boxes
    from coursekit.network.model import Contact, Ego, Network

    people = [Contact(f"c{k}", f"Alexandra Montgomery-{k}", strength=4, inside=True)
              for k in range(15)]
    network = Network.from_records(Ego(), people)
    for height in (460, 620):
        spec = egogram_spec(network, height=height, legend=legend)
        named, dots_x, dots_y = _named(spec)
        # A crowded ring: some names only on hover. A 460 px map with a legend is some 225
        # px across: the ring's names would all lie over the rings' own labels.
        assert (0 if (height, legend) == (460, True) else 1) <= len(named) < len(people)
        boxes = _name_boxes(named, dots_x, height, legend)
        fixed = fixed_boxes("You", positions(network)[2], height, legend=legend)
        dots = dot_boxes(dots_x, dots_y, height, legend=legend)
        for i, a in enumerate(boxes):
            assert not any(_overlap(a, b) for b in boxes[i + 1:] + fixed)
            own = [k for k, (x, y) in enumerate(zip(dots_x, dots_y, strict=True))
                   if (x, y) == (named[i][1], named[i][2])]
            assert not any(_overlap(a, d) for k, d in enumerate(dots) if k not in own)
        hover = " ".join(h for tr in spec["data"] for h in list(tr.get("hovertext", ())))
        assert all(p.name in hover for p in people)


def test_a_name_that_would_cover_a_dot_goes_beside_its_own():
    """Two people on one ring, one just above the other: the lower one's name, above its
    dot, would cover the upper one's dot, so it goes below its dot instead."""
    from coursekit.network.map_labels import place_labels

    x, y = np.array([0.0, 0.0]), np.array([3.0, 3.12])
    shown = place_labels(["Ann Lower", "Bo Upper"], x, y, [0, 1], [], 10, 620)
    assert shown == {0: "bottom center", 1: "top center"}
    assert place_labels(["Ann Lower"], x[:1], y[:1], [0], [], 10, 620) == {0: "top center"}


@pytest.mark.parametrize(("height", "legend"), [(460, False), (520, False), (620, True)])
def test_harris_after_names_keep_clear_of_the_rings_words(height, legend):
    """Harris after (37 people, the map beside Harris before): no name on a ring's word."""
    from coursekit.network.map_labels import fixed_boxes

    network = load_sample_network("harris-after")
    spec = egogram_spec(network, height=height, legend=legend)
    x, y, sectors = positions(network)
    named, dots_x, _ = _named(spec)
    assert len(named) >= 5  # the map still names people
    boxes = _name_boxes(named, dots_x, height, legend)
    fixed = fixed_boxes(network.ego.label or "You", sectors, height, legend=legend)
    assert not any(_overlap(a, b) for a in boxes for b in fixed)


@pytest.mark.parametrize("legend", [True, False])
def test_the_legend_has_room_of_its_own_and_never_shrinks_the_map(legend):
    """The labels are placed for the map's size: the figure keeps that size whatever the
    legend does (it may not push the margins), and the room is what the placement assumes."""
    from coursekit.network.map_labels import map_px

    layout = egogram_spec(load_sample_network("harris-after"), height=460,
                          legend=legend)["layout"]
    margin = layout["margin"]
    assert margin["autoexpand"] is False and layout["showlegend"] is legend
    assert 460 - margin["t"] - margin["b"] == map_px(460, legend=legend)
    assert margin["b"] >= (130 if legend else 0)  # five types and their title, one group row


def test_only_the_closest_candidates_are_tried_for_a_name(monkeypatch):
    """A crowded map of many people names the closest it has room for, not the furthest."""
    from coursekit.network import map_labels

    monkeypatch.setattr(map_labels, "CANDIDATES", 20)
    x, y = np.zeros(70), np.empty(70)
    y[:20] = np.linspace(1.0, 1.01, 20)  # the closest 20 all on one spot
    y[20:] = np.linspace(3.0, 4.5, 50)  # the rest further out, with room for names
    shown = map_labels.place_labels([f"P{k}" for k in range(70)], x, y, np.arange(70), [],
                                    12, 620)
    assert shown and max(shown) < 20
