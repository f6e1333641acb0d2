"""App mode: the course's learner notebooks served as Voila apps, code hidden.

``coursekit start --app`` serves the course's ``notebooks/`` folder with Voila and opens the
browser at the start page; each notebook links to the next, and every page reads and writes
the same learner store as the notebooks do in JupyterLab.

Why it is built this way
------------------------
- **Same store.** Voila starts each notebook's kernel in the notebook's folder, so
  :func:`coursekit.course_dir` finds ``course.yaml`` as it does in JupyterLab. The
  environment still names the course (``COURSEKIT_COURSE``) and, when set, the store
  (``COURSEKIT_STORE``, made absolute) so neither depends on a working directory.
- **No network.** Voila's own page template links Font Awesome from a CDN although its
  bundle carries the fonts; the ``coursekit`` Voila template shipped in
  ``coursekit/_jupyter`` removes that link (and the mermaid.js import). Plotly figures use
  the ``plotly_mimetype`` renderer, drawn by the plotly JupyterLab extension that Voila
  serves from the learner's machine (``PLOTLY_RENDERER``).
- **Loopback and a token.** The server listens on 127.0.0.1 only and asks for a token
  (``JUPYTER_TOKEN``, not on the command line where other users could read it); the browser
  is opened at the start page with the token in its address.
- **A page's kernel ends with the page.** Each page runs its own kernel (100-180 MB). When
  the learner leaves, the page posts a shutdown request (a beacon on ``beforeunload``) with
  the ``_xsrf`` value it reads from its cookies; jupyter_server refuses a cookie-logged-in
  POST without a matching one (HTTP 403). Voila's page handler never issues that cookie, so
  every kernel lived until the server stopped. Voila is therefore started through
  :func:`serve`, whose hook :func:`issue_xsrf_cookie` issues the cookie with each page:
  the page's own request then passes the XSRF check, which stays on. Kernels of pages that
  went without a word (a crashed browser) are culled after :data:`KERNEL_CULL_IDLE_SECONDS`.
  As a kernel ends, the server also frees what Voila kept of its page, so that the server
  itself stays near its starting size however many pages a learner opens.

Examples
--------
>>> cmd = app_command("/courses/mine", port=8866)
>>> cmd[1:4]
['-m', 'coursekit.app', '/courses/mine/notebooks']
>>> "--Voila.ip=127.0.0.1" in cmd
True
"""

from __future__ import annotations

import gc
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Mapping
from pathlib import Path

from .store import DEMO_ENV, STORE_ENV

#: The notebook every session starts at (relative to the course's ``notebooks/`` folder).
START_NOTEBOOK = "00_start.ipynb"
#: The Voila template shipped with coursekit (see ``coursekit/_jupyter``).
VOILA_TEMPLATE = "coursekit"
#: Loopback only: the course's servers are never reachable from another machine.
LOOPBACK = "127.0.0.1"

#: A kernel that no page is connected to is shut down after this long without activity.
#: Pages that are left normally end their kernels at once; this is for the ones that never
#: say goodbye (a crashed browser or computer, a killed tab), whose kernels would otherwise
#: hold 100-180 MB each until the server stops, on a shared hub too. Fifteen minutes lets a
#: page that lost its connection for a while (wifi, a closed laptop lid) find its kernel
#: still there when it reconnects, and still frees the memory within a lesson. A kernel with
#: a page connected is never culled, however long the learner reads.
KERNEL_CULL_IDLE_SECONDS = 15 * 60
#: How often the server looks for such kernels.
KERNEL_CULL_INTERVAL_SECONDS = 60

_JUPYTER_DATA = Path(__file__).parent / "_jupyter"


def notebooks_dir(course: str | Path) -> Path:
    """The folder of learner notebooks in a course folder."""
    return Path(course).resolve() / "notebooks"


def app_url(port: int, notebook: str = START_NOTEBOOK, *, token: str | None = None) -> str:
    """Address of one notebook served as an app.

    >>> app_url(8866)
    'http://127.0.0.1:8866/voila/render/00_start.ipynb'
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


def lab_url(port: int, notebook: str = START_NOTEBOOK, *, token: str | None = None) -> str:
    """Address of one learner notebook opened in JupyterLab.

    >>> lab_url(8888)
    'http://127.0.0.1:8888/lab/tree/notebooks/00_start.ipynb'
    """
    url = f"http://{LOOPBACK}:{port}/lab/tree/notebooks/{notebook}"
    return f"{url}?token={token}" if token else url


def app_command(course: str | Path, *, port: int, show_tracebacks: bool = False) -> list[str]:
    """Command line serving a course's learner notebooks as Voila apps.

    Voila itself never opens the browser (it would land on its folder listing):
    :func:`run_app` opens the start page once the server answers.

    Parameters
    ----------
    course : str or Path
        The course folder (holding ``course.yaml`` and ``notebooks/``).
    port : int
        Port on 127.0.0.1.
    show_tracebacks : bool
        Show Python tracebacks in the page (for authors and tests); learners see a short
        message instead.
    """
    return [
        sys.executable, "-m", "coursekit.app", str(notebooks_dir(course)),  # Voila, see serve()
        "--no-browser",
        "--Voila.auto_token=True",  # the token's value comes from JUPYTER_TOKEN
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={LOOPBACK}",
        f"--template={VOILA_TEMPLATE}",
        "--theme=light",
        f"--show_tracebacks={show_tracebacks}",
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={KERNEL_CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def issue_xsrf_cookie(handler, notebook=None, cwd=None) -> None:
    """Voila prelaunch hook: send the ``_xsrf`` cookie with every app page.

    When the learner leaves a page, the page asks the server to shut its kernel down with a
    POST carrying the ``_xsrf`` value of its cookies. jupyter_server checks it against the
    ``_xsrf`` cookie (the learner is logged in by cookie, not by token, at that point) and
    refuses the request without one (HTTP 403). Tornado issues that cookie only to a handler
    that reads ``xsrf_token``; JupyterLab's pages do while rendering, Voila's notebook page
    does not. Voila runs this hook as a page is requested, before its first byte is sent,
    so the cookie goes out with the page.

    Parameters
    ----------
    handler : tornado.web.RequestHandler
        The request for the page.
    notebook : nbformat.NotebookNode, optional
        The notebook about to run; left unchanged.
    cwd : str, optional
        The folder its kernel starts in.
    """
    # Reading the property makes tornado set the cookie (once, if the browser lacks it).
    handler.xsrf_token  # noqa: B018


def serve(argv: list[str] | None = None) -> None:
    """Run Voila with coursekit's settings: the process :func:`app_command` starts.

    The settings given here are Python objects, which a command line cannot name: the
    prelaunch hook :func:`issue_xsrf_cookie`, and a kernel manager that frees what a page
    left in the server when the page's kernel ends. Voila leaves each rendered page (the
    executed notebook with its outputs, nbconvert's exporter and templates, the kernel
    client) in reference cycles, some 30 MB for a page with a network map; Python's cyclic
    collector, which runs by object counts, waited some ten such pages, so the server grew
    by hundreds of MB between its collections.

    Parameters
    ----------
    argv : list of str, optional
        Voila's command line; default ``sys.argv[1:]``.
    """
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.config import Config
    from voila.app import Voila

    class PageKernelManager(AsyncMappingKernelManager):
        """Kernels of app pages; what a page left in the server goes with its kernel."""

        async def shutdown_kernel(self, kernel_id, *args, **kwargs):
            # Pages that are left and kernels that are culled both end here.
            await super().shutdown_kernel(kernel_id, *args, **kwargs)
            gc.collect()

    config = Config()
    config.VoilaConfiguration.prelaunch_hook = issue_xsrf_cookie
    config.VoilaConfiguration.multi_kernel_manager_class = PageKernelManager
    # The objects made so far (modules, classes: the bulk of the server) live as long as the
    # server does; kept out of the collector's work, a collection takes some 20 ms instead
    # of some 150 ms.
    gc.freeze()
    Voila.launch_instance(argv, config=config)


def app_environment(
    course: str | Path,
    *,
    token: str | None = None,
    demo: bool | str = False,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Environment for a course server (Voila or JupyterLab) and the kernels it starts.

    Parameters
    ----------
    course : str or Path
        The course folder; set as ``COURSEKIT_COURSE``.
    token : str, optional
        The server's token (``JUPYTER_TOKEN``).
    demo : bool or str
        Demo mode (``COURSEKIT_DEMO``): ``True`` or a sample person's id.
    base : mapping, optional
        Environment to start from; default ``os.environ``.

    Examples
    --------
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
    extra = str(_JUPYTER_DATA)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (extra, env.get("JUPYTER_PATH")) if p)
    return env


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, *, process: subprocess.Popen | None = None,
                     timeout: float = 60.0) -> None:
    """Wait until ``url`` answers with a non-error status.

    Raises
    ------
    RuntimeError
        The server process ended, or did not answer within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the course server stopped (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status < 400:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
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

    Parameters
    ----------
    args : argparse.Namespace
        The ``start`` command's arguments: ``dir``, ``port`` (None for a free one),
        ``no_browser``, ``demo``.
    course : str or Path, optional
        The course folder, already resolved by the command line; default ``args.dir`` or
        :func:`coursekit.course_dir`.
    env : mapping, optional
        Environment to start from (the command line's course environment).

    Returns
    -------
    int
        The exit code: 0 after Ctrl+C, 1 when the server fails, 2 without a course.
    """
    from ._content import course_dir

    course = Path(course or getattr(args, "dir", None) or course_dir()).resolve()
    if not (notebooks_dir(course) / START_NOTEBOOK).is_file():
        print(f"coursekit: no course in {course} (notebooks/{START_NOTEBOOK} is missing); "
              "make one with 'coursekit init DIR'", file=sys.stderr)
        return 2
    port = getattr(args, "port", None) or free_port()
    token = secrets.token_urlsafe(24)
    env = app_environment(course, token=token, demo=getattr(args, "demo", False), base=env)
    process = subprocess.Popen(app_command(course, port=port), env=env, cwd=course)  # noqa: S603
    url = app_url(port, token=token)
    # A polite "stop" (SIGTERM from a service manager or `timeout`) stops Voila and its
    # kernels too, through the ``finally`` below, instead of leaving them running.
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
