"""App mode: the course's learner notebooks served as Voila apps, code hidden.

``coursekit start --app`` serves the course's ``notebooks/`` folder with Voila (on 127.0.0.1
only, with a token) and opens the start page; every page reads and writes the same learner
store as JupyterLab does. Nothing is fetched from the network: the ``coursekit`` Voila
template (``coursekit/_jupyter``) drops Voila's CDN links, and plotly figures are drawn by
coursekit's own renderer with the plotly.js of the learner's plotly package
(:func:`app_labextensions`). Each page's kernel (100-180 MB) ends with the page (see
:func:`issue_xsrf_cookie` and :func:`serve`).
"""

from __future__ import annotations

import gc
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Mapping
from pathlib import Path

from .store import DEMO_ENV, STORE_ENV

#: The notebook every session starts at (relative to the course's ``notebooks/`` folder).
START_NOTEBOOK = "00_start.ipynb"
#: Loopback only: the course's servers are never reachable from another machine.
LOOPBACK = "127.0.0.1"
#: A kernel with no page connected is shut down after this long idle: the page vanished
#: without a word (a crashed browser, a killed tab). Fifteen minutes lets a page that lost
#: its connection for a while (wifi, a closed lid) find its kernel again, and still frees
#: the memory within a lesson. A kernel with a page connected is never culled.
KERNEL_CULL_IDLE_SECONDS = 15 * 60
#: Kernel arguments of an app page: load the warm-up extension (:mod:`coursekit._warmup`).
WARMUP_ARGUMENTS = ("--IPKernelApp.extensions=coursekit._warmup",)
#: The course's Jupyter files: Voila template, server and lab settings, the app's renderer.
JUPYTER_FILES = Path(__file__).parent / "_jupyter"
#: Labextensions kept off app pages: plotly's renderer, replaced by ``coursekit-plotly``
#: (see :func:`app_labextensions`).
REPLACED_EXTENSIONS = ("jupyterlab-plotly",)


def app_url(port: int, notebook: str = START_NOTEBOOK, *, token: str | None = None) -> str:
    """Address of one notebook served as an app.

    >>> app_url(8866, "03_map_your_network.ipynb", token="abc")
    'http://127.0.0.1:8866/voila/render/03_map_your_network.ipynb?token=abc'
    """
    url = f"http://{LOOPBACK}:{port}/voila/render/{notebook}"
    return f"{url}?token={token}" if token else url


def ready_url(port: int, *, token: str | None = None) -> str:
    """An address that answers once a course server is up, without starting a kernel.

    >>> ready_url(8866, token="abc")
    'http://127.0.0.1:8866/?token=abc'
    """
    return f"http://{LOOPBACK}:{port}/" + (f"?token={token}" if token else "")


def app_command(course: str | Path, *, port: int, show_tracebacks: bool = False) -> list[str]:
    """Command line serving a course's notebooks as Voila apps on 127.0.0.1:``port``.

    Voila never opens the browser itself (it would land on its folder listing):
    :func:`run_app` opens the start page once the server answers. ``show_tracebacks``
    shows Python tracebacks in the page (for authors and tests) instead of a short message.

    >>> app_command("/c", port=8866)[1:4], f"--Voila.ip={LOOPBACK}" in app_command("/c", port=1)
    (['-m', 'coursekit.app', '/c/notebooks'], True)
    """
    return [
        sys.executable, "-m", "coursekit.app", str(Path(course).resolve() / "notebooks"),
        "--no-browser", "--Voila.auto_token=True",  # the token's value is JUPYTER_TOKEN's
        f"--port={port}", "--Voila.port_retries=0", f"--Voila.ip={LOOPBACK}",
        "--template=coursekit", "--theme=light",  # the template is in coursekit/_jupyter
        # The page's text at once, each cell's widgets as soon as that cell has run.
        "--VoilaConfiguration.progressive_rendering=True",
        f"--show_tracebacks={show_tracebacks}",
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60", "--MappingKernelManager.cull_connected=False",
    ]


def issue_xsrf_cookie(handler, notebook=None, cwd=None) -> None:
    """Voila prelaunch hook: send the ``_xsrf`` cookie with every app page.

    A page that is left asks the server to shut its kernel down with a POST carrying the
    ``_xsrf`` value of its cookies; jupyter_server refuses it (HTTP 403) without a matching
    ``_xsrf`` cookie. Tornado issues that cookie only to a handler that reads
    ``xsrf_token``: JupyterLab's pages do, Voila's notebook page does not. Voila runs this
    hook (``handler``: the page's request) before the page's first byte is sent.
    """
    handler.xsrf_token  # noqa: B018 (reading it makes tornado set the cookie)


def page_kernel_manager() -> type:
    """The kernel manager of app pages (a jupyter_server ``AsyncMappingKernelManager``).

    Each page's kernel loads :mod:`coursekit._warmup` (:data:`WARMUP_ARGUMENTS`), which
    imports what the pages use while the browser loads the page; and the server collects
    garbage when a page's kernel ends (see :func:`serve`).
    """
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    class PageKernelManager(AsyncMappingKernelManager):
        """Kernels of app pages, warmed; what a page left in the server goes with it."""

        async def start_kernel(self, *args, **kwargs):
            kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", ()), *WARMUP_ARGUMENTS]
            return await super().start_kernel(*args, **kwargs)

        async def shutdown_kernel(self, kernel_id, *args, **kwargs):
            # Pages that are left and kernels that are culled both end here.
            await super().shutdown_kernel(kernel_id, *args, **kwargs)
            gc.collect()

    return PageKernelManager


def serve(argv: list[str] | None = None) -> None:
    """Run Voila (command line ``argv``) with settings a command line cannot name.

    The app pages' plotly renderer (:func:`app_labextensions`, written to a folder that
    lasts as long as the server), the prelaunch hook :func:`issue_xsrf_cookie`, and a kernel
    manager (:func:`page_kernel_manager`) that warms each page's kernel and collects garbage
    when a page's kernel ends: Voila leaves each rendered page (the executed notebook,
    nbconvert's exporter, the kernel client) in reference cycles, some 30 MB for a page
    with a network map, which Python's collector left for some ten pages at a time.
    """
    from voila.app import Voila

    with tempfile.TemporaryDirectory(prefix="coursekit-app-") as folder:
        config = voila_config(app_labextensions(Path(folder)))
        # What exists by now (modules, classes) lives as long as the server: kept out of
        # the collector's work, a collection takes some 20 ms instead of some 150 ms.
        gc.freeze()
        Voila.launch_instance(argv, config=config)


def voila_config(labextensions: Path):
    """The settings of :func:`serve` (a traitlets ``Config``).

    ``labextensions`` is the folder :func:`app_labextensions` wrote.

    >>> voila = voila_config(Path("/x")).VoilaConfiguration
    >>> voila.extension_denylist, voila.extra_labextensions_path
    (['jupyterlab-plotly'], ['/x'])
    """
    from traitlets.config import Config

    config = Config()
    config.VoilaConfiguration.prelaunch_hook = issue_xsrf_cookie
    config.VoilaConfiguration.multi_kernel_manager_class = page_kernel_manager()
    config.VoilaConfiguration.extension_denylist = list(REPLACED_EXTENSIONS)
    config.VoilaConfiguration.extra_labextensions_path = [str(labextensions)]
    return config


def app_labextensions(folder: Path) -> Path:
    """Write the app pages' own labextensions into ``folder`` (returned): the plotly renderer.

    ``coursekit-plotly`` (``coursekit/_jupyter/app_labextension``) draws each figure once and
    loads plotly.js with a page's first figure; plotly's own renderer, which it replaces
    (:data:`REPLACED_EXTENSIONS`), draws each figure three times and is fetched by every
    page (``benchmarks/bench_browser.py``). Its plotly.js is the one of the plotly package
    the kernels use, so the figures and the library that draws them always match.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     found = app_labextensions(Path(tmp))
    ...     sorted(p.name for p in (found / "coursekit-plotly" / "static").iterdir())
    ['plotly.min.js', 'remoteEntry.js']
    """
    target = folder / "labextensions"
    shutil.copytree(JUPYTER_FILES / "app_labextension", target)
    plotly = importlib.util.find_spec("plotly")  # found, not imported: the server needs none
    if plotly is None or plotly.origin is None:
        raise RuntimeError("plotly is not installed: pip install plotly (coursekit needs it)")
    plotly_js = Path(plotly.origin).parent / "package_data"
    shutil.copyfile(plotly_js / "plotly.min.js",
                    target / "coursekit-plotly" / "static" / "plotly.min.js")
    return target


def app_environment(course: str | Path, *, token: str | None = None, demo: bool | str = False,
                    base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a course server (Voila or JupyterLab) and the kernels it starts.

    ``demo`` is ``True`` or a sample person's id; ``base`` defaults to ``os.environ``.

    >>> env = app_environment("/c", base={"COURSEKIT_STORE": "/tmp/s.sqlite"})
    >>> env["COURSEKIT_COURSE"], env["COURSEKIT_STORE"], env["PLOTLY_RENDERER"]
    ('/c', '/tmp/s.sqlite', 'plotly_mimetype')
    """
    env = dict(os.environ if base is None else base)
    env["COURSEKIT_COURSE"] = str(Path(course).resolve())
    if env.get(STORE_ENV):
        # Kernels run in the notebook folder: a relative store path would move with them.
        env[STORE_ENV] = str(Path(env[STORE_ENV]).expanduser().resolve())
    if demo:
        env[DEMO_ENV] = "1" if demo is True else str(demo)
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    env["PLOTLY_RENDERER"] = "plotly_mimetype"
    extra = str(JUPYTER_FILES)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (extra, env.get("JUPYTER_PATH")) if p)
    return env


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, *, process: subprocess.Popen | None = None,
                     timeout: float = 60.0) -> None:
    """Wait until ``url`` answers; RuntimeError if ``process`` ends or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the course server stopped (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback)
                return  # urlopen raises HTTPError for an error status
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
        except OSError as exc:  # URLError, ConnectionError, TimeoutError...
            last = str(exc)
        time.sleep(0.2)
    raise RuntimeError(f"the course server did not answer at {url} within {timeout:.0f} s ({last})")


def stop(process: subprocess.Popen, *, timeout: float = 10.0) -> None:
    """Stop a server started by this module: terminate, then kill if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:  # it ignored the polite request: end it
        process.kill()
        process.wait(5.0)


def run_app(args, *, course: str | Path | None = None,
            env: Mapping[str, str] | None = None) -> int:
    """``coursekit start --app``: serve the course as apps and open the start page.

    ``args`` are the ``start`` command's (``dir``, ``port``, ``no_browser``, ``demo``);
    ``course`` the course folder the command line found, ``env`` its environment. Returns
    the exit code: 0 after Ctrl+C, 1 when the server fails, 2 without a course.
    """
    from ._content import course_dir

    course = Path(course or getattr(args, "dir", None) or course_dir()).resolve()
    if not (course / "notebooks" / START_NOTEBOOK).is_file():
        print(f"coursekit: no course in {course} (notebooks/{START_NOTEBOOK} is missing); "
              "make one with 'coursekit init DIR'", file=sys.stderr)
        return 2
    port = getattr(args, "port", None) or free_port()
    token = secrets.token_urlsafe(24)
    env = app_environment(course, token=token, demo=getattr(args, "demo", False), base=env)
    process = subprocess.Popen(app_command(course, port=port), env=env, cwd=course)  # noqa: S603
    url = app_url(port, token=token)
    # A polite "stop" (SIGTERM from a service manager or `timeout`) stops Voila and its
    # kernels too, through the ``finally`` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        wait_until_ready(ready_url(port, token=token), process=process, timeout=120)
        print(f"\nThe course is open as an app at\n    {url}\n"
              "Keep this window open while you work; press Ctrl+C to stop.\n", flush=True)
        if not getattr(args, "no_browser", False):
            webbrowser.open(url)
        return process.wait()
    except RuntimeError as exc:
        print(f"coursekit: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(process)


if __name__ == "__main__":
    serve()
