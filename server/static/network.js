// The network view: Cytoscape.js draws the nodes and edges the server computed.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var container = document.getElementById("network");
  var elements = data.nodes.map(function (n) { return { group: "nodes", data: n }; })
    .concat(data.edges.map(function (e) { return { group: "edges", data: e }; }));
  var cy = window.cytoscape({
    container: container,
    elements: elements,
    // Deterministic rings: measures in the middle, proposals around them, actors outside.
    layout: { name: "concentric", animate: false, padding: 30, minNodeSpacing: 70, startAngle: 3 * Math.PI / 2,
      concentric: function (node) { return { Measure: 3, Proposal: 2 }[node.data("group")] || 1; },
      levelWidth: function () { return 1; } },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", "label": "data(label)", "font-size": 11,
        "text-wrap": "wrap", "text-max-width": 150, "text-valign": "bottom", "text-margin-y": 4, "width": 26, "height": 26,
        "border-width": 1, "border-color": "#555" } },
      { selector: "node[group = 'Actor']", style: { "shape": "round-rectangle" } },
      { selector: "node[group = 'Measure']", style: { "shape": "diamond", "width": 32, "height": 32 } },
      { selector: "edge", style: { "width": 1.5, "line-color": "#aaa", "target-arrow-color": "#aaa",
        "target-arrow-shape": "triangle", "curve-style": "bezier" } },
      { selector: "edge[kind = 'conflict']", style: { "width": 3, "line-color": "#d62828", "target-arrow-color": "#d62828",
        "label": "data(label)", "font-size": 10, "color": "#a11", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.85 } }
    ]
  });
  cy.on("tap", "node, edge", function (event) {
    var href = event.target.data("href");
    if (href) window.location.href = href;
  });
  window.cmkgNetwork = cy;
  container.dataset.drawnNodes = String(cy.nodes().length);
  container.dataset.drawnEdges = String(cy.edges().length);
})();
