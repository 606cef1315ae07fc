// The illc QBAF viewer. Reads the QBAF document (the json renderer's illc-qbaf format, embedded in
// <script type="application/json" id="qbaf">) and the page settings (<script id="illc-page">:
// {"edgeQuantile": q} or {"topK": k}, and an optional "summary": {"spec": ..., "metrics": ...}),
// and draws the QBAF on one <canvas>: layers from inputs (left) to outputs (right), supports green,
// attacks red, edge width proportional to |weight|.
//
// Why a canvas: the largest networks of the paper give about 200 000 edges, far too many DOM or
// SVG elements. Edges are drawn as a few batched paths (one per colour and width class) and only
// the argument or edge under the mouse is looked up: arguments by their grid position, edges by a
// scan of the shown edges into the layer gap under the mouse.
//
// window.illcViewer holds the page's state for people and tests: counts, the first-paint time,
// errors, and a few actions (select, setFilter, screenPosition).
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';

const T0 = performance.now();

const SUPPORT = '#1a9850';
const ATTACK = '#d73027';
const ACCENT = '#0969da';
const KIND_FILL = { input: '#9ecae1', cluster: '#d9d9d9', output: '#fdae6b' };
const KIND_STROKE = { input: '#2171b5', cluster: '#525252', output: '#d94801' };
/** Up to this many shown edges are drawn as curves; more as straight lines, which draw faster. */
const CURVE_LIMIT = 4000;
/** Labels of a layer appear once its arguments are this many screen pixels apart. */
const LABEL_SPACING = 11;
const FADED_ALPHA = 0.13;
const HIT_SLOP = 4;
const MAX_NODE_RADIUS = 10;

const status = {
  ready: false,
  arguments: 0,
  drawnArguments: 0,
  visibleArguments: 0,
  edges: 0,
  visibleEdges: 0,
  mode: 'quantile',
  threshold: null,
  selected: null,
  local: false,
  summary: false,
  firstDrawMs: null,
  firstPaintMs: null,
  firstPaintSinceNavigationMs: null,
  timings: {},
  errors: [],
};
window.illcViewer = status;
window.addEventListener('error', (e) => status.errors.push(String(e.message)));

// ---------------------------------------------------------------------------------------------
// Numbers

/** Four significant digits, as the dot renderer's labels. */
function brief(v) {
  if (v === null || v === undefined) {
    return '–';
  }
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(v.toPrecision(4))) : v.toExponential(3).replace(/\.?0+e/, 'e');
  return s;
}

/** The exact value: JavaScript's shortest round-trip form, as written in the JSON document. */
function exact(v) {
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// The model: arguments, layers and edges as typed arrays

/**
 * The unit-free strength s of every edge (docs/qbaf.md), as the dot renderer computes it: for an edge
 * out of input feature f, |weight × σ_f| in a global QBAF (σ from features.json) and |weight × x_f| at
 * the explained row of a local one; |weight| for every other edge, and for all of them when σ is not known.
 */
function strengthScales(doc, features) {
  const scale = new Map();
  const inputs = doc.arguments.filter((a) => a.kind === 'input');
  if (doc.local) {
    inputs.forEach((a, i) => scale.set(a.id, Math.abs(doc.local.featureValues[i])));
    return { scale, measure: '|weight × value| for input edges, |weight| for the others' };
  }
  const std = features && features.std && typeof features.std === 'object' ? features.std : null;
  if (std) {
    for (const a of inputs) {
      if (typeof std[a.id] === 'number') {
        scale.set(a.id, Math.abs(std[a.id]));
      }
    }
    return { scale, measure: '|weight × σ| for input edges (σ: the feature\'s standard deviation), |weight| for the others' };
  }
  return { scale, measure: '|weight|' };
}

function buildModel(doc, features) {
  const { scale, measure } = strengthScales(doc, features);
  const args = doc.arguments;
  const count = args.length;
  const index = new Map();
  let layerCount = 0;
  args.forEach((a, i) => {
    index.set(a.id, i);
    layerCount = Math.max(layerCount, a.layer + 1);
  });
  const layers = Array.from({ length: layerCount }, () => []);
  const layerOf = new Int32Array(count);
  args.forEach((a, i) => {
    layerOf[i] = a.layer;
    layers[a.layer].push(i);
  });

  const edgeCount = doc.edges.length;
  const src = new Int32Array(edgeCount);
  const tgt = new Int32Array(edgeCount);
  const weight = new Float64Array(edgeCount);
  const mag = new Float64Array(edgeCount);
  doc.edges.forEach((e, i) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) {
      throw new Error(`edge ${i} (${e.source} -> ${e.target}) names an unknown argument`);
    }
    src[i] = s;
    tgt[i] = t;
    weight[i] = e.weight;
    mag[i] = Math.abs(e.weight) * (scale.has(e.source) ? scale.get(e.source) : 1);
  });

  // Strongest first; among equal |weight| the earlier edge first, as the dot renderer's topK. A
  // filter keeps a prefix of this order, or of the per-layer orders (the same order split by the
  // layer of the edge's target).
  const order = new Uint32Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    order[i] = i;
  }
  order.sort((a, b) => mag[b] - mag[a] || a - b);
  const edgeLayer = new Int32Array(edgeCount);
  const perLayerCount = new Int32Array(layerCount);
  for (let e = 0; e < edgeCount; e++) {
    edgeLayer[e] = layerOf[tgt[e]];
    perLayerCount[edgeLayer[e]]++;
  }
  const layerOrders = Array.from(perLayerCount, (n) => new Uint32Array(n));
  const fill = new Int32Array(layerCount);
  for (let j = 0; j < edgeCount; j++) {
    const e = order[j];
    layerOrders[edgeLayer[e]][fill[edgeLayer[e]]++] = e;
  }

  const incoming = adjacency(count, edgeCount, tgt);
  return { args, count, index, layers, layerOf, edgeCount, src, tgt, weight, mag, order, edgeLayer, layerOrders, measure,
    incoming, outgoing: adjacency(count, edgeCount, src), path: pathsToOutputs(args, incoming, src, mag) };
}

/**
 * The edges of the strongest-edge path back from every output to an input, as the dot renderer
 * draws them: from the output, the strongest incoming edge (ties: the earlier edge) whose source an
 * input reaches, until an input.
 */
function pathsToOutputs(args, incoming, src, mag) {
  const reached = new Uint8Array(args.length);
  args.forEach((a, i) => {
    if (a.kind === 'input') {
      reached[i] = 1;
      return;
    }
    for (let p = incoming.start[i]; p < incoming.start[i + 1]; p++) {
      if (reached[src[incoming.ids[p]]]) {
        reached[i] = 1;
        break;
      }
    }
  });
  const path = [];
  args.forEach((a, o) => {
    if (a.kind !== 'output' || !reached[o]) {
      return;
    }
    let at = o;
    for (;;) {
      let best = -1;
      for (let p = incoming.start[at]; p < incoming.start[at + 1]; p++) {
        const e = incoming.ids[p];
        if (reached[src[e]] && (best < 0 || mag[e] > mag[best])) {
          best = e;
        }
      }
      if (best < 0) {
        break;
      }
      path.push(best);
      at = src[best];
    }
  });
  return path;
}

/** Edge ids grouped by argument (compressed sparse rows): the edges of a are ids[start[a] .. start[a+1]). */
function adjacency(count, edgeCount, end) {
  const start = new Int32Array(count + 1);
  for (let e = 0; e < edgeCount; e++) {
    start[end[e] + 1]++;
  }
  for (let a = 0; a < count; a++) {
    start[a + 1] += start[a];
  }
  const fill = start.slice(0, count);
  const ids = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    ids[fill[end[e]]++] = e;
  }
  return { start, ids };
}

/**
 * The q-quantile of |weight| over the edges {@code strongest} (sorted strongest first) with linear
 * interpolation (numpy's default), exactly as the dot renderer computes it: the value at position
 * q·(E−1) of the ascending list.
 */
function quantileThreshold(mag, strongest, q) {
  const n = strongest.length;
  const asc = (j) => mag[strongest[n - 1 - j]];
  const position = q * (n - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, n - 1);
  const fraction = position - lo;
  if (fraction === 0) {
    return asc(lo);
  }
  return Math.min(asc(lo) + fraction * (asc(hi) - asc(lo)), asc(hi));
}

/** How many of {@code strongest} (sorted strongest first) have |weight| >= threshold. */
function countAtLeast(mag, strongest, threshold) {
  let lo = 0;
  let hi = strongest.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mag[strongest[mid]] >= threshold) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Width classes: an edge is drawn 0.5 + 4.5·|w|/max|w| px wide (as the dot renderer), rounded to a class. */
const WIDTH_CLASSES = 12;

/**
 * The edges a filter keeps, grouped for drawing.
 *
 * @param filter {mode: 'quantile' | 'topk', value: q in [0, 1] or K >= 1, perLayer: boolean}; per layer,
 *     the quantile or K applies to the edges into each layer on its own, and widths are relative to
 *     the strongest shown edge into the same layer
 * @return {count, shown (1 per shown edge), key (per shown edge: its group), groups: edge ids ordered by width class (weak first),
 *     then attacks before supports, groupStart: where group 2·class + (support ? 1 : 0) starts,
 *     thresholds: per layer (or one) |weight| threshold, null for top K}
 */
function computeFilter(model, filter) {
  const prefixes = [];
  const thresholds = [];
  for (const strongest of filter.perLayer ? model.layerOrders : [model.order]) {
    let n = 0;
    let threshold = null;
    if (strongest.length > 0) {
      if (filter.mode === 'topk') {
        n = Math.min(strongest.length, filter.value);
      } else {
        threshold = quantileThreshold(model.mag, strongest, filter.value);
        n = countAtLeast(model.mag, strongest, threshold);
      }
    }
    prefixes.push(strongest.subarray(0, n));
    thresholds.push(threshold);
  }
  // The path to every output is always shown: its edges join the group of their layer (or the one group).
  const inPrefix = new Uint8Array(model.edgeCount);
  for (const prefix of prefixes) {
    for (let j = 0; j < prefix.length; j++) {
      inPrefix[prefix[j]] = 1;
    }
  }
  let pathEdges = 0;
  const extra = prefixes.map(() => []);
  for (const e of model.path) {
    if (!inPrefix[e]) {
      inPrefix[e] = 1;
      extra[filter.perLayer ? model.edgeLayer[e] : 0].push(e);
      pathEdges++;
    }
  }
  for (let g = 0; g < prefixes.length; g++) {
    if (extra[g].length > 0) {
      const merged = Uint32Array.from([...prefixes[g], ...extra[g]]);
      merged.sort((a, b) => model.mag[b] - model.mag[a] || a - b);
      prefixes[g] = merged;
    }
  }
  const shown = new Uint8Array(model.edgeCount);
  const key = new Uint8Array(model.edgeCount);
  const groupStart = new Int32Array(2 * WIDTH_CLASSES + 1);
  let count = 0;
  for (const prefix of prefixes) {
    const max = prefix.length > 0 && model.mag[prefix[0]] > 0 ? model.mag[prefix[0]] : 1;
    for (let j = 0; j < prefix.length; j++) {
      const e = prefix[j];
      const c = Math.min(WIDTH_CLASSES - 1, Math.floor((model.mag[e] / max) * WIDTH_CLASSES));
      key[e] = 2 * c + (model.weight[e] > 0 ? 1 : 0);
      shown[e] = 1;
      groupStart[key[e] + 1]++;
      count++;
    }
  }
  for (let g = 0; g < 2 * WIDTH_CLASSES; g++) {
    groupStart[g + 1] += groupStart[g];
  }
  const groups = new Uint32Array(count);
  const fill = groupStart.slice(0, 2 * WIDTH_CLASSES);
  for (const prefix of prefixes) {
    for (let j = 0; j < prefix.length; j++) {
      groups[fill[key[prefix[j]]]++] = prefix[j];
    }
  }
  return { count, shown, key, groups, groupStart, thresholds, pathEdges };
}

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only through textContent: labels come from user data)

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') {
      node.className = v;
    } else if (k === 'title') {
      node.title = v;
    } else if (k === 'onclick') {
      node.addEventListener('click', v);
    } else {
      node.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c !== null && c !== undefined) {
      node.append(c instanceof Node ? c : String(c));
    }
  }
  return node;
}

function row(name, value, title) {
  return el('tr', {}, el('th', {}, name), el('td', title ? { title } : {}, value));
}

// ---------------------------------------------------------------------------------------------
// The viewer

function start() {
  let mark = performance.now();
  const doc = JSON.parse(document.getElementById('qbaf').textContent);
  const page = JSON.parse(document.getElementById('illc-page').textContent) || {};
  status.timings.parse = performance.now() - mark;
  mark = performance.now();
  const features = page.features && typeof page.features === 'object' ? page.features : null;
  const attribution = page.attribution && typeof page.attribution === 'object' ? page.attribution : null;
  const classLabels = page.classLabels && typeof page.classLabels === 'object' ? page.classLabels : {};
  const model = buildModel(doc, features);
  status.timings.model = performance.now() - mark;
  status.measure = model.measure;
  status.features = features !== null;
  status.attribution = attribution !== null;
  const local = doc.local || null;
  /** What a reader sees for a class name: its label from the data (benign for "0"), else the name. */
  const className = (name) => (typeof classLabels[name] === 'string' ? classLabels[name] : name);
  const probabilistic = ['softmax', 'sigmoid'].includes(doc.activations[doc.activations.length - 1]);

  const stage = document.getElementById('stage');
  const canvas = document.getElementById('graph');
  const ctx = canvas.getContext('2d', { alpha: false });
  const tooltip = document.getElementById('tooltip');
  const slider = document.getElementById('slider');
  const modeSelect = document.getElementById('mode');
  const perLayerBox = document.getElementById('per-layer');

  status.arguments = model.count;
  status.edges = model.edgeCount;
  status.local = local !== null;

  const view = {
    width: 0,
    height: 0,
    dpr: 1,
    transform: zoomIdentity,
    x: new Float64Array(model.count),
    y: new Float64Array(model.count),
    layerX: [],
    layerTop: [],
    spacing: [],
    radius: [],
    left: 0,
    step: 1,
    filter: { mode: 'quantile', value: 0.8, perLayer: true },
    sizeBy: null,
    shown: null,
    edgeScale: 1,
    degree: new Int32Array(model.count),
    selected: -1,
    hoverNode: -1,
    hoverEdge: -1,
    pending: false,
  };

  // ------------------------------------------------------------------ layout
  function labelWidth(indices) {
    ctx.font = '11px system-ui, sans-serif';
    let w = 0;
    for (const i of indices) {
      w = Math.max(w, ctx.measureText(labelText(i)).width);
    }
    return Math.min(220, w);
  }

  function layout() {
    const layerCount = model.layers.length;
    const left = 22 + (layerCount > 0 ? labelWidth(model.layers[0]) : 0);
    const right = 22 + (layerCount > 1 ? labelWidth(model.layers[layerCount - 1]) : 0);
    const top = 34;
    const bottom = 26;
    const usableW = Math.max(40, view.width - left - right);
    const usableH = Math.max(40, view.height - top - bottom);
    view.left = left;
    view.step = layerCount > 1 ? usableW / (layerCount - 1) : 0;
    for (let l = 0; l < layerCount; l++) {
      const members = model.layers[l];
      const spacing = Math.min(34, usableH / Math.max(1, members.length));
      const x = layerCount > 1 ? left + l * view.step : left + usableW / 2;
      const first = top + (usableH - spacing * (members.length - 1)) / 2;
      view.layerX[l] = x;
      view.layerTop[l] = first;
      view.spacing[l] = spacing;
      view.radius[l] = Math.max(1.6, Math.min(8, spacing * 0.33));
      members.forEach((a, i) => {
        view.x[a] = x;
        view.y[a] = first + i * spacing;
      });
    }
  }

  function resize() {
    const box = stage.getBoundingClientRect();
    view.width = Math.max(1, Math.floor(box.width));
    view.height = Math.max(1, Math.floor(box.height));
    view.dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(view.width * view.dpr);
    canvas.height = Math.round(view.height * view.dpr);
    layout();
  }

  // ------------------------------------------------------------------ the edge filter
  /** The largest K that still changes the picture: all edges, or all edges into the fullest layer. */
  function maxK() {
    return view.filter.perLayer ? Math.max(1, ...model.layerOrders.map((o) => o.length)) : Math.max(1, model.edgeCount);
  }

  /** Slider positions 0..1000: the quantile × 1000, or K on a log scale from 1 to maxK(). */
  function sliderPosition() {
    const f = view.filter;
    if (f.mode === 'topk') {
      const n = maxK();
      return n <= 1 ? 1000 : Math.round(1000 * Math.log(Math.min(f.value, n)) / Math.log(n));
    }
    return Math.round(f.value * 1000);
  }

  function fromSlider() {
    const v = Number(slider.value) / 1000;
    view.filter.value = view.filter.mode === 'topk' ? Math.max(1, Math.round(Math.pow(maxK(), v))) : v;
  }

  function applyFilter() {
    const f = view.filter;
    const started = performance.now();
    view.shown = computeFilter(model, f);
    const shown = view.shown;
    view.degree.fill(0);
    for (let j = 0; j < shown.count; j++) {
      const e = shown.groups[j];
      view.degree[model.src[e]]++;
      view.degree[model.tgt[e]]++;
    }
    let visible = 0;
    for (let a = 0; a < model.count; a++) {
      if (view.degree[a] > 0) {
        visible++;
      }
    }
    Object.assign(status, {
      mode: f.mode,
      perLayer: f.perLayer,
      filterValue: f.value,
      threshold: f.perLayer ? null : shown.thresholds[0],
      thresholds: shown.thresholds,
      visibleEdges: shown.count,
      visibleArguments: visible,
    });
    status.timings.filter = performance.now() - started;

    status.pathEdges = shown.pathEdges;
    const scope = f.perLayer ? ' into each layer' : '';
    let rule;
    if (f.mode === 'topk') {
      rule = el('span', {}, `keep the ${f.value.toLocaleString('en')} strongest edges${scope}`);
    } else if (!f.perLayer && shown.thresholds[0] !== null) {
      rule = el('span', { title: `threshold ${exact(shown.thresholds[0])}` },
        `keep s ≥ ${brief(shown.thresholds[0])}, the ${f.value.toFixed(3)} quantile`);
    } else {
      rule = el('span', {}, `keep s ≥ the ${f.value.toFixed(3)} quantile${scope}`);
    }
    const faded = model.count - visible;
    document.getElementById('filter-readout').replaceChildren(rule,
      shown.pathEdges > 0 ? ` (+${shown.pathEdges} on the strongest path to each output)` : '', el('br'),
      `${shown.count.toLocaleString('en')} of ${model.edgeCount.toLocaleString('en')} edges shown; `
      + `${faded.toLocaleString('en')} of ${model.count.toLocaleString('en')} arguments faded for want of one`);
    document.getElementById('width-note').textContent = f.perLayer ? 'width ∝ s within a layer' : 'width ∝ s';
    view.hoverEdge = -1;
    if (view.selected >= 0) {
      showDetails(view.selected);
    }
    requestDraw();
  }

  /** Sets the filter from page settings or a test: {edgeQuantile} or {topK}, and perLayer. */
  function setFilter(settings) {
    const topK = settings.topK !== undefined && settings.topK !== null;
    view.filter = {
      mode: topK ? 'topk' : 'quantile',
      value: topK ? Math.max(1, Math.floor(settings.topK))
        : settings.edgeQuantile === undefined || settings.edgeQuantile === null ? 0.8 : settings.edgeQuantile,
      perLayer: Boolean(settings.perLayer),
    };
    modeSelect.value = view.filter.mode;
    perLayerBox.checked = view.filter.perLayer;
    slider.value = String(sliderPosition());
    applyFilter();
  }

  // ------------------------------------------------------------------ drawing
  function requestDraw() {
    if (!view.pending) {
      view.pending = true;
      requestAnimationFrame(() => {
        view.pending = false;
        draw();
      });
    }
  }

  /** An argument's radius in graph units: grows with the zoom up to MAX_NODE_RADIUS screen pixels. */
  function nodeRadius(layer) {
    return Math.min(view.radius[layer], MAX_NODE_RADIUS / view.transform.k);
  }

  /** Opacity of the edges when `drawn` of them are painted: the more, the fainter. */
  function edgeAlpha(drawn) {
    return drawn <= 300 ? 0.85 : Math.max(0.12, 0.85 * Math.sqrt(300 / drawn));
  }

  /**
   * Screen pixels per width unit when `drawn` edges are painted: 1 up to about 1500, less beyond. Thousands of wide
   * translucent strokes are slow to paint (software canvas) and merge into one blot anyway; lines
   * under a pixel are painted as fast hairlines whose strength still follows |weight|.
   */
  function widthScale(drawn) {
    return Math.min(1, Math.sqrt(1500 / Math.max(1, drawn)));
  }

  function edgePath(e, curved) {
    const s = model.src[e];
    const t = model.tgt[e];
    const x1 = view.x[s];
    const y1 = view.y[s];
    const x2 = view.x[t];
    const y2 = view.y[t];
    ctx.moveTo(x1, y1);
    if (curved) {
      const mx = (x1 + x2) / 2;
      ctx.bezierCurveTo(mx, y1, mx, y2, x2, y2);
    } else {
      ctx.lineTo(x2, y2);
    }
  }

  function isIncident(e, a) {
    return model.src[e] === a || model.tgt[e] === a;
  }

  /** The width of a shown edge in screen pixels: 0.5 + 4.5·|w|/max over its normalisation group. */
  function edgeWidth(e) {
    const c = Math.floor(view.shown.key[e] / 2);
    return view.edgeScale * (0.5 + 4.5 * (c + 0.5) / WIDTH_CLASSES);
  }

  /** Whether edge e can cross the screen: its layer gap is in view and it does not pass wholly above or below. */
  function onScreen(e, t) {
    const s = model.src[e];
    const d = model.tgt[e];
    const x1 = t.applyX(view.x[s]);
    const x2 = t.applyX(view.x[d]);
    if (x2 < 0 || x1 > view.width) {
      return false;
    }
    const y1 = t.applyY(view.y[s]);
    const y2 = t.applyY(view.y[d]);
    return !((y1 < 0 && y2 < 0) || (y1 > view.height && y2 > view.height));
  }

  function drawEdges(k) {
    const { shown } = view;
    if (shown.count === 0) {
      return;
    }
    const curved = shown.count <= CURVE_LIMIT;
    const selected = view.selected;
    const t = view.transform;
    // Zoomed in, many edges are off the screen: skip them rather than paint them, and let width and
    // opacity follow how many are on it.
    const cull = t.k > 1.5;
    let onScreenCount = shown.count;
    if (cull) {
      onScreenCount = 0;
      for (let p = 0; p < shown.count; p++) {
        if (onScreen(shown.groups[p], t)) {
          onScreenCount++;
        }
      }
    }
    const alpha = edgeAlpha(onScreenCount) * (selected >= 0 ? 0.35 : 1);
    const scale = widthScale(onScreenCount);
    view.edgeScale = scale;
    ctx.lineCap = 'butt';
    ctx.globalAlpha = alpha;
    // Weak edges first, so strong ones lie on top.
    for (let g = 0; g < 2 * WIDTH_CLASSES; g++) {
      const from = shown.groupStart[g];
      const to = shown.groupStart[g + 1];
      if (from === to) {
        continue;
      }
      const width = scale * (0.5 + 4.5 * (Math.floor(g / 2) + 0.5) / WIDTH_CLASSES);
      ctx.lineWidth = width / k;
      ctx.strokeStyle = g % 2 === 1 ? SUPPORT : ATTACK;
      // Hairlines go as one path; a wide translucent path is painted as one shape, which is slow
      // when it has thousands of crossings, so wide edges go one by one.
      const batch = width <= 1 ? 1024 : 1;
      let inPath = 0;
      ctx.beginPath();
      for (let p = from; p < to; p++) {
        const e = shown.groups[p];
        if ((selected >= 0 && isIncident(e, selected)) || (cull && !onScreen(e, t))) {
          continue;
        }
        edgePath(e, curved);
        if (++inPath === batch) {
          ctx.stroke();
          ctx.beginPath();
          inPath = 0;
        }
      }
      if (inPath > 0) {
        ctx.stroke();
      }
    }
    if (selected >= 0) {
      // The selected argument's shown edges, fully opaque and always curved (they are few).
      ctx.globalAlpha = 0.95;
      for (const list of [model.incoming, model.outgoing]) {
        for (let p = list.start[selected]; p < list.start[selected + 1]; p++) {
          const e = list.ids[p];
          if (shown.shown[e]) {
            ctx.beginPath();
            edgePath(e, true);
            ctx.lineWidth = Math.max(1, edgeWidth(e)) / k;
            ctx.strokeStyle = model.weight[e] > 0 ? SUPPORT : ATTACK;
            ctx.stroke();
          }
        }
      }
    }
    if (view.hoverEdge >= 0) {
      const e = view.hoverEdge;
      const width = Math.max(1, edgeWidth(e)) / k;
      ctx.globalAlpha = 1;
      ctx.beginPath();
      edgePath(e, curved || (selected >= 0 && isIncident(e, selected)));
      ctx.strokeStyle = '#1f2328';
      ctx.lineWidth = width + 3 / k;
      ctx.stroke();
      ctx.strokeStyle = model.weight[e] > 0 ? SUPPORT : ATTACK;
      ctx.lineWidth = width + 1 / k;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  function drawNodes(k) {
    let drawn = 0;
    for (const kind of ['input', 'cluster', 'output']) {
      for (const faded of [true, false]) {
        ctx.beginPath();
        let any = false;
        for (let a = 0; a < model.count; a++) {
          if (model.args[a].kind !== kind || (view.degree[a] === 0) !== faded) {
            continue;
          }
          const r = argRadius(a);
          ctx.moveTo(view.x[a] + r, view.y[a]);
          ctx.arc(view.x[a], view.y[a], r, 0, 2 * Math.PI);
          any = true;
          drawn++;
        }
        if (any) {
          ctx.globalAlpha = faded ? FADED_ALPHA : 1;
          ctx.fillStyle = KIND_FILL[kind];
          ctx.fill();
          ctx.lineWidth = 1 / k;
          ctx.strokeStyle = KIND_STROKE[kind];
          ctx.stroke();
        }
      }
    }
    ctx.globalAlpha = 1;
    status.drawnArguments = drawn;
    if (local) {
      // The predicted class gets a double border, as in the dot picture.
      const p = model.index.get(local.prediction);
      if (p !== undefined) {
        ring(p, 3, KIND_STROKE.output, 1.5, k);
      }
    }
    if (view.sizeBy) {
      // Sized by an attribution: a green ring for a positive one, red for a negative one.
      for (let a = 0; a < model.count; a++) {
        const v = view.sizeBy.values[a];
        if (v !== null && v !== 0) {
          ring(a, 1, v > 0 ? SUPPORT : ATTACK, 2, k);
        }
      }
    }
    for (const [a, color] of [[view.hoverNode, '#57606a'], [view.selected, ACCENT]]) {
      if (a >= 0) {
        ring(a, 3.5, color, 2.5, k);
      }
    }
  }

  /** The radius of argument a: its layer's, scaled by |attribution| when the arguments are sized by one. */
  function argRadius(a) {
    const r = nodeRadius(model.layerOf[a]);
    return view.sizeBy ? r * view.sizeBy.factor[a] : r;
  }

  function ring(a, gap, color, width, k) {
    const r = argRadius(a);
    ctx.beginPath();
    ctx.arc(view.x[a], view.y[a], r + gap / k, 0, 2 * Math.PI);
    ctx.strokeStyle = color;
    ctx.lineWidth = width / k;
    ctx.stroke();
  }

  function labelText(a) {
    const arg = model.args[a];
    const name = arg.kind === 'cluster' ? arg.id : arg.kind === 'output' ? className(arg.id) : arg.label;
    if (arg.strength === undefined) {
      return name;
    }
    const prefix = arg.kind === 'output' && probabilistic ? 'P=' : '';
    return `${name}  ${prefix}${brief(arg.strength)}`;
  }

  function drawLabels() {
    const t = view.transform;
    const last = model.layers.length - 1;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (let l = 0; l <= last; l++) {
      if (view.spacing[l] * t.k < LABEL_SPACING) {
        continue;
      }
      const sx = t.applyX(view.layerX[l]);
      const r = nodeRadius(l) * t.k;
      if (sx < -200 || sx > view.width + 200) {
        continue;
      }
      ctx.textAlign = l === 0 ? 'right' : 'left';
      // Clear of the selection ring (radius r + 3.5, 2.5 px wide).
      const dx = l === 0 ? -(r + 8) : r + 8;
      for (const a of model.layers[l]) {
        const sy = t.applyY(view.y[a]);
        if (sy < -10 || sy > view.height + 10) {
          continue;
        }
        const text = labelText(a);
        ctx.globalAlpha = view.degree[a] === 0 && a !== view.selected ? 0.35 : 1;
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.9)';
        ctx.strokeText(text, sx + dx, sy);
        ctx.fillStyle = a === view.selected ? ACCENT : '#1f2328';
        ctx.fillText(text, sx + dx, sy);
      }
    }
    ctx.globalAlpha = 1;
  }

  function drawLayerHeaders() {
    const t = view.transform;
    const last = model.layers.length - 1;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, view.width, 24);
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#656d76';
    // With many layers, headers would collide: the inputs' and outputs' always show, the others
    // when there is room.
    const gap = 84;
    const lastX = t.applyX(view.layerX[last]);
    let previousX = -Infinity;
    for (let l = 0; l <= last; l++) {
      const x = t.applyX(view.layerX[l]);
      if (l !== 0 && l !== last && (x - previousX < gap || lastX - x < gap)) {
        continue;
      }
      const name = l === 0 ? 'inputs' : l === last ? 'outputs' : `layer ${l}`;
      ctx.fillText(`${name} (${model.layers[l].length})`, x, 12);
      previousX = x;
    }
    ctx.strokeStyle = '#d0d7de';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, 24.5);
    ctx.lineTo(view.width, 24.5);
    ctx.stroke();
  }

  function draw() {
    const started = performance.now();
    drawFrame();
    status.timings.draw = performance.now() - started;
  }

  function drawFrame() {
    const t = view.transform;
    const d = view.dpr;
    ctx.setTransform(d, 0, 0, d, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, view.width, view.height);
    if (model.count === 0) {
      ctx.fillStyle = '#656d76';
      ctx.font = '14px system-ui, sans-serif';
      ctx.fillText('This QBAF has no arguments.', 20, 40);
      status.drawnArguments = 0;
      return;
    }
    ctx.setTransform(d * t.k, 0, 0, d * t.k, d * t.x, d * t.y);
    drawEdges(t.k);
    drawNodes(t.k);
    ctx.setTransform(d, 0, 0, d, 0, 0);
    drawLabels();
    drawLayerHeaders();
  }

  // ------------------------------------------------------------------ finding what is under the mouse
  function nodeAt(gx, gy) {
    const layerCount = model.layers.length;
    if (layerCount === 0) {
      return -1;
    }
    const l = layerCount === 1 ? 0
      : Math.max(0, Math.min(layerCount - 1, Math.round((gx - view.left) / view.step)));
    const slop = HIT_SLOP / view.transform.k;
    const r = nodeRadius(l) + slop;
    if (Math.abs(gx - view.layerX[l]) > r) {
      return -1;
    }
    const members = model.layers[l];
    const i = Math.max(0, Math.min(members.length - 1, Math.round((gy - view.layerTop[l]) / view.spacing[l])));
    const a = members[i];
    return Math.hypot(gx - view.x[a], gy - view.y[a]) <= r ? a : -1;
  }

  function distanceToSegment(px, py, x1, y1, x2, y2) {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = dx * dx + dy * dy;
    const u = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
    return Math.hypot(px - (x1 + u * dx), py - (y1 + u * dy));
  }

  function distanceToEdge(px, py, e, curved) {
    const x1 = view.x[model.src[e]];
    const y1 = view.y[model.src[e]];
    const x2 = view.x[model.tgt[e]];
    const y2 = view.y[model.tgt[e]];
    if (!curved) {
      return distanceToSegment(px, py, x1, y1, x2, y2);
    }
    // The curve as 12 straight pieces: close enough for a mouse.
    const mx = (x1 + x2) / 2;
    let best = Infinity;
    let ax = x1;
    let ay = y1;
    for (let s = 1; s <= 12; s++) {
      const u = s / 12;
      const v = 1 - u;
      const bx = v * v * v * x1 + 3 * v * v * u * mx + 3 * v * u * u * mx + u * u * u * x2;
      const by = v * v * v * y1 + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u * u * u * y2;
      best = Math.min(best, distanceToSegment(px, py, ax, ay, bx, by));
      ax = bx;
      ay = by;
    }
    return best;
  }

  /** The shown edge nearest the mouse within a few pixels, searched only in the layer gap under it. */
  function edgeAt(gx, gy) {
    const layerCount = model.layers.length;
    const { shown } = view;
    if (layerCount < 2 || shown.count === 0) {
      return -1;
    }
    const targetLayer = Math.floor((gx - view.left) / view.step) + 1;
    if (targetLayer < 1 || targetLayer >= layerCount) {
      return -1;
    }
    const curved = shown.count <= CURVE_LIMIT;
    const selected = view.selected;
    let best = -1;
    let bestD = HIT_SLOP / view.transform.k;
    for (let j = 0; j < shown.count; j++) {
      const e = shown.groups[j];
      if (model.edgeLayer[e] !== targetLayer) {
        continue;
      }
      const d = distanceToEdge(gx, gy, e, curved || (selected >= 0 && isIncident(e, selected)));
      if (d < bestD) {
        bestD = d;
        best = e;
      }
    }
    return best;
  }

  function graphPoint(event) {
    const box = canvas.getBoundingClientRect();
    const [gx, gy] = view.transform.invert([event.clientX - box.left, event.clientY - box.top]);
    return { gx, gy, sx: event.clientX - box.left, sy: event.clientY - box.top };
  }

  function argumentTooltip(a) {
    const arg = model.args[a];
    const lines = [arg.label];
    if (arg.kind === 'cluster') {
      lines.push(`cluster-neuron of layer ${arg.layer}, ${arg.members.length} original neuron${arg.members.length === 1 ? '' : 's'}`);
    } else {
      lines.push(arg.kind === 'input' ? 'input feature' : 'output');
    }
    if (arg.bias !== undefined) {
      lines.push(`bias ${brief(arg.bias)}`);
    }
    if (arg.baseScore !== undefined) {
      lines.push(`base score ${brief(arg.baseScore)}`);
    }
    if (arg.strength !== undefined) {
      lines.push(`strength ${brief(arg.strength)}`);
    }
    return lines.join('\n');
  }

  function edgeTooltip(e) {
    const s = model.args[model.src[e]];
    const t = model.args[model.tgt[e]];
    return `${s.label} ${model.weight[e] > 0 ? 'supports' : 'attacks'} ${t.kind === 'output' ? className(t.id) : t.label}`
      + `\nweight ${exact(model.weight[e])}\ns ${exact(model.mag[e])}`;
  }

  function showTooltip(text, sx, sy) {
    tooltip.textContent = text;
    tooltip.hidden = false;
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    tooltip.style.left = `${Math.min(sx + 14, view.width - w - 4)}px`;
    tooltip.style.top = `${Math.min(sy + 14, view.height - h - 4)}px`;
  }

  let lastMove = null;
  function hover() {
    const event = lastMove;
    lastMove = null;
    if (!event) {
      return;
    }
    const p = graphPoint(event);
    const a = nodeAt(p.gx, p.gy);
    const e = a >= 0 ? -1 : edgeAt(p.gx, p.gy);
    canvas.classList.toggle('pointing', a >= 0);
    if (a !== view.hoverNode || e !== view.hoverEdge) {
      view.hoverNode = a;
      view.hoverEdge = e;
      requestDraw();
    }
    status.hovered = a >= 0 ? { argument: model.args[a].id }
      : e >= 0 ? { source: model.args[model.src[e]].id, target: model.args[model.tgt[e]].id, weight: model.weight[e] }
        : null;
    if (a >= 0) {
      showTooltip(argumentTooltip(a), p.sx, p.sy);
    } else if (e >= 0) {
      showTooltip(edgeTooltip(e), p.sx, p.sy);
    } else {
      tooltip.hidden = true;
    }
  }

  canvas.addEventListener('mousemove', (event) => {
    const first = lastMove === null;
    lastMove = event;
    if (first) {
      requestAnimationFrame(hover);
    }
  });
  canvas.addEventListener('mouseleave', () => {
    lastMove = null;
    tooltip.hidden = true;
    if (view.hoverNode >= 0 || view.hoverEdge >= 0) {
      view.hoverNode = -1;
      view.hoverEdge = -1;
      requestDraw();
    }
  });
  canvas.addEventListener('click', (event) => {
    const p = graphPoint(event);
    selectArgument(nodeAt(p.gx, p.gy));
  });
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      selectArgument(-1);
    }
  });

  // ------------------------------------------------------------------ the side panel
  function selectArgument(a) {
    view.selected = a;
    status.selected = a >= 0 ? model.args[a].id : null;
    showDetails(a);
    requestDraw();
  }

  function edgeTable(rows, other) {
    const table = el('table', { class: 'edges' });
    for (const e of rows) {
      const a = other(e);
      const w = model.weight[e];
      const shown = view.shown.shown[e] === 1;
      table.append(el('tr', {},
        el('td', { onclick: () => selectArgument(a), title: `select ${model.args[a].label}` }, displayName(a)),
        el('td', { class: `num ${w > 0 ? 'w-support' : 'w-attack'}`, title: `weight ${exact(w)}, s ${exact(model.mag[e])}`
          + `${shown ? '' : ' (hidden by the filter)'}` }, (w > 0 ? '+' : '') + brief(w) + (shown ? '' : ' ·')),
        el('td', { class: 'num muted', title: 'unit-free strength s' }, `s ${brief(model.mag[e])}`)));
    }
    return table;
  }

  function strongest(list, a, sign, limit) {
    const ids = [];
    for (let p = list.start[a]; p < list.start[a + 1]; p++) {
      const e = list.ids[p];
      if (Math.sign(model.weight[e]) === sign) {
        ids.push(e);
      }
    }
    ids.sort((x, y) => model.mag[y] - model.mag[x] || x - y);
    return { ids: ids.slice(0, limit), total: ids.length };
  }

  function displayName(a) {
    const arg = model.args[a];
    return arg.kind === 'output' ? className(arg.id) : arg.label;
  }

  /** Bars of the input features that most support (green) and attack (red) argument a: features.json. */
  function featureSection(body, a) {
    const arg = model.args[a];
    const byFeature = features && features.arguments ? features.arguments[arg.id] : null;
    if (!byFeature || typeof byFeature !== 'object') {
      return;
    }
    const entries = Object.entries(byFeature).filter(([, v]) => typeof v === 'number' && v !== 0)
      .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || (x[0] < y[0] ? -1 : 1));
    const top = entries.slice(0, 10);
    const max = top.length > 0 ? Math.abs(top[0][1]) : 1;
    const how = features.scale === 'value' ? 'path sum × value at the row' : 'mean path sum × σ over the data';
    const box = el('div', { id: 'details-features', class: 'bars' });
    for (const [name, v] of top) {
      box.append(el('div', { class: 'bar-row', title: `${name}: ${exact(v)}` },
        el('span', { class: 'bar-name' }, name),
        el('span', { class: 'bar-track' }, el('span', {
          class: `bar ${v > 0 ? 'bar-support' : 'bar-attack'}`,
          style: `width:${(100 * Math.abs(v) / max).toFixed(1)}%`,
        })),
        el('span', { class: 'bar-value num' }, (v > 0 ? '+' : '') + brief(v))));
    }
    body.append(el('h3', { title: `${how} (docs/qbaf.md)` },
      `Input features (${top.length < entries.length ? `strongest ${top.length} of ` : ''}${entries.length})`), box);
  }

  function edgeSection(body, title, list, a, sign, other) {
    const { ids, total } = strongest(list, a, sign, 8);
    if (total === 0) {
      return;
    }
    body.append(el('h3', {}, `${title} (${ids.length < total ? `strongest ${ids.length} of ` : ''}${total})`),
      edgeTable(ids, other));
  }

  function showDetails(a) {
    const body = document.getElementById('details-body');
    if (a < 0) {
      body.replaceChildren(el('p', { class: 'muted' }, 'Click an argument to see its members, bias, base score and its '
        + 'strongest supporters and attackers.'));
      return;
    }
    const arg = model.args[a];
    const kindText = arg.kind === 'cluster' ? `cluster-neuron · layer ${arg.layer}`
      : arg.kind === 'input' ? 'input feature' : `output (class ${arg.id}) · layer ${arg.layer}`;
    const facts = el('table', { id: 'details-facts' });
    facts.append(row('id', arg.id));
    if (arg.members) {
      facts.append(row(`members (${arg.members.length})`,
        el('span', { class: 'members', id: 'details-members' }, arg.members.join(', ')),
        'the 0-based ids of the original neurons of this layer that this cluster-neuron merges'));
    }
    if (arg.bias !== undefined) {
      facts.append(row('bias', brief(arg.bias), exact(arg.bias)));
    }
    if (arg.baseScore !== undefined) {
      facts.append(row('base score', brief(arg.baseScore), `β = φ(bias) = ${exact(arg.baseScore)}`));
    }
    if (arg.strength !== undefined) {
      const name = arg.kind === 'output' && probabilistic ? 'strength (probability)' : 'strength';
      facts.append(row(name, brief(arg.strength), exact(arg.strength)));
    }
    if (attribution && attribution.methods) {
      for (const [method, values] of Object.entries(attribution.methods)) {
        if (values && typeof values[arg.id] === 'number') {
          facts.append(row(`${method} attribution`, brief(values[arg.id]),
            `${method} attribution towards ${className(String(attribution.target))}: ${exact(values[arg.id])}`));
        }
      }
    }
    const inCount = model.incoming.start[a + 1] - model.incoming.start[a];
    const outCount = model.outgoing.start[a + 1] - model.outgoing.start[a];
    facts.append(row('edges in / out', `${inCount} / ${outCount}`, 'all edges, shown or not'));
    body.replaceChildren(el('p', {}, el('strong', {}, displayName(a)), el('span', { class: 'kind' }, kindText)), facts);
    featureSection(body, a);
    edgeSection(body, 'Strongest supporters', model.incoming, a, 1, (e) => model.src[e]);
    edgeSection(body, 'Strongest attackers', model.incoming, a, -1, (e) => model.src[e]);
    edgeSection(body, 'Supports', model.outgoing, a, 1, (e) => model.tgt[e]);
    edgeSection(body, 'Attacks', model.outgoing, a, -1, (e) => model.tgt[e]);
    if (inCount + outCount > 0) {
      body.append(el('p', { class: 'muted' }, 'A weight marked · is hidden by the edge filter.'));
    }
  }

  function showOverview() {
    const layerCount = model.layers.length;
    const hidden = Math.max(0, layerCount - 2);
    document.getElementById('overview').textContent = `${model.count.toLocaleString('en')} arguments in `
      + `${hidden} hidden layer${hidden === 1 ? '' : 's'} · ${model.edgeCount.toLocaleString('en')} edges · `
      + (local ? `local explanation of row ${local.row}: predicted ${className(local.prediction)}`
        + (local.trueLabel === undefined ? '' : `, true label ${className(local.trueLabel)}`) : 'global explanation');
  }

  function showLocal() {
    if (!local) {
      return;
    }
    document.getElementById('local').hidden = false;
    const verdict = document.getElementById('local-verdict');
    verdict.replaceChildren(`Row ${local.row}: predicted `, el('strong', {}, className(local.prediction)));
    if (local.trueLabel !== undefined) {
      const right = local.trueLabel === local.prediction;
      verdict.append(', true label ', el('strong', {}, className(local.trueLabel)), ' ',
        el('span', { class: right ? 'verdict-ok' : 'verdict-wrong' }, right ? '✓ correct' : '✗ wrong'));
    }
    const table = document.getElementById('local-features');
    const outputs = model.layers.length > 1 ? model.layers[model.layers.length - 1] : [];
    for (const o of outputs) {
      const arg = model.args[o];
      if (arg.strength !== undefined) {
        table.append(el('tr', {}, el('th', {}, `${probabilistic ? 'P' : 'output'}(${className(arg.id)})`),
          el('td', { class: 'num', title: exact(arg.strength) }, brief(arg.strength))));
      }
    }
    const inputs = model.layers.length > 0 ? model.layers[0] : [];
    local.featureValues.forEach((v, i) => {
      const name = i < inputs.length ? model.args[inputs[i]].label : `feature ${i}`;
      table.append(el('tr', {}, el('td', {}, name), el('td', { class: 'num', title: exact(v) }, brief(v))));
    });
  }

  function pluginText(choice) {
    if (!choice || typeof choice !== 'object') {
      return choice === undefined ? null : String(choice);
    }
    const params = choice.params && Object.keys(choice.params).length > 0
      ? ` (${Object.entries(choice.params).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ')})`
      : '';
    return `${choice.name}${params}`;
  }

  function fileName(path) {
    return String(path).split(/[\\/]/).pop();
  }

  function showSummary() {
    const summary = page.summary;
    if (!summary || typeof summary !== 'object') {
      return;
    }
    status.summary = true;
    document.getElementById('summary').hidden = false;
    const spec = summary.spec || {};
    const compression = spec.compression || {};
    const table = document.getElementById('summary-spec');
    const facts = [
      ['method', compression.method],
      ['clustering', pluginText(compression.clustering)],
      ['aggregation', pluginText(compression.aggregation)],
      ['shrink', compression.shrink],
      ['clusters', Array.isArray(compression.clusters) ? compression.clusters.join(', ') : undefined],
      ['seed', spec.seed],
      ['data', spec.data ? (spec.data.builtin || (spec.data.csv ? fileName(spec.data.csv) : undefined)) : undefined],
      ['model', spec.model ? (spec.model.load ? fileName(spec.model.load) : spec.model.train ? 'trained' : undefined) : undefined],
    ];
    for (const [name, value] of facts) {
      if (value !== undefined && value !== null) {
        table.append(row(name, String(value)));
      }
    }
    const metrics = summary.metrics || {};
    const metricTable = document.getElementById('summary-metrics');
    for (const [name, result] of Object.entries(metrics)) {
      const value = result !== null && typeof result === 'object' ? result.value : result;
      metricTable.append(el('tr', {}, el('td', {}, name),
        el('td', { class: 'num', title: typeof value === 'number' ? exact(value) : '' },
          typeof value === 'number' ? brief(value) : String(value))));
    }
    if (Object.keys(metrics).length === 0) {
      metricTable.append(el('tr', {}, el('td', { class: 'muted' }, 'no metrics')));
    }
  }

  function showLegend() {
    document.getElementById('legend-measure').textContent = `s = ${model.measure}`;
    const named = Object.entries(classLabels).filter(([, label]) => typeof label === 'string');
    if (named.length > 0) {
      document.getElementById('legend-classes').textContent = 'classes: '
        + named.map(([name, label]) => `${name} = ${label}`).join(', ');
    }
  }

  /** Sizes the arguments by attribution `method` (null: no sizing) and lists them, strongest first. */
  function sizeByAttribution(method) {
    const values = method && attribution.methods ? attribution.methods[method] : null;
    if (!values || typeof values !== 'object') {
      view.sizeBy = null;
    } else {
      const byArgument = new Array(model.count).fill(null);
      let max = 0;
      for (let a = 0; a < model.count; a++) {
        const v = values[model.args[a].id];
        if (typeof v === 'number') {
          byArgument[a] = v;
          max = Math.max(max, Math.abs(v));
        }
      }
      const factor = new Float64Array(model.count).fill(1);
      for (let a = 0; a < model.count; a++) {
        if (byArgument[a] !== null) {
          factor[a] = 0.5 + 1.5 * (max > 0 ? Math.abs(byArgument[a]) / max : 0);
        }
      }
      view.sizeBy = { method, values: byArgument, factor };
    }
    status.sizeBy = view.sizeBy ? method : null;
    const list = document.getElementById('attribution-list');
    list.replaceChildren();
    if (view.sizeBy) {
      const ranked = [];
      for (let a = 0; a < model.count; a++) {
        if (view.sizeBy.values[a] !== null) {
          ranked.push(a);
        }
      }
      ranked.sort((x, y) => Math.abs(view.sizeBy.values[y]) - Math.abs(view.sizeBy.values[x]) || x - y);
      for (const a of ranked.slice(0, 15)) {
        const v = view.sizeBy.values[a];
        list.append(el('tr', {},
          el('td', { onclick: () => selectArgument(a), title: `select ${model.args[a].label}` }, displayName(a)),
          el('td', { class: `num ${v > 0 ? 'w-support' : 'w-attack'}`, title: exact(v) }, (v > 0 ? '+' : '') + brief(v))));
      }
      status.attributionRanking = ranked.map((a) => model.args[a].id);
    }
    requestDraw();
  }

  function showAttribution() {
    if (!attribution || !attribution.methods || typeof attribution.methods !== 'object') {
      return;
    }
    const methods = Object.keys(attribution.methods);
    if (methods.length === 0) {
      return;
    }
    document.getElementById('attribution').hidden = false;
    document.getElementById('attribution-target').textContent = attribution.target === undefined ? ''
      : `towards ${className(String(attribution.target))}`;
    const chooser = document.getElementById('attribution-method');
    chooser.replaceChildren(el('option', { value: '' }, 'none'), ...methods.map((m) => el('option', { value: m }, m)));
    chooser.value = methods[0];
    chooser.addEventListener('change', () => sizeByAttribution(chooser.value || null));
    sizeByAttribution(methods[0]);
  }

  // ------------------------------------------------------------------ export of the current view
  function download(name, url) {
    const link = el('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function escapeXml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  /** The current view (shown edges, arguments, labels, zoom) as one SVG document. */
  function svgText() {
    const t = view.transform;
    const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}"`
      + ` viewBox="0 0 ${view.width} ${view.height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g transform="translate(${t.x} ${t.y}) scale(${t.k})">`];
    const { shown } = view;
    const alpha = edgeAlpha(shown.count).toFixed(3);
    for (let g = 0; g < 2 * WIDTH_CLASSES; g++) {
      const width = (0.5 + 4.5 * (Math.floor(g / 2) + 0.5) / WIDTH_CLASSES) / t.k;
      for (let p = shown.groupStart[g]; p < shown.groupStart[g + 1]; p++) {
        const e = shown.groups[p];
        const x1 = view.x[model.src[e]];
        const y1 = view.y[model.src[e]];
        const x2 = view.x[model.tgt[e]];
        const y2 = view.y[model.tgt[e]];
        const mx = (x1 + x2) / 2;
        parts.push(`<path d="M${x1} ${y1}C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}" fill="none" stroke="${g % 2 === 1 ? SUPPORT : ATTACK}"`
          + ` stroke-opacity="${alpha}" stroke-width="${width.toFixed(3)}"><title>${escapeXml(edgeTooltip(e))}</title></path>`);
      }
    }
    for (let a = 0; a < model.count; a++) {
      const kind = model.args[a].kind;
      parts.push(`<circle cx="${view.x[a]}" cy="${view.y[a]}" r="${argRadius(a)}" fill="${KIND_FILL[kind]}"`
        + ` stroke="${KIND_STROKE[kind]}" stroke-width="${1 / t.k}" opacity="${view.degree[a] === 0 ? FADED_ALPHA : 1}">`
        + `<title>${escapeXml(argumentTooltip(a))}</title></circle>`);
    }
    parts.push('</g>');
    const last = model.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      if (view.spacing[l] * t.k < LABEL_SPACING) {
        continue;
      }
      const anchor = l === 0 ? 'end' : 'start';
      const dx = (l === 0 ? -1 : 1) * (nodeRadius(l) * t.k + 8);
      for (const a of model.layers[l]) {
        parts.push(`<text x="${t.applyX(view.x[a]) + dx}" y="${t.applyY(view.y[a])}" text-anchor="${anchor}"`
          + ` dominant-baseline="middle" fill="#1f2328">${escapeXml(labelText(a))}</text>`);
      }
    }
    parts.push('</svg>');
    return parts.join('\n');
  }

  document.getElementById('export-png').addEventListener('click', () => download('qbaf-view.png', canvas.toDataURL('image/png')));
  // A data: URL, like the PNG's: the page refers to nothing outside itself.
  document.getElementById('export-svg').addEventListener('click', () => download('qbaf-view.svg',
    `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText())}`));
  status.svg = svgText;

  // ------------------------------------------------------------------ wiring
  resize();
  showLegend();
  showAttribution();
  showOverview();
  showLocal();
  showSummary();
  slider.addEventListener('input', () => {
    fromSlider();
    applyFilter();
  });
  modeSelect.addEventListener('change', () => {
    // Keep about as many edges when switching between the two kinds of filter.
    const shownBefore = Math.max(1, view.shown.count);
    view.filter.mode = modeSelect.value;
    view.filter.value = view.filter.mode === 'topk'
      ? Math.max(1, Math.round(shownBefore / (view.filter.perLayer ? Math.max(1, model.layers.length - 1) : 1)))
      : Math.max(0, Math.min(1, 1 - shownBefore / Math.max(1, model.edgeCount)));
    slider.value = String(sliderPosition());
    applyFilter();
  });
  perLayerBox.addEventListener('change', () => {
    view.filter.perLayer = perLayerBox.checked;
    if (view.filter.mode === 'topk') {
      view.filter.value = Math.min(view.filter.value, maxK());
    }
    slider.value = String(sliderPosition());
    applyFilter();
  });
  setFilter(page);

  const zoomer = zoom().scaleExtent([0.25, 80]).on('zoom', (event) => {
    view.transform = event.transform;
    tooltip.hidden = true;
    requestDraw();
  });
  select(canvas).call(zoomer);
  new ResizeObserver(() => {
    resize();
    draw();
  }).observe(stage);

  status.select = (id) => {
    const a = model.index.get(id);
    selectArgument(a === undefined ? -1 : a);
    return status.selected;
  };
  /** The shown edges as [source id, target id] pairs, strongest group last (for tests). */
  status.shownEdges = () => Array.from(view.shown.groups, (e) => [model.args[model.src[e]].id, model.args[model.tgt[e]].id]);
  status.sizeByAttribution = (method) => {
    if (attribution) {
      document.getElementById('attribution-method').value = method || '';
      sizeByAttribution(method);
    }
    return status.sizeBy;
  };
  status.setFilter = (settings) => {
    setFilter(settings);
    return status.visibleEdges;
  };
  /** Where argument `id` is on the screen, in CSS pixels of the viewport (for clicking it). */
  status.screenPosition = (id) => {
    const a = model.index.get(id);
    if (a === undefined) {
      return null;
    }
    const box = canvas.getBoundingClientRect();
    return { x: box.left + view.transform.applyX(view.x[a]), y: box.top + view.transform.applyY(view.y[a]) };
  };

  // A link can name the argument to select: qbaf.html#select=C2.3 (how docs/viewer.png is taken).
  const wanted = /(?:^#|&)select=([^&]*)/.exec(window.location.hash);
  if (wanted) {
    const a = model.index.get(decodeURIComponent(wanted[1]));
    if (a !== undefined) {
      selectArgument(a);
    }
  }
  draw();
  status.firstDrawMs = performance.now() - T0;
  // The frame is on the screen once the browser has had its next rendering opportunity.
  requestAnimationFrame(() => setTimeout(() => {
    status.firstPaintMs = performance.now() - T0;
    status.firstPaintSinceNavigationMs = performance.now();
    status.ready = true;
  }, 0));
}

try {
  start();
} catch (error) {
  status.errors.push(String(error && error.message ? error.message : error));
  status.ready = true;
  const overview = document.getElementById('overview');
  overview.textContent = `This page could not show the QBAF: ${error && error.message ? error.message : error}`;
  overview.className = 'error';
  throw error;
}
