"""What the ontology says about its terms, as the build needs it.

The build decides from the ontology (never from a hard-coded list) whether a property value
in a review file is an IRI or a literal, and which datatype a literal gets
(docs/data-model.md): ``owl:ObjectProperty`` gives IRIs, ``owl:DatatypeProperty`` literals
typed by its ``rdfs:range``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.errors import EnvironmentProblem
from kg.rdf.terms import CMKG, PREFIXES
from kg.rdf.turtle import read_turtle

ENTITY_ROOTS = ("Actor", "Place", "Resource", "Project")

# Non-cmkg properties a review file may use, when the ontology does not declare them.
_EXTERNAL_OBJECT = {"owl:sameAs", "skos:closeMatch", "skos:exactMatch", "rdfs:seeAlso"}
_EXTERNAL_TEXT = {"rdfs:label", "rdfs:comment", "skos:altLabel", "skos:prefLabel", "skos:note"}

_LEXICAL = {
    str(XSD.date): re.compile(r"^-?\d{4,}-\d{2}-\d{2}$"),
    str(XSD.decimal): re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"),
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.nonNegativeInteger): re.compile(r"^\+?\d+$"),
    str(XSD.boolean): re.compile(r"^(?:true|false|1|0)$"),
    str(XSD.gYear): re.compile(r"^-?\d{4,}$"),
}


@dataclass(frozen=True)
class PropertyKind:
    iri: str
    is_object: bool
    datatype: str | None = None  # for literals: the rdfs:range when it is an xsd datatype
    language: str | None = None  # for text annotations such as skos:altLabel


@dataclass
class Vocabulary:
    classes: set[str] = field(default_factory=set)  # cmkg class local names
    properties: dict[str, PropertyKind] = field(default_factory=dict)  # key as in review files
    individuals: dict[str, str] = field(default_factory=dict)  # cmkg local name -> IRI
    entity_classes: set[str] = field(default_factory=set)  # subclasses of ENTITY_ROOTS
    event_classes: set[str] = field(default_factory=set)  # subclasses of Event and Measure
    measure_classes: set[str] = field(default_factory=set)  # subclasses of Measure

    def property(self, name: str) -> PropertyKind | None:
        """The kind of a property named by cmkg local name, CURIE or full IRI."""
        return self.properties.get(name) or self.properties.get(expand_curie(name) or "")

    def literal(self, kind: PropertyKind, value: str) -> rdflib.Literal:
        """A literal for ``value``; raises ValueError when it is not of the range's form."""
        if kind.language:
            return rdflib.Literal(value, lang=kind.language)
        if kind.datatype and kind.datatype != str(XSD.string):
            pattern = _LEXICAL.get(kind.datatype)
            if pattern and not pattern.match(value.strip()):
                short = kind.datatype.rsplit("#", 1)[-1]
                raise ValueError(f"{value!r} is not an xsd:{short}")
            if kind.datatype.startswith(str(XSD)):
                return rdflib.Literal(value.strip(), datatype=rdflib.URIRef(kind.datatype))
        return rdflib.Literal(value)


def expand_curie(text: str) -> str | None:
    """``cmkg:InForce`` -> full IRI, for the project's prefixes; else None."""
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def load_ontology(path: Path) -> rdflib.Graph:
    """Parse the ontology Turtle; its absence is a broken installation."""
    if not path.is_file():
        raise EnvironmentProblem(f"ontology file {path} is missing; reinstall cmkg")
    return read_turtle(path, "ontology")


def _subclasses(graph: rdflib.Graph, root: rdflib.URIRef) -> set[rdflib.URIRef]:
    found = {root}
    frontier = [root]
    while frontier:
        current = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, current):
            if isinstance(sub, rdflib.URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def read_vocabulary(graph: rdflib.Graph) -> Vocabulary:
    """Classes, property kinds and named individuals of the ontology graph."""
    vocab = Vocabulary()
    for cls in graph.subjects(RDF.type, OWL.Class):
        if isinstance(cls, rdflib.URIRef) and str(cls).startswith(CMKG):
            vocab.classes.add(str(cls)[len(CMKG) :])
    for root in ENTITY_ROOTS:
        for cls in _subclasses(graph, rdflib.URIRef(CMKG + root)):
            if str(cls).startswith(CMKG):
                vocab.entity_classes.add(str(cls)[len(CMKG) :])
    for root, found in (("Event", vocab.event_classes), ("Measure", vocab.measure_classes)):
        for cls in _subclasses(graph, rdflib.URIRef(CMKG + root)):
            if str(cls).startswith(CMKG):
                found.add(str(cls)[len(CMKG) :])
    vocab.event_classes |= vocab.measure_classes
    for curie in sorted(_EXTERNAL_OBJECT):
        iri = expand_curie(curie) or curie
        vocab.properties[iri] = PropertyKind(iri, is_object=True)
    for curie in sorted(_EXTERNAL_TEXT):
        iri = expand_curie(curie) or curie
        vocab.properties[iri] = PropertyKind(iri, is_object=False, language="en")
    for kind_class, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for prop in graph.subjects(RDF.type, kind_class):
            if not isinstance(prop, rdflib.URIRef):
                continue
            ranges = sorted(str(r) for r in graph.objects(prop, RDFS.range))
            datatype = None if is_object or not ranges else ranges[0]
            if datatype == str(RDFS.Literal):
                datatype = None
            kind = PropertyKind(str(prop), is_object=is_object, datatype=datatype)
            vocab.properties[str(prop)] = kind
            if str(prop).startswith(CMKG):
                vocab.properties[str(prop)[len(CMKG) :]] = kind
    for individual in graph.subjects(RDF.type, OWL.NamedIndividual):
        if isinstance(individual, rdflib.URIRef) and str(individual).startswith(CMKG):
            vocab.individuals[str(individual)[len(CMKG) :]] = str(individual)
    return vocab
