"""Canned queries run in the query workers: hard timeout, row cap, parameters, answer cache."""

from __future__ import annotations

import csv
import io
import json
import pickle
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask

from server.app import shutdown_app
from server.evaluation import QueryJob, evaluate, rebuild_substitutions, substitution_pairs
from tests.support.endpoint import EX, make_app

LIMIT = 1.5
XSD = "http://www.w3.org/2001/XMLSchema#"

QUERIES = {
    # Four independent triple patterns over 2,000 triples: 1.6e13 combinations.
    "cartesian": """#+ summary: Counts a cartesian product (never finishes in time)
SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }
""",
    "objects": """#+ summary: What one subject says
#+ params:
#+   subject: {type: iri, required: true, description: the subject}
SELECT ?subject ?p ?o WHERE { ?subject ?p ?o }
""",
    "rows": """#+ summary: Every triple, smallest object first
SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o
""",
    "graph": """#+ summary: Every triple as a graph
CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }
""",
}


def many_triples(n: int) -> str:
    return "".join(f"<{EX}s{i}> <{EX}p{i % 7}> {i} .\n" for i in range(n))


@pytest.fixture
def queries_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The server's canned queries come from a temporary folder holding QUERIES."""
    folder = tmp_path / "queries"
    folder.mkdir()
    for name, text in QUERIES.items():
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    monkeypatch.setattr("kg.publish.canned.queries_dir", lambda: folder)
    return folder


@pytest.fixture
def slow_app(tmp_path: Path, queries_folder: Path) -> Iterator[Flask]:
    application = make_app(
        tmp_path / "slow", data=many_triples(2000), timeout=LIMIT, workers=2, result_cache=0
    )
    yield application
    shutdown_app(application)


@pytest.fixture(params=[0.0, 10.0], ids=["in-process", "workers"])
def capped_app(
    request: pytest.FixtureRequest, tmp_path: Path, queries_folder: Path
) -> Iterator[Flask]:
    application = make_app(
        tmp_path / "capped", data=many_triples(20), timeout=request.param, workers=1, max_rows=3
    )
    yield application
    shutdown_app(application)


def test_runaway_canned_query_gets_503_at_the_limit_and_the_server_keeps_answering(
    slow_app: Flask,
) -> None:
    client = slow_app.test_client()
    assert client.get("/queries/rows?format=csv").status_code == 200  # workers started
    started = time.monotonic()
    response = client.get("/queries/cartesian")
    seconds = time.monotonic() - started
    assert response.status_code == 503 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == 503 and "limit" in body["error"]
    assert LIMIT - 0.1 <= seconds <= LIMIT + 1.0
    for _ in range(3):  # the killed worker is replaced; canned queries and /sparql still work
        answer = client.get("/queries/objects", query_string={"subject": EX + "s5"})
        assert answer.status_code == 200
        [row] = json.loads(answer.data)["results"]["bindings"]
        assert row["o"]["value"] == "5" and row["subject"]["value"] == EX + "s5"
    ask = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert ask.status_code == 200 and ask.data == b'{"head":{},"boolean":true}'


def test_runaway_canned_query_as_html_is_503_json_too(slow_app: Flask) -> None:
    response = slow_app.test_client().get("/queries/cartesian?format=html")
    assert response.status_code == 503
    assert response.get_json()["status"] == 503


def _count(fmt: str, body: bytes) -> int:
    """Rows or triples in a canned-query answer of format ``fmt``."""
    text = body.decode("utf-8")
    if fmt == "json":
        return len(json.loads(text)["results"]["bindings"])
    if fmt in ("csv", "tsv"):
        return len(list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))) - 1
    if fmt == "xml":
        return text.count("<result>")
    if fmt == "html":
        return text.count("<tr>") - 1  # minus the header row
    if fmt == "table":
        return len(text.splitlines()) - 3  # header, rule, "(n rows)"
    rdf = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    return len(list(ox.parse(body, format=rdf[fmt])))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("rows", "json"),
        ("rows", "csv"),
        ("rows", "tsv"),
        ("rows", "xml"),
        ("rows", "html"),
        ("rows", "table"),
        ("graph", "ttl"),
        ("graph", "nt"),
        ("graph", "jsonld"),
        ("graph", "html"),
    ],
)
def test_row_cap_cuts_canned_answers_and_says_so(capped_app: Flask, name: str, fmt: str) -> None:
    response = capped_app.test_client().get(f"/queries/{name}?format={fmt}")
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Limit"] == "3"
    assert _count(fmt, response.data) == 3


def test_answers_under_the_cap_carry_no_truncation_headers(capped_app: Flask) -> None:
    response = capped_app.test_client().get("/queries/objects?subject=http://example.org/s7")
    assert response.status_code == 200
    assert "X-Result-Truncated" not in response.headers
    assert _count("json", response.data) == 1


def test_html_page_renders_rows_parsed_back_from_the_workers(capped_app: Flask) -> None:
    page = capped_app.test_client().get("/queries/rows?format=html").get_data(as_text=True)
    assert "3 rows." in page
    assert f'href="{EX}s0"' in page and f'href="{EX}s2"' in page and f"{EX}s3" not in page


def test_parameters_are_part_of_the_answer_cache_key(tmp_path: Path, queries_folder: Path) -> None:
    app = make_app(tmp_path / "cached", data=many_triples(20), timeout=10.0, workers=1)
    try:
        client = app.test_client()
        seen = []
        for subject, state in [("s1", "miss"), ("s2", "miss"), ("s1", "hit"), ("s2", "hit")]:
            response = client.get("/queries/objects", query_string={"subject": EX + subject})
            assert response.status_code == 200 and response.headers["X-Cache"] == state
            [row] = json.loads(response.data)["results"]["bindings"]
            seen.append(row["o"]["value"])
        assert seen == ["1", "2", "1", "2"]
    finally:
        shutdown_app(app)


TERMS = [
    ox.NamedNode("https://w3id.org/cmkg/id/russia"),
    ox.Literal('say "hi"\nthen \\ leave', language="en"),
    ox.Literal("Zürich — 北京"),
    ox.Literal("2025-02-24", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal(True),
    ox.Literal(-42),
]


@pytest.mark.parametrize("value", TERMS, ids=str)
def test_substituted_terms_survive_the_trip_to_a_worker(value: ox.Literal) -> None:
    pairs = substitution_pairs({ox.Variable("v"): value})
    assert rebuild_substitutions(pairs) == {ox.Variable("v"): value}
    job = pickle.loads(
        pickle.dumps(
            QueryJob(
                query="SELECT ?v WHERE {}",
                results_type="application/sparql-results+json",
                graph_type=None,
                max_rows=10,
                substitutions=pairs,
            )
        )
    )
    reply = evaluate(ox.Store(), job)
    assert reply.outcome == "ok"
    [solution] = ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)  # type: ignore[misc]
    assert solution["v"] == value


def test_openapi_declares_the_row_cap_headers_and_the_timeout(capped_app: Flask) -> None:
    document = capped_app.test_client().get("/openapi.json").get_json()
    for name in QUERIES:
        responses = document["paths"][f"/queries/{name}"]["get"]["responses"]
        assert {"X-Result-Truncated", "X-Result-Limit", "X-Cache"} <= set(
            responses["200"]["headers"]
        )
        assert "timeout" in responses["503"]["description"]
