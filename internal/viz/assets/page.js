"use strict";
// kedrogo viz: draws the model in #model. No network, no libraries.
(function () {
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message || e)); });
  var consoleError = console.error;
  console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); consoleError.apply(console, arguments); };
  var t0 = performance.now();
  var SVG = "http://www.w3.org/2000/svg";
  var model = JSON.parse(document.getElementById("model").textContent);
  var collapsed = {};
  var drawn = { nodes: 0, datasets: 0, edges: 0, namespaces: 0, lanes: 0, bars: 0, charts: 0, spans: 0 };

  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) if (attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, attrs, parent, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function cls(s) { return String(s || "").replace(/ /g, "_"); }
  function secs(s) {
    if (s < 1) return Math.round(s * 1000) + "ms";
    if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + "s";
    return Math.floor(s / 60) + "m" + Math.round(s % 60) + "s";
  }
  function amount(v, unit) {
    if (unit === "bytes") {
      var u = ["B", "KiB", "MiB", "GiB", "TiB"], i = 0;
      while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
      return (Math.round(v * 10) / 10) + u[i];
    }
    return (Math.round(v * 1000) / 1000) + (unit === "cores" ? " cores" : "");
  }
  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }

  // ---- header ----
  function header() {
    var h = document.getElementById("head");
    html("h1", {}, h, model.title || "kedrogo pipeline");
    var meta = html("div", { class: "meta" }, h);
    html("span", {}, meta, "pipelines: " + (model.pipelines || []).join(", "));
    var f = model.filters || {};
    Object.keys(f).forEach(function (k) { if (f[k] && f[k].length) html("span", {}, meta, k.replace(/_/g, "-") + ": " + f[k].join(",")); });
    html("span", {}, meta, model.nodes.length + " nodes, " + model.datasets.length + " datasets");
    if (model.run) {
      var r = model.run;
      var line = html("div", { class: "meta" }, h);
      html("span", {}, line, "run " + r.id + (r.dry_run ? " (dry run: simulated schedule)" : ""));
      html("span", {}, line, "status: " + r.status);
      html("span", {}, line, "started " + r.started);
      html("span", {}, line, "took " + secs(r.seconds));
      html("span", {}, line, r.runner + ", " + r.workers + " worker(s)");
    }
    (model.warnings || []).forEach(function (w) { html("div", { class: "warning" }, document.getElementById("warnings"), "Warning: " + w); });
    if (model.run && model.run.note) html("div", { class: "warning" }, document.getElementById("warnings"), model.run.note);
  }

  // ---- the DAG ----
  function topNs(ns) { return ns ? ns.split(".")[0] : ""; }
  function visibleGraph() {
    var verts = [], map = {}, groups = {};
    function add(v, kind) {
      var ns = topNs(v.namespace);
      if (ns && collapsed[ns]) {
        var g = groups[ns];
        if (!g) {
          g = groups[ns] = { id: "ns:" + ns, name: ns, kind: "ns", count: 0, layerSum: 0, orderSum: 0 };
          verts.push(g);
        }
        g.count++; g.layerSum += v.layer; g.orderSum += v.order;
        map[v.id] = g.id;
        return;
      }
      verts.push({ id: v.id, name: v.name, kind: kind, layer: v.layer, order: v.order, src: v });
      map[v.id] = v.id;
    }
    model.nodes.forEach(function (n) { add(n, "node"); });
    model.datasets.forEach(function (d) { add(d, "dataset"); });
    verts.forEach(function (v) {
      if (v.kind === "ns") { v.layer = Math.round(v.layerSum / v.count); v.order = v.orderSum / v.count; }
    });
    var seen = {}, edges = [];
    model.edges.forEach(function (e) {
      var a = map[e.from], b = map[e.to];
      if (!a || !b || a === b) return;
      var key = a + "\u0000" + b + (e.after ? "a" : "");
      if (seen[key]) return;
      seen[key] = true;
      edges.push({ from: a, to: b, after: !!e.after });
    });
    return { verts: verts, edges: edges };
  }

  function drawGraph() {
    var wrap = document.getElementById("graph-wrap");
    wrap.textContent = "";
    drawn.nodes = drawn.datasets = drawn.edges = drawn.namespaces = 0;
    var g = visibleGraph();
    if (g.verts.length > model.draw_limit) {
      html("div", { class: "toolong", id: "toolarge" }, wrap,
        "Too large to draw: " + g.verts.length + " nodes and datasets (the limit is " + model.draw_limit + "). " +
        "Filter it as on run (--pipeline, --nodes, --tags, --namespaces, --from-nodes, --to-nodes)" +
        (model.namespaces && model.namespaces.length ? ", or collapse namespaces on the right." : "."));
      return;
    }
    // Re-rank the visible vertices: columns by order within each layer.
    var layers = {};
    g.verts.forEach(function (v) { (layers[v.layer] = layers[v.layer] || []).push(v); });
    var W = 150, H = 56, maxCount = 1, nLayers = 0;
    Object.keys(layers).forEach(function (l) {
      var vs = layers[l];
      vs.sort(function (a, b) { return a.order - b.order; });
      maxCount = Math.max(maxCount, vs.length);
      nLayers = Math.max(nLayers, +l + 1);
    });
    var width = maxCount * W + 40, height = nLayers * H + 40, pos = {};
    Object.keys(layers).forEach(function (l) {
      var vs = layers[l], off = (maxCount - vs.length) * W / 2 + 20;
      vs.forEach(function (v, i) { pos[v.id] = { x: off + i * W + W / 2, y: 20 + (+l) * H + 14 }; });
    });
    var svg = el("svg", { id: "graph", width: width, height: height, viewBox: "0 0 " + width + " " + height });
    var defs = el("defs", {}, svg);
    var m = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#90a4ae" }, m);
    var edgeLayer = el("g", {}, svg), vertLayer = el("g", {}, svg);
    g.edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      var y1 = a.y + 12, y2 = b.y - 12, my = (y1 + y2) / 2;
      el("path", { class: "edge" + (e.after ? " after" : ""), "data-from": e.from, "data-to": e.to,
        d: "M" + a.x + "," + y1 + " C" + a.x + "," + my + " " + b.x + "," + my + " " + b.x + "," + y2 }, edgeLayer);
      drawn.edges++;
    });
    g.verts.forEach(function (v) {
      var p = pos[v.id], grp;
      if (v.kind === "ns") {
        grp = el("g", { class: "nsbox", "data-id": v.id, transform: "translate(" + p.x + "," + p.y + ")" }, vertLayer);
        el("rect", { x: -68, y: -13, width: 136, height: 26 }, grp);
        el("text", { x: 0, y: 4, "text-anchor": "middle" }, grp, clip(v.name, 14) + " (" + v.count + ")");
        el("title", {}, grp, "namespace " + v.name + ": " + v.count + " nodes and datasets, collapsed; click to expand");
        grp.addEventListener("click", function () { collapsed[v.name] = false; syncNamespaces(); drawGraph(); });
        drawn.namespaces++;
        return;
      }
      var s = v.src;
      var c = v.kind === "node" ? "node" + (s.status ? " status-" + cls(s.status) : "") : "dataset " + s.kind;
      grp = el("g", { class: c, "data-id": v.id, transform: "translate(" + p.x + "," + p.y + ")" }, vertLayer);
      el("rect", { x: -65, y: -11, width: 130, height: 22 }, grp);
      el("text", { x: 0, y: 4, "text-anchor": "middle" }, grp, clip(v.name, 22));
      el("title", {}, grp, v.name + (s.status ? " (" + s.status + ")" : ""));
      if (v.kind === "node") {
        drawn.nodes++;
        grp.addEventListener("click", function () { select(s, grp); });
      } else {
        drawn.datasets++;
      }
    });
    wrap.appendChild(svg);
  }

  function select(n, grp) {
    var prev = document.querySelector(".node.selected");
    if (prev) prev.classList.remove("selected");
    grp.classList.add("selected");
    var d = document.getElementById("details");
    d.textContent = "";
    html("h2", {}, d, n.name);
    var dl = html("dl", {}, d);
    function row(k, v) { if (v === undefined || v === "" || (v.length === 0)) return; html("dt", {}, dl, k); html("dd", {}, dl, v); }
    row("function", n.func);
    row("namespace", n.namespace);
    row("status", n.status);
    row("tags", (n.tags || []).join(", "));
    row("inputs", n.inputs.join(", "));
    row("outputs", n.outputs.join(", "));
    var req = Object.keys(n.requests || {}).map(function (k) { return k + "=" + n.requests[k]; });
    if (n.exclusive) req.unshift("exclusive");
    row("requests", req.join(", ") || "one worker slot");
    row("runner.yml rules", (n.rules || []).join("\n"));
  }

  function syncNamespaces() {
    var box = document.getElementById("namespaces");
    box.textContent = "";
    if (!model.namespaces || !model.namespaces.length) return;
    html("h2", {}, box, "Namespaces");
    model.namespaces.forEach(function (ns) {
      var lab = html("label", {}, box);
      var cb = html("input", { type: "checkbox", "data-ns": ns }, lab);
      cb.checked = !!collapsed[ns];
      lab.appendChild(document.createTextNode(" collapse " + ns));
      cb.addEventListener("change", function () { collapsed[ns] = cb.checked; drawGraph(); });
    });
  }

  // ---- the timeline ----
  function drawTimeline() {
    var r = model.run, sec = document.getElementById("timeline");
    if (!r) { sec.style.display = "none"; return; }
    html("h2", {}, sec, (r.dry_run ? "Simulated schedule" : "Timeline") + ": one lane per worker slot, a bar per attempt");
    var legend = html("div", { class: "legend" }, sec);
    ["completed", "failed", "retried", "interrupted", "planned"].forEach(function (s) {
      var sp = html("span", {}, legend); html("i", { class: "status-" + s, style: "" }, sp); sp.appendChild(document.createTextNode(s));
    });
    var sp = html("span", {}, legend); html("i", { style: "background:rgba(216,27,96,.15);border-color:#d81b60" }, sp);
    sp.appendChild(document.createTextNode("exclusive node, alone"));
    var left = 60, W = Math.max(600, Math.min(1400, window.innerWidth - 80)), laneH = 22;
    var total = Math.max(r.seconds, 0.001);
    function x(t) { return left + (t / total) * (W - left - 40); }
    var lanes = Math.max(r.lanes, 1), h = lanes * laneH + 24;
    var svg = el("svg", { id: "lanes", width: W, height: h }, null);
    for (var i = 0; i < lanes; i++) {
      var lg = el("g", { class: "lane", "data-lane": i }, svg);
      el("rect", { class: "lane-bg" + (i % 2 ? " odd" : ""), x: left, y: i * laneH, width: W - left - 40, height: laneH }, lg);
      el("text", { x: 4, y: i * laneH + 15, class: "bar-label" }, lg, "slot " + i);
      drawn.lanes++;
    }
    r.exclusive.forEach(function (s) {
      el("rect", { class: "exclusive-span", x: x(s.start), y: 0, width: Math.max(1, x(s.end) - x(s.start)), height: lanes * laneH },
        svg).appendChild(el("title", {}, null, s.node + " ran alone (exclusive)"));
      drawn.spans++;
    });
    r.bars.forEach(function (b) {
      var bx = x(b.start), bw = Math.max(1.5, x(b.end) - x(b.start)), by = b.lane * laneH + 3;
      var rect = el("rect", { class: "bar status-" + cls(b.status), "data-node": b.node, "data-start": b.start, "data-end": b.end,
        x: bx, y: by, width: bw, height: laneH - 6, rx: 2 }, svg);
      el("title", {}, rect, b.node + " attempt " + b.attempt + ": " + secs(b.start) + " \u2192 " + secs(b.end) +
        " (" + secs(b.end - b.start) + ", " + b.status + ")" + (b.error ? "\n" + b.error : ""));
      if (bw > 40) el("text", { class: "bar-label", x: bx + 3, y: by + 12 }, svg, clip(b.node, Math.floor(bw / 6)));
      drawn.bars++;
    });
    axis(svg, x, total, lanes * laneH + 2);
    sec.appendChild(svg);

    r.resources.forEach(function (c) {
      var ch = 90, top = 18, csvg = el("svg", { class: "resource-chart", "data-resource": c.name,
        "data-peak": c.peak, "data-capacity": c.capacity, width: W, height: ch + top + 22 });
      var peakLabel = amount(c.peak, c.unit);
      el("text", { class: "chart-title", x: 4, y: 13 }, csvg, c.name + ": held over time (peak " + peakLabel + ") against capacity " + c.label);
      var ymax = Math.max(c.capacity, c.peak) || 1;
      function y(v) { return top + ch - (v / ymax) * ch; }
      r.exclusive.forEach(function (s) {
        el("rect", { class: "exclusive-span", x: x(s.start), y: top, width: Math.max(1, x(s.end) - x(s.start)), height: ch }, csvg);
      });
      var d = "M" + x(0) + "," + y(0);
      var prev = 0;
      c.steps.forEach(function (s) { d += " L" + x(s.t) + "," + y(prev) + " L" + x(s.t) + "," + y(s.held); prev = s.held; });
      d += " L" + x(total) + "," + y(prev) + " L" + x(total) + "," + y(0) + " Z";
      el("path", { class: "held", d: d }, csvg);
      el("line", { class: "capacity", x1: x(0), x2: x(total), y1: y(c.capacity), y2: y(c.capacity) }, csvg)
        .appendChild(el("title", {}, null, "capacity " + c.label));
      el("text", { x: 4, y: y(c.capacity) + 4, class: "bar-label" }, csvg, "cap");
      axis(csvg, x, total, top + ch + 2);
      sec.appendChild(csvg);
      drawn.charts++;
    });
  }

  function axis(svg, x, total, y0) {
    var g = el("g", { class: "axis" }, svg), steps = 10;
    for (var i = 0; i <= steps; i++) {
      var t = total * i / steps;
      el("line", { x1: x(t), x2: x(t), y1: y0, y2: y0 + 4 }, g);
      el("text", { x: x(t), y: y0 + 15, "text-anchor": "middle" }, g, secs(t));
    }
  }

  // ---- live reload under viz --serve ----
  function poll() {
    if (!model.serve) return;
    var seen = null;
    setInterval(function () {
      fetch("/version").then(function (r) { return r.text(); }).then(function (v) {
        if (seen === null) seen = v; else if (v !== seen) location.reload();
      }).catch(function () {});
    }, 2000);
  }

  try {
    if (model.collapsed) model.namespaces.forEach(function (ns) { collapsed[ns] = true; });
    header();
    syncNamespaces();
    drawGraph();
    drawTimeline();
    poll();
  } catch (e) {
    errors.push(String(e && e.stack || e));
  } finally {
    var chk = document.getElementById("selfcheck");
    var counts = { nodes: drawn.nodes, datasets: drawn.datasets, edges: drawn.edges, namespaces: drawn.namespaces,
      lanes: drawn.lanes, bars: drawn.bars, charts: drawn.charts, spans: drawn.spans,
      errors: errors.length, ms: Math.round(performance.now() - t0) };
    for (var k in counts) chk.setAttribute("data-" + k, counts[k]);
    errors.forEach(function (e) { html("li", { class: "error" }, chk, e); });
    window.setTimeout(function () { chk.setAttribute("data-late-errors", errors.length - counts.errors); }, 0);
  }
})();
