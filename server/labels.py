"""Labels and colours for the workbench pages: IRIs shown as their ``rdfs:label``, classes
counted for the landing page, one colour per kind of fact (article reader, network view)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.rdf.terms import CMKG, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, QUERIES_GRAPH

LABEL_BATCH = 200
#: One colour per kind of fact or node; other kinds get :data:`OTHER`.
COLOURS = {
    "Proposal": "#f9c74f",
    "Sanction": "#f28482",
    "Tariff": "#f4a261",
    "ExportControl": "#e76f51",
    "SupportMeasure": "#90be6d",
    "Measure": "#f28482",
    "Claim": "#8ecae6",
    "Meeting": "#cdb4db",
    "Agreement": "#b5838d",
    "Role": "#d8e2dc",
    "Dependency": "#a3c4bc",
    "Actor": "#6d9dc5",
    "Conflict": "#d62828",
}
OTHER = "#cccccc"


def colour(kind: str) -> str:
    return COLOURS.get(kind, OTHER)


def _solutions(store: ox.Store, text: str) -> ox.QuerySolutions:
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return result


def labels_for(store: ox.Store, iris: Iterable[str]) -> dict[str, str]:
    """``rdfs:label`` (else ``dcterms:title``) of each IRI that has one, in batches."""
    wanted = sorted(set(iris))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), LABEL_BATCH):
        batch = [ox.NamedNode(iri) for iri in wanted[start : start + LABEL_BATCH]]
        values = " ".join(str(node) for node in batch)
        rows = _solutions(
            store,
            f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?s {{ {values} }} "
            f"?s <{PREFIXES['rdfs']}label>|<{PREFIXES['dcterms']}title> ?l }} GROUP BY ?s",
        )
        for row in rows:
            subject, label = row["s"], row["label"]
            if isinstance(subject, ox.NamedNode) and isinstance(label, ox.Literal):
                found[subject.value] = label.value
    return found


@dataclass(frozen=True)
class ClassCount:
    name: str
    iri: str
    count: int


def counts_by_class(store: ox.Store) -> list[ClassCount]:
    """Instances per cmkg class as stated in the data (not counting inferred types)."""
    skipped = " ".join(f"<{g}>" for g in (INFERRED_GRAPH, ONTOLOGY_GRAPH, QUERIES_GRAPH))
    rows = _solutions(
        store,
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} "
        f'FILTER(STRSTARTS(STR(?c), "{CMKG}") && ?g NOT IN ({skipped.replace(" ", ", ")})) }} '
        "GROUP BY ?c ORDER BY DESC(?n) ?c",
    )
    out = []
    for row in rows:
        cls, count = row["c"], row["n"]
        if isinstance(cls, ox.NamedNode) and isinstance(count, ox.Literal):
            out.append(ClassCount(cls.value[len(CMKG) :], cls.value, int(count.value)))
    return out


@dataclass(frozen=True)
class ArticleRow:
    id: str
    iri: str
    title: str
    date: str


def latest_articles(store: ox.Store, limit: int = 10) -> list[ArticleRow]:
    """The most recently published articles in the store."""
    rows = _solutions(
        store,
        f"SELECT ?a ?title ?date WHERE {{ ?a a <{CMKG}Article> ; "
        f"<{PREFIXES['dcterms']}title> ?title . "
        f"OPTIONAL {{ ?a <{PREFIXES['dcterms']}date> ?date }} }} "
        f"ORDER BY DESC(?date) ?a LIMIT {int(limit)}",
    )
    out = []
    for row in rows:
        iri, title, date = row["a"], row["title"], row["date"]
        if isinstance(iri, ox.NamedNode) and isinstance(title, ox.Literal):
            shown = date.value if isinstance(date, ox.Literal) else ""
            out.append(ArticleRow(iri.value.rsplit("/", 1)[-1], iri.value, title.value, shown))
    return out
