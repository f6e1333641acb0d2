"""What the browser tests check on every page, and how they drive it.

- :class:`ServerProcess` starts a course server (Voila or JupyterLab), waits until it
  answers and stops it, keeping its log in ``test-artifacts/``.
- :class:`CoursePage` wraps a Playwright page: it refuses every request beyond 127.0.0.1
  (and records it), records kernel error messages seen on the page's websockets (an
  exception in a widget callback shows nowhere in the page, but the kernel reports it), and
  offers :meth:`CoursePage.check`: a screenshot kept as an artifact, then no visible Python
  traceback, no empty plot area, no unlabelled input, no request beyond loopback.
- :func:`tab_to` moves the focus with the Tab key only, so flows are done by keyboard.
- :func:`start_lab` and :func:`start_app` start a course server as a learner would have it
  (``coursekit start``, ``coursekit start --app``); :meth:`CoursePage.open_lab` opens a
  notebook in JupyterLab and runs it as a learner does (*Run, Run All Cells*).
- :meth:`CoursePage.walk_check` is the stricter check of the walk (``test_walk.py``): on top
  of :meth:`CoursePage.check`, nothing wider than its cell, no cut text, no internal id or
  raw markup in the text, no "Error displaying widget", no serious or critical axe-core
  violation; every problem of the page is listed in one message.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
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

#: Text a learner must never read: names from the code and the data files, not words.
#: ``p_k``-style subscripts (one letter before the underscore) are formula notation, not ids.
INTERNAL_IDS = (
    ("two ids joined by a dot", re.compile(
        r"\b[a-z0-9]+(?:-[a-z0-9]+)+\s*·\s*[\w-]+|[\w-]+\s*·\s*[a-z0-9]+(?:-[a-z0-9]+)+\b")),
    ("a kind:id", re.compile(r"(?<![\w/.-])[a-z]+:[a-z0-9]+(?:[-_][a-z0-9]+)*\b")),
    ("a snake_case name", re.compile(r"(?<![\w/.-])[a-z][a-z0-9]+(?:_[a-z0-9]+)+\b(?!\.\w)")),
    ("a Python object", re.compile(
        r"\b(?:Posix|Windows)Path\(|\bobject at 0x[0-9a-f]+"
        r"|\b[A-Z]\w*\((?:children|value|layout|description|outputs|options)=")),
    ("a table's hidden column", re.compile(r"\bhidden (?:False|True)\b")),
    ("a missing value shown raw", re.compile(r"\bnan\b|\bNaN\b|<NA>|\bNaT\b")),
)


@functools.cache
def course_ids(course: Path = REPO) -> re.Pattern:
    """The course's own ids of more than one word, as its content files name them.

    ``the-first-step``, ``career-drivers``, ``what-you-want``, ``harris-before``: the ids of
    cases, their parts, decision points and reflections, instruments, sample people and
    networks, and the course's (``take-charge-of-your-career``). One-word ids (``wait``,
    ``network``) are words too, and are left out.
    """
    files = [course / "course.yaml", *sorted((course / "cases").glob("*.md")),
             *sorted((course / "instruments").glob("*.yaml")),
             *sorted((course / "samples").rglob("*.yaml"))]
    ids = {path.stem for path in files}
    for path in files:
        text = path.read_text(encoding="utf-8")
        ids |= set(re.findall(r"^\s*-?\s*id:\s*[\"']?([\w-]+)", text, re.MULTILINE))
        ids |= set(re.findall(r"\{#([\w-]+)\}", text))
        title = re.search(r"^title:\s*(.+)$", text, re.MULTILINE)
        if path.name == "course.yaml" and title:
            ids.add(re.sub(r"\W+", "-", title.group(1).strip().lower()).strip("-"))
    words = sorted((i for i in ids if re.search(r"[-_]", i)), key=len, reverse=True)
    return re.compile(r"(?<![\w/.#:-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


#: Markup a learner must never read: the source of a table, a heading or bold text, or an
#: HTML tag, shown as text because it was never rendered.
RAW_MARKUP = (
    ("a markdown table", re.compile(r"\|\s*:?-{3,}:?\s*\|")),
    ("markdown bold", re.compile(r"\*\*[^*\s][^*]*\*\*")),
    ("a markdown link", re.compile(r"\[[^\]]+\]\([^)\s]+\)")),
    ("a markdown heading", re.compile(r"^\s*#{1,6}\s+\w")),
    ("an HTML tag", re.compile(r"</?(?:b|i|p|br|div|span|strong|em|ul|li|table|td|tr)\b[^>]*>")),
)
#: Words for JupyterLab that an app page (code hidden, nothing to run) must not say.
LAB_WORDS_IN_APP = re.compile(
    r"\bShift\s*\+\s*Enter\b|\bRun All\b|\bRun\s*▸|\brun (?:each|every|the|this|all|a|all the)"
    r"(?: \w+)? cells?\b|\b(?:next|previous|this|above|below|first) cell\b|\bcell (?:above|below)\b"
    r"|\bchange the (?:next|first) cell\b", re.IGNORECASE)
#: A count of one with its noun in the plural ("1 if-then plans", "0 of 1 exercises").
ONE_PLURAL = re.compile(
    r"(?<![\d.,/-])\b1 (?:[a-z]+-[a-z-]+ )?(?:exercises|plans|people|contacts|steps|"
    r"answers|parts|items|questions|hand-ins|reflections|predictions|minutes|hours|rows|"
    r"ties|votes|learners|notebooks|skills|statements|groups|sectors|organisations)\b")
#: Formula notation, which belongs behind a "how is this computed" toggle (a closed
#: ``<details>``), not in the text a learner reads first.
FORMULA = re.compile(r"\b[a-zA-Z]_\{?[a-z]{1,3}\}?(?:\^\d)?\b|\w\^\d\b|[Σ∑]|\bsum p\w*")
#: What JupyterLab (or Voila) shows where a widget cannot be drawn.
WIDGET_ERRORS = ("Error displaying widget", "Loading widget...")
#: axe-core impacts that fail the walk.
AXE_FAILING = ("serious", "critical")

#: Where a cell of the page is, for messages: ``cell 7 (under "Part 1: ...")``.
_WHERE_JS = r"""
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell, #rendered_cells .jp-Cell')];
  const headings = new Map();
  let heading = '';
  for (const cell of cells) {
    const h = cell.classList.contains('jp-MarkdownCell') && cell.querySelector('h1, h2, h3, h4');
    if (h) heading = h.textContent.replace(/¶/g, '').trim();
    headings.set(cell, heading);
  }
  const clip = (s, n) => {
    s = (s || '').replace(/\s+/g, ' ').trim();
    return s.length > n ? s.slice(0, n - 1) + '…' : s;
  };
  const where = el => {
    const cell = el && el.closest('.jp-Cell');
    if (!cell || !cells.includes(cell)) return 'outside the cells';
    const h = headings.get(cell);
    return `cell ${cells.indexOf(cell) + 1}` + (h ? ` (under "${clip(h, 40)}")` : '');
  };
  // An element's words (not its style sheets), rendered or not.
  const words = (el, n = 200) => {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let length = 0;
    for (let t = walker.nextNode(); t && length < n; t = walker.nextNode()) {
      if (t.parentElement.closest('style, script, template, .ck-verbatim')) continue;
      const w = t.textContent.trim();
      if (w) { out.push(w); length += w.length; }
    }
    return out.join(' ');
  };
  // The course's own parts of a page: each cell's output (the outermost: an Output
  // widget's areas are inside it) and the text of markdown cells.
  const areas = [...document.querySelectorAll(
      '.jp-OutputArea-output, .jp-MarkdownCell .jp-RenderedMarkdown')]
    .filter(el => !el.parentElement.closest('.jp-OutputArea-output'));
  const describe = el => {
    const tag = el.tagName.toLowerCase();
    const cls = [...(el.classList || [])]
      .filter(c => /^(ck-|widget-|jupyter-button|js-plotly|main-svg|lm-TabBar)/.test(c))
      .slice(0, 2);
    const text = el.tagName === 'SELECT' ? (el.options[el.selectedIndex] || {}).text
      : (words(el) || el.value || el.getAttribute('placeholder')
         || el.getAttribute('aria-label') || '');
    const label = clip(text, 60);
    return `<${tag}${cls.length ? '.' + cls.join('.') : ''}>` + (label ? ` "${label}"` : '');
  };
  const shown = el => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.opacity !== '0';
  };
"""

#: The walk's geometry checks, run in the learner's window (see walk_problems).
WALK_LAYOUT_JS = "() => {" + _WHERE_JS + r"""
  const TOL = 1;  // sub-pixel rounding
  const found = {wide: [], cut: []};
  const scrolls = v => v === 'auto' || v === 'scroll';
  const outputs = areas.filter(a => a.classList.contains('jp-OutputArea-output'));

  // 1. Nothing wider than its cell.
  for (const area of areas) {
    if (!shown(area)) continue;
    const box = area.getBoundingClientRect();
    const style = getComputedStyle(area);
    if (area.scrollWidth > area.clientWidth + TOL && style.overflowX !== 'visible') {
      found.wide.push({where: where(area), what: `the output area ${scrolls(style.overflowX)
        ? 'has a sideways scrollbar' : 'cuts its content'}: its content is ${
        area.scrollWidth - area.clientWidth}px wider than the cell`});
    }
    const flagged = new Set();
    for (const el of area.querySelectorAll('*')) {
      if ((el.closest('svg') && el.tagName.toLowerCase() !== 'svg') || el.tagName === 'OPTION')
        continue;
      if (!shown(el)) continue;
      let right = el.getBoundingClientRect().right;
      let inside = false;
      for (let a = el.parentElement; a && a !== area; a = a.parentElement) {
        if (flagged.has(a)) { inside = true; break; }
        if (getComputedStyle(a).overflowX !== 'visible')
          right = Math.min(right, a.getBoundingClientRect().right);
      }
      if (inside) { flagged.add(el); continue; }  // its outermost box is reported
      if (right > box.right + TOL) {
        flagged.add(el);
        found.wide.push({where: where(el), what: `${describe(el)} passes the right edge of `
          + `the cell's output by ${Math.round(right - box.right)}px`});
        continue;
      }
      const s = getComputedStyle(el);
      if (scrolls(s.overflowX) && el.scrollWidth > el.clientWidth + TOL
          && !['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName)) {
        found.wide.push({where: where(el), what: `${describe(el)} has a sideways scrollbar `
          + `(${el.scrollWidth - el.clientWidth}px of its content out of sight)`});
      }
    }
  }
  const scrollers = new Set([document.scrollingElement, ...document.querySelectorAll(
    '.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-Notebook, #rendered_cells')]);
  for (const el of scrollers) {
    if (!el || !shown(el)) continue;
    const s = getComputedStyle(el);
    const page = el === document.scrollingElement;
    if ((page ? s.overflowX !== 'hidden' : scrolls(s.overflowX))
        && el.scrollWidth > el.clientWidth + TOL) {
      found.wide.push({where: 'the page', what: `the page has a sideways scrollbar (${
        page ? 'the document' : describe(el).split(' ')[0]} is ${
        el.scrollWidth - el.clientWidth}px wider than the window)`});
    }
  }

  // 2. No cut text: buttons, labels, a drop-down's shown value, tab titles, placeholders,
  //    anything with an ellipsis or cut by its box, and a figure's text at its edge.
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (el, text) => {
    const s = getComputedStyle(el);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const room = (el, arrow) => {
    const s = getComputedStyle(el);
    return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
      - (arrow && s.appearance !== 'none' ? 20 : 0);  // a native drop-down's arrow
  };
  const seen = new Set();
  const cut = (el, why) => {
    if (seen.has(el)) return;
    seen.add(el);
    found.cut.push({where: where(el), what: `${describe(el)} ${why}`});
  };
  // Labels (not buttons: "Save as…" is a button's way to say it asks more).
  const LABELS = '.widget-label, .widget-label-basic, label, .widget-html-content > b, '
    + '.lm-TabBar-tabLabel, [class*="Collapse-header"]';
  const BOXES = 'button, .jupyter-button, .widget-toggle-button, .widget-label, '
    + '.widget-label-basic, label, .lm-TabBar-tab, .lm-TabBar-tabLabel, '
    + '[class*="Collapse-header"], .lm-AccordionPanel-title';
  for (const area of outputs) {
    for (const el of area.querySelectorAll(BOXES)) {
      // Drawn text, even from a box of no size (its text spills out of it).
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.opacity === '0' || !el.getClientRects().length)
        continue;
      const box = el.getBoundingClientRect();
      const clips = s.overflow !== 'visible';
      if (clips && (box.width <= 1 || box.height <= 1)) continue;  // hidden for the eye only
      const range = document.createRange();
      range.selectNodeContents(el);
      const drawn = [...range.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
      if (!drawn.length) continue;
      const right = Math.max(...drawn.map(r => r.right));
      const bottom = Math.max(...drawn.map(r => r.bottom));
      if (!clips && (right > box.right + TOL || bottom > box.bottom + TOL))
        cut(el, `spills out of its ${Math.round(box.width)}x${Math.round(box.height)}px box `
          + `over what is around it (its text takes ${Math.round(right - box.left)}x${
          Math.round(bottom - box.top)}px)`);
      else if (el.scrollWidth > el.clientWidth + TOL)
        cut(el, `is cut: its text needs ${el.scrollWidth}px, its box is ${el.clientWidth}px`);
      else if (clips && el.scrollHeight > el.clientHeight + TOL)
        cut(el, `is cut: its text is ${el.scrollHeight}px high, its box ${el.clientHeight}px`);
    }
    for (const el of area.querySelectorAll('select')) {
      if (!shown(el) || el.multiple || el.size > 1) continue;
      const text = (el.options[el.selectedIndex] || {}).text || '';
      const need = textWidth(el, text), has = room(el, true);
      if (need > has + TOL)
        cut(el, `shows its value cut: the text needs ${Math.round(need)}px, `
          + `the box has ${Math.round(has)}px`);
    }
    for (const el of area.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (!shown(el) || el.value) continue;
      const text = el.getAttribute('placeholder');
      const need = el.tagName === 'INPUT' ? textWidth(el, text) : 0, has = room(el, false);
      if (need > has + TOL)
        cut(el, `shows its placeholder cut: the text needs ${Math.round(need)}px, `
          + `the box has ${Math.round(has)}px`);
    }
    for (const el of area.querySelectorAll('*')) {
      if (el.closest('svg') || seen.has(el) || !shown(el)) continue;
      if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      const s = getComputedStyle(el);
      if ((s.textOverflow === 'ellipsis' || s.overflowX === 'hidden' || s.overflowX === 'clip')
          && el.scrollWidth > el.clientWidth + TOL) {
        cut(el, s.textOverflow === 'ellipsis' ? 'is cut short with an ellipsis'
          : `is cut: its text needs ${el.scrollWidth}px, its box is ${el.clientWidth}px`);
      } else if (el.closest(LABELS) && /(…|\.\.\.)$/.test(el.textContent.trim())) {
        cut(el, 'is cut short with an ellipsis' + (el.textContent.trim().length > 60
          ? ` (it ends "${el.textContent.trim().slice(-25)}")` : ''));
      } else if (s.wordBreak === 'break-all' && !/^(pre|nowrap)$/.test(s.whiteSpace)
                 && !el.closest('.jp-RenderedText, .ck-verbatim')
                 && el.getBoundingClientRect().height > 1.5 * (parseFloat(s.lineHeight)
                                                            || 1.2 * parseFloat(s.fontSize))) {
        cut(el, 'breaks words in the middle at the end of its lines (word-break: break-all)');
      }
    }
    // A figure's labels over one another: names on a map, bar and point labels (the
    // axes' ticks are plotly's to space). Two labels whose boxes share more than a sliver
    // cannot both be read.
    for (const plot of area.querySelectorAll('.js-plotly-plot')) {
      const labels = [...plot.querySelectorAll('.textpoint text, .annotation text')]
        .filter(t => t.textContent.trim() && !t.closest('.hoverlayer') && shown(t))
        .map(t => [t, t.getBoundingClientRect()]);
      const over = new Set();
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const [a, ra] = labels[i], [b, rb] = labels[j];
          if (a.contains(b) || b.contains(a)) continue;
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (w > 3 && h > 3 && !over.has(b)) {
            over.add(b);
            found.cut.push({where: where(b), what: `<text> "${b.textContent.trim().slice(0, 40)}"`
              + ` lies over "${a.textContent.trim().slice(0, 40)}" in its figure`});
          }
        }
      }
    }
    // A figure's text: what shows of it is what its drawing (the outermost svg) and the
    // boxes around it that clip (up to the cell's output) leave of it.
    for (const plot of area.querySelectorAll('.js-plotly-plot')) {
      for (const t of plot.querySelectorAll('svg text')) {
        if (!t.textContent.trim() || t.closest('.hoverlayer') || !shown(t)) continue;
        let svg = t.ownerSVGElement;
        while (svg.ownerSVGElement) svg = svg.ownerSVGElement;
        const seen = svg.getBoundingClientRect();
        let [left, right, top, bottom] = [seen.left, seen.right, seen.top, seen.bottom];
        for (let a = svg.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflow !== 'visible') {
            const b = a.getBoundingClientRect();
            left = Math.max(left, b.left); right = Math.min(right, b.right);
            top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom);
          }
          if (a === area) break;
        }
        const r = t.getBoundingClientRect();
        if (r.left < left - TOL || r.right > right + TOL
            || r.top < top - TOL || r.bottom > bottom + TOL)
          cut(t, 'is cut at the edge of its figure');
        else if (/(…|\.\.\.)$/.test(t.textContent.trim()))
          cut(t, 'is cut short with an ellipsis' + (t.textContent.trim().length > 60
            ? ` (it ends "${t.textContent.trim().slice(-25)}")` : ''));
      }
    }
  }

  return found;
}"""

#: The text a learner reads, by cell: outputs (with what is shown on demand: a drop-down's
#: options, a figure's text, tooltips, accessible names, placeholders, closed sections) and
#: markdown outside code spans. Run with every cell on screen (JupyterLab does not lay out
#: cells out of sight, and ``innerText`` of what is not laid out is the raw text).
WALK_TEXT_JS = "() => {" + _WHERE_JS + r"""
  const found = [];
  // Not read, hidden while the text is taken: code in markdown (a file name, a command for
  // the instructor), and what a page shows verbatim on purpose, marked so by the course
  // (e.g. the hand-in file exactly as the computer reads it): names from the code belong
  // there.
  const verbatim = [...document.querySelectorAll('.ck-verbatim, .jp-RenderedMarkdown code, '
    + '.jp-RenderedMarkdown pre, .jp-RenderedMarkdown kbd')];
  const display = verbatim.map(v => v.style.display);
  verbatim.forEach(v => { v.style.display = 'none'; });
  for (const area of areas) {
    if (!shown(area)) continue;
    let text;
    if (area.classList.contains('jp-RenderedMarkdown')) {
      text = area.innerText;
    } else {
      const parts = [area.innerText];
      const closed = [];  // a closed section's or a hidden tab's text (outermost only)
      for (const el of area.querySelectorAll('*')) {
        if (el.closest('style, script, template, svg, .ck-verbatim')
            || closed.some(c => c.contains(el)))
          continue;
        if (getComputedStyle(el).display === 'none') closed.push(el);
      }
      for (const el of closed) parts.push(words(el, 1e6));
      for (const o of area.querySelectorAll('option')) parts.push(o.text);
      for (const t of area.querySelectorAll('svg text')) parts.push(t.textContent);
      for (const t of area.querySelectorAll('[title], [aria-label], [placeholder]'))
        for (const a of ['title', 'aria-label', 'placeholder'])
          if (t.getAttribute(a)) parts.push(t.getAttribute(a));
      text = parts.join('\n');
    }
    found.push({where: where(area), text});
  }
  verbatim.forEach((v, i) => { v.style.display = display[i]; });
  return found;
}"""

#: The cell of each element an axe-core violation names (by its selector).
AXE_WHERE_JS = "(targets) => {" + _WHERE_JS + r"""
  return targets.map(t => {
    let el = null;
    try { el = document.querySelector(Array.isArray(t) ? t[t.length - 1] : t); }
    catch (e) { return ''; }
    return el ? where(el) : '';
  });
}"""

#: Every code cell of the notebook open in JupyterLab has run (or one failed and stopped
#: Run All): no ``[*]`` prompt, and each cell with code has a number or an error is shown.
LAB_RAN_ALL_JS = r"""() => {
  const nb = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => p.offsetParent);
  if (!nb) return false;
  const cells = [...nb.querySelectorAll('.jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '');
  if (!cells.length || prompts.some(p => p.includes('*'))) return false;
  const failed = nb.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]');
  return !!failed || cells.every((c, i) => /\[\d+\]/.test(prompts[i])
    || !(c.querySelector('.cm-content') || {}).textContent);
}"""


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


class LabServer(ServerProcess):
    """JupyterLab started by ``coursekit start``; :meth:`url` opens a notebook in it."""

    def url(self, notebook: str = app.START_NOTEBOOK) -> str:
        # ``reset``: the default layout, not the tabs left open by an earlier page.
        return (f"http://{app.LOOPBACK}:{self.port}/lab/tree/notebooks/{notebook}"
                f"?reset&token={self.token}")

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            f"http://{app.LOOPBACK}:{self.port}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback)
            body = answer.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """End every kernel (a page left without closing its notebook keeps its kernel)."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")
        for kernel in self.api("GET", "kernels"):
            self.api("DELETE", f"kernels/{kernel['id']}")


def _server_env(store: Path | None, demo: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COURSEKIT_STORE", None)
    env.pop("COURSEKIT_DEMO", None)
    if store is not None:
        env["COURSEKIT_STORE"] = str(store)
    if demo:
        env["COURSEKIT_DEMO"] = demo
    return env


def start_lab(course: Path, folder: Path, *, store: Path | None = None, demo: str | None = None,
              settings: dict[str, dict] | None = None, log_name: str = "lab-server.log",
              ) -> LabServer:
    """JupyterLab as a learner starts it: ``coursekit start COURSE [--demo PERSON]``.

    JupyterLab's configuration, user settings and workspaces live in ``folder``, so a test
    neither sees nor changes the developer's own; ``settings`` gives plugin settings there
    (``{"@jupyterlab/docmanager-extension:plugin": {"autosave": False}}``). As root (CI),
    JupyterLab refuses to start unless allowed; that permission comes from the same folder.
    """
    config = folder / "jupyter-config"
    config.mkdir(parents=True, exist_ok=True)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"allow_root": True}}))
    for plugin, values in (settings or {}).items():
        package, name = plugin.split(":")
        path = folder / "lab-settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = app.free_port(), "browser-tests-lab"
    env = _server_env(store, None)
    env.update({"JUPYTER_TOKEN": token, "JUPYTER_CONFIG_DIR": str(config),
                "JUPYTERLAB_SETTINGS_DIR": str(folder / "lab-settings"),
                "JUPYTERLAB_WORKSPACES_DIR": str(folder / "lab-workspaces")})
    cmd = [sys.executable, "-m", "coursekit", "start", str(course), "--no-browser",
           "--port", str(port)]
    if demo:
        cmd += ["--demo", demo]
    server = LabServer(cmd, env=env, cwd=course, port=port, token=token, log_name=log_name)
    server.start(f"http://{app.LOOPBACK}:{port}/api/status?token={token}")
    return server


def start_app(course: Path, *, store: Path | None = None, demo: str | None = None,
              log_name: str = "voila-server.log") -> ServerProcess:
    """The course served as apps (Voila), as ``coursekit start --app [--demo PERSON]``."""
    port, token = app.free_port(), "browser-tests"
    env = app.app_environment(course, token=token, demo=demo or False,
                              base=_server_env(store, None))
    server = ServerProcess(app.app_command(course, port=port, show_tracebacks=True), env=env,
                           cwd=course, port=port, token=token, log_name=log_name)
    server.start(app.ready_url(port, token=token))
    return server


#: Every figure shown on an app page is drawn, or says it cannot be (``coursekit-plotly``
#: draws a figure once it comes into view; JupyterLab's pages have none of these).
FIGURES_DRAWN_JS = """() => [...document.querySelectorAll('.ck-RenderedPlotly')]
    .filter(f => f.offsetParent !== null)
    .every(f => (f.classList.contains('js-plotly-plot') && !f.hasAttribute('aria-busy'))
                || f.querySelector('[role=alert]'))"""

#: Bring each figure shown and not yet drawn into view in turn, until it is drawn (or says
#: it cannot be): those past the grown window's 20,000 px.
DRAW_EACH_JS = """async () => {
    for (const f of document.querySelectorAll('.ck-RenderedPlotly[aria-busy]')) {
        if (f.offsetParent === null) continue;
        f.scrollIntoView({block: 'nearest'});
        const began = performance.now();
        while (f.hasAttribute('aria-busy') && performance.now() - began < 30000) {
            await new Promise(requestAnimationFrame);
        }
    }
}"""


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

    def open(self, url: str, *, timeout: float = 60_000, stop_on_error: bool = True,
             draw: bool = True):
        """Open an app page and wait until every cell has run and widgets are drawn.

        With ``stop_on_error`` a Python error in the page fails at once; without, the
        caller's checks report it among the page's other problems. ``draw``: figures
        drawn too, as if scrolled to (else only those in view are, as the learner sees).
        """
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout)
        self.wait_rendered(timeout=timeout, draw=draw)
        if stop_on_error:
            self.fail_on_tracebacks(url)
        return self.page

    def open_lab(self, url: str, *, timeout: float = 180_000):
        """Open a notebook in JupyterLab and run it as a learner does (*Run, Run All*)."""
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout)
        self.page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=timeout)
        self.wait_lab_idle(timeout=timeout)
        self.run_all_lab(timeout=timeout)
        return self.page

    def wait_lab_idle(self, *, timeout: float = 180_000) -> None:
        """Wait until JupyterLab's status bar says the notebook's kernel is idle."""
        self.page.locator(".jp-StatusBar-Widget").get_by_text(
            re.compile(r"\|\s*Idle")).first.wait_for(timeout=timeout)

    def run_all_lab(self, *, timeout: float = 180_000) -> None:
        """*Run, Run All Cells* from JupyterLab's menu; wait until every cell has run (or
        one failed) and the widgets are drawn.

        The kernel must be up first: a Run All sent while it still starts can be lost.
        """
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        self.page.wait_for_function(LAB_RAN_ALL_JS, timeout=timeout, polling=500)
        self.wait_lab_idle(timeout=timeout)
        self.settle(quiet_ms=1000, limit_ms=30_000)

    def wait_rendered(self, *, timeout: float = 60_000, draw: bool = True):
        self.page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout)
        # Voila renders progressively: the text at once, a placeholder ("skeleton") where a
        # code cell's output goes until that cell has run. Wait until every cell has run,
        # then until the page has stopped changing (widget views and figures are drawn).
        self.page.wait_for_function(
            "() => !document.querySelector('.voila-skeleton-container')", timeout=timeout)
        self.settle()
        if draw:
            self.draw_figures()

    def draw_figures(self) -> None:
        """Have an app page draw every figure, as a learner scrolling through it would.

        An app page draws a figure when it comes into view (plotly.js loads with the
        first; ``coursekit-plotly``): the window is grown to the page for a moment, which
        brings them all into view (see :meth:`grown`).
        """
        with self.grown():
            pass

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
        with self.grown():
            self.page.screenshot(path=str(path), full_page=True)
        return path

    @contextlib.contextmanager
    def grown(self):
        """The window grown to the content's height, for as long as the block runs.

        Voila's lab shell and JupyterLab scroll inside a panel, so a "full page" screenshot
        would stop at the window's edge, and cells out of sight are not painted (JupyterLab
        skips them): grow the window to the content's height. Only the height changes, so
        widths, and what is too wide, stay as in the learner's window.
        """
        size = self.page.viewport_size
        height = size["height"]
        for _ in range(4):  # again if the page grew meanwhile (widgets still being drawn)
            content = self.page.evaluate(
                "() => Math.max(...[document.body, ...document.querySelectorAll("
                "'#rendered_cells, .jp-WindowedPanel-outer, .lm-BoxPanel')]"
                ".map(el => el.scrollHeight))")
            if min(content + 40, 20_000) <= height:
                break
            height = min(content + 40, 20_000)
            self.page.set_viewport_size({"width": size["width"], "height": height})
            self.settle(limit_ms=10_000)
        self.page.evaluate(DRAW_EACH_JS)
        # From the top (JupyterLab's Run All leaves the notebook scrolled to its end).
        self.page.evaluate("() => { window.scrollTo(0, 0); for (const el of document"
                           ".querySelectorAll('.jp-WindowedPanel-outer, #rendered_cells'))"
                           " el.scrollTop = 0; }")
        # Every figure has been in view: wait until each shown is drawn (or says it cannot).
        self.page.wait_for_function(FIGURES_DRAWN_JS, timeout=30_000, polling=100)
        self.settle(limit_ms=10_000)
        try:
            yield self.page
        finally:
            self.page.set_viewport_size(size)

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
            for (const gd of document.querySelectorAll('.ck-RenderedPlotly[aria-busy]')) {
                if (gd.offsetParent !== null) empty.push('(a figure never drawn)');
            }
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

    def unlabelled_inputs(self, roots: str | None = None) -> list[str]:
        """Form controls that a screen reader would announce without a name.

        ``roots``: a selector for the parts of the page to look in (default: the app's
        cells, or the whole page).
        """
        return self.page.evaluate("""([selector, roots]) => {
            const out = [];
            const within = roots ? [...document.querySelectorAll(roots)]
                : [document.querySelector('#rendered_cells') || document.body];
            for (const el of within.flatMap(root => [...root.querySelectorAll(selector)])) {
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
        }""", [INPUTS, roots])

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

    # -- the walk ---------------------------------------------------------------------

    def walk_check(self, shot: str, *, content: str | None = None) -> None:
        """Screenshot the page as ``shot``, then fail, listing every problem of the page.

        See :meth:`walk_problems` for what is checked and for ``content``.
        """
        problems = self.walk_problems(shot, content=content)
        if problems:
            raise AssertionError(walk_report(shot, problems))

    def walk_problems(self, shot: str, *, content: str | None = None, demo: bool = False,
                      ) -> list[tuple[str, str, str]]:
        """Every problem a learner would meet on the page, as ``(kind, where, what)``.

        A full-page screenshot is kept as ``test-artifacts/<shot>.png``. Checked: Python
        errors (in the page and from the kernel), widgets not drawn, anything wider than
        its cell or a page that scrolls sideways, cut text, internal ids or raw markup in
        the text, empty plots, "Share chart", inputs without a name, serious or critical
        axe-core violations, requests beyond 127.0.0.1.

        ``content`` is a selector for the course's own part of the page when the rest is
        someone else's (JupyterLab's menus, file browser and code editors): axe-core and
        the input-name check look only there. Geometry and text are always checked in the
        cells' outputs and markdown only. On an app page (Voila), words meant for JupyterLab
        ("Run All", "the next cell", "Shift + Enter") are problems too; with ``demo``, a page
        without the demo banner is one.
        """
        from axe_playwright_python.sync_playwright import Axe

        problems: list[tuple[str, str, str]] = []
        ARTIFACTS.mkdir(exist_ok=True)
        # Widgets are drawn after the cells have run, in bursts; on a busy machine a burst
        # can start after a short pause: wait for a longer quiet than ``open`` does.
        self.settle(quiet_ms=1500, limit_ms=30_000)
        with self.grown():
            # Everything on screen at once: painted, read, and seen by axe-core's colour
            # checks. Only the height changes, so the widths stay the learner's.
            self.settle(limit_ms=10_000)
            self.page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
            axe = Axe().run(self.page, context=content,
                            options={"resultTypes": ["violations"]}).response
            texts = self.page.evaluate(WALK_TEXT_JS)
            page_text = self.page.evaluate("() => document.body.innerText")
        # Sizes in the learner's window.
        self.settle(limit_ms=10_000)
        found = self.page.evaluate(WALK_LAYOUT_JS)

        for text in self.tracebacks():
            problems.append(("Python error", "the page", text.strip()))
        for error in self.kernel_errors:
            problems.append(("Python error", "the kernel", error))
        for error in WIDGET_ERRORS:
            areas = [item["where"] for item in texts if error in item["text"]]
            if error in page_text and not areas:
                areas = ["the page"]
            problems += [("widget not drawn", where, f'"{error}"') for where in areas]
        problems += [("wider than its cell", item["where"], item["what"])
                     for item in found["wide"]]
        problems += [("cut text", item["where"], item["what"]) for item in found["cut"]]
        for item in texts:
            for line in item["text"].splitlines():
                for kind, patterns in (
                        ("internal id in the text",
                         (*INTERNAL_IDS, ("an id from the course's files", course_ids()))),
                        ("markup shown raw", RAW_MARKUP)):
                    for name, pattern in patterns:
                        found_here = dict.fromkeys(m.group(0) for m in pattern.finditer(line))
                        problems += [(kind, item["where"], f"{text[:40]!r} ({name}) "
                                      f"in {_clip(line.strip(), 110)!r}")
                                     for text in found_here]
        app_page = self.page.locator("#rendered_cells").count() > 0
        for item in texts:
            for line in item["text"].splitlines():
                checks = [("a count of one in the plural", ONE_PLURAL)]
                if app_page:
                    checks.append(("words for JupyterLab on an app page", LAB_WORDS_IN_APP))
                for kind, pattern in checks:
                    problems += [(kind, item["where"], f"{m.group(0)!r} in "
                                  f"{_clip(line.strip(), 110)!r}")
                                 for m in pattern.finditer(line)]
        for line in page_text.splitlines():  # what is rendered: closed sections left out
            problems += [("a formula in plain sight", "the page", f"{m.group(0)!r} in "
                          f"{_clip(line.strip(), 110)!r}") for m in FORMULA.finditer(line)]
        # A learner's text boxes in the page's font, not a monospace one; a status line
        # across its row, not one word a line.
        for what in self.page.evaluate(
                "() => [...document.querySelectorAll('.jp-OutputArea-output textarea')]"
                ".filter(t => /mono|courier/i.test(getComputedStyle(t).fontFamily))"
                ".map(t => t.getAttribute('aria-label') || t.placeholder || 'a text box')"):
            problems.append(("a text box in a monospace font", "", repr(what)))
        for what in self.page.evaluate(
                "() => [...document.querySelectorAll('.jp-OutputArea-output .ck-status')]"
                ".filter(s => s.textContent.trim().split(/\\s+/).length > 2"
                " && s.getBoundingClientRect().width < 120)"
                ".map(s => s.textContent.trim().slice(0, 60))"):
            problems.append(("a status squeezed to a word a line", "", repr(what)))
        # A button as wide as its words, not stretched across the page (a VBox stretches
        # its children: "Save my profile" was 1,330 px wide).
        for what in self.page.evaluate(
                "() => [...document.querySelectorAll('.jp-OutputArea-output "
                "button.widget-button')].filter(b => { const w = b.getBoundingClientRect()"
                ".width; if (w < 360) return false; const r = document.createRange();"
                " r.selectNodeContents(b); return r.getBoundingClientRect().width < w / 3; })"
                ".map(b => b.textContent.trim().slice(0, 60))"):
            problems.append(("a button stretched across the page", "", repr(what)))
        # A download is a button that names its file, not a line of text.
        for text in self.page.evaluate(
                "() => [...document.querySelectorAll('.jp-OutputArea-output a[download]')]"
                ".filter(a => a.getAttribute('role') !== 'button'"
                " || !a.textContent.includes(a.getAttribute('download')))"
                ".map(a => a.textContent.trim().slice(0, 80))"):
            problems.append(("a download that is not a button with its file's name", "",
                             repr(text)))
        if demo:
            banners = self.page.get_by_text("Demo mode:").count()
            if not banners:
                problems.append(("demo banner missing", "the page",
                                 "demo mode, but no \"Demo mode:\" banner says whose answers "
                                 "these are"))
        problems += [("empty plot area", "a figure", repr(title)) for title in self.empty_plots()]
        if self.share_buttons():
            problems.append(("Share chart", "a figure", "the toolbar offers 'Share chart...'"))
        problems += [("input without a name", "", html)
                     for html in self.unlabelled_inputs(content or ".jp-OutputArea-output")]
        for violation in axe["violations"]:
            if violation["impact"] not in AXE_FAILING:
                continue
            nodes = violation["nodes"]
            wheres = self.page.evaluate(AXE_WHERE_JS, [node["target"] for node in nodes])
            for node, where in zip(nodes, wheres, strict=True):
                problems.append((
                    "accessibility (axe-core, serious or critical)",
                    where or " ".join(map(str, node["target"]))[-80:],
                    f"{violation['id']} ({violation['impact']}): {violation['help']}: "
                    f"{_clip(node['html'], 140)}"))
        problems += [("request beyond 127.0.0.1", "", url) for url in self.external_requests]
        return problems


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def walk_report(shot: str, problems: list[tuple[str, str, str]]) -> str:
    """One readable message: the page's problems by kind, each with where and what."""
    kinds: dict[str, dict[tuple[str, str], int]] = {}
    for kind, where, what in problems:
        seen = kinds.setdefault(kind, {})
        seen[(where, what)] = seen.get((where, what), 0) + 1
    lines = [f"{len(problems)} problem(s) on {shot} (screenshot test-artifacts/{shot}.png):"]
    for kind, items in kinds.items():
        lines.append(f"  {kind} ({sum(items.values())}):")
        for (where, what), count in items.items():
            what = what.replace("\n", "\n        ")
            lines.append(f"    - {where + ': ' if where else ''}{what}"
                         + (f"  (x{count})" if count > 1 else ""))
    return "\n".join(lines)


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
