"""Safe by default: keywords in strings are not refused, body limit, reported row cap.

Outbound connections are tested in test_outbound.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.errors import UsageError
from kg.rdf import scan
from server.app import shutdown_app
from tests.support.endpoint import EX, G1, TOKEN, make_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(
        tmp_path_factory.mktemp("safety"), timeout=10, workers=1, update_token=TOKEN
    )
    yield application
    shutdown_app(application)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "customer service, load balancing, from now" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> would be refused",
        "PREFIX ex: <http://example.org/>\n"
        "SELECT ?service ?load WHERE { ?service ex:SERVICE ?load }",
        'SELECT * WHERE { ?s ?p ?o FILTER(LANG(?o) = "en") }',
        f"SELECT * FROM <{G1}> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_keywords_inside_strings_comments_and_names_are_not_refused(
    client: FlaskClient, query: str
) -> None:
    assert client.get("/sparql", query_string={"query": query}).status_code == 200


def test_scanner_reads_prefixed_from_clauses() -> None:
    tokens = scan.tokenize(
        "BASE <http://b.org/dir/>\nPREFIX g: <graphs/>\n"
        "SELECT * FROM g:one FROM NAMED <two> FROM <http://x.org/three> WHERE { ?s ?p ?o }"
    )
    assert scan.dataset_clauses(tokens) == (
        ["http://b.org/dir/graphs/one", "http://x.org/three"],
        ["http://b.org/dir/two"],
    )


def test_scanner_refuses_undeclared_prefixes_in_from() -> None:
    with pytest.raises(UsageError, match="PREFIX nope"):
        scan.dataset_clauses(scan.tokenize("SELECT * FROM nope:x WHERE {}"))


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
            "INSERT { ?s ?p 1 } USING <http://g> WHERE { ?s ?p ?o }",
        ),
        (
            "DELETE WHERE { ?s ?p ?o }",
            "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }",
        ),
        (
            "INSERT DATA { <a> <b> <c> } ; "
            "DELETE { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } }",
            "INSERT DATA { <a> <b> <c> } ; DELETE { ?s ?p ?o } USING <http://g> WHERE "
            "{ { SELECT * WHERE { ?s ?p ?o } } }",
        ),
    ],
)
def test_using_is_added_before_each_top_level_where(update: str, expected: str) -> None:
    assert scan.add_using(update, scan.tokenize(update), ["http://g"], []) == expected


def test_body_over_the_limit_is_413_and_json(tmp_path: Path) -> None:
    app = make_app(tmp_path, timeout=0, max_body_bytes=200)
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300
    response = app.test_client().post(
        "/sparql", data=query, content_type="application/sparql-query"
    )
    assert response.status_code == 413
    assert response.json is not None and response.json["status"] == 413
    small = app.test_client().post(
        "/sparql", data="ASK {}", content_type="application/sparql-query"
    )
    assert small.status_code == 200


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    app = make_app(tmp_path_factory.mktemp("capped"), timeout=10, workers=1, max_rows=3)
    yield app.test_client()
    shutdown_app(app)


@pytest.mark.parametrize(
    ("accept", "count_rows"),
    [
        ("application/sparql-results+json", lambda b: len(json.loads(b)["results"]["bindings"])),
        ("text/tab-separated-values", lambda b: len(b.splitlines()) - 1),
        ("text/csv", lambda b: b.count(b"\r\n") - 1),
        (
            "application/sparql-results+xml",
            lambda b: len(
                list(
                    pyoxigraph.parse_query_results(b, format=pyoxigraph.QueryResultsFormat.XML)  # type: ignore[arg-type]
                )
            ),
        ),
    ],
)
def test_row_cap_truncates_and_says_so(
    capped: FlaskClient, accept: str, count_rows: object
) -> None:
    response = capped.get(
        "/sparql",
        query_string={"query": "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"},
        headers={"Accept": accept},
    )
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Limit"] == "3"
    assert count_rows(response.data) == 3  # type: ignore[operator]


def test_row_cap_applies_to_construct(capped: FlaskClient) -> None:
    response = capped.get(
        "/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
    )
    assert response.headers["X-Result-Truncated"] == "true"
    assert len(response.data.splitlines()) == 3


def test_results_under_the_cap_are_not_flagged(capped: FlaskClient) -> None:
    response = capped.get(
        "/sparql", query_string={"query": f"SELECT * WHERE {{ <{EX}tariff> ?p ?o }}"}
    )
    assert len(json.loads(response.data)["results"]["bindings"]) == 3
    assert "X-Result-Truncated" not in response.headers
