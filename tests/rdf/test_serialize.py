"""Deterministic serialisation: every format parses, round-trips, and is byte-stable."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad
from rdflib.compare import isomorphic

from kg.errors import NotFoundError, UsageError
from kg.rdf.formats import EXPORT_OFFERS, by_name
from kg.rdf.stream import serialize
from tests.support.rdf_fixture import DATASET_TRIG, load_dataset

EXPORT_NAMES = [fmt.name for fmt in EXPORT_OFFERS]

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
UNION_FORMATS = ["ttl", "nt", "jsonld"]
DATASET_FORMATS = ["trig", "nq"]

TRICKY_LITERALS = [
    Literal("with \"double\" and 'single' quotes"),
    Literal("two\nlines\r\nand a\ttab"),
    Literal("backslash \\ and \\n not a newline"),
    Literal("unicode: é ß 中文 🚀 \u0007 control"),
    Literal("Путин", language="ru"),
    Literal("en-GB text", language="en-gb"),
    Literal("3.8", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    Literal("2025-02-24", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    Literal("x", datatype=NamedNode("http://example.org/dt#odd/type")),
    Literal(""),
    Literal('"""'),
]


def _tricky_store() -> pyoxigraph.Store:
    store = load_dataset()
    graph = NamedNode("https://w3id.org/cmkg/graph/tricky")
    for i, literal in enumerate(TRICKY_LITERALS):
        subject = NamedNode(f"https://w3id.org/cmkg/id/tricky-{i}")
        store.add(Quad(subject, NamedNode("http://example.org/p"), literal, graph))
    odd = NamedNode("http://example.org/path/with.dot./and%20escape")
    store.add(Quad(odd, NamedNode("http://example.org/p"), odd, DefaultGraph()))
    return store


def _store_quads(store: pyoxigraph.Store) -> set[str]:
    return {str(q) for q in store}


def _store_triples(store: pyoxigraph.Store) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in store}


def _parsed_by_oxigraph(data: bytes, fmt: str) -> list[Quad]:
    return list(pyoxigraph.parse(data, format=by_name(fmt, EXPORT_OFFERS).rdf))


@pytest.fixture
def store() -> pyoxigraph.Store:
    return _tricky_store()


@pytest.mark.parametrize("fmt", UNION_FORMATS)
def test_union_formats_round_trip_through_oxigraph(store: pyoxigraph.Store, fmt: str) -> None:
    parsed = _parsed_by_oxigraph(serialize(store, fmt), fmt)
    assert {f"{q.subject} {q.predicate} {q.object}" for q in parsed} == _store_triples(store)


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_formats_keep_the_named_graphs(store: pyoxigraph.Store, fmt: str) -> None:
    parsed = _parsed_by_oxigraph(serialize(store, fmt), fmt)
    assert {str(q) for q in parsed} == _store_quads(store)


@pytest.mark.parametrize("fmt", UNION_FORMATS)
def test_union_formats_are_isomorphic_in_rdflib(store: pyoxigraph.Store, fmt: str) -> None:
    expected = rdflib.Graph().parse(data=serialize(store, "nt").decode(), format="nt")
    actual = rdflib.Graph().parse(data=serialize(store, fmt).decode(), format=RDFLIB_FORMATS[fmt])
    assert len(actual) == len(_store_triples(store))
    assert isomorphic(actual, expected)


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_formats_parse_in_rdflib(store: pyoxigraph.Store, fmt: str) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=serialize(store, fmt).decode(), format=RDFLIB_FORMATS[fmt])
    graphs = {str(c.identifier) for c in dataset.graphs() if len(c)}
    assert "https://w3id.org/cmkg/graph/000_abc" in graphs
    assert "https://w3id.org/cmkg/graph/tricky" in graphs
    assert sum(1 for _ in dataset.quads()) == len(_store_quads(store))


@pytest.mark.parametrize("fmt", EXPORT_NAMES)
def test_same_content_in_another_order_gives_identical_bytes(
    store: pyoxigraph.Store, fmt: str
) -> None:
    quads = list(store)
    random.Random(7).shuffle(quads)
    other = pyoxigraph.Store()
    other.extend(quads)
    assert serialize(other, fmt) == serialize(store, fmt)
    assert serialize(store, fmt) == serialize(store, fmt)


@pytest.mark.parametrize("fmt", EXPORT_NAMES)
def test_blank_nodes_get_stable_labels(fmt: str) -> None:
    def build() -> pyoxigraph.Store:
        store = pyoxigraph.Store()
        a, b = BlankNode(), BlankNode()
        p = NamedNode("http://example.org/p")
        store.add(Quad(a, p, b, NamedNode("http://example.org/g")))
        store.add(Quad(b, p, Literal("leaf"), NamedNode("http://example.org/g")))
        return store

    first, second = serialize(build(), fmt), serialize(build(), fmt)
    assert first == second
    assert b"c14n" in first
    assert len(_parsed_by_oxigraph(first, fmt)) == 2


def test_turtle_uses_project_prefixes_and_groups_by_subject(store: pyoxigraph.Store) -> None:
    text = serialize(store, "ttl").decode()
    assert "@prefix cmkgid: <https://w3id.org/cmkg/id/> ." in text
    assert "@prefix time:" not in text  # only the prefixes in use
    block = next(b for b in text.split("\n\n") if b.startswith("cmkgid:putin-offer "))
    assert block.startswith("cmkgid:putin-offer a cmkg:Proposal ;")
    assert "cmkg:proposedBy cmkgid:vladimir-putin" in block
    assert "cmkg:conflictsWith cmkgid:us-rare-earth-sanction" in block  # union of graphs
    assert text.count("\ncmkgid:putin-offer ") == 1


def test_trig_writes_one_block_per_graph_in_order(store: pyoxigraph.Store) -> None:
    text = serialize(store, "trig").decode()
    names = [line.split(" ")[0] for line in text.splitlines() if line.endswith(" {")]
    assert names == sorted(names)
    assert "graph:000_abc" in names and "graph:inferred" in names


def test_ntriples_lines_are_sorted_and_distinct(store: pyoxigraph.Store) -> None:
    lines = serialize(store, "nt").decode().splitlines()
    assert lines == sorted(set(lines))


def test_one_graph_only(store: pyoxigraph.Store) -> None:
    text = serialize(store, "nt", graph="https://w3id.org/cmkg/graph/inferred").decode()
    assert text.splitlines() == [
        "<https://w3id.org/cmkg/id/putin-offer> <https://w3id.org/cmkg/ontology#conflictsWith>"
        " <https://w3id.org/cmkg/id/us-rare-earth-sanction> ."
    ]


def test_unknown_graph_is_not_found(store: pyoxigraph.Store) -> None:
    with pytest.raises(NotFoundError, match="no graph"):
        serialize(store, "ttl", graph="https://w3id.org/cmkg/graph/nope")


def test_malformed_graph_iri_is_a_usage_error(store: pyoxigraph.Store) -> None:
    with pytest.raises(UsageError, match="not an absolute IRI"):
        serialize(store, "ttl", graph="no iri")


def test_unknown_format_is_a_usage_error(store: pyoxigraph.Store) -> None:
    with pytest.raises(UsageError, match="ttl, nt, trig, nq, jsonld"):
        serialize(store, "rdfxml")


def test_empty_store_serialises_to_parseable_output() -> None:
    for fmt in EXPORT_NAMES:
        assert _parsed_by_oxigraph(serialize(pyoxigraph.Store(), fmt), fmt) == []


def test_exporting_thousands_of_quads_keeps_every_quad() -> None:
    """Correctness at size; the speed is measured in bench/, not asserted here."""
    store = load_dataset()
    graph = NamedNode("https://w3id.org/cmkg/graph/bulk")
    p = NamedNode("https://w3id.org/cmkg/ontology#condition")
    store.extend(
        Quad(NamedNode(f"https://w3id.org/cmkg/id/n-{i}"), p, Literal(f"value {i}"), graph)
        for i in range(10_000)
    )
    for fmt in EXPORT_NAMES:
        parsed = pyoxigraph.parse(serialize(store, fmt), format=by_name(fmt, EXPORT_OFFERS).rdf)
        assert sum(1 for _ in parsed) >= 10_000


def _run(tool: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed (apt-get install raptor2-utils serdi)")
    return subprocess.run(tool, input=data, capture_output=True, check=False, timeout=60)


@pytest.mark.parametrize(
    ("fmt", "tool"),
    [
        ("ttl", ["rapper", "-i", "turtle", "-c", "-", "https://w3id.org/cmkg/"]),
        ("nt", ["rapper", "-i", "ntriples", "-c", "-", "https://w3id.org/cmkg/"]),
        ("trig", ["rapper", "-i", "trig", "-c", "-", "https://w3id.org/cmkg/"]),
        ("nq", ["rapper", "-i", "nquads", "-c", "-", "https://w3id.org/cmkg/"]),
        ("ttl", ["serdi", "-i", "turtle", "-o", "ntriples", "-"]),
        ("nt", ["serdi", "-i", "ntriples", "-o", "ntriples", "-"]),
        ("trig", ["serdi", "-i", "trig", "-o", "nquads", "-"]),
    ],
)
def test_external_parsers_accept_the_output(
    store: pyoxigraph.Store, fmt: str, tool: list[str]
) -> None:
    data = serialize(store, fmt)
    result = _run(tool, data)
    assert result.returncode == 0, result.stderr.decode()
    assert b"error" not in result.stderr.lower(), result.stderr.decode()
    if tool[0] == "rapper":
        assert f"returned {len(_store_quads(store))} triples".encode() in result.stderr
    else:
        assert len(result.stdout.splitlines()) == len(_store_quads(store))


def test_fixture_is_the_documented_shape(tmp_path: Path) -> None:
    """The inline fixture itself loads into an on-disk store (guards the other tests)."""
    store = load_dataset(tmp_path / "store", DATASET_TRIG)
    assert len(store) > 40
    assert io.BytesIO(serialize(store, "nq")).getvalue().count(b"\n") == len(store)
