"""VoID + DCAT description of the dataset.

The description is computed from the store alone (plus the package version), so the same
store always gives byte-identical Turtle: no wall-clock time is read. ``dcterms:created`` is
the ``created`` argument when given (``kg build`` passes its build date), otherwise the
newest ``dcterms:date`` of an article in the store; it is left out for a store without
articles.

Each named graph is a ``void:subset`` whose IRI is the graph name itself, with its own
``void:triples`` count, so ``SELECT ?g ?n { ?g void:triples ?n }`` lists the graph sizes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg import __version__
from kg.rdf.formats import EXPORT_OFFERS, require
from kg.rdf.serialize import serialize_quads
from kg.rdf.terms import (
    ARTICLE,
    BASE,
    CMKG,
    ENTITIES_GRAPH,
    GRAPH,
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    QUERIES_GRAPH,
)

DATASET = BASE + "dataset"
DEFAULT_ENDPOINT = BASE + "sparql"
DEFAULT_DUMPS = BASE + "export/"
LICENSE = "https://www.apache.org/licenses/LICENSE-2.0"
DUMP_FILES = {fmt.name: f"cmkg.{fmt.extension}" for fmt in EXPORT_OFFERS}

TITLE = "Critical Minerals Knowledge Graph"
DESCRIPTION = (
    "Actors, resources, proposals, sanctions and the conflicts between them, extracted "
    "from news articles with provenance down to the quoted sentence."
)
GRAPH_TITLES = {
    ONTOLOGY_GRAPH: "The CMKG ontology (OWL 2 DL)",
    ENTITIES_GRAPH: "Entity registry",
    INFERRED_GRAPH: "Inferred facts: class closure and conflicts",
    QUERIES_GRAPH: "Canned query descriptions",
}

RDF = PREFIXES["rdf"]
XSD = PREFIXES["xsd"]
VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
DCTERMS = PREFIXES["dcterms"]
OWL = PREFIXES["owl"]


@dataclass
class Stats:
    """What VoID counts over the whole store; ``kg build`` keeps it and updates it for the
    graphs it changes instead of reading every quad again."""

    triples: int = 0  # distinct triples over all graphs
    subjects: int = 0  # distinct subjects
    predicates: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)  # IRI objects of rdf:type
    per_graph: dict[str, int] = field(default_factory=dict)  # named graph -> triples


def dataset_stats(store: pyoxigraph.Store) -> Stats:
    """The :class:`Stats` of ``store``, reading every quad once."""
    triples: set[tuple[str, str, str]] = set()
    per_graph: Counter[str] = Counter()
    subjects: set[str] = set()
    stats = Stats()
    for quad in store.quads_for_pattern(None, None, None, None):
        key = (str(quad.subject), str(quad.predicate), str(quad.object))
        triples.add(key)
        subjects.add(key[0])
        if not isinstance(quad.graph_name, DefaultGraph):
            per_graph[quad.graph_name.value] += 1
        stats.predicates.add(quad.predicate.value)
        if quad.predicate.value == RDF + "type" and isinstance(quad.object, NamedNode):
            stats.classes.add(quad.object.value)
    stats.triples, stats.subjects, stats.per_graph = len(triples), len(subjects), dict(per_graph)
    return stats


def void_turtle(
    store: pyoxigraph.Store,
    *,
    endpoint_url: str | None = None,
    dump_url_base: str | None = None,
    created: date | None = None,
    license_url: str = LICENSE,
    stats: Stats | None = None,
) -> bytes:
    """A VoID/DCAT description of the store's content as Turtle (per-graph triple counts).

    ``endpoint_url`` is the SPARQL endpoint (default ``https://w3id.org/cmkg/sparql``);
    ``dump_url_base`` is the folder the dumps are served from, ending in ``/`` (default
    ``https://w3id.org/cmkg/export/``, which the server answers at ``/export/``).
    ``stats`` are the store's :func:`dataset_stats` when the caller has them.
    """
    return serialize_quads(
        describe_dataset(
            store,
            endpoint_url=endpoint_url or DEFAULT_ENDPOINT,
            dump_url_base=_folder(dump_url_base or DEFAULT_DUMPS),
            created=created,
            license_url=license_url,
            stats=stats,
        ),
        "ttl",
    )


def describe_dataset(
    store: pyoxigraph.Store,
    *,
    endpoint_url: str,
    dump_url_base: str,
    created: date | None,
    license_url: str,
    stats: Stats | None = None,
) -> list[Quad]:
    """The VoID/DCAT statements as quads in the default graph."""
    out: list[Quad] = []
    dataset = NamedNode(DATASET)

    def add(subject: NamedNode, predicate: str, obj: NamedNode | Literal) -> None:
        out.append(Quad(subject, NamedNode(predicate), obj, DefaultGraph()))

    stats = stats or dataset_stats(store)
    namespaces = _vocabularies([*stats.predicates, *stats.classes])
    per_graph = stats.per_graph

    add(dataset, RDF + "type", NamedNode(VOID + "Dataset"))
    add(dataset, RDF + "type", NamedNode(DCAT + "Dataset"))
    add(dataset, DCTERMS + "title", Literal(TITLE, language="en"))
    add(dataset, DCTERMS + "description", Literal(DESCRIPTION, language="en"))
    add(dataset, DCTERMS + "license", NamedNode(license_url))
    add(dataset, DCAT + "version", Literal(__version__))
    add(dataset, OWL + "versionInfo", Literal(__version__))
    stamp = created or newest_article_date(store)
    if stamp is not None:
        add(dataset, DCTERMS + "created", _date(stamp))
    add(dataset, VOID + "triples", _integer(stats.triples))
    add(dataset, VOID + "distinctSubjects", _integer(stats.subjects))
    add(dataset, VOID + "uriSpace", Literal(ID))
    add(dataset, VOID + "sparqlEndpoint", NamedNode(endpoint_url))
    for namespace in sorted(namespaces):
        add(dataset, VOID + "vocabulary", NamedNode(namespace))

    service = NamedNode(endpoint_url)
    add(dataset, DCAT + "accessService", service)
    add(service, RDF + "type", NamedNode(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", service)
    add(service, DCAT + "servesDataset", dataset)
    add(service, DCTERMS + "conformsTo", NamedNode("https://www.w3.org/TR/sparql11-protocol/"))

    for fmt, name in DUMP_FILES.items():
        url = NamedNode(dump_url_base + name)
        add(dataset, VOID + "dataDump", url)
        add(dataset, DCAT + "distribution", url)
        media = require(fmt, EXPORT_OFFERS, "dumps").media_type
        add(url, RDF + "type", NamedNode(DCAT + "Distribution"))
        add(url, DCAT + "downloadURL", url)
        add(
            url,
            DCAT + "mediaType",
            NamedNode("https://www.iana.org/assignments/media-types/" + media),
        )
        add(url, DCTERMS + "format", Literal(media))

    titles = article_titles(store)
    for graph, count in sorted(per_graph.items()):
        subset = NamedNode(graph)
        add(dataset, VOID + "subset", subset)
        add(subset, RDF + "type", NamedNode(VOID + "Dataset"))
        add(subset, VOID + "triples", _integer(count))
        title = GRAPH_TITLES.get(graph) or titles.get(graph)
        if title:
            add(subset, DCTERMS + "title", Literal(title, language="en"))
        if graph.startswith(GRAPH) and graph not in GRAPH_TITLES:
            add(subset, DCTERMS + "source", NamedNode(ARTICLE + graph[len(GRAPH) :]))
    return out


def newest_article_date(store: pyoxigraph.Store) -> date | None:
    """The latest ``dcterms:date`` of a ``cmkg:Article`` in the store, if any."""
    newest: date | None = None
    for quad in store.quads_for_pattern(None, NamedNode(DCTERMS + "date"), None, None):
        subject, obj = quad.subject, quad.object
        if not isinstance(subject, NamedNode) or not isinstance(obj, Literal):
            continue
        if not subject.value.startswith(ARTICLE):
            continue
        try:
            found = date.fromisoformat(obj.value[:10])
        except ValueError:
            continue
        newest = found if newest is None or found > newest else newest
    return newest


def article_titles(store: pyoxigraph.Store) -> dict[str, str]:
    """Article graph IRI -> ``"Article: <title>"`` for the articles in the store."""
    titles: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, NamedNode(DCTERMS + "title"), None, None):
        subject = quad.subject
        if not isinstance(subject, NamedNode) or not subject.value.startswith(ARTICLE):
            continue
        if isinstance(quad.object, Literal):
            graph = GRAPH + subject.value[len(ARTICLE) :]
            text = f"Article: {quad.object.value}"
            titles[graph] = min(titles.get(graph, text), text)
    return titles


def _vocabularies(iris: list[str]) -> set[str]:
    """The known namespaces of predicates and classes (``rdf:type`` objects) used."""
    found = set()
    for iri in iris:
        for namespace in PREFIXES.values():
            if iri.startswith(namespace) and namespace not in (ID, ARTICLE, GRAPH):
                found.add(namespace)
    if CMKG in found:
        found.discard(CMKG)
        found.add(BASE + "ontology")
    return found


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
