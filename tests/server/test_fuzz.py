"""Fuzzing: no request makes the server fail with a 5xx other than 503 (a time limit).

* Schemathesis generates requests for every operation of ``/openapi.json`` of a live
  `kg serve` over a copy of the seed build.
* Hypothesis generates SPARQL queries and updates (fragments of the grammar mixed with
  escapes, brackets and noise) for ``/sparql`` and RDF payloads for ``/store``, against an
  app whose queries run in killable worker processes (a crash would be a 500, not a dead
  test run).

Example counts are bounded so that the module runs in well under three minutes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.config import Settings
from server.app import shutdown_app
from tests.support.endpoint import AUTH, EX, G1, TOKEN, make_app
from tests.support.live import LiveServer, live_server

pytestmark = pytest.mark.slow

API_EXAMPLES = 25  # per operation of /openapi.json
EXAMPLES = 200  # per Hypothesis test below


def acceptable(status: int) -> bool:
    return status < 500 or status == 503


@pytest.fixture(scope="module")
def live(seed_build: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("fuzz-live")
    shutil.copytree(seed_build.store, home / "store")  # the seed build stays read-only
    with live_server(home, home / "store", "--timeout", "5", "--workers", "2") as running:
        yield running


def test_openapi_operations_never_fail_with_5xx(live: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(live.base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3
    calls: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=API_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def never_5xx(case: schemathesis.Case) -> None:
            response = case.call(timeout=30)
            calls.append(case.path)
            assert acceptable(response.status_code), (case.path, case.query, response.text[:300])

        never_5xx()
    assert len(calls) >= len(operations)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(
        tmp_path_factory.mktemp("fuzz"), timeout=5, workers=1, update_token=TOKEN
    )
    yield application
    shutdown_app(application)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


TERMS = st.sampled_from(
    [
        "?s",
        "?p",
        "?o",
        "$x",
        f"<{EX}a>",
        f"<{G1}>",
        "<rel>",
        "<http://a\\u0041#>",
        "ex:thing",
        '"text"',
        '"\\u0022"',
        "'x'@en",
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
        "42",
        "-1.5e3",
        "true",
        "[]",
        "_:b",
        "()",
        "( 1 2 )",
    ]
)
WORDS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "FILTER",
        "OPTIONAL",
        "UNION",
        "MINUS",
        "GRAPH",
        "BIND",
        "AS",
        "VALUES",
        "SERVICE",
        "SILENT",
        "FROM",
        "NAMED",
        "LIMIT",
        "OFFSET",
        "ORDER BY",
        "GROUP BY",
        "DISTINCT",
        "COUNT(*)",
        'REGEX(?o, "a*")',
        "STR(?o)",
        "{",
        "}",
        "(",
        ")",
        ".",
        ";",
        ",",
        "*",
        "/",
        "|",
        "^",
        "+",
        "&&",
        "||",
        "!",
        "=",
        "<",
        "#",
        "\n",
        "\\u0053ERVICE",
        "PREFIX ex: <http://example.org/>",
        "BASE <http://b/>",
    ]
)
FRAGMENT = st.lists(st.one_of(TERMS, WORDS, st.text(max_size=6)), max_size=40).map(" ".join)
QUERY_HEADS = st.sampled_from(
    [
        "SELECT * WHERE { ",
        "ASK { ",
        "CONSTRUCT { ?s ?p ?o } WHERE { ",
        "DESCRIBE ?s WHERE { ",
        "SELECT (COUNT(*) AS ?n) WHERE { ",
        "",
    ]
)
UPDATE_HEADS = st.sampled_from(
    [
        "INSERT DATA { ",
        "DELETE DATA { ",
        "INSERT { ?s ?p ?o } WHERE { ",
        "DELETE WHERE { ",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ",
        "CLEAR GRAPH ",
        "DROP SILENT GRAPH ",
        "COPY ",
        "LOAD ",
        "CREATE GRAPH ",
        "",
    ]
)
NESTING = st.integers(min_value=0, max_value=200).map(lambda n: "{" * n)
QUERIES = st.tuples(QUERY_HEADS, NESTING, FRAGMENT, st.sampled_from(["}", "} LIMIT 5", ""])).map(
    "".join
)
UPDATES = st.tuples(
    UPDATE_HEADS, NESTING, FRAGMENT, st.sampled_from(["}", "} ; CLEAR ALL", ""])
).map("".join)


@given(
    query=st.one_of(QUERIES, st.text(max_size=200)),
    method=st.sampled_from(["GET", "POST-direct", "POST-form"]),
    accept=st.sampled_from(
        ["", "application/xml", "text/csv", "text/turtle", "*/*", "text/html", "x/y;q=0"]
    ),
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_generated_queries_never_fail_with_5xx(
    client: FlaskClient, query: str, method: str, accept: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        response = client.get("/sparql", query_string={"query": query}, headers=headers)
    elif method == "POST-direct":
        response = client.post(
            "/sparql",
            data=query.encode("utf-8", "surrogatepass"),
            content_type="application/sparql-query",
            headers=headers,
        )
    else:
        response = client.post("/sparql", data={"query": query}, headers=headers)
    assert acceptable(response.status_code), (query, response.data[:300])


@given(update=st.one_of(UPDATES, st.text(max_size=200)), form=st.booleans())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_generated_updates_never_fail_with_5xx(
    client: FlaskClient, update: str, form: bool
) -> None:
    if form:
        response = client.post("/sparql", data={"update": update}, headers=AUTH)
    else:
        response = client.post(
            "/sparql",
            data=update.encode("utf-8", "surrogatepass"),
            content_type="application/sparql-update",
            headers=AUTH,
        )
    assert acceptable(response.status_code), (update, response.data[:300])


RDF_PIECES = st.sampled_from(
    [
        f"<{EX}s>",
        f"<{EX}p>",
        "<rel>",
        '"lit"',
        '"""long\nlit"""',
        "@prefix ex: <http://example.org/> .",
        "ex:x",
        "_:b",
        "[",
        "]",
        "(",
        ")",
        ".",
        ";",
        ",",
        "a",
        "1",
        "<?xml version='1.0'?>",
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>",
        "</rdf:RDF>",
        "<!DOCTYPE x [<!ENTITY e 'v'>]>",
        "&e;",
        "<rdf:Description rdf:about='http://example.org/s'>",
        "</rdf:Description>",
    ]
)
PAYLOADS = st.one_of(
    st.lists(st.one_of(RDF_PIECES, st.text(max_size=5)), max_size=60).map(" ".join),
    st.integers(min_value=0, max_value=300).map(
        lambda n: f"<{EX}s> <{EX}p> " + "(" * n + ")" * n + " ."
    ),
)


@given(
    payload=st.one_of(
        PAYLOADS.map(lambda text: text.encode("utf-8", "surrogatepass")), st.binary(max_size=200)
    ),
    content_type=st.sampled_from(
        [
            "text/turtle",
            "application/n-triples",
            "application/rdf+xml",
            "application/ld+json",
            "text/plain",
            "text/turtle; charset=latin-1",
        ]
    ),
    method=st.sampled_from(["PUT", "POST"]),
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_generated_rdf_payloads_never_fail_with_5xx(
    client: FlaskClient, payload: bytes, content_type: str, method: str
) -> None:
    response = client.open(
        f"/store?graph={EX}fuzzed",
        method=method,
        data=payload,
        content_type=content_type,
        headers=AUTH,
    )
    assert acceptable(response.status_code), (payload[:200], response.data[:300])
    export = client.get(f"/store?graph={EX}fuzzed", headers={"Accept": "text/turtle"})
    assert acceptable(export.status_code)
