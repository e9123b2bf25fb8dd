"""A small knowledge graph shaped like the seed build (docs/data-model.md), as inline TriG.

Shared by the canned-query, inference, API and CLI tests so that they do not depend on
the full pipeline; the seed-result tests (test_seed_queries.py) use the real build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

PREFIXES = """
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix article: <https://w3id.org/cmkg/article/> .
@prefix graph: <https://w3id.org/cmkg/graph/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

ONTOLOGY = """
graph:ontology {
  cmkg:Actor rdfs:subClassOf prov:Agent .
  cmkg:Person rdfs:subClassOf cmkg:Actor .
  cmkg:Organization rdfs:subClassOf cmkg:Actor .
  cmkg:Company rdfs:subClassOf cmkg:Organization .
  cmkg:GovernmentBody rdfs:subClassOf cmkg:Organization .
  cmkg:Country rdfs:subClassOf cmkg:Actor , cmkg:Place .
  cmkg:Region rdfs:subClassOf cmkg:Place .
  cmkg:Event rdfs:subClassOf prov:Activity .
  cmkg:Proposal rdfs:subClassOf cmkg:Event .
  cmkg:Meeting rdfs:subClassOf cmkg:Event .
  cmkg:RestrictiveMeasure rdfs:subClassOf cmkg:Measure .
  cmkg:SupportMeasure rdfs:subClassOf cmkg:Measure .
  cmkg:Sanction rdfs:subClassOf cmkg:RestrictiveMeasure .
  cmkg:Tariff rdfs:subClassOf cmkg:RestrictiveMeasure .
  cmkg:ExportControl rdfs:subClassOf cmkg:RestrictiveMeasure .
  cmkg:Claim rdfs:subClassOf prov:Entity .
  cmkg:proposedBy a owl:ObjectProperty ; rdfs:domain cmkg:Proposal ; rdfs:range cmkg:Actor .
  cmkg:proposedTo a owl:ObjectProperty ; rdfs:domain cmkg:Proposal ; rdfs:range cmkg:Actor .
  cmkg:imposedBy a owl:ObjectProperty ; rdfs:domain cmkg:Measure ; rdfs:range cmkg:Actor .
  cmkg:participant a owl:ObjectProperty ; rdfs:range cmkg:Actor .
  cmkg:evidence a owl:ObjectProperty ; rdfs:range oa:SpecificResource .
  cmkg:conflictsWith a owl:ObjectProperty , owl:SymmetricProperty .
  cmkg:roleOf a owl:ObjectProperty ; owl:inverseOf cmkg:hasRole .
  cmkg:concernsResource a owl:ObjectProperty .
  cmkg:coversResource a owl:ObjectProperty ; rdfs:subPropertyOf cmkg:concernsResource .
}
"""

ENTITIES = """
graph:entities {
  cmkgid:vladimir-putin a cmkg:Person ; rdfs:label "Vladimir Putin"@en ;
      cmkg:jurisdiction cmkgid:russia .
  cmkgid:scott-bessent a cmkg:Person ; rdfs:label "Scott Bessent"@en ;
      cmkg:jurisdiction cmkgid:united-states .
  cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en .
  cmkgid:united-states a cmkg:Country ; rdfs:label "United States"@en ;
      skos:altLabel "Washington"@en .
  cmkgid:china a cmkg:Country ; rdfs:label "China"@en .
  cmkgid:us-companies a cmkg:Company ; rdfs:label "US companies"@en ;
      cmkg:jurisdiction cmkgid:united-states .
  cmkgid:us-treasury-department a cmkg:GovernmentBody ; rdfs:label "US Treasury Department"@en ;
      cmkg:jurisdiction cmkgid:united-states .
  cmkgid:us-geological-survey a cmkg:GovernmentBody ; rdfs:label "US Geological Survey"@en ;
      cmkg:jurisdiction cmkgid:united-states .
  cmkgid:russian-government a cmkg:GovernmentBody ; rdfs:label "Russian Government"@en ;
      skos:altLabel "Kremlin"@en ; cmkg:jurisdiction cmkgid:russia .
  cmkgid:mp-materials a cmkg:Company ; rdfs:label "MP Materials"@en ;
      cmkg:jurisdiction cmkgid:united-states .
  cmkgid:rare-earth-elements a cmkg:Resource ; rdfs:label "rare earth elements"@en .
  cmkgid:aluminium a cmkg:Resource ; rdfs:label "aluminium"@en .
  cmkgid:tungsten a cmkg:Resource ; rdfs:label "tungsten"@en .
  cmkgid:krasnoyarsk a cmkg:Region ; rdfs:label "Krasnoyarsk"@en .
  cmkgid:murmansk a cmkg:Region ; rdfs:label "Murmansk"@en .
  cmkgid:saudi-arabia a cmkg:Country ; rdfs:label "Saudi Arabia"@en .
}
"""


def evidence(article: str, start: int, end: int, quote: str) -> str:
    """Turtle for one evidence node with its two selectors (data-model.md)."""
    ev = f"<https://w3id.org/cmkg/id/evidence/{article}/{start}-{end}>"
    sel = f"https://w3id.org/cmkg/id/evidence/{article}/{start}-{end}"
    return f"""
  {ev} a oa:SpecificResource ; oa:hasSource article:{article} ;
      oa:hasSelector <{sel}/quote> , <{sel}/position> .
  <{sel}/quote> a oa:TextQuoteSelector ; oa:exact "{quote}" ; oa:prefix "" ; oa:suffix "" .
  <{sel}/position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} .
"""


ARTICLE_A = (
    """
graph:art-a {
  article:art-a a cmkg:Article ; dcterms:title "Putin offers deals"@en ;
      dcterms:date "2026-02-15"^^xsd:date ;
      schema:mentions cmkgid:vladimir-putin , cmkgid:us-companies , cmkgid:scott-bessent .
  cmkgid:exploration-offer a cmkg:Proposal ; rdfs:label "Joint rare-earth exploration offer"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:proposedTo cmkgid:us-companies ;
      cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:concernsPlace cmkgid:krasnoyarsk ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/10-60> .
  cmkgid:aluminium-offer a cmkg:Proposal ; rdfs:label "Aluminium supply offer"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:proposedTo cmkgid:united-states ;
      cmkg:concernsResource cmkgid:aluminium ; cmkg:conditionOnMeasure cmkgid:us-aluminium-duties ;
      cmkg:condition "if those pesky 2023 duties are scrapped" ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/100-150> .
  cmkgid:murmansk-offer a cmkg:Proposal ; rdfs:label "Murmansk offer (unreviewed)"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:proposedTo cmkgid:us-companies ;
      cmkg:concernsPlace cmkgid:murmansk ; cmkg:date "2025-03-01"^^xsd:date ;
      cmkg:reviewStatus cmkg:Candidate ; cmkg:confidence 0.6 ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/200-230> .
  cmkgid:us-aluminium-duties a cmkg:Tariff ; rdfs:label "2023 US duties on Russian aluminium"@en ;
      cmkg:imposedBy cmkgid:united-states ; cmkg:targets cmkgid:russia ;
      cmkg:coversResource cmkgid:aluminium ; cmkg:startDate "2023-03-10"^^xsd:date ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/100-150> .
  cmkgid:us-sanctions-on-russia a cmkg:Sanction ; rdfs:label "US sanctions on Russia"@en ;
      cmkg:imposedBy cmkgid:us-treasury-department ; cmkg:targets cmkgid:russia ;
      cmkg:startDate "2022-02-24"^^xsd:date ; cmkg:status cmkg:InForce ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/300-340> .
  cmkgid:china-export-controls a cmkg:ExportControl ;
      rdfs:label "China's export controls on tungsten"@en ;
      cmkg:imposedBy cmkgid:china ; cmkg:coversResource cmkgid:tungsten ;
      cmkg:startDate "2026-01-01"^^xsd:date ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/400-440> .
  cmkgid:dod-price-floor a cmkg:SupportMeasure ; rdfs:label "DoD price floor"@en ;
      cmkg:imposedBy cmkgid:united-states ; cmkg:coversResource cmkgid:rare-earth-elements ;
      cmkg:status cmkg:InForce ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/450-480> .
  cmkgid:claim-reserves-usgs a cmkg:Claim ; rdfs:label "Russia's reserves per USGS"@en ;
      cmkg:claimant cmkgid:us-geological-survey ; cmkg:about cmkgid:russia ;
      cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind "reserves" ;
      cmkg:quantity 3800000.0 ; cmkg:unit "t" ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/500-560> .
  cmkgid:claim-reserves-kremlin a cmkg:Claim ; rdfs:label "Russia's reserves per Kremlin"@en ;
      cmkg:claimant cmkgid:russian-government ; cmkg:about cmkgid:russia ;
      cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind "reserves" ;
      cmkg:quantity 28000000.0 ; cmkg:unit "t" ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/500-560> .
  cmkgid:claim-china-processing a cmkg:Claim ; rdfs:label "China's processing share"@en ;
      cmkg:claimant article:art-a ; cmkg:about cmkgid:china ;
      cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind "processing-share" ;
      cmkg:quantity 90.0 ; cmkg:unit "%" ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/600-640> .
  cmkgid:riyadh-meeting a cmkg:Meeting ; rdfs:label "Dmitriev meets US representatives"@en ;
      cmkg:participant cmkgid:vladimir-putin , cmkgid:scott-bessent ;
      cmkg:concernsPlace cmkgid:saudi-arabia ; cmkg:concernsResource cmkgid:rare-earth-elements ;
      cmkg:date "2025-02-18"^^xsd:date ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/700-740> .
  cmkgid:role-bessent a cmkg:Role ; rdfs:label "Treasury Secretary"@en ;
      cmkg:roleOf cmkgid:scott-bessent ; cmkg:roleIn cmkgid:us-treasury-department ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/700-740> .
  cmkgid:dependency-mp-china a cmkg:Dependency ; rdfs:label "MP Materials relies on China"@en ;
      cmkg:dependent cmkgid:mp-materials ; cmkg:dependsOn cmkgid:china ;
      cmkg:forActivity "processing" ; cmkg:concernsResource cmkgid:rare-earth-elements ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-a ;
      cmkg:evidence <https://w3id.org/cmkg/id/evidence/art-a/800-840> .
"""
    + evidence("art-a", 10, 60, "Putin is proposing joint exploration")
    + evidence("art-a", 100, 150, "if those pesky 2023 duties are scrapped")
    + evidence("art-a", 200, 230, "regions such as Murmansk")
    + evidence("art-a", 300, 340, "strict sanctions on Russian industries")
    + evidence("art-a", 400, 440, "export controls on silver and tungsten")
    + evidence("art-a", 450, 480, "setting minimum prices")
    + evidence("art-a", 500, 560, "roughly 3.8 million tons according to the USGS")
    + evidence("art-a", 600, 640, "They control about 90% of the processing")
    + evidence("art-a", 700, 740, "met with US representatives in Saudi Arabia")
    + evidence("art-a", 800, 840, "heavily dependent on China for processing")
    + "}\n"
)


def mini_trig() -> str:
    return PREFIXES + ONTOLOGY + ENTITIES + ARTICLE_A


def mini_store(*, infer: bool = True) -> pyoxigraph.Store:
    """An in-memory store with the mini KG loaded (and inference applied)."""
    store = pyoxigraph.Store()
    store.load(mini_trig().encode(), format=pyoxigraph.RdfFormat.TRIG)
    if infer:
        from kg.graph.inference import apply_rules

        apply_rules(store)
    return store


def write_mini_store(store_dir: Path) -> None:
    """Write the mini KG (with inference and query descriptions) as an on-disk store."""
    from kg.graph.inference import apply_rules
    from kg.publish.canned import query_descriptions_turtle
    from kg.rdf.terms import QUERIES_GRAPH

    store_dir.parent.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(store_dir))
    store.load(mini_trig().encode(), format=pyoxigraph.RdfFormat.TRIG)
    store.load(
        query_descriptions_turtle().encode(),
        format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode(QUERIES_GRAPH),
    )
    apply_rules(store)
    store.flush()
    del store  # releases the RocksDB lock
