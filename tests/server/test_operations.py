"""Operational routes: /healthz, /stats, /.well-known/void, and the access log."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask

from server.access_log import AccessLog, format_line
from tests.support.endpoint import G1, G1_SIZE, G2, G2_SIZE, make_app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, timeout=0)


def test_healthz(app: Flask) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["status"] == "ok"
    assert response.json["store"] == "reachable"


def test_stats_counts_graphs_and_reads_build_info(app: Flask, tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    (build / "build-info.json").write_text(
        json.dumps({"version": "0.1.0", "built": "2026-01-02T03:04:05Z"}), encoding="utf-8"
    )
    response = app.test_client().get("/stats")
    assert response.status_code == 200
    stats = response.json
    assert stats is not None
    assert stats["triples"] == G1_SIZE + G2_SIZE
    assert stats["graphs"] == [
        {"graph": G1, "triples": G1_SIZE},
        {"graph": G2, "triples": G2_SIZE},
    ]
    assert stats["build"]["version"] == "0.1.0"
    assert stats["build"]["built"] == "2026-01-02T03:04:05Z"


def test_stats_without_a_build(app: Flask) -> None:
    stats = app.test_client().get("/stats").json
    assert stats is not None
    assert stats["build"]["version"] is None


def test_void_gives_per_graph_triple_counts(app: Flask) -> None:
    response = app.test_client().get("/.well-known/void")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    void = pyoxigraph.Store()
    void.load(response.data, format=pyoxigraph.RdfFormat.TURTLE)
    triples = pyoxigraph.NamedNode("http://rdfs.org/ns/void#triples")
    counts = {
        quad.subject.value: int(quad.object.value)
        for quad in void.quads_for_pattern(None, triples, None)
    }
    assert counts[G1] == G1_SIZE
    assert counts[G2] == G2_SIZE
    endpoint = pyoxigraph.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint")
    assert {q.object.value for q in void.quads_for_pattern(None, endpoint, None)} == {
        "http://127.0.0.1:8000/sparql"  # the configured address, never the Host header
    }
    dump = pyoxigraph.NamedNode("http://rdfs.org/ns/void#dataDump")
    dumps = {q.object.value for q in void.quads_for_pattern(None, dump, None)}
    assert "http://127.0.0.1:8000/export/cmkg.nq" in dumps  # this server's dumps, not w3id's


def test_access_log_writes_one_line_per_request(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    app.wsgi_app = AccessLog(app.wsgi_app)  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, logger="cmkg.access"):
        body = app.test_client().get("/sparql?query=ASK%7B%7D").data
        missing = app.test_client().get("/nowhere")
        assert missing.data  # the line is written once the body has been sent
    lines = [r.getMessage() for r in caplog.records if r.name == "cmkg.access"]
    assert len(lines) == 2
    method, path, status, size, millis = lines[0].split(" ")
    assert (method, path, status, size) == (
        "GET",
        "/sparql?query=ASK%7B%7D",
        "200",
        f"{len(body)}B",
    )
    assert millis.endswith("ms")
    assert lines[1].split(" ")[2] == "404"


def test_long_paths_are_shortened_in_the_log() -> None:
    line = format_line("GET", "/sparql?query=" + "x" * 500, "200 OK", 10, 1.25)
    assert len(line) < 260
    assert line.endswith("… 200 10B 1.2ms")
