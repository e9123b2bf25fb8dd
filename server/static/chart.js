// Chart and timeline views: vega-embed renders the Vega-Lite spec the server wrote
// (SVG, no action menu, nothing loaded from elsewhere).
"use strict";
(function () {
  var spec = JSON.parse(document.getElementById("view-data").textContent);
  var container = document.getElementById("chart");
  window.vegaEmbed(container, spec, { actions: false, renderer: "svg" }).then(function (result) {
    container.dataset.drawn = "true";
    window.cmkgChart = result.view;
  }).catch(function (error) { console.error(error); });
})();
