"""What a build keeps for the next one (``build-cache.pickle`` and its segments, in each
version folder).

Per article: the hash of its inputs, what it contributes besides its graph
(:class:`kg.graph.assemble.ArticlePart`) and the triples the closure rules derive from its
graph. For the files: where each graph's TriG section is, and the VoID counts. The cache is
valid only for the shared inputs (registries, ontology, shapes, rules, queries, code) it was
made with, and is written by this code alone (a pickle read only from the build folder).

The per-article entries, the bulk of the cache, are kept in *segments*
(``build-cache-<digest>.seg``: the pickled part and closure triples of some articles, each
pickled on its own and unpickled only when used). A build writes a segment of the entries
it made (the changed articles) and hard-links the previous version's segments that still
hold entries it keeps, so that adding one article writes one small segment instead of the
whole cache; ``build-cache.pickle`` holds the rest and which segment holds each article.
When more than :data:`MAX_SEGMENTS` segments are kept, or a segment holds more replaced
entries than live ones, the live entries are written again into the new segment.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.build.chunks import TrigIndex
from kg.fileio import write_bytes_atomic
from kg.graph import closure
from kg.graph.assemble import ArticlePart
from kg.graph.events import Blocks, LocalEvent
from kg.publish.void import Stats

CACHE_FILE = "build-cache.pickle"
SEGMENT_PREFIX, SEGMENT_SUFFIX = "build-cache-", ".seg"
FORMAT = 3  # 3: per-article entries in segments
MAX_SEGMENTS = 8
Union = dict[tuple[str, int], int]


class CachedArticle:
    """One article's cache entry: ``key``, the hash of its inputs; ``part`` and ``derived``
    (closure triples as N-Triples without " ." and the rule index), unpickled on first use."""

    def __init__(
        self,
        key: str,
        part: ArticlePart | None = None,
        derived: list[tuple[str, int]] | None = None,
    ) -> None:
        self.key = key
        self.segment = ""  # the segment file holding it ("": not written yet)
        self._blobs: tuple[bytes, bytes] | None = None
        self._part = part
        self._derived = derived
        if part is not None and derived is not None:
            self._blobs = (_dump(part), _dump(derived))

    @property
    def part(self) -> ArticlePart:
        if self._part is None:
            self._part = pickle.loads(self._loaded()[0])
        return self._part

    @property
    def derived(self) -> list[tuple[str, int]]:
        if self._derived is None:
            self._derived = pickle.loads(self._loaded()[1])
        return self._derived

    def _loaded(self) -> tuple[bytes, bytes]:
        if self._blobs is None:
            raise ValueError(f"the build cache entry's segment {self.segment} was not read")
        return self._blobs

    def __getstate__(self) -> dict[str, Any]:
        # build-cache.pickle holds the key and the segment; the segment holds the rest
        return {"key": self.key, "segment": self.segment}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.key, self.segment = state["key"], state["segment"]
        self._blobs = self._part = self._derived = None


@dataclass
class BuildCache:
    context: str  # the shared inputs' hash
    schema: str  # the closure schema's digest
    articles: dict[str, CachedArticle] = field(default_factory=dict)
    trig: TrigIndex = field(default_factory=TrigIndex)
    stats: Stats = field(default_factory=Stats)
    blocks: Blocks = field(default_factory=dict)  # same-event blocks (kg.graph.events)
    format: int = FORMAT
    segments: dict[str, int] = field(default_factory=dict)  # segment -> entries it holds
    #: every article's closure triples (:attr:`CachedArticle.derived`) as one multiset,
    #: (line, rule) -> articles deriving it so: the union of the unchanged articles' closures
    #: without unpickling each
    union: Union = field(default_factory=dict)
    #: the version folder the cache was read from (where its segments are); not kept
    origin: Path | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["origin"] = None
        state["blocks"] = _block_refs(self.blocks, self.articles)
        return state

    def carry(self, before: BuildCache) -> None:
        """Take over ``before``'s segments (this cache reuses some of its entries)."""
        self.origin, self.segments = before.origin, dict(before.segments)


def count(union: Union, lines: list[tuple[str, int]], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) one article's closure lines in ``union``."""
    for pair in lines:
        n = union.get(pair, 0) + sign
        if n:
            union[pair] = n
        else:
            del union[pair]


# a block member: (article, index in its part's local events, slug), or the event itself
_Member = tuple[str, int, str] | LocalEvent


def _block_refs(
    blocks: Blocks, articles: dict[str, CachedArticle]
) -> dict[object, tuple[list[_Member], list[Any]]]:
    """``blocks`` with each member event named by its place in an article's part (every
    member is one of the parts' local events): pickling thousands of events twice, once in
    the parts and once here, took seconds."""
    where: dict[int, tuple[str, int, str]] = {}
    for article, entry in articles.items():
        for i, event in enumerate(entry.part.local_events):
            where[id(event)] = (article, i, event.slug)
    return {
        key: ([where.get(id(e), e) for e in members], matches)
        for key, (members, matches) in blocks.items()
    }


def _resolve_blocks(cache: BuildCache) -> Blocks:
    """The blocks of :func:`_block_refs`, each member the event in its article's part."""
    found: Blocks = {}
    for key, (members, matches) in cache.blocks.items():
        events: list[LocalEvent] = []
        for member in members:
            if isinstance(member, LocalEvent):
                events.append(member)
            else:
                article, index, slug = member
                event = cache.articles[article].part.local_events[index]
                if event.slug != slug:
                    raise ValueError(f"block member {slug} is not event {index} of {article}")
                events.append(event)
        found[key] = (events, matches)
    return found


def _dump(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def article_key(article_id: str, inputs: dict[str, str]) -> str:
    """One hash of the input hashes that belong to the article."""
    names = (
        f"corpus/articles/{article_id}.txt",
        f"corpus/articles/{article_id}.meta.yaml",
        f"corpus/review/{article_id}.yaml",
    )
    text = "\n".join(f"{n} {inputs.get(n, '-')}" for n in names)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derived_lines(derived: closure.Derived) -> list[tuple[str, int]]:
    return sorted((str(t), rule) for t, rule in derived.items())


def parse_derived(lines: list[tuple[str, int]]) -> closure.Derived:
    """The derived triples of :func:`derived_lines` (parsed in one batch)."""
    if not lines:
        return {}
    data = "".join(f"{text} .\n" for text, _ in lines).encode("utf-8")
    quads = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    found: closure.Derived = {}
    for q, (_, rule) in zip(quads, lines, strict=True):
        t = pyoxigraph.Triple(q.subject, q.predicate, q.object)
        before = found.get(t)
        if before is None or rule < before:
            found[t] = rule
    return found


def read(version: Path, context: str) -> BuildCache | None:
    """The cache of a version folder, or None when it is missing, unreadable or stale."""
    try:
        with (version / CACHE_FILE).open("rb") as handle:
            cache = pickle.load(handle)
        if not isinstance(cache, BuildCache) or cache.format != FORMAT:
            return None
        if cache.context != context:
            return None
        for name in cache.segments:
            with (version / name).open("rb") as handle:
                held = pickle.load(handle)
            for article, blobs in held.items():
                entry = cache.articles.get(article)
                if entry is not None and entry.segment == name:
                    entry._blobs = blobs
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    except (ValueError, KeyError):
        return None
    if any(entry._blobs is None for entry in cache.articles.values()):
        return None
    try:
        cache.blocks = _resolve_blocks(cache)
    except (KeyError, IndexError, TypeError, ValueError, pickle.UnpicklingError):
        return None
    cache.origin = version
    return cache


def write(folder: Path, cache: BuildCache) -> None:
    """Write ``cache`` into ``folder``: a segment of its new entries, links to the segments
    of ``cache.origin`` that hold its other entries (or those entries written again)."""
    live: dict[str, int] = {}
    for entry in cache.articles.values():
        if entry.segment:
            live[entry.segment] = live.get(entry.segment, 0) + 1
    kept = {
        name
        for name, count in live.items()
        if cache.origin is not None and count * 2 >= cache.segments.get(name, count)
    }
    if len(kept) >= MAX_SEGMENTS:  # the smaller ones are merged into the new segment
        kept = set(sorted(kept, key=lambda n: (-live[n], n))[: MAX_SEGMENTS - 1])
    fresh = {a: e for a, e in sorted(cache.articles.items()) if e.segment not in kept}
    segments: dict[str, int] = {}
    for name in sorted(kept):
        assert cache.origin is not None
        _link(cache.origin / name, folder / name)
        segments[name] = cache.segments[name]
    if fresh:
        data = _dump({a: e._loaded() for a, e in fresh.items()})
        name = f"{SEGMENT_PREFIX}{hashlib.sha256(data).hexdigest()[:16]}{SEGMENT_SUFFIX}"
        write_bytes_atomic(folder / name, data)
        segments[name] = len(fresh)
        for entry in fresh.values():
            entry.segment = name
    cache.segments = segments
    write_bytes_atomic(folder / CACHE_FILE, _dump(cache))


def _link(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (a copy where links are not possible)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
