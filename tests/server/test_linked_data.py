"""Dereferenceable IRIs: /id/<slug> by content negotiation, and /ontology."""

from __future__ import annotations

import re
import tempfile
import threading
import urllib.request
from collections.abc import Iterator

import pyoxigraph
import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from rdflib.compare import isomorphic

from kg.config import load_settings
from kg.rdf.terms import CMKG
from kg.resources import ontology_file
from server import create_app
from server.state import state
from tests.support.rdf_fixture import DATASET_TRIG, EVIDENCE, PROPOSAL, PUTIN

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PROPOSED_BY = pyoxigraph.NamedNode(CMKG + "proposedBy")
LABEL = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
EXACT = pyoxigraph.NamedNode("http://www.w3.org/ns/oa#exact")
QUOTE = 'Putin <script>offered</script> "joint" rare-earth work'


@pytest.fixture
def store(app: Flask) -> pyoxigraph.Store:
    store: pyoxigraph.Store = state(app).store
    store.load(DATASET_TRIG.encode(), format=pyoxigraph.RdfFormat.TRIG)
    return store


def _triples(data: bytes, fmt: pyoxigraph.RdfFormat) -> set[tuple[str, str, str]]:
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in pyoxigraph.parse(data, fmt)}


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "text/html; charset=utf-8"),
        ("*/*", "text/html; charset=utf-8"),
        (BROWSER, "text/html; charset=utf-8"),
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/ld+json", "application/ld+json; charset=utf-8"),
        ("application/n-triples", "application/n-triples; charset=utf-8"),
        ("application/json", "application/ld+json; charset=utf-8"),
        ("text/turtle;q=0.5, text/html;q=0.9", "text/html; charset=utf-8"),
        ("text/html;q=0.1, text/turtle", "text/turtle; charset=utf-8"),
        ("application/*", "application/ld+json; charset=utf-8"),
        ("application/rdf+xml, text/turtle;q=0.8", "text/turtle; charset=utf-8"),
    ],
)
def test_accept_header_picks_the_representation(
    client: FlaskClient, store: pyoxigraph.Store, accept: str | None, content_type: str
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/id/vladimir-putin", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("query", "content_type"),
    [
        ("?format=ttl", "text/turtle; charset=utf-8"),
        ("?format=jsonld", "application/ld+json; charset=utf-8"),
        ("?format=nt", "application/n-triples; charset=utf-8"),
        ("?format=html", "text/html; charset=utf-8"),
    ],
)
def test_format_parameter_overrides_accept(
    client: FlaskClient, store: pyoxigraph.Store, query: str, content_type: str
) -> None:
    response = client.get("/id/vladimir-putin" + query, headers={"Accept": "image/png"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type


def test_unacceptable_and_unknown_formats(client: FlaskClient, store: pyoxigraph.Store) -> None:
    refused = client.get("/id/vladimir-putin", headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert refused.json is not None and "text/turtle" in refused.json["error"]
    bad = client.get("/id/vladimir-putin?format=rdfxml")
    assert bad.status_code == 400
    assert bad.json == {
        "error": "format 'rdfxml' cannot express this resource; use one of: html, ttl, jsonld, nt",
        "status": 400,
    }


def test_turtle_for_an_entity_names_its_proposals(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    response = client.get("/id/vladimir-putin", headers={"Accept": "text/turtle"})
    triples = _triples(response.data, pyoxigraph.RdfFormat.TURTLE)
    assert (f"<{PROPOSAL}>", str(PROPOSED_BY), f"<{PUTIN}>") in triples
    labels = {o for s, p, o in triples if s == f"<{PROPOSAL}>" and p == str(LABEL)}
    assert labels == {'"Putin offers US companies rare-earth deals"@en'}
    assert (f"<{PUTIN}>", str(LABEL), '"Vladimir Putin"@en') in triples


def test_turtle_for_a_fact_carries_its_evidence_and_linked_labels(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    response = client.get("/id/putin-offer?format=ttl")
    graph = rdflib.Graph().parse(data=response.data.decode(), format="turtle")
    exact = graph.value(rdflib.URIRef(EVIDENCE + "/quote"), rdflib.URIRef(str(EXACT.value)))
    assert str(exact) == QUOTE
    assert (
        graph.value(
            rdflib.URIRef(EVIDENCE + "/position"), rdflib.URIRef("http://www.w3.org/ns/oa#start")
        ).toPython()
        == 5
    )
    sanction = rdflib.URIRef("https://w3id.org/cmkg/id/us-rare-earth-sanction")
    assert str(graph.value(sanction, rdflib.RDFS.label)) == (
        "US sanctions on Russian rare-earth exports"
    )
    assert graph.value(sanction, rdflib.URIRef(CMKG + "imposedBy")) is None  # labels only
    article = rdflib.URIRef("https://w3id.org/cmkg/article/000_abc")
    assert str(graph.value(article, rdflib.URIRef("http://purl.org/dc/terms/date"))) == (
        "2025-02-24"
    )


@pytest.mark.parametrize(
    ("fmt", "parser"), [("jsonld", "json-ld"), ("nt", "nt"), ("ttl", "turtle")]
)
def test_every_rdf_representation_parses_and_agrees(
    client: FlaskClient, store: pyoxigraph.Store, fmt: str, parser: str
) -> None:
    reference = rdflib.Graph().parse(
        data=client.get("/id/putin-offer?format=nt").data.decode(), format="nt"
    )
    graph = rdflib.Graph().parse(
        data=client.get(f"/id/putin-offer?format={fmt}").data.decode(), format=parser
    )
    assert len(graph) == len(reference) > 20
    assert isomorphic(graph, reference)


def test_page_shows_quotes_article_and_date_escaped(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    page = client.get("/id/vladimir-putin", headers={"Accept": BROWSER}).data.decode()
    assert "<h1>Vladimir Putin</h1>" in page
    assert str(escape(QUOTE)) in page
    assert "<script>" not in page
    assert str(escape('Putin\'s "rare earth" offer <b>& more</b>')) in page
    assert '<time datetime="2025-02-24">' in page
    assert 'href="/id/putin-offer"' in page  # the incoming link, labelled
    assert "Putin offers US companies rare-earth deals" in page
    assert 'href="/ontology#Person">Person</a>' in page
    assert "Путин" in page


def test_page_of_a_fact_lists_properties_with_linked_labels(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    page = client.get("/id/putin-offer?format=html").data.decode()
    assert '<a href="/id/vladimir-putin">Vladimir Putin</a>' in page
    assert '<a href="/ontology#proposedBy" title="' in page
    assert str(escape('if the "pesky" duties\nare scrapped')) in page
    assert '<a href="/id/evidence/000_abc/5-42">' in page


def test_evidence_iris_with_slashes_dereference(
    client: FlaskClient, store: pyoxigraph.Store
) -> None:
    response = client.get("/id/evidence/000_abc/5-42/quote?format=nt")
    assert response.status_code == 200
    triples = _triples(response.data, pyoxigraph.RdfFormat.N_TRIPLES)
    assert (f"<{EVIDENCE}/quote>", str(EXACT), str(pyoxigraph.Literal(QUOTE))) in triples


@pytest.mark.parametrize("slug", ["nobody", "evidence/000_abc/1-2", "a//b", "x/../vladimir-putin"])
def test_unknown_resources_are_404(client: FlaskClient, store: pyoxigraph.Store, slug: str) -> None:
    as_data = client.get(f"/id/{slug}", headers={"Accept": "text/turtle"})
    assert as_data.status_code == 404
    assert as_data.json is not None and as_data.json["status"] == 404
    as_page = client.get(f"/id/{slug}", headers={"Accept": BROWSER})
    assert as_page.status_code == 404
    assert as_page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Not found</h1>" in as_page.data.decode()


def test_resource_responses_revalidate(client: FlaskClient, store: pyoxigraph.Store) -> None:
    first = client.get("/id/vladimir-putin?format=ttl")
    again = client.get(
        "/id/vladimir-putin?format=ttl", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    other = client.get("/id/vladimir-putin?format=nt")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_ontology_as_turtle_is_the_shipped_file(client: FlaskClient) -> None:
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert response.data == ontology_file().read_bytes()


def test_ontology_as_json_ld_parses(client: FlaskClient) -> None:
    response = client.get("/ontology", headers={"Accept": "application/ld+json"})
    graph = rdflib.Graph().parse(data=response.data.decode(), format="json-ld")
    reference = rdflib.Graph().parse(ontology_file(), format="turtle")
    assert isomorphic(graph, reference)


@pytest.fixture(scope="module")
def ontology_page() -> str:

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(load_settings({"home": folder}, environ={}))
        response = app.test_client().get("/ontology", headers={"Accept": BROWSER})
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        return response.data.decode()


def test_ontology_page_anchors_every_term_by_local_name(ontology_page: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', ontology_page)
    assert len(ids) == len(set(ids)), "duplicate ids"
    graph = rdflib.Graph().parse(ontology_file(), format="turtle")
    terms = {str(s)[len(CMKG) :] for s in graph.subjects() if str(s).startswith(CMKG)}
    assert {"Proposal", "ConflictBasis", "conflictsWith", "Accepted", "date"} <= terms
    assert terms - set(ids) == set()
    links = set(re.findall(r'href="#([^"]+)"', ontology_page))
    assert {"Proposal", "ConflictBasis"} & links


# --- a real server and a real client -----------------------------------------------------------


@pytest.fixture
def live_url(app: Flask, store: pyoxigraph.Store) -> Iterator[str]:
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()
        thread.join(timeout=5)


def test_live_server_serves_turtle_and_pages(live_url: str) -> None:
    request = urllib.request.Request(
        live_url + "/id/vladimir-putin", headers={"Accept": "text/turtle"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
        turtle = response.read()
    assert (f"<{PROPOSAL}>", str(PROPOSED_BY), f"<{PUTIN}>") in _triples(
        turtle, pyoxigraph.RdfFormat.TURTLE
    )
    request = urllib.request.Request(live_url + "/id/vladimir-putin", headers={"Accept": BROWSER})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert str(escape(QUOTE)) in response.read().decode()
