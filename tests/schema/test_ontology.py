"""The ontology (ontology/cmkg.ttl): parsers, terms, hierarchy, ranges, alignments, HermiT."""

from __future__ import annotations

import shutil
import subprocess

import pyoxigraph
import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.rdf.terms import CMKG, ONTOLOGY, PREFIXES
from kg.resources import ontology_file, shapes_file
from kg.schema.check import check_ontology

PROV = rdflib.Namespace(PREFIXES["prov"])
OA = rdflib.Namespace(PREFIXES["oa"])
SCHEMA = rdflib.Namespace(PREFIXES["schema"])
C = rdflib.Namespace(CMKG)

ONTOLOGY_GRAPH = rdflib.Graph().parse(ontology_file(), format="turtle")  # for parametrising
DECLARED_TERMS = sorted(
    str(s)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    for s in ONTOLOGY_GRAPH.subjects(RDF.type, kind)
    if str(s).startswith(CMKG)
)

# Every term of the core vocabulary (docs/data-model.md), with its OWL type.
TERM_TYPES: dict[str, rdflib.URIRef] = {
    **{
        name: OWL.Class
        for name in [
            "Actor",
            "Person",
            "Organization",
            "Company",
            "GovernmentBody",
            "StateEntity",
            "Country",
            "Place",
            "Region",
            "Resource",
            "Event",
            "Proposal",
            "Agreement",
            "Meeting",
            "Measure",
            "RestrictiveMeasure",
            "Sanction",
            "Tariff",
            "ExportControl",
            "SupportMeasure",
            "Claim",
            "Conflict",
            "Article",
            "Role",
            "Project",
            "Dependency",
            "ConflictBasis",
            "MeasureStatus",
            "ReviewStatus",
            "KnownEvent",
            "EventMatch",
        ]
    },
    **{
        name: OWL.ObjectProperty
        for name in [
            "proposedBy",
            "proposedTo",
            "concernsResource",
            "concernsPlace",
            "participant",
            "imposedBy",
            "targets",
            "coversResource",
            "status",
            "claimant",
            "about",
            "roleOf",
            "roleIn",
            "holdsRole",
            "conflictsWith",
            "evidence",
            "reviewStatus",
            "jurisdiction",
            "locatedIn",
            "dependent",
            "dependsOn",
            "conditionOnMeasure",
            "proposal",
            "measure",
            "basis",
            "sameEventAs",
            "matchedEvent",
        ]
    },
    **{
        name: OWL.DatatypeProperty
        for name in [
            "condition",
            "startDate",
            "endDate",
            "quantity",
            "unit",
            "date",
            "datePrecision",
            "sha256",
            "confidence",
            "candidateId",
            "extractorVersion",
            "sentenceIndex",
            "claimKind",
            "forActivity",
            "reason",
            "matchScore",
            "matchReason",
        ]
    },
    **{
        name: OWL.NamedIndividual
        for name in [
            "Accepted",
            "Candidate",
            "Rejected",
            "InForce",
            "Lifted",
            "Planned",
            "ImposerIsCounterpartyJurisdiction",
            "TargetsProposer",
            "TargetsProposerCountry",
            "CoversResource",
            "CoversPlace",
            "ConditionRequiresRemoval",
            "ImposerIsProposerJurisdiction",
            "TargetsCounterparty",
        ]
    },
}

SUBCLASS_OF = [
    ("Sanction", C.RestrictiveMeasure),
    ("Tariff", C.RestrictiveMeasure),
    ("ExportControl", C.RestrictiveMeasure),
    ("RestrictiveMeasure", C.Measure),
    ("SupportMeasure", C.Measure),
    ("Country", C.Actor),
    ("Country", C.Place),
    ("Region", C.Place),
    ("Person", C.Actor),
    ("Company", C.Organization),
    ("GovernmentBody", C.Organization),
    ("StateEntity", C.Organization),
    ("Organization", C.Actor),
    ("Proposal", C.Event),
    ("Agreement", C.Event),
    ("Meeting", C.Event),
    ("Actor", PROV.Agent),
    ("Event", PROV.Activity),
    ("Claim", PROV.Entity),
    ("Article", PROV.Entity),
]

INDIVIDUAL_OF = [
    ("Accepted", "ReviewStatus"),
    ("Candidate", "ReviewStatus"),
    ("Rejected", "ReviewStatus"),
    ("InForce", "MeasureStatus"),
    ("Lifted", "MeasureStatus"),
    ("Planned", "MeasureStatus"),
    ("ImposerIsCounterpartyJurisdiction", "ConflictBasis"),
    ("TargetsProposer", "ConflictBasis"),
    ("TargetsProposerCountry", "ConflictBasis"),
    ("CoversResource", "ConflictBasis"),
    ("CoversPlace", "ConflictBasis"),
    ("ConditionRequiresRemoval", "ConflictBasis"),
    ("ImposerIsProposerJurisdiction", "ConflictBasis"),
    ("TargetsCounterparty", "ConflictBasis"),
]

RANGES = [
    ("quantity", rdflib.XSD.decimal),
    ("confidence", rdflib.XSD.decimal),
    ("date", rdflib.XSD.date),
    ("startDate", rdflib.XSD.date),
    ("endDate", rdflib.XSD.date),
    ("sentenceIndex", rdflib.XSD.nonNegativeInteger),
    ("condition", rdflib.XSD.string),
    ("matchScore", rdflib.XSD.decimal),
    ("evidence", OA.SpecificResource),
    ("status", C.MeasureStatus),
    ("reviewStatus", C.ReviewStatus),
    ("basis", C.ConflictBasis),
    ("roleOf", C.Person),
]

CLOSE_MATCHES = [
    ("Person", SCHEMA.Person),
    ("Organization", SCHEMA.Organization),
    ("Article", SCHEMA.NewsArticle),
    ("Sanction", rdflib.URIRef("https://w3id.org/ftm#Sanction")),
    ("date", rdflib.URIRef(PREFIXES["time"] + "inXSDDate")),
    ("startDate", rdflib.URIRef("https://w3id.org/ftm#Interval:startDate")),
]


def _superclasses(cls: rdflib.URIRef) -> set[rdflib.URIRef]:
    return set(ONTOLOGY_GRAPH.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def test_ontology_parses_identically_with_rdflib_and_oxigraph() -> None:
    quads = set(pyoxigraph.parse(path=str(ontology_file()), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ONTOLOGY_GRAPH) > 300


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils not installed")
def test_rapper_reports_no_errors() -> None:
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(ontology_file())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower()


def test_ontology_header() -> None:
    ontology = rdflib.URIRef(ONTOLOGY)
    assert (ontology, RDF.type, OWL.Ontology) in ONTOLOGY_GRAPH
    assert ONTOLOGY_GRAPH.value(ontology, OWL.versionIRI) == rdflib.URIRef(
        "https://w3id.org/cmkg/ontology/0.1.0"
    )
    for prop in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ONTOLOGY_GRAPH.value(ontology, prop) is not None, prop
    created = ONTOLOGY_GRAPH.value(ontology, DCTERMS.created)
    assert isinstance(created, rdflib.Literal) and created.datatype == rdflib.XSD.date


def test_no_blank_nodes_so_exports_are_stable() -> None:
    assert not [n for n in ONTOLOGY_GRAPH.all_nodes() if isinstance(n, rdflib.BNode)]


@pytest.mark.parametrize("iri", DECLARED_TERMS, ids=lambda iri: iri[len(CMKG) :])
def test_every_term_has_english_label_and_definition(iri: str) -> None:
    node = rdflib.URIRef(iri)
    for prop in (RDFS.label, SKOS.definition):
        values = list(ONTOLOGY_GRAPH.objects(node, prop))
        assert any(isinstance(v, rdflib.Literal) and v.language == "en" for v in values), prop


@pytest.mark.parametrize(("name", "owl_type"), sorted(TERM_TYPES.items()))
def test_term_exists_with_its_type(name: str, owl_type: rdflib.URIRef) -> None:
    assert (C[name], RDF.type, owl_type) in ONTOLOGY_GRAPH


@pytest.mark.parametrize(("name", "superclass"), SUBCLASS_OF)
def test_hierarchy(name: str, superclass: rdflib.URIRef) -> None:
    assert superclass in _superclasses(C[name])


@pytest.mark.parametrize(("name", "cls"), INDIVIDUAL_OF)
def test_enumerated_individuals(name: str, cls: str) -> None:
    assert (C[name], RDF.type, C[cls]) in ONTOLOGY_GRAPH


@pytest.mark.parametrize(("name", "range_"), RANGES)
def test_ranges(name: str, range_: rdflib.URIRef) -> None:
    assert list(ONTOLOGY_GRAPH.objects(C[name], RDFS.range)) == [range_]


@pytest.mark.parametrize(
    "iri",
    sorted(
        str(p)
        for p in ONTOLOGY_GRAPH.subjects(RDF.type, OWL.DatatypeProperty)
        if str(p).startswith(CMKG)
    ),
    ids=lambda iri: iri[len(CMKG) :],
)
def test_every_datatype_property_has_a_range_the_build_can_use(iri: str) -> None:
    assert ONTOLOGY_GRAPH.value(rdflib.URIRef(iri), RDFS.range) is not None


@pytest.mark.parametrize(("name", "target"), CLOSE_MATCHES)
def test_alignments(name: str, target: rdflib.URIRef) -> None:
    assert (C[name], SKOS.closeMatch, target) in ONTOLOGY_GRAPH


def test_property_characteristics() -> None:
    assert (C.conflictsWith, RDF.type, OWL.SymmetricProperty) in ONTOLOGY_GRAPH
    assert (C.holdsRole, OWL.inverseOf, C.roleOf) in ONTOLOGY_GRAPH
    # a claimant may be an Actor or the Article: no range that would make an Article an Actor
    assert ONTOLOGY_GRAPH.value(C.claimant, RDFS.range) is None
    assert C.Actor in _superclasses(C.Country) and C.Place in _superclasses(C.Country)


def test_cameo_codes_are_annotations() -> None:
    notes = {
        name: str(ONTOLOGY_GRAPH.value(C[name], SKOS.note)) for name in ("Proposal", "Sanction")
    }
    assert "0311" in notes["Proposal"] and "0211" in notes["Proposal"]
    assert "163" in notes["Sanction"]


def test_active_is_documented_on_status_start_date_and_restrictive_measure() -> None:
    for name in ("status", "startDate", "RestrictiveMeasure"):
        note = str(ONTOLOGY_GRAPH.value(C[name], SKOS.scopeNote))
        assert "active" in note and "endDate" in note and "InForce" in note, name


@pytest.mark.slow  # two JVMs (OWL API, HermiT): ~3 s, more on a busy machine
@pytest.mark.needs_java
def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class() -> None:
    report = check_ontology(ontology_file(), shapes_file())
    assert report.consistent is True
    assert report.unsatisfiable == []
    assert report.problems == []
    assert report.terms == len(DECLARED_TERMS)
