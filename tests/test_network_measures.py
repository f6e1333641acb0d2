"""Network measures against hand-computed values and against networkx where it is right."""

from __future__ import annotations

import math
import random
from datetime import date

import networkx as nx
import pytest

from coursekit.network import (
    Circle,
    Contact,
    Ego,
    Network,
    Tie,
    blau,
    constraint,
    density,
    effective_size,
    efficiency,
    ei_index,
    iqv,
    load_sample_network,
    local_constraints,
    network_measures,
    reach_above,
    stale_share,
    to_networkx,
    type_shares,
)


def net(strengths: dict[str, int], ties=(), circles=(), **fields) -> Network:
    contacts = [Contact(cid, cid.upper(), strength=s, **fields.get(cid, {}))
                for cid, s in strengths.items()]
    return Network.from_records(Ego(), contacts, [Tie(a, b, w) for a, b, w in ties], circles)


# -- fixtures with hand computations ------------------------------------------------------

def test_star_of_four():
    star = net({"a": 1, "b": 1, "c": 1, "d": 1})
    # No ties among contacts: t = 0, density 0 / (4*3/2) = 0.
    assert density(star) == 0
    # p_ij = 1/4 each, no indirect paths: C = 4 * (1/4)^2 = 0.25.
    assert constraint(star) == pytest.approx(0.25)
    # No redundancy: ES = n = 4, efficiency 1.
    assert effective_size(star) == 4
    assert efficiency(star) == 1


def test_weighted_star_constraint_is_sum_of_squared_shares():
    star = net({"a": 3, "b": 1})
    # p_ia = 3/4, p_ib = 1/4 -> C = 9/16 + 1/16 = 0.625.
    assert constraint(star) == pytest.approx(0.625)
    assert constraint(star, weighted=False) == pytest.approx(0.5)


def test_complete_graph_of_three():
    full = net({"a": 1, "b": 1, "c": 1}, [("a", "b", 1), ("a", "c", 1), ("b", "c", 1)])
    assert density(full) == 1
    # Ego-a: p_ia = 1/3. a's row: ego, b, c -> p_ab = p_ac = 1/3.
    # c_ia = (1/3 + p_ib p_ba + p_ic p_ca)^2 = (1/3 + 2/9)^2 = (5/9)^2 = 25/81.
    # C = 3 * 25/81 = 0.9259...
    assert constraint(full) == pytest.approx(75 / 81)
    # Unweighted ES = n - 2t/n = 3 - 6/3 = 1.
    assert effective_size(full) == pytest.approx(1)
    assert efficiency(full) == pytest.approx(1 / 3)


def test_weighted_graph_by_hand():
    # ego-a 3, ego-b 1, ego-c 2; a-b 2.
    g = net({"a": 3, "b": 1, "c": 2}, [("a", "b", 2)])
    # p_ia = 3/6, p_ib = 1/6, p_ic = 2/6.
    # a's row: ego 3 + b 2 = 5 -> p_ab = 2/5. b's row: ego 1 + a 2 = 3 -> p_ba = 2/3.
    # c_ia = (1/2 + p_ib p_ba)^2 = (1/2 + 1/6 * 2/3)^2 = (11/18)^2
    # c_ib = (1/6 + p_ia p_ab)^2 = (1/6 + 1/2 * 2/5)^2 = (11/30)^2
    # c_ic = (1/3)^2
    expected = (11 / 18) ** 2 + (11 / 30) ** 2 + (1 / 3) ** 2
    assert constraint(g) == pytest.approx(expected)
    local = local_constraints(g)
    assert local["a"] == pytest.approx((11 / 18) ** 2)
    # Effective size: m_ab = 2 / max(3, 2) = 2/3, m_ba = 2 / max(1, 2) = 1.
    # ES = 3 - p_ib m_ab - p_ia m_ba = 3 - 1/9 - 1/2
    assert effective_size(g) == pytest.approx(3 - 1 / 9 - 1 / 2)
    # Unweighted: 3 - 2*1/3
    assert effective_size(g, weighted=False) == pytest.approx(3 - 2 / 3)


def test_path_a_b_c():
    path = net({"a": 1, "b": 1, "c": 1}, [("a", "b", 1), ("b", "c", 1)])
    # t = 2 of 3 pairs.
    assert density(path) == pytest.approx(2 / 3)
    # ES = 3 - 2*2/3 = 5/3
    assert effective_size(path) == pytest.approx(5 / 3)
    # p_i. = 1/3; rows: a (ego, b) -> 1/2 each; b (ego, a, c) -> 1/3; c (ego, b) -> 1/2.
    # c_ia = (1/3 + p_ib p_ba)^2 = (1/3 + 1/9)^2 = (4/9)^2; same for c.
    # c_ib = (1/3 + p_ia p_ab + p_ic p_cb)^2 = (1/3 + 1/6 + 1/6)^2 = (2/3)^2
    assert constraint(path) == pytest.approx(2 * (4 / 9) ** 2 + (2 / 3) ** 2)


# -- edge cases -----------------------------------------------------------------------------

def test_no_contacts():
    m = network_measures(Network())
    assert m.size == 0 and m.ties == 0 and m.effective_size == 0
    for value in (m.density, m.constraint, m.efficiency, m.ei_index, m.sector_blau,
                  m.strategic_share, m.above_share, m.stale_share):
        assert math.isnan(value)


def test_one_contact():
    one = net({"a": 4})
    assert math.isnan(density(one))
    assert constraint(one) == 1
    assert effective_size(one) == 1 and efficiency(one) == 1


def test_zero_weight_ties_count_as_no_tie():
    zero = net({"a": 1, "b": 1}, [("a", "b", 0)])
    star = net({"a": 1, "b": 1})
    assert density(zero) == 0
    assert constraint(zero) == constraint(star)
    assert effective_size(zero) == 2


def test_pairwise_zero_overrides_a_shared_circle():
    ids = {"a": 1, "b": 1, "c": 1}
    circle = [Circle("team", 2)]
    fields = {k: {"circles": ("team",)} for k in ids}
    assert density(net(ids, circles=circle, **fields)) == 1
    assert density(net(ids, [("a", "b", 0)], circle, **fields)) == pytest.approx(2 / 3)


# -- networkx agreement ---------------------------------------------------------------------

def random_network(seed: int, n: int = 25) -> Network:
    rng = random.Random(seed)
    contacts = {f"c{k}": rng.randint(1, 5) for k in range(n)}
    pairs = {tuple(sorted(rng.sample(sorted(contacts), 2))) for _ in range(n * 2)}
    return net(contacts, [(a, b, rng.randint(0, 5)) for a, b in pairs])


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weighted", [True, False])
def test_constraint_agrees_with_networkx(seed, weighted):
    network = random_network(seed)
    graph = to_networkx(network)
    graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w == 0])
    weight = "weight" if weighted else None
    assert constraint(network, weighted) == pytest.approx(
        nx.constraint(graph, nodes=["ego"], weight=weight)["ego"])
    local = local_constraints(network, weighted)
    for cid in ("c1", "c7"):
        assert local[cid] == pytest.approx(nx.local_constraint(graph, "ego", cid, weight=weight))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weighted", [True, False])
def test_effective_size_agrees_with_networkx_given_nodes(seed, weighted):
    network = random_network(seed)
    graph = to_networkx(network)
    graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w == 0])
    weight = "weight" if weighted else None
    assert effective_size(network, weighted) == pytest.approx(
        nx.effective_size(graph, nodes=["ego"], weight=weight)["ego"])


def test_networkx_weighted_effective_size_without_nodes_is_not_trusted():
    # The known problem: with nodes left out, networkx's weighted effective size differs
    # from Burt's formula (2.5 here against the hand-computed 2.3889).
    g = net({"a": 3, "b": 1, "c": 2}, [("a", "b", 2)])
    graph = to_networkx(g)
    ours = effective_size(g)
    assert ours == pytest.approx(3 - 1 / 9 - 1 / 2)
    assert nx.effective_size(graph, nodes=["ego"], weight="weight")["ego"] == pytest.approx(ours)
    whole = nx.effective_size(graph, weight="weight")["ego"]
    if whole != pytest.approx(ours):  # documents the difference while it lasts
        assert whole == pytest.approx(2.5)


# -- composition ---------------------------------------------------------------------------

def test_ei_index_and_unknowns():
    fields = {"a": {"inside": True}, "b": {"inside": False}, "c": {"inside": False},
              "d": {"inside": None}}
    n = net({k: 1 for k in fields}, **fields)
    # E = 2, I = 1 (d unknown, left out): (2 - 1) / 3
    assert ei_index(n) == pytest.approx(1 / 3)
    assert math.isnan(ei_index(net({"a": 1})))


def test_blau_and_iqv():
    assert blau(["x", "x"]) == 0
    assert blau(["A", "b", "c", "d"]) == pytest.approx(0.75)
    assert iqv(["A", "b", "c", "d"]) == pytest.approx(1)
    assert iqv(["a", "a", ""]) == 0  # one category: no variation
    assert math.isnan(iqv(["", None]))
    assert iqv(["a", "b"], categories=4) == pytest.approx(0.5 / 0.75)


def test_types_reach_and_stale():
    fields = {"a": {"types": ("strategic", "operational"), "seniority": 2,
                    "last_contact": date(2024, 1, 1)},
              "b": {"types": ("operational",), "seniority": 3,
                    "last_contact": date(2022, 1, 1)},
              "c": {"seniority": 1}, "d": {}}
    n = net({k: 1 for k in fields}, **fields)
    shares = type_shares(n)
    assert shares["operational"] == 0.5 and shares["strategic"] == 0.25
    assert shares["none"] == 0.5
    assert reach_above(n) == (2, 0.5)
    share, unknown = stale_share(n, today=date(2024, 6, 1))
    assert share == 0.5 and unknown == 2


def test_harris_before_and_after_tell_the_story():
    before = network_measures(load_sample_network("harris-before"))
    after = network_measures(load_sample_network("harris-after"))
    assert before.ei_index < -0.6 < after.ei_index
    assert before.strategic_share < after.strategic_share
    assert before.above_count < 2 <= after.above_count
    assert before.sector_iqv < after.sector_iqv
    assert before.efficiency < after.efficiency
