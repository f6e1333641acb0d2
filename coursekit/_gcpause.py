"""Hold Python's cyclic garbage collector while a view is imported and built.

A notebook's cells import the course's modules (pandas, plotly, the views) and build
hundreds of widgets: allocation-heavy work that leaves almost nothing to collect. The
cyclic collector still ran, again and again, and each full pass walked every object the
kernel holds (pandas and plotly included): some 0.1-0.15 s of a page's 0.7 s of cells
(``benchmarks/bench_notebooks.py``). While a view is loaded and called it is held, then
set back as it was; what little garbage there is waits for the next pass.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector held for the block, then as it was.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    held = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if held:
            gc.enable()


def gc_paused_calls(view: Callable[..., Any]) -> Callable[..., Any]:
    """``view``, its every call made with the collector held (:func:`gc_paused`)."""

    @functools.wraps(view)
    def call(*args: Any, **kwargs: Any) -> Any:
        with gc_paused():
            return view(*args, **kwargs)

    return call
