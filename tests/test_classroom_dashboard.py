"""Small groups are never shown; tables and figures agree."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from coursekit.classroom import dashboard, figures
from coursekit.classroom.dashboard import HIDDEN, MIN_GROUP
from coursekit.classroom.synthetic import demo_class, synthetic_handins
from coursekit.exercises import exercise


def test_min_group_is_five():
    assert MIN_GROUP == 5 and HIDDEN == "fewer than 5 — hidden"


def panels_of(handins):
    return [p for panels in dashboard.class_summary(handins).values() for p in panels]


def sections(handins, exercise_id):
    return {h["pseudonym"]: h["exercises"][exercise_id] for h in handins
            if exercise_id in h["exercises"]}


def drivers_scores(handins):
    return pd.DataFrame([(who, label, scale, score)
                         for who, section in sections(handins, DRIVERS).items()
                         for label, attempt in section.items()
                         for scale, score in attempt["scales"].items()],
                        columns=["pseudonym", "attempt", "scale", "score"])


DRIVERS = "assessment:career-drivers"


@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_class_of_fewer_than_five_shows_no_number(n):
    for panel in panels_of(synthetic_handins(n, seed=n)):
        table = panel.table
        if table.empty:
            continue
        assert table["hidden"].all(), panel.title
        assert (table["note"] == HIDDEN).all(), panel.title
        numeric = table.select_dtypes("number").drop(columns=["items"], errors="ignore")
        assert numeric.isna().all().all(), (panel.title, numeric)


def test_five_is_shown():
    handins = synthetic_handins(5, seed=1)
    for h in handins:  # everyone takes the questionnaire once and chooses the same
        h["exercises"][DRIVERS].pop("after", None)
        h["exercises"]["case:the-first-step"] = {"decisions": {"wait-or-act": "wait"}}
    norms = dashboard.scale_norms(drivers_scores(handins))
    assert not norms["hidden"].any() and (norms["n"] == 5).all()
    polls = exercise("case:the-first-step").dashboard(sections(handins, "case:the-first-step"))
    assert not polls[0].table["hidden"].any()


def test_a_small_subgroup_in_a_big_class_is_hidden():
    handins = synthetic_handins(40, seed=5)
    for h in handins:
        h["exercises"][DRIVERS].pop("after", None)
    for h in handins[:3]:  # only three learners answered a second time
        h["exercises"][DRIVERS]["after"] = copy.deepcopy(h["exercises"][DRIVERS]["before"])
    scores = drivers_scores(handins)
    ba = dashboard.before_after(scores)
    assert ba["hidden"].all() and ba["change"].isna().all()
    norms = dashboard.scale_norms(scores)
    assert norms.loc[norms["attempt"] == "after", "hidden"].all()
    assert not norms.loc[norms["attempt"] == "before", "hidden"].any()
    fig = figures.scale_norms_figure(norms, "Career drivers", "after")
    assert [t.name for t in fig.data] == [HIDDEN]  # only the marker, no numbers
    assert all(text == HIDDEN for text in fig.data[0].text)


def test_polls_hide_small_options_and_their_complement():
    handins = synthetic_handins(20, seed=2)
    choices = ["wait"] * 12 + ["ask-hr"] * 6 + ["look-outside"] * 2  # a group of 2
    for h, choice in zip(handins, choices, strict=False):
        h["exercises"]["case:the-first-step"] = {"decisions": {"wait-or-act": choice}}
    panel = exercise("case:the-first-step").dashboard(sections(handins, "case:the-first-step"))
    polls = panel[0].table.set_index("choice")
    assert polls.loc["look-outside", "hidden"] and np.isnan(polls.loc["look-outside", "count"])
    # 20 - 12 - 6 could be worked out: the next smallest is hidden as well
    assert polls.loc["ask-hr", "hidden"] and np.isnan(polls.loc["ask-hr", "count"])
    assert polls.loc["wait", "count"] == 12 and polls.loc["wait", "respondents"] == 20
    shown = [label for t in panel[0].figure.data if t.name != HIDDEN for label in t.y]
    assert shown == ["wait"]  # no such point in the case: its id is shown as it is


def test_polls_show_the_cases_words():
    handins = synthetic_handins(12, seed=2)
    for h in handins:
        h["exercises"]["case:the-first-step"] = {"decisions": {"after-the-talk": "build"}}
    panel = exercise("case:the-first-step").dashboard(sections(handins, "case:the-first-step"))
    labels = [label for t in panel[0].figure.data for label in t.y]
    assert [label.replace("<br>", " ") for label in labels] == [
        "Stays in her job and starts building the skills an international role needs"]
    assert panel[0].figure.data[0].name.startswith("Q1: Her company sends only its top")


def test_network_composition_hidden_below_five_learners():
    handins = synthetic_handins(30, seed=3)
    for h in handins[4:]:
        h["exercises"].pop("network", None)
    panels = exercise("network").dashboard(sections(handins, "network"))
    assert len(sections(handins, "network")) < 5
    assert panels[0].table["hidden"].all() and panels[0].table["share"].isna().all()


def test_empty_class_has_no_panels_and_empty_figures_have_titles():
    assert dashboard.class_summary([]) == {}
    empty = pd.DataFrame(columns=["attempt", "scale", "n", "mean", "q1", "q3", "hidden"])
    for fig in (figures.scale_norms_figure(empty), figures.before_after_figure(empty),
                figures.reliability_figure(empty),
                figures.polls_figure(pd.DataFrame(columns=["point", "choice", "hidden"])),
                figures.composition_figure(pd.DataFrame()),
                figures.indicators_figure(pd.DataFrame())):
        assert fig.layout.title.text


def test_every_figure_is_valid_plotly_in_the_course_style():
    """The figures are built unchecked (for speed): plotly's schema checks them here, the
    hidden-row and empty ones too, and each carries the course's template."""
    import plotly.graph_objects as go

    from coursekit._figure_style import template_json

    empty = pd.DataFrame(columns=["attempt", "scale", "n", "mean", "q1", "q3", "hidden"])
    figs = [p.figure for p in panels_of(synthetic_handins(60, seed=8)) if p.figure is not None]
    few = [p.figure for p in panels_of(synthetic_handins(4, seed=2)) if p.figure is not None]
    figs += [*few, figures.scale_norms_figure(empty), figures.polls_figure(pd.DataFrame())]
    assert len(figs) >= 20 and len(few) >= 2
    for fig in figs:
        spec = fig.to_plotly_json()
        checked = go.Figure(spec)  # raises ValueError on a property plotly does not know
        assert checked.layout.title.text == fig.layout.title.text
        assert spec["layout"]["template"] == template_json()
        assert not any("_" in key and key.split("_")[0] in ("title", "marker")
                       for key in _keys(spec)), "a magic underscore left unexpanded"


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _keys(inner)


def test_every_figure_has_titles_and_palette_colours():
    from coursekit._palette import GRID, NETWORK_TYPE_COLOURS, OKABE_ITO

    allowed = {c.upper() for c in [*OKABE_ITO.values(), *NETWORK_TYPE_COLOURS.values(), GRID]}
    figs = [p.figure for p in panels_of(synthetic_handins(60, seed=8)) if p.figure is not None]
    assert len(figs) >= 8
    for fig in figs:
        assert fig.layout.title.text and fig.layout.xaxis.title.text
        for trace in fig.data:
            colour = getattr(trace.marker, "color", None) if hasattr(trace, "marker") else None
            colours = colour if isinstance(colour, (list, tuple)) else [colour]
            for c in colours:
                if isinstance(c, str):
                    assert c.upper() in allowed, c


def test_no_internal_id_in_a_figure_of_the_demo_class():
    import re

    for panel in panels_of(demo_class(30)):
        if panel.figure is None:
            continue
        words = [panel.figure.layout.title.text, *(str(y) for t in panel.figure.data
                                                   for y in (t.y if t.y is not None else []))]
        for text in words:
            assert not re.search(r"\b[a-z]+(-[a-z]+)+ · |\b(case|assessment):[a-z]", text), text


def test_demo_class_is_labelled_demo_and_uses_the_course():
    handins = demo_class(25)
    assert len(handins) == 25 and all(h["demo"] for h in handins)
    cases = {e for h in handins for e in h["exercises"] if e.startswith("case:")}
    assert {"case:the-first-step", "case:the-career-impasse"} <= cases


def test_no_dashboard_figure_puts_counts_and_shares_on_one_axis():
    from coursekit.classroom.synthetic import synthetic_handins
    from coursekit.exercises import exercise

    sections = {f"p{i}": h["exercises"]["network"]
                for i, h in enumerate(synthetic_handins(30)) if "network" in h["exercises"]}
    for panel in exercise("network").dashboard(sections):
        values = panel.table.get("median")
        if values is None:
            continue
        counts = "number of people" in panel.figure.layout.xaxis.title.text.lower()
        assert counts == bool((values.abs() > 1).any()), panel.title


def test_poll_labels_wrap_and_are_never_cut():
    """Long options and questions wrap onto lines; none ends in an ellipsis (issue 12)."""
    import pandas as pd

    long = "Keeps performing well and waits for the company to offer her a post abroad"
    polls = pd.DataFrame({
        "question": ["What does she do next, now that her company says no?"] * 2
                    + ["And what does he do first?"] * 2,
        "option": [long, "Same words", "Something else", "Same words"],
        "count": [6, 5, 7, 8], "share": [0.55, 0.45, 0.47, 0.53], "hidden": [False] * 4})
    fig = figures.polls_figure(polls, "Case")
    labels = [str(y) for trace in fig.data for y in trace.y]
    headings = [a.text for a in fig.layout.annotations]
    assert not any("\u2026" in text for text in labels + headings)
    assert any("<br>" in label for label in labels)
    assert long == " ".join(next(lb for lb in labels if lb.startswith("Keeps")).split("<br>"))
    # Each question is a block of its own (its heading, its own axis of options): the same
    # words under two questions are two rows, one in each block.
    assert [h.startswith(f"<b>Q{n}: ") for n, h in enumerate(headings, 1)] == [True, True]
    assert [(t.yaxis, list(t.y).count("Same words")) for t in fig.data] == [("y", 1), ("y2", 1)]


def test_polls_figure_has_no_legend_and_a_heading_with_room_per_question():
    """A legend of whole questions took the figure's width at 1024 px and squeezed the bars
    to nothing (issue 12): each question is a heading above its own options instead."""
    import pandas as pd

    question = "Harris is bored, frustrated, and loyal to the company. What does he do first?"
    polls = pd.DataFrame({
        "question": [question] * 3 + ["And then?"] * 2,
        "option": ["Quietly starts applying for jobs elsewhere", "Works harder", "Leaves",
                   "Yes", "No"],
        "count": [6, 9, None, 7, 8], "share": [0.4, 0.6, None, 0.47, 0.53],
        "hidden": [False, False, True, False, False]})
    fig = figures.polls_figure(polls, "Case")
    assert fig.layout.showlegend is False
    top = fig.layout.yaxis.domain
    below = fig.layout.yaxis2.domain
    assert below[1] < top[0]  # the second block lies under the first, not over it
    # the second heading sits in the gap between the blocks, at the top of its own block
    heading = fig.layout.annotations[1]
    assert heading.y == pytest.approx(below[1]) and heading.yanchor == "bottom"
    room = (top[0] - below[1]) * (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
    assert room >= 16 * (1 + heading.text.count("<br>"))  # its lines fit above its options
    assert all(a.xanchor == "left" and a.x == 0 for a in fig.layout.annotations)


def test_shown_figures_name_each_row_once_and_give_wrapped_labels_their_lines():
    """As shown (fit_words wraps long labels), every dot and bar sits on a row of its
    axis's category list: a dot whose label was not wrapped the same way made a second,
    empty row under the same words. And rows are tall enough for their wrapped labels."""
    from coursekit._figure_style import category_lines
    from coursekit.views._figures import figure_bundle

    for panel in panels_of(demo_class(30)):
        if panel.figure is None:
            continue
        spec = figure_bundle(panel.figure)["application/vnd.plotly.v1+json"]
        layout = spec["layout"]
        for trace in spec["data"]:
            axis = layout["yaxis" + trace.get("yaxis", "y")[1:]]
            if "categoryarray" in axis:
                assert set(trace["y"]) <= set(axis["categoryarray"]), panel.title
        labels = [c for name, axis in layout.items() if name.startswith("yaxis")
                  for c in axis.get("categoryarray", [])]
        if labels and "polls" not in panel.title:
            lines = max(category_lines(c) for c in labels)
            assert layout["height"] >= 80 + len(labels) * 15 * lines, panel.title


def test_polls_and_the_handin_preview_follow_the_story_order():
    """Q1 is the case's first decision (not the first in the alphabet), options as listed."""
    harris = exercise("case:the-career-impasse")
    sections = {h["pseudonym"]: h["exercises"][harris.id] for h in demo_class(30)}
    panel = harris.dashboard(sections)[0]
    decisions = harris.case.decisions
    assert list(dict.fromkeys(panel.table["point"])) == [d.id for d in decisions]
    first = panel.table[panel.table["point"] == decisions[0].id]
    assert list(first["choice"]) == list(decisions[0].option_ids)
    headings = [a.text.removeprefix("<b>") for a in panel.figure.layout.annotations]
    assert [heading.split(":")[0] for heading in headings] == ["Q1", "Q2", "Q3"]
    assert headings[0].replace("<br>", " ").startswith(f"Q1: {decisions[0].prompt[:20]}")
    said = harris.describe_handin({"decisions": {d.id: d.option_ids[0]
                                                 for d in reversed(decisions)}})
    assert [line[:20] for line in said] == [" ".join(d.prompt.split())[:20] for d in decisions]


def test_out_sight_then_and_now_in_words_shares_only_and_scores_on_the_whole_scale():
    """Check-in figure: the indicators' names, shares on a 0-100 % axis, the count apart;
    questionnaire figures span the whole 1-5 scale (a small gap is not drawn large)."""
    from coursekit.classroom.figures import SCORE_RANGE
    from coursekit.network.outsight import INDICATOR_LABELS

    handins = demo_class(30)
    check_in = exercise("check-in")
    sections = {h["pseudonym"]: h["exercises"]["check-in"] for h in handins
                if "check-in" in h["exercises"]}
    counts, outsight = check_in.dashboard(sections)
    labels = {y for t in outsight.figure.data for y in list(t.y if t.y is not None else ())
              if isinstance(y, str)}
    labels = {y.replace("<br>", " ") for y in labels} - {HIDDEN}
    assert labels and labels <= set(INDICATOR_LABELS.values()) - {INDICATOR_LABELS["above"]}
    assert tuple(outsight.figure.layout.xaxis.range) == (0, 1.02)
    assert "%" in outsight.figure.layout.xaxis.tickformat
    assert "Scale" not in (outsight.figure.layout.yaxis.title.text or "")
    assert any(str(c).startswith("How far above") for c in counts.table["count"])
    drivers = exercise("assessment:career-drivers")
    for panel in drivers.dashboard({h["pseudonym"]: h["exercises"][drivers.id]
                                    for h in handins if drivers.id in h["exercises"]}):
        if panel.figure is not None and "score" in (panel.figure.layout.xaxis.title.text or ""):
            assert list(panel.figure.layout.xaxis.range) == SCORE_RANGE
