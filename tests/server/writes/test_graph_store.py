"""Graph Store HTTP Protocol at /store: reads for everyone, writes with the bearer token."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.state import state
from tests.support.endpoint import AUTH, EX, G1, G1_SIZE, G2, TOKEN, make_app


def count(client: FlaskClient, graph: str) -> int:
    """Triples in ``graph`` as the SPARQL endpoint (a worker process) sees them."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("application/trig", "application/trig"),
        ("application/n-quads", "application/n-quads"),
    ],
)
def test_get_a_graph_in_each_format(client: FlaskClient, accept: str | None, expected: str) -> None:
    response = client.get("/store", query_string={"graph": G1}, headers={"Accept": accept or ""})
    assert response.status_code == 200
    assert response.mimetype == expected
    rdf_format = pyoxigraph.RdfFormat.from_media_type(expected)
    assert rdf_format is not None
    quads = list(pyoxigraph.parse(response.data, format=rdf_format))
    assert len(quads) == G1_SIZE
    if rdf_format.supports_datasets:
        assert {quad.graph_name for quad in quads} == {pyoxigraph.NamedNode(G1)}


def test_head_has_the_headers_and_no_body(client: FlaskClient) -> None:
    response = client.head("/store", query_string={"graph": G1})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert response.data == b""


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"graph": EX + "missing"}, 404),
        ({}, 400),
        ({"graph": "not an iri"}, 400),
        ({"graph": G1, "default": ""}, 400),
    ],
)
def test_bad_graph_names(client: FlaskClient, query: dict[str, str], status: int) -> None:
    response = client.get("/store", query_string=query)
    assert response.status_code == status
    assert response.json is not None and response.json["status"] == status


def test_get_not_acceptable(client: FlaskClient) -> None:
    response = client.get("/store", query_string={"graph": G1}, headers={"Accept": "image/png"})
    assert response.status_code == 406


TURTLE = f"<{EX}a> <{EX}p> 1 , 2 .".encode()


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": f"Bearer {TOKEN}x"}, 401),
    ],
)
def test_writes_without_the_token_are_refused(
    client: FlaskClient, app: Flask, method: str, headers: dict[str, str], status: int
) -> None:
    store: pyoxigraph.Store = state(app).store
    before = sorted(str(quad) for quad in store)
    response = client.open(
        "/store",
        method=method,
        query_string={"graph": G1},
        data=TURTLE,
        content_type="text/turtle",
        headers=headers,
    )
    assert response.status_code == status
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert response.json is not None and response.json["status"] == status
    assert sorted(str(quad) for quad in store) == before


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_writes_are_forbidden_when_no_token_is_configured(tmp_path: Path, method: str) -> None:
    app = make_app(tmp_path, timeout=0)
    response = app.test_client().open(
        "/store",
        method=method,
        query_string={"graph": G1},
        data=TURTLE,
        content_type="text/turtle",
        headers=AUTH,
    )
    assert response.status_code == 403
    assert "--update-token" in response.json["error"]  # type: ignore[index]
    assert len(state(app).store) == 7


def test_put_creates_then_replaces(client: FlaskClient) -> None:
    new = EX + "new"
    put = client.put(
        "/store", query_string={"graph": new}, data=TURTLE, content_type="text/turtle", headers=AUTH
    )
    assert put.status_code == 201
    assert count(client, new) == 2  # the workers see the write
    again = client.put(
        "/store",
        query_string={"graph": new},
        data=f'<{EX}b> <{EX}p> "3" .',
        content_type="application/n-triples",
        headers=AUTH,
    )
    assert again.status_code == 204
    assert count(client, new) == 1


def test_put_an_empty_graph_creates_it(client: FlaskClient) -> None:
    empty = EX + "empty"
    response = client.put(
        "/store", query_string={"graph": empty}, data=b"", content_type="text/turtle", headers=AUTH
    )
    assert response.status_code == 201
    assert client.get("/store", query_string={"graph": empty}).status_code == 200


def test_post_merges(client: FlaskClient) -> None:
    response = client.post(
        "/store", query_string={"graph": G1}, data=TURTLE, content_type="text/turtle", headers=AUTH
    )
    assert response.status_code == 204
    assert count(client, G1) == G1_SIZE + 2
    created = client.post(
        "/store",
        query_string={"graph": EX + "fresh"},
        data=TURTLE,
        content_type="text/turtle",
        headers=AUTH,
    )
    assert created.status_code == 201


def test_delete_removes_the_graph(client: FlaskClient) -> None:
    assert client.delete("/store", query_string={"graph": G2}, headers=AUTH).status_code == 204
    assert client.get("/store", query_string={"graph": G2}).status_code == 404
    assert count(client, G2) == 0
    again = client.delete("/store", query_string={"graph": G2}, headers=AUTH)
    assert again.status_code == 404


def test_the_default_graph(client: FlaskClient, app: Flask) -> None:
    assert client.get("/store?default").data.strip() == b""
    put = client.put("/store?default", data=TURTLE, content_type="text/turtle", headers=AUTH)
    assert put.status_code == 204
    body = client.get("/store?default", headers={"Accept": "application/n-triples"}).data
    assert len(body.strip().splitlines()) == 2
    assert client.delete("/store?default", headers=AUTH).status_code == 204
    assert client.get("/store?default").data.strip() == b""
    assert count(client, G1) == G1_SIZE  # named graphs untouched


def test_relative_iris_resolve_against_the_graph(client: FlaskClient) -> None:
    graph = EX + "docs/one"
    response = client.put(
        "/store",
        query_string={"graph": graph},
        data=b"<#it> <#p> <other> .",
        content_type="text/turtle",
        headers=AUTH,
    )
    assert response.status_code == 201
    body = client.get(
        "/store", query_string={"graph": graph}, headers={"Accept": "application/n-triples"}
    )
    assert f"<{EX}docs/one#it>".encode() in body.data
    assert f"<{EX}docs/other>".encode() in body.data


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        (b"<a> <b> .", "text/turtle", 400),
        (TURTLE, "application/octet-stream", 415),
        (TURTLE, "application/trig", 415),
        (TURTLE, "text/turtle; charset=latin-1", 415),
    ],
)
def test_bad_bodies_leave_the_graph_as_it_was(
    client: FlaskClient, data: bytes, content_type: str, status: int
) -> None:
    before = client.get("/store", query_string={"graph": G1}).data
    response = client.put(
        "/store", query_string={"graph": G1}, data=data, content_type=content_type, headers=AUTH
    )
    assert response.status_code == status
    assert response.is_json
    assert client.get("/store", query_string={"graph": G1}).data == before


def test_body_over_the_limit_is_413(tmp_path: Path) -> None:
    app = make_app(tmp_path, timeout=0, update_token=TOKEN, max_body_bytes=1000)
    payload = b"".join(f"<{EX}s{i}> <{EX}p> {i} .\n".encode() for i in range(100))
    response = app.test_client().put(
        "/store", query_string={"graph": G1}, data=payload, content_type="text/turtle", headers=AUTH
    )
    assert response.status_code == 413
    assert response.json is not None and response.json["status"] == 413
