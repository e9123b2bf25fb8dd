"""The dataset files written from per-graph chunks, so that a build rewrites only what changed.

``cmkg.nq`` is every quad's N-Quads line in code-point order (what :mod:`kg.rdf.stream`
writes): a later build copies the previous file in slices, leaving out the lines that went
and putting the new ones in their places, both found by binary search (:func:`patch_nquads`).
``cmkg.trig`` is one section per named graph in IRI order, after a header naming the prefixes
the sections use: a later build copies the unchanged sections' bytes from the previous file
(their offsets are kept in the build cache) and writes the others; the inferred graph's
section is patched block by block (:func:`patch_blocks`). Both give the bytes
:func:`kg.rdf.stream.serialize` gives for the same store (a test compares them).

A full build writes both files without holding every graph's lines or sections: the lines
go to sorted runs on disk (:class:`LineRuns`, an external merge sort) and the sections to a
spool file (:class:`SectionSpool`), both in a scratch folder the build removes.
"""

from __future__ import annotations

import heapq
import io
import mmap
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from kg.rdf.serialize import _Namer
from kg.rdf.stream import (
    CHUNK_CHARS,
    _block,
    _HasBlankNodes,
    _kind,
    _quads,
    _records,
    _subjects,
    _write_run,
    _write_trig,
)
from kg.rdf.terms import PREFIXES

#: Characters of N-Quads lines a full build sorts in memory at once before writing a run.
RUN_CHARS = CHUNK_CHARS


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


#: Where each subject's block is in a graph's TriG section: subject key (:func:`subject_key`)
#: -> (offset in the section, length, the prefixes the block uses).
BlockIndex = dict[str, tuple[int, int, tuple[str, ...]]]


@dataclass
class TrigIndex:
    """Where each graph's section is in ``cmkg.trig``: (offset, length, prefixes); for the
    graphs written block by block (:func:`chunk_blocks`), where each subject's block is."""

    sections: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)
    blocks: dict[str, BlockIndex] = field(default_factory=dict)


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


def subject_key(subject: object) -> str:
    """The order of a subject's block in its graph's section (that of the sorted records)."""
    try:
        return _kind(subject)
    except _HasBlankNodes:
        raise NotChunkable("a blank node") from None


def subject_blocks(quads: Iterable[Quad]) -> list[tuple[str, bytes, tuple[str, ...]]]:
    """The TriG blocks of these quads of one named graph, one per subject, in section order:
    (:func:`subject_key`, block, the prefixes it uses), each as :func:`chunk` writes it."""
    try:
        records = sorted(set(_records(quads, "trig", None)))
    except _HasBlankNodes:
        raise NotChunkable("a blank node") from None
    blocks = []
    for quad, groups in _subjects(_quads(records, "trig")):
        namer = _Namer()
        text = _block(quad.subject, groups, namer, "    ")  # type: ignore[arg-type]
        blocks.append((subject_key(quad.subject), text.encode("utf-8"), tuple(sorted(namer.used))))
    return blocks


def join_blocks(
    iri: str, blocks: Iterable[tuple[str, bytes, tuple[str, ...]]]
) -> tuple[bytes, list[str], BlockIndex]:
    """The section of graph ``iri`` made of ``blocks`` (in section order), the prefixes it
    uses and where each block is in it: the bytes :func:`chunk` gives for the same quads."""
    namer = _Namer()
    head = f"{namer.term(NamedNode(iri))} {{\n".encode()
    used = set(namer.used)
    out = io.BytesIO()
    index: BlockIndex = {}
    for key, block, prefixes in blocks:
        out.write(b"\n" if index else head)
        index[key] = (out.tell(), len(block), prefixes)
        out.write(block)
        used.update(prefixes)
    if not index:
        return b"", [], {}
    out.write(b"}\n")
    return out.getvalue(), sorted(used), index


def chunk_blocks(store: pyoxigraph.Store, iri: str) -> tuple[Chunk, BlockIndex]:
    """:func:`chunk`, written block by block, with where each subject's block is."""
    graph = NamedNode(iri)
    quads = list(store.quads_for_pattern(None, None, None, graph))
    lines = sorted({f"{q.subject} {q.predicate} {q.object} {graph} .\n" for q in quads})
    section, prefixes, index = join_blocks(iri, subject_blocks(quads))
    return Chunk(iri, quads, lines, section, prefixes), index


def patch_blocks(
    store: pyoxigraph.Store,
    iri: str,
    old_section: bytes,
    old_index: BlockIndex,
    subjects: Iterable[object],
) -> tuple[bytes, list[str], BlockIndex]:
    """The section of graph ``iri`` now, from its previous section (``old_section``, cut by
    ``old_index``) with the blocks of ``subjects`` (those whose triples in the graph changed)
    written again from the store; the others' bytes are copied."""
    graph = NamedNode(iri)
    fresh: dict[str, tuple[bytes, tuple[str, ...]] | None] = {}
    for subject in subjects:
        quads = list(store.quads_for_pattern(subject, None, None, graph))  # type: ignore[arg-type]
        key = subject_key(subject)
        fresh[key] = None
        for found, block, prefixes in subject_blocks(quads):
            fresh[found] = (block, prefixes)

    def blocks() -> Iterator[tuple[str, bytes, tuple[str, ...]]]:
        for key in sorted(old_index.keys() | fresh.keys()):
            if key in fresh:
                new = fresh[key]
                if new is not None:
                    yield key, new[0], new[1]
            else:
                offset, length, prefixes = old_index[key]
                yield key, old_section[offset : offset + length], prefixes

    return join_blocks(iri, blocks())


def check_chunkable(store: pyoxigraph.Store) -> None:
    if next(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()), None):
        raise NotChunkable("the default graph")


def write_nquads(path: Path, lines: Iterable[str], *, count: bool = False) -> int:
    """Write the sorted N-Quads ``lines`` (named graphs only), equal neighbours once; with
    ``count``, return the number of distinct triples (else 0). In code-point order the lines
    of one triple are neighbours (terms are self-delimiting, so no other line can sort
    between two lines that start with the same ``s p o ``), and a line's triple is what
    precedes its graph IRI."""
    triples = 0
    with path.open("wb") as out:
        previous = None
        previous_triple = None
        for line in lines:
            if line != previous:
                out.write(line.encode("utf-8"))
                previous = line
                if count:
                    triple = line[: line.rindex(" <")]
                    if triple != previous_triple:
                        triples += 1
                        previous_triple = triple
    return triples


class LineRuns:
    """N-Quads lines gathered graph by graph, kept sorted in runs of about :data:`RUN_CHARS`
    characters on disk under ``workdir``; :meth:`merged` gives them all in code-point order."""

    def __init__(self, workdir: Path, limit: int | None = None) -> None:
        self.workdir = workdir
        self.limit = limit or RUN_CHARS
        self.buffer: list[str] = []
        self.size = 0
        self.runs: list[Path] = []

    def add(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.buffer.append(line)
            self.size += len(line)
        if self.size >= self.limit:
            self._spill()

    def _spill(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.runs.append(_write_run(self.buffer, self.workdir, len(self.runs)))
        self.buffer, self.size = [], 0

    def merged(self) -> Iterator[str]:
        if not self.runs:
            self.buffer.sort()
            yield from self.buffer
            return
        if self.buffer:
            self._spill()
        with ExitStack() as stack:
            handles = [
                stack.enter_context(path.open("r", encoding="utf-8", newline="\n"))
                for path in self.runs
            ]
            yield from heapq.merge(*handles)


class SectionSpool:
    """TriG sections written to a file as they are made (in any order), read back in graph
    order by :meth:`sections` for :func:`write_trig_ordered`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("wb")
        self.offset = 0
        self.where: dict[str, tuple[int, int, list[str]]] = {}

    def add(self, iri: str, section: bytes, prefixes: list[str]) -> None:
        self.handle.write(section)
        self.where[iri] = (self.offset, len(section), prefixes)
        self.offset += len(section)

    def prefixes(self) -> list[str]:
        return [p for _, _, prefixes in self.where.values() for p in prefixes]

    def sections(self) -> Iterator[tuple[str, bytes, list[str]]]:
        self.handle.close()
        with self.path.open("rb") as handle:
            for iri in sorted(self.where):
                offset, length, prefixes = self.where[iri]
                handle.seek(offset)
                yield iri, handle.read(length), prefixes


def _first_at_or_after(data: mmap.mmap, key: bytes) -> int:
    """The offset of the first line of the sorted ``data`` that is not less than ``key``."""
    lo, hi = 0, len(data)  # both line starts; the answer is in between
    while lo < hi:
        start = data.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
        end = data.find(b"\n", start) + 1 or len(data)
        if data[start:end] < key:
            lo = end
        else:
            hi = start
    return lo


def patch_nquads(old: Path, dropped: Iterable[str], added: Iterable[str], out: Path) -> None:
    """``old`` (sorted, distinct lines) without the ``dropped`` lines and with the ``added``
    ones (none of them in ``old`` but those dropped) in their sorted places: the bytes of
    :func:`merge_nquads` for the same change, found by binary search and copied in slices.
    Raises :class:`ValueError` when a dropped line is not in ``old``."""
    edits: list[tuple[int, int, bytes]] = []  # (offset, 0 insert / 1 drop, line)
    with old.open("rb") as handle, ExitStack() as stack:
        size = os.fstat(handle.fileno()).st_size
        data = (
            stack.enter_context(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            if size
            else b""
        )
        gone: set[int] = set()
        for line in sorted(set(dropped)):
            raw = line.encode("utf-8")
            at = _first_at_or_after(data, raw)  # type: ignore[arg-type]
            if data[at : at + len(raw)] != raw:
                raise ValueError(f"not in {old.name}: {line.rstrip()}")
            edits.append((at, 1, raw))
            gone.add(at)
        for line in sorted(set(added)):
            raw = line.encode("utf-8")
            at = _first_at_or_after(data, raw)  # type: ignore[arg-type]
            if at not in gone and data[at : at + len(raw)] == raw:
                continue  # there already: written once, as merge_nquads writes it
            edits.append((at, 0, raw))
        edits.sort()
        with out.open("wb") as target:
            cursor = 0
            for at, kind, raw in edits:
                target.write(data[cursor:at])
                cursor = at
                if kind:
                    cursor += len(raw)
                else:
                    target.write(raw)
            target.write(data[cursor:])


def _header(prefixes: Iterable[str]) -> bytes:
    return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(set(prefixes))).encode()


def write_trig(path: Path, sections: Iterable[tuple[str, bytes, list[str]]]) -> TrigIndex:
    """Write ``cmkg.trig`` from (graph IRI, section, prefixes) in graph order; return where
    each section went. The header needs every section's prefixes, so it is written first
    from ``sections`` given as a list."""
    ordered = sorted(sections, key=lambda item: item[0])
    return write_trig_ordered(path, [p for _, _, prefixes in ordered for p in prefixes], ordered)


def write_trig_ordered(
    path: Path, prefixes: Iterable[str], ordered: Iterable[tuple[str, bytes, list[str]]]
) -> TrigIndex:
    """:func:`write_trig` of ``ordered`` sections, already in graph order, whose prefixes
    are ``prefixes``: the sections are read one at a time."""
    header = _header(prefixes)
    index = TrigIndex()
    with path.open("wb") as out:
        out.write(header)
        offset = len(header)
        for number, (iri, section, used) in enumerate(ordered):
            if number or header:
                out.write(b"\n")
                offset += 1
            out.write(section)
            index.sections[iri] = (offset, len(section), used)
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
