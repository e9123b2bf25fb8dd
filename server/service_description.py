"""The SPARQL 1.1 Service Description returned by a bare GET of /sparql."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Response, current_app, request

from kg.rdf.formats import GRAPH_OFFERS, RESULT_OFFERS, W3C_FORMATS
from kg.rdf.store import graph_sizes
from server import negotiation
from server.state import current_store, public_base, settings_of

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def service_quads(endpoint: str, store: ox.Store, timeout: float, max_rows: int) -> list[ox.Quad]:
    """The description of this endpoint and of its default dataset (with graph sizes)."""
    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.NamedNode(endpoint + "#dataset")
    union = ox.NamedNode(endpoint + "#union-default-graph")
    limit = f"queries are stopped after {timeout:g} s" if timeout > 0 else "no query time limit"
    quads = [
        ox.Quad(service, RDF_TYPE, _sd("Service")),
        ox.Quad(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Quad(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Quad(service, _sd("supportedLanguage"), _sd("SPARQL11Update")),
        ox.Quad(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Quad(service, _sd("defaultDataset"), dataset),
        ox.Quad(
            service,
            RDFS_COMMENT,
            ox.Literal(
                f"Critical Minerals Knowledge Graph (Oxigraph). The default graph is the union "
                f"of all named graphs. SERVICE, LOAD and remote FROM are refused; {limit}; "
                f"results over {max_rows} rows are cut and flagged with X-Result-Truncated.",
                language="en",
            ),
        ),
        ox.Quad(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Quad(dataset, _sd("defaultGraph"), union),
        ox.Quad(union, RDF_TYPE, _sd("Graph")),
    ]
    quads += [
        ox.Quad(service, _sd("resultFormat"), ox.NamedNode(fmt.w3c))
        for fmt in (*RESULT_OFFERS, *GRAPH_OFFERS)
        if fmt.w3c
    ]
    default, named = graph_sizes(store)
    quads.append(
        ox.Quad(
            union, ox.NamedNode(VOID + "triples"), _count(default + sum(size for _, size in named))
        )
    )
    for number, (iri, size) in enumerate(named, start=1):
        entry = ox.NamedNode(f"{endpoint}#named-graph-{number}")
        content = ox.NamedNode(f"{endpoint}#named-graph-{number}-content")
        quads += [
            ox.Quad(dataset, _sd("namedGraph"), entry),
            ox.Quad(entry, RDF_TYPE, _sd("NamedGraph")),
            ox.Quad(entry, _sd("name"), ox.NamedNode(iri)),
            ox.Quad(entry, _sd("graph"), content),
            ox.Quad(content, RDF_TYPE, _sd("Graph")),
            ox.Quad(content, ox.NamedNode(VOID + "triples"), _count(size)),
        ]
    return quads


def describe_service(format_param: str | None) -> Response:
    """Answer a bare GET of /sparql with the Service Description, negotiated (Turtle first)."""
    fmt = negotiation.graph_type(
        request.headers.get("Accept"), format_param, "the service description is RDF: "
    )
    settings = settings_of(current_app)
    quads = service_quads(
        public_base() + "sparql", current_store(), settings.timeout, settings.max_rows
    )
    body = ox.serialize(
        quads,
        format=fmt.rdf,
        prefixes={"sd": SD, "formats": W3C_FORMATS, "void": VOID},
    )
    response = Response(body or b"", content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response
