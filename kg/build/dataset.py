"""``kg build``: corpus -> checked, inferred, serialised dataset in ``build/``, atomically.

Steps: assemble the graphs (:mod:`kg.graph.assemble`) -> verify every evidence quote against the
stored text -> SHACL-validate -> load a fresh Oxigraph store in ``build/versions/.tmp-<pid>/``
-> apply the inference rules -> add the canned-query descriptions -> write ``cmkg.trig``,
``cmkg.nq``, ``void.ttl``, the search index ``search.sqlite`` and ``build-info.json`` ->
rename the folder to its version name -> switch ``build/current`` to it
(:mod:`kg.build.layout`) -> remove old versions.
Any failure removes the temporary folder and leaves the current build as it was; a running
``kg serve`` keeps its own store and picks the new version up by itself.

The dataset files depend only on the inputs (byte-identical for the same corpus); the
build time appears only in ``build-info.json``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import rdflib

from kg import __version__
from kg.build import layout
from kg.config import Settings
from kg.corpus.review import Candidate
from kg.errors import BuildError, ConflictError, ValidationError
from kg.fileio import write_bytes_atomic
from kg.graph.assemble import Assembly, QuoteRef, assemble_dataset
from kg.graph.inference import apply_rules
from kg.graph.shapes import ShapeViolation, shacl_violations
from kg.publish.canned import query_descriptions_turtle
from kg.publish.search import INDEX_FILE, write_search_index
from kg.publish.void import void_turtle
from kg.rdf.store import graph_sizes
from kg.rdf.stream import serialize
from kg.rdf.terms import ONTOLOGY_GRAPH, QUERIES_GRAPH
from kg.resources import ontology_dir, queries_dir

DATASET_FILES = {"cmkg.trig": "trig", "cmkg.nq": "nq"}
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


def _set_aside_candidates(
    assembly: Assembly, problems: list[ShapeViolation], say: Progress
) -> list[ShapeViolation]:
    """Leave out undecided candidates that violate the shapes; return the blocking problems.

    Machine candidates are often incomplete (a proposal whose proposer the extractor could
    not find); they must not stop the build. Each one left out is a warning naming it, so
    the curator can complete and accept it. Violations by anything else (accepted facts,
    the registry, article records) fail the build. The rest is validated again.
    """
    blocking: list[ShapeViolation] = []
    dropped: dict[int, tuple[str, Candidate, str]] = {}
    for violation in problems:
        owner = assembly.undecided.get(violation.focus or "")
        if owner is None:
            blocking.append(violation)
        else:
            dropped.setdefault(id(owner[1]), (owner[0], owner[1], str(violation)))
    if blocking or not dropped:
        return problems
    for article_id, candidate, line in dropped.values():
        assembly.drop_candidate(article_id, candidate)
        warning = f"left out candidate {candidate.id} of {article_id} (shapes: {line})"
        assembly.warnings.append(warning)
        say(f"warning: {warning}")
    return shacl_violations(_union(assembly), ontology=assembly.graphs[ONTOLOGY_GRAPH])


def _union(assembly: Assembly) -> rdflib.Graph:
    """Instance data for SHACL: the registry and every article graph."""
    union = rdflib.Graph()
    for iri, graph in assembly.graphs.items():
        if iri != ONTOLOGY_GRAPH:
            union += graph
    return union


def _load(store: pyoxigraph.Store, assembly: Assembly) -> None:
    for iri in sorted(assembly.graphs):
        data = assembly.graphs[iri].serialize(format="nt", encoding="utf-8")
        store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(iri))
    descriptions = query_descriptions_turtle()
    if descriptions.strip():
        store.load(
            descriptions.encode("utf-8"),
            format=pyoxigraph.RdfFormat.TURTLE,
            to_graph=pyoxigraph.NamedNode(QUERIES_GRAPH),
        )


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _input_checksums(assembly: Assembly) -> dict[str, str]:
    files = dict(assembly.inputs)
    for folder, label in ((ontology_dir(), "ontology"), (queries_dir(), "queries")):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in {".ttl", ".rq"}:
                    files.setdefault(f"{label}/{path.relative_to(folder).as_posix()}", path)
    return {name: _sha256_file(path) for name, path in sorted(files.items())}


def _write_outputs(
    tmp: Path, assembly: Assembly, say: Progress
) -> tuple[dict[str, int], dict[str, int]]:
    """Fill ``tmp`` with the store and the files; the store is closed on return."""
    store = pyoxigraph.Store(str(tmp / "store"))
    try:
        say("loading the Oxigraph store")
        _load(store, assembly)
        say("applying inference rules")
        inferred = apply_rules(store)
        for name, fmt in DATASET_FILES.items():
            say(f"writing {name}")
            write_bytes_atomic(tmp / name, serialize(store, fmt))
        say("writing void.ttl")
        write_bytes_atomic(tmp / "void.ttl", void_turtle(store))
        write_search_index(store, tmp / INDEX_FILE)
        counts = dict(sorted(graph_sizes(store)[1]))
        store.flush()
        store.optimize()
    finally:
        del store  # releases the RocksDB lock before the folder is renamed or removed
    return counts, inferred


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


def _write_build(
    target: Path, assembly: Assembly, built_at: dt.datetime, say: Progress
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
        counts, inferred = _write_outputs(tmp, assembly, say)
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
        outputs = {name: _sha256_file(tmp / name) for name in [*DATASET_FILES, "void.ttl"]}
        info = {
            "version": __version__,
            "built": built_at.isoformat().replace("+00:00", "Z"),
            "inputs": _input_checksums(assembly),
            "outputs": outputs,
            "articles": summary.articles,
            "entities": summary.entities,
            "assertions": summary.assertions,
            "triples": counts,
            "inferred": inferred,
        }
        text = json.dumps(info, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        write_bytes_atomic(tmp / "build-info.json", text.encode("utf-8"))
        digest = hashlib.sha256(json.dumps(outputs, sort_keys=True).encode("utf-8")).hexdigest()
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


def build_dataset(settings: Settings, *, progress: Progress | None = None) -> BuildSummary:
    """Build the dataset into ``settings.build``; raise a KGError and change nothing on failure."""
    say = progress or (lambda _line: None)
    started = time.monotonic()
    built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    say("assembling graphs")
    assembly = assemble_dataset(settings, progress=say)
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
    say("validating with the SHACL shapes")
    problems = shacl_violations(_union(assembly), ontology=assembly.graphs[ONTOLOGY_GRAPH])
    if problems:
        problems = _set_aside_candidates(assembly, problems, say)
    if problems:
        raise ValidationError(
            _report(
                f"{len(problems)} SHACL violation(s); fix these in corpus/:",
                [str(v) for v in problems],
            )
        )
    target = settings.build
    with _exclusive(target):
        _recover(target, say)
        summary = _write_build(target, assembly, built_at, say)
    summary.seconds = time.monotonic() - started
    return summary
