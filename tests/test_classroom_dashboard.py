"""Small groups are never shown; tables and figures agree."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from coursekit.classroom import dashboard, figures
from coursekit.classroom.dashboard import HIDDEN, MIN_GROUP
from coursekit.classroom.synthetic import demo_class, synthetic_handins


def test_min_group_is_five():
    assert MIN_GROUP == 5 and HIDDEN == "fewer than 5 — hidden"


@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_class_of_fewer_than_five_shows_no_number(n):
    handins = synthetic_handins(n, seed=n)
    summary = dashboard.class_summary(handins)
    for name, table in summary.items():
        if table.empty:
            continue
        assert table["hidden"].all(), name
        assert (table["note"] == HIDDEN).all(), name
        numeric = table.select_dtypes("number").drop(columns=["items"], errors="ignore")
        assert numeric.isna().all().all(), (name, numeric)


def test_five_is_shown():
    handins = synthetic_handins(5, seed=1)
    for h in handins:  # everyone takes the same questionnaire once and chooses the same
        h["assessments"] = [a for a in h["assessments"] if a["attempt"] == "before"]
        for d in h["decisions"]:
            d["choice"] = "same"
    norms = dashboard.scale_norms(handins)
    assert not norms["hidden"].any() and (norms["n"] == 5).all()
    polls = dashboard.decision_polls(handins)
    assert not polls["hidden"].any()


def test_a_small_subgroup_in_a_big_class_is_hidden():
    handins = synthetic_handins(40, seed=5)
    for h in handins:
        h["assessments"] = [a for a in h["assessments"] if a["attempt"] == "before"]
    for h in handins[:3]:  # only three learners answered a second time
        after = copy.deepcopy(h["assessments"][0])
        after["attempt"] = "after"
        h["assessments"].append(after)
    ba = dashboard.before_after(handins)
    assert ba["hidden"].all() and ba["change"].isna().all()
    norms = dashboard.scale_norms(handins)
    assert norms.loc[norms["attempt"] == "after", "hidden"].all()
    assert not norms.loc[norms["attempt"] == "before", "hidden"].any()
    fig = figures.scale_norms_figure(norms, "after")
    assert [t.name for t in fig.data] == [HIDDEN]  # only the marker, no numbers
    assert all(text == HIDDEN for text in fig.data[0].text)


def test_polls_hide_small_options_and_their_complement():
    handins = synthetic_handins(20, seed=2)
    choices = ["a"] * 12 + ["b"] * 6 + ["c"] * 2  # c is a group of 2
    for h, choice in zip(handins, choices, strict=False):
        h["decisions"] = [{"case": "k", "point": "p", "choice": choice}]
    polls = dashboard.decision_polls(handins).set_index("choice")
    assert polls.loc["c", "hidden"] and np.isnan(polls.loc["c", "count"])
    # c = 20 - 12 - 6 could be worked out: the next smallest (b) is hidden as well
    assert polls.loc["b", "hidden"] and np.isnan(polls.loc["b", "count"])
    assert polls.loc["a", "count"] == 12 and polls.loc["a", "respondents"] == 20
    fig = figures.polls_figure(dashboard.decision_polls(handins))
    shown = [label for t in fig.data if t.name != HIDDEN for label in t.y]
    assert shown == ["k · p: a"]


def test_network_composition_hidden_below_five_learners():
    handins = synthetic_handins(30, seed=3)
    for h in handins[4:]:
        h["network"] = None
    table = dashboard.network_composition(handins)
    with_net = [h for h in handins if h["network"]]
    assert len(with_net) < 5 and table["hidden"].all()
    assert table["share"].isna().all()


def test_empty_class_gives_empty_tables_and_figures():
    summary = dashboard.class_summary([])
    assert all(t.empty for t in summary.values())
    for fig in (figures.scale_norms_figure(summary["scale_norms"]),
                figures.polls_figure(summary["polls"]),
                figures.composition_figure(summary["network_composition"]),
                figures.reliability_figure(summary["reliability"]),
                figures.before_after_figure(summary["before_after"]),
                figures.indicators_figure(summary["outsight"])):
        assert fig.layout.title.text


def test_every_figure_has_titles_and_palette_colours():
    from coursekit._palette import GRID, NETWORK_TYPE_COLOURS, OKABE_ITO

    allowed = {c.upper() for c in [*OKABE_ITO.values(), *NETWORK_TYPE_COLOURS.values(), GRID]}
    summary = dashboard.class_summary(synthetic_handins(60, seed=8))
    figs = [figures.scale_norms_figure(summary["scale_norms"]),
            figures.before_after_figure(summary["before_after"]),
            figures.reliability_figure(summary["reliability"]),
            figures.composition_figure(summary["network_composition"]),
            figures.indicators_figure(summary["outsight"]),
            figures.polls_figure(summary["polls"])]
    for fig in figs:
        assert fig.layout.title.text and fig.layout.xaxis.title.text
        for trace in fig.data:
            colour = getattr(trace.marker, "color", None) if hasattr(trace, "marker") else None
            colours = colour if isinstance(colour, (list, tuple)) else [colour]
            for c in colours:
                if isinstance(c, str):
                    assert c.upper() in allowed, c


def test_demo_class_is_labelled_demo_and_uses_the_course():
    handins = demo_class(25)
    assert len(handins) == 25 and all(h["demo"] for h in handins)
    cases = {d["case"] for h in handins for d in h["decisions"]}
    assert {"the-first-step", "the-career-impasse"} <= cases
