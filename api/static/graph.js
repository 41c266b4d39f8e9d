// The graph page: draws the walk with vis-network, lays it out once, then stops the physics
// (no endless motion, usable at 1,000 nodes). Click a node: its details; double-click or
// "Expand": fetch its links and add them outside the drawing; click a link: its quotes.
// Keyboard (graph focused): N / P next / previous node, Enter expand, F fit; vis-network's
// own keys pan (arrows) and zoom (+ / -). Text from documents is only ever set with
// textContent / vis-network's own innerText tooltips, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var query = JSON.parse(document.getElementById("graph-query").textContent);
  var words = query.words;
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  data.options.interaction.keyboard = { enabled: true, bindToWindow: false };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = document.getElementById("layout-state");
  var selected = null;

  var settled = false;
  function ready() {
    if (settled) { return; }
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit();  // the whole picture in view, whatever the screen
    state.textContent = words.done;
    document.body.dataset.graph = "ready";
  }
  network.on("stabilizationProgress", function (p) {
    if (!settled) { state.textContent = words.laying_out + " " + Math.round((100 * p.iterations) / p.total) + "%"; }
  });
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);  // whichever comes first
  // one document (or none linked): nothing to lay out, and vis-network may report no progress
  if (edges.length === 0 || network.physics.stabilized) { ready(); }

  function urlFor(template, key) {
    return template.replace("__KEY__", key.split("/").map(encodeURIComponent).join("/"));
  }

  function panel(which) {
    document.getElementById("node-details").hidden = which !== "node";
    document.getElementById("edge-details").hidden = which !== "edge";
    document.getElementById("details-hint").hidden = true;
  }

  function show(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    selected = id;
    var m = n.meta || {};
    document.getElementById("details-label").textContent = n.label;
    document.getElementById("details-title").textContent = m.title || "";
    document.getElementById("details-date").textContent = m.date_shown || words.unknown;
    document.getElementById("details-issuer").textContent = m.issuer || words.unknown;
    document.getElementById("details-level").textContent = m.level || words.unknown;
    document.getElementById("details-open").href = urlFor(container.dataset.doc, m.key);
    panel("node");
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var a = nodes.get(e.from), b = nodes.get(e.to);
    document.getElementById("edge-label").textContent = a.label + " — " + e.title + " → " + b.label;
    var list = document.getElementById("edge-quotes");
    list.textContent = "";
    panel("edge");
    var params = new URLSearchParams({ subject: a.meta.key, relation: e.relation, object: b.meta.key });
    fetch(container.dataset.quotes + "?" + params.toString())
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (quotes) {
        quotes.forEach(function (q) {
          var li = document.createElement("li");
          var text = document.createElement("q");
          text.textContent = q.quote;
          li.appendChild(text);
          var foot = document.createElement("div");
          foot.className = "muted";
          foot.textContent = (q.cue ? words.cue + " “" + q.cue + "” · " : "") + words.stated_in + " " + q.by.join(", ");
          li.appendChild(foot);
          list.appendChild(li);
        });
        document.body.dataset.edgeQuotes = String(quotes.length);
      })
      .catch(function (err) { list.textContent = err.message; });
  }

  function expand(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var params = new URLSearchParams({ mode: "neighbourhood", depth: "1" });
    query.relations.forEach(function (r) { params.append("rel", r); });
    state.textContent = "… " + n.label;
    fetch(urlFor(container.dataset.expand, n.meta.key) + "?" + params.toString())
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (more) {
        var origin = network.getPosition(id);
        var fresh = more.nodes.filter(function (x) { return !nodes.get(x.id); });
        // New nodes on an arc outside the drawing, facing away from its middle, spaced so
        // they neither overlap each other nor fall on the nodes already shown.
        var all = network.getPositions();
        var cx = 0, cy = 0, count = 0, reach = 0;
        Object.keys(all).forEach(function (k) { cx += all[k].x; cy += all[k].y; count += 1; });
        cx /= Math.max(count, 1); cy /= Math.max(count, 1);
        Object.keys(all).forEach(function (k) {
          reach = Math.max(reach, Math.hypot(all[k].x - origin.x, all[k].y - origin.y));
        });
        var away = Math.atan2(origin.y - cy, origin.x - cx);
        var radius = Math.max(180, (fresh.length * 70) / Math.PI);
        var spread = Math.min(Math.PI, (fresh.length * 70) / radius);
        fresh.forEach(function (x, i) {
          var a = away - spread / 2 + (spread * (i + 0.5)) / Math.max(fresh.length, 1);
          x.x = origin.x + radius * Math.cos(a);
          x.y = origin.y + radius * Math.sin(a);
        });
        nodes.add(fresh);
        edges.add(more.edges.filter(function (e) { return !edges.get(e.id); }));
        state.textContent = "+" + fresh.length;
        document.body.dataset.expanded = String(fresh.length);
        document.body.dataset.reach = String(reach);
      })
      .catch(function (err) { state.textContent = err.message; });
  }

  network.on("click", function (p) {
    if (p.nodes.length) { show(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) { expand(p.nodes[0]); } });
  document.getElementById("details-expand").addEventListener("click", function () {
    if (selected !== null) { expand(selected); }
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });
  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor });
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.3); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.3); });

  // Find in the graph: the first document whose name holds what was typed (Enter).
  document.getElementById("graph-find").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    ev.preventDefault();
    var text = ev.target.value.trim().toLowerCase();
    var hit = nodes.get({ filter: function (n) { return text && n.label.toLowerCase().indexOf(text) >= 0; } })[0];
    if (!hit) { state.textContent = words.not_found; return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { animation: false, scale: Math.max(network.getScale(), 0.8) });
    show(hit.id);
  });

  function step(by) {
    var ids = nodes.getIds();
    var at = ids.indexOf(selected);
    var next = ids[(at + by + ids.length) % ids.length];
    network.selectNodes([next]);
    network.focus(next, { animation: false, scale: Math.max(network.getScale(), 0.8) });
    show(next);
  }
  container.addEventListener("keydown", function (ev) {
    var k = ev.key.toLowerCase();
    if (k === "n") { step(1); } else if (k === "p") { step(-1); } else if (k === "f") { network.fit(); } else if (k === "enter" && selected !== null) { expand(selected); } else { return; }
    ev.preventDefault();
  });

  // For tests and the curious: the live network.
  window.legalGraph = { network: network, nodes: nodes, edges: edges };
})();
