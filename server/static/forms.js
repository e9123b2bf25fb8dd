// Canned-query forms: IRI parameters suggest names from the search index as you type.
"use strict";
(function () {
  document.querySelectorAll("input[data-complete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var pending = null;
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || text.indexOf("/") >= 0) return;
      var url = new URL(input.dataset.complete, window.location.href);
      url.searchParams.set("q", text);
      if (input.dataset.class) url.searchParams.set("class", input.dataset.class);
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, { signal: pending.signal }).then(function (r) { return r.json(); }).then(function (names) {
        list.innerHTML = "";
        names.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name.iri.indexOf("https://w3id.org/cmkg/id/") === 0 ? name.iri.slice(25) : name.iri;
          option.textContent = name.label + " (" + name["class"] + ")";
          list.appendChild(option);
        });
      }).catch(function () { /* a newer request replaced this one */ });
    });
  });
})();
