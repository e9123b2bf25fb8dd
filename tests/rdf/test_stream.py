"""The streaming writer gives the bytes of the in-memory writer, also across sort runs."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.rdf import stream
from kg.rdf.formats import EXPORT_OFFERS
from kg.rdf.serialize import serialize_quads
from kg.rdf.stream import export_to, write_stream
from tests.rdf.test_serialize import TRICKY_LITERALS, _tricky_store

FORMATS = [fmt.name for fmt in EXPORT_OFFERS]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# IRIs that share prefixes (…/a, …/a/b, …/a.b), in and out of the project namespaces, so the
# order of prefixes and of local names is exercised; every predicate kind incl. rdf:type.
IRIS = st.sampled_from(
    [
        "https://w3id.org/cmkg/id/a",
        "https://w3id.org/cmkg/id/a/b",
        "https://w3id.org/cmkg/id/a.b",
        "https://w3id.org/cmkg/id/a-b",
        "https://w3id.org/cmkg/ontology#Proposal",
        "https://w3id.org/cmkg/ontology#label",
        "http://example.org/x",
        "http://example.org/x%20y",
        "urn:x:1",
        RDF_TYPE,
    ]
).map(NamedNode)
LITERALS = st.one_of(
    st.sampled_from(TRICKY_LITERALS),
    st.text(max_size=12).map(Literal),
    st.integers(-5, 5).map(Literal),
    st.sampled_from(["en", "ru"]).map(lambda lang: Literal("x", language=lang)),
)
GRAPHS = st.one_of(
    st.just(DefaultGraph()),
    st.sampled_from(["https://w3id.org/cmkg/graph/g1", "http://example.org/g2"]).map(NamedNode),
)
QUADS = st.lists(
    st.builds(Quad, IRIS, IRIS, st.one_of(IRIS, LITERALS), GRAPHS), min_size=0, max_size=60
)


def streamed(quads: list[Quad], fmt: str) -> bytes:
    out = io.BytesIO()
    write_stream(iter(quads), fmt, out, fallback=lambda: quads)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(quads=QUADS, fmt=st.sampled_from(FORMATS), chunk=st.sampled_from([1, 200, 10**9]))
def test_streamed_bytes_are_the_in_memory_bytes(quads: list[Quad], fmt: str, chunk: int) -> None:
    original = stream.CHUNK_CHARS
    stream.CHUNK_CHARS = chunk  # 1: every record its own sorted run, merged from files
    try:
        assert streamed(quads, fmt) == serialize_quads(quads, fmt)
    finally:
        stream.CHUNK_CHARS = original


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_nodes_fall_back_to_canonical_labels(fmt: str) -> None:
    quads = [
        Quad(BlankNode("b1"), NamedNode("http://example.org/p"), Literal("v")),
        Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), BlankNode("b1")),
    ]
    assert streamed(quads, fmt) == serialize_quads(quads, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_store_streams_to_a_file_with_progress(fmt: str, tmp_path: Path) -> None:
    store = _tricky_store()
    seen: list[int] = []
    path = tmp_path / f"out.{fmt}"
    with path.open("wb") as out:
        export_to(store, fmt, out, progress=seen.append)
    assert path.read_bytes() == serialize_quads(list(store), fmt)
    assert sum(seen) == len(store)


def test_one_graph_streams_alone() -> None:
    store = _tricky_store()
    graph = "https://w3id.org/cmkg/graph/tricky"
    out = io.BytesIO()
    export_to(store, "nq", out, graph=graph)
    expected = list(store.quads_for_pattern(None, None, None, NamedNode(graph)))
    assert out.getvalue() == serialize_quads(expected, "nq")
    assert len(expected) < len(pyoxigraph.Dataset(store))
