"""Every course notebook executed headless (nbclient), against a bare notebook in the same run.

Each notebook of a course made by ``coursekit init`` (the learner's and the instructor's)
runs in a new kernel, as nbval and Voila run it: the time from starting the kernel to the
last cell's reply. The yardstick, timed in the same run and in turn with the others so
that a burst of load from elsewhere falls on all alike, is a **bare notebook**: a heading,
one text box and one plotly bar chart (the bare page of ``bench_browser.py``). The learner
is Amara (the sample person, every exercise filled in) with a made-up network of 150
contacts, in a store on disk.

Prints each notebook's median, its ratio to the bare notebook's, and its slowest cell; and
the kernel's CPU seconds when its last cell has run (its start included) with their ratio,
a figure that other work on the machine does not move the way it moves wall time (the bare
notebook mostly waits for its kernel to start; a busy machine stretches the notebooks that
compute). Target: no notebook over 2x the bare notebook (wall time).

coursekit is byte-compiled first, as ``pip install`` leaves it (``--no-byte-compile`` to
measure it as it is): with ``PYTHONDONTWRITEBYTECODE`` set, as on the build machine, each
kernel compiled coursekit's modules from source, about 0.2 s per notebook.

Where the time went (profiled November 2026: each notebook's code under cProfile and
``python -X importtime`` in a fresh process, nbclient's cell timings; 2 shared cores):

- **Imports and first reads, not widgets.** Run a second time in the same process, a
  notebook's cells take 0.02-0.2 s; the first time 0.5-1.4 s. A kernel creates 300 widget
  models in under 0.05 s, so the page weight (100-700 models) was not the cost. Kernel start
  (0.55 s) is the bare notebook's cost too. Until 30 November 2026 the figure also took in
  the kernel's shutdown, after the last cell (no learner waits for it): 0.2 s for the bare
  notebook, 0.4-0.5 s for the course's, whose kernels have pandas, numpy and plotly to
  tear down. It is now printed on its own (``shutdown``); the ratios hardly moved
  (1.44-2.07x with it left out, 1.43-2.15x with it in, the same hour). Sharing the
  widgets' default style and layout models (a quarter fewer models) did not change a
  notebook's time measurably either, and was not kept.
- **YAML read by the pure-Python parser**, 0.1-0.4 s of a case page (cases, sample
  people, instruments). Content is now read with libyaml's safe loader (PyYAML's
  ``CSafeLoader``), ten times faster, the same data and line numbers in errors.
- **The class dashboard (4.4x)** built its demo class from five demo stores: each
  questionnaire's demo answers read every instrument file again (135 YAML parses, 1.5 s),
  then the sample people's hand-ins (0.4 s), a pivot table per scale for Cronbach's alpha
  (3 ms each) and ``iterrows`` over every contact. Now the instruments are cached by file
  time, each sample person is read once, alpha comes from one reshape and numpy, and the
  sample people's hand-ins are cached on disk by the content and code they come from
  (``coursekit/_cache.py``: the first open of a day, or after any edit, computes them).
  The 22 figures then took 0.26 s: plotly checked each property as it was set, and each
  ``update_layout`` checked and copied the figure again (about 10 ms a figure, and 50-120 ms
  for the first figure of a kind as plotly loads its checks). Since 30 November 2026 each
  figure is built once, unchecked, from one layout dict (0.06 s for the 22; a test checks
  every figure against plotly's schema), and the course's plotly template is registered
  unchecked as plotly registers its own (0.06 s less for every page). The board cell went
  from 1.17 s to 0.57 s; what is left is pandas (0.2 s import) and the tables.
- **Imports a page did not use**: networkx (0.07 s) for every network and check-in page
  but only GraphML needs it (now imported on first use); the sample people's pydantic
  models (0.04 s) on every page, though only demo mode reads them. pandas (0.16-0.24 s)
  is used by scoring and the network measures; plotly's template (0.09 s) by every figure.

- **Python's cyclic garbage collector** (30 November 2026): with it switched off in the
  kernel, a page's cells took 0.1-0.15 s less (0.64-0.70 s against 0.75-0.88 s). A page's
  imports and widgets leave little garbage, but each full pass walked every object in the
  kernel (pandas and plotly included). The public face now imports the core and loads and
  calls each view with the collector held, then set back as it was (``coursekit._gcpause``;
  the app kernels' warm-up too): cells 0.07-0.12 s faster, every notebook 1.34-1.92x the
  bare one (1.44-2.07x before, the same hour). Importing pandas in a thread at the start
  was tried and dropped: plotly then met a half-imported pandas and failed.

Measured after these changes, each notebook run with the code before them and after,
interleaved in one run (both byte-compiled; load average 4.6-6 from other work on the 2
cores): kernel CPU 0.78-1.16 s per notebook against 0.39 s for the bare one (before:
0.77-3.23 s); the class dashboard 3.23 s before, 1.16 s after; the check-in 1.48 s, 1.00 s.
At such a load the wall-time ratios swing by 0.5x from run to run; on a quieter machine
(load 0.5-1.5) the ratios before were 1.8-2.2x for most pages, 4.4x for the class
dashboard.

Run: ``python benchmarks/bench_notebooks.py [--repeat N] [--no-byte-compile]``. Only
made-up data is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import byte_compile_coursekit  # noqa: E402
from bench_browser import BARE, filled_store, write_bare_notebook  # noqa: E402

TARGET = 2.0


def kernel_cpu(client: NotebookClient) -> float:
    """CPU seconds (user and system) the kernel process has used so far (Linux; else NaN)."""
    pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_notebook(path: Path) -> tuple[float, float, str, float, float]:
    """Seconds from starting a new kernel to ``path``'s last cell's reply; the slowest cell's
    seconds and last line; the kernel's CPU seconds (its start included) when the last cell
    had run; and the seconds the kernel then took to shut down."""
    nb = nbformat.read(path, as_version=4)
    cpu = [float("nan")]
    ran = [float("nan")]

    def cell_ran(**_: object) -> None:
        ran.append(time.perf_counter())
        cpu.append(kernel_cpu(client))

    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.on_cell_executed = cell_ran
    began = time.perf_counter()
    client.execute()
    ended = time.perf_counter()
    total, shutdown = ran[-1] - began, ended - ran[-1]
    slowest, source = 0.0, ""
    for cell in nb.cells:
        timing = cell.metadata.get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type != "code" or not (start and end):
            continue
        seconds = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                   - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
        if seconds > slowest:
            slowest, source = seconds, cell.source.splitlines()[-1]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise RuntimeError(f"{path.name}: {output.get('ename')}: {output.get('evalue')}")
    return total, slowest, source, cpu[-1], shutdown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each notebook (3)")
    parser.add_argument("--no-byte-compile", action="store_true",
                        help="leave coursekit as it is (see _timing.byte_compile_coursekit)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    course = work / "course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                   capture_output=True)
    write_bare_notebook(course)
    os.environ["COURSEKIT_STORE"] = str(filled_store(work / "learner.sqlite", 150))
    os.environ["COURSEKIT_COURSE"] = str(course)
    os.environ.pop("COURSEKIT_DEMO", None)
    folder = course / "notebooks"
    bare = folder / BARE
    notebooks = [bare, *sorted(p for p in folder.rglob("*.ipynb") if p != bare)]
    print("coursekit left as it is" if args.no_byte_compile else byte_compile_coursekit())
    print(f"{len(notebooks) - 1} notebooks and a bare one, {os.cpu_count()} CPUs, load "
          f"average {os.getloadavg()[0]:.1f} at the start; medians of {args.repeat} runs")
    run_notebook(bare)  # warm the disk cache
    runs: dict[Path, list[tuple[float, float, str, float, float]]] = {
        p: [] for p in notebooks}
    for k in range(args.repeat):
        for path in notebooks:
            runs[path].append(run_notebook(path))
        print(f"round {k + 1}/{args.repeat} done", file=sys.stderr, flush=True)

    base = statistics.median(r[0] for r in runs[bare])
    base_cpu = statistics.median(r[3] for r in runs[bare])
    missed = 0
    print(f"{'notebook':<50} {'wall':>7} {'ratio':>6}{'':8}{'kernel CPU':>11} {'ratio':>6}"
          f" {'shutdown':>9}   slowest cell")
    for path, results in runs.items():
        total = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[3] for r in results)
        shutdown = statistics.median(r[4] for r in results)
        slowest = max(results, key=lambda r: r[1])
        ratio = total / base
        label = "bare notebook (yardstick)" if path == bare else str(path.relative_to(folder))
        verdict = "" if path == bare else ("met" if ratio <= TARGET else "MISSED")
        missed += ratio > TARGET
        print(f"{label:<50} {total:5.2f} s {ratio:5.2f}x {verdict:<6} {cpu:7.2f} s "
              f"{cpu / base_cpu:5.2f}x {shutdown:7.2f} s   {slowest[1]:5.2f} s: "
              f"{slowest[2][:40]}")
    print(f"target: no notebook over {TARGET:g}x the bare notebook; load average at the end "
          f"{os.getloadavg()[0]:.1f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
