"""Exports written by streaming, with memory independent of the size of the store.

The bytes are those of :func:`kg.rdf.serialize.serialize_quads` (tested against it): the
same sort orders, the same layouts. Instead of sorting Python objects in memory, each quad
becomes one text record whose code-point order is the order the layout needs, e.g. for Turtle
``0<subject IRI>\\0 0|1<predicate IRI>\\0 0|1|2<object>\\0 <N-Triples line>`` (the kind digit
puts IRIs before blank nodes before literals and ``rdf:type`` first; ``\\0`` sorts below every
character, so ``…/a`` comes before ``…/a/b`` as in a tuple comparison; N-Triples forms never
hold a raw ``\\0`` or newline). Records are sorted in chunks of :data:`CHUNK_CHARS` written
to temporary files and merged (an external merge sort); equal neighbours are dropped, which
is the ``distinct`` of the in-memory writer. The merged stream is laid out block by block;
Turtle, TriG and JSON-LD bodies go to a temporary file first because their prefix header
names only the prefixes the body used.

Blank nodes need RDFC-1.0 canonical labels, which look at the whole dataset: a selection with
blank nodes (the data has none by design) falls back to the in-memory writer.
"""

from __future__ import annotations

import heapq
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.rdf.formats import EXPORT_OFFERS, require
from kg.rdf.serialize import (
    RDF_TYPE,
    Subject,
    Term,
    _compact,
    _jsonld_id,
    _jsonld_value,
    _Namer,
    selected_node,
    serialize_quads,
)
from kg.rdf.terms import PREFIXES

#: Characters of records sorted in memory at once (about 2-3x that in bytes of RAM).
CHUNK_CHARS = 32_000_000
#: Records parsed back into terms at once.
PARSE_BATCH = 20_000
#: Quads between two progress calls.
PROGRESS_EVERY = 50_000

Progress = Callable[[int], None]


class _HasBlankNodes(Exception):
    """The selection has blank nodes: use the in-memory (canonicalising) writer."""


def _kind(term: object) -> str:
    if isinstance(term, NamedNode):
        return "0" + term.value
    if isinstance(term, BlankNode):
        raise _HasBlankNodes
    return "2" + str(term)


def _graph_kind(graph: object) -> str:
    if isinstance(graph, DefaultGraph):
        return "0"
    if isinstance(graph, NamedNode):
        return "1" + graph.value
    raise _HasBlankNodes


def _triple_key(quad: Quad) -> str:
    predicate = quad.predicate.value
    return (
        f"{_kind(quad.subject)}\0{'0' if predicate == RDF_TYPE else '1'}{predicate}\0"
        f"{_kind(quad.object)}"
    )


def _records(quads: Iterable[Quad], fmt: str, progress: Progress | None) -> Iterator[str]:
    count = 0
    for quad in quads:
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
        s, p, o = str(quad.subject), str(quad.predicate), str(quad.object)
        if isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode):
            raise _HasBlankNodes
        if fmt == "nt":
            yield f"{s} {p} {o} .\n"
        elif fmt == "nq":
            graph = _graph_kind(quad.graph_name)
            tail = f" {quad.graph_name}" if graph != "0" else ""
            yield f"{s} {p} {o}{tail} .\n"
        elif fmt == "trig":
            graph = _graph_kind(quad.graph_name)
            tail = f" {quad.graph_name}" if graph != "0" else ""
            yield f"{graph}\0{_triple_key(quad)}\0{s} {p} {o}{tail} .\n"
        else:  # ttl, jsonld: the union, by subject
            yield f"{_triple_key(quad)}\0{s} {p} {o} .\n"
    if progress is not None:
        progress(count % PROGRESS_EVERY)


def _sorted_distinct(records: Iterable[str], workdir: Path) -> Iterator[str]:
    """``records`` (each ending in a newline) sorted by code point, duplicates dropped."""
    chunk: list[str] = []
    size = 0
    runs: list[Path] = []
    for record in records:
        chunk.append(record)
        size += len(record)
        if size >= CHUNK_CHARS:
            runs.append(_write_run(chunk, workdir, len(runs)))
            chunk, size = [], 0
    if not runs:
        chunk.sort()
        yield from _distinct(chunk)
        return
    if chunk:
        runs.append(_write_run(chunk, workdir, len(runs)))
    del chunk
    handles = [path.open("r", encoding="utf-8", newline="\n") for path in runs]
    try:
        yield from _distinct(heapq.merge(*handles))
    finally:
        for handle in handles:
            handle.close()


def _write_run(chunk: list[str], workdir: Path, number: int) -> Path:
    chunk.sort()
    path = workdir / f"run-{number:05d}.txt"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(_distinct(chunk))
    return path


def _distinct(records: Iterable[str]) -> Iterator[str]:
    previous = None
    for record in records:
        if record != previous:
            yield record
            previous = record


def _quads(records: Iterable[str], fmt: str) -> Iterator[Quad]:
    """The quads of sorted records, in order (N-Triples/N-Quads parsed in batches)."""
    rdf_format = pyoxigraph.RdfFormat.N_QUADS if fmt == "trig" else pyoxigraph.RdfFormat.N_TRIPLES
    batch: list[str] = []
    for record in records:
        batch.append(record[record.rindex("\0") + 1 :])
        if len(batch) >= PARSE_BATCH:
            yield from pyoxigraph.parse("".join(batch).encode("utf-8"), format=rdf_format)
            batch = []
    if batch:
        yield from pyoxigraph.parse("".join(batch).encode("utf-8"), format=rdf_format)


def _subjects(quads: Iterable[Quad]) -> Iterator[tuple[Quad, list[tuple[NamedNode, list[Term]]]]]:
    """Consecutive quads grouped by (graph, subject), then by predicate: (first quad, groups)."""
    current: Quad | None = None
    groups: list[tuple[NamedNode, list[Term]]] = []
    for quad in quads:
        if current is None or (quad.subject, quad.graph_name) != (
            current.subject,
            current.graph_name,
        ):
            if current is not None:
                yield current, groups
            current, groups = quad, []
        if groups and groups[-1][0] == quad.predicate:
            groups[-1][1].append(quad.object)  # type: ignore[arg-type]
        else:
            groups.append((quad.predicate, [quad.object]))  # type: ignore[list-item]
    if current is not None:
        yield current, groups


def _block(
    subject: Subject, groups: list[tuple[NamedNode, list[Term]]], namer: _Namer, indent: str
) -> str:
    """One subject's Turtle block, as :func:`kg.rdf.serialize._blocks` writes it."""
    pad = indent + "    "
    parts = []
    for predicate, objects in groups:
        verb = "a" if predicate.value == RDF_TYPE else namer.iri(predicate.value)
        parts.append(f"{verb} " + f" ,\n{pad}    ".join(namer.term(o) for o in objects))
    return f"{indent}{namer.term(subject)} " + f" ;\n{pad}".join(parts) + " .\n"


def _write_turtle(quads: Iterable[Quad], body: IO[str], namer: _Namer) -> None:
    first = True
    for quad, groups in _subjects(quads):
        if not first:
            body.write("\n")
        body.write(_block(quad.subject, groups, namer, ""))  # type: ignore[arg-type]
        first = False


def _write_trig(quads: Iterable[Quad], body: IO[str], namer: _Namer) -> None:
    graph: object = None
    first_section = True
    first_block = True
    for quad, groups in _subjects(quads):
        if graph is None or quad.graph_name != graph:
            if graph is not None and not isinstance(graph, DefaultGraph):
                body.write("}\n")
            graph = quad.graph_name
            if not first_section:
                body.write("\n")
            first_section = False
            first_block = True
            if not isinstance(graph, DefaultGraph):
                body.write(f"{namer.term(graph)} {{\n")
        if not first_block:
            body.write("\n")
        first_block = False
        indent = "" if isinstance(graph, DefaultGraph) else "    "
        body.write(_block(quad.subject, groups, namer, indent))  # type: ignore[arg-type]
    if graph is not None and not isinstance(graph, DefaultGraph):
        body.write("}\n")


def _write_jsonld_nodes(quads: Iterable[Quad], body: IO[str], used: set[str]) -> None:
    first = True
    for quad, groups in _subjects(quads):
        node: dict[str, object] = {"@id": _jsonld_id(quad.subject, used)}
        for predicate, objects in groups:
            types = [o for o in objects if not isinstance(o, Literal)]
            if predicate.value == RDF_TYPE and len(types) == len(objects):
                node["@type"] = [_jsonld_id(o, used) for o in types]
            else:
                node[_compact(predicate.value, used)] = [_jsonld_value(o, used) for o in objects]
        text = json.dumps(node, ensure_ascii=False, indent=1, sort_keys=True)
        if not first:
            body.write(",\n")
        body.write("\n".join("  " + line for line in text.split("\n")))
        first = False


_MARK = "@@cmkg-graph-nodes@@"


def _copy(source: Path, out: IO[bytes]) -> None:
    with source.open("rb") as handle:
        shutil.copyfileobj(handle, out, 1 << 20)


def write_stream(
    quads: Iterable[Quad],
    fmt: str,
    out: IO[bytes],
    *,
    progress: Progress | None = None,
    fallback: Callable[[], Iterable[Quad]] | None = None,
) -> None:
    """Write ``quads`` in ``fmt`` (an export format name) to ``out``, the bytes of
    :func:`kg.rdf.serialize.serialize_quads`. ``fallback`` gives the quads again for the
    in-memory writer if blank nodes turn up."""
    with tempfile.TemporaryDirectory(prefix="cmkg-export-") as name:
        workdir = Path(name)
        try:
            records = _sorted_distinct(_records(quads, fmt, progress), workdir)
            first = next(records, None)  # the whole input is read (and sorted) here
        except _HasBlankNodes:
            if fallback is None:
                raise
            out.write(serialize_quads(fallback(), fmt))
            return
        merged = _chain(first, records)
        if fmt in ("nt", "nq"):
            for record in merged:
                out.write(record.encode("utf-8"))
            return
        body_path = workdir / "body.txt"
        with body_path.open("w", encoding="utf-8", newline="\n") as body:
            if fmt == "jsonld":
                used: set[str] = set()
                _write_jsonld_nodes(_quads(merged, fmt), body, used)
            else:
                namer = _Namer()
                writer = _write_trig if fmt == "trig" else _write_turtle
                writer(_quads(merged, fmt), body, namer)
        if fmt == "jsonld":
            context = {p: _prefix(p) for p in sorted(used)}
            if first is None:
                document = {"@context": context, "@graph": []}
                text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
                out.write((text + "\n").encode("utf-8"))
                return
            shell = json.dumps(
                {"@context": context, "@graph": [_MARK]},
                ensure_ascii=False,
                indent=1,
                sort_keys=True,
            )
            before, after = shell.split(f'  "{_MARK}"')
            out.write(before.encode("utf-8"))
            _copy(body_path, out)
            out.write((after + "\n").encode("utf-8"))
            return
        header = namer.header()
        out.write(header.encode("utf-8"))
        if header and first is not None:
            out.write(b"\n")
        _copy(body_path, out)


def _prefix(name: str) -> str:
    return PREFIXES[name]


def export_to(
    store: pyoxigraph.Store,
    fmt: str,
    out: IO[bytes],
    *,
    graph: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Stream the dataset (or the named graph ``graph``) in ``fmt`` to ``out``."""
    fmt = require(fmt, EXPORT_OFFERS, "exports").name
    node = selected_node(store, graph)

    def quads() -> Iterator[Quad]:
        return iter(store.quads_for_pattern(None, None, None, node))

    write_stream(quads(), fmt, out, progress=progress, fallback=lambda: list(quads()))


def _chain(first: str | None, rest: Iterator[str]) -> Iterator[str]:
    if first is None:
        return
    yield first
    yield from rest


def serialize(store: pyoxigraph.Store, fmt: str, *, graph: str | None = None) -> bytes:
    """Serialise the whole dataset (or one named graph) in ``fmt`` (an export format name).

    TriG and N-Quads keep the named graphs; Turtle, N-Triples and JSON-LD give the union
    of all graphs, or ``graph`` alone when given. Written by the streaming writer
    into memory; write to a file with :func:`export_to`.
    """
    buffer = io.BytesIO()
    export_to(store, fmt, buffer, graph=graph)
    return buffer.getvalue()
