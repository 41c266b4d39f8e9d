// The graph page: draws the walk with vis-network, lays it out once, then stops the physics
// (no endless motion, usable at 1,000 nodes). Click a node: its details; double-click or
// "Expand": fetch its links and add them. Text from documents is only ever set with
// textContent / vis-network's own innerText tooltips, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var query = JSON.parse(document.getElementById("graph-query").textContent);
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = document.getElementById("layout-state");
  var selected = null;

  var settled = false;
  function ready() {
    if (settled) { return; }
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    state.textContent = "Layout done.";
    document.body.dataset.graph = "ready";
  }
  network.on("stabilizationProgress", function (p) {
    state.textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);  // whichever comes first
  if (nodes.length <= 1 || network.physics.stabilized) { ready(); }

  function urlFor(template, key) {
    return template.replace("__KEY__", key.split("/").map(encodeURIComponent).join("/"));
  }

  function show(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    selected = id;
    var m = n.meta || {};
    document.getElementById("details-label").textContent = n.label;
    document.getElementById("details-title").textContent = m.title || "";
    document.getElementById("details-date").textContent = m.date || "unknown";
    document.getElementById("details-issuer").textContent = m.issuer || "unknown";
    document.getElementById("details-level").textContent = m.level || "unknown";
    document.getElementById("details-open").href = urlFor(container.dataset.doc, m.key);
    document.getElementById("details").hidden = false;
  }

  function expand(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var params = new URLSearchParams({ mode: "neighbourhood", depth: "1" });
    query.relations.forEach(function (r) { params.append("rel", r); });
    state.textContent = "Expanding " + n.label + "…";
    fetch(urlFor(container.dataset.expand, n.meta.key) + "?" + params.toString())
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (more) {
        var origin = network.getPosition(id);
        var fresh = more.nodes.filter(function (x) { return !nodes.get(x.id); });
        // New nodes on a circle round the expanded one: no physics needed to place them.
        fresh.forEach(function (x, i) {
          var a = (2 * Math.PI * i) / Math.max(fresh.length, 1);
          x.x = origin.x + 160 * Math.cos(a);
          x.y = origin.y + 160 * Math.sin(a);
        });
        nodes.add(fresh);
        edges.add(more.edges.filter(function (e) { return !edges.get(e.id); }));
        state.textContent = "Added " + fresh.length + " documents.";
        document.body.dataset.expanded = String(fresh.length);
      })
      .catch(function (err) { state.textContent = "Could not expand: " + err.message; });
  }

  network.on("click", function (p) { if (p.nodes.length) { show(p.nodes[0]); } });
  network.on("doubleClick", function (p) { if (p.nodes.length) { expand(p.nodes[0]); } });
  document.getElementById("details-expand").addEventListener("click", function () {
    if (selected !== null) { expand(selected); }
  });

  // For tests and the curious: the live network.
  window.legalGraph = { network: network, nodes: nodes, edges: edges };
})();
