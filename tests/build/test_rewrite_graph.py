"""An incremental build rewrites the event-matches graph by its difference only."""

from __future__ import annotations

import pyoxigraph
import rdflib
from pyoxigraph import NamedNode, Quad, Triple

from kg.build.outputs import _rewrite_graph

EX = "https://example.org/"
G = EX + "matches"


def _store(*names: str) -> tuple[pyoxigraph.Store, dict[str, set[Triple]]]:
    store = pyoxigraph.Store()
    triples = {
        Triple(NamedNode(EX + n), NamedNode(EX + "same"), NamedNode(EX + "x")) for n in names
    }
    store.extend(Quad(t.subject, t.predicate, t.object, NamedNode(G)) for t in triples)
    return store, {G: triples}


def _graph(*names: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for n in names:
        graph.add((rdflib.URIRef(EX + n), rdflib.URIRef(EX + "same"), rdflib.URIRef(EX + "x")))
    return graph


def _subjects(store: pyoxigraph.Store) -> list[str]:
    quads = store.quads_for_pattern(None, None, None, NamedNode(G))
    return sorted(q.subject.value for q in quads)  # type: ignore[union-attr]


def test_only_the_difference_is_written_and_the_result_is_the_new_graph() -> None:
    store, old = _store("a", "b")
    _rewrite_graph(store, G, _graph("b", "c"), old)
    assert _subjects(store) == [EX + "b", EX + "c"]


def test_a_graph_left_empty_is_no_named_graph_at_all() -> None:
    """As after a full build, which loads no empty graph: an empty named graph left in the
    store would be listed, and written, as a graph of its own."""
    for new in (_graph(), None):
        store, old = _store("a")
        _rewrite_graph(store, G, new, old)
        assert not store.contains_named_graph(NamedNode(G))


def test_a_new_graph_is_written_whole() -> None:
    store = pyoxigraph.Store()
    _rewrite_graph(store, G, _graph("a"), {})
    assert _subjects(store) == [EX + "a"]
