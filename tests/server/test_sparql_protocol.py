"""SPARQL 1.1 Protocol rules at /sparql, through the Flask test client and the worker pool."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from server.app import shutdown_app
from server.state import state
from tests.support.endpoint import EX, G1, G1_SIZE, G2, G2_SIZE, make_app

SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(tmp_path_factory.mktemp("protocol"), timeout=20, workers=2)
    yield application
    shutdown_app(application)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def rows(body: bytes) -> list[dict[str, dict[str, str]]]:
    bindings: list[dict[str, dict[str, str]]] = json.loads(body)["results"]["bindings"]
    return bindings


def test_ask_answers_exactly_the_oxigraph_json(client: FlaskClient) -> None:
    response = client.get("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")
    assert response.status_code == 200
    assert response.data == b'{"head":{},"boolean":true}'
    assert response.mimetype == "application/sparql-results+json"


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"query_string": {"query": SELECT_ALL}}),
        ("POST", {"data": {"query": SELECT_ALL}}),
        ("POST", {"data": SELECT_ALL, "content_type": "application/sparql-query"}),
        (
            "POST",
            {"data": SELECT_ALL, "content_type": "application/sparql-query; charset=UTF-8"},
        ),
        (
            "POST",
            {
                "data": "query=" + quote(SELECT_ALL),
                "content_type": "application/x-www-form-urlencoded; charset=utf-8",
            },
        ),
    ],
    ids=["get", "post-form", "post-direct", "post-direct-charset", "post-form-charset"],
)
def test_the_three_query_operations_answer_alike(
    client: FlaskClient, method: str, kwargs: dict[str, object]
) -> None:
    response = client.open("/sparql", method=method, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 200, response.data
    assert len(rows(response.data)) == G1_SIZE + G2_SIZE  # default graph = union


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "words"),
    [
        ("GET", {"query_string": [("query", ASK), ("query", ASK)]}, 400, "exactly one"),
        ("POST", {"data": MultiDict([("query", ASK), ("query", ASK)])}, 400, "exactly one"),
        ("POST", {"data": {"query": ASK, "update": "CLEAR ALL"}}, 400, "not both"),
        ("POST", {"data": {"other": "x"}}, 400, "neither"),
        ("POST", {"data": ASK, "content_type": "text/plain"}, 415, "text/plain"),
        ("POST", {"data": ASK}, 415, "no Content-Type"),
        (
            "POST",
            {"data": ASK, "content_type": "application/sparql-query; charset=iso-8859-1"},
            415,
            "UTF-8",
        ),
        (
            "POST",
            {"data": b'ASK { ?s ?p "caf\xe9" }', "content_type": "application/sparql-query"},
            400,
            "UTF-8",
        ),
        (
            "POST",
            {
                "data": b"query=ASK%7B%3Fs%20%3Fp%20%22caf%E9%22%7D",
                "content_type": "application/x-www-form-urlencoded",
            },
            400,
            "UTF-8",
        ),
        ("GET", {"query_string": {"update": "CLEAR ALL"}}, 400, "POST"),
        ("GET", {"query_string": {"default-graph-uri": G1}}, 400, "no `query`"),
        ("PUT", {"data": ASK}, 405, "not allowed"),
        ("DELETE", {}, 405, "not allowed"),
        ("PATCH", {}, 405, "not allowed"),
        ("GET", {"query_string": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "line 1, column"),
        (
            "GET",
            {"query_string": {"query": "PREFIX ex: <http://e/>\nSELECT * WHERE {\n ?s ?p ?o ."}},
            400,
            "line 3",
        ),
        ("GET", {"query_string": {"query": ASK, "format": "bogus"}}, 400, "format="),
    ],
    ids=[
        "two-queries-get",
        "two-queries-form",
        "query-and-update",
        "empty-form",
        "wrong-media-type",
        "no-media-type",
        "latin1-charset",
        "not-utf8-body",
        "not-utf8-form",
        "update-by-get",
        "graphs-without-query",
        "put",
        "delete",
        "patch",
        "syntax-error",
        "syntax-error-line-3",
        "unknown-format",
    ],
)
def test_malformed_requests_get_a_json_error(
    client: FlaskClient, method: str, kwargs: dict[str, object], status: int, words: str
) -> None:
    response = client.open("/sparql", method=method, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.data
    assert response.is_json
    assert response.json == {"error": response.json["error"], "status": status}
    assert words in response.json["error"]
    if status == 405:
        assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_get_with_update_leaves_the_store_alone(client: FlaskClient, app: Flask) -> None:
    store: pyoxigraph.Store = state(app).store
    before = len(store)
    client.get("/sparql", query_string={"update": f"INSERT DATA {{ <{EX}x> <{EX}y> 1 }}"})
    assert len(store) == before


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ([("default-graph-uri", G1)], G1_SIZE),
        ([("default-graph-uri", G2)], G2_SIZE),
        ([("default-graph-uri", G1), ("default-graph-uri", G2)], G1_SIZE + G2_SIZE),
        ([("named-graph-uri", G1)], 0),  # named graphs only: the default graph is empty
    ],
)
def test_protocol_dataset_overrides_the_union_default(
    client: FlaskClient, params: list[tuple[str, str]], expected: int
) -> None:
    response = client.get("/sparql", query_string=[("query", SELECT_ALL), *params])
    assert response.status_code == 200
    assert len(rows(response.data)) == expected


def test_from_named_alone_leaves_the_default_graph_empty(client: FlaskClient) -> None:
    query = f"SELECT * FROM NAMED <{G1}> WHERE {{ ?s ?p ?o }}"
    assert rows(client.get("/sparql", query_string={"query": query}).data) == []
    query = f"SELECT ?s FROM NAMED <{G1}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert len(rows(client.get("/sparql", query_string={"query": query}).data)) == G1_SIZE


def test_named_graph_uri_limits_graph_patterns(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    everything = client.get("/sparql", query_string={"query": query})
    assert {row["g"]["value"] for row in rows(everything.data)} == {G1, G2}
    only = client.get("/sparql", query_string=[("query", query), ("named-graph-uri", G2)])
    assert {row["g"]["value"] for row in rows(only.data)} == {G2}


def test_default_graph_uri_overrides_from(client: FlaskClient) -> None:
    query = f"SELECT * FROM <{G1}> WHERE {{ ?s ?p ?o }}"
    assert len(rows(client.get("/sparql", query_string={"query": query}).data)) == G1_SIZE
    overridden = client.get("/sparql", query_string=[("query", query), ("default-graph-uri", G2)])
    assert len(rows(overridden.data)) == G2_SIZE


SELECT_TYPES = [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("text/turtle, text/tab-separated-values;q=0.2", "text/tab-separated-values"),
    ("image/png", None),
]
GRAPH_TYPES = [
    (None, "text/turtle"),
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/trig", "application/trig"),
    ("application/n-quads", "application/n-quads"),
    ("*/*", "text/turtle"),
    ("application/rdf+xml;q=0.4, application/n-triples;q=0.8", "application/n-triples"),
    ("application/sparql-results+json", None),
]


@pytest.mark.parametrize(("accept", "expected"), SELECT_TYPES)
def test_select_content_negotiation(
    client: FlaskClient, accept: str | None, expected: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": SELECT_ALL}, headers=headers)
    if expected is None:
        assert response.status_code == 406
        assert response.is_json
        return
    assert response.status_code == 200
    assert response.mimetype == expected
    assert "Accept" in response.headers["Vary"]
    formats = {
        "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
        "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
        "text/csv": pyoxigraph.QueryResultsFormat.CSV,
        "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
    }
    if expected == "text/csv":  # lossy: Oxigraph does not parse it back
        assert response.data.count(b"\r\n") == 1 + G1_SIZE + G2_SIZE
        return
    parsed = pyoxigraph.parse_query_results(response.data, format=formats[expected])
    assert isinstance(parsed, pyoxigraph.QuerySolutions)
    assert len(list(parsed)) == G1_SIZE + G2_SIZE


@pytest.mark.parametrize(("accept", "expected"), GRAPH_TYPES)
def test_construct_content_negotiation(
    client: FlaskClient, accept: str | None, expected: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": CONSTRUCT_ALL}, headers=headers)
    if expected is None:
        assert response.status_code == 406
        return
    assert response.status_code == 200
    assert response.mimetype == expected
    rdf_format = pyoxigraph.RdfFormat.from_media_type(expected)
    assert rdf_format is not None
    assert len(list(pyoxigraph.parse(response.data, format=rdf_format))) == G1_SIZE + G2_SIZE


@pytest.mark.parametrize(
    ("query", "fmt", "accept", "expected"),
    [
        (SELECT_ALL, "csv", "application/sparql-results+xml", "text/csv"),
        (SELECT_ALL, "tsv", None, "text/tab-separated-values"),
        (SELECT_ALL, "xml", None, "application/sparql-results+xml"),
        (SELECT_ALL, "text/csv", None, "text/csv"),
        (ASK, "json", "text/csv", "application/sparql-results+json"),
        (CONSTRUCT_ALL, "json", None, "application/ld+json"),
        (CONSTRUCT_ALL, "nt", "text/turtle", "application/n-triples"),
        (CONSTRUCT_ALL, "xml", None, "application/rdf+xml"),
        (CONSTRUCT_ALL, "csv", None, None),
        (SELECT_ALL, "turtle", None, None),
    ],
)
def test_format_parameter_overrides_accept(
    client: FlaskClient, query: str, fmt: str, accept: str | None, expected: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": query, "format": fmt}, headers=headers)
    if expected is None:
        assert response.status_code == 406
        assert response.is_json
    else:
        assert response.status_code == 200
        assert response.mimetype == expected


def test_text_results_declare_utf8(client: FlaskClient) -> None:
    query = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"})
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "2023 tariff" in response.data.decode("utf-8")


def test_describe_returns_a_graph(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{EX}tariff>"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert len(list(pyoxigraph.parse(response.data, format=pyoxigraph.RdfFormat.TURTLE))) == 3


SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_bare_get_returns_the_service_description(
    client: FlaskClient, accept: str | None, expected: str
) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == expected
    rdf_format = pyoxigraph.RdfFormat.from_media_type(expected)
    assert rdf_format is not None
    graph = pyoxigraph.Store()
    graph.load(response.data, format=rdf_format)

    def objects(predicate: str) -> set[str]:
        return {
            quad.object.value
            for quad in graph.quads_for_pattern(None, pyoxigraph.NamedNode(SD + predicate), None)
        }

    assert objects("endpoint") == {"http://localhost/sparql"}
    assert objects("supportedLanguage") == {SD + "SPARQL11Query", SD + "SPARQL11Update"}
    assert SD + "UnionDefaultGraph" in objects("feature")
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in objects("resultFormat")
    assert objects("name") == {G1, G2}
    assert len(objects("defaultDataset")) == 1


def test_service_description_not_acceptable(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.is_json


def test_cors_headers_on_sparql(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": ASK}, headers={"Origin": "http://x"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "http://x",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    posted = client.post("/sparql", data={"query": ASK})
    assert posted.headers["Access-Control-Allow-Origin"] == "*"


def test_no_cors_turns_the_headers_off(tmp_path: Path) -> None:
    app = make_app(tmp_path, timeout=0, cors=False)
    response = app.test_client().get("/sparql", query_string={"query": ASK})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_in_process_mode_answers_the_same(tmp_path: Path, client: FlaskClient) -> None:
    app = make_app(tmp_path, timeout=0)
    query = {"query": SELECT_ALL + " ORDER BY ?s ?p ?o"}
    assert app.test_client().get("/sparql", query_string=query).data == (
        client.get("/sparql", query_string=query).data
    )


def test_repeated_queries_are_answered_from_the_cache(client: FlaskClient) -> None:
    query = {"query": "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o LIMIT 2"}
    first = client.get("/sparql", query_string=query)
    second = client.get("/sparql", query_string=query)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert first.data == second.data
    other_type = client.get("/sparql", query_string=query, headers={"Accept": "text/csv"})
    assert other_type.headers["X-Cache"] == "miss"


def test_the_cache_can_be_switched_off(tmp_path: Path) -> None:
    client = make_app(tmp_path, timeout=0, result_cache=0).test_client()
    for _ in range(2):
        assert client.get("/sparql", query_string={"query": ASK}).headers["X-Cache"] == "miss"
