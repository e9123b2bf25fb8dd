// The SPARQL editor: YASGUI bound to this server's endpoint only. The class and property
// completers (which ask lov.linkeddata.es) and the endpoint catalogue (DBpedia, Wikidata)
// are switched off, and nothing is kept in localStorage, so nothing leaves this host.
"use strict";
(function () {
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var YasguiClass = window.Yasgui.default || window.Yasgui.Yasgui || window.Yasgui;
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var yasgui = new YasguiClass(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    persistenceId: null,
    populateFromUrl: false,
    autofocus: true,
    yasqe: { value: config.query, autocompleters: ["prefixes", "variables"], persistenceId: null },
    yasr: { prefixes: config.prefixes, persistenceId: null }
  });
  var tab = yasgui.getTab();
  var yasqe = tab.getYasqe();
  yasqe.setValue(config.query);

  // Results link to this server's pages, in this tab.
  function relink(root) {
    root.querySelectorAll("a[href]").forEach(function (a) {
      var href = window.cmkgHref(a.getAttribute("href"));
      if (href) { a.setAttribute("href", href); a.removeAttribute("target"); }
    });
  }
  var results = document.getElementById("yasgui");
  new MutationObserver(function () { relink(results); }).observe(results, { childList: true, subtree: true });

  document.querySelectorAll("button[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      yasqe.setValue(config.examples[Number(button.dataset.example)].query);
      yasqe.focus();
    });
  });
  if (config.run) { yasqe.query(); }
})();
