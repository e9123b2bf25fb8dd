"""`kg ontology report`: the ROBOT/OBO ``report`` checks that fit this ontology.

One :class:`Finding` per problem, each with a severity (ROBOT's levels):

==========================  =======  ==========================================================
rule                        level    finds
==========================  =======  ==========================================================
missing_label               ERROR    a cmkg term without an English ``rdfs:label``
missing_definition          ERROR    a cmkg term without an English ``skos:definition``
multiple_labels             ERROR    a cmkg term with more than one English ``rdfs:label``
label_whitespace            WARN     a label with leading, trailing or doubled spaces
duplicate_label             ERROR    two cmkg terms of the same kind sharing an English label
undeclared_term             ERROR    a cmkg IRI that shapes, rules, queries or data use but the
                                     ontology does not declare (a typo, or a term to add)
deprecated_term_used        WARN     an ``owl:deprecated`` term still used
domain_clash                ERROR    data whose subject has a type disjoint with the
                                     property's ``rdfs:domain``
range_clash                 ERROR    data whose value has a type disjoint with the object
                                     property's range, or the wrong kind or datatype
unused_term                 INFO     a declared term nothing uses yet; INFO because terms for
                                     curators and for alignment are declared before any
                                     rule, query or article uses them
==========================  =======  ==========================================================

A class and a property may share a label ("Role" and "role" name different kinds of term),
so duplicate labels are compared within one kind. The data checks need a build
(``build/store``); without one the report says so in an INFO line. The report is clean when
it has no ERROR or WARN line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.rdf.store import open_store
from kg.rdf.terms import CMKG, ONTOLOGY_GRAPH, curie
from kg.schema.diff import KINDS
from kg.schema.usage import Usage

LEVELS = ("ERROR", "WARN", "INFO")


@dataclass(frozen=True, order=True)
class Finding:
    level: str
    rule: str
    subject: str
    message: str

    def line(self) -> str:
        return f"{self.level}\t{self.rule}\t{self.subject}\t{self.message}"


def _english(values: list[rdflib.term.Node]) -> list[str]:
    return [
        str(v)
        for v in values
        if isinstance(v, rdflib.Literal) and (v.language or "").lower() == "en"
    ]


def _declared(graph: rdflib.Graph) -> dict[str, str]:
    found: dict[str, str] = {}
    for owl_type, kind in KINDS.items():
        for subject in graph.subjects(RDF.type, owl_type):
            found.setdefault(str(subject), kind)
    return found


def term_findings(graph: rdflib.Graph) -> list[Finding]:
    """Labels and definitions: missing, multiple, badly spaced, duplicated."""
    findings: list[Finding] = []
    by_label: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri, kind in sorted(_declared(graph).items()):
        if not iri.startswith(CMKG):
            continue
        node, name = rdflib.URIRef(iri), curie(iri)
        labels = _english(list(graph.objects(node, RDFS.label)))
        if not labels:
            findings.append(Finding("ERROR", "missing_label", name, "no rdfs:label@en"))
        if len(labels) > 1:
            shown = ", ".join(f'"{x}"' for x in sorted(labels))
            findings.append(Finding("ERROR", "multiple_labels", name, f"labels {shown}"))
        for label in labels:
            if label != label.strip() or "  " in label:
                findings.append(
                    Finding("WARN", "label_whitespace", name, f'label "{label}" has stray spaces')
                )
            by_label[(kind, label.strip().casefold())].append(name)
        if not _english(list(graph.objects(node, SKOS.definition))):
            findings.append(Finding("ERROR", "missing_definition", name, "no skos:definition@en"))
    for (kind, label), names in sorted(by_label.items()):
        for name in names[1:]:
            findings.append(
                Finding(
                    "ERROR",
                    "duplicate_label",
                    name,
                    f'{kind} label "{label}" is also the label of {names[0]}',
                )
            )
    return findings


def usage_findings(graph: rdflib.Graph, usage: Usage) -> list[Finding]:
    """Terms used but not declared, deprecated terms in use, declared terms nobody uses."""
    declared = _declared(graph)
    findings: list[Finding] = []
    for iri in sorted(usage.places):
        if iri not in declared:
            findings.append(
                Finding(
                    "ERROR",
                    "undeclared_term",
                    curie(iri),
                    f"used by {', '.join(usage.where(iri))} but not declared in the ontology",
                )
            )
        elif graph.value(rdflib.URIRef(iri), OWL.deprecated) == rdflib.Literal(True):
            findings.append(
                Finding(
                    "WARN",
                    "deprecated_term_used",
                    curie(iri),
                    f"deprecated but used by {', '.join(usage.where(iri))}",
                )
            )
    scope = "shapes, rules, queries or data" if usage.data_checked else "shapes, rules or queries"
    for iri, kind in sorted(declared.items()):
        if iri.startswith(CMKG) and iri not in usage.places:
            findings.append(
                Finding("INFO", "unused_term", curie(iri), f"{kind} not used by {scope}")
            )
    return findings


_DOMAIN_CLASH = """
SELECT ?p ?expected ?found (COUNT(DISTINCT ?x) AS ?n) (MIN(STR(?x)) AS ?example) WHERE {
  VALUES (?p ?expected) { %s }
  VALUES (?expected ?found) { %s }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>)
  BIND(%s AS ?x)
  ?x a ?found .
} GROUP BY ?p ?expected ?found ORDER BY ?p ?found
"""

_KIND_CLASH = """
SELECT ?p (COUNT(*) AS ?n) (MIN(STR(?o)) AS ?example) WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>)
  FILTER(%s)
} GROUP BY ?p ORDER BY ?p
"""


def _values(rows: Sequence[tuple[str, ...]]) -> str:
    return " ".join("(" + " ".join(f"<{x}>" for x in row) + ")" for row in rows)


def _disjoint_pairs(graph: rdflib.Graph) -> list[tuple[str, str]]:
    """(A, B) for every class A declared disjoint with B, in both directions, with the
    subclasses of each side (the data is typed with the subclass closure)."""
    pairs: set[tuple[str, str]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        for x in graph.transitive_subjects(RDFS.subClassOf, a):
            for y in graph.transitive_subjects(RDFS.subClassOf, b):
                pairs |= {(str(x), str(y)), (str(y), str(x))}
    return sorted(pairs)


def data_findings(graph: rdflib.Graph, store_path: Path) -> list[Finding]:
    """Domain and range clashes between the ontology and the built data."""
    domains: list[tuple[str, str]] = []
    ranges: list[tuple[str, str]] = []
    literal_ranges: list[tuple[str, str]] = []
    object_props = {str(p) for p in graph.subjects(RDF.type, OWL.ObjectProperty)}
    data_props = {str(p) for p in graph.subjects(RDF.type, OWL.DatatypeProperty)}
    for prop, cls in graph.subject_objects(RDFS.domain):
        if str(prop).startswith(CMKG) and isinstance(cls, rdflib.URIRef):
            domains.append((str(prop), str(cls)))
    for prop, cls in graph.subject_objects(RDFS.range):
        if not str(prop).startswith(CMKG) or not isinstance(cls, rdflib.URIRef):
            continue
        if str(prop) in object_props:
            ranges.append((str(prop), str(cls)))
        elif str(prop) in data_props and str(cls).startswith(str(XSD)):
            literal_ranges.append((str(prop), str(cls)))
    pairs = _disjoint_pairs(graph)
    store = open_store(store_path, read_only=True)
    findings: list[Finding] = []
    try:
        for rows, rule, node in ((domains, "domain_clash", "?s"), (ranges, "range_clash", "?o")):
            if not rows or not pairs:
                continue
            query = _DOMAIN_CLASH % (_values(rows), _values(pairs), ONTOLOGY_GRAPH, node)
            for s in _select(store, query):
                where = "subject" if rule == "domain_clash" else "value"
                findings.append(
                    Finding(
                        "ERROR",
                        rule,
                        curie(s["p"]),
                        f"{s['n']} {where}(s) typed {curie(s['found'])}, disjoint with "
                        f"{curie(s['expected'])} (e.g. {s['example']})",
                    )
                )
        if object_props:
            props = " ".join(f"<{p}>" for p in sorted(object_props) if p.startswith(CMKG))
            for s in _select(store, _KIND_CLASH % (props, ONTOLOGY_GRAPH, "isLiteral(?o)")):
                findings.append(
                    Finding(
                        "ERROR",
                        "range_clash",
                        curie(s["p"]),
                        f"object property has {s['n']} literal value(s) (e.g. {s['example']!r})",
                    )
                )
        for prop_iri, datatype in literal_ranges:
            test = "!isLiteral(?o) || !(" + value_in_range(datatype) + ")"
            query = f"PREFIX xsd: <{XSD}>\n" + _KIND_CLASH % (f"<{prop_iri}>", ONTOLOGY_GRAPH, test)
            for s in _select(store, query):
                findings.append(
                    Finding(
                        "ERROR",
                        "range_clash",
                        curie(s["p"]),
                        f"{s['n']} value(s) not {curie(datatype)} (e.g. {s['example']!r})",
                    )
                )
    finally:
        del store
    return findings


_INTEGERS = (
    *("integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger"),
    *("negativeInteger", "long", "int", "short", "byte"),
    *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
)
_BOUNDS = {
    "nonNegativeInteger": "?o >= 0",
    "positiveInteger": "?o > 0",
    "nonPositiveInteger": "?o <= 0",
    "negativeInteger": "?o < 0",
}


def value_in_range(datatype: str) -> str:
    """A SPARQL test that literal ``?o`` is in the value space of the xsd ``datatype``.

    OWL compares values, not lexical datatypes: ``"0"^^xsd:integer`` is a
    ``xsd:nonNegativeInteger`` and an ``xsd:decimal``; a string may carry a language tag.
    """
    local = datatype[len(str(XSD)) :]
    integers = ", ".join(f"xsd:{name}" for name in _INTEGERS)
    if local in _INTEGERS:
        bound = _BOUNDS.get(local, "true")
        return f"DATATYPE(?o) IN ({integers}) && {bound}"
    if local == "decimal":
        return f"DATATYPE(?o) IN ({integers}, xsd:decimal)"
    if local == "string":
        return "DATATYPE(?o) = xsd:string || LANG(?o) != ''"
    return f"DATATYPE(?o) = <{datatype}>"


def _select(store: pyoxigraph.Store, query: str) -> list[dict[str, str]]:
    answers = store.query(query, use_default_graph_as_union=True)
    assert isinstance(answers, pyoxigraph.QuerySolutions)
    names = [v.value for v in answers.variables]
    return [
        {n: (solution[n].value if solution[n] is not None else "") for n in names}
        for solution in answers
    ]


def build_report(graph: rdflib.Graph, usage: Usage, store: Path | None) -> list[Finding]:
    """Every finding, errors first, then warnings, then information; sorted within a level."""
    findings = term_findings(graph) + usage_findings(graph, usage)
    if store is not None and store.is_dir():
        findings += data_findings(graph, store)
    else:
        findings.append(
            Finding(
                "INFO",
                "data_not_checked",
                "-",
                "no build to compare with: run `kg build` to check domains and ranges "
                "against the data",
            )
        )
    return sorted(findings, key=lambda f: (LEVELS.index(f.level), f.rule, f.subject, f.message))
