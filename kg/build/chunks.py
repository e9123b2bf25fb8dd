"""The dataset files written from per-graph chunks, so that a build rewrites only what changed.

``cmkg.nq`` is every quad's N-Quads line in code-point order (what :mod:`kg.rdf.stream`
writes): a later build copies the previous file's lines, leaving out those of the graphs it
replaces, and merges in the new graphs' sorted lines. ``cmkg.trig`` is one section per named
graph in IRI order, after a header naming the prefixes the sections use: a later build copies
the unchanged sections' bytes from the previous file (their offsets are kept in the build
cache) and writes the others. Both give the bytes :func:`kg.rdf.stream.serialize` gives for
the same store (a test compares them).
"""

from __future__ import annotations

import heapq
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from kg.rdf.serialize import _Namer
from kg.rdf.stream import _HasBlankNodes, _quads, _records, _write_trig
from kg.rdf.terms import PREFIXES


class NotChunkable(Exception):
    """The store has blank nodes or default-graph triples: write the files whole."""


@dataclass
class Chunk:
    """One named graph's part of the dataset files."""

    iri: str
    quads: list[Quad]
    lines: list[str]  # N-Quads lines, sorted, distinct
    section: bytes  # its TriG section
    prefixes: list[str]  # the prefixes the section uses


@dataclass
class TrigIndex:
    """Where each graph's section is in ``cmkg.trig``: (offset, length, prefixes)."""

    sections: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)


def chunk(store: pyoxigraph.Store, iri: str) -> Chunk:
    """The chunk of the named graph ``iri`` of ``store``."""
    graph = NamedNode(iri)
    quads = list(store.quads_for_pattern(None, None, None, graph))
    lines = sorted({f"{q.subject} {q.predicate} {q.object} {graph} .\n" for q in quads})
    try:
        records = sorted(set(_records(quads, "trig", None)))
    except _HasBlankNodes:
        raise NotChunkable(iri) from None
    namer = _Namer()
    body = io.StringIO()
    _write_trig(_quads(records, "trig"), body, namer)
    return Chunk(iri, quads, lines, body.getvalue().encode("utf-8"), sorted(namer.used))


def check_chunkable(store: pyoxigraph.Store) -> None:
    if next(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()), None):
        raise NotChunkable("the default graph")


def write_nquads(path: Path, lines: Iterable[str]) -> None:
    with path.open("wb") as out:
        previous = None
        for line in lines:
            if line != previous:
                out.write(line.encode("utf-8"))
                previous = line


def kept_lines(old: Path, replaced: set[str]) -> Iterator[str]:
    """The lines of an N-Quads file whose graph is not in ``replaced`` (graph IRIs)."""
    ends = tuple(f" <{iri}> .\n" for iri in replaced)
    with old.open("r", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            if not (ends and line.endswith(ends)):
                yield line


def merge_nquads(old: Path, replaced: set[str], new_lines: list[str], out: Path) -> None:
    """``old`` without the lines of ``replaced`` graphs, merged with the sorted ``new_lines``."""
    write_nquads(out, heapq.merge(kept_lines(old, replaced), new_lines))


def _header(prefixes: Iterable[str]) -> bytes:
    return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(set(prefixes))).encode()


def write_trig(path: Path, sections: Iterable[tuple[str, bytes, list[str]]]) -> TrigIndex:
    """Write ``cmkg.trig`` from (graph IRI, section, prefixes) in graph order; return where
    each section went. The header needs every section's prefixes, so it is written first
    from ``sections`` given as a list."""
    ordered = sorted(sections, key=lambda item: item[0])
    header = _header(p for _, _, prefixes in ordered for p in prefixes)
    index = TrigIndex()
    with path.open("wb") as out:
        out.write(header)
        offset = len(header)
        if header and ordered:
            out.write(b"\n")
            offset += 1
        for number, (iri, section, prefixes) in enumerate(ordered):
            if number:
                out.write(b"\n")
                offset += 1
            out.write(section)
            index.sections[iri] = (offset, len(section), prefixes)
            offset += len(section)
    return index


def read_sections(path: Path, index: TrigIndex, iris: Iterable[str]) -> dict[str, bytes]:
    """The sections of ``iris`` from a ``cmkg.trig`` written by :func:`write_trig`."""
    found: dict[str, bytes] = {}
    with path.open("rb") as handle:
        for iri in sorted(iris, key=lambda i: index.sections[i][0]):
            offset, length, _ = index.sections[iri]
            handle.seek(offset)
            found[iri] = handle.read(length)
    return found
