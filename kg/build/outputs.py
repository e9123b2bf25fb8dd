"""Fill a new version folder: the Oxigraph store, inference, the dataset files, VoID, search.

:func:`write_full` loads every graph into a fresh store; :func:`write_incremental` starts from
a copy of the previous version's store (a RocksDB checkpoint: hard links to its immutable
files, so the previous version, which a reader may have open, is never written) and replaces
only the changed article graphs, re-derives only their closure triples, and writes the files
from the previous files' unchanged parts. Both leave the same quads in the store and write
the same bytes; both return the :class:`kg.build.cache.BuildCache` for the next build.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pyoxigraph
import rdflib
from pyoxigraph import NamedNode, Quad, Triple

from kg.build import cache as build_cache
from kg.build import manifest
from kg.build.chunks import (
    Chunk,
    LineRuns,
    NotChunkable,
    SectionSpool,
    check_chunkable,
    chunk,
    chunk_blocks,
    patch_blocks,
    patch_nquads,
    read_sections,
    write_nquads,
    write_trig,
    write_trig_ordered,
)
from kg.build.conflict_delta import ConflictDelta
from kg.fileio import write_bytes_atomic
from kg.graph import closure
from kg.graph.assemble import Assembly
from kg.graph.events import MATCHES_GRAPH
from kg.graph.inference import apply_rules, infer
from kg.publish.canned import query_descriptions_turtle
from kg.publish.search import INDEX_FILE, Row, documents, read_rows, write_rows
from kg.publish.void import Stats, dataset_stats, void_turtle
from kg.rdf.stream import serialize
from kg.rdf.terms import GRAPH, INFERRED_GRAPH, QUERIES_GRAPH, article_graph

Progress = Callable[[str], None]
DATASET_FILES = {"cmkg.trig": "trig", "cmkg.nq": "nq"}
_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
#: N-Triples bytes loaded between two flushes of the store: RocksDB keeps what is written in
#: memory (about five times these bytes over its indexes) until it is flushed to disk.
FLUSH_BYTES = 32_000_000


class Digests:
    """The SHA-256 of each dataset file, computed in a worker thread from the moment the file
    is complete (file reads and hashlib release the GIL for large blocks), so that hashing the
    hundreds of megabytes of ``cmkg.nq`` and ``cmkg.trig`` overlaps the rest of the build
    instead of following it; the same thread writes the search index (SQLite releases the
    GIL while it indexes)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmkg-digest")
        self._pending: dict[str, Future[str]] = {}
        self._tasks: list[Future[object]] = []

    def __enter__(self) -> Digests:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for future in self._pending.values():
            future.cancel()
        for task in self._tasks:
            task.cancel()
        self._pool.shutdown(wait=True)

    def run(self, task: Callable[[], object]) -> None:
        """Run ``task`` in the worker thread; :meth:`result` waits for it (and raises its
        error)."""
        self._tasks.append(self._pool.submit(task))

    def start(self, path: Path) -> None:
        """Hash ``path`` (written, never changed again) in the background."""
        self._pending[path.name] = self._pool.submit(manifest.sha256_file, path)

    def result(self, folder: Path, names: Iterable[str]) -> dict[str, str]:
        """``{name: sha256}`` of these files of ``folder`` (hashed now if not started), once
        every task given to :meth:`run` is done."""
        for task in self._tasks:
            task.result()
        return {
            name: self._pending[name].result()
            if name in self._pending
            else manifest.sha256_file(folder / name)
            for name in names
        }


class Fallback(Exception):
    """The incremental path cannot give the full build's result: build everything."""


@dataclass
class Written:
    counts: dict[str, int]  # graph IRI -> triples
    inferred: dict[str, int]  # rule -> triples
    cache: build_cache.BuildCache | None = None
    notes: list[str] = field(default_factory=list)


def _load_graph(store: pyoxigraph.Store, iri: str, graph: rdflib.Graph) -> int:
    """Load one graph; return the bytes of N-Triples loaded."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=NamedNode(iri))
    return len(data)


def _rewrite_graph(
    store: pyoxigraph.Store, iri: str, graph: rdflib.Graph | None, old: dict[str, set[Triple]]
) -> None:
    """Make the store's graph ``iri`` (holding ``old[iri]``) hold ``graph``'s triples by
    writing only the difference: the event matches change little when one article does."""
    name = NamedNode(iri)
    new: set[Triple] = set()
    if graph is not None and len(graph):
        data = graph.serialize(format="nt", encoding="utf-8")
        new = set(_triples(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)))
    if not new:
        if store.contains_named_graph(name):
            store.remove_graph(name)
        return
    for t in old.get(iri, set()) - new:
        store.remove(Quad(t.subject, t.predicate, t.object, name))
    store.extend(Quad(t.subject, t.predicate, t.object, name) for t in new - old.get(iri, set()))


def _load_queries(store: pyoxigraph.Store) -> None:
    descriptions = query_descriptions_turtle()
    if descriptions.strip():
        store.load(
            descriptions.encode("utf-8"),
            format=pyoxigraph.RdfFormat.TURTLE,
            to_graph=NamedNode(QUERIES_GRAPH),
        )


def _triples(quads: Iterable[Quad]) -> list[Triple]:
    return [Triple(q.subject, q.predicate, q.object) for q in quads]


def _graph_names(store: pyoxigraph.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))


def _article_of(iri: str, assembly: Assembly) -> str | None:
    """The article whose graph ``iri`` is, or None for a shared graph."""
    if not iri.startswith(GRAPH):
        return None
    name = iri[len(GRAPH) :]
    return name if name in assembly.parts else None


def write_full(
    tmp: Path,
    assembly: Assembly,
    inputs: dict[str, str],
    context: str,
    say: Progress,
    digests: Digests | None = None,
) -> Written:
    """Fill ``tmp`` from a fresh store holding every graph of ``assembly`` (whose rdflib
    graphs are released, ``assembly.graphs`` emptied, as they are loaded)."""
    store = pyoxigraph.Store(str(tmp / "store"))
    try:
        say(f"loading the Oxigraph store ({len(assembly.graphs)} graphs)")
        loaded = 0
        for iri in sorted(assembly.graphs):
            # each rdflib graph is released once it is in the store: the rest of the build
            # reads the store, and the graphs are the largest thing it holds
            loaded += _load_graph(store, iri, assembly.graphs.pop(iri))
            if loaded >= FLUSH_BYTES:
                store.flush()
                loaded = 0
        gc.collect()
        _load_queries(store)
        try:
            check_chunkable(store)
            with _scratch(tmp) as scratch:
                return _full_files(store, tmp, scratch, assembly, inputs, context, say, digests)
        except NotChunkable:
            return _whole_files(store, tmp, say)
    finally:
        del store  # releases the RocksDB lock before the folder is renamed or removed


def _whole_files(store: pyoxigraph.Store, tmp: Path, say: Progress) -> Written:
    """The files of a store that cannot be cut into chunks (blank nodes): no cache."""
    say("applying inference rules")
    inferred = apply_rules(store, progress=say)
    for name, fmt in DATASET_FILES.items():
        say(f"writing {name}")
        write_bytes_atomic(tmp / name, serialize(store, fmt))
    stats = dataset_stats(store)
    write_bytes_atomic(tmp / "void.ttl", void_turtle(store, stats=stats))
    write_rows(documents(store).values(), tmp / INDEX_FILE)
    store.flush()
    return Written(dict(sorted(stats.per_graph.items())), inferred)


class _Tally:
    """VoID counts gathered chunk by chunk (the distinct triples are counted while
    ``cmkg.nq`` is written, see :func:`kg.build.chunks.write_nquads`)."""

    def __init__(self) -> None:
        self.subjects: set[str] = set()
        self.stats = Stats()

    def add(self, c: Chunk) -> None:
        for q in c.quads:
            self.subjects.add(str(q.subject))
            self.stats.predicates.add(q.predicate.value)
            if q.predicate == _TYPE and isinstance(q.object, NamedNode):
                self.stats.classes.add(q.object.value)
        self.stats.per_graph[c.iri] = len(c.lines)

    def done(self, triples: int) -> Stats:
        self.stats.triples, self.stats.subjects = triples, len(self.subjects)
        self.stats.per_graph = dict(sorted(self.stats.per_graph.items()))
        return self.stats


SCRATCH = ".scratch"  # the sorted runs and TriG sections of a full build, in its version folder


@contextmanager
def _scratch(tmp: Path) -> Iterator[Path]:
    """The scratch folder of a full build in ``tmp``, removed when the build is done."""
    scratch = tmp / SCRATCH
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _full_files(
    store: pyoxigraph.Store,
    tmp: Path,
    scratch: Path,
    assembly: Assembly,
    inputs: dict[str, str],
    context: str,
    say: Progress,
    digests: Digests | None = None,
) -> Written:
    """Cut the store into chunks graph by graph: each chunk's closure is derived, its
    N-Quads lines go to sorted runs and its TriG section to a spool, both on disk, so that
    memory does not grow with the number of graphs."""
    schema = closure.read_schema(store)
    tally = _Tally()
    runs = LineRuns(scratch / "runs")
    spool = SectionSpool(scratch / "sections.trig")
    derived: closure.Derived = {}
    per_article: dict[str, closure.Derived] = {}
    names = _graph_names(store)
    say(f"deriving the closure of {len(names)} graphs, graph by graph")
    for iri in names:
        c = chunk(store, iri)
        part = closure.derive(_triples(c.quads), schema)
        closure.merge_into(derived, part)
        article = _article_of(iri, assembly)
        if article is not None and article in assembly.parts:
            per_article[article] = part
        tally.add(c)
        runs.add(c.lines)
        spool.add(c.iri, c.section, c.prefixes)
        del c
    say("applying inference rules")
    inferred = infer(store, derived, schema, progress=say)
    del derived
    if inferred is None:
        say("the closure rules differ from the built-in ones: evaluating them in SPARQL")
        inferred = apply_rules(store, progress=say)
        per_article = {}
    # the inferred graph block by block: a later build rewrites only its changed subjects
    c, blocks = chunk_blocks(store, INFERRED_GRAPH)
    tally.add(c)
    runs.add(c.lines)
    spool.add(c.iri, c.section, c.prefixes)
    del c
    say("writing cmkg.nq")
    triples = write_nquads(tmp / "cmkg.nq", runs.merged(), count=True)
    _started(digests, tmp / "cmkg.nq")
    say("writing cmkg.trig")
    index = write_trig_ordered(tmp / "cmkg.trig", spool.prefixes(), spool.sections())
    _started(digests, tmp / "cmkg.trig")
    index.blocks[INFERRED_GRAPH] = blocks
    stats = tally.done(triples)
    del tally
    say("writing void.ttl")
    write_bytes_atomic(tmp / "void.ttl", void_turtle(store, stats=stats))
    say("writing the search index")
    rows = list(documents(store).values())
    _later(digests, lambda: write_rows(rows, tmp / INDEX_FILE))
    store.flush()
    store.optimize()
    cache = None
    if per_article or not assembly.parts:
        cache = build_cache.BuildCache(context, schema.digest, trig=index, stats=stats)
        cache.blocks = assembly.blocks
        for article, contributed in assembly.parts.items():
            lines = build_cache.derived_lines(per_article.pop(article, {}))
            build_cache.count(cache.union, lines, 1)
            cache.articles[article] = build_cache.CachedArticle(
                build_cache.article_key(article, inputs), contributed, lines
            )
    return Written(dict(stats.per_graph), inferred, cache)


def write_incremental(
    tmp: Path,
    previous: Path,
    assembly: Assembly,
    before: build_cache.BuildCache,
    removed: list[str],
    inputs: dict[str, str],
    context: str,
    say: Progress,
    digests: Digests | None = None,
) -> Written:
    """Fill ``tmp`` from a copy of ``previous``'s store with the changed graphs replaced."""
    try:
        old = pyoxigraph.Store.read_only(str(previous / "store"))
    except OSError as exc:
        raise Fallback(f"cannot open the previous store: {exc}") from None
    try:
        old.backup(str(tmp / "store"))
        store = pyoxigraph.Store(str(tmp / "store"))
        try:
            return _incremental(
                store, old, tmp, previous, assembly, before, removed, inputs, context, say, digests
            )
        finally:
            del store
    finally:
        del old


def _incremental(
    store: pyoxigraph.Store,
    old: pyoxigraph.Store,
    tmp: Path,
    previous: Path,
    assembly: Assembly,
    before: build_cache.BuildCache,
    removed: list[str],
    inputs: dict[str, str],
    context: str,
    say: Progress,
    digests: Digests | None = None,
) -> Written:
    fresh = list(assembly.assembled)
    replaced = {article_graph(a) for a in [*fresh, *removed]} | {MATCHES_GRAPH, INFERRED_GRAPH}
    say(
        f"starting from the previous store: replacing {len(fresh)} article graph(s), "
        f"removing {len(removed)}"
    )
    old_quads: dict[str, set[Triple]] = {}
    for iri in sorted(replaced):
        graph = NamedNode(iri)
        if store.contains_named_graph(graph):
            old_quads[iri] = set(_triples(store.quads_for_pattern(None, None, None, graph)))
            if iri not in (INFERRED_GRAPH, MATCHES_GRAPH):  # these: only the difference
                store.remove_graph(graph)
    for iri in [article_graph(a) for a in fresh]:
        if iri in assembly.graphs:
            _load_graph(store, iri, assembly.graphs[iri])
    _rewrite_graph(store, MATCHES_GRAPH, assembly.graphs.get(MATCHES_GRAPH), old_quads)
    check_chunkable(store)
    schema = closure.read_schema(store, skip=NamedNode(INFERRED_GRAPH))
    if schema.digest != before.schema:
        raise Fallback("the schema triples changed")
    say("deriving the closure of the changed graphs")
    derived: closure.Derived = {}
    chunks: dict[str, Chunk] = {}
    parts: dict[str, closure.Derived] = {}
    # the unchanged articles' closure: the previous union without the replaced articles'
    union = dict(before.union)
    for article in [*assembly.assembled, *removed]:
        if article in before.articles:
            build_cache.count(union, before.articles[article].derived, -1)
    closure.merge_into(derived, build_cache.parse_derived(sorted(union)))
    article_iris = {article_graph(a) for a in assembly.articles}
    written: set[Triple] = set()  # the asserted triples of the replaced graphs
    for iri in _graph_names(store):
        if iri == INFERRED_GRAPH:
            continue
        if iri in article_iris and iri not in replaced:
            continue  # its closure is in the cache
        if iri in replaced:
            c = chunks[iri] = chunk(store, iri)
            triples = _triples(c.quads)
            written.update(triples)
        else:  # a shared graph (ontology, registries, queries): small, derived again
            triples = _triples(store.quads_for_pattern(None, None, None, NamedNode(iri)))
        part = closure.derive(triples, schema)
        closure.merge_into(derived, part)
        owner = _article_of(iri, assembly)
        if owner is not None:
            parts[owner] = part
    say("applying inference rules (conflicts: only where their inputs changed)")
    delta = ConflictDelta(old_quads, replaced, INFERRED_GRAPH)
    inferred_now: set[Triple] = set()  # what the inferred graph holds after inference
    inferred = infer(
        store,
        derived,
        schema,
        progress=say,
        overrides=delta.overrides(),
        previous=old_quads.get(INFERRED_GRAPH, set()),
        replaced=written,
        holds=inferred_now,
        hold=delta.hold,
        held=delta.held,
    )
    if inferred is None:
        raise Fallback("the closure rules differ from the built-in ones")
    for note in delta.notes:
        say(note)
    # the replaced graphs' triples now, read once for the VoID counts and the search index
    current = {iri: set(_triples(chunks[iri].quads) if iri in chunks else ()) for iri in replaced}
    current[INFERRED_GRAPH] = inferred_now
    stats = _update_stats(before.stats, old, store, old_quads, replaced, current)
    # the inferred graph changes little: only its changed lines and subjects' blocks are
    # written again, the rest is copied from the previous files
    inferred_was = old_quads.get(INFERRED_GRAPH, set())
    gone, added = inferred_was - inferred_now, inferred_now - inferred_was
    say("writing cmkg.nq from the previous file and the changed lines")
    dropped, new_lines = _lines(INFERRED_GRAPH, gone), _lines(INFERRED_GRAPH, added)
    for iri in sorted(replaced - {INFERRED_GRAPH}):
        was = set(_lines(iri, old_quads.get(iri, ())))
        now = set(chunks[iri].lines if iri in chunks else ())
        dropped += was - now
        new_lines += now - was
    try:
        patch_nquads(previous / "cmkg.nq", dropped, new_lines, tmp / "cmkg.nq")
    except ValueError as exc:
        raise Fallback(f"the previous cmkg.nq is not the previous store's: {exc}") from None
    _started(digests, tmp / "cmkg.nq")
    say("writing cmkg.trig from the previous file and the changed graphs")
    names = _graph_names(store)
    kept = [iri for iri in names if iri not in chunks]
    missing = [iri for iri in kept if iri not in before.trig.sections]
    if missing:
        raise Fallback(f"no TriG section of {missing[0]} in the previous build")
    old_blocks = before.trig.blocks.get(INFERRED_GRAPH)
    if old_blocks is None:
        raise Fallback("no block index of the inferred graph in the previous build")
    old_sections = read_sections(previous / "cmkg.trig", before.trig, kept)
    inferred_section = patch_blocks(
        store,
        INFERRED_GRAPH,
        old_sections.pop(INFERRED_GRAPH, b""),
        old_blocks,
        {t.subject for t in gone | added},
    )
    kept = [iri for iri in kept if iri != INFERRED_GRAPH]
    sections = [(iri, old_sections[iri], before.trig.sections[iri][2]) for iri in kept]
    sections += [(iri, c.section, c.prefixes) for iri, c in chunks.items()]
    sections.append((INFERRED_GRAPH, inferred_section[0], inferred_section[1]))
    index = write_trig(tmp / "cmkg.trig", sections)
    _started(digests, tmp / "cmkg.trig")
    index.blocks[INFERRED_GRAPH] = inferred_section[2]
    say("writing void.ttl")
    write_bytes_atomic(tmp / "void.ttl", void_turtle(store, stats=stats))
    say("writing the search index (changed subjects only)")
    rows = _update_search(previous / INDEX_FILE, store, old_quads, current)
    _later(digests, lambda: write_rows(rows, tmp / INDEX_FILE))
    store.flush()
    cache = build_cache.BuildCache(context, schema.digest, trig=index, stats=stats)
    cache.blocks = assembly.blocks
    cache.carry(before)
    cache.union = union
    for article in assembly.articles:
        if article in assembly.assembled:
            lines = build_cache.derived_lines(parts.get(article, {}))
            build_cache.count(union, lines, 1)
            cache.articles[article] = build_cache.CachedArticle(
                build_cache.article_key(article, inputs), assembly.parts[article], lines
            )
        else:
            cache.articles[article] = before.articles[article]
    return Written(dict(stats.per_graph), inferred, cache)


def _started(digests: Digests | None, path: Path) -> None:
    if digests is not None:
        digests.start(path)


def _later(digests: Digests | None, task: Callable[[], object]) -> None:
    """``task`` in the worker thread, or now without one."""
    if digests is None:
        task()
    else:
        digests.run(task)


def _lines(iri: str, triples: Iterable[Triple]) -> list[str]:
    """The N-Quads lines of these triples of graph ``iri``."""
    graph = NamedNode(iri)
    return [f"{t.subject} {t.predicate} {t.object} {graph} .\n" for t in triples]


def _present(store: pyoxigraph.Store, t: Triple) -> bool:
    return next(store.quads_for_pattern(t.subject, t.predicate, t.object), None) is not None


def _has_subject(store: pyoxigraph.Store, subject: object) -> bool:
    return next(store.quads_for_pattern(subject, None, None), None) is not None  # type: ignore[arg-type]


def _update_stats(
    stats: Stats,
    old: pyoxigraph.Store,
    new: pyoxigraph.Store,
    old_quads: dict[str, set[Triple]],
    replaced: set[str],
    current: dict[str, set[Triple]],
) -> Stats:
    """The VoID counts after replacing the ``replaced`` graphs: only triples that were added
    to or removed from some graph can change the distinct counts."""
    changed: set[Triple] = set()
    per_graph = dict(stats.per_graph)
    for iri in replaced:
        now = current[iri]
        changed |= old_quads.get(iri, set()) ^ now
        if now:
            per_graph[iri] = len(now)
        else:
            per_graph.pop(iri, None)
    gained = sum(_present(new, t) for t in changed) - sum(_present(old, t) for t in changed)
    subjects = {t.subject for t in changed}
    gained_subjects = sum(_has_subject(new, s) for s in subjects) - sum(
        _has_subject(old, s) for s in subjects
    )
    predicates = set(stats.predicates)
    for p in {t.predicate for t in changed}:
        if next(new.quads_for_pattern(None, p, None), None) is None:
            predicates.discard(p.value)
        else:
            predicates.add(p.value)
    classes = set(stats.classes)
    for t in changed:
        if t.predicate == _TYPE and isinstance(t.object, NamedNode):
            if next(new.quads_for_pattern(None, _TYPE, t.object), None) is None:
                classes.discard(t.object.value)
            else:
                classes.add(t.object.value)
    return Stats(
        stats.triples + gained,
        stats.subjects + gained_subjects,
        predicates,
        classes,
        dict(sorted(per_graph.items())),
    )


def _update_search(
    old_path: Path,
    store: pyoxigraph.Store,
    old_quads: dict[str, set[Triple]],
    current: dict[str, set[Triple]],
) -> list[Row]:
    """The previous index's rows, with those of every subject of a replaced graph (before or
    after; ``current``: the replaced graphs' triples now) computed again, in IRI order."""
    rows = read_rows(old_path)
    affected: set[str] = set()
    for iri in current:
        now = current[iri]
        was = old_quads.get(iri, set())
        # an article graph holds the whole evidence chain of its subjects: all of them may
        # have changed; in the shared graphs only the subjects of changed triples did
        triples = (was | now) if iri not in (INFERRED_GRAPH, MATCHES_GRAPH) else (was ^ now)
        affected |= {t.subject.value for t in triples if isinstance(t.subject, NamedNode)}
    for iri in affected:
        rows.pop(iri, None)
    rows.update(documents(store, affected))
    return [rows[iri] for iri in sorted(rows)]
