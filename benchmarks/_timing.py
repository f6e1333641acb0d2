"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import compileall
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path


def median_seconds(func: Callable[[], object], *, repeat: int = 50, warmup: int = 3) -> float:
    """Median wall time of ``func()`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, ours: float, baseline: float, baseline_label: str,
           target: float | None = None) -> None:
    """Print one line: our median, the baseline's, their ratio and the target."""
    ratio = ours / baseline if baseline else float("inf")
    line = (f"{label:<44} {ours * 1000:9.3f} ms   {baseline_label}: {baseline * 1000:9.3f} ms"
            f"   ratio {ratio:6.2f}x")
    if target is not None:
        line += f"   target < {target * 1000:g} ms: {'met' if ours < target else 'MISSED'}"
    print(line)


def byte_compile_coursekit() -> str:
    """Byte-compile coursekit's modules as ``pip install`` does; a line saying what was done.

    The libraries a bare notebook imports (ipywidgets, plotly) come byte-compiled from their
    installation; coursekit from a source checkout does not when ``PYTHONDONTWRITEBYTECODE``
    is set (as on the course's build machine), and every kernel then compiled its 150-odd
    modules again: about 0.2 s of a page's 2 s, a cost no installed course pays.
    """
    import coursekit

    folder = Path(coursekit.__file__).parent
    done = compileall.compile_dir(folder, quiet=1, workers=1)
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    return (f"coursekit byte-compiled ({folder}{'' if done else ': FAILED'}); "
            f"PYTHONDONTWRITEBYTECODE={setting!r}, Python {sys.version.split()[0]}")
