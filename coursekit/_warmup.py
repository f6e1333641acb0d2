"""Warm an app page's kernel while the browser is still loading the page.

In app mode (Voila, progressive rendering) a page's kernel is ready some 0.4 s after the
request and runs Voila's first cell (its environment), then waits, about 0.9 s on a 2-core
machine, for the browser to load the page's scripts and connect before it runs the
notebook's first cell (``benchmarks/bench_browser.py``). This IPython extension uses that
wait: once the first cell has run, it imports what the course's pages use (pandas, the
views, the report's templates), so the page's cells do not pay for it one by one while the
learner watches. If a cell arrives before the warm-up is done, it waits for it, as it
would have waited for the same imports.

:func:`coursekit.app.serve` loads it in the kernels of app pages only (``--IPKernelApp.
extensions``); a learner's own JupyterLab kernels are left as they are.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from typing import Any

from ._gcpause import gc_paused

#: What a page's first cells would import, in the order they would: the heavy
#: third-party packages, then the views (each imports the core it draws).
MODULES = ("pandas", "plotly.graph_objects", "coursekit", "coursekit._figure_style",
           *(f"coursekit.views.{name}" for name in (
               "case", "predict", "reflect", "questionnaire", "feedback", "network", "plan",
               "plan_steps", "plan_files", "report", "handin", "between", "check_in", "start")))
#: Seconds after Voila's first cell before the warm-up starts: that cell's reply (which
#: lets Voila send the page) goes out first.
DELAY = 0.05

log = logging.getLogger(__name__)


def warm(modules: tuple[str, ...] = MODULES) -> float:
    """Import ``modules``; the seconds it took.

    A module that fails is named in the kernel's log; the page's own cell then shows the
    learner the error where it happens.
    """
    began = time.perf_counter()
    with gc_paused():  # imports leave little garbage (coursekit._gcpause)
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception as error:  # noqa: BLE001 (logged; the page's cell reports it)
                log.warning("coursekit warm-up: importing %s failed: %s", name, error)
    return time.perf_counter() - began


def load_ipython_extension(shell: Any) -> None:
    """IPython extension hook: warm the kernel once its first cell has run."""

    def after_first_cell(_result: Any) -> None:
        shell.events.unregister("post_run_cell", after_first_cell)
        asyncio.get_event_loop().call_later(DELAY, warm)

    shell.events.register("post_run_cell", after_first_cell)
