"""A light timer in the kernel: database work in a thread, its results shown on the kernel's loop.

The live class asks the class database every second or so (a learner's page: is my vote
in, is the outcome revealed?; the instructor's room: the tally). The asking happens in a
background thread, so a slow or unreachable database never blocks the notebook; what it
found is handed to the kernel's event loop (``loop.call_soon_threadsafe``), where widgets
and the learner store are changed, between the cells the learner runs, as every other
change is. Outside a kernel (a script, a test) there is no running loop: results are then
applied on the thread itself, or by calling :meth:`Poller.tick` by hand.

Examples
--------
>>> seen = []
>>> poller = Poller(lambda: Tick(42, None), seen.append, loop=None)
>>> poller.tick()
>>> seen
[42]
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tick:
    """What one round of work found (None: nothing to show) and when to ask again.

    ``wait`` is seconds until the next round, or None to rest until :meth:`Poller.wake`.
    """

    result: Any
    wait: float | None


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running this code (the kernel's, inside a notebook cell), or None."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Poller:
    """Run ``work`` in a daemon thread, again and again; hand each result to ``apply``.

    Parameters
    ----------
    work : callable returning Tick
        Runs in the thread: talk to the database here, touch no widget.
    apply : callable
        Called with each non-None result on ``loop`` (the kernel's), or in the thread when
        there is no loop.
    loop : asyncio loop, optional
        Default: the loop running the caller (:func:`running_loop`).
    """

    def __init__(self, work: Callable[[], Tick], apply: Callable[[Any], None], *,
                 loop: asyncio.AbstractEventLoop | None | str = "running",
                 name: str = "coursekit-poll"):
        self.work, self.apply, self.name = work, apply, name
        self.loop: asyncio.AbstractEventLoop | None = (
            running_loop() if isinstance(loop, str) else loop)
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread (once; again after :meth:`stop`)."""
        with self._start_lock:
            if self.running:
                return
            self._stopped.clear()
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Do a round now rather than at the end of the wait (starting the thread if need be)."""
        self._wake.set()
        self.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread after its current round."""
        self._stopped.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def tick(self) -> None:
        """One round of work, its result applied here and now (tests, scripts)."""
        found = self.work()
        if found.result is not None:
            self.apply(found.result)

    def _run(self) -> None:
        while not self._stopped.is_set():
            found = self.work()
            if found.result is not None and not self._dispatch(found.result):
                return
            self._wake.wait(found.wait)
            self._wake.clear()

    def _dispatch(self, result: Any) -> bool:
        """Hand ``result`` to the loop; False when the loop has ended (the kernel is going)."""
        loop = self.loop
        if loop is None:
            self.apply(result)
            return True
        if loop.is_closed():
            self._stopped.set()
            return False
        try:
            loop.call_soon_threadsafe(self.apply, result)
        except RuntimeError:  # closed between the check and the call
            self._stopped.set()
            return False
        return True
