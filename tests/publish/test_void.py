"""VoID + DCAT description: counts per graph, endpoint and dump URLs, deterministic bytes."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import date

import pyoxigraph
import pytest

from kg import __version__
from kg.publish.void import void_turtle
from kg.rdf.terms import sparql_prefixes
from tests.support.rdf_fixture import load_dataset

ENDPOINT = "http://127.0.0.1:8000/sparql"
DUMPS = "http://127.0.0.1:8000/export/"


def _described(data: bytes) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _select(store: pyoxigraph.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(sparql_prefixes() + query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in solutions)


@pytest.fixture
def store() -> pyoxigraph.Store:
    return load_dataset()


@pytest.fixture
def void(store: pyoxigraph.Store) -> pyoxigraph.Store:
    return _described(void_turtle(store, endpoint_url=ENDPOINT, dump_url_base=DUMPS))


def test_subsets_count_the_triples_of_each_graph(
    store: pyoxigraph.Store, void: pyoxigraph.Store
) -> None:
    counted = _select(store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    described = _select(
        void, "SELECT ?g ?n { <https://w3id.org/cmkg/dataset> void:subset ?g . ?g void:triples ?n }"
    )
    assert described == counted
    assert len(described) == 4


def test_dataset_totals_and_metadata(store: pyoxigraph.Store, void: pyoxigraph.Store) -> None:
    rows = _select(
        void,
        """SELECT ?title ?license ?version ?created ?triples ?endpoint {
             ?d a void:Dataset , dcat:Dataset ; dcterms:title ?title ; dcterms:license ?license ;
                dcat:version ?version ; dcterms:created ?created ; void:triples ?triples ;
                void:sparqlEndpoint ?endpoint ; dcterms:description ?description .
             FILTER NOT EXISTS { ?parent void:subset ?d } }""",
    )
    assert rows == [
        (
            "Critical Minerals Knowledge Graph",
            "https://www.apache.org/licenses/LICENSE-2.0",
            __version__,
            "2025-02-24",  # the newest article date: no wall clock
            str(len(store)),
            ENDPOINT,
        )
    ]


def test_every_dump_format_is_a_distribution(void: pyoxigraph.Store) -> None:
    rows = _select(
        void,
        """SELECT ?url ?media { ?d void:dataDump ?url ; dcat:distribution ?url .
             ?url a dcat:Distribution ; dcat:downloadURL ?url ; dcterms:format ?media }""",
    )
    assert rows == [
        (DUMPS + "cmkg.jsonld", "application/ld+json"),
        (DUMPS + "cmkg.nq", "application/n-quads"),
        (DUMPS + "cmkg.nt", "application/n-triples"),
        (DUMPS + "cmkg.trig", "application/trig"),
        (DUMPS + "cmkg.ttl", "text/turtle"),
    ]


def test_vocabularies_are_those_used(void: pyoxigraph.Store) -> None:
    vocabularies = {v for (v,) in _select(void, "SELECT ?v { ?d void:vocabulary ?v }")}
    assert "https://w3id.org/cmkg/ontology" in vocabularies
    assert "http://www.w3.org/ns/oa#" in vocabularies
    assert "http://www.w3.org/2006/time#" not in vocabularies


def test_article_graph_is_titled_after_its_article(void: pyoxigraph.Store) -> None:
    rows = _select(void, "SELECT ?t { graph:000_abc dcterms:title ?t ; dcterms:source ?a }")
    assert rows == [('Article: Putin\'s "rare earth" offer <b>& more</b>',)]


def test_same_store_content_gives_identical_bytes(store: pyoxigraph.Store) -> None:
    quads = list(store)
    random.Random(3).shuffle(quads)
    other = pyoxigraph.Store()
    other.extend(quads)
    assert void_turtle(store) == void_turtle(other)


def test_created_can_be_given_and_defaults_to_w3id_urls(store: pyoxigraph.Store) -> None:
    text = void_turtle(store, created=date(2026, 3, 1)).decode()
    assert 'dcterms:created "2026-03-01"^^xsd:date' in text
    assert "void:sparqlEndpoint <https://w3id.org/cmkg/sparql>" in text
    assert "<https://w3id.org/cmkg/export/cmkg.ttl>" in text


def test_empty_store_has_no_created_date() -> None:
    void = _described(void_turtle(pyoxigraph.Store()))
    assert _select(void, "SELECT ?n { ?d void:triples ?n }") == [("0",)]
    assert _select(void, "SELECT ?c { ?d dcterms:created ?c }") == []


def test_rapper_accepts_the_description(store: pyoxigraph.Store) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    result = subprocess.run(
        ["rapper", "-i", "turtle", "-c", "-", "https://w3id.org/cmkg/"],
        input=void_turtle(store),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
