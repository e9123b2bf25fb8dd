"""Which ``cmkg:`` terms the rest of the project uses: shapes, rules, canned queries, data.

``kg ontology diff`` calls a removed term breaking when something here uses it, and
``kg ontology report`` lists terms used but not declared, and declared but never used.
Rules and queries are scanned as text (prefixed names ``cmkg:X`` and full IRIs); the data
is the built Oxigraph store (``build/store``), asked with SPARQL for the distinct
predicates, classes and cmkg IRIs it holds outside the ontology graph, so the cost does
not grow with one in-memory graph of the dataset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import rdflib

from kg.errors import InputError
from kg.rdf.store import open_store
from kg.rdf.terms import CMKG, ONTOLOGY_GRAPH
from kg.rdf.turtle import read_turtle

_COMMENT = re.compile(r"(^|\s)#[^\n]*")
_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w-]*)?:\s*<" + re.escape(CMKG) + ">", re.I)
_FULL = re.compile("<" + re.escape(CMKG) + r"([A-Za-z_][\w-]*)>")

_DATA_TERMS = f"""
SELECT DISTINCT ?t WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?g != <{ONTOLOGY_GRAPH}>)
  VALUES ?pos {{ 1 2 }}
  BIND(IF(?pos = 1, ?p, ?o) AS ?t)
  FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{CMKG}"))
}}
"""


@dataclass
class Usage:
    """Where each cmkg IRI is used: ``{iri: {"shapes", "rules/x.rq", …}}``."""

    places: dict[str, set[str]] = field(default_factory=dict)
    data_checked: bool = False  # False: no build to look at

    def add(self, iri: str, where: str) -> None:
        self.places.setdefault(iri, set()).add(where)

    def where(self, iri: str) -> list[str]:
        return sorted(self.places.get(iri, ()))


def terms_in_sparql(text: str) -> set[str]:
    """The cmkg IRIs a SPARQL text names, as prefixed names or full IRIs (comments skipped)."""
    text = _COMMENT.sub(r"\1", text)
    found = {CMKG + local for local in _FULL.findall(text)}
    prefixes = {m.group(1) or "" for m in _PREFIX.finditer(text)} or {"cmkg"}
    for prefix in prefixes:
        pattern = r"(?<![\w:/#<-])" + re.escape(prefix) + r":([A-Za-z_](?:[\w.-]*[\w-])?)"
        found |= {CMKG + local for local in re.findall(pattern, text)}
    return found


def terms_in_graph(graph: rdflib.Graph) -> set[str]:
    return {
        str(n)
        for triple in graph
        for n in triple
        if isinstance(n, rdflib.URIRef) and str(n).startswith(CMKG)
    }


def terms_in_store(store: pyoxigraph.Store) -> set[str]:
    answers = store.query(_DATA_TERMS)
    assert isinstance(answers, pyoxigraph.QuerySolutions)
    return {solution["t"].value for solution in answers if solution["t"] is not None}


def collect_usage(
    shapes: Path | None, rules: Path | None, queries: Path | None, store: Path | None
) -> Usage:
    """Scan the shapes file, the rule and query folders and the built store (when present)."""
    usage = Usage()
    if shapes is not None and shapes.is_file():
        try:
            for iri in terms_in_graph(read_turtle(shapes, "SHACL shapes file")):
                usage.add(iri, "shapes")
        except InputError:
            pass  # `kg ontology check` reports a broken shapes file
    for folder, label in ((rules, "rules"), (queries, "queries")):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.rq")):
            for iri in terms_in_sparql(path.read_text(encoding="utf-8")):
                usage.add(iri, f"{label}/{path.name}")
    if store is not None and store.is_dir():
        handle = open_store(store, read_only=True)
        try:
            for iri in terms_in_store(handle):
                usage.add(iri, "data")
        finally:
            del handle
        usage.data_checked = True
    return usage
