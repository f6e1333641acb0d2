"""App pages draw their figures with coursekit's own plotly renderer, once each.

``coursekit-plotly`` (``coursekit/_jupyter/app_labextension``, served by
``coursekit.app.serve``) replaces plotly's JupyterLab renderer on app pages: that one drew
every figure three times (``react``, ``redraw`` and a ``toImage`` PNG it wrote back to the
kernel) and was fetched, 4.8 MB, by every page (``benchmarks/bench_browser.py``). Here, on
the career-impasse page (Harris's two maps, screens down, whatever the learner has done):
nothing of plotly is loaded until a figure comes into view; then each figure is drawn
by one ``Plotly.react`` and follows the window's width, plotly's renderer is never fetched,
and a plotly.js that cannot load leaves a message where each chart would be.
"""

from __future__ import annotations

import pytest

IMPASSE = "02_the_career_impasse.ipynb"

#: Counts the renderer's calls into plotly.js: window.Plotly, once plotly.min.js sets it,
#: is seen through a proxy (plotly's exports are getters and cannot be replaced).
COUNT_CALLS = """(() => {
  const calls = window.__ckPlotlyCalls = {react: 0, newPlot: 0, redraw: 0, toImage: 0};
  let plotly;
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly,
    set(real) {
      plotly = new Proxy(real, {get(target, key) {
        const value = target[key];
        if (!(key in calls) || typeof value !== 'function') { return value; }
        return (...args) => { calls[key] += 1; return value.apply(target, args); };
      }});
    }});
})();"""

#: The k-th figure of the page is drawn.
FIGURES_DRAWN_JS_NTH = """(k) => {
    const f = document.querySelectorAll('.ck-RenderedPlotly')[k];
    return f.classList.contains('js-plotly-plot') && !f.hasAttribute('aria-busy'); }"""

#: Each figure's drawn width beside the width of the place it is drawn in.
WIDTHS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => [
    Math.round(gd.querySelector('.main-svg').getBoundingClientRect().width),
    gd.parentElement.clientWidth])"""


@pytest.fixture
def counted_page(course_page):
    course_page.page.add_init_script(COUNT_CALLS)
    requests: list[str] = []
    course_page.page.on("request", lambda request: requests.append(request.url))
    return course_page, requests


def test_figures_are_drawn_once_each_as_they_come_into_view(app_server, counted_page):
    course_page, requests = counted_page
    page = course_page.page
    page.goto(app_server.url(IMPASSE), wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('#rendered_cells') && "
                           "!document.querySelector('.voila-skeleton-container')",
                           timeout=60_000)
    course_page.settle(quiet_ms=1000)
    course_page.fail_on_tracebacks(IMPASSE)
    figures = page.locator(".ck-RenderedPlotly")
    count = figures.count()
    assert count >= 2, "Harris's maps, before and after"
    # Harris's maps are screens below the case's opening: not drawn, plotly.js not loaded,
    # and their height kept, so nothing moves when they are drawn.
    assert page.locator(".ck-RenderedPlotly[aria-busy=true]").count() == count
    assert not [url for url in requests if "plotly" in url.rsplit("/", 1)[-1]]
    assert figures.first.bounding_box()["height"] >= 300
    waiting = page.locator(".ck-RenderedPlotly[aria-busy] .ck-chart-wait")
    assert waiting.count() == count, "each figure's place says what comes there"
    assert "(the chart is being drawn" in waiting.first.inner_text()

    for k in range(count):
        figures.nth(k).scroll_into_view_if_needed()
        page.wait_for_function(f"{FIGURES_DRAWN_JS_NTH}", arg=k, timeout=20_000)
    assert page.locator(".ck-RenderedPlotly.js-plotly-plot").count() == count
    assert page.locator(".ck-chart-wait").count() == 0
    assert page.locator(".plot-img").count() == 0, "plotly's renderer (a PNG copy) is back"
    calls = page.evaluate("() => window.__ckPlotlyCalls")
    assert calls == {"react": count, "newPlot": 0, "redraw": 0, "toImage": 0}
    assert not [url for url in requests if "/jupyterlab-plotly/" in url], \
        "the page fetched plotly's own renderer (4.8 MB)"
    assert sum(url.endswith("/coursekit-plotly/static/plotly.min.js") for url in requests) == 1

    for width, height in ((1366, 900), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"() => ({WIDTHS})().every(([drawn, room]) => "
                               "room > 0 && Math.abs(drawn - room) <= 1)", timeout=10_000)
    # Following the window redraws in place: no figure drawn anew.
    assert page.evaluate("() => window.__ckPlotlyCalls")["react"] == count
    course_page.check("app-figures-02-resized-1024")


#: Scroll the page's cells so that the first figure's top is ``gap`` px below the view
#: (a negative gap: that far into it).
FIRST_FIGURE_BELOW_VIEW = """(gap) => {
    const box = document.querySelector('#rendered_cells');
    const figure = document.querySelector('.ck-RenderedPlotly');
    const top = figure.getBoundingClientRect().top - box.getBoundingClientRect().top
        + box.scrollTop;
    box.scrollTop = top - box.clientHeight - gap;
    return Math.round(figure.getBoundingClientRect().top - box.getBoundingClientRect().bottom);
}"""


def test_a_figure_just_below_the_view_waits_until_it_is_in_view(app_server, counted_page):
    # plotly.js holds the page's one thread for 0.8 s: a page whose first chart sits just
    # below the window (04's paths, 160 px down) paid it while its first fields appeared.
    course_page, requests = counted_page
    page = course_page.open(app_server.url(IMPASSE), draw=False)
    assert abs(page.evaluate(FIRST_FIGURE_BELOW_VIEW, 150) - 150) <= 2
    course_page.settle(quiet_ms=1000)
    assert page.locator(".ck-RenderedPlotly").first.get_attribute("aria-busy") == "true"
    assert not [url for url in requests if url.endswith("/plotly.min.js")]
    assert page.evaluate(FIRST_FIGURE_BELOW_VIEW, -40) < 0  # its top 40 px in view
    page.wait_for_function(f"{FIGURES_DRAWN_JS_NTH}", arg=0, timeout=20_000)


def test_a_chart_that_cannot_load_plotly_says_so(app_server, course_page):
    course_page.page.route("**/plotly.min.js", lambda route: route.abort())
    page = course_page.open(app_server.url(IMPASSE))
    notes = page.locator(".ck-RenderedPlotly [role=alert]")
    notes.first.wait_for(timeout=20_000)
    assert notes.count() == page.locator(".ck-RenderedPlotly").count() >= 2
    assert "The chart could not be drawn" in notes.first.inner_text()
    assert page.locator(".js-plotly-plot").count() == 0
