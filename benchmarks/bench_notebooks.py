"""Every course notebook executed headless (nbclient), against a bare notebook in the same run.

Each notebook of a course made by ``coursekit init`` (the learner's and the instructor's)
runs in a new kernel, as nbval and Voila run it: the time from starting the kernel to the
last cell's reply. The yardstick, timed in the same run and in turn with the others so
that a burst of load from elsewhere falls on all alike, is a **bare notebook**: a heading,
one text box and one plotly bar chart (the bare page of ``bench_browser.py``). The learner
is Amara (the sample person, every exercise filled in) with a made-up network of 150
contacts, in a store on disk.

Prints each notebook's median, its ratio to the bare notebook's, and its slowest cell.
Target: no notebook over 2x the bare notebook.

Run: ``python benchmarks/bench_notebooks.py [--repeat N]``. Only made-up data is used.
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


def run_notebook(path: Path) -> tuple[float, float, str, float]:
    """Seconds to run ``path`` in a new kernel; the slowest cell's seconds and last line; the
    kernel's CPU seconds (its start included) when the last cell had run."""
    nb = nbformat.read(path, as_version=4)
    cpu = [float("nan")]
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.on_cell_executed = lambda **_: cpu.append(kernel_cpu(client))
    began = time.perf_counter()
    client.execute()
    total = time.perf_counter() - began
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
    return total, slowest, source, cpu[-1]


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
    runs: dict[Path, list[tuple[float, float, str, float]]] = {p: [] for p in notebooks}
    for k in range(args.repeat):
        for path in notebooks:
            runs[path].append(run_notebook(path))
        print(f"round {k + 1}/{args.repeat} done", file=sys.stderr, flush=True)

    base = statistics.median(r[0] for r in runs[bare])
    base_cpu = statistics.median(r[3] for r in runs[bare])
    missed = 0
    print(f"{'notebook':<50} {'wall':>7} {'ratio':>6}{'':8}{'kernel CPU':>11} {'ratio':>6}"
          f"   slowest cell")
    for path, results in runs.items():
        total = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[3] for r in results)
        slowest = max(results, key=lambda r: r[1])
        ratio = total / base
        label = "bare notebook (yardstick)" if path == bare else str(path.relative_to(folder))
        verdict = "" if path == bare else ("met" if ratio <= TARGET else "MISSED")
        missed += ratio > TARGET
        print(f"{label:<50} {total:5.2f} s {ratio:5.2f}x {verdict:<6} {cpu:7.2f} s "
              f"{cpu / base_cpu:5.2f}x   {slowest[1]:5.2f} s: {slowest[2][:40]}")
    print(f"target: no notebook over {TARGET:g}x the bare notebook; load average at the end "
          f"{os.getloadavg()[0]:.1f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
