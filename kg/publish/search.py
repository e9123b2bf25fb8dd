"""The full-text search index (``build/search.sqlite``): labels, aliases and evidence quotes.

``kg build`` writes it from the built store with SQLite's FTS5 (standard library, no
service): one row per entity, event, measure, claim or article, with its label (or title),
its ``skos:altLabel`` names, the evidence quotes it rests on and its most specific cmkg
class. :func:`search` ranks hits with BM25, a label match weighing most, then aliases, then
quotes, and returns a snippet of the best-matching field.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kg.errors import EnvironmentProblem, UsageError
from kg.rdf.terms import ARTICLE, CMKG, ID, PREFIXES

INDEX_FILE = "search.sqlite"
#: BM25 weights of the indexed columns: label, aliases, quotes.
WEIGHTS = (10.0, 4.0, 1.0)
#: Highlight markers put around matched words in snippets (never in the indexed text).
OPEN, CLOSE = "\x02", "\x03"
MAX_QUERY_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

Row = tuple[str, str, str, str, str, str]  # iri, kind, types, label, aliases, quotes
_LABELS = (PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title")
_ALIAS = PREFIXES["skos"] + "altLabel"
_EVIDENCE = CMKG + "evidence"
_SELECTOR = PREFIXES["oa"] + "hasSelector"
_EXACT = PREFIXES["oa"] + "exact"
_TYPE = PREFIXES["rdf"] + "type"
_SUBCLASS = PREFIXES["rdfs"] + "subClassOf"


@dataclass(frozen=True)
class Hit:
    """One search result: ``snippet`` holds :data:`OPEN`/:data:`CLOSE` around matches."""

    iri: str
    label: str
    kind: str
    snippet: str
    score: float


def indexed(iri: str) -> bool:
    """Whether a subject with a label or title gets a row: entities, events, articles."""
    return (iri.startswith(ID) or iri.startswith(ARTICLE)) and not (
        iri.startswith(ID + "evidence/") or iri.startswith(ID + "query/")
    )


def _values(store: pyoxigraph.Store, subject: pyoxigraph.NamedNode, predicate: str) -> list[str]:
    pattern = store.quads_for_pattern(subject, pyoxigraph.NamedNode(predicate), None)
    return [q.object.value for q in pattern if isinstance(q.object, pyoxigraph.Literal)]


def _objects(store: pyoxigraph.Store, subject: object, predicate: str) -> set[object]:
    if not isinstance(subject, pyoxigraph.NamedNode | pyoxigraph.BlankNode):
        return set()
    pattern = store.quads_for_pattern(subject, pyoxigraph.NamedNode(predicate), None)
    return {q.object for q in pattern}


class _Schema:
    """Direct and inferred ``rdfs:subClassOf`` edges of the store (the union of its graphs)."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.ups: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(_SUBCLASS), None):
            if isinstance(q.subject, pyoxigraph.NamedNode) and isinstance(
                q.object, pyoxigraph.NamedNode
            ):
                self.ups.setdefault(q.subject.value, set()).add(q.object.value)

    def order(self, classes: set[str]) -> list[str]:
        """The cmkg classes, the most specific first: one no other class of the subject
        specialises, then the one with the most superclasses, then by name."""

        def key(c: str) -> tuple[bool, int, str]:
            specific = not any(c in self.ups.get(d, ()) for d in classes if d != c)
            return (not specific, -len(self.ups.get(c, set()) - {c}), c)

        return sorted((c for c in classes if c.startswith(CMKG)), key=key)


def document(store: pyoxigraph.Store, iri: str, schema: _Schema | None = None) -> Row | None:
    """The row of one subject (None when it has no label or title, or is not indexed).

    The label is the smallest of its ``rdfs:label`` and ``dcterms:title`` values; aliases and
    evidence quotes are listed once each, in code-point order, so a row depends only on the
    data (the same in a full build and an incremental one)."""
    if not indexed(iri):
        return None
    subject = pyoxigraph.NamedNode(iri)
    names = sorted({v for p in _LABELS for v in _values(store, subject, p)})
    if not names:
        return None
    aliases = sorted(set(_values(store, subject, _ALIAS)))
    quotes: set[str] = set()
    for evidence in _objects(store, subject, _EVIDENCE):
        for selector in _objects(store, evidence, _SELECTOR):
            if isinstance(selector, pyoxigraph.NamedNode | pyoxigraph.BlankNode):
                quotes.update(_values(store, selector, _EXACT))  # type: ignore[arg-type]
    types = {
        q.object.value
        for q in store.quads_for_pattern(subject, pyoxigraph.NamedNode(_TYPE), None)
        if isinstance(q.object, pyoxigraph.NamedNode)
    }
    kinds = [c[len(CMKG) :] for c in (schema or _Schema(store)).order(types)]
    kind = kinds[0] if kinds else "Article" if iri.startswith(ARTICLE) else ""
    return iri, kind, " ".join(kinds), names[0], " · ".join(aliases), " … ".join(sorted(quotes))


def indexed_subjects(store: pyoxigraph.Store) -> set[str]:
    """Every subject that has a label or title and is indexed."""
    found: set[str] = set()
    for predicate in _LABELS:
        for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), None):
            if isinstance(q.subject, pyoxigraph.NamedNode) and indexed(q.subject.value):
                found.add(q.subject.value)
    return found


def documents(store: pyoxigraph.Store, subjects: Iterable[str] | None = None) -> dict[str, Row]:
    """The rows of ``subjects`` (default: every indexed subject) that have one, by IRI."""
    schema = _Schema(store)
    rows: dict[str, Row] = {}
    for iri in sorted(indexed_subjects(store) if subjects is None else set(subjects)):
        row = document(store, iri, schema)
        if row is not None:
            rows[iri] = row
    return rows


def write_rows(rows: Iterable[Row], path: Path) -> int:
    """Write the index from rows (in the order given) to ``path`` (replaced whole)."""
    path.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "CREATE VIRTUAL TABLE docs USING fts5("
                "label, aliases, quotes, iri UNINDEXED, kind UNINDEXED, types UNINDEXED, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            db.executemany(
                "INSERT INTO docs (iri, kind, types, label, aliases, quotes) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            count: int = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    except sqlite3.Error as exc:
        raise EnvironmentProblem(f"cannot write the search index {path}: {exc}") from None
    return count


def read_rows(path: Path) -> dict[str, Row]:
    """The rows of an index written by :func:`write_rows`, by IRI (empty if unreadable)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            found = db.execute(
                "SELECT iri, kind, types, label, aliases, quotes FROM docs ORDER BY rowid"
            ).fetchall()
    except sqlite3.Error:
        return {}
    return {row[0]: tuple(row) for row in found}


def write_search_index(store: pyoxigraph.Store, path: Path) -> int:
    """Write the index of ``store`` to ``path`` (replaced whole); returns the rows indexed."""
    return write_rows(documents(store).values(), path)


def match_expression(text: str) -> str:
    """The FTS5 query for what a user typed: every word must occur, the last one as a prefix.

    Words are quoted, so FTS5 operators typed by the user (``OR``, ``NEAR``, ``*``, ``"``)
    are searched for as words, never interpreted.
    """
    words = _WORD.findall(text)[:MAX_QUERY_TERMS]
    if not words:
        raise UsageError("type a word to search for, e.g. /search?q=putin")
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise EnvironmentProblem(f"there is no search index at {path}; run `kg build`")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def search(path: Path, text: str, limit: int = 20, offset: int = 0) -> tuple[list[Hit], int]:
    """The best ``limit`` hits for ``text`` after skipping ``offset``, and the total count."""
    expression = match_expression(text)
    weights = ", ".join(str(w) for w in WEIGHTS)
    snippet = f"snippet(docs, -1, '{OPEN}', '{CLOSE}', '…', 16)"
    try:
        with closing(_open(path)) as db:
            total: int = db.execute(
                "SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)
            ).fetchone()[0]
            rows = db.execute(
                f"SELECT iri, label, kind, {snippet}, bm25(docs, {weights}) AS score "
                "FROM docs WHERE docs MATCH ? ORDER BY score, length(label), iri "
                "LIMIT ? OFFSET ?",
                (expression, limit, offset),
            ).fetchall()
    except sqlite3.Error as exc:
        raise EnvironmentProblem(f"the search index {path} cannot be read: {exc}") from None
    return [Hit(iri, label, kind, snip, -score) for iri, label, kind, snip, score in rows], total


def complete(path: Path, text: str, kind: str | None = None, limit: int = 15) -> list[Hit]:
    """Subjects whose label or aliases contain words starting like ``text`` (form pickers);
    with ``kind``, only instances of that cmkg class (``Actor``, ``Resource``…)."""
    words = _WORD.findall(text)[:MAX_QUERY_TERMS]
    if not words:
        return []
    expression = "{label aliases}: " + " ".join(f'"{word}"*' for word in words)
    weights = ", ".join(str(w) for w in WEIGHTS)
    clause, params = "", [expression]
    if kind:
        clause = "AND (' ' || types || ' ') LIKE ?"
        params.append(f"% {kind} %")
    try:
        with closing(_open(path)) as db:
            rows = db.execute(
                f"SELECT iri, label, kind, bm25(docs, {weights}) AS score FROM docs "
                f"WHERE docs MATCH ? {clause} ORDER BY score, length(label), iri LIMIT ?",
                (*params, limit),
            ).fetchall()
    except sqlite3.Error as exc:
        raise EnvironmentProblem(f"the search index {path} cannot be read: {exc}") from None
    return [Hit(iri, label, kind, label, -score) for iri, label, kind, score in rows]
