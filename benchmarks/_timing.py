"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


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
