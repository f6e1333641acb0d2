"""Benchmark of the personal report: everything filled in, and 150 contacts.

The learner: the sample learner Amara's answers (every questionnaire, every reflection, the
whole plan), plus a made-up network of 150 contacts in circles with pairwise ties, in a
store on disk. Prints the median time to

* build the report (``build_report``: read the store, score, measure, draw every figure,
  render the page with plotly.js inline) -- target under 2 s;
* the same with the three files written (``make_report_files``: HTML, Markdown, .ics);

and, as a baseline, plotly's own ``to_html`` of the same figures (the first with plotly.js
inline, the rest without), given figures already built. The ratio says what the report adds
to writing the figures alone.

It also prints the report's size: one offline file, plotly.js inside once (4.8 MB, the
copy the plotly package ships), and what the page adds to it, figure by figure. The ties
of a network map are one path (a layout shape), not a line trace with a gap per tie: the
map of 150 contacts is less than half the size it was (and draws five times faster).
``tests/test_report_html.py`` fails if plotly.js is ever in the file twice.

Run: ``python benchmarks/bench_report.py``. Only made-up data is used.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds, report  # noqa: E402
from bench_network import generated_network  # noqa: E402

from coursekit.demo import _people_dir, fill_store, load_sample_person  # noqa: E402
from coursekit.network import add_network  # noqa: E402
from coursekit.report import build_report, gather_report, make_report_files  # noqa: E402
from coursekit.report.html import plotly_js  # noqa: E402
from coursekit.store import LearnerStore  # noqa: E402

TARGET = 2.0
CONTACTS = 150


def filled_store(folder: Path) -> LearnerStore:
    store = LearnerStore(folder / "learner.sqlite")
    fill_store(store, load_sample_person(_people_dir() / "amara.yaml"))
    add_network(store, generated_network(CONTACTS), replace_all=True)
    return store


def _figures_in(value) -> list[go.Figure]:
    """The plotly figures in a report part's context (at any depth)."""
    if isinstance(value, go.Figure):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _figures_in(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in _figures_in(v)]
    return [f for v in getattr(value, "__dict__", {}).values() for f in _figures_in(v)]


def plotly_baseline(store: LearnerStore) -> float:
    content = gather_report(store, include_reflections="all")
    figures = [f for part in content.parts for f in _figures_in(dict(part.context))]

    def write_figures() -> str:
        return "".join(pio.to_html(f, full_html=False, include_plotlyjs=(i == 0))
                       for i, f in enumerate(figures))

    print(f"  ({len(figures)} figures in the plotly baseline, those of the report's parts)")
    return median_seconds(write_figures, repeat=7, warmup=1)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = filled_store(folder)
        inv = store.inventory()
        print(f"Learner: {inv['network_contacts']} contacts, {inv['network_ties']} ties, "
              f"{inv['assessment_responses']} answers, {inv['plan_steps']} plan items, "
              f"{inv['entries']} entries")
        page = build_report(store, include_reflections="all")
        bundle = plotly_js()
        copies = page.count(bundle[:60])
        print(f"Report size: {len(page.encode()) / 1e6:.2f} MB: plotly.js {copies} time(s) "
              f"({len(bundle) / 1e6:.2f} MB), and {(len(page) - copies * len(bundle)) / 1e3:.0f} "
              f"kB besides (target: plotly.js once)")
        sizes = [len(s) for s in re.findall(r"<script>Plotly\.newPlot\(.*?</script>", page,
                                            re.S)]
        print(f"  {len(sizes)} figures: " + ", ".join(f"{k / 1e3:.0f}" for k in sizes) + " kB")
        ours = median_seconds(lambda: build_report(store, include_reflections="all"),
                              repeat=7, warmup=1)
        files = median_seconds(lambda: make_report_files(store, folder / "report",
                                                         include_reflections="all"),
                               repeat=7, warmup=1)
        baseline = plotly_baseline(store)
        report("build_report, 150 contacts", ours, baseline, "plotly to_html", TARGET)
        report("make_report_files (html, md, ics)", files, baseline, "plotly to_html", TARGET)
        store.close()


if __name__ == "__main__":
    main()
