"""Assembling RDF from metadata + review files + registry, as docs/data-model.md shows."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.errors import InputError
from kg.graph.assemble import assemble_dataset
from kg.rdf.terms import ENTITIES_GRAPH, ONTOLOGY_GRAPH, PREFIXES, article_graph
from tests.support.tiny_corpus import (
    ARTICLE,
    PROPOSAL_QUOTE,
    TEXT,
    review_data,
    settings_for,
    write_review,
    write_tiny_corpus,
)

CMKG = rdflib.Namespace(PREFIXES["cmkg"])
RDF = rdflib.Namespace(PREFIXES["rdf"])
RDFS = rdflib.Namespace(PREFIXES["rdfs"])
XSD = rdflib.Namespace(PREFIXES["xsd"])
ID = rdflib.Namespace("https://w3id.org/cmkg/id/")
OA = rdflib.Namespace(PREFIXES["oa"])
PROV = rdflib.Namespace(PREFIXES["prov"])
SCHEMA = rdflib.Namespace(PREFIXES["schema"])
DCTERMS = rdflib.Namespace(PREFIXES["dcterms"])
ARTICLE_NODE = rdflib.URIRef(f"https://w3id.org/cmkg/article/{ARTICLE}")
EVIDENCE = rdflib.URIRef(f"https://w3id.org/cmkg/id/evidence/{ARTICLE}/0-{len(PROPOSAL_QUOTE)}")

MINI_ONTOLOGY = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
cmkg:Actor a owl:Class . cmkg:Person a owl:Class ; rdfs:subClassOf cmkg:Actor .
cmkg:Claim a owl:Class . cmkg:Country a owl:Class ; rdfs:subClassOf cmkg:Actor .
cmkg:about a owl:ObjectProperty .
cmkg:quantity a owl:DatatypeProperty ; rdfs:range xsd:decimal .
cmkg:rank a owl:DatatypeProperty ; rdfs:range xsd:integer .
cmkg:unit a owl:DatatypeProperty ; rdfs:range xsd:string .
"""


def _article(tiny: Path) -> rdflib.Graph:
    return assemble_dataset(settings_for(tiny)).graphs[article_graph(ARTICLE)]


def test_article_node_from_metadata(tiny: Path) -> None:
    g = _article(tiny)
    assert (ARTICLE_NODE, RDF.type, CMKG.Article) in g
    assert g.value(ARTICLE_NODE, DCTERMS.date) == rdflib.Literal("2025-03-01", datatype=XSD.date)
    assert g.value(ARTICLE_NODE, DCTERMS.title) == rdflib.Literal(
        "Putin offers rare earths", lang="en"
    )
    assert g.value(ARTICLE_NODE, CMKG.datePrecision) == rdflib.Literal("month")
    assert g.value(ARTICLE_NODE, DCTERMS.source) == rdflib.Literal(f"{ARTICLE}.txt")
    mentioned = set(g.objects(ARTICLE_NODE, SCHEMA.mentions))
    # from mentions, from property values (accepted and candidate), not from rejected ones
    assert {ID["vladimir-putin"], ID["us-companies"], ID["russia"]} <= mentioned
    assert {ID["rare-earth-elements"], ID["us-treasury-department"]} <= mentioned
    assert ID["nobody-known"] not in mentioned


def test_assertion_nodes_are_typed_with_provenance(tiny: Path) -> None:
    g = _article(tiny)
    offer = ID["putin-rare-earth-offer"]
    assert (offer, RDF.type, CMKG.Proposal) in g
    assert (offer, CMKG.proposedBy, ID["vladimir-putin"]) in g
    assert g.value(offer, CMKG.date) == rdflib.Literal("2025-02-24", datatype=XSD.date)
    assert g.value(offer, CMKG.reviewStatus) == CMKG.Accepted
    assert g.value(offer, CMKG.confidence) == rdflib.Literal("0.8", datatype=XSD.decimal)
    assert g.value(offer, CMKG.candidateId) == rdflib.Literal("proposal-00000001")
    assert g.value(offer, CMKG.extractorVersion) == rdflib.Literal("cmkg-rules 0.1.0")
    assert g.value(offer, PROV.wasDerivedFrom) == ARTICLE_NODE
    assert g.value(offer, RDFS.label).language == "en"  # type: ignore[union-attr]
    sanction = ID["sanction-00000002"]  # no node given: the candidate id is the slug
    assert g.value(sanction, CMKG.reviewStatus) == CMKG.Candidate
    assert g.value(sanction, CMKG.status) == CMKG.InForce
    assert not list(g.subjects(CMKG.candidateId, rdflib.Literal("meeting-00000003")))


def test_evidence_nodes_follow_the_data_model(tiny: Path) -> None:
    g = _article(tiny)
    assert g.value(ID["putin-rare-earth-offer"], CMKG.evidence) == EVIDENCE
    assert (EVIDENCE, RDF.type, OA.SpecificResource) in g
    assert g.value(EVIDENCE, OA.hasSource) == ARTICLE_NODE
    assert g.value(EVIDENCE, CMKG.sentenceIndex) == rdflib.Literal(
        0, datatype=XSD.nonNegativeInteger
    )
    quote = rdflib.URIRef(f"{EVIDENCE}/quote")
    position = rdflib.URIRef(f"{EVIDENCE}/position")
    assert set(g.objects(EVIDENCE, OA.hasSelector)) == {quote, position}
    assert g.value(quote, OA.exact) == rdflib.Literal(PROPOSAL_QUOTE)
    assert g.value(quote, OA.prefix) is None  # the quote starts the text
    assert g.value(quote, OA.suffix) == rdflib.Literal(TEXT[len(PROPOSAL_QUOTE) :][:32])
    assert g.value(position, OA.start) == rdflib.Literal(0, datatype=XSD.nonNegativeInteger)
    end = rdflib.Literal(len(PROPOSAL_QUOTE), datatype=XSD.nonNegativeInteger)
    assert g.value(position, OA.end) == end
    second = rdflib.URIRef(f"https://w3id.org/cmkg/id/evidence/{ARTICLE}/42-94")
    assert g.value(rdflib.URIRef(f"{second}/quote"), OA.prefix) == rdflib.Literal(TEXT[10:42])


def test_no_blank_nodes_and_graph_names(tiny: Path) -> None:
    graphs = assemble_dataset(settings_for(tiny)).graphs
    assert set(graphs) == {ONTOLOGY_GRAPH, ENTITIES_GRAPH, article_graph(ARTICLE)}
    for iri in (ENTITIES_GRAPH, article_graph(ARTICLE)):
        for triple in graphs[iri]:
            assert not any(isinstance(t, rdflib.BNode) for t in triple), triple


def _claim(properties: dict[str, list[str]], ctype: str = "Claim") -> dict[str, object]:
    data = review_data()
    data["candidates"] = [
        {
            "id": "claim-00000009",
            "type": ctype,
            "status": "accepted",
            "origin": "curator",
            "confidence": 1.0,
            "properties": properties,
            "evidence": [{"start": 0, "end": 5, "quote": "Putin"}],
        }
    ]
    data["mentions"] = []
    return data


def test_datatypes_come_from_the_ontology(tiny: Path) -> None:
    write_review(
        tiny, _claim({"quantity": ["3.8"], "rank": ["5"], "unit": ["t"], "about": ["russia"]})
    )
    ontology = rdflib.Graph().parse(data=MINI_ONTOLOGY, format="turtle")
    g = assemble_dataset(settings_for(tiny), ontology=ontology).graphs[article_graph(ARTICLE)]
    claim = ID["claim-00000009"]
    assert g.value(claim, CMKG.quantity) == rdflib.Literal("3.8", datatype=XSD.decimal)
    assert g.value(claim, CMKG.rank) == rdflib.Literal("5", datatype=XSD.integer)
    assert g.value(claim, CMKG.unit) == rdflib.Literal("t")
    assert g.value(claim, CMKG.about) == ID["russia"]
    assert g.value(claim, CMKG.extractorVersion) is None  # curator entries carry no extractor
    # the same key declared as an object property gives an IRI instead
    flipped = MINI_ONTOLOGY.replace(
        "cmkg:unit a owl:DatatypeProperty", "cmkg:unit a owl:ObjectProperty"
    )
    write_review(tiny, _claim({"unit": ["russia"]}))
    ontology = rdflib.Graph().parse(data=flipped, format="turtle")
    g = assemble_dataset(settings_for(tiny), ontology=ontology).graphs[article_graph(ARTICLE)]
    assert g.value(claim, CMKG.unit) == ID["russia"]


BAD_REVIEWS = [
    ({"proposedByy": ["vladimir-putin"]}, "Proposal", "unknown property 'proposedByy'"),
    ({"proposedBy": ["vladimir-putn"]}, "Proposal", "'vladimir-putn' is not a registry slug"),
    ({"date": ["24 Feb 2025"]}, "Proposal", "is not an xsd:date"),
    ({"quantity": ["about 3.8"]}, "Claim", "is not an xsd:decimal"),
    ({}, "Proposl", "type 'Proposl' is not a cmkg class"),
]


@pytest.mark.parametrize(("properties", "ctype", "message"), BAD_REVIEWS)
def test_bad_review_entries_are_named(
    tiny: Path, properties: dict[str, list[str]], ctype: str, message: str
) -> None:
    write_review(tiny, _claim(properties, ctype))
    with pytest.raises(InputError) as caught:
        assemble_dataset(settings_for(tiny))
    assert f"article {ARTICLE}, candidate claim-00000009" in caught.value.message
    assert message in caught.value.message


def test_reference_to_a_node_of_another_review_file_resolves(tiny: Path) -> None:
    write_review(tiny, _claim({"about": ["sanction-00000002"]}))
    with pytest.raises(InputError, match="sanction-00000002"):
        assemble_dataset(settings_for(tiny))  # that node no longer exists anywhere
    data = _claim({"about": ["putin-rare-earth-offer"]})
    data["candidates"] = [*review_data()["candidates"], *data["candidates"]]  # type: ignore[misc]
    write_review(tiny, data)
    g = assemble_dataset(settings_for(tiny)).graphs[article_graph(ARTICLE)]
    assert g.value(ID["claim-00000009"], CMKG.about) == ID["putin-rare-earth-offer"]


def test_without_review_files_only_article_nodes(home: Path) -> None:
    write_tiny_corpus(home, with_review=False)
    result = assemble_dataset(settings_for(home))
    g = result.graphs[article_graph(ARTICLE)]
    assert set(g.subjects()) == {ARTICLE_NODE}
    assert result.quotes == [] and not result.assertions


def test_missing_registry_gives_an_empty_entities_graph(home: Path) -> None:
    write_tiny_corpus(home, with_review=False)
    (home / "corpus" / "entities.ttl").unlink()
    result = assemble_dataset(settings_for(home))
    assert len(result.graphs[ENTITIES_GRAPH]) == 0
    assert any("no entity registry" in w for w in result.warnings)


def test_missing_registry_with_references_names_the_slug(tiny: Path) -> None:
    (tiny / "corpus" / "entities.ttl").unlink()
    with pytest.raises(InputError, match="vladimir-putin"):
        assemble_dataset(settings_for(tiny))


def test_review_file_of_unknown_article(tiny: Path) -> None:
    write_review(tiny, {**review_data(), "article": "ghost"}, article="ghost")
    with pytest.raises(InputError, match="ghost"):
        assemble_dataset(settings_for(tiny))


def test_held_candidates_are_not_exported(tiny: Path) -> None:
    """The review file's ``held:`` list (low-confidence machine candidates) stays out of the
    graph until a curator accepts one."""
    data = review_data()
    held = dict(data["candidates"][0])  # type: ignore[index]
    held.update(id="proposal-0000held", status="candidate", node=None, confidence=0.1)
    del held["node"]
    data["held"] = [held]
    write_review(tiny, data)
    g = _article(tiny)
    assert (ID["proposal-0000held"], None, None) not in g
    assert (ID["putin-rare-earth-offer"], RDF.type, CMKG.Proposal) in g
