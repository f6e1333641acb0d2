"""What the browser tests check on every page, and how they drive it.

- :class:`ServerProcess` starts a course server (Voila or JupyterLab), waits until it
  answers and stops it, keeping its log in ``test-artifacts/``.
- :class:`CoursePage` wraps a Playwright page: it refuses every request beyond 127.0.0.1
  (and records it), records kernel error messages seen on the page's websockets (an
  exception in a widget callback shows nowhere in the page, but the kernel reports it), and
  offers :meth:`CoursePage.check`: a screenshot kept as an artifact, then no visible Python
  traceback, no empty plot area, no unlabelled input, no request beyond loopback.
- :func:`tab_to` moves the focus with the Tab key only, so flows are done by keyboard.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

from coursekit import app

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

#: Text that only a Python error puts on a page.
TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|There was an error when executing cell"
    r"|^\s*\w+(Error|Exception): ", re.MULTILINE)
#: A kernel error message (an uncaught exception, e.g. in a widget callback) on a websocket.
KERNEL_ERROR = re.compile(rb'"msg_type"\s*:\s*"error"')
#: Form controls that must have an accessible name (plotly's own modebar links excluded).
INPUTS = ("input:not([type=hidden]), select, textarea, button, [role=slider], [role=radio],"
          " [role=checkbox], [role=combobox], [role=textbox], [contenteditable=true]")


class ServerProcess:
    """A course server in a subprocess with its log in ``test-artifacts/``."""

    def __init__(self, cmd, *, env, cwd, port, token, log_name):
        self.cmd, self.env, self.cwd = cmd, env, cwd
        self.port, self.token = port, token
        self.log_path = ARTIFACTS / log_name
        self.process: subprocess.Popen | None = None

    def start(self, ready_url: str, timeout: float = 120) -> float:
        """Start the server; return the seconds until it answered."""
        ARTIFACTS.mkdir(exist_ok=True)
        log = self.log_path.open("w")
        began = time.monotonic()
        # Its own process group: stopping the server stops whatever it started (kernels,
        # or JupyterLab under ``coursekit start``), even if it does not pass the signal on.
        self.process = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        try:
            app.wait_until_ready(ready_url, process=self.process, timeout=timeout)
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{exc}\n--- server log ---\n{self.log()[-3000:]}") from None
        return time.monotonic() - began

    def url(self, notebook: str = app.START_NOTEBOOK) -> str:
        return app.app_url(self.port, notebook, token=self.token)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        group = self.process.pid
        app.stop(self.process)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(group, sig)
            except ProcessLookupError:
                return
            time.sleep(1.0)


class CoursePage:
    """A Playwright page kept to loopback, with the course's page checks."""

    def __init__(self, page, *, name: str = "page"):
        self.page = page
        self.name = name
        self.external_requests: list[str] = []
        self.kernel_errors: list[str] = []
        page.route("**/*", self._guard)
        page.on("websocket", self._watch_websocket)

    # -- recording --------------------------------------------------------------------

    def _guard(self, route):
        url = route.request.url
        if re.match(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?/", url) or url.startswith(
                ("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def _watch_websocket(self, websocket):
        def on_frame(payload):
            data = payload.encode() if isinstance(payload, str) else payload
            if KERNEL_ERROR.search(data):
                text = data.decode("utf-8", errors="replace")
                found = re.search(r'"evalue"\s*:\s*"((?:[^"\\]|\\.)*)"', text)
                name = re.search(r'"ename"\s*:\s*"([^"]*)"', text)
                what = found.group(1) if found else text[:300]
                self.kernel_errors.append(f"{name.group(1) if name else 'Error'}: {what}")

        websocket.on("framereceived", on_frame)

    # -- navigation -------------------------------------------------------------------

    def open(self, url: str, *, timeout: float = 60_000):
        """Open an app page and wait until every cell has run and widgets are drawn."""
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout)
        self.wait_rendered(timeout=timeout)
        self.fail_on_tracebacks(url)
        return self.page

    def wait_rendered(self, *, timeout: float = 60_000):
        self.page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout)
        # Voila renders progressively: the text at once, a placeholder ("skeleton") where a
        # code cell's output goes until that cell has run. Wait until every cell has run,
        # then until the page has stopped changing (widget views and figures are drawn).
        self.page.wait_for_function(
            "() => !document.querySelector('.voila-skeleton-container')", timeout=timeout)
        self.settle()

    def settle(self, quiet_ms: int = 400, limit_ms: int = 20_000) -> None:
        """Wait until the page has not changed for ``quiet_ms`` (at most ``limit_ms``)."""
        self.page.evaluate("""([quiet, limit]) => new Promise(resolve => {
            let timer;
            const done = () => { observer.disconnect(); clearTimeout(cap); resolve(true); };
            const observer = new MutationObserver(() => {
                clearTimeout(timer); timer = setTimeout(done, quiet); });
            observer.observe(document.body, {subtree: true, childList: true,
                                             attributes: true, characterData: true});
            timer = setTimeout(done, quiet);
            const cap = setTimeout(done, limit);
        })""", [quiet_ms, limit_ms])

    def reload(self, *, timeout: float = 60_000):
        self.page.reload(wait_until="domcontentloaded", timeout=timeout)
        self.wait_rendered(timeout=timeout)
        self.fail_on_tracebacks(self.page.url)

    def fail_on_tracebacks(self, where: str) -> None:
        """Stop at once, with the traceback, when a cell failed (no waiting for widgets)."""
        found = self.tracebacks()
        if found:
            self.screenshot(f"FAILED-{self.name}")
            raise AssertionError(f"Python error on {where.split('?')[0]}:\n" + "\n".join(found))

    # -- checks -----------------------------------------------------------------------

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        # Voila's lab shell scrolls inside a panel, so a "full page" screenshot would stop at
        # the window's edge: grow the window to the content's height for the picture.
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => Math.max(...[document.body, ...document.querySelectorAll("
            "'#rendered_cells, .jp-WindowedPanel-outer, .lm-BoxPanel')]"
            ".map(el => el.scrollHeight))")
        self.page.set_viewport_size({"width": size["width"],
                                     "height": min(max(height + 40, size["height"]), 20_000)})
        try:
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(size)
        return path

    def tracebacks(self) -> list[str]:
        """Python errors visible in the page."""
        found = []
        for text in self.page.locator(
                ".jp-OutputArea-output, .widget-output, .jupyter-widgets").all_inner_texts():
            match = TRACEBACK.search(text)
            if match:
                start = max(0, match.start() - 200)
                found.append(text[start:match.end() + 400])
        return found

    def empty_plots(self) -> list[str]:
        """Plot areas with no drawn trace (a plotly div with no data or no trace drawn)."""
        return self.page.evaluate("""() => {
            const empty = [];
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
                const drawn = gd.querySelectorAll('.trace, .pielayer .slice, .point').length;
                const data = (gd.data || []).length;
                if (!drawn || !data) {
                    const title = gd.querySelector('.gtitle');
                    empty.push(title ? title.textContent : '(untitled figure)');
                }
            }
            return empty;
        }""")

    def share_buttons(self) -> int:
        """Figure toolbar buttons that would upload a figure to Plotly Cloud."""
        return self.page.locator(
            '.modebar-btn[data-title^="Share chart"], .modebar-btn[data-title*="Chart Studio"]'
        ).count()

    def unlabelled_inputs(self) -> list[str]:
        """Form controls that a screen reader would announce without a name."""
        return self.page.evaluate("""(selector) => {
            const out = [];
            const root = document.querySelector('#rendered_cells') || document.body;
            for (const el of root.querySelectorAll(selector)) {
                if (el.closest('.modebar')) continue;
                const box = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                if (!box.width || !box.height || style.visibility === 'hidden') continue;
                if (el.disabled && el.tagName !== 'BUTTON') continue;
                if (!accessibleName(el)) {
                    out.push(el.outerHTML.slice(0, 160));
                }
            }
            return out;

            function text(node) { return (node && node.textContent || '').trim(); }
            function accessibleName(el) {
                const by = el.getAttribute('aria-labelledby');
                if (by) {
                    const t = by.split(/\\s+/).map(id => text(document.getElementById(id)))
                        .join(' ').trim();
                    if (t) return t;
                }
                const aria = (el.getAttribute('aria-label') || '').trim();
                if (aria) return aria;
                if (el.labels && el.labels.length) {
                    const t = Array.from(el.labels).map(text).join(' ').trim();
                    if (t) return t;
                }
                if (el.tagName === 'BUTTON') {
                    const t = (el.innerText || '').trim();
                    if (t) return t;
                }
                const title = (el.getAttribute('title') || '').trim();
                if (title) return title;
                const placeholder = (el.getAttribute('placeholder') || '').trim();
                if (placeholder) return placeholder;
                return '';
            }
        }""", INPUTS)

    def check(self, shot: str, *, allow_empty_plots: bool = False) -> None:
        """Screenshot the page, then fail on what a learner must never meet."""
        self.screenshot(shot)
        problems = []
        for text in self.tracebacks():
            problems.append(f"a Python traceback is visible:\n{text}")
        if self.kernel_errors:
            problems.append(f"the kernel reported errors: {self.kernel_errors}")
        if not allow_empty_plots:
            for title in self.empty_plots():
                problems.append(f"an empty plot area: {title!r}")
        if self.share_buttons():
            problems.append("a figure offers 'Share chart...' (upload to Plotly Cloud): show it "
                            "with coursekit.views._figures.show_figure or set_figure")
        for html in self.unlabelled_inputs():
            problems.append(f"an input without an accessible name: {html}")
        if self.external_requests:
            problems.append(f"requests beyond 127.0.0.1: {self.external_requests}")
        assert not problems, f"{shot}: " + "\n".join(problems)


def cell_with(page, locator):
    """The first notebook cell (Voila keeps one div per cell) holding ``locator``, pinned
    by its index so that it stays the same cell when its content changes."""
    index = page.locator("[cell-index]").filter(has=locator).first.get_attribute("cell-index")
    return page.locator(f'[cell-index="{index}"]')


def tab_to(page, target, *, max_steps: int = 400) -> None:
    """Move the focus to ``target`` with the Tab key alone (fails if Tab never gets there)."""
    handle = target.element_handle()
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate(
                "(el) => !!document.activeElement && (el === document.activeElement"
                " || el.contains(document.activeElement))", handle):
            return
    raise AssertionError(f"cannot reach {target} with the Tab key")
