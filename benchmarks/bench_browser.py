"""Browser benchmarks of app mode (Voila): start-up and one widget round trip.

Prints medians of:

- **server start**: from launching ``coursekit start --app``'s Voila command to the server
  answering;
- **app to first widget**: from opening a notebook's app page to its first interactive
  widget (an enabled input drawn and usable) -- the kernel start, every cell's run, and the
  widgets drawn;
- **widget round trip**: from a key press on a slider to the figure in the page showing the
  new value (browser -> kernel -> plotly figure redrawn in the page).

The start-up is measured on the course's own start page and on a bench notebook; the round
trip on a bench notebook written into the temporary course (one slider, one plotly bar chart
redrawn in an Output widget with ``coursekit.views._figures.set_figure``, as the course's
views should), so it measures the machinery and not one exercise's computation.

Run: ``python benchmarks/bench_browser.py [--repeat N]`` (needs Chromium and playwright).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from coursekit import app

CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
BENCH_NOTEBOOK = "zz_bench_roundtrip.ipynb"
FIRST_WIDGET = (".jupyter-widgets input:not([disabled]), .jupyter-widgets button:not([disabled]),"
                " .jupyter-widgets textarea, .jupyter-widgets select,"
                " .jupyter-widgets .noUi-handle")


def write_bench_notebook(folder: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Round trip"),
        nbformat.v4.new_code_cell(
            "import ipywidgets as widgets\n"
            "import plotly.graph_objects as go\n"
            "from IPython.display import display\n"
            "from coursekit.views._figures import set_figure\n"
            "value = widgets.IntSlider(value=3, min=0, max=100, description='Value')\n"
            "out = widgets.Output()\n"
            "def draw(_change=None):\n"
            "    fig = go.Figure(go.Bar(x=['you', 'class'], y=[value.value, 50]))\n"
            "    fig.update_layout(title='Round trip', xaxis_title='who', yaxis_title='score')\n"
            "    set_figure(out, fig)\n"
            "value.observe(draw, 'value')\n"
            "draw()\n"
            "display(value, out)"),
    ]
    nbformat.write(nb, folder / "notebooks" / BENCH_NOTEBOOK)


def median_ms(values: list[float]) -> str:
    if not values:
        return "     n/a  (the page showed no interactive widget)"
    return f"{statistics.median(values) * 1000:8.0f} ms  (n={len(values)}, " \
           f"min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (default 5)")
    args = parser.parse_args()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    course = work / "course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                   capture_output=True)
    write_bench_notebook(course)
    env = app.app_environment(course, token="bench",
                              base={**os.environ, "COURSEKIT_STORE": str(work / "s.sqlite")})
    env.pop("COURSEKIT_DEMO", None)

    starts, first_widget, first_widget_start, round_trips = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.repeat):
            port = app.free_port()
            began = time.perf_counter()
            server = subprocess.Popen(app.app_command(course, port=port), env=env, cwd=course,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                app.wait_until_ready(app.ready_url(port, token="bench"), process=server)
                starts.append(time.perf_counter() - began)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                for notebook, into in ((app.START_NOTEBOOK, first_widget_start),
                                       (BENCH_NOTEBOOK, first_widget)):
                    began = time.perf_counter()
                    page.goto(app.app_url(port, notebook, token="bench"),
                              wait_until="commit", timeout=120_000)
                    try:
                        page.locator(FIRST_WIDGET).first.wait_for(state="visible",
                                                                  timeout=60_000)
                    except PlaywrightTimeout:
                        print(f"{notebook}: no interactive widget (a cell failed?)",
                              file=sys.stderr)
                        continue
                    into.append(time.perf_counter() - began)
                page.locator(".js-plotly-plot .trace").first.wait_for(timeout=60_000)
                handle = page.locator(".noUi-handle, [role=slider]").first
                handle.focus()
                for _ in range(5):
                    expected = page.evaluate(
                        "() => document.querySelector('.js-plotly-plot').data[0].y[0]") + 1
                    began = time.perf_counter()
                    page.keyboard.press("ArrowRight")
                    page.wait_for_function(
                        "(v) => { const gd = document.querySelector('.js-plotly-plot');"
                        " return gd && gd.data && gd.data[0].y[0] === v"
                        " && gd.querySelector('.trace'); }",
                        arg=expected, timeout=30_000, polling="raf")
                    round_trips.append(time.perf_counter() - began)
                context.close()
            finally:
                app.stop(server)
            print(f"run {run + 1}/{args.repeat} done", file=sys.stderr, flush=True)
        browser.close()

    print("coursekit app mode (Voila), Chromium headless, "
          f"{os.cpu_count()} CPUs, medians over {args.repeat} server starts")
    print(f"  server start to answering        {median_ms(starts)}")
    print(f"  start page to first widget       {median_ms(first_widget_start)}")
    print(f"  bench page to first widget       {median_ms(first_widget)}")
    print(f"  widget round trip (key->figure)  {median_ms(round_trips)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
