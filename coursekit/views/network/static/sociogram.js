// coursekit sociogram: the learner's network on rings of closeness, by drag and drop.
// Shipped with the package and loaded by anywidget: no build step, no network. The kernel
// owns the data (traitlets `state`, `tray`, `status`...); every gesture is one message
// ({type, seq, ...}) answered by `status` with the same seq. Until the answer arrives the
// page shows the gesture's effect at once (an "optimistic" override), then what is stored.

const NS = "http://www.w3.org/2000/svg";
const STEP = 60;                       // world units between rings
const RINGS = 5;
const EGO_R = 20;
const INNER = 0.4;                     // the inner ring sits 1.4 steps out: room for the closest
const OUTER = (RINGS + INNER + 0.5) * STEP;  // the outer edge of the outer ring's band
const WORLD = OUTER + 34;              // half the world shown at zoom 1 (room for labels)
const TAU = Math.PI * 2;
const LABEL_PX = 12;
const MAX_LABEL = 18;
const SHAPE_TEXT = { true: "circle: inside", false: "diamond: outside", null: "square: not sure" };

function html(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) if (child) node.append(child);
  return node;
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

const polar = (r, t) => [r * Math.sin(t), -r * Math.cos(t)];
const angleOf = (x, y) => { const t = Math.atan2(x, -y); return t < 0 ? t + TAU : t; };
const ringRadius = (strength) => (RINGS + 1 - strength + INNER) * STEP;
const short = (name) => (name.length <= MAX_LABEL ? name : name.slice(0, MAX_LABEL - 1) + "…");
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function arcPath(r0, r1, a0, a1) {
  const [x0, y0] = polar(r1, a0), [x1, y1] = polar(r1, a1);
  const [x2, y2] = polar(r0, a1), [x3, y3] = polar(r0, a0);
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${x0} ${y0}A${r1} ${r1} 0 ${large} 1 ${x1} ${y1}L${x2} ${y2}` +
    `A${r0} ${r0} 0 ${large} 0 ${x3} ${y3}Z`;
}

class Sociogram {
  constructor(model, root) {
    this.born = performance.now();
    this.model = model;
    this.root = root;
    this.options = model.get("options");
    this.seq = 0;
    this.optimistic = new Map();       // id -> {strength, group} until the kernel answers
    this.selected = null;              // the person whose details show
    this.tieFrom = null;               // a tie started with the keyboard (T)
    this.view = { cx: 0, cy: 0, z: 1 };
    this.nodeEls = new Map();
    this.labelEls = new Map();
    this.pointers = new Map();
    this.focusAfter = null;
    this.build();
    const parts = () => this.stateChanged();
    this.listeners = [
      ["change:frame", parts], ["change:people", parts], ["change:placement", parts],
      ["change:ties", parts],
      ["change:tray", () => this.renderTray()],
      ["change:status", () => this.onStatus()],
      ["change:summary", () => this.renderSummary()],
      ["change:undo", () => this.renderUndo()],
      ["change:grouping", () => { this.groupingSelect.value = model.get("grouping"); }],
    ];
    for (const [event, fn] of this.listeners) model.on(event, fn);
    this.resizer = new ResizeObserver(() => this.resize());
    this.resizer.observe(this.stage);
    this.onWindow = () => this.resize();
    window.addEventListener("resize", this.onWindow);
    this.onState();
    this.renderTray();
    this.renderSummary();
    this.renderUndo();
  }

  destroy() {
    for (const [event, fn] of this.listeners) this.model.off(event, fn);
    this.resizer.disconnect();
    window.removeEventListener("resize", this.onWindow);
  }

  send(message, buffers) {
    message.seq = ++this.seq;
    this.root.dataset.busy = "true";
    this.model.send(message, undefined, buffers);
    return message.seq;
  }

  // -- the page's parts ----------------------------------------------------------------

  build() {
    const root = this.root;
    root.classList.add("ck-sg");
    const uid = "ck-sg-" + Math.random().toString(36).slice(2, 9);
    this.uid = uid;
    this.groupingSelect = html("select", { id: `${uid}-grouping`,
      onchange: () => { this.model.set("grouping", this.groupingSelect.value);
                        this.model.save_changes(); } },
      this.options.groupings.map(([key, label]) => html("option", { value: key, text: label })));
    this.groupingSelect.value = this.model.get("grouping");
    this.newGroup = html("input", { id: `${uid}-newgroup`, type: "text", maxlength: 200,
      placeholder: "e.g. MBA class", onkeydown: (e) => { if (e.key === "Enter") this.addGroup(); } });
    this.newGroupBox = html("span", { class: "ck-sg-newgroup" }, [
      html("label", { for: `${uid}-newgroup`, text: "New group" }), this.newGroup,
      html("button", { type: "button", text: "Add group", onclick: () => this.addGroup() })]);
    this.finder = html("select", { id: `${uid}-find`, onchange: () => this.findPerson() });
    const toolbar = html("div", { class: "ck-sg-toolbar" }, [
      html("span", {}, [html("label", { for: `${uid}-grouping`, text: "Sectors show" }),
                        this.groupingSelect]),
      this.newGroupBox,
      html("span", {}, [html("label", { for: `${uid}-find`, text: "Go to" }), this.finder]),
      html("span", { class: "ck-sg-zoom", role: "group", "aria-label": "Zoom" }, [
        html("button", { type: "button", text: "−", "aria-label": "Zoom out", title: "Zoom out",
                         onclick: () => this.zoom(1 / 1.4) }),
        html("button", { type: "button", text: "+", "aria-label": "Zoom in", title: "Zoom in",
                         onclick: () => this.zoom(1.4) }),
        html("button", { type: "button", text: "Fit", "aria-label": "Fit the whole map",
                         onclick: () => this.fit() })]),
    ]);

    this.svg = svgEl("svg", { class: "ck-sg-svg", role: "group",
                              "aria-describedby": `${uid}-keys` });
    this.layers = {};
    for (const name of ["bands", "hover", "ties", "ego", "nodes", "labels"]) {
      this.layers[name] = this.svg.appendChild(svgEl("g", { class: `ck-sg-${name}` }));
    }
    this.layers.hover.setAttribute("aria-hidden", "true");
    this.layers.ties.setAttribute("aria-hidden", "true");
    this.layers.labels.setAttribute("aria-hidden", "true");
    this.layers.bands.setAttribute("aria-hidden", "true");
    this.layers.ego.setAttribute("aria-hidden", "true");
    this.hoverPath = this.layers.hover.appendChild(svgEl("path", { class: "ck-sg-target" }));
    this.ghost = html("div", { class: "ck-sg-ghost", "aria-hidden": "true", hidden: true });
    this.menu = html("div", { class: "ck-sg-menu", hidden: true });
    // The tray sits along the map's lower edge, so a name and the ring it goes to are on
    // the screen together (a drag cannot scroll the page).
    this.trayFind = html("input", { id: `${uid}-trayfind`, type: "search",
      placeholder: "part of a name", oninput: () => this.findInTray() });
    this.trayList = html("ul", { class: "ck-sg-chips", "aria-label": "Names in the tray" });
    this.trayMore = html("p", { class: "ck-sg-more" });
    this.trayCount = html("span", { class: "ck-sg-count" });
    this.clearTray = html("button", { type: "button", text: "Empty the tray",
      onclick: () => this.send({ type: "tray_clear" }) });
    const strip = html("section", { class: "ck-sg-tray", "aria-labelledby": `${uid}-trayh` }, [
      html("div", { class: "ck-sg-row" }, [
        html("h3", { id: `${uid}-trayh` }, ["Tray: names to place ", this.trayCount]),
        html("span", { class: "ck-sg-hint", text: "drag one onto a ring (or focus it, press Enter)" }),
        html("span", { class: "ck-sg-push" }, [
          html("label", { for: `${uid}-trayfind`, text: "Find" }), this.trayFind]),
        this.clearTray]),
      this.trayList, this.trayMore]);
    this.stage = html("div", { class: "ck-sg-stage" }, [this.svg, this.menu, strip]);

    this.statusEl = html("div", { class: "ck-sg-status", role: "status", "aria-live": "polite" });
    this.errorEl = html("div", { class: "ck-sg-error", role: "alert" });
    this.undoButton = html("button", { type: "button", class: "ck-sg-undo", hidden: true,
                                       onclick: () => this.send({ type: "undo" }) });
    this.details = html("section", { class: "ck-sg-details", "aria-label": "The person picked" });
    this.summaryEl = html("tbody");
    const summaryTable = html("table", { class: "ck-sg-summary" }, [
      html("caption", { text: "Your measures now" }), this.summaryEl]);
    const keys = html("details", { class: "ck-sg-keys" }, [
      html("summary", { text: "Keyboard, mouse and touch" }),
      html("ul", { id: `${uid}-keys` }, [
        "Tab moves from person to person; Go to finds one.",
        "Arrow up / down: closer / farther ring. Arrow left / right: the next sector.",
        "Enter or a click: show the person; then Enter or a click on another person, or T on each, records how well the two know each other.",
        "O, P, S: operational, personal, strategic on or off (or drag onto a bin).",
        "Esc: cancel. + / − / 0: zoom in, out, fit. Drag the background to pan; pinch to zoom.",
        "In the tray: Enter puts a name on the middle ring, 1 to 5 on that ring, Delete takes it out.",
      ].map((text) => html("li", { text })))]);

    this.bins = {};
    const bins = html("section", { class: "ck-sg-binbox", "aria-labelledby": `${uid}-binh` }, [
      html("h3", { id: `${uid}-binh`, text: "Network types: drag people onto a bin" }),
      html("div", { class: "ck-sg-bins" }, this.options.types.map((type) => {
        const list = html("ul", { class: "ck-sg-chips", "aria-label": `People who are ${type}` });
        const count = html("span", { class: "ck-sg-count" });
        const bin = html("div", { class: "ck-sg-bin", "data-type": type }, [
          html("h4", {}, [html("span", { class: "ck-sg-swatch", "aria-hidden": "true",
            style: `background:${this.options.colours[type]}` }), type, " ", count]),
          list]);
        this.bins[type] = { bin, list, count };
        return bin;
      }))]);
    const side = html("aside", { class: "ck-sg-side", "aria-label": "What you did and the person picked" }, [
      this.statusEl, this.errorEl, this.undoButton, this.details, summaryTable, keys]);

    // Recall: questions, names one a line, LinkedIn's export; all land in the tray.
    this.prompt = html("select", { id: `${uid}-prompt` }, this.options.prompts.map(
      (q, k) => html("option", { value: k, text: q })));
    this.names = html("textarea", { id: `${uid}-names`, rows: 3,
                                    placeholder: "first names or initials, one a line" });
    this.fileInput = html("input", { id: `${uid}-file`, type: "file", accept: ".csv,.txt",
                                     onchange: () => this.importFile() });
    const recall = html("section", { class: "ck-sg-recall", "aria-labelledby": `${uid}-recallh` }, [
      html("h3", { id: `${uid}-recallh`, text: "Recall: who comes to mind?" }),
      html("label", { for: `${uid}-prompt`, text: "Recall question" }), this.prompt,
      html("label", { for: `${uid}-names`, text: "Names that come to mind, one a line" }),
      this.names,
      html("div", { class: "ck-sg-row" }, [
        html("button", { type: "button", class: "ck-sg-primary", text: "Put in the tray",
                         onclick: () => this.recall() }),
        html("label", { for: `${uid}-file`, class: "ck-sg-file",
                        text: "Or import LinkedIn's Connections.csv into the tray:" }), this.fileInput]),
      html("p", { class: "ck-sg-hint", text: "Names in the tray count in no measure until you place them on the map." })]);
    root.replaceChildren(toolbar, html("div", { class: "ck-sg-main" }, [this.stage, bins, side]),
                         recall, this.ghost);

    this.svg.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this.svg.addEventListener("pointermove", (e) => this.pointerMove(e));
    this.svg.addEventListener("pointerup", (e) => this.pointerUp(e));
    this.svg.addEventListener("pointercancel", (e) => this.pointerUp(e, true));
    this.svg.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    this.svg.addEventListener("keydown", (e) => this.nodeKey(e));
    this.svg.addEventListener("focusin", (e) => this.nodeFocus(e));
    this.stage.addEventListener("keydown", (e) => this.stageKey(e));
    const measure = document.createElement("canvas").getContext("2d");
    const widths = new Map();
    this.measure = (text) => {
      if (!this.fontSet) {
        measure.font = `${LABEL_PX}px ${getComputedStyle(this.svg).fontFamily || "sans-serif"}`;
        this.fontSet = true;
      }
      if (!widths.has(text)) widths.set(text, measure.measureText(text).width);
      return widths.get(text);
    };
  }

  // -- the state: layout and drawing -----------------------------------------------------

  stateChanged() {
    // The kernel sends the parts that changed in one message: draw once for all of them.
    this.assembled = null;
    if (this.stateQueued) return;
    this.stateQueued = true;
    queueMicrotask(() => { this.stateQueued = false; this.onState(); });
  }

  get state() {
    if (this.assembled) return this.assembled;
    const frame = this.model.get("frame") || {}, people = this.model.get("people") || {};
    const place = this.model.get("placement") || {}, ties = this.model.get("ties") || {};
    const ids = people.id || [];
    this.assembled = {
      grouping: frame.grouping, grouping_label: frame.grouping_label, ego: frame.ego,
      groups: frame.groups || [], rings: frame.rings || [],
      nodes: ids.map((id, k) => ({ id, name: people.name[k], organisation: people.organisation[k],
        role: people.role[k], circles: people.circles[k], strength: place.strength[k],
        group: place.group[k], inside: place.inside[k], types: place.types[k] })),
      pairs: ties.pairs || [], circle_ties: ties.circle_ties || [],
      circle_ties_total: ties.circle_ties_total || 0,
    };
    return this.assembled;
  }

  effective(node) {
    const o = this.optimistic.get(node.id);
    return o ? { ...node, ...o } : node;
  }

  onState() {
    const state = this.state;
    for (const [id, o] of this.optimistic) {  // the kernel has stored what the page showed
      const n = state.nodes.find((node) => node.id === id);
      if (!n || (n.strength === o.strength && n.group === o.group)) this.optimistic.delete(id);
    }
    this.nodes = state.nodes.map((n) => this.effective(n));
    this.index = new Map(this.nodes.map((n, k) => [n.id, k]));
    const counts = new Array(this.nodes.length).fill(0);
    for (const [i, j, w] of state.pairs) if (w > 0) { counts[i] += 1; counts[j] += 1; }
    for (const [i, j] of state.circle_ties) { counts[i] += 1; counts[j] += 1; }
    this.tieCounts = counts;
    if (this.selected && !this.index.has(this.selected)) this.selected = null;
    if (this.tieFrom && !this.index.has(this.tieFrom)) this.tieFrom = null;
    this.newGroupBox.hidden = state.grouping === "inside";
    this.svg.setAttribute("aria-label", `Your network map: you at the centre, ${plural(this.nodes.length, "person")} on rings of closeness, sectors by ${state.grouping_label || ""}`);
    this.renderFinder();
    this.draw();
    this.renderBins();
    this.renderDetails();
    this.root.dataset.renders = String(Number(this.root.dataset.renders || 0) + 1);
    if (this.focusAfter) {
      const wanted = this.focusAfter;
      const node = this.nodes.find((n) => n.name === wanted.name && !wanted.before.has(n.id));
      if (node) { this.focusAfter = null; this.focusNode(node.id); }
    }
  }

  resize() {
    const width = this.stage.clientWidth;
    if (!width) return;
    // The map, the tray under it and (on a narrow page, where they sit below) the bins
    // fit in the window together: a drag cannot scroll the page.
    const narrow = this.root.clientWidth < 760;
    const height = Math.round(Math.max(320, Math.min(width, window.innerHeight * 0.8 - (narrow ? 200 : 110), 760)));
    if (height !== this.height || width !== this.width) {
      this.width = width; this.height = height;
      this.svg.setAttribute("width", width);
      this.svg.setAttribute("height", height);
      this.draw();
    }
  }

  baseScale() { return Math.min(this.width || 600, this.height || 600) / (2 * WORLD); }

  applyView() {
    const W = this.width || 600, H = this.height || 600, z = this.view.z;
    const k = this.baseScale() * z;               // screen px per world unit
    this.scale = k;
    const vw = W / k, vh = H / k;
    this.viewBox = [this.view.cx - vw / 2, this.view.cy - vh / 2, vw, vh];
    this.svg.setAttribute("viewBox", this.viewBox.join(" "));
  }

  nodePx() {
    const n = this.nodes.length;
    return n <= 40 ? 7 : n <= 200 ? 5.5 : 3.5;
  }

  layout() {
    const state = this.state, nodes = this.nodes, n = nodes.length;
    const groups = state.groups, G = groups.length;
    const counts = new Array(G).fill(0);
    for (const node of nodes) counts[node.group] += 1;
    const weights = counts.map((c) => (G > 1 ? c + Math.max(1, 0.06 * n) : 1));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    let start = 0;
    this.sectors = groups.map((g, k) => {
      const span = (weights[k] / total) * TAU;
      const sector = { ...g, a0: start, a1: start + span };
      start += span;
      return sector;
    });
    const base = this.baseScale();
    const spacing = (2 * this.nodePx() + 4) / base;
    const cells = new Map();
    nodes.forEach((node, k) => {
      const key = node.group * 10 + node.strength;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(k);
    });
    const pos = new Array(n);
    const ringClear = {};
    for (const ring of state.rings) {
      const r = ringRadius(ring.strength);
      ringClear[ring.strength] = (this.measure(ring.label) * 0.9 / 2 + 6) / base / r;
    }
    for (const [key, members] of cells) {
      const g = Math.floor(key / 10), s = key % 10, r = ringRadius(s);
      const sector = this.sectors[g];
      members.sort((a, b) => nodes[a].name.localeCompare(nodes[b].name));
      const pad = Math.min((sector.a1 - sector.a0) * 0.08, 10 / r);
      let lo = sector.a0 + (G > 1 ? pad : 0), hi = sector.a1 - (G > 1 ? pad : 0);
      const clear = ringClear[s];
      const wide = Math.max(lo, clear) < Math.min(hi, TAU - clear) &&
        Math.min(hi, TAU - clear) - Math.max(lo, clear) > 0.4 * (hi - lo);
      if (wide) { lo = Math.max(lo, clear); hi = Math.min(hi, TAU - clear); }
      const arc = (hi - lo) * r;
      const fit = Math.max(1, Math.floor(arc / spacing));
      const maxRows = Math.max(1, Math.floor((STEP * 0.84) / spacing));
      const rows = Math.min(maxRows, Math.ceil(members.length / fit));
      const perRow = Math.ceil(members.length / rows);
      members.forEach((k, m) => {
        const row = m % rows, slot = Math.floor(m / rows);
        const frac = (slot + 0.5 + (rows > 1 ? (row % 2) * 0.5 : 0)) / perRow;
        const t = lo + Math.min(frac, 0.999) * (hi - lo);
        const rr = r + (row - (rows - 1) / 2) * Math.min(spacing, (STEP * 0.84) / rows);
        pos[k] = polar(rr, t);
      });
    }
    this.pos = pos;
  }

  draw() {
    if (!this.width) return;
    this.applyView();
    this.layout();
    this.drawBands();
    this.drawTies();
    this.drawNodes();
    this.placeLabels();
    if (!this.root.dataset.firstDraw) {
      // How long the first complete drawing took (benchmarks/bench_network.py reads it).
      const measure = performance.measure("ck-sociogram-first-draw", { start: this.born });
      this.root.dataset.firstDraw = measure.duration.toFixed(1);
    }
  }

  drawBands() {
    const layer = this.layers.bands, state = this.state, k = this.scale;
    const parts = [];
    for (let ring = RINGS; ring >= 1; ring -= 1) {
      parts.push(svgEl("circle", { r: (ring + INNER + 0.5) * STEP, class: ring % 2 ? "ck-sg-band odd" : "ck-sg-band" }));
    }
    for (let ring = 1; ring <= RINGS; ring += 1) {
      parts.push(svgEl("circle", { r: (ring + INNER) * STEP, class: "ck-sg-ring" }));
    }
    if (this.sectors.length > 1) {
      for (const s of this.sectors) {
        const [x0, y0] = polar(EGO_R + 6, s.a0), [x1, y1] = polar(OUTER, s.a0);
        parts.push(svgEl("line", { x1: x0, y1: y0, x2: x1, y2: y1, class: "ck-sg-divider" }));
      }
    }
    const text = (x, y, words, cls, anchor = "middle") => {
      const t = svgEl("text", { transform: `translate(${x} ${y}) scale(${1 / k})`, class: cls,
                                "text-anchor": anchor, "dominant-baseline": "middle" });
      t.textContent = words;
      return t;
    };
    for (const ring of state.rings) {
      parts.push(text(0, -ringRadius(ring.strength), ring.label, "ck-sg-ringlabel"));
    }
    const [vx, vy, vw, vh] = this.viewBox;
    this.sectors.forEach((s, g) => {
      // Each sector's name and count just outside the outer ring, kept inside the view.
      const mid = (s.a0 + s.a1) / 2, sin = Math.sin(mid), cos = Math.cos(mid);
      const count = this.nodes.filter((n) => n.group === g).length;
      const label = `${short(s.label)} (${count})`;
      const width = (this.measure(label) * 1.1 + 8) / k, half = 9 / k;
      let [x, y] = polar(OUTER + 6 / k * 2, mid);
      const anchor = Math.abs(sin) < 0.3 ? "middle" : sin > 0 ? "start" : "end";
      const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
      const shift = Math.max(0, vx + 4 / k - left) - Math.max(0, left + width - (vx + vw - 4 / k));
      x += shift;
      if (Math.abs(sin) < 0.3) y += cos > 0 ? -half : half;
      y = Math.min(Math.max(y, vy + half + 2 / k), vy + vh - half - 2 / k);
      parts.push(text(x, y, label, "ck-sg-sectorlabel", anchor));
    });
    const ego = svgEl("g", { class: "ck-sg-ego", transform: `scale(${1 / k})` });
    const disc = svgEl("circle", { r: 17 });
    ego.append(disc);
    const egoText = svgEl("text", { "text-anchor": "middle", "dominant-baseline": "middle" });
    egoText.textContent = state.ego || "You";
    ego.append(egoText);
    this.layers.ego.replaceChildren(ego);
    // The disc grows to hold the learner's whole name (0 while the map is not drawn yet).
    disc.setAttribute("r", Math.max(17, egoText.getComputedTextLength() / 2 + 5));
    layer.replaceChildren(...parts);
  }

  drawTies() {
    // Ties from circles: one light path. Pairs the learner recorded: one line each, with
    // its two people and strength (0, "they do not know each other", shows only beside
    // the person picked). The ties of the person picked are drawn over the rest. Elements
    // are kept and only what changed is written.
    const state = this.state, pos = this.pos, layer = this.layers.ties, ids = this.nodes.map((n) => n.id);
    const seg = (i, j) => {
      const a = pos[i], b = pos[j];
      return a && b ? `M${a[0].toFixed(1)} ${a[1].toFixed(1)}L${b[0].toFixed(1)} ${b[1].toFixed(1)}` : "";
    };
    if (!this.circlePath) {
      this.circlePath = layer.appendChild(svgEl("path", { class: "ck-sg-tie circle" }));
      this.minePath = svgEl("path", { class: "ck-sg-tie mine" });
      this.pairEls = new Map();
    }
    const sel = this.selected !== null ? this.index.get(this.selected) : -1;
    const circleD = state.circle_ties.map(([i, j]) => seg(i, j)).join("");
    if (this.circleD !== circleD) { this.circleD = circleD; this.circlePath.setAttribute("d", circleD); }
    let mine = "";
    if (sel >= 0) for (const [i, j] of state.circle_ties) if (i === sel || j === sel) mine += seg(i, j);
    const seen = new Set(), onTop = [];
    for (const [i, j, w] of state.pairs) {
      const a = pos[i], b = pos[j];
      if (!a || !b) continue;
      const key = `${ids[i]}|${ids[j]}`;
      seen.add(key);
      let line = this.pairEls.get(key);
      if (!line) { line = layer.insertBefore(svgEl("line", {}), this.minePath.parentNode ? this.minePath : null); this.pairEls.set(key, line); }
      const touches = i === sel || j === sel;
      const sig = `${a[0].toFixed(1)} ${a[1].toFixed(1)} ${b[0].toFixed(1)} ${b[1].toFixed(1)} ${w} ${touches}`;
      if (touches) onTop.push(line);
      if (line.ckSig === sig) continue;
      line.ckSig = sig;
      line.setAttribute("x1", a[0].toFixed(1)); line.setAttribute("y1", a[1].toFixed(1));
      line.setAttribute("x2", b[0].toFixed(1)); line.setAttribute("y2", b[1].toFixed(1));
      line.setAttribute("class", `ck-sg-tie ck-sg-pair ${w > 0 ? `w${w}` : "zero"}${touches && w > 0 ? " mine" : ""}`);
      line.dataset.a = ids[i]; line.dataset.b = ids[j]; line.dataset.strength = w;
      if (w === 0 && !touches) line.setAttribute("display", "none"); else line.removeAttribute("display");
    }
    for (const [key, line] of this.pairEls) if (!seen.has(key)) { line.remove(); this.pairEls.delete(key); }
    for (const line of onTop) layer.append(line);
    this.minePath.setAttribute("d", mine);
    if (mine) layer.append(this.minePath); else this.minePath.remove();
  }

  pointFor(strength, key) {
    // Where a ring of a sector is on the screen (client pixels): for tests and benchmarks.
    const g = this.state.groups.findIndex((group) => group.key === key);
    const s = this.sectors[g];
    const [x, y] = polar(ringRadius(strength), (s.a0 + s.a1) / 2);
    const r = this.svg.getBoundingClientRect();
    return [r.left + (x - this.viewBox[0]) * this.scale, r.top + (y - this.viewBox[1]) * this.scale];
  }

  fill(node) {
    const colours = this.options.colours, types = node.types || [];
    return types.length === 0 ? colours.unknown : types.length === 1 ? colours[types[0]] : colours.mixed;
  }

  describe(node) {
    const group = (this.state.groups[node.group] || {}).label || "";
    const closeness = this.options.closeness[String(node.strength)].split(":")[0];
    const types = node.types.length ? node.types.join(", ") : "no network type yet";
    const ties = this.tieCount(node.id);
    return `${node.name}: ${closeness} (${node.strength}), ${group}; ${types}; ${plural(ties, "tie")}`;
  }

  tieCount(id) { return this.tieCounts[this.index.get(id)] || 0; }

  drawNodes() {
    const layer = this.layers.nodes, k = 1 / this.scale, px = this.nodePx();
    const seen = new Set();
    this.nodes.forEach((node, idx) => {
      seen.add(node.id);
      let g = this.nodeEls.get(node.id);
      if (!g) {
        g = svgEl("g", { class: "ck-sg-node", tabindex: 0, role: "button", "data-id": node.id });
        g.append(svgEl("circle", { class: "ck-sg-halo", r: px + 5 }));
        layer.append(g);
        this.nodeEls.set(node.id, g);
      }
      const [x, y] = this.pos[idx];
      const inside = node.inside === true ? "in" : node.inside === false ? "out" : "unknown";
      const group = (this.state.groups[node.group] || {}).key ?? "";
      const label = this.describe(node);
      // Only what changed is written: a drop moves a few people, not 1,500.
      const sig = [x.toFixed(2), y.toFixed(2), k, inside, px, this.fill(node), node.strength, group,
        node.name, label, this.selected === node.id, this.tieFrom === node.id,
        this.optimistic.has(node.id)].join("|");
      if (g.ckSig === sig) return;
      g.ckSig = sig;
      g.setAttribute("transform", `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${k})`);
      if (g.dataset.shape !== `${inside}:${px}`) {
        const old = g.querySelector(".ck-sg-shape");
        if (old) old.remove();
        const shape = inside === "in" ? svgEl("circle", { r: px })
          : inside === "out" ? svgEl("rect", { x: -px, y: -px, width: 2 * px, height: 2 * px, transform: "rotate(45) scale(0.86)" })
            : svgEl("rect", { x: -px * 0.88, y: -px * 0.88, width: 1.76 * px, height: 1.76 * px });
        shape.classList.add("ck-sg-shape");
        g.append(shape);
        g.querySelector(".ck-sg-halo").setAttribute("r", px + 5);
        g.dataset.shape = `${inside}:${px}`;
      }
      g.querySelector(".ck-sg-shape").setAttribute("fill", this.fill(node));
      g.dataset.strength = node.strength;
      g.dataset.group = group;
      g.dataset.name = node.name;
      g.setAttribute("aria-label", label);
      g.setAttribute("aria-pressed", this.selected === node.id ? "true" : "false");
      g.classList.toggle("selected", this.selected === node.id);
      g.classList.toggle("tiefrom", this.tieFrom === node.id);
      g.classList.toggle("pending", this.optimistic.has(node.id));
    });
    for (const [id, g] of this.nodeEls) {
      if (!seen.has(id)) { g.remove(); this.nodeEls.delete(id); }
    }
  }

  placeLabels() {
    // Greedy placement in screen pixels: the selected and closest people first; a label
    // that would cover another label or a dot is not drawn (the name stays in the dot's
    // accessible name and shows when focused, or after zooming in).
    const layer = this.layers.labels, k = this.scale, [vx, vy, vw, vh] = this.viewBox;
    const px = this.nodePx(), cell = 48, grid = new Map();
    const boxes = [];
    const keyOf = (cx, cy) => `${cx},${cy}`;
    const add = (box) => {
      boxes.push(box);
      for (let cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx += 1)
        for (let cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy += 1) {
          const key = keyOf(cx, cy);
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(box);
        }
    };
    const hits = (box) => {
      for (let cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx += 1)
        for (let cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy += 1)
          for (const other of grid.get(keyOf(cx, cy)) || [])
            if (box[0] < other[2] && box[2] > other[0] && box[1] < other[3] && box[3] > other[1]) return true;
      return false;
    };
    const screen = this.nodes.map((_, i) => [(this.pos[i][0] - vx) * k, (this.pos[i][1] - vy) * k]);
    screen.forEach(([x, y]) => add([x - px - 1, y - px - 1, x + px + 1, y + px + 1]));
    for (const t of this.svg.querySelectorAll(".ck-sg-ringlabel, .ck-sg-sectorlabel, .ck-sg-ego")) {
      const b = t.getBBox ? this.screenBox(t) : null;
      if (b) add(b);
    }
    const order = this.nodes.map((_, i) => i);
    const focused = this.root.querySelector(".ck-sg-node:focus");
    const focusId = focused ? focused.dataset.id : null;
    const rank = (n) => (n.id === this.selected || n.id === focusId ? 100 : 0) + n.strength * 2 +
      (n.types.includes("strategic") ? 1 : 0);
    order.sort((a, b) => rank(this.nodes[b]) - rank(this.nodes[a]) ||
      this.nodes[a].name.localeCompare(this.nodes[b].name));
    const W = this.width, H = this.height, h = LABEL_PX + 2;
    const shown = new Set();
    const place = new Map();
    for (const i of order) {
      const [x, y] = screen[i];
      if (x < -20 || y < -20 || x > W + 20 || y > H + 20) continue;
      const node = this.nodes[i], text = short(node.name), w = this.measure(text) + 2;
      const gap = px + 3;
      const candidates = [[x + gap, y - h / 2, "start"], [x - gap - w, y - h / 2, "end"],
        [x - w / 2, y - gap - h, "middle"], [x - w / 2, y + gap, "middle"]];
      for (const [bx, by, anchor] of candidates) {
        const box = [bx, by, bx + w, by + h];
        if (box[0] < 0 || box[2] > W || box[1] < 0 || box[3] > H) continue;
        if (hits(box)) continue;
        add(box);
        shown.add(node.id);
        place.set(node.id, { box, anchor, text });
        break;
      }
    }
    const seen = new Set();
    for (const node of this.nodes) {
      seen.add(node.id);
      let t = this.labelEls.get(node.id);
      const spot = place.get(node.id);
      if (!spot) { if (t && !t.hasAttribute("display")) { t.setAttribute("display", "none"); t.ckSig = null; } continue; }
      if (!t) { t = svgEl("text", { class: "ck-sg-label" }); layer.append(t); this.labelEls.set(node.id, t); }
      if (t.hasAttribute("display")) t.removeAttribute("display");
      const [bx, by] = spot.box;
      const wx = vx + (bx + (spot.anchor === "start" ? 1 : spot.anchor === "end" ? (spot.box[2] - bx) - 1 : (spot.box[2] - bx) / 2)) / k;
      const wy = vy + (by + h / 2) / k;
      const sig = `${wx.toFixed(2)} ${wy.toFixed(2)} ${k} ${spot.anchor} ${spot.text}`;
      if (t.ckSig === sig) continue;
      t.ckSig = sig;
      t.setAttribute("transform", `translate(${wx.toFixed(2)} ${wy.toFixed(2)}) scale(${1 / k})`);
      t.setAttribute("text-anchor", spot.anchor);
      t.setAttribute("dominant-baseline", "central");
      t.setAttribute("data-id", node.id);
      if (t.textContent !== spot.text) t.textContent = spot.text;
    }
    for (const [id, t] of this.labelEls) if (!seen.has(id)) { t.remove(); this.labelEls.delete(id); }
    this.root.dataset.labels = String(shown.size);
  }

  screenBox(element) {
    const r = element.getBoundingClientRect(), s = this.svg.getBoundingClientRect();
    if (!r.width) return null;
    return [r.left - s.left, r.top - s.top, r.right - s.left, r.bottom - s.top];
  }

  // -- zoom and pan ----------------------------------------------------------------------

  zoom(factor, at) {
    const z = Math.min(12, Math.max(0.6, this.view.z * factor));
    if (at) {  // keep the world point under the pointer where it is
      const f = this.view.z / z;
      this.view.cx = at[0] + (this.view.cx - at[0]) * f;
      this.view.cy = at[1] + (this.view.cy - at[1]) * f;
    }
    this.view.z = z;
    this.draw();
  }

  fit() { this.view = { cx: 0, cy: 0, z: 1 }; this.draw(); }

  toWorld(clientX, clientY) {
    const r = this.svg.getBoundingClientRect();
    return [this.viewBox[0] + (clientX - r.left) / this.scale,
            this.viewBox[1] + (clientY - r.top) / this.scale];
  }

  wheel(e) {
    if (!(e.ctrlKey || e.metaKey)) return;   // plain scrolling scrolls the page
    e.preventDefault();
    this.zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, this.toWorld(e.clientX, e.clientY));
  }

  // -- where a drop lands ----------------------------------------------------------------

  target(clientX, clientY) {
    const under = document.elementFromPoint(clientX, clientY);
    const bin = under && under.closest && under.closest(".ck-sg-bin");
    if (bin && this.root.contains(bin)) return { kind: "bin", type: bin.dataset.type, el: bin };
    const r = this.svg.getBoundingClientRect();
    if (clientX < r.left || clientX > r.right || clientY < r.top || clientY > r.bottom) return null;
    const [x, y] = this.toWorld(clientX, clientY);
    const dist = Math.hypot(x, y);
    if (dist > OUTER + STEP * 0.35) return null;
    const ring = Math.min(RINGS, Math.max(1, Math.round(dist / STEP - INNER)));
    const t = angleOf(x, y);
    const g = Math.max(0, this.sectors.findIndex((s) => t >= s.a0 && t < s.a1));
    return { kind: "ring", strength: RINGS + 1 - ring, group: g, ring };
  }

  showTarget(target) {
    for (const { bin } of Object.values(this.bins)) bin.classList.toggle("over", !!target && target.el === bin);
    if (!target || target.kind !== "ring") { this.hoverPath.setAttribute("d", ""); return; }
    const s = this.sectors[target.group];
    const r0 = target.ring === 1 ? EGO_R : (target.ring + INNER - 0.5) * STEP;
    const r1 = (target.ring + INNER + 0.5) * STEP;
    this.hoverPath.setAttribute("d", arcPath(r0, r1, s.a0, Math.min(s.a1, s.a0 + TAU - 1e-4)));
    const closeness = this.options.closeness[String(target.strength)].split(":")[0];
    this.ghostHint.textContent = `${closeness}, ${s.label}`;
  }

  // -- pointer gestures on the map -------------------------------------------------------

  nearest(clientX, clientY) {
    // The person whose dot is nearest the pointer, within a finger's reach: dots can sit
    // closer than a finger is wide, so the nearest centre wins, not the dot drawn last.
    const [x, y] = this.toWorld(clientX, clientY);
    const reach = Math.max(14, this.nodePx() + 6) / this.scale;
    let best = null, bestD = reach * reach;
    this.pos.forEach(([px, py], k) => {
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d <= bestD) { bestD = d; best = this.nodes[k].id; }
    });
    return best ? this.nodeEls.get(best) : null;
  }

  pointerDown(e) {
    if (e.button !== undefined && e.button > 0) return;
    const g = this.nearest(e.clientX, e.clientY);
    this.svg.setPointerCapture(e.pointerId);
    this.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (this.pointers.size === 2 && this.drag && this.drag.kind === "pan") {
      const [a, b] = [...this.pointers.values()];
      this.drag = { kind: "pinch", dist: Math.hypot(a[0] - b[0], a[1] - b[1]), z: this.view.z };
      return;
    }
    if (g) {
      e.preventDefault();
      this.drag = { kind: "node", id: g.dataset.id, x: e.clientX, y: e.clientY, moved: false };
    } else {
      this.drag = { kind: "pan", x: e.clientX, y: e.clientY, cx: this.view.cx, cy: this.view.cy, moved: false };
    }
  }

  pointerMove(e) {
    const drag = this.drag;
    if (!drag) return;
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (drag.kind === "pinch") {
      const [a, b] = [...this.pointers.values()];
      if (!b) return;
      this.view.z = Math.min(12, Math.max(0.6, drag.z * Math.hypot(a[0] - b[0], a[1] - b[1]) / drag.dist));
      this.draw();
      return;
    }
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 5) return;
    drag.moved = true;
    if (drag.kind === "pan") {
      this.view.cx = drag.cx - dx / this.scale;
      this.view.cy = drag.cy - dy / this.scale;
      this.draw();
      return;
    }
    const g = this.nodeEls.get(drag.id), node = this.nodes[this.index.get(drag.id)];
    if (!g || !node) return;
    const [x, y] = this.toWorld(e.clientX, e.clientY);
    g.setAttribute("transform", `translate(${x} ${y}) scale(${1 / this.scale})`);
    g.ckSig = null;
    g.classList.add("dragging");
    this.moveGhost(e.clientX, e.clientY, node.name);
    this.showTarget(this.target(e.clientX, e.clientY));
  }

  pointerUp(e, cancelled = false) {
    const drag = this.drag;
    this.pointers.delete(e.pointerId);
    if (this.svg.hasPointerCapture && this.svg.hasPointerCapture(e.pointerId)) this.svg.releasePointerCapture(e.pointerId);
    if (!drag) return;
    if (drag.kind === "pinch") { if (this.pointers.size === 0) this.drag = null; return; }
    this.drag = null;
    this.hideGhost();
    this.showTarget(null);
    if (drag.kind === "pan") { if (!drag.moved && !cancelled) this.clearSelection(); return; }
    const g = this.nodeEls.get(drag.id);
    if (g) g.classList.remove("dragging");
    if (cancelled) { this.draw(); return; }
    if (!drag.moved) { this.clickNode(drag.id); return; }
    this.dropNode(drag.id, this.target(e.clientX, e.clientY));
  }

  dropNode(id, target) {
    const node = this.nodes[this.index.get(id)];
    if (!node) return;
    if (!target) {
      this.say("Drop a person on a ring of the map, or on a bin of network types.");
      this.draw();
      return;
    }
    if (target.kind === "bin") {
      this.draw();
      this.send({ type: "type", id, network_type: target.type, on: true });
      return;
    }
    this.moveTo(node, target.strength, target.group);
  }

  moveTo(node, strength, group) {
    const groups = this.state.groups;
    const original = this.state.nodes[this.index.get(node.id)];
    if (strength === node.strength && group === node.group) { this.draw(); return; }
    this.optimistic.set(node.id, { strength, group });
    this.onState();
    this.send({ type: "move", id: node.id, strength, group: groups[group].key,
                from_group: groups[original.group].key });
  }

  moveGhost(clientX, clientY, name) {
    if (this.ghost.hidden) {
      this.ghost.hidden = false;
      this.ghost.replaceChildren(html("b", { text: short(name) }), (this.ghostHint = html("span")));
    }
    const r = this.root.getBoundingClientRect();
    this.ghost.style.left = `${clientX - r.left + 14}px`;
    this.ghost.style.top = `${clientY - r.top + 14}px`;
  }

  hideGhost() { this.ghost.hidden = true; }

  // -- picking people and ties -----------------------------------------------------------

  clickNode(id) {
    const from = this.tieFrom || this.selected;
    if (from && from !== id) { this.openTieMenu(from, id); return; }
    if (this.selected === id && !this.tieFrom) { this.clearSelection(); return; }
    this.select(id);
  }

  select(id) {
    this.selected = id;
    this.tieFrom = null;
    this.drawTies();
    this.drawNodes();
    this.renderDetails();
    if (id) {
      const node = this.nodes[this.index.get(id)];
      this.say(`${node.name} picked. Click another person (or Enter on them) to record how well the two know each other; Esc to stop.`);
    }
  }

  clearSelection() {
    if (!this.selected && !this.tieFrom) return;
    this.selected = null;
    this.tieFrom = null;
    this.closeMenu(false);
    this.drawTies();
    this.drawNodes();
    this.renderDetails();
    this.say("Nobody picked.");
  }

  pairStrength(a, b) {
    const i = this.index.get(a), j = this.index.get(b);
    for (const [x, y, w] of this.state.pairs) if ((x === i && y === j) || (x === j && y === i)) return w;
    return null;
  }

  openTieMenu(a, b) {
    const A = this.nodes[this.index.get(a)], B = this.nodes[this.index.get(b)];
    const current = this.pairStrength(a, b);
    const title = html("p", { id: `${this.uid}-menuh`, class: "ck-sg-menutitle",
      text: `${A.name} and ${B.name}: how well do they know each other?` });
    const items = this.options.ties.map((words, w) => html("button", {
      type: "button", role: "menuitemradio", "aria-checked": current === w ? "true" : "false",
      tabindex: -1, text: `${w}: ${words}`, "data-strength": w,
      onclick: () => this.chooseTie(a, b, w) }));
    if (current !== null) {
      items.push(html("button", { type: "button", role: "menuitem", tabindex: -1,
        text: "Forget this pair (their circles apply again)", "data-action": "untie",
        onclick: () => { this.closeMenu(); this.send({ type: "untie", a, b }); } }));
    }
    items.push(html("button", { type: "button", role: "menuitem", tabindex: -1,
      text: `Show ${short(B.name)} instead`, onclick: () => { this.closeMenu(false); this.select(b); this.focusNode(b); } }));
    items.push(html("button", { type: "button", role: "menuitem", tabindex: -1, text: "Cancel",
      onclick: () => this.closeMenu() }));
    const list = html("div", { role: "menu", "aria-labelledby": `${this.uid}-menuh` }, items);
    list.addEventListener("keydown", (e) => this.menuKey(e, items, a, b));
    this.menu.replaceChildren(title, list);
    this.menu.hidden = false;
    this.menuFor = b;
    const [x, y] = this.pos[this.index.get(b)];
    const left = (x - this.viewBox[0]) * this.scale, top = (y - this.viewBox[1]) * this.scale;
    const W = this.stage.clientWidth;
    this.menu.style.left = `${Math.max(4, Math.min(left + 14, W - 290))}px`;
    this.menu.style.top = `${Math.max(4, Math.min(top - 20, (this.height || 500) - 300))}px`;
    const first = items[current ?? 0] || items[0];
    first.tabIndex = 0;
    first.focus();
    this.say(`${A.name} and ${B.name}: choose how well they know each other.`);
  }

  menuKey(e, items, a, b) {
    const at = items.indexOf(document.activeElement);
    let next = null;
    if (e.key === "ArrowDown") next = (at + 1) % items.length;
    else if (e.key === "ArrowUp") next = (at - 1 + items.length) % items.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = items.length - 1;
    else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.closeMenu(); return; }
    else if (/^[0-5]$/.test(e.key)) { e.preventDefault(); this.chooseTie(a, b, Number(e.key)); return; }
    else if (e.key === "Tab") { e.preventDefault(); next = (at + (e.shiftKey ? -1 : 1) + items.length) % items.length; }
    if (next !== null) {
      e.preventDefault();
      e.stopPropagation();
      items.forEach((item, k) => { item.tabIndex = k === next ? 0 : -1; });
      items[next].focus();
    }
  }

  chooseTie(a, b, strength) {
    this.closeMenu();
    this.tieFrom = null;
    this.send({ type: "tie", a, b, strength });
  }

  closeMenu(refocus = true) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.menu.replaceChildren();
    if (refocus && this.menuFor) this.focusNode(this.menuFor);
    this.menuFor = null;
  }

  focusNode(id) {
    const g = this.nodeEls.get(id);
    if (g) g.focus();
  }

  nodeFocus(e) {
    const g = e.target.closest && e.target.closest(".ck-sg-node");
    if (!g) return;
    const idx = this.index.get(g.dataset.id);
    if (idx === undefined) return;
    // A person reached by keyboard outside the view: bring them into it.
    const [x, y] = this.pos[idx], [vx, vy, vw, vh] = this.viewBox;
    if (x < vx || x > vx + vw || y < vy || y > vy + vh) { this.view.cx = x; this.view.cy = y; this.draw(); }
    else this.placeLabels();
  }

  // -- keys --------------------------------------------------------------------------------

  nodeKey(e) {
    const g = e.target.closest && e.target.closest(".ck-sg-node");
    if (!g) return;
    const id = g.dataset.id, node = this.nodes[this.index.get(id)];
    if (!node) return;
    const G = this.state.groups.length;
    const key = e.key;
    if (key === "ArrowUp" || key === "ArrowDown") {
      e.preventDefault();
      const strength = Math.min(5, Math.max(1, node.strength + (key === "ArrowUp" ? 1 : -1)));
      if (strength !== node.strength) this.moveTo(node, strength, node.group);
      else this.say(key === "ArrowUp" ? "Already on the inner ring." : "Already on the outer ring.");
    } else if (key === "ArrowLeft" || key === "ArrowRight") {
      e.preventDefault();
      if (G > 1) this.moveTo(node, node.strength, (node.group + (key === "ArrowRight" ? 1 : G - 1)) % G);
    } else if (key === "Enter" || key === " ") {
      e.preventDefault();
      this.clickNode(id);
    } else if (key === "t" || key === "T") {
      e.preventDefault();
      const from = this.tieFrom || this.selected;
      if (from && from !== id) this.openTieMenu(from, id);
      else {
        this.selected = id;
        this.tieFrom = id;
        this.drawNodes();
        this.renderDetails();
        this.say(`Tie from ${node.name}: go to the other person and press T (or Enter). Esc cancels.`);
      }
    } else if ("opsOPS".includes(key) && key.length === 1) {
      e.preventDefault();
      const type = { o: "operational", p: "personal", s: "strategic" }[key.toLowerCase()];
      this.send({ type: "type", id, network_type: type, on: !node.types.includes(type) });
    } else if (key === "Escape") {
      this.clearSelection();
    }
  }

  stageKey(e) {
    if (e.target.closest && e.target.closest(".ck-sg-menu")) return;
    if (e.key === "+" || e.key === "=") { e.preventDefault(); this.zoom(1.4); }
    else if (e.key === "-") { e.preventDefault(); this.zoom(1 / 1.4); }
    else if (e.key === "0") { e.preventDefault(); this.fit(); }
  }

  say(text) {
    this.statusEl.textContent = text;
    this.errorEl.textContent = "";
  }

  onStatus() {
    const status = this.model.get("status") || {};
    if (status.kind === "error") { this.errorEl.textContent = status.text; this.statusEl.textContent = ""; }
    else { this.statusEl.textContent = status.text || ""; this.errorEl.textContent = ""; }
    this.root.dataset.ack = String(status.seq || 0);
    if ((status.seq || 0) >= this.seq) {
      this.root.dataset.busy = "false";
      if (this.optimistic.size) {  // refused: show what is stored
        this.optimistic.clear();
        this.onState();
      }
    }
  }

  // -- the side panel ----------------------------------------------------------------------

  renderFinder() {
    const keep = this.finder.value;
    const key = this.nodes.map((n) => `${n.id}\u0000${n.name}`).join("\u0001");
    if (key === this.finderKey) return;
    this.finderKey = key;
    const sorted = [...this.nodes].sort((a, b) => a.name.localeCompare(b.name));
    // The empty choice says what the list is for, in words: "Choose one of 6 people".
    const prompt = sorted.length === 0 ? "No one on the map yet"
      : sorted.length === 1 ? "Choose the one person on the map"
        : `Choose one of ${sorted.length} people`;
    this.finder.replaceChildren(html("option", { value: "", text: prompt }),
      ...sorted.map((n) => html("option", { value: n.id, text: n.name })));
    this.finder.value = this.index.has(keep) ? keep : "";
  }

  findPerson() {
    const id = this.finder.value;
    if (!id) return;
    this.select(id);
    this.focusNode(id);
  }

  renderDetails() {
    const id = this.selected, box = this.details;
    if (!id) {
      box.dataset.id = "";
      box.replaceChildren(html("h3", { text: "Nobody picked" }),
        html("p", { text: "Click a person (or Tab to them and press Enter) to see them here. Drag people onto rings and sectors; drag names from the tray below onto the map." }));
      return;
    }
    const node = this.nodes[this.index.get(id)];
    if (box.dataset.id === id && box.contains(document.activeElement)) { this.fillDetails(node); return; }
    box.dataset.id = id;
    const uid = this.uid;
    const edit = (changes) => this.send({ type: "edit", id, changes });
    const name = html("input", { id: `${uid}-dname`, type: "text", maxlength: 200,
      onchange: () => edit({ name: name.value }) });
    const strength = html("select", { id: `${uid}-dstrength`, onchange: () => edit({ strength: Number(strength.value) }) },
      Object.entries(this.options.closeness).reverse().map(([k, words]) => html("option", { value: k, text: `${k}: ${words}` })));
    const inside = html("select", { id: `${uid}-dinside`, onchange: () => edit({ inside: inside.value }) }, [
      html("option", { value: "inside", text: "inside my organisation" }),
      html("option", { value: "outside", text: "outside my organisation" }),
      html("option", { value: "", text: "not sure" })]);
    const types = this.options.types.map((type) => html("input", { type: "checkbox", id: `${uid}-dt-${type}`,
      onchange: (e) => this.send({ type: "type", id, network_type: type, on: e.target.checked }) }));
    this.detailControls = { name, strength, inside, types, facts: html("p", { class: "ck-sg-facts" }),
                            ties: html("ul", { class: "ck-sg-ties" }) };
    box.replaceChildren(
      html("h3", { text: "The person picked" }),
      html("label", { for: name.id, text: "Name" }), name,
      html("label", { for: strength.id, text: "Closeness (ring)" }), strength,
      html("label", { for: inside.id, text: "Works" }), inside,
      html("fieldset", {}, [html("legend", { text: "Network types" }),
        ...types.map((box, k) => html("span", { class: "ck-sg-check" }, [box,
          html("label", { for: box.id, text: this.options.types[k] })]))]),
      this.detailControls.facts, this.detailControls.ties,
      html("button", { type: "button", class: "ck-sg-remove", text: "Remove from my network",
        onclick: () => { this.selected = null; this.send({ type: "remove", id }); } }),
      html("p", { class: "ck-sg-hint", text: "Seniority, sector, function, last real talk and notes: the person form (step 3)." }));
    this.fillDetails(node);
  }

  fillDetails(node) {
    const c = this.detailControls, active = document.activeElement;
    if (c.name !== active) c.name.value = node.name;
    if (c.strength !== active) c.strength.value = String(node.strength);
    if (c.inside !== active) c.inside.value = node.inside === true ? "inside" : node.inside === false ? "outside" : "";
    c.types.forEach((box, k) => { box.checked = node.types.includes(this.options.types[k]); });
    const facts = [node.organisation, node.role, node.circles.length ? `circles: ${node.circles.join(", ")}` : ""].filter(Boolean);
    c.facts.textContent = facts.join(" · ");
    const k = this.index.get(node.id), names = [];
    for (const [i, j, w] of this.state.pairs) {
      if (i === k || j === k) names.push(`${this.nodes[i === k ? j : i].name}: ${w} (${this.options.ties[w]})`);
    }
    const inCircles = this.state.circle_ties.filter(([i, j]) => i === k || j === k).length;
    c.ties.replaceChildren(...names.slice(0, 12).map((text) => html("li", { text })),
      ...(names.length > 12 ? [html("li", { text: `and ${names.length - 12} more pairs` })] : []),
      ...(inCircles ? [html("li", { text: `${plural(inCircles, "tie")} through circles` })] : []));
  }

  renderSummary() {
    const rows = this.model.get("summary") || [];
    this.summaryEl.replaceChildren(...rows.map(([label, value]) =>
      html("tr", {}, [html("th", { scope: "row", text: label }), html("td", { text: value })])));
  }

  renderUndo() {
    const name = this.model.get("undo");
    this.undoButton.hidden = !name;
    this.undoButton.textContent = name ? `Undo: bring back ${short(name)}` : "";
  }

  renderBins() {
    const key = this.nodes.map((n) => `${n.id}\u0000${n.name}\u0000${n.types.join()}`).join("\u0001");
    if (key === this.binsKey) return;
    this.binsKey = key;
    for (const type of this.options.types) {
      const { list, count } = this.bins[type];
      const people = this.nodes.filter((n) => n.types.includes(type)).sort((a, b) => a.name.localeCompare(b.name));
      count.textContent = `(${people.length})`;
      list.replaceChildren(...people.map((n) => html("li", {}, [
        html("span", { text: short(n.name) }),
        html("button", { type: "button", class: "ck-sg-x", text: "×", title: `Take ${n.name} out of ${type}`,
          "aria-label": `Take ${n.name} out of ${type}`,
          onclick: () => this.send({ type: "type", id: n.id, network_type: type, on: false }) })])));
    }
  }

  // -- the tray ----------------------------------------------------------------------------

  renderTray() {
    const tray = this.model.get("tray") || { entries: [], total: 0 };
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.tray : null;
    this.trayCount.textContent = `(${tray.all ?? tray.total})`;
    this.clearTray.disabled = !(tray.all ?? tray.total);
    this.trayList.replaceChildren(...tray.entries.map((entry) => {
      const hint = [entry.inside === true ? "inside" : entry.inside === false ? "outside" : "",
                    entry.organisation, ...(entry.types || [])].filter(Boolean).join(", ");
      const chip = html("button", { type: "button", class: "ck-sg-chip", "data-tray": entry.id,
        "aria-label": `${entry.name}${hint ? ` (${hint})` : ""}: press Enter to put on the map, Delete to take out`,
        title: entry.source || "" }, [html("span", { text: short(entry.name) })]);
      chip.addEventListener("pointerdown", (e) => this.chipDown(e, chip, entry));
      chip.addEventListener("pointermove", (e) => this.chipMove(e));
      chip.addEventListener("pointerup", (e) => this.chipUp(e, entry));
      chip.addEventListener("pointercancel", () => { this.chipDrag = null; this.hideGhost(); this.showTarget(null); });
      chip.addEventListener("keydown", (e) => this.chipKey(e, entry));
      return html("li", {}, [chip, html("button", { type: "button", class: "ck-sg-x", tabindex: -1,
        text: "×", title: `Take ${entry.name} out of the tray`, "aria-label": `Take ${entry.name} out of the tray`,
        onclick: () => this.send({ type: "tray_remove", ids: [entry.id] }) })]);
    }));
    const more = tray.total - tray.entries.length;
    this.trayMore.textContent = more > 0 ? `and ${more} more: type part of a name in Find to see them.` : "";
    const want = this.focusTray ?? focusedId;
    if (want !== null && want !== undefined) {
      const chip = this.trayList.querySelector(`[data-tray="${want}"]`);
      if (chip) { chip.focus(); this.focusTray = null; }
    }
  }

  chipDown(e, chip, entry) {
    if (e.button !== undefined && e.button > 0) return;
    chip.setPointerCapture(e.pointerId);
    this.chipDrag = { entry, x: e.clientX, y: e.clientY, moved: false };
  }

  chipMove(e) {
    const drag = this.chipDrag;
    if (!drag) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < 5) return;
    drag.moved = true;
    e.preventDefault();
    this.moveGhost(e.clientX, e.clientY, drag.entry.name);
    const target = this.target(e.clientX, e.clientY);
    this.showTarget(target && target.kind === "ring" ? target : null);
  }

  chipUp(e, entry) {
    const drag = this.chipDrag;
    this.chipDrag = null;
    this.hideGhost();
    this.showTarget(null);
    if (!drag || !drag.moved) return;
    const target = this.target(e.clientX, e.clientY);
    if (!target || target.kind !== "ring") {
      this.say("Drop the name on a ring of the map to put them in your network.");
      return;
    }
    this.place(entry, target.strength, target.group, false);
  }

  place(entry, strength, group, focus) {
    const key = this.state.groups[group] ? this.state.groups[group].key : null;
    if (focus) this.focusAfter = { name: entry.name, before: new Set(this.nodes.map((n) => n.id)) };
    this.send({ type: "place", tray: entry.id, strength, group: key });
  }

  hintGroup(entry) {
    const groups = this.state.groups;
    if (this.state.grouping === "inside") {
      const key = entry.inside === true ? "inside" : entry.inside === false ? "outside" : "unknown";
      return groups.findIndex((g) => g.key === key);
    }
    return groups.length - 1;  // "no circle / sector / function"
  }

  chipKey(e, entry) {
    const strength = e.key === "Enter" || e.key === " " ? 3 : /^[1-5]$/.test(e.key) ? Number(e.key) : null;
    if (strength !== null) {
      e.preventDefault();
      this.place(entry, strength, this.hintGroup(entry), true);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      const chips = [...this.trayList.querySelectorAll(".ck-sg-chip")];
      const at = chips.findIndex((c) => c.dataset.tray === String(entry.id));
      const next = chips[at + 1] || chips[at - 1];
      this.focusTray = next ? next.dataset.tray : null;
      this.send({ type: "tray_remove", ids: [entry.id] });
    }
  }

  recall() {
    const text = this.names.value;
    if (!text.trim()) { this.errorEl.textContent = "Type at least one name (one a line) first."; this.names.focus(); return; }
    this.send({ type: "recall", text, prompt: Number(this.prompt.value) });
    this.names.value = "";
  }

  importFile() {
    const file = this.fileInput.files && this.fileInput.files[0];
    if (!file) return;
    this.say(`Reading ${file.name}…`);
    file.arrayBuffer().then((data) => {
      this.send({ type: "import", name: file.name }, [data]);
      this.fileInput.value = "";
    });
  }

  findInTray() {
    clearTimeout(this.findTimer);
    this.findTimer = setTimeout(() => {
      this.model.set("tray_find", this.trayFind.value);
      this.model.save_changes();
    }, 200);
  }

  addGroup() {
    const name = this.newGroup.value.trim();
    if (!name) { this.errorEl.textContent = "Type the new group's name first."; this.newGroup.focus(); return; }
    this.send({ type: "group", name });
    this.newGroup.value = "";
  }
}

export default {
  render({ model, el }) {
    const app = new Sociogram(model, el);
    el.ckSociogram = app;  // tests and benchmarks find points on the map through it
    return () => app.destroy();
  },
};
