"""Extracting many articles: batched parsing, worker processes, shards.

``kg extract --all --jobs N --shard I/N`` runs here:

* **chunks**: the articles to extract are cut, in id order, into chunks of a few articles
  (:func:`chunks`; the cut depends only on the list of articles, never on the number of
  workers). The lines of one chunk go through the model in one ``nlp.pipe`` call (larger
  batches cost less CPU per article than one call per article; a line's parse does not
  depend on its batch), then each article runs through the rules
  (:func:`kg.extract.pipeline.extract_article`), is merged with its review file on disk and
  dumped to YAML text.
* **workers**: with more than one job a process pool runs the chunks. The model and the
  registry are loaded once, in the parent, before the workers start: on Linux the workers
  are forked and share them; where processes are spawned, each worker loads them once.
  Results come back in chunk order and the parent writes every review file (atomically)
  and prints every line, so files and output are the same for any number of jobs.
* **shards**: :class:`Shard` ``I/N`` holds the articles whose id hashes (SHA-256) to ``I``
  modulo ``N``: a stable partition (the same on every machine and Python version), so any
  batch system can run the shards on many machines without coordination; the review files
  are the merge point.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kg.config import Settings
from kg.corpus.files import meta_path, read_meta, read_text, review_path
from kg.corpus.review import ReviewFile, dump_review, load_review, merge_extraction
from kg.errors import EnvironmentProblem, UsageError
from kg.extract.gazetteer import Pipeline, load_registry
from kg.extract.pipeline import (
    Extractor,
    drop_covered,
    extract_article,
    make_extractor,
    parse_units,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Most articles in one chunk (one ``nlp.pipe`` call, one task for a worker).
CHUNK = 8
#: Lines per model batch: a whole chunk at once.
BATCH = 256

_SHARD = re.compile(r"(\d+)/(\d+)")


def shard_of(article_id: str, count: int) -> int:
    """The shard (0 to ``count - 1``) that holds ``article_id``: SHA-256 of the id, mod N."""
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (numbered from 0, like Slurm array and Kubernetes
    indexed-job indices)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/8"`` -> shard 2 of 8; anything else is a one-line :class:`UsageError`."""
        match = _SHARD.fullmatch(text.strip())
        if match is None:
            raise UsageError(
                f"--shard {text!r}: expected I/N, two whole numbers with 0 <= I < N (e.g. 0/4)"
            )
        index, count = int(match[1]), int(match[2])
        if count < 1:
            raise UsageError(f"--shard {text}: the shard count N must be at least 1")
        if index >= count:
            raise UsageError(
                f"--shard {text}: the shard index I must be below N, from 0 to {count - 1} "
                f"(shards are numbered from 0)"
            )
        return cls(index, count)

    def holds(self, article_id: str) -> bool:
        return shard_of(article_id, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_jobs(text: str) -> int:
    """``--jobs``: a whole number >= 1, or ``auto`` (one per available CPU)."""
    if text.strip().lower() == "auto":
        return available_cpus()
    if not text.strip().isdigit() or int(text) < 1:
        raise UsageError(
            f"--jobs {text!r}: expected a number of worker processes (1 or more) or 'auto'"
        )
    return int(text)


def chunks(article_ids: list[str]) -> list[list[str]]:
    """``article_ids`` cut in order into chunks of at most :data:`CHUNK`; a short list gets
    chunks of fewer articles (at least four chunks where it can) so that workers share it."""
    size = max(1, min(CHUNK, len(article_ids) // 4))
    return [article_ids[i : i + size] for i in range(0, len(article_ids), size)]


@dataclass(frozen=True)
class Outcome:
    """One extracted article: the review file text to write, and the line to print."""

    article_id: str
    path: Path
    review: str
    line: str


def summary_line(fresh: ReviewFile, merged: ReviewFile, path: Path) -> str:
    counts = Counter(c.type for c in fresh.candidates)
    per_type = ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "none"
    kept = sum(1 for c in merged.candidates if c.status != "candidate" or c.origin != "extractor")
    return (
        f"{fresh.article}: {len(fresh.candidates)} candidates ({per_type}); "
        f"{len(fresh.mentions)} mentions, {len(fresh.unlinked)} unlinked, "
        f"{len(fresh.held)} held (low confidence); "
        f"{kept} reviewed entries kept -> {path}"
    )


class _Parsed(Pipeline):
    """``base`` with the docs of some lines parsed ahead (in one batch); any other text is
    parsed as usual, so a different cut of lines costs time, never correctness."""

    def __init__(self, base: Pipeline, docs: dict[str, list[Doc]]) -> None:
        super().__init__(base.nlp, base.ruler)
        self._docs = docs

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        for text in texts:
            ready = self._docs.get(text)
            yield ready.pop(0) if ready else self(text)


@dataclass(frozen=True)
class _Work:
    settings: Settings
    extractor: Extractor


def _load(settings: Settings) -> _Work:
    return _Work(settings, make_extractor(load_registry(settings.registry)))


def extract_chunk(work: _Work, article_ids: list[str]) -> list[Outcome]:
    """Extract ``article_ids`` (their lines parsed in one batch) and merge each with its
    review file on disk; nothing is written."""
    settings, extractor = work.settings, work.extractor
    items = []
    for article_id in article_ids:
        meta = (
            read_meta(settings, article_id) if meta_path(settings, article_id).is_file() else None
        )
        items.append((article_id, read_text(settings, article_id), meta.date if meta else None))
    lines = [line for _, text, _ in items for line in parse_units(text)]
    docs: dict[str, list[Doc]] = {}
    for line, doc in zip(lines, extractor.nlp.pipe(lines, batch_size=BATCH), strict=True):
        docs.setdefault(line, []).append(doc)
    ready = replace(extractor, nlp=_Parsed(extractor.nlp, docs))
    outcomes = []
    for article_id, text, date in items:
        fresh = extract_article(text, extractor.registry, article_id, ready, article_date=date)
        path = review_path(settings, article_id)
        existing = load_review(path) if path.is_file() else None
        merged = merge_extraction(existing, drop_covered(fresh, existing))
        outcomes.append(
            Outcome(article_id, path, dump_review(merged), summary_line(fresh, merged, path))
        )
    return outcomes


# What a worker process extracts with: inherited from the parent when forked, else loaded
# once by the pool's initializer.
_WORKER: _Work | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _WORKER = _load(settings)


def _ready() -> bool:
    return _WORKER is not None


def _run_chunk(article_ids: list[str]) -> list[Outcome]:
    assert _WORKER is not None, "the pool initializer sets the worker's extractor"
    return extract_chunk(_WORKER, article_ids)


class Extraction:
    """A context manager: the model and registry loaded, and ``jobs`` worker processes
    started when there is more than one; :meth:`extract` yields outcomes in input order.

    Enter it before starting anything with threads (a progress heartbeat): workers are
    forked where the platform allows."""

    def __init__(self, settings: Settings, jobs: int = 1) -> None:
        if jobs < 1:
            raise UsageError(f"--jobs {jobs}: expected a number of worker processes (1 or more)")
        self.settings = settings
        self.jobs = jobs
        self._work: _Work | None = None
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Extraction:
        global _WORKER
        self._work = _load(self.settings)
        if self.jobs > 1:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            _WORKER = self._work  # forked workers inherit the loaded model and registry
            try:
                self._pool = ProcessPoolExecutor(
                    self.jobs,
                    mp_context=context,
                    initializer=_init_worker,
                    initargs=(self.settings,),
                )
                # forked workers all start at the first task: now, before any thread
                # (a progress heartbeat) runs in this process
                self._pool.submit(_ready).result()
            except BrokenProcessPool:
                raise _died() from None
            finally:
                _WORKER = None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._work = None

    def extract(self, article_ids: list[str]) -> Iterator[Outcome]:
        """The outcome of every article, in the order given."""
        if self._work is None:
            raise RuntimeError("use Extraction as a context manager")
        parts = chunks(article_ids)
        if self._pool is None or len(parts) < 2:
            for part in parts:
                yield from extract_chunk(self._work, part)
            return
        try:
            for outcomes in self._pool.map(_run_chunk, parts):
                yield from outcomes
        except BrokenProcessPool:
            raise _died() from None


def _died() -> EnvironmentProblem:
    return EnvironmentProblem(
        "an extraction worker process died (out of memory? try fewer --jobs); the review "
        "files written so far are kept, and running the command again goes on from there"
    )
