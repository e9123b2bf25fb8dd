"""Large answers stream from a spool file; small ones stay inline and cacheable.

The spool threshold is lowered to 4 KiB so that a 2,000-triple store gives answers of a few
hundred KiB (several 64 KiB chunks). Answers are compared with the in-process engine's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask, Response

from server import spool
from server.app import shutdown_app
from server.state import state
from tests.support.endpoint import EX, make_app

THRESHOLD = 4 * 1024
LIMIT = 1.5
TRIPLES = 2000
SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
SMALL = "ASK { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def many_triples(n: int) -> str:
    return "".join(f'<{EX}s{i}> <{EX}p{i % 7}> "value {i}" .\n' for i in range(n))


@pytest.fixture
def workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setattr(spool, "SPOOL_THRESHOLD", THRESHOLD)
    application = make_app(tmp_path / "w", data=many_triples(TRIPLES), timeout=LIMIT, workers=1)
    state(application).engine.start()
    yield application
    shutdown_app(application)


@pytest.fixture
def in_process(tmp_path: Path) -> Iterator[Flask]:
    application = make_app(tmp_path / "i", data=many_triples(TRIPLES), timeout=0)
    yield application
    shutdown_app(application)


def spool_dir(app: Flask) -> Path:
    directory: Path | None = state(app).engine.spool_dir
    assert directory is not None
    return directory


def dispatch(app: Flask, query: str, accept: str) -> Response:
    """The view's own response object (the test client wraps every body as an iterator)."""
    with app.test_request_context(
        "/sparql", query_string={"query": query}, headers={"Accept": accept}
    ):
        response = app.full_dispatch_request()
    return response


def triples_of(body: bytes, media: str) -> set[ox.Triple]:
    rdf_format = ox.RdfFormat.from_media_type(media)
    assert rdf_format is not None
    return {quad.triple for quad in ox.parse(body, format=rdf_format)}


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (SELECT_ALL, "application/sparql-results+json"),
        (SELECT_ALL, "text/csv"),
        (CONSTRUCT_ALL, "text/turtle"),
        (CONSTRUCT_ALL, "application/n-triples"),
    ],
)
def test_large_answers_stream_from_a_file_that_is_deleted_on_close(
    workers: Flask, in_process: Flask, query: str, accept: str
) -> None:
    response = dispatch(workers, query, accept)
    assert response.status_code == 200
    assert response.is_streamed
    [spooled] = list(spool_dir(workers).iterdir())
    assert spooled.suffix == ".answer"
    body = b"".join(response.response)  # type: ignore[arg-type]
    assert int(response.headers["Content-Length"]) == len(body) > spool.CHUNK
    assert response.headers["X-Cache"] == "miss"
    response.close()
    assert list(spool_dir(workers).iterdir()) == []
    expected = in_process.test_client().get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept}
    )
    if query == CONSTRUCT_ALL:
        assert triples_of(body, accept) == triples_of(expected.data, accept)
        assert len(triples_of(body, accept)) == TRIPLES
    else:
        assert body == expected.data


def test_streamed_answer_through_the_wsgi_stack_keeps_headers_and_is_not_cached(
    workers: Flask,
) -> None:
    client = workers.test_client()
    for _ in range(2):
        with client.get("/sparql", query_string={"query": SELECT_ALL}) as response:
            assert response.status_code == 200
            assert response.headers["X-Cache"] == "miss"  # spooled answers are never cached
            assert response.headers["Vary"] == "Accept"
            data = response.get_data()
            assert int(response.headers["Content-Length"]) == len(data)
            rows = json.loads(data)["results"]["bindings"]
            assert len(rows) == TRIPLES
        assert list(spool_dir(workers).iterdir()) == []
    assert len(state(workers).cache) == 0


def test_row_cap_headers_on_a_streamed_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "SPOOL_THRESHOLD", THRESHOLD)
    app = make_app(tmp_path, data=many_triples(TRIPLES), timeout=LIMIT, workers=1, max_rows=1500)
    try:
        response = dispatch(app, CONSTRUCT_ALL, "application/n-triples")
        assert response.is_streamed
        body = b"".join(response.response)  # type: ignore[arg-type]
        response.close()
        assert response.headers["X-Result-Truncated"] == "true"
        assert response.headers["X-Result-Limit"] == "1500"
        assert body.count(b"\n") == 1500
        assert int(response.headers["Content-Length"]) == len(body)
        assert list(spool_dir(app).iterdir()) == []
    finally:
        shutdown_app(app)


def test_a_client_leaving_after_the_first_chunk_leaves_no_file(workers: Flask) -> None:
    client = workers.test_client()
    response = client.get(
        "/sparql", query_string={"query": CONSTRUCT_ALL}, headers={"Accept": "text/turtle"}
    )
    first = next(iter(response.response))
    assert len(first) == spool.CHUNK
    assert len(list(spool_dir(workers).iterdir())) == 1
    response.close()
    assert list(spool_dir(workers).iterdir()) == []
    assert client.get("/sparql", query_string={"query": SMALL}).status_code == 200


def test_a_killed_worker_leaves_no_spool_file(workers: Flask) -> None:
    engine = state(workers).engine
    [worker] = [w for w in engine._all if not w.reserved]  # the general one takes it
    # What a worker killed in the middle of writing its answer leaves behind.
    partial = spool_dir(workers) / f"{worker.process.pid}-7.part"
    partial.write_bytes(b"<half an answer")
    response = workers.test_client().get("/sparql", query_string={"query": CARTESIAN})
    assert response.status_code == 503
    assert list(spool_dir(workers).iterdir()) == []
    time.sleep(0.5)  # the replacement worker starts in the background
    with workers.test_client().get("/sparql", query_string={"query": SELECT_ALL}) as again:
        assert again.status_code == 200
        assert len(json.loads(again.get_data())["results"]["bindings"]) == TRIPLES
    assert list(spool_dir(workers).iterdir()) == []


def test_small_answers_stay_inline_and_are_cached(workers: Flask) -> None:
    response = dispatch(workers, SMALL, "application/sparql-results+json")
    assert not response.is_streamed
    assert response.get_data() == b'{"head":{},"boolean":true}'
    assert list(spool_dir(workers).iterdir()) == []
    again = dispatch(workers, SMALL, "application/sparql-results+json")
    assert again.headers["X-Cache"] == "hit"
    assert again.get_data() == b'{"head":{},"boolean":true}'


@pytest.fixture
def canned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Canned queries from a temporary folder: every row, every triple."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "rows.rq").write_text(
        "#+ summary: Every triple as rows\n" + SELECT_ALL + "\n", encoding="utf-8"
    )
    (folder / "graph.rq").write_text(
        "#+ summary: Every triple as a graph\n" + CONSTRUCT_ALL + "\n", encoding="utf-8"
    )
    monkeypatch.setattr("kg.publish.canned.queries_dir", lambda: folder)


@pytest.mark.parametrize(
    ("path", "streamed", "lines"),
    [
        ("/queries/rows?format=csv", True, TRIPLES + 1),  # + the header
        ("/queries/graph?format=nt", True, TRIPLES),
        ("/queries/rows?format=table", False, TRIPLES + 3),  # header, rule, "(n rows)"
        ("/queries/graph?format=table", False, TRIPLES + 3),
    ],
)
def test_canned_queries_stream_or_read_back_a_spooled_answer(
    canned: None, workers: Flask, path: str, streamed: bool, lines: int
) -> None:
    with workers.test_request_context(path):
        response = workers.full_dispatch_request()
    assert response.status_code == 200
    assert response.is_streamed is streamed
    body = response.get_data()
    response.close()
    assert len(body.decode("utf-8").splitlines()) == lines
    assert list(spool_dir(workers).iterdir()) == []


def test_shutdown_removes_the_spool_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "SPOOL_THRESHOLD", THRESHOLD)
    app = make_app(tmp_path, data=many_triples(TRIPLES), timeout=LIMIT, workers=1)
    response = dispatch(app, SELECT_ALL, "text/csv")
    directory = spool_dir(app)
    assert directory.is_dir()
    shutdown_app(app)
    assert not directory.exists()
    # A response still being sent keeps its open file: the client gets every byte.
    body = b"".join(response.response)  # type: ignore[arg-type]
    assert int(response.headers["Content-Length"]) == len(body)
    response.close()
