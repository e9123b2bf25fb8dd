"""Export the built dataset: choose what (all, one graph, one article, the ontology), write it.

The bytes come from the streaming writer (:mod:`kg.rdf.stream`, memory independent of the
size of the build), so two exports of the same build are byte-identical. Files are written
atomically: a temporary file in the target folder, then
``os.replace``, so an interrupted export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph

from kg.corpus.files import is_article_id
from kg.errors import NotFoundError, UsageError
from kg.fileio import write_bytes_atomic
from kg.rdf.formats import EXPORT_OFFERS, require
from kg.rdf.stream import export_to, serialize
from kg.rdf.terms import ARTICLE, GRAPH, ONTOLOGY_GRAPH, article_graph


def selected_graph(
    store: pyoxigraph.Store,
    *,
    graph: str | None = None,
    article: str | None = None,
    ontology: bool = False,
) -> str | None:
    """The IRI of the one graph asked for, or ``None`` for the whole dataset."""
    if sum((graph is not None, article is not None, ontology)) > 1:
        raise UsageError("give at most one of --graph, --article and --ontology")
    if article is not None:
        return article_graph_of(store, article)
    if ontology:
        graph = ONTOLOGY_GRAPH
    if graph is not None and not store.contains_named_graph(graph_node(graph)):
        known = ", ".join(sorted(graph_names(store))) or "none"
        raise NotFoundError(f"no graph <{graph}> in the build; graphs: {known}")
    return graph


def graph_node(iri: str) -> pyoxigraph.NamedNode:
    """``iri`` as a node; a malformed IRI is a usage error, not a crash."""
    try:
        return pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(f"{iri!r} is not an absolute IRI ({exc}); e.g. {ONTOLOGY_GRAPH}") from None


def article_graph_of(store: pyoxigraph.Store, article: str) -> str:
    """The named graph of article ``article`` (its id = the source file stem)."""
    if not is_article_id(article):
        raise UsageError(f"{article!r} is not an article id (the source file stem, e.g. 000_ab12)")
    iri = article_graph(article)
    if not store.contains_named_graph(pyoxigraph.NamedNode(iri)):
        known = ", ".join(article_ids(store)) or "none"
        raise NotFoundError(f"no article {article!r} in the build; articles: {known}")
    return iri


def graph_names(store: pyoxigraph.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))


def article_ids(store: pyoxigraph.Store) -> list[str]:
    """Ids of the articles whose graph is in the store."""
    ids = []
    for name in graph_names(store):
        if not name.startswith(GRAPH):
            continue
        local = name[len(GRAPH) :]
        node = pyoxigraph.NamedNode(ARTICLE + local)
        quads = store.quads_for_pattern(node, None, None, pyoxigraph.NamedNode(name))
        if next(iter(quads), None) is not None:
            ids.append(local)
    return ids


def export_bytes(
    store: pyoxigraph.Store,
    fmt: str = "ttl",
    *,
    graph: str | None = None,
    article: str | None = None,
    ontology: bool = False,
) -> bytes:
    """The serialised export for one selection (see :func:`selected_graph`)."""
    require(fmt, EXPORT_OFFERS, "exports")
    chosen = selected_graph(store, graph=graph, article=article, ontology=ontology)
    return serialize(store, fmt, graph=chosen)


def write_export(
    store: pyoxigraph.Store,
    fmt: str,
    out: IO[bytes],
    *,
    graph: str | None = None,
    article: str | None = None,
    ontology: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Stream the export for one selection to ``out`` (bounded memory, same bytes as
    :func:`export_bytes`); ``progress`` hears how many more quads were read."""
    require(fmt, EXPORT_OFFERS, "exports")
    chosen = selected_graph(store, graph=graph, article=article, ontology=ontology)
    export_to(store, fmt, out, graph=chosen, progress=progress)


def check_folder(path: Path) -> None:
    """The folder of an output file must exist."""
    if not path.parent.is_dir():
        raise NotFoundError(
            f"folder {path.parent} does not exist; create it or choose another -o path"
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; the folder must already exist."""
    check_folder(path)
    write_bytes_atomic(path, data)
