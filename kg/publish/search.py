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
from collections.abc import Iterator
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

_DOCUMENTS = f"""
PREFIX rdfs: <{PREFIXES["rdfs"]}>
PREFIX skos: <{PREFIXES["skos"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
PREFIX oa: <{PREFIXES["oa"]}>
PREFIX cmkg: <{CMKG}>
SELECT ?s (SAMPLE(?name) AS ?label)
       (GROUP_CONCAT(DISTINCT ?alias; separator=" · ") AS ?aliases)
       (GROUP_CONCAT(DISTINCT ?quote; separator=" … ") AS ?quotes)
WHERE {{
  ?s rdfs:label|dcterms:title ?name .
  FILTER(isIRI(?s) && (STRSTARTS(STR(?s), "{ID}") || STRSTARTS(STR(?s), "{ARTICLE}")))
  FILTER(!STRSTARTS(STR(?s), "{ID}evidence/") && !STRSTARTS(STR(?s), "{ID}query/"))
  OPTIONAL {{ ?s skos:altLabel ?alias }}
  OPTIONAL {{ ?s cmkg:evidence/oa:hasSelector/oa:exact ?quote }}
}}
GROUP BY ?s
ORDER BY ?s
"""

#: The cmkg classes of each subject, the most specific first: a class none of the subject's
#: other types specialises, then the one with the most superclasses (``Proposal`` before a
#: marker class such as ``KnownEvent``), then by name.
_CLASSES = f"""
PREFIX rdfs: <{PREFIXES["rdfs"]}>
SELECT ?s ?c ?specific (COUNT(DISTINCT ?up) AS ?depth) WHERE {{
  ?s a ?c .
  FILTER(isIRI(?s) && STRSTARTS(STR(?c), "{CMKG}"))
  BIND(NOT EXISTS {{ ?s a ?d . ?d rdfs:subClassOf ?c . FILTER(?d != ?c) }} AS ?specific)
  OPTIONAL {{ ?c rdfs:subClassOf ?up . FILTER(?up != ?c) }}
}}
GROUP BY ?s ?c ?specific
ORDER BY ?s DESC(?specific) DESC(?depth) ?c
"""


@dataclass(frozen=True)
class Hit:
    """One search result: ``snippet`` holds :data:`OPEN`/:data:`CLOSE` around matches."""

    iri: str
    label: str
    kind: str
    snippet: str
    score: float


def _classes(store: pyoxigraph.Store) -> dict[str, list[str]]:
    """Every cmkg class of each subject, the most specific first."""
    found: dict[str, list[str]] = {}
    result = store.query(_CLASSES, use_default_graph_as_union=True)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    for row in result:
        subject, cls = row["s"], row["c"]
        assert isinstance(subject, pyoxigraph.NamedNode) and isinstance(cls, pyoxigraph.NamedNode)
        found.setdefault(subject.value, []).append(cls.value[len(CMKG) :])
    return found


def _documents(store: pyoxigraph.Store) -> Iterator[tuple[str, str, str, str, str, str]]:
    classes = _classes(store)
    result = store.query(_DOCUMENTS, use_default_graph_as_union=True)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    for row in result:
        subject = row["s"]
        assert isinstance(subject, pyoxigraph.NamedNode)

        def text(name: str, solution: pyoxigraph.QuerySolution = row) -> str:
            value = solution[name]
            return value.value if isinstance(value, pyoxigraph.Literal) else ""

        kinds = classes.get(subject.value, [])
        kind = kinds[0] if kinds else "Article" if subject.value.startswith(ARTICLE) else ""
        types = " ".join(kinds)
        yield subject.value, kind, types, text("label"), text("aliases"), text("quotes")


def write_search_index(store: pyoxigraph.Store, path: Path) -> int:
    """Write the index of ``store`` to ``path`` (replaced whole); returns the rows indexed."""
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
                _documents(store),
            )
            count: int = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    except sqlite3.Error as exc:
        raise EnvironmentProblem(f"cannot write the search index {path}: {exc}") from None
    return count


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
