"""SPARQL 1.1 Update at /sparql: token rules, the protocol's using-graph-uri, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.state import state
from tests.support.endpoint import AUTH, EX, G1, G1_SIZE, G2, G2_SIZE, TOKEN, make_app

INSERT = f"INSERT DATA {{ GRAPH <{EX}g3> {{ <{EX}x> <{EX}y> 1 }} }}"


def total(client: FlaskClient) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    body = client.get("/sparql", query_string={"query": query}).data
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": INSERT, "content_type": "application/sparql-update"},
        {"data": {"update": INSERT}},
    ],
    ids=["direct", "form"],
)
def test_update_with_the_token_is_applied_and_seen_by_queries(
    client: FlaskClient, kwargs: dict[str, object]
) -> None:
    assert total(client) == G1_SIZE + G2_SIZE  # starts the worker on the old snapshot
    response = client.post("/sparql", headers=AUTH, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 204
    assert total(client) == G1_SIZE + G2_SIZE + 1


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer nope"}, 401),
        ({"Authorization": TOKEN}, 401),
        ({"Authorization": f"bearer {TOKEN}"}, 204),  # the scheme is case-insensitive
    ],
)
def test_token_rules(client: FlaskClient, app: Flask, headers: dict[str, str], status: int) -> None:
    store: pyoxigraph.Store = state(app).store
    before = len(store)
    response = client.post(
        "/sparql", data=INSERT, content_type="application/sparql-update", headers=headers
    )
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"].lower().startswith("bearer")
        assert response.json is not None and response.json["status"] == 401
        assert len(store) == before
    else:
        assert len(store) == before + 1


def test_no_token_configured_means_403(tmp_path: Path) -> None:
    app = make_app(tmp_path, timeout=0)
    response = app.test_client().post(
        "/sparql", data=INSERT, content_type="application/sparql-update", headers=AUTH
    )
    assert response.status_code == 403
    assert len(state(app).store) == G1_SIZE + G2_SIZE


def test_update_syntax_error_names_the_position(client: FlaskClient) -> None:
    response = client.post(
        "/sparql",
        data="INSERT DATA {\n  <http://a> <http://b> }",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert response.status_code == 400
    assert "line 2, column" in response.json["error"]  # type: ignore[index]


COPY = f"INSERT {{ GRAPH <{EX}copy> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
COPY_NAMED = f"INSERT {{ GRAPH <{EX}copy> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize(
    ("update", "params", "copied"),
    [
        (COPY, [("using-graph-uri", G1)], G1_SIZE),
        (COPY, [("using-graph-uri", G2)], G2_SIZE),
        (COPY, [("using-graph-uri", G1), ("using-graph-uri", G2)], G1_SIZE + G2_SIZE),
        (COPY_NAMED, [("using-named-graph-uri", G2)], G2_SIZE),
        (
            f"DELETE WHERE {{ ?s <{EX}rate> ?o }} ; {COPY}",
            [("using-graph-uri", G2)],
            G2_SIZE,  # DELETE WHERE matched in g2 but deletes from the (empty) store default
        ),
    ],
)
def test_using_graph_uri_sets_the_update_dataset(
    client: FlaskClient, update: str, params: list[tuple[str, str]], copied: int
) -> None:
    response = client.post(
        "/sparql",
        query_string=params,
        data=update,
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert response.status_code == 204, response.data
    get = client.get(
        "/store", query_string={"graph": EX + "copy"}, headers={"Accept": "application/n-triples"}
    )
    assert len(get.data.strip().splitlines()) == copied


@pytest.mark.parametrize(
    "update",
    [
        f"WITH <{G1}> INSERT {{ ?s ?p 1 }} WHERE {{ ?s ?p ?o }}",
        f"INSERT {{ ?s ?p 1 }} USING <{G1}> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_using_graph_uri_with_using_or_with_is_400(
    client: FlaskClient, app: Flask, update: str
) -> None:
    before = len(state(app).store)
    response = client.post(
        "/sparql",
        data={"update": update, "using-graph-uri": G2},
        headers=AUTH,
    )
    assert response.status_code == 400
    assert "USING/WITH" in response.json["error"]  # type: ignore[index]
    assert len(state(app).store) == before


@pytest.mark.parametrize("param", ["using-graph-uri", "using-named-graph-uri"])
def test_a_bad_using_iri_is_400_naming_its_parameter(
    client: FlaskClient, app: Flask, param: str
) -> None:
    # regression: a bad using-named-graph-uri was reported as using-graph-uri
    before = len(state(app).store)
    response = client.post(
        "/sparql",
        data={"update": "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", param: "not an iri>"},
        headers=AUTH,
    )
    assert response.status_code == 400
    assert param in response.json["error"]  # type: ignore[index]
    assert len(state(app).store) == before
