"""An app page's kernel imports what the pages use while the browser loads the page.

See :mod:`coursekit._warmup` and ``benchmarks/bench_browser.py``: a page's kernel waits
some 0.9 s for the browser before it runs the notebook's first cell; the warm-up moves the
imports (pandas, the views) into that wait.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import time

from IPython.core.events import EventManager, available_events

from coursekit import _warmup, app


class FakeShell:
    def __init__(self):
        self.events = EventManager(self, available_events)


def test_warm_imports_every_module_of_its_list(caplog):
    with caplog.at_level(logging.WARNING, logger="coursekit._warmup"):
        assert _warmup.warm() >= 0
    assert not caplog.records  # every module of the list exists
    assert "pandas" in sys.modules and "coursekit.views.network" in sys.modules


def test_the_warmup_leaves_out_what_a_page_imports_only_on_demand():
    """networkx and icalendar load when a file is written: the warm-up keeps it so."""
    from .test_page_weight import HEAVY

    code = ("import sys, IPython, ipywidgets; from coursekit import _warmup; _warmup.warm(); "
            f"print([m for m in {(*HEAVY, 'networkx', 'icalendar')!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_warm_names_a_module_that_fails(caplog):
    with caplog.at_level(logging.WARNING, logger="coursekit._warmup"):
        _warmup.warm(("coursekit.no_such_module", "json"))
    assert "importing coursekit.no_such_module failed" in caplog.text


def test_the_extension_warms_once_after_the_first_cell(monkeypatch):
    warmed = []
    monkeypatch.setattr(_warmup, "warm", lambda: warmed.append(time.monotonic()))
    shell = FakeShell()

    async def cells():
        _warmup.load_ipython_extension(shell)
        await asyncio.sleep(0.1)
        assert warmed == []  # nothing before Voila's first cell has run
        shell.events.trigger("post_run_cell", None)
        assert warmed == []  # not during that cell: its reply goes out first
        await asyncio.sleep(_warmup.DELAY + 0.1)
        shell.events.trigger("post_run_cell", None)
        await asyncio.sleep(_warmup.DELAY + 0.1)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(cells())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert len(warmed) == 1


def test_app_page_kernels_load_the_warmup(monkeypatch):
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    started = {}

    async def start_kernel(self, *args, **kwargs):
        started.update(kwargs)
        return "kernel-id"

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", start_kernel)
    manager = app.page_kernel_manager()
    assert issubclass(manager, AsyncMappingKernelManager)
    kernel = asyncio.run(manager.start_kernel(manager.__new__(manager), path="/c/notebooks",
                                              extra_arguments=["--debug"]))
    assert kernel == "kernel-id"
    assert started["extra_arguments"] == ["--debug", "--IPKernelApp.extensions=coursekit._warmup"]
    assert started["path"] == "/c/notebooks"


def test_a_warmed_kernel_has_the_imports_done_before_the_notebook_runs():
    """A real kernel started with the app's arguments, as Voila starts a page's kernel."""
    from jupyter_client.manager import start_new_kernel

    check = ("all(m in __import__('sys').modules for m in "
             "('pandas', 'coursekit.views.case', 'coursekit.views.report'))")
    km, kc = start_new_kernel(extra_arguments=list(app.WARMUP_ARGUMENTS))
    try:
        first = kc.execute_interactive("import os", timeout=60,  # Voila's first cell
                                       user_expressions={"loaded": check})
        assert first["content"]["user_expressions"]["loaded"]["data"]["text/plain"] == "False"
        deadline, loaded = time.monotonic() + 30, "False"
        while loaded != "True" and time.monotonic() < deadline:
            time.sleep(0.2)
            reply = kc.execute_interactive("", timeout=60, user_expressions={"loaded": check})
            loaded = reply["content"]["user_expressions"]["loaded"]["data"]["text/plain"]
        assert loaded == "True"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
