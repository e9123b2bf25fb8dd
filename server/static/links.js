// Where a browser should go for one of the dataset's IRIs: this server, never w3id.org.
// (The same rule as server/links.py.)
"use strict";
window.cmkgHref = function (iri) {
  var base = "https://w3id.org/cmkg/";
  if (iri.indexOf(base + "id/") === 0) return "/id/" + iri.slice(base.length + 3);
  if (iri.indexOf(base + "ontology#") === 0) return "/ontology#" + iri.slice(base.length + 9);
  if (iri === base + "ontology") return "/ontology";
  if (iri.indexOf(base + "article/") === 0) return "/article/" + iri.slice(base.length + 8);
  return null;
};
