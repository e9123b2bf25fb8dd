"""One negotiator for every endpoint: the same Accept header gets the same choice wherever
the chosen format is offered (rule: q, specificity, client order, canonical type over alias,
the endpoint's default, then the registry's order)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.config import Settings
from kg.rdf.formats import FORMATS, by_media_type, by_name
from server import negotiation

SELECT = quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
CONSTRUCT = quote("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1")
ENDPOINTS = {
    "select": f"/sparql?query={SELECT}",
    "construct": f"/sparql?query={CONSTRUCT}",
    "service": "/sparql",
    "store": "/store?graph=https://w3id.org/cmkg/graph/entities",
    "id": "/id/vladimir-putin",
    "ontology": "/ontology",
    "rows": "/queries/timeline",
    "graph": "/queries/conflicts-graph",
    "listing": "/queries",
}
RES_JSON, RES_XML = "application/sparql-results+json", "application/sparql-results+xml"
TTL, LD, HTML = "text/turtle", "application/ld+json", "text/html"
CSV, JSON = "text/csv", "application/json"
# Accept header -> the media type each endpoint answers with (406: nothing acceptable).
TABLE: dict[str, dict[str, str | int]] = {
    "text/turtle, text/html": {
        "select": 406, "construct": TTL, "service": TTL, "store": TTL, "id": TTL,
        "ontology": TTL, "rows": HTML, "graph": TTL, "listing": HTML,
    },
    # HTML listed first: browsers get the editor at /sparql (the query page, the resource page)
    "text/html, text/turtle": {
        "select": HTML, "construct": HTML, "service": HTML, "store": TTL, "id": HTML,
        "ontology": HTML, "rows": HTML, "graph": HTML, "listing": HTML,
    },
    "*/*": {
        "select": RES_JSON, "construct": TTL, "service": TTL, "store": TTL, "id": HTML,
        "ontology": HTML, "rows": RES_JSON, "graph": TTL, "listing": JSON,
    },
    "application/json": {
        "select": RES_JSON, "construct": LD, "service": LD, "store": LD, "id": LD,
        "ontology": LD, "rows": RES_JSON, "graph": LD, "listing": JSON,
    },
    "text/*": {
        "select": CSV, "construct": TTL, "service": TTL, "store": TTL, "id": HTML,
        "ontology": HTML, "rows": CSV, "graph": TTL, "listing": HTML,
    },
    "application/*": {
        "select": RES_JSON, "construct": LD, "service": LD, "store": LD, "id": LD,
        "ontology": LD, "rows": RES_JSON, "graph": LD, "listing": JSON,
    },
    "application/ld+json;q=0.5, text/turtle;q=0.9": {
        "select": 406, "construct": TTL, "service": TTL, "store": TTL, "id": TTL,
        "ontology": TTL, "rows": 406, "graph": TTL, "listing": 406,
    },
    "application/xml": {
        "select": RES_XML, "construct": "application/rdf+xml", "service": "application/rdf+xml",
        "store": "application/rdf+xml", "id": 406, "ontology": 406, "rows": RES_XML,
        "graph": 406, "listing": 406,
    },
    "image/png": {name: 406 for name in ENDPOINTS},
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_app(seed_build: Settings) -> Iterator[Flask]:
    from server import create_app

    app = create_app(replace(seed_build, timeout=0))
    app.config["TESTING"] = True
    yield app


@pytest.fixture
def seed_client(seed_app: Flask) -> FlaskClient:
    return seed_app.test_client()


@pytest.mark.parametrize(
    ("accept", "endpoint"), [(accept, endpoint) for accept in TABLE for endpoint in ENDPOINTS]
)
def test_same_accept_same_choice_everywhere(
    seed_client: FlaskClient, accept: str, endpoint: str
) -> None:
    response = seed_client.get(ENDPOINTS[endpoint], headers={"Accept": accept})
    expected = TABLE[accept][endpoint]
    if expected == 406:
        assert response.status_code == 406, response.data[:200]
        return
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == expected


@pytest.mark.parametrize("accept", list(TABLE))
def test_graph_endpoints_agree(accept: str) -> None:
    """Where the same formats are offered, the answer never depends on the endpoint."""
    graph_like = ["construct", "service", "store"]
    if TABLE[accept]["construct"] == HTML:  # /sparql has a page for browsers, /store has none
        graph_like.remove("store")
    assert len({TABLE[accept][name] for name in graph_like}) == 1


@pytest.mark.parametrize(
    ("name", "media"),
    [("ttl", "text/turtle"), ("turtle", "text/turtle"), ("n3", "text/turtle"),
     ("rdf+xml", "application/rdf+xml"), ("xml", "application/sparql-results+xml"),
     ("json", "application/sparql-results+json"), ("nq", "application/n-quads")],
)  # fmt: skip
def test_registry_names_and_aliases(name: str, media: str) -> None:
    found = by_name(name)
    assert found is not None and found.media_type == media


def test_every_format_is_registered_once() -> None:
    for fmt in FORMATS:
        assert by_media_type(fmt.media_type) is fmt
    assert len({(fmt.kind, fmt.name) for fmt in FORMATS}) == len(FORMATS)


def test_q_zero_refusal_is_not_undone_by_an_alias() -> None:
    from kg.rdf.formats import RESULT_OFFERS

    chosen = negotiation.choose("application/sparql-results+json;q=0, */*;q=0.1", RESULT_OFFERS)
    assert chosen is not None and chosen.media_type == RES_XML
