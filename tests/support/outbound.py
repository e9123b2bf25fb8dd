"""SPARQL that would make Oxigraph connect out, in every disguise the scanner must see
through: shared by the outbound tests of the app, the CLI and a live `kg serve`."""

from __future__ import annotations

from tests.support.endpoint import Listener

#: Queries that would make Oxigraph connect to {url} (port {port}) if they were evaluated.
QUERIES = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "silent-lowercase": "SELECT * WHERE {{ ?s ?p ?o . service silent <{url}> {{ ?s ?p ?x }} }}",
    "prefixed": "PREFIX r: <{url}#>\nSELECT * WHERE {{ SERVICE r:x {{ ?s ?p ?o }} }}",
    # the reported bypass: an escape in an IRI made the scanner read the rest as a comment
    "escape-in-earlier-iri": (
        "SELECT * WHERE {{ BIND(<http://a\\u0041#> AS ?z) SERVICE <{url}> {{ ?x ?y ?secret }} }}"
    ),
    "escape-in-keyword": "SELECT * WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
    "escape-in-service-iri": (
        "SELECT * WHERE {{ SERVICE <\\u0068ttp://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    ),
    "long-escape-in-service-iri": (
        "SELECT * WHERE {{ SERVICE <\\U00000068ttp://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"
    ),
    "escaped-quote-in-string": (
        'SELECT * WHERE {{ BIND("\\u0022" AS ?a) SERVICE <{url}> {{ ?s ?p ?o }} BIND("" AS ?b) }}'
    ),
}

#: Updates that would make Oxigraph connect out.
UPDATES = {
    "load": "LOAD <{url}>",
    "load-silent-into": "LOAD SILENT <{url}> INTO GRAPH <http://example.org/x>",
    "load-escaped-keyword": "LOA\\u0044 <{url}>",
    "load-escaped-iri": "LOAD <\\u0068ttp://127.0.0.1:{port}/data.ttl>",
    "load-after-escape": "INSERT DATA {{ <http://a\\u0041#> <{url}> 1 }} ; LOAD <{url}>",
    "service-in-where": "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "service-after-escape": (
        "INSERT {{ ?s ?p ?o }} WHERE {{ BIND(<http://a\\u0041#> AS ?z) "
        "SERVICE <{url}> {{ ?s ?p ?o }} }}"
    ),
}


def fill(template: str, listener: Listener) -> str:
    return template.format(url=listener.url, port=listener.port)
