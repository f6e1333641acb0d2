"""One figure style: every course figure uses the "coursekit" plotly template."""

from __future__ import annotations

from datetime import date

import plotly.io as pio
import pytest

from coursekit._figure_style import TEMPLATE
from coursekit._palette import QUALITATIVE

NAMES = ("results", "comparison", "hexagon", "vision", "plan timeline", "session plan",
         "case timeline", "egogram")


@pytest.fixture(scope="module")
def figures():
    from coursekit.assessment import (
        comparison_figure,
        hexagon_figure,
        load_instrument,
        results_figure,
        score_responses,
    )
    from coursekit.cases import load_case
    from coursekit.cases import timeline_figure as case_timeline
    from coursekit.network import egogram, load_sample_network
    from coursekit.planning import timeline_figure, vision_figure
    from coursekit.planning.model import Plan
    from coursekit.teaching import session_plan_figure

    drivers = load_instrument("career-drivers")
    scores = score_responses(drivers, {i: 3 for i in drivers.item_ids})
    interests = load_instrument("work-interests")
    return {
        "results": results_figure(drivers, scores),
        "comparison": comparison_figure(drivers, scores, scores),
        "hexagon": hexagon_figure(interests, score_responses(interests, {})),
        "vision": vision_figure(Plan().paths),
        "plan timeline": timeline_figure(Plan(), today=date(2030, 1, 1)),
        "session plan": session_plan_figure(load_case("the-career-impasse")),
        "case timeline": case_timeline(load_case("the-first-step")),
        "egogram": egogram(load_sample_network("harris-before")),
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_uses_the_course_template(figures, name):
    fig = figures[name]
    style = fig.layout.template.layout
    assert list(style.colorway) == QUALITATIVE, name
    assert style.plot_bgcolor == "white" and style.font.family
    # the style is not repeated in the figure itself
    assert fig.layout.plot_bgcolor is None and fig.layout.font.color is None, name


def test_the_template_is_registered_but_not_made_the_default():
    import coursekit  # noqa: F401

    assert TEMPLATE in pio.templates
    assert pio.templates.default != TEMPLATE


def test_the_registered_template_is_valid_plotly():
    """The template is registered unvalidated (as plotly's own are): validate it here."""
    import plotly.graph_objects as go

    spec = pio.templates[TEMPLATE].to_plotly_json()
    assert go.layout.Template(spec).layout.font.family.startswith("Arial")
    with pytest.raises(ValueError, match="fontt"):
        go.layout.Template({**spec, "layout": {**spec["layout"], "fontt": {}}})
