"""Browser benchmark of app mode (Voila): every learner page, and one edit of the network.

For each learner notebook's app page, and for a **bare page** (a heading, one text box and
one plotly bar chart) measured in the same run as the yardstick, it prints the medians of

- **first content**: from navigation start to the page's first text (a heading or a
  paragraph of the notebook) visible;
- **first widget**: to the first interactive widget (an enabled input) drawn;
- **settled**: to the page's last change on screen, once every cell has run, every widget
  and every figure in view is drawn and nothing has changed for a while (the kernel idle,
  the page quiet for 1.5 s; a long task counts as a change);

each as a ratio to the bare page's; and the **chart on scroll**: on a page whose figures
were all out of view (not drawn until they come into view), from scrolling to the first one until
it is drawn. Then the **edit round trip** on ``03_map_your_network``: a contact added
through the page's own form (type a name, press "Save person"; the map scrolled into view
first, as a learner watching it), until the map shows one more person and the measures
table the new count, at 150 and at 1,500 contacts. Targets: every page settled within 1.2x
the bare page; the first widget under 3 s; an edit under 200 ms at 150 contacts and under
500 ms at 1,500.

The learner is Amara (the sample person, every exercise filled in) with a made-up network of
150 contacts in circles, in a store on disk; one Voila server as ``coursekit start --app``
runs it; a new browser context for each page load. Medians over ``--repeat`` rounds; each
round loads every page once, in turn, so a burst of load from elsewhere spreads over all.

Where the time went (profiled 2025, before this benchmark's targets were met; 2 shared
cores, load average 3-4):

- **plotly's FigureWidget** was the cost of the slow pages. In plotly 6 and later it is an
  anywidget whose front-end code is plotly.js itself: every ``go.FigureWidget`` sent its
  4.96 MB ``widgetbundle.js`` over the page's websocket as widget state, and the browser
  compiled it once per figure: two on ``02`` (the Harris before/after maps), three on ``03``
  (the map and the comparison with Harris). Importing it cost the kernel too:
  ``plotly.basewidget`` imports ``plotly.io._renderers``, which imports nbformat, whose
  jsonschema builds the rfc3987 grammars with lark: 2.3 s of the 3.9 s that
  ``ck.sample_comparison`` took in the kernel (nbclient cell timing; the figures themselves
  took 80 ms). ``ck.network_map`` took 1.8 s in a kernel for the same reason.
- Every other cell of every page ran in under 0.6 s (questionnaire 0.55 s the first time:
  imports; the start page 0.9 s in a fresh kernel); widget models per page: 00 92,
  01 about 600, 02 about 330, 03 about 190, 04 about 290, 05 29, 06 50.
- plotly.js through the ``plotly_mimetype`` renderer (the JupyterLab plotly extension,
  4.8 MB, served from the machine and cached by the browser) loads once per page whatever
  the number of figures: the bare page pays it too. A network map at 150 contacts is a
  171 kB figure (648 kB at 1,500), built in 9 ms (16 ms).
- Voila ran every cell before it showed anything: the first text came with the last cell.

The kernel side of every page was profiled again in November 2026 (see
``bench_notebooks.py``): a page's cells cost what its imports and first reads cost (YAML
through the pure-Python parser, networkx and icalendar imported for files a page never
writes, pydantic validators built for every content model), and the class dashboard built
its demo class from five demo stores in every kernel. Those are gone or cached; what a
kernel does for a page is now about 0.5-0.9 s of CPU, half of it pandas and plotly.

What changed: figures that never change are static (``show_figure``: plotly.js loaded once
per page), and the maps that follow the store redraw a static figure in an Output
(``set_figure``); Voila renders progressively (the text at once, each cell's widgets as
it runs); a regression test keeps FigureWidget out of the views and counts widget models.

Profiled again on 30 November 2026 on a quiet machine (load average under 1): the time of
each cell in the kernel (an IPython startup hook writing the clock), the time each output
appeared on the page, and Chromium's CPU profile of the page (DevTools protocol):

- **The yardstick drew no chart.** The bare page displayed its figure straight into the
  cell's output after the text box; Voila (0.5, progressive rendering) drops what a cell
  displays right after a widget, so the bare page never loaded plotly.js and every page was
  measured against a page that skipped it (some 0.4 s of the browser's time). The bare page
  now draws its chart (:func:`write_bare_notebook`) and the benchmark fails if it does not;
  the one course cell that displayed several outputs (the dashboard's ``show_tables``) now
  displays one.
- **A page's kernel waited, then worked while the learner watched.** The kernel is ready
  about 1.0 s after the request and runs Voila's first cell (its environment); then it waits
  about 0.9 s while the browser loads the page's scripts and connects, and only then runs
  the notebook. ``01`` spent 1.2 s in its cells after that wait (pandas alone 0.25 s, in the
  first case part), the check-in 0.6 s. Now each page's kernel imports what the pages use
  during the wait (:mod:`coursekit._warmup`, loaded by the app's kernel manager): ``01``'s
  cells take 0.6 s, and the first widget came 0.3-0.5 s sooner on every page.
- **Then the browser is the bottleneck**, 0.8-1.2 s after the last cell on the pages with
  figures: plotly.js is evaluated when the first figure arrives (some 0.4 s; the bare page
  pays it too), and the JupyterLab plotly renderer draws every figure three times
  (``Plotly.react``; ``Plotly.redraw`` on the update request it posts itself; and
  ``Plotly.toImage`` for a PNG copy it keeps in the output): the check-in's five figures
  took 0.75 s of drawing, of which ``react`` 0.26 s. Widget models and views took some
  0.3 s of ``01``'s 548 models. The renderer is plotly's own; the course does not patch it.
- **Tried and dropped:** evaluating plotly.js ahead, in the page's idle time (a script in
  the course's Voila template drawing a tiny figure out of sight): on two cores it ran
  before the page's first text and delayed it by 0.3-0.8 s.

Then (the same day) the app pages got a plotly renderer of their own, ``coursekit-plotly``
(``coursekit/_jupyter/app_labextension``, served by ``coursekit.app``; plotly's is kept
off app pages). Timed in the page (plotly.js's load, each ``Plotly.react``):

- Drawn once instead of three times, the figures cost the browser little: a page's draws
  took 50-300 ms. The edit round trip fell to some 100 ms at 150 contacts and 220 ms at
  1,500 (from 140 and 410).
- What was left was plotly.js itself: 0.8 s of the browser's time on this machine (fetch
  0.1 s, then evaluating it), paid when the page's first figure arrives. The bare page's
  figure comes with its first cell; on ``01``-``07`` the figures come in later cells, so
  every page waited 0.8 s after its last figure arrived: settled at 1.2-1.3x. Loading
  plotly.js ahead (at once, in idle time, after the first text, after the first widget)
  did not help: the page's main thread is busy drawing widgets while the kernel runs, so
  it only moved the 0.8 s before the first widget (2.8-3.0 s).
- On ``01``, ``02``, ``03`` and ``07`` every figure is screens down the page (the first at
  3,800-11,200 px, in a 900 px window). So a figure is drawn once it comes near the view
  and plotly.js loads with the first one drawn: those pages settle without plotly.js, and
  the **chart on scroll** column says what the learner pays instead, when they reach the
  first chart (0.9-1.1 s, the chart's title in its place meanwhile).
- "Near" was first "within a screen". ``04``'s first figure (the three paths compared)
  sits 160 px below a 900 px window, so ``04`` loaded plotly.js at once: its 0.8 s ran
  just as the page's first fields (the three paths, to be typed into) appeared, and the
  rest of the page's outputs waited behind it (timed in the page: outputs 7-13 arrived
  after it). ``04`` settled at 1.27-1.30x; sharing the widgets' default style and layout
  models (716 models down to 504, tried in a kernel startup file) changed nothing
  measurable. Now a figure is drawn once it comes into view: ``04`` settles at 0.90x and
  its chart on scroll takes 0.8 s, paid when the learner scrolls to it rather than while
  they type.
- "Settled" counts long tasks too (plotly.js evaluated changes nothing on screen), so no
  work during a page's load escapes it.

Run: ``python benchmarks/bench_browser.py [--repeat N] [--pages 02,03] [--no-edit]
[--no-byte-compile]`` (coursekit is byte-compiled first, as in ``bench_notebooks.py``)
(needs Chromium and Python Playwright). Only made-up data is used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import byte_compile_coursekit  # noqa: E402
from bench_network import generated_network  # noqa: E402

from coursekit import app  # noqa: E402
from coursekit.course import load_course  # noqa: E402
from coursekit.demo import _people_dir, fill_store, load_sample_person  # noqa: E402
from coursekit.network import add_network  # noqa: E402
from coursekit.store import LearnerStore  # noqa: E402

CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
BARE = "zz_bench_bare.ipynb"
TOKEN = "bench"
QUIET_MS = 1500
SETTLED_TARGET = 1.2
FIRST_WIDGET_TARGET = 3.0
EDIT_TARGETS = {150: 0.200, 1500: 0.500}

#: Marks taken in the page itself (ms since navigation start), from the first byte on.
MARKS_SCRIPT = """(() => {
  const WIDGET = 'input:not([disabled]):not([type=hidden]), button:not([disabled]),'
    + ' textarea:not([disabled]), select:not([disabled]), [role=slider]';
  const marks = window.__ckMarks = {firstContent: null, firstWidget: null, lastChange: 0};
  const shown = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    && el.getBoundingClientRect().height > 0;
  const check = () => {
    const now = performance.now();
    marks.lastChange = now;
    if (marks.firstContent === null && [...document.querySelectorAll(
        '.jp-RenderedMarkdown h1, .jp-RenderedMarkdown p')].some(shown)) {
      marks.firstContent = now;
    }
    if (marks.firstWidget === null && [...document.querySelectorAll(
        '.jupyter-widgets')].some(w => [...w.querySelectorAll(WIDGET)].some(shown))) {
      marks.firstWidget = now;
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                 attributes: true, characterData: true});
  // Work that changes nothing on screen counts too: a long task (plotly.js evaluated, say)
  // keeps the page from settling until it ends.
  new PerformanceObserver(list => list.getEntries().forEach(task => {
    marks.lastChange = Math.max(marks.lastChange, task.startTime + task.duration);
  })).observe({type: 'longtask', buffered: true});
})();"""

#: After a page has settled: bring its first figure not yet drawn into view (as a learner
#: scrolling down); ms from then until it is drawn, or null when every figure is drawn.
CHART_ON_SCROLL = """async () => {
  const figure = document.querySelector('.ck-RenderedPlotly[aria-busy]');
  if (!figure) return null;
  const began = performance.now();
  figure.scrollIntoView({block: 'center'});
  while (figure.hasAttribute('aria-busy') && performance.now() - began < 30000) {
    await new Promise(requestAnimationFrame);
  }
  return figure.hasAttribute('aria-busy') ? Infinity : performance.now() - began;
}"""


def write_bare_notebook(folder: Path) -> None:
    """The yardstick: a heading, one text box and one plotly bar chart, plainly done.

    The text box and the chart (in an Output widget, as the course's own figures are) are
    one output: with progressive rendering, Voila 0.5 drops what a cell displays right
    after a widget (two ``display`` calls in a row showed only the first). Until November
    2026 the bare page did just that, so it drew no chart and never loaded plotly.js, and
    every page was timed against a yardstick that skipped plotly.js (some 0.4 s of the
    browser's time for its 4.8 MB, and the drawing); :func:`load_page` now fails on a bare
    page without its chart.
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A bare page\n\nOne text box and one bar chart."),
        nbformat.v4.new_code_cell(
            "import json\n"
            "import ipywidgets as widgets\n"
            "import plotly.graph_objects as go\n"
            "from IPython.display import display\n"
            "fig = go.Figure(go.Bar(x=['you', 'class'], y=[3, 5]))\n"
            "chart = widgets.Output()\n"
            "chart.outputs = ({'output_type': 'display_data', 'metadata': {}, 'data': {\n"
            "    'application/vnd.plotly.v1+json': json.loads(fig.to_json()),\n"
            "    'text/plain': 'a bar chart'}},)\n"
            "display(widgets.VBox([widgets.Text(description='Your name'), chart]))"),
    ]
    nbformat.write(nb, folder / "notebooks" / BARE)


def filled_store(path: Path, contacts: int) -> Path:
    """Amara's answers (every exercise) and a made-up network of ``contacts`` people."""
    store = LearnerStore(path)
    fill_store(store, load_sample_person(_people_dir() / "amara.yaml"))
    add_network(store, generated_network(contacts), replace_all=True)
    store.close()
    return path


class Server:
    """One Voila server, as ``coursekit start --app`` runs it, on a given store."""

    def __init__(self, course: Path, store: Path):
        self.port = app.free_port()
        env = app.app_environment(course, token=TOKEN,
                                  base={**os.environ, "COURSEKIT_STORE": str(store)})
        env.pop("COURSEKIT_DEMO", None)
        self.process = subprocess.Popen(app.app_command(course, port=self.port), env=env,
                                        cwd=course, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        app.wait_until_ready(app.ready_url(self.port, token=TOKEN), process=self.process)

    def url(self, notebook: str) -> str:
        return app.app_url(self.port, notebook, token=TOKEN)

    def kernel_state(self, kernel_id: str) -> tuple[str, str]:
        url = f"http://{app.LOOPBACK}:{self.port}/api/kernels/{kernel_id}?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (loopback)
            info = json.load(answer)
        return info.get("execution_state", ""), info.get("last_activity", "")

    def stop(self) -> None:
        app.stop(self.process)


def kernel_id(page) -> str | None:
    # None until the page's settings have arrived whole (Voila streams the page).
    return page.evaluate("""() => {
        const el = document.getElementById('jupyter-config-data');
        try { return el ? JSON.parse(el.textContent).kernelId : null; }
        catch (notYetWhole) { return null; } }""")


def wait_settled(page, server: Server, limit: float = 90.0) -> dict:
    """Wait until the kernel is idle and the page has been quiet for QUIET_MS; the marks."""
    deadline = time.monotonic() + limit
    last_activity = None
    while time.monotonic() < deadline:
        time.sleep(0.25)
        marks = page.evaluate("() => ({...window.__ckMarks, now: performance.now(),"
                              " ready: document.readyState})")
        kid = kernel_id(page)
        if kid is None or marks["ready"] != "complete":
            continue
        state, activity = server.kernel_state(kid)
        quiet = marks["now"] - marks["lastChange"] >= QUIET_MS
        if state == "idle" and quiet and activity == last_activity:
            return marks
        last_activity = activity if state == "idle" else None
    raise TimeoutError(f"the page did not settle within {limit:.0f} s")


def load_page(browser, server: Server, notebook: str) -> dict:
    """Open one page in a new browser context; its marks in seconds."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        context.add_init_script(MARKS_SCRIPT)
        page = context.new_page()
        page.goto(server.url(notebook), wait_until="commit", timeout=120_000)
        marks = wait_settled(page, server)
        errors = page.locator(".jp-OutputArea-output").filter(
            has_text="Traceback (most recent call last)").count()
        if errors:
            raise RuntimeError(f"{notebook}: a cell failed (traceback on the page)")
        if notebook == BARE and page.locator(".js-plotly-plot .main-svg").count() == 0:
            raise RuntimeError("the bare page drew no chart: the yardstick would skip plotly.js")
        result = {k: (marks[k] / 1000 if marks[k] is not None else None)
                  for k in ("firstContent", "firstWidget", "lastChange")}
        chart = page.evaluate(CHART_ON_SCROLL)
        result["chartOnScroll"] = chart / 1000 if chart is not None else None
        return result
    finally:
        context.close()


MAP_AND_MEASURES = """([n]) => {
    const map = [...document.querySelectorAll('.js-plotly-plot')].find(gd =>
        (gd.querySelector('.gtitle') || {}).textContent === `Your network: ${n} contacts`);
    const points = map ? map.querySelectorAll('.scatterlayer .point').length : 0;
    const table = [...document.querySelectorAll('table.measures')].find(t =>
        t.caption && t.caption.textContent.includes("Your network's measures"));
    const row = table && [...table.rows].find(r => r.cells[0].textContent === 'Contacts');
    return points > n && row && row.cells[1].textContent.trim() === String(n)
        ? performance.now() : false;
}"""


def edit_round_trips(browser, server: Server, contacts: int, repeat: int) -> list[float]:
    """Add ``repeat`` contacts through the page's form; seconds from click to screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    times = []
    try:
        context.add_init_script(MARKS_SCRIPT)
        page = context.new_page()
        page.goto(server.url("03_map_your_network.ipynb"), wait_until="commit",
                  timeout=120_000)
        wait_settled(page, server)
        # The learner has their map in view (drawn: plotly.js loaded) as they add people.
        page.locator(".ck-RenderedPlotly").first.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.ck-RenderedPlotly.js-plotly-plot"
                               ":not([aria-busy])')", timeout=30_000)
        name = page.get_by_label("Name or initials")
        save = page.get_by_role("button", name="Save person")
        for k in range(repeat):
            page.get_by_role("button", name="New person").click()
            page.wait_for_function("() => true")
            name.fill(f"Bench {contacts}-{k}")
            time.sleep(0.5)  # the name reaches the kernel before the click
            n = contacts + k + 1
            began = save.evaluate("b => { const t = performance.now(); b.click(); return t; }")
            done = page.wait_for_function(MAP_AND_MEASURES, arg=[n], polling="raf",
                                          timeout=30_000).json_value()
            times.append((done - began) / 1000)
            time.sleep(0.5)
    finally:
        context.close()
    return times


def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of page loads (3)")
    parser.add_argument("--edits", type=int, default=5, help="edits per network size (5)")
    parser.add_argument("--pages", default="", help="only these pages, e.g. 02,03")
    parser.add_argument("--no-edit", action="store_true", help="skip the edit round trip")
    parser.add_argument("--no-byte-compile", action="store_true",
                        help="leave coursekit as it is (see _timing.byte_compile_coursekit)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    course = work / "course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                   capture_output=True)
    write_bare_notebook(course)
    notebooks = [p.notebook for p in load_course(course).parts]
    if args.pages:
        notebooks = [n for n in notebooks if n.split("_")[0] in args.pages.split(",")]
    load = os.getloadavg()
    print(f"coursekit app mode (Voila), Chromium headless, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.1f} at the start; medians of {args.repeat} loads")
    print("coursekit left as it is" if args.no_byte_compile else byte_compile_coursekit())

    results: dict[str, list[dict]] = {n: [] for n in [BARE, *notebooks]}
    edits: dict[int, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        server = Server(course, filled_store(work / "learner.sqlite", 150))
        try:
            if args.repeat:
                load_page(browser, server, BARE)  # warm the server and the disk cache
            for run in range(args.repeat):
                for notebook in results:
                    results[notebook].append(load_page(browser, server, notebook))
                print(f"round {run + 1}/{args.repeat} done", file=sys.stderr, flush=True)
            if not args.no_edit:
                edits[150] = edit_round_trips(browser, server, 150, args.edits)
        finally:
            server.stop()
        if not args.no_edit:
            server = Server(course, filled_store(work / "learner-1500.sqlite", 1500))
            try:
                edits[1500] = edit_round_trips(browser, server, 1500, args.edits)
            finally:
                server.stop()
        browser.close()

    missed = 0
    if args.repeat:
        missed += print_pages(results)
    for contacts, times in edits.items():
        value = statistics.median(times)
        ok = value < EDIT_TARGETS[contacts]
        missed += not ok
        print(f"edit round trip, {contacts:>5} contacts (add a person, map and measures on "
              f"screen): {value * 1000:6.0f} ms (n={len(times)}, min {min(times) * 1000:.0f}, "
              f"max {max(times) * 1000:.0f})   target < {EDIT_TARGETS[contacts] * 1000:g} ms: "
              f"{'met' if ok else 'MISSED'}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 1 if missed else 0


def print_pages(results: dict[str, list[dict]]) -> int:
    """Print each page's medians and ratios; how many pages missed a target."""
    measures = ("firstContent", "firstWidget", "lastChange")
    bare = {m: median([r[m] for r in results[BARE]]) for m in measures}
    missed = 0
    print(f"{'page':<30} {'first content':>20} {'first widget':>20} {'settled':>20}"
          f"{'chart on scroll':>17}")
    for notebook, runs in results.items():
        cells = []
        for m in measures:
            value = median([r[m] for r in runs])
            if value is None:
                cells.append(f"{'none':>20}")
                continue
            ratio = value / bare[m] if bare[m] else float("inf")
            cells.append(f"{value:6.2f} s ({ratio:4.2f}x)".rjust(20))
        settled = median([r["lastChange"] for r in runs])
        widget = median([r["firstWidget"] for r in runs])
        verdict = ""
        if notebook != BARE:
            ok = (settled is not None and settled <= SETTLED_TARGET * bare["lastChange"]
                  and widget is not None and widget < FIRST_WIDGET_TARGET)
            missed += not ok
            verdict = "  met" if ok else "  MISSED"
        label = "bare page (yardstick)" if notebook == BARE else notebook.removesuffix(".ipynb")
        scrolled = median([r["chartOnScroll"] for r in runs])
        cells.append(f"{scrolled * 1000:11.0f} ms" if scrolled is not None else f"{'-':>14}")
        print(f"{label:<30} {''.join(cells)}{verdict}")
    print(f"targets: settled <= {SETTLED_TARGET}x the bare page, first widget < "
          f"{FIRST_WIDGET_TARGET:g} s. Chart on scroll: a page whose figures are all out of"
          " view settles without plotly.js; ms from scrolling to its first figure until it"
          " is drawn (plotly.js loaded first), '-' when every figure was drawn at load")
    return missed


if __name__ == "__main__":
    sys.exit(main())
