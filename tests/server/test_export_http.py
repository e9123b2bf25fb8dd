"""HTTP dumps under /export: content types, validators, 304, gzip, per-article dumps, 404s."""

from __future__ import annotations

import gzip
import os
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.config import Settings, load_settings
from kg.rdf.formats import EXPORT_OFFERS, by_name
from kg.rdf.stream import serialize
from server.state import state
from tests.support.rdf_fixture import DATASET_TRIG, PROPOSAL

EXPORT_NAMES = [fmt.name for fmt in EXPORT_OFFERS]

CONTENT_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "trig": "application/trig; charset=utf-8",
    "nq": "application/n-quads; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}
BUILT_AT = datetime(2026, 2, 1, 12, 30, 0, tzinfo=UTC)


@pytest.fixture
def store(app: Flask, settings: Settings) -> pyoxigraph.Store:
    """The app's own store, holding the fixture, with a build-info.json of a known time."""
    store: pyoxigraph.Store = state(app).store
    store.load(DATASET_TRIG.encode(), format=pyoxigraph.RdfFormat.TRIG)
    info = settings.build / "build-info.json"
    info.write_text("{}\n")
    os.utime(info, (BUILT_AT.timestamp(), BUILT_AT.timestamp()))
    return store


@pytest.mark.parametrize("fmt", EXPORT_NAMES)
def test_dump_has_its_content_type_and_the_store_content(
    client: FlaskClient, store: pyoxigraph.Store, fmt: str
) -> None:
    response = client.get(f"/export/cmkg.{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == CONTENT_TYPES[fmt]
    assert response.data == serialize(store, fmt)
    assert len(
        list(pyoxigraph.parse(response.data, format=by_name(fmt, EXPORT_OFFERS).rdf))
    ) == len(store)


def test_validators_come_from_content_and_build(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    first = client.get("/export/cmkg.ttl")
    second = client.get("/export/cmkg.ttl")
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Last-Modified"] == "Sun, 01 Feb 2026 12:30:00 GMT"
    assert client.get("/export/cmkg.nt").headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 200),
        ({"If-None-Match": "{etag}"}, 304),
        ({"If-None-Match": '"other", {etag}'}, 304),
        ({"If-None-Match": "*"}, 304),
        ({"If-None-Match": '"stale"'}, 200),
        ({"If-Modified-Since": "Sun, 01 Feb 2026 12:30:00 GMT"}, 304),
        ({"If-Modified-Since": "Sat, 31 Jan 2026 00:00:00 GMT"}, 200),
        ({"If-None-Match": '"stale"', "If-Modified-Since": "Sun, 01 Feb 2026 12:30:00 GMT"}, 200),
    ],
)
def test_conditional_requests(
    client: FlaskClient, store: pyoxigraph.Store, headers: dict[str, str], status: int
) -> None:
    etag = client.get("/export/cmkg.nq").headers["ETag"]
    sent = {name: value.replace("{etag}", etag) for name, value in headers.items()}
    response = client.get("/export/cmkg.nq", headers=sent)
    assert response.status_code == status
    assert response.headers["ETag"] == etag
    assert (response.data == b"") == (status == 304)


def test_gzip_when_asked(client: FlaskClient, store: pyoxigraph.Store) -> None:
    plain = client.get("/export/cmkg.nt")
    zipped = client.get("/export/cmkg.nt", headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data)
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    again = client.get(
        "/export/cmkg.nt",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304


def test_gzip_refused_with_q_zero(client: FlaskClient, store: pyoxigraph.Store) -> None:
    response = client.get("/export/cmkg.ttl", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in response.headers


def test_article_dump_holds_only_that_article(client: FlaskClient, store: pyoxigraph.Store) -> None:
    response = client.get("/export/article/000_abc.ttl")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == CONTENT_TYPES["ttl"]
    graph = pyoxigraph.NamedNode("https://w3id.org/cmkg/graph/000_abc")
    expected = {
        f"{q.subject} {q.predicate} {q.object}"
        for q in store.quads_for_pattern(None, None, None, graph)
    }
    parsed = pyoxigraph.parse(response.data, format=pyoxigraph.RdfFormat.TURTLE)
    assert {f"{t.subject} {t.predicate} {t.object}" for t in parsed} == expected
    assert b"conflictsWith" not in response.data  # the inferred graph is not in it


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/export/article/999_nope.ttl", "no article '999_nope'"),
        ("/export/article/000_abc.xml", "use /export/article/<id>.<fmt>"),
        ("/export/article/000_abc", "use /export/article/<id>.<fmt>"),
        ("/export/cmkg.rdf", "no dump /export/cmkg.rdf"),
    ],
)
def test_unknown_dumps_are_404_json(
    client: FlaskClient, store: pyoxigraph.Store, path: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json is not None
    assert response.json["status"] == 404
    assert message in response.json["error"]


def test_cached_dump_follows_store_changes(
    app: Flask, client: FlaskClient, store: pyoxigraph.Store
) -> None:
    before = client.get("/export/cmkg.ttl")
    label = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    old = pyoxigraph.Literal("Putin offers US companies rare-earth deals", language="en")
    graph = pyoxigraph.NamedNode("https://w3id.org/cmkg/graph/000_abc")
    subject = pyoxigraph.NamedNode(PROPOSAL)
    store.remove(pyoxigraph.Quad(subject, label, old, graph))
    store.add(pyoxigraph.Quad(subject, label, pyoxigraph.Literal("renamed", language="en"), graph))
    state(app).store_changed()  # same size: only the generation tells the cache
    after = client.get("/export/cmkg.ttl")
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b'"renamed"@en' in after.data


def test_void_names_the_listening_address_never_the_host_header(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    response = client.get("/export/void.ttl", headers={"Host": "evil.example"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == CONTENT_TYPES["ttl"]
    assert b"evil.example" not in response.data
    assert b"void:sparqlEndpoint <http://127.0.0.1:8000/sparql>" in response.data
    assert b"<http://127.0.0.1:8000/export/cmkg.trig>" in response.data


def test_void_names_the_configured_public_base(tmp_path: Path) -> None:
    from server import create_app
    from server.app import shutdown_app

    settings = load_settings({"home": tmp_path, "base_url": "https://kg.example.org/"}, environ={})
    app = create_app(settings)
    try:
        response = app.test_client().get("/export/void.ttl", headers={"Host": "evil.example"})
    finally:
        shutdown_app(app)
    assert b"evil.example" not in response.data
    assert b"void:sparqlEndpoint <https://kg.example.org/sparql>" in response.data
    assert b"<https://kg.example.org/export/cmkg.trig>" in response.data


def test_head_gives_headers_without_body(client: FlaskClient, store: pyoxigraph.Store) -> None:
    response = client.head("/export/cmkg.ttl")
    assert response.status_code == 200
    assert response.data == b""
    assert int(response.headers["Content-Length"]) == len(serialize(store, "ttl"))


def test_last_modified_prefers_the_recorded_build_time(
    client: FlaskClient, store: pyoxigraph.Store, settings: Settings
) -> None:
    (settings.build / "build-info.json").write_text('{"built": "2026-03-04T05:06:07Z"}\n')
    response = client.get("/export/article/000_abc.nt")
    assert response.headers["Last-Modified"] == "Wed, 04 Mar 2026 05:06:07 GMT"
