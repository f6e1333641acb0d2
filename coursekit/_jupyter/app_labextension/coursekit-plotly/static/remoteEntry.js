/*
 * coursekit's plotly renderer for app pages (Voila): each figure drawn once, when near.
 *
 * The renderer that comes with plotly (jupyterlab-plotly) draws every figure three times
 * (Plotly.react, then Plotly.redraw on an update request it posts itself, then
 * Plotly.toImage for a PNG copy it writes back into the output, and so to the kernel), and
 * its 4.8 MB chunk is fetched and parsed on every page, figures or not
 * (benchmarks/bench_browser.py). This one
 * - loads plotly.js (the copy in the learner's plotly package, which coursekit.app serves
 *   next to this file) when the page's first figure comes into view, not before: a page
 *   whose figures are further down is ready without it (a figure's height is kept free
 *   meanwhile, with its title and that it is being drawn, so nothing moves). Evaluating
 *   plotly.js holds the page's one thread for 0.8 s on a 2-core machine; paid at once, it
 *   held up the learner typing into a page's first fields (benchmarks/bench_browser.py);
 * - once plotly.js is there, draws each figure as it comes, once;
 * - redraws only when the figure's width changes, and writes nothing back;
 * - a figure that cannot be drawn says so in its place.
 *
 * It is a webpack module-federation container written by hand: Voila loads this script,
 * calls init() with the page's shared modules (Lumino's Widget comes from there) and
 * get("./mimeExtension") for the renderer. coursekit.app puts it on Voila's labextension
 * path and keeps jupyterlab-plotly off app pages; JupyterLab keeps plotly's own renderer.
 */
(function () {
  "use strict";
  const NAME = "coursekit-plotly";
  const MIME = "application/vnd.plotly.v1+json";
  const HERE = document.currentScript.src.replace(/[^/]*$/, "");
  let plotlyLoading = null;
  let extension = null;

  function loadPlotly() {
    if (plotlyLoading === null) {
      plotlyLoading = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = HERE + "plotly.min.js";
        script.async = true;
        script.onload = () => (window.Plotly ? resolve(window.Plotly)
          : reject(new Error("plotly.js loaded but defined no Plotly")));
        script.onerror = () => reject(new Error("plotly.js could not be loaded"));
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  function highestVersion(versions) {
    const key = v => v.split(/[.-]/).slice(0, 3).map(n => parseInt(n, 10) || 0);
    return Object.keys(versions).filter(v => v.startsWith("2.")).sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    }).pop();
  }

  // What shows in a figure's place until it is drawn: its title, and that it is coming.
  function placeholder(layout) {
    const title = layout.title && typeof layout.title === "object" ? layout.title.text
      : layout.title;
    const words = String(title || "").replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "")
      .trim();
    const wait = document.createElement("div");
    wait.className = "ck-chart-wait";
    wait.style.cssText = "box-sizing:border-box;height:100%;display:flex;align-items:center;"
      + "justify-content:center;padding:1em;border:1px dashed #b8b8b8;background:#f7f7f7;"
      + "color:#4a4a4a;font-size:var(--jp-ui-font-size1,14px);text-align:center";
    wait.textContent = words ? words + " (the chart is being drawn\u2026)"
      : "The chart is being drawn\u2026";
    return wait;
  }

  function makeExtension(Widget) {
    class PlotlyRenderer extends Widget {
      // aria-busy until drawn; .ck-RenderedPlotly.js-plotly-plot once drawn (plotly's class).
      constructor(options) {
        super();
        this.addClass("jp-RenderedPlotly");
        this.addClass("ck-RenderedPlotly");
        this._mimeType = options.mimeType;
        this._spec = null;
        this._near = false;
        this._nearby = null;
        this._drawnWidth = 0;
        this._plotly = null;
        this._resized = new ResizeObserver(() => this._draw());
        this._resized.observe(this.node);
      }

      renderModel(model) {
        const spec = model.data[this._mimeType] || {};
        // A copy: the output's own data stays as the kernel sent it.
        const layout = Object.assign({}, spec.layout);
        if (!layout.height) {
          layout.height = 360;  // as plotly's renderer: a figure without a height
        }
        this._spec = {data: spec.data || [], layout: layout, config: spec.config || {}};
        this._drawnWidth = 0;
        // Its place kept until drawn, saying what comes there. A height, not a min-height:
        // output areas lay their outputs out as table cells, which have no min-height.
        this.node.style.height = layout.height + "px";
        if (!this.node.classList.contains("js-plotly-plot")) {
          this.node.replaceChildren(placeholder(layout));
        }
        this.node.setAttribute("aria-busy", "true");
        if (this._near || plotlyLoading !== null) {
          return this._start();  // once plotly.js is on the page, a figure costs little
        }
        this._watchNearby();
        return Promise.resolve();
      }

      // Draw when in view of the page's scrolling box.
      _watchNearby() {
        if (this._nearby || this._near || this.isDisposed) {
          return;
        }
        if (!this.node.isConnected) {
          requestAnimationFrame(() => this._watchNearby());
          return;
        }
        // The box that scrolls (in Voila, the page's cells): the nearest that can scroll
        // and has more to show than fits. Output areas may scroll too, but they grow.
        let box = this.node.parentElement;
        while (box && !(/(auto|scroll)/.test(getComputedStyle(box).overflowY)
                        && box.scrollHeight > box.clientHeight)) {
          box = box.parentElement;
        }
        this._nearby = new IntersectionObserver(entries => {
          if (entries.some(entry => entry.isIntersecting) && !this._near) {
            this._near = true;
            this._nearby.disconnect();
            this._start();
          }
        }, {root: box});
        this._nearby.observe(this.node);
      }

      _start() {
        return loadPlotly().then(Plotly => {
          this._plotly = Plotly;
          this._draw();
        }, error => this._fail(error));
      }

      _draw() {
        const width = this.node.clientWidth;
        if (this.isDisposed || !this._plotly || !this._spec || width === 0
            || width === this._drawnWidth) {
          return;
        }
        const first = this._drawnWidth === 0;
        this._drawnWidth = width;
        const {data, layout, config} = this._spec;
        const waiting = this.node.querySelector(":scope > .ck-chart-wait");
        if (waiting) {
          waiting.remove();
        }
        const drawing = first ? this._plotly.react(this.node, data, layout, config)
          : this._plotly.Plots.resize(this.node);
        Promise.resolve(drawing).then(() => {
          this.node.style.height = "";  // the drawing's own height from now on
          this.node.removeAttribute("aria-busy");
        }, error => this._fail(error));
      }

      _fail(error) {
        console.error("coursekit: a chart could not be drawn", error);
        const note = document.createElement("p");
        note.setAttribute("role", "alert");
        note.className = "ck-chart-error";
        note.textContent = "The chart could not be drawn (" + (error && error.message || error)
          + "). Reload the page; if it stays, tell your instructor.";
        this.node.replaceChildren(note);
        this.node.style.height = "";
        this.node.removeAttribute("aria-busy");
      }

      dispose() {
        if (this.isDisposed) {
          return;
        }
        this._resized.disconnect();
        if (this._nearby) {
          this._nearby.disconnect();
        }
        if (this._plotly) {
          this._plotly.purge(this.node);
        }
        super.dispose();
      }
    }

    return {
      id: "coursekit-plotly:renderer",
      description: "Draws plotly figures once each (coursekit app pages).",
      rendererFactory: {safe: true, mimeTypes: [MIME], createRenderer: o => new PlotlyRenderer(o)},
      rank: 1,
      dataType: "json",
    };
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init(shareScope) {
      const versions = shareScope["@lumino/widgets"] || {};
      const version = highestVersion(versions);
      if (!version) {
        return Promise.reject(new Error(NAME + ": the page shares no @lumino/widgets 2"));
      }
      return Promise.resolve(versions[version].get()).then(factory => {
        extension = makeExtension(factory().Widget);
      });
    },
    get(module) {
      if (module !== "./mimeExtension" || extension === null) {
        return Promise.reject(new Error(NAME + ": no module " + module));
      }
      return Promise.resolve(() => ({__esModule: true, default: extension}));
    },
  };
})();
