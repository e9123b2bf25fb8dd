"""Protocol and input hardening (issue 14): dataset graphs the store lacks, relative IRIs in
updates, strict query strings, repeated `format`, XML for SELECT, nesting limits, RDF payload
limits, stale spool folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.rdf import scan
from server import spool
from server.app import shutdown_app
from server.state import state
from tests.support.cli import kg
from tests.support.endpoint import AUTH, EX, G1, TOKEN, make_app

ABSENT = "http://example.org/not-in-the-store"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(
        tmp_path_factory.mktemp("hardening"),
        timeout=0,
        update_token=TOKEN,
        max_body_bytes=2_000_000,
    )
    yield application
    shutdown_app(application)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def boolean(response: object) -> bool:
    value: bool = json.loads(response.data)["boolean"]  # type: ignore[attr-defined]
    return value


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"default-graph-uri": ABSENT}, False),
        ({"named-graph-uri": ABSENT}, False),
        ({"default-graph-uri": [ABSENT, G1]}, True),
        ({"named-graph-uri": [ABSENT, G1]}, False),  # the default graph is then empty
    ],
)
def test_dataset_graphs_the_store_lacks_are_empty(
    client: FlaskClient, params: dict[str, object], expected: bool
) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }", **params})
    assert response.status_code == 200
    assert boolean(response) is expected


def test_from_a_graph_the_store_lacks_is_empty(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": f"ASK FROM <{ABSENT}> {{ ?s ?p ?o }}"})
    assert response.status_code == 200 and boolean(response) is False


def test_a_dataset_iri_must_still_be_an_iri(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "ASK {}", "default-graph-uri": "not an iri"}
    )
    assert response.status_code == 400


def test_relative_iris_in_updates_resolve_against_the_endpoint(
    client: FlaskClient, app: Flask
) -> None:
    response = client.post(
        "/sparql",
        data=f"INSERT DATA {{ GRAPH <{EX}rel> {{ <thing> <{EX}p> <other> }} }}",
        content_type="application/sparql-update",
        headers={**AUTH, "Host": "evil.example"},
    )
    assert response.status_code == 204
    subjects = {
        quad.subject.value
        for quad in state(app).store.quads_for_pattern(
            None, None, None, pyoxigraph.NamedNode(EX + "rel")
        )
    }
    assert subjects == {"http://127.0.0.1:8000/thing"}  # the endpoint, not the Host header


@pytest.mark.parametrize("operation", ["CLEAR", "DROP"])
def test_clearing_a_graph_the_store_lacks_succeeds(client: FlaskClient, operation: str) -> None:
    response = client.post(
        "/sparql",
        data=f"{operation} GRAPH <{ABSENT}>",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert response.status_code == 204


def test_silent_is_added_only_where_missing() -> None:
    update = "PREFIX x: <http://x/> CLEAR GRAPH x:a ; DROP SILENT ALL ; COPY <a> TO <b>"
    assert scan.silence_graph_operations(update, scan.tokenize(update)) == (
        "PREFIX x: <http://x/> CLEAR SILENT GRAPH x:a ; DROP SILENT ALL ; COPY SILENT <a> TO <b>"
    )


def test_a_non_utf8_byte_in_a_get_query_string_is_400_like_a_form(client: FlaskClient) -> None:
    get = client.get("/sparql?query=ASK%20%7B%7D%FF")
    form = client.post(
        "/sparql", data=b"query=ASK%20%7B%7D%FF", content_type="application/x-www-form-urlencoded"
    )
    assert get.status_code == form.status_code == 400
    assert "UTF-8" in get.json["error"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("query", "formats", "content_type"),
    [
        (
            "SELECT * WHERE { ?s ?p ?o }",
            ["tsv", "text/tab-separated-values"],
            "text/tab-separated-values",
        ),
        ("SELECT * WHERE { ?s ?p ?o }", ["xml", "xml"], "application/sparql-results+xml"),
        (
            "CONSTRUCT WHERE { ?s ?p ?o }",
            ["json-ld", "application/ld+json,application/x-json+ld"],
            "application/ld+json",
        ),
        ("CONSTRUCT WHERE { ?s ?p ?o }", ["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", ["n3"], "text/turtle"),
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_repeated_format_parameters_that_agree(
    client: FlaskClient, query: str, formats: list[str], content_type: str, method: str
) -> None:
    if method == "GET":
        response = client.get(
            "/sparql", query_string=[("query", query)] + [("format", f) for f in formats]
        )
    else:
        response = client.post(
            "/sparql",
            data=urlencode([("query", query)] + [("format", f) for f in formats]),
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 200, response.data
    assert response.headers["Content-Type"].split(";")[0] == content_type


def test_repeated_format_parameters_that_disagree_are_400(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string=[("query", "ASK {}"), ("format", "json"), ("format", "csv")]
    )
    assert response.status_code == 400
    assert "disagree" in response.json["error"]  # type: ignore[index]


@pytest.mark.parametrize("accept", ["application/xml", "text/xml"])
@pytest.mark.parametrize(
    ("query", "content_type"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+xml"),
        ("ASK { ?s ?p ?o }", "application/sparql-results+xml"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/rdf+xml"),
    ],
)
def test_plain_xml_accept_gets_sparql_xml_or_rdf_xml(
    client: FlaskClient, accept: str, query: str, content_type: str
) -> None:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == content_type


NESTED = {
    "braces": lambda n: "SELECT * WHERE " + "{" * n + "}" * n,
    "optional": lambda n: (
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * (n - 1) + "}" * (n - 1) + " }"
    ),
    "subselect": lambda n: (
        "SELECT * WHERE { "
        + "{ SELECT * WHERE { " * ((n - 1) // 2)
        + "?s ?p ?o"
        + " } }" * ((n - 1) // 2)
        + " }"
    ),
    "parentheses": lambda n: (
        "SELECT * WHERE { FILTER(" + "(" * (n - 2) + "1" + ")" * (n - 2) + ") }"
    ),
    "union-chain": lambda n: (
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * (n * 16)) + " }"
    ),
    "plus-chain": lambda n: "SELECT * WHERE { BIND(" + "+".join(["1"] * (n * 16)) + " AS ?x) }",
}


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_nesting_past_the_limit_is_400_before_the_engine(client: FlaskClient, kind: str) -> None:
    deep = NESTED[kind](3000)
    response = client.post("/sparql", data=deep, content_type="application/sparql-query")
    assert response.status_code == 400
    assert "docs/security.md" in response.json["error"]  # type: ignore[index]


@pytest.mark.parametrize("kind", ["braces", "optional", "parentheses"])
def test_nesting_at_the_limit_is_answered(client: FlaskClient, kind: str) -> None:
    query = NESTED[kind](scan.MAX_DEPTH)
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 200, response.data


def test_a_nested_update_is_400(client: FlaskClient) -> None:
    update = "INSERT { ?s ?p ?o } WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    response = client.post(
        "/sparql", data=update, content_type="application/sparql-update", headers=AUTH
    )
    assert response.status_code == 400


def test_big_data_blocks_are_not_chains(client: FlaskClient) -> None:
    triples = " . ".join(f"<{EX}s{i}> <{EX}p> {i}" for i in range(2 * scan.MAX_OPERATORS))
    response = client.post(
        "/sparql",
        data=f"INSERT DATA {{ GRAPH <{EX}big> {{ {triples} }} }}",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert response.status_code == 204


def test_kg_sparql_refuses_deep_nesting(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    pyoxigraph.Store(str(tmp_path / "build" / "store"))
    result = kg(tmp_path, "sparql", NESTED["braces"](3000))
    assert result.exit_code == 2
    assert "nests brackets" in result.stderr and "Traceback" not in result.output


def test_kg_sparql_survives_an_engine_crash(tmp_path: Path) -> None:
    """Past the checks (called directly), a crashing query ends the child, not kg."""
    from kg.commands.sparql import evaluate_sandboxed
    from kg.errors import EnvironmentProblem

    (tmp_path / "build").mkdir()
    pyoxigraph.Store(str(tmp_path / "build" / "store"))
    with pytest.raises(EnvironmentProblem, match="crashed"):
        evaluate_sandboxed(tmp_path / "build" / "store", NESTED["braces"](20000), "csv")


def put(client: FlaskClient, body: bytes, content_type: str) -> tuple[int, str]:
    response = client.put(
        f"/store?graph={EX}payload", data=body, content_type=content_type, headers=AUTH
    )
    return response.status_code, (response.json or {}).get("error", "")


def test_rdf_xml_entity_declarations_are_refused(client: FlaskClient) -> None:
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
        b"<ex:p>&b;</ex:p></rdf:Description></rdf:RDF>"
    )
    status, error = put(client, body, "application/rdf+xml")
    assert status == 400 and "entities" in error


def test_a_deeply_nested_turtle_list_is_refused(client: FlaskClient) -> None:
    body = f"<{EX}s> <{EX}p> ".encode() + b"(" * 200 + b"1" + b")" * 200 + b" ."
    status, error = put(client, body, "text/turtle")
    assert status == 400 and "nests brackets" in error


def test_a_deeply_nested_rdf_xml_body_is_refused(client: FlaskClient) -> None:
    depth = 100
    inner = (
        b"<ex:p><rdf:Description>" * depth
        + b"<ex:q>1</ex:q>"
        + b"</rdf:Description></ex:p>" * depth
    )
    body = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
        + inner
        + b"</rdf:Description></rdf:RDF>"
    )
    status, error = put(client, body, "application/rdf+xml")
    assert status == 400 and "nests elements" in error


def test_a_payload_that_expands_past_the_cap_is_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path, timeout=0, update_token=TOKEN, max_body_bytes=20_000)
    subject, predicate = f"<{EX}{'s' * 900}>", f"<{EX}{'p' * 900}>"
    objects = ", ".join(str(n) for n in range(3000))  # ~17 kB of Turtle, ~6 MB of N-Triples
    body = f"{subject} {predicate} {objects} .".encode()
    status, error = put(app.test_client(), body, "text/turtle")
    assert status == 400 and "larger than" in error
    shutdown_app(app)


def test_a_normal_payload_is_stored(client: FlaskClient) -> None:
    body = f"<{EX}s> <{EX}p> (1 2 (3 4)) ; <{EX}q> [ <{EX}r> 5 ] .".encode()
    assert put(client, body, "text/turtle")[0] in (201, 204)


def test_spool_folders_of_dead_servers_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f"{spool.PREFIX}{dead.stdout.strip()}-abc"
    stale.mkdir()
    (stale / "1-1.answer").write_bytes(b"x")
    mine = tmp_path / f"{spool.PREFIX}{os.getpid()}-def"
    mine.mkdir()
    empty_old = tmp_path / f"{spool.PREFIX}legacy"
    empty_old.mkdir()
    os.utime(empty_old, (0, 0))
    assert spool.sweep_stale_dirs(tmp_path) == 2
    assert not stale.exists() and not empty_old.exists() and mine.exists()


def test_the_store_is_compacted_on_start_and_after_large_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server import writes
    from server.routes import graph_store

    compacted: list[object] = []
    monkeypatch.setattr(writes, "compact", compacted.append)
    monkeypatch.setattr(graph_store, "compact", compacted.append)
    app = make_app(tmp_path, timeout=0, update_token=TOKEN, max_body_bytes=2_000_000)
    assert len(compacted) == 1  # on start
    client = app.test_client()
    small = f"INSERT DATA {{ <{EX}a> <{EX}b> 1 }}"
    assert (
        client.post(
            "/sparql", data=small, content_type="application/sparql-update", headers=AUTH
        ).status_code
        == 204
    )
    assert len(compacted) == 1
    large = (
        "INSERT DATA { "
        + " ".join(f'<{EX}s{i}> <{EX}p> "{"x" * 40}" .' for i in range(5000))
        + " }"
    )
    assert len(large) > writes.LARGE_WRITE
    assert (
        client.post(
            "/sparql", data=large, content_type="application/sparql-update", headers=AUTH
        ).status_code
        == 204
    )
    assert len(compacted) == 2
    turtle = large.removeprefix("INSERT DATA {").removesuffix("}").encode()
    assert put(client, turtle, "text/turtle")[0] in (201, 204)
    assert len(compacted) == 3
    shutdown_app(app)
