"""Pictures of canned-query answers (``/queries/<name>?view=…``): a Cytoscape.js network of
the conflicts, a Vega-Lite bar chart of market concentration and a Vega-Lite timeline.

Each view draws the rows or triples its canned query returned; the network adds, from the
store, who made each proposal, to whom, and who imposed each measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.rdf.results import Table
from kg.rdf.terms import CMKG, PREFIXES
from server.labels import colour, labels_for
from server.links import href_for

RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"


@dataclass(frozen=True)
class View:
    name: str  # the value of ?view=
    title: str
    query: str  # the canned query it draws


VIEWS = (
    View("network", "Network of proposals, measures and their conflicts", "conflicts-graph"),
    View("chart", "Bar chart of claimed market shares", "market-concentration"),
    View("timeline", "Timeline of events and measures", "timeline"),
)


def views_of(query: str) -> list[View]:
    return [view for view in VIEWS if view.query == query]


def find_view(query: str, name: str) -> View | None:
    return next((v for v in views_of(query) if v.name == name), None)


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else ""


def _objects(triples: list[ox.Triple], subject: str, predicate: str) -> list[str]:
    return sorted(
        _value(t.object)
        for t in triples
        if _value(t.subject) == subject
        and t.predicate.value == predicate
        and isinstance(t.object, ox.NamedNode | ox.Literal)
    )


def _kinds(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """The most specific cmkg class of each IRI (actors as Actor's subclasses, etc.)."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    result = store.query(
        f"SELECT ?s ?c WHERE {{ VALUES ?s {{ {values} }} ?s a ?c . "
        f'FILTER(STRSTARTS(STR(?c), "{CMKG}")) '
        f"FILTER NOT EXISTS {{ ?s a ?d . ?d <{PREFIXES['rdfs']}subClassOf> ?c . "
        "FILTER(?d != ?c) } } ORDER BY ?s ?c",
        use_default_graph_as_union=True,
    )
    assert isinstance(result, ox.QuerySolutions)
    found: dict[str, str] = {}
    for row in result:
        subject, cls = row["s"], row["c"]
        if isinstance(subject, ox.NamedNode) and isinstance(cls, ox.NamedNode):
            found.setdefault(subject.value, cls.value[len(CMKG) :])
    return found


def _links(store: ox.Store, sides: set[str], predicates: tuple[str, ...]) -> list[tuple[str, ...]]:
    """(side, predicate local name, actor) for the given predicates of the given sides."""
    if not sides:
        return []
    values = " ".join(f"<{iri}>" for iri in sorted(sides))
    preds = " ".join(f"cmkg:{p}" for p in predicates)
    result = store.query(
        f"PREFIX cmkg: <{CMKG}> SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} "
        f"VALUES ?p {{ {preds} }} ?s ?p ?o . FILTER(isIRI(?o)) }} ORDER BY ?s ?p ?o",
        use_default_graph_as_union=True,
    )
    assert isinstance(result, ox.QuerySolutions)
    return [(_value(row["s"]), _value(row["p"])[len(CMKG) :], _value(row["o"])) for row in result]


def network(store: ox.Store, triples: list[ox.Triple]) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements: proposals, measures and actors as nodes; one edge per conflict
    (proposal → measure), and proposes / proposed to / imposes edges to the actors."""
    conflicts = sorted(
        _value(t.subject)
        for t in triples
        if t.predicate.value == RDF_TYPE and _value(t.object) == CMKG + "Conflict"
    )
    edges: list[dict[str, Any]] = []
    proposals: set[str] = set()
    measures: set[str] = set()
    for conflict in conflicts:
        for proposal in _objects(triples, conflict, CMKG + "proposal"):
            for measure in _objects(triples, conflict, CMKG + "measure"):
                proposals.add(proposal)
                measures.add(measure)
                bases = [b.rsplit("#", 1)[-1] for b in _objects(triples, conflict, CMKG + "basis")]
                reasons = _objects(triples, conflict, CMKG + "reason")
                edges.append(
                    {
                        "id": conflict,
                        "source": proposal,
                        "target": measure,
                        "kind": "conflict",
                        "label": "conflicts",
                        "title": "; ".join(bases) + (": " if reasons else "") + " ".join(reasons),
                        "href": href_for(conflict),
                    }
                )
    actors: set[str] = set()
    relations = _links(store, proposals, ("proposedBy", "proposedTo"))
    relations += _links(store, measures, ("imposedBy",))
    wording = {"proposedBy": "proposes", "proposedTo": "proposed to", "imposedBy": "imposes"}
    for side, predicate, actor in relations:
        actors.add(actor)
        source, target = (side, actor) if predicate == "proposedTo" else (actor, side)
        edges.append(
            {
                "id": f"{source} {predicate} {target}",
                "source": source,
                "target": target,
                "kind": predicate,
                "label": wording[predicate],
                "title": "",
                "href": "",
            }
        )
    everything = proposals | measures | actors
    labels = labels_for(store, everything)
    kinds = _kinds(store, everything)
    nodes = []
    for iri in sorted(everything):
        kind = kinds.get(iri, "")
        group = "Actor" if iri in actors else kind
        nodes.append(
            {
                "id": iri,
                "label": labels.get(iri, iri.rsplit("/", 1)[-1]),
                "kind": kind,
                "group": "Proposal"
                if iri in proposals
                else "Measure"
                if iri in measures
                else "Actor",
                "colour": colour(group if iri in actors else kind),
                "href": href_for(iri),
            }
        )
    return {"nodes": nodes, "edges": edges}


def _records(table: Table) -> list[dict[str, str]]:
    return [
        {column: cell.text for column, cell in zip(table.columns, row, strict=True)}
        for row in table.rows
    ]


def chart_spec(table: Table) -> dict[str, Any]:
    """A Vega-Lite bar chart: one bar per claimed share (country · resource), coloured by
    the kind of share."""
    rows = []
    for record, row in zip(_records(table), table.rows, strict=True):
        cells = dict(zip(table.columns, row, strict=True))
        rows.append(
            {
                **record,
                "quantity": float(record.get("quantity") or 0),
                "bar": f"{record.get('countryLabel', '')} · {record.get('resourceLabel', '')}",
                "href": href_for(cells["claim"].iri or "") if "claim" in cells else "",
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": "Claimed production and processing shares by country",
        "width": "container",
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True, "cursor": "pointer"},
        "encoding": {
            "y": {"field": "bar", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "quantity", "type": "quantitative", "title": "claimed share (%)"},
            "color": {"field": "claimKind", "type": "nominal", "title": "share of"},
            "href": {"field": "href"},
            "tooltip": [
                {"field": "countryLabel", "title": "country"},
                {"field": "resourceLabel", "title": "resource"},
                {"field": "claimKind", "title": "kind"},
                {"field": "quantity", "title": "quantity"},
                {"field": "unit", "title": "unit"},
                {"field": "claimant", "title": "source"},
            ],
        },
    }


def timeline_spec(table: Table) -> dict[str, Any]:
    """A Vega-Lite timeline: one point per event or measure at its date, a row per kind."""
    rows = []
    for record, row in zip(_records(table), table.rows, strict=True):
        cells = dict(zip(table.columns, row, strict=True))
        rows.append(
            {**record, "href": href_for(cells["item"].iri or "") if "item" in cells else ""}
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": "Events and measures in date order",
        "width": "container",
        "height": {"step": 44},
        "data": {"values": rows},
        "mark": {
            "type": "point",
            "filled": True,
            "size": 160,
            "tooltip": True,
            "cursor": "pointer",
        },
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "date"},
            "y": {"field": "kind", "type": "nominal", "title": None},
            "color": {"field": "kind", "type": "nominal", "legend": None},
            "shape": {"field": "dateSource", "type": "nominal", "title": "date from"},
            "href": {"field": "href"},
            "tooltip": [
                {"field": "itemLabel", "title": "what"},
                {"field": "date", "type": "temporal", "title": "date"},
                {"field": "dateSource", "title": "date from"},
                {"field": "reviewStatus", "title": "status"},
            ],
        },
    }
