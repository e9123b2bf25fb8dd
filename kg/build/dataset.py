"""``kg build``: corpus -> checked, inferred, serialised dataset in ``build/``, atomically.

Steps: assemble the graphs (:mod:`kg.graph.assemble`) -> verify every evidence quote against the
stored text -> SHACL-validate -> load a fresh Oxigraph store in ``build/versions/.tmp-<pid>/``
-> apply the inference rules -> add the canned-query descriptions -> write ``cmkg.trig``,
``cmkg.nq``, ``void.ttl``, the search index ``search.sqlite`` and ``build-info.json`` ->
rename the folder to its version name -> switch ``build/current`` to it
(:mod:`kg.build.layout`) -> remove old versions.
Any failure removes the temporary folder and leaves the current build as it was; a running
``kg serve`` keeps its own store and picks the new version up by itself.

When only articles changed since the current build (:mod:`kg.build.manifest`), the build is
incremental: only the changed articles are read, assembled and validated, and
:func:`kg.build.outputs.write_incremental` starts from a checkpoint of the current version's
store and files (:mod:`kg.build.cache` keeps what it needs per article).

The dataset files depend only on the inputs (byte-identical for the same corpus); the
build time appears only in ``build-info.json``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from kg import __version__
from kg.build import cache as build_cache
from kg.build import layout, manifest, outputs
from kg.config import Settings
from kg.corpus.review import Candidate
from kg.errors import BuildError, ConflictError, ValidationError
from kg.fileio import write_bytes_atomic
from kg.graph.assemble import ArticlePart, Assembly, QuoteRef, StaleReuse, assemble_dataset
from kg.graph.events import EVENTS_GRAPH, MATCHES_GRAPH
from kg.graph.shapes import ShapeChecker, ShapeViolation
from kg.publish.search import INDEX_FILE
from kg.rdf.terms import ENTITIES_GRAPH, ONTOLOGY_GRAPH, article_graph

DATASET_FILES = outputs.DATASET_FILES
VALIDATED_FILE = "shacl.json"  # which article graphs conformed (see _Validated)
SHACL_BATCH = 20  # article graphs validated between two progress checks
MAX_LISTED = 50  # problems listed in one error message

Progress = Callable[[str], None]


@dataclass
class BuildSummary:
    """What ``kg build`` made: shown to the user, returned to tests and ``kg serve``."""

    build_dir: Path
    articles: int
    entities: int
    assertions: dict[str, dict[str, int]]  # type -> status -> count
    triples: dict[str, int]  # graph IRI -> triples
    inferred: dict[str, int]  # rule -> triples added
    seconds: float
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: str = ""  # the folder under build/versions/ that holds this build

    @property
    def total_triples(self) -> int:
        return sum(self.triples.values())


def check_quotes(quotes: list[QuoteRef], texts: dict[str, str]) -> list[str]:
    """One line per evidence quote that is not the stored text at its offsets."""
    problems = []
    for q in quotes:
        text = texts[q.article]
        if not 0 <= q.start < q.end <= len(text):
            problems.append(
                f"article {q.article}, candidate {q.candidate}: offsets {q.start}-{q.end} "
                f"are outside the text (length {len(text)})"
            )
            continue
        found = text[q.start : q.end]
        if found != q.quote:
            problems.append(
                f"article {q.article}, candidate {q.candidate}: offsets {q.start}-{q.end}: "
                f"expected {_excerpt(q.quote)}, found {_excerpt(found)}"
            )
    return problems


def _excerpt(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _report(headline: str, problems: list[str]) -> str:
    listed = [f"  - {p}" for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        listed.append(f"  … and {len(problems) - MAX_LISTED} more")
    return "\n".join([headline, *listed])


def _graph_hash(graph: rdflib.Graph) -> str:
    lines = sorted(graph.serialize(format="nt", encoding="utf-8").splitlines())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


@dataclass
class _Validated:
    """Which article graphs conformed to the shapes, by graph hash, under one context hash.

    Kept in each version as ``shacl.json`` so that the next build revalidates only article
    graphs that differ (validation is a function of the graph, the shapes and the context).
    """

    context: str
    articles: dict[str, str] = field(default_factory=dict)  # article id -> graph hash

    @classmethod
    def read(cls, path: Path | None, context: str) -> _Validated:
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or data.get("context") != context:
            return cls(context)
        articles = data.get("articles")
        if not isinstance(articles, dict):
            return cls(context)
        return cls(context, {str(k): str(v) for k, v in articles.items()})

    def to_bytes(self) -> bytes:
        data = {"context": self.context, "articles": dict(sorted(self.articles.items()))}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _shared_context(hashes: dict[str, str]) -> str:
    shared = {k: v for k, v in hashes.items() if manifest.article_of(k) is None}
    return hashlib.sha256(json.dumps(shared, sort_keys=True).encode("utf-8")).hexdigest()


def _validate(assembly: Assembly, before: _Validated, say: Progress) -> _Validated:
    """SHACL-check the shared graphs once, then the article graphs :data:`SHACL_BATCH` at a
    time (never one graph of the whole dataset); set aside the undecided candidates that
    violate the shapes; raise for anything else.

    Machine candidates are often incomplete (a proposal whose proposer the extractor could
    not find); they must not stop the build. Each one left out is a warning naming it, so
    the curator can complete and accept it. Violations by anything else (accepted facts,
    the registry, article records) fail the build, one line per problem. An article graph
    that conformed in the previous build, unchanged, is not validated again.
    """
    context = [assembly.graphs[ONTOLOGY_GRAPH], assembly.graphs[ENTITIES_GRAPH]]
    if EVENTS_GRAPH in assembly.graphs:
        context.append(assembly.graphs[EVENTS_GRAPH])
    checker = ShapeChecker(context)
    shared = rdflib.Graph()
    for iri in (ENTITIES_GRAPH, EVENTS_GRAPH, MATCHES_GRAPH):
        if iri in assembly.graphs:
            shared += assembly.graphs[iri]
    problems: list[ShapeViolation] = checker.check(shared)
    after = _Validated(before.context)
    pending: list[tuple[str, str]] = []  # (article id, graph hash) to validate
    for article_id in assembly.articles:
        if article_graph(article_id) not in assembly.graphs:
            # reused from the previous build: it conformed (or its candidates were left out)
            if article_id in before.articles:
                after.articles[article_id] = before.articles[article_id]
            continue
        digest = _graph_hash(assembly.graphs[article_graph(article_id)])
        if before.articles.get(article_id) == digest:
            after.articles[article_id] = digest
        else:
            pending.append((article_id, digest))
    reused, total = len(assembly.articles) - len(pending), len(assembly.articles)
    if reused:
        say(f"{reused} of {total} article graphs are unchanged: not validated again")
    failing: set[str] = set()
    last = time.monotonic()
    for start in range(0, len(pending), SHACL_BATCH):
        batch = pending[start : start + SHACL_BATCH]
        found, owners = _check_batch(checker, assembly, [a for a, _ in batch])
        problems += found
        failing |= owners
        after.articles.update((a, digest) for a, digest in batch if a not in owners)
        if time.monotonic() - last > 1.0 or start + SHACL_BATCH >= len(pending):
            say(
                f"validated {reused + start + len(batch)}/{total} article graphs "
                f"({reused} unchanged, not validated again)"
            )
            last = time.monotonic()
    if not pending:
        say(f"validated {total}/{total} article graphs ({reused} unchanged, not validated again)")
    blocking = [v for v in problems if (v.focus or "") not in assembly.undecided]
    if blocking or not problems:
        return _raise_if_any(sorted(set(problems), key=str), after)
    dropped: dict[int, tuple[str, Candidate, str]] = {}
    for violation in problems:
        owner = assembly.undecided[violation.focus or ""]
        dropped.setdefault(id(owner[1]), (owner[0], owner[1], str(violation)))
    for article_id, candidate, line in sorted(dropped.values(), key=lambda d: (d[0], d[2])):
        assembly.drop_candidate(article_id, candidate)
        warning = f"left out candidate {candidate.id} of {article_id} (shapes: {line})"
        part = assembly.parts.get(article_id)
        if part is not None:
            part.warnings.append((line, warning))
        else:
            assembly.warnings.append(warning)
        say(f"warning: {warning}")
    again: list[ShapeViolation] = []
    ordered = sorted(failing)
    for start in range(0, len(ordered), SHACL_BATCH):
        again += _check_batch(checker, assembly, ordered[start : start + SHACL_BATCH])[0]
    return _raise_if_any(sorted(set(again), key=str), after)


def _check_batch(
    checker: ShapeChecker, assembly: Assembly, articles: list[str]
) -> tuple[list[ShapeViolation], set[str]]:
    """Validate a few article graphs, each on its own (two articles that propose the same
    new entity each give it a confidence; merged, that would look like two on one node);
    return the violations and the articles whose subjects they concern."""
    found = [v for a in articles for v in checker.check(assembly.graphs[article_graph(a)])]
    if not found:
        return [], set()
    focus = {rdflib.URIRef(v.focus) for v in found if v.focus is not None}
    owners = {
        a
        for a in articles
        if any((f, None, None) in assembly.graphs[article_graph(a)] for f in focus)
    }
    return found, owners


def _raise_if_any(problems: list[ShapeViolation], validated: _Validated) -> _Validated:
    if problems:
        raise ValidationError(
            _report(
                f"{len(problems)} SHACL violation(s); fix these in corpus/:",
                [str(v) for v in problems],
            )
        )
    return validated


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while the build holds millions of
    long-lived rdflib terms (each young-generation pass otherwise re-examines them:
    about a third of the assembly's CPU time at 1,000 generated articles)."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextlib.contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """One build at a time per build folder (the lock dies with the process)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(f".{target.name}.lock")
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConflictError(
                f"another `kg build` is writing {target}; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _recover(target: Path, say: Progress) -> None:
    """Clean up after a build that was killed mid-way (called while holding the lock):
    half-written versions, and the sibling folders the unversioned layout used."""
    for stale in sorted(layout.versions_dir(target).glob(f"{layout.TMP_PREFIX}*")):
        say(f"removing {stale.name}, left by an interrupted build")
        shutil.rmtree(stale, ignore_errors=True)
    for stale in sorted(target.parent.glob(f"{target.name}.tmp-*")):
        shutil.rmtree(stale, ignore_errors=True)
    olds = sorted(target.parent.glob(f"{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not target.exists():
        say(f"restoring the previous build from {olds[-1].name} (a build was interrupted)")
        os.rename(olds.pop(), target)
    for stale in olds:
        shutil.rmtree(stale, ignore_errors=True)


def _summarise(assembly: Assembly) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for (kind, status), number in sorted(assembly.assertions.items()):
        table.setdefault(kind, {})[status] = number
    return table


@dataclass
class _Reuse:
    """What an incremental build starts from: the previous version and its cache."""

    previous: Path
    cache: build_cache.BuildCache
    removed: list[str]


def _write_build(
    target: Path,
    assembly: Assembly,
    built_at: dt.datetime,
    say: Progress,
    inputs: dict[str, str],
    validated: _Validated,
    reuse: _Reuse | None = None,
) -> BuildSummary:
    """Write a new version folder under ``target/versions/``, then switch the pointer to it.

    The version is written in a hidden temporary folder, renamed to its final name when
    complete, and published with one atomic rename of ``target/current``; versions that
    readers or a server may be using are never touched.
    """
    versions = layout.versions_dir(target)
    tmp = versions / f"{layout.TMP_PREFIX}{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        context = _shared_context(inputs)
        with outputs.Digests() as digests:
            if reuse is None:
                written = outputs.write_full(tmp, assembly, inputs, context, say, digests)
            else:
                written = outputs.write_incremental(
                    tmp,
                    reuse.previous,
                    assembly,
                    reuse.cache,
                    reuse.removed,
                    inputs,
                    context,
                    say,
                    digests,
                )
            output_hashes = digests.result(tmp, [*DATASET_FILES, "void.ttl"])
        counts, inferred = written.counts, written.inferred
        summary = BuildSummary(
            build_dir=target,
            articles=len(assembly.articles),
            entities=assembly.entities,
            assertions=_summarise(assembly),
            triples=counts,
            inferred=inferred,
            seconds=0.0,
            files=[*DATASET_FILES, "void.ttl", INDEX_FILE, "build-info.json", "store/"],
            warnings=assembly.warnings,
        )
        info = {
            "version": __version__,
            "built": built_at.isoformat().replace("+00:00", "Z"),
            "inputs": inputs,
            "outputs": output_hashes,
            "articles": summary.articles,
            "entities": summary.entities,
            "assertions": summary.assertions,
            "triples": counts,
            "inferred": inferred,
            "warnings": summary.warnings,
        }
        text = json.dumps(info, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        write_bytes_atomic(tmp / "build-info.json", text.encode("utf-8"))
        write_bytes_atomic(tmp / VALIDATED_FILE, validated.to_bytes())
        manifest.keep_hashes(target, tmp)
        if written.cache is not None:
            build_cache.write(tmp, written.cache)
        digest = hashlib.sha256(
            json.dumps(output_hashes, sort_keys=True).encode("utf-8")
        ).hexdigest()
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = layout.new_version_name(target, stamp, digest)
        os.rename(tmp, versions / name)
        summary.version = name
        say(f"switching {target} to the new build {name}")
        layout.publish(target, name)
        removed = [n for n in layout.collect_garbage(target) if not n.startswith(".")]
        if removed:
            say(f"removed old build(s): {', '.join(removed)}")
    except OSError as exc:
        raise BuildError(f"cannot write the build in {tmp}: {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


def _unchanged(target: Path, say: Progress) -> BuildSummary | None:
    """The current build as a summary (nothing is written), or None if it cannot be read."""
    version = layout.current_version(target)
    try:
        info = json.loads((version / "build-info.json").read_text(encoding="utf-8"))  # type: ignore[operator]
        summary = BuildSummary(
            build_dir=target,
            articles=int(info["articles"]),
            entities=int(info["entities"]),
            assertions=info["assertions"],
            triples=info["triples"],
            inferred=info["inferred"],
            seconds=0.0,
            files=[*DATASET_FILES, "void.ttl", INDEX_FILE, "build-info.json", "store/"],
            warnings=list(info.get("warnings", [])),
            version=version.name,  # type: ignore[union-attr]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    say(f"the current build {summary.version} is up to date; nothing written")
    return summary


def build_dataset(
    settings: Settings, *, progress: Progress | None = None, full: bool = False
) -> BuildSummary:
    """Build the dataset into ``settings.build``; raise a KGError and change nothing on failure.

    Inputs are compared by content hash with the current build's (``build-info.json``):
    with nothing changed the current build stays as it is; otherwise article graphs that
    conformed to the shapes before and did not change are not validated again. ``full``
    ignores the previous build. The files written are the same bytes either way.
    """
    with _fewer_collections():
        return _build(settings, progress, full)


def _build(settings: Settings, progress: Progress | None, full: bool) -> BuildSummary:
    say = progress or (lambda _line: None)
    started = time.monotonic()
    built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    target = settings.build
    say("hashing the inputs")
    inputs = manifest.input_hashes(settings)
    previous = layout.current_version(target)
    before = None
    if previous is not None and not full:
        before = manifest.read_previous_inputs(previous / "build-info.json")
    changes = manifest.compare(before, inputs)
    say("full rebuild requested (--full)" if full else changes.describe())
    if changes.nothing:
        with _exclusive(target):
            _recover(target, say)
            summary = _unchanged(target, say)
        if summary is not None:
            summary.seconds = time.monotonic() - started
            return summary
    context = _shared_context(inputs)
    validated = _Validated(context)
    if previous is not None and not full:
        validated = _Validated.read(previous / VALIDATED_FILE, context)
    reuse = None
    if previous is not None and not full and changes.previous and not changes.shared:
        cached = build_cache.read(previous, context)
        if cached is None:
            say("the current build has no usable build cache: building everything")
        else:
            reuse = _Reuse(previous, cached, changes.removed)
    if reuse is not None:
        try:
            return _finish(settings, target, built_at, say, inputs, validated, started, reuse)
        except (outputs.Fallback, StaleReuse) as why:
            say(f"cannot build incrementally ({why}): building everything")
    return _finish(settings, target, built_at, say, inputs, validated, started, None)


def _finish(
    settings: Settings,
    target: Path,
    built_at: dt.datetime,
    say: Progress,
    inputs: dict[str, str],
    validated: _Validated,
    started: float,
    reuse: _Reuse | None,
) -> BuildSummary:
    parts: dict[str, ArticlePart] = {}
    if reuse is not None:
        for article, entry in reuse.cache.articles.items():
            if entry.key == build_cache.article_key(article, inputs):
                parts[article] = entry.part
    say(
        "assembling graphs" if not parts else f"assembling the changed graphs ({len(parts)} reused)"
    )
    blocks = reuse.cache.blocks if reuse is not None else None
    assembly = assemble_dataset(settings, progress=say, reuse=parts, blocks=blocks)
    if not assembly.articles:
        assembly.warnings.append(f"no articles in {settings.articles}; add some with `kg ingest`")
    if settings.store != settings.build / "store":
        assembly.warnings.append(
            f"the store is written to {settings.build / 'store'}, not to the configured "
            f"store folder {settings.store}"
        )
    for warning in assembly.warnings:
        say(f"warning: {warning}")
    say(f"checking {len(assembly.quotes)} evidence quotes")
    mismatches = check_quotes(assembly.quotes, assembly.texts)
    if mismatches:
        raise ValidationError(
            _report(
                f"{len(mismatches)} evidence quote(s) do not match the stored text; fix the "
                f"offsets or quotes in corpus/review/ (or re-run `kg extract`):",
                mismatches,
            )
        )
    assembly.quotes.clear()  # checked: the texts and quotes are not needed again
    assembly.texts.clear()
    say("validating with the SHACL shapes, one article graph at a time")
    validated = _validate(assembly, validated, say)
    for article_id in assembly.articles:  # what was left out, reused or found now
        part = assembly.parts.get(article_id)
        if part is not None:
            assembly.warnings.extend(w for _, w in sorted(part.warnings))
    with _exclusive(target):
        _recover(target, say)
        summary = _write_build(target, assembly, built_at, say, inputs, validated, reuse)
    summary.seconds = time.monotonic() - started
    return summary
