"""What a build keeps for the next one (``build-cache.pickle`` in each version folder).

Per article: the hash of its inputs, what it contributes besides its graph
(:class:`kg.graph.assemble.ArticlePart`) and the triples the closure rules derive from its
graph. For the files: where each graph's TriG section is, and the VoID counts. The cache is
valid only for the shared inputs (registries, ontology, shapes, rules, queries, code) it was
made with, and is written by this code alone (a pickle read only from the build folder).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from kg.build.chunks import TrigIndex
from kg.fileio import write_bytes_atomic
from kg.graph import closure
from kg.graph.assemble import ArticlePart
from kg.graph.events import Blocks
from kg.publish.void import Stats

CACHE_FILE = "build-cache.pickle"
FORMAT = 2  # 2: the block index of the inferred graph (TrigIndex.blocks)


@dataclass
class CachedArticle:
    key: str  # hash of the article's input hashes
    part: ArticlePart
    derived: list[tuple[str, int]]  # closure triples (N-Triples, no " .") and rule index


@dataclass
class BuildCache:
    context: str  # the shared inputs' hash
    schema: str  # the closure schema's digest
    articles: dict[str, CachedArticle] = field(default_factory=dict)
    trig: TrigIndex = field(default_factory=TrigIndex)
    stats: Stats = field(default_factory=Stats)
    blocks: Blocks = field(default_factory=dict)  # same-event blocks (kg.graph.events)
    format: int = FORMAT


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
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(cache, BuildCache) or cache.format != FORMAT or cache.context != context:
        return None
    return cache


def write(folder: Path, cache: BuildCache) -> None:
    write_bytes_atomic(folder / CACHE_FILE, pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
