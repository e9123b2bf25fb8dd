"""Operational routes: /healthz, /stats, /.well-known/void."""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request

from kg import __version__
from kg.void import void_turtle
from server.app import current_engine, current_store, settings_of

blueprint = Blueprint("operations", __name__)

_GRAPH_SIZES = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def graph_sizes(store: ox.Store) -> tuple[int, list[tuple[str, int]]]:
    """(triples in the store's own default graph, [(named graph IRI, triples)…])."""
    named: list[tuple[str, int]] = []
    solutions = store.query(_GRAPH_SIZES)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        graph, count = solution["g"], solution["n"]
        if isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal):
            named.append((graph.value, int(count.value)))
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(default, ox.QuerySolutions)
    total = next(default)["n"]
    return int(total.value) if isinstance(total, ox.Literal) else 0, named


def endpoint_url() -> str:
    """The public URL of /sparql: ``settings.base_url`` if set, else the request's host."""
    base = settings_of(current_app).base_url
    return (base.rstrip("/") if base else request.host_url.rstrip("/")) + "/sparql"


@blueprint.route("/healthz")
def healthz() -> Response:
    store = current_store()
    store.query("ASK { ?s ?p ?o }")  # raises OSError (-> 500) when the store is unreadable
    engine = current_engine()
    return jsonify(
        {"status": "ok", "store": "reachable", "workers": engine.size, "version": __version__}
    )


@blueprint.route("/stats")
def stats() -> Response:
    store = current_store()
    default, named = graph_sizes(store)
    info_path = settings_of(current_app).build / "build-info.json"
    build: dict[str, object] = {}
    if info_path.is_file():
        try:
            build = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            build = {"error": f"{info_path} is unreadable"}
    return jsonify(
        {
            "triples": default + sum(size for _, size in named),
            "default_graph_triples": default,
            "graphs": [{"graph": iri, "triples": size} for iri, size in named],
            "build": {
                "version": build.get("version"),
                "built": build.get("built"),
                "info": build,
            },
            "server_version": __version__,
        }
    )


@blueprint.route("/.well-known/void")
def void() -> Response:
    store = current_store()
    body = void_turtle(store, endpoint_url=endpoint_url()) or _minimal_void(store)
    return Response(body, content_type="text/turtle; charset=utf-8")


def _minimal_void(store: ox.Store) -> bytes:
    """A small VoID description, used only while ``kg.void.void_turtle`` returns nothing."""
    void_ns = "http://rdfs.org/ns/void#"
    dataset = ox.NamedNode(endpoint_url().removesuffix("/sparql") + "/.well-known/void#dataset")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples_p = ox.NamedNode(void_ns + "triples")
    default, named = graph_sizes(store)
    quads = [
        ox.Quad(dataset, rdf_type, ox.NamedNode(void_ns + "Dataset")),
        ox.Quad(dataset, ox.NamedNode(void_ns + "sparqlEndpoint"), ox.NamedNode(endpoint_url())),
        ox.Quad(
            dataset,
            triples_p,
            ox.Literal(
                str(default + sum(n for _, n in named)), datatype=ox.NamedNode(_XSD_INTEGER)
            ),
        ),
    ]
    for iri, size in named:
        part = ox.NamedNode(iri)
        quads += [
            ox.Quad(dataset, ox.NamedNode(void_ns + "subset"), part),
            ox.Quad(part, rdf_type, ox.NamedNode(void_ns + "Dataset")),
            ox.Quad(part, triples_p, ox.Literal(str(size), datatype=ox.NamedNode(_XSD_INTEGER))),
        ]
    return ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes={"void": void_ns}) or b""


_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
