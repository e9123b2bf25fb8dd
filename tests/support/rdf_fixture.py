"""A small dataset shaped like a build (docs/data-model.md), for export and linked-data tests."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

ARTICLE_ID = "000_abc"
PROPOSAL = "https://w3id.org/cmkg/id/putin-offer"
PUTIN = "https://w3id.org/cmkg/id/vladimir-putin"
EVIDENCE = f"https://w3id.org/cmkg/id/evidence/{ARTICLE_ID}/5-42"

DATASET_TRIG = r"""
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix article: <https://w3id.org/cmkg/article/> .
@prefix graph: <https://w3id.org/cmkg/graph/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

graph:ontology {
  <https://w3id.org/cmkg/ontology> a owl:Ontology ; rdfs:label "CMKG ontology"@en .
  cmkg:Proposal a owl:Class ; rdfs:label "Proposal"@en .
  cmkg:Sanction a owl:Class ; rdfs:label "Sanction"@en .
  cmkg:Person a owl:Class ; rdfs:label "Person"@en .
  cmkg:proposedBy a owl:ObjectProperty ; rdfs:label "proposed by"@en .
}

graph:entities {
  cmkgid:vladimir-putin a cmkg:Person ; rdfs:label "Vladimir Putin"@en ;
      skos:altLabel "Путин"@ru ; owl:sameAs <http://www.wikidata.org/entity/Q7747> .
  cmkgid:united-states a cmkg:Country ; rdfs:label "United States"@en .
  cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en .
  cmkgid:rare-earth-elements a cmkg:Resource ; rdfs:label "rare earth elements"@en .
}

graph:000_abc {
  article:000_abc a cmkg:Article ;
      dcterms:title "Putin's \"rare earth\" offer <b>& more</b>"@en ;
      dcterms:date "2025-02-24"^^xsd:date ;
      dcterms:source "000_abc.txt" .
  cmkgid:putin-offer a cmkg:Proposal ;
      rdfs:label "Putin offers US companies rare-earth deals"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ;
      cmkg:proposedTo cmkgid:united-states ;
      cmkg:concernsResource cmkgid:rare-earth-elements ;
      cmkg:condition "if the \"pesky\" duties\nare scrapped" ;
      cmkg:reviewStatus cmkg:Accepted ;
      cmkg:confidence "1.0"^^xsd:decimal ;
      prov:wasDerivedFrom article:000_abc ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/000_abc/5-42> .
  <https://w3id.org/cmkg/id/evidence/000_abc/5-42> a oa:SpecificResource ;
      oa:hasSource article:000_abc ;
      oa:hasSelector <https://w3id.org/cmkg/id/evidence/000_abc/5-42/quote> ,
                     <https://w3id.org/cmkg/id/evidence/000_abc/5-42/position> .
  <https://w3id.org/cmkg/id/evidence/000_abc/5-42/quote> a oa:TextQuoteSelector ;
      oa:exact "Putin <script>offered</script> \"joint\" rare-earth work" ;
      oa:prefix "In Moscow, " ; oa:suffix " with US firms." .
  <https://w3id.org/cmkg/id/evidence/000_abc/5-42/position> a oa:TextPositionSelector ;
      oa:start 5 ; oa:end 42 .
  cmkgid:us-rare-earth-sanction a cmkg:Sanction ;
      rdfs:label "US sanctions on Russian rare-earth exports"@en ;
      cmkg:imposedBy cmkgid:united-states ;
      cmkg:targets cmkgid:russia ;
      cmkg:coversResource cmkgid:rare-earth-elements ;
      cmkg:reviewStatus cmkg:Accepted ;
      prov:wasDerivedFrom article:000_abc .
}

graph:inferred {
  cmkgid:putin-offer cmkg:conflictsWith cmkgid:us-rare-earth-sanction .
}
"""


def load_dataset(path: Path | None = None, trig: str = DATASET_TRIG) -> pyoxigraph.Store:
    """A store (on disk at ``path`` when given, else in memory) holding ``trig``."""
    store = pyoxigraph.Store(str(path)) if path is not None else pyoxigraph.Store()
    store.load(trig.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    return store
