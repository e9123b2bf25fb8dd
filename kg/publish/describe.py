"""Describe one resource: what ``GET /id/<slug>`` returns, as RDF and as a page model.

The RDF description of a resource R (a Concise Bounded Description widened so that facts and
their evidence travel together) is the union over all graphs of:

1. every triple with subject R;
2. the triples of the nodes R owns, followed recursively: blank nodes, ``cmkg:evidence``
   nodes and their ``oa:hasSelector`` selectors (IRIs here, see docs/data-model.md), so the
   quotes come with the fact;
3. every triple with object R (incoming links, e.g. ``?proposal cmkg:proposedBy R``), so
   an entity's description names its proposals, together with those subjects' types;
4. the labels (``rdfs:label``, ``skos:prefLabel``, ``dcterms:title``) of every other IRI in
   1-3, and the ``dcterms:date`` of the articles the evidence quotes.

An event is one node however many articles report it (docs/data-model.md "Events"), so its
quotes are every report's quotes, each with its article; :meth:`Description.reports` lists
those articles.

Everything is read through pyoxigraph's pattern index; nothing goes through rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.errors import NotFoundError
from kg.rdf.terms import CMKG, ID, PREFIXES, curie

RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"
ALT_LABEL = PREFIXES["skos"] + "altLabel"
LABELS = (LABEL, PREFIXES["skos"] + "prefLabel", PREFIXES["dcterms"] + "title")
DATE = PREFIXES["dcterms"] + "date"
EVIDENCE = CMKG + "evidence"
OA = PREFIXES["oa"]
OWNED = (EVIDENCE, OA + "hasSelector")
SOURCE = OA + "hasSource"
MAX_INCOMING = 2_000

Term = NamedNode | BlankNode | Literal
Triple3 = tuple[NamedNode | BlankNode, NamedNode, Term]


@dataclass
class Quote:
    """One piece of evidence: the quoted text and where it comes from."""

    evidence: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: str = ""
    end: str = ""
    article: str = ""
    article_title: str = ""
    article_date: str = ""
    supports: str = ""  # the IRI of the fact this quote is evidence for
    supports_label: str = ""


@dataclass
class Description:
    iri: str
    triples: list[Triple3] = field(default_factory=list)
    outgoing: list[Triple3] = field(default_factory=list)
    incoming: list[Triple3] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)

    def label(self, iri: str) -> str:
        """A human label for ``iri``: its label, else a prefixed name, else the IRI."""
        return self.labels.get(iri) or curie(iri, brackets=False)

    def quads(self) -> list[Quad]:
        return [Quad(s, p, o, DefaultGraph()) for s, p, o in self.triples]

    def reports(self) -> list[str]:
        """The articles whose evidence backs the resource itself, oldest first: for an event,
        every article that reports it (one event node gathers the evidence of all of them)."""
        found: dict[str, None] = {}
        for quote in self.quotes:
            if quote.supports == self.iri and quote.article:
                found.setdefault(quote.article, None)
        return list(found)


def resource_iri(slug: str) -> str:
    return ID + slug


def describe(store: pyoxigraph.Store, iri: str) -> Description:
    """The description of ``iri`` (see the module docstring); unknown → NotFoundError."""
    node = NamedNode(iri)
    description = Description(iri)
    description.outgoing = _distinct(_triples(store, node, None, None))
    description.incoming = _distinct(_triples(store, None, None, node))[:MAX_INCOMING]
    if not description.outgoing and not description.incoming:
        raise NotFoundError(f"no resource <{iri}> in the dataset")
    owned = _owned(store, description.outgoing)
    incoming_types = [
        t
        for s in sorted({s.value for s, _, _ in description.incoming if isinstance(s, NamedNode)})
        for t in _triples(store, NamedNode(s), NamedNode(RDF_TYPE), None)
    ]
    core = description.outgoing + owned + description.incoming + incoming_types
    description.labels = _labels(store, core)
    label_triples = [
        t for iri_ in sorted(description.labels) for t in _label_triples(store, NamedNode(iri_))
    ]
    description.quotes = _quotes(store, description)
    sources = {o.value for _, p, o in owned if p.value == SOURCE and isinstance(o, NamedNode)}
    dates = [
        t
        for article in sorted(sources)
        for t in _triples(store, NamedNode(article), NamedNode(DATE), None)
    ]
    description.triples = _distinct(core + label_triples + dates)
    return description


def _triples(
    store: pyoxigraph.Store,
    subject: NamedNode | BlankNode | None,
    predicate: NamedNode | None,
    obj: Term | None,
) -> list[Triple3]:
    return [
        (q.subject, q.predicate, q.object)  # type: ignore[misc]
        for q in store.quads_for_pattern(subject, predicate, obj, None)
    ]


def _distinct(triples: list[Triple3]) -> list[Triple3]:
    unique = {(str(s), str(p), str(o)): (s, p, o) for s, p, o in triples}
    return [unique[key] for key in sorted(unique)]


def _owned(store: pyoxigraph.Store, outgoing: list[Triple3]) -> list[Triple3]:
    """Triples of blank nodes and evidence/selector nodes reachable from ``outgoing``."""
    found: list[Triple3] = []
    seen: set[str] = set()
    frontier = [o for _, p, o in outgoing if _owns(p, o)]
    while frontier:
        node = frontier.pop()
        if str(node) in seen or not isinstance(node, NamedNode | BlankNode):
            continue
        seen.add(str(node))
        for triple in _triples(store, node, None, None):
            found.append(triple)
            if _owns(triple[1], triple[2]):
                frontier.append(triple[2])
    return found


def _owns(predicate: NamedNode, obj: Term) -> bool:
    return isinstance(obj, BlankNode) or (predicate.value in OWNED and isinstance(obj, NamedNode))


def _label_triples(store: pyoxigraph.Store, node: NamedNode) -> list[Triple3]:
    return [t for p in LABELS for t in _triples(store, node, NamedNode(p), None)]


def _best_label(triples: list[Triple3]) -> str | None:
    """English first, then no language, then any; by property order, then text."""

    def rank(triple: Triple3) -> tuple[int, int, str]:
        literal = triple[2]
        assert isinstance(literal, Literal)
        lang = literal.language or ""
        language_rank = 0 if lang.startswith("en") else 1 if not lang else 2
        return (LABELS.index(triple[1].value), language_rank, literal.value)

    literals = [t for t in triples if isinstance(t[2], Literal)]
    return min(literals, key=rank)[2].value if literals else None


def _labels(store: pyoxigraph.Store, triples: list[Triple3]) -> dict[str, str]:
    """A label for every IRI mentioned in ``triples`` that has one."""
    iris = {
        term.value
        for triple in triples
        for term in triple
        if isinstance(term, NamedNode) and term.value != RDF_TYPE
    }
    labels = {}
    for iri in sorted(iris):
        best = _best_label(_label_triples(store, NamedNode(iri)))
        if best is not None:
            labels[iri] = best
    return labels


def _values(store: pyoxigraph.Store, node: NamedNode | BlankNode, predicate: str) -> list[Term]:
    return sorted((o for _, _, o in _triples(store, node, NamedNode(predicate), None)), key=str)


def _text(store: pyoxigraph.Store, node: NamedNode | BlankNode, predicate: str) -> str:
    values = _values(store, node, predicate)
    return values[0].value if values and isinstance(values[0], Literal) else ""


def _quotes(store: pyoxigraph.Store, description: Description) -> list[Quote]:
    """Quotes backing the resource itself and the facts that link to it."""
    linking = {s.value for s, _, _ in description.incoming if isinstance(s, NamedNode)}
    facts = [description.iri, *sorted(linking)]
    quotes = []
    for fact in facts:
        node = NamedNode(fact)
        for evidence in _values(store, node, EVIDENCE):
            quote = _quote(store, evidence) if isinstance(evidence, NamedNode) else None
            if quote is None:
                continue
            quote.supports = fact
            quote.supports_label = _best_label(_label_triples(store, node)) or curie(
                fact, brackets=False
            )
            quotes.append(quote)
    return sorted(quotes, key=lambda q: (q.article_date, q.article, _int(q.start), q.supports))


def _quote(store: pyoxigraph.Store, evidence: NamedNode) -> Quote | None:
    quote = Quote(evidence=evidence.value, exact="")
    for selector in _values(store, evidence, OA + "hasSelector"):
        if not isinstance(selector, NamedNode | BlankNode):
            continue
        quote.exact = quote.exact or _text(store, selector, OA + "exact")
        quote.prefix = quote.prefix or _text(store, selector, OA + "prefix")
        quote.suffix = quote.suffix or _text(store, selector, OA + "suffix")
        quote.start = quote.start or _text(store, selector, OA + "start")
        quote.end = quote.end or _text(store, selector, OA + "end")
    if not quote.exact:
        return None
    sources = [s for s in _values(store, evidence, OA + "hasSource") if isinstance(s, NamedNode)]
    if sources:
        article = sources[0]
        quote.article = article.value
        quote.article_title = _best_label(_label_triples(store, article)) or article.value
        quote.article_date = _text(store, article, DATE)
    return quote


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def alt_labels(description: Description) -> list[str]:
    return sorted(
        {
            o.value
            for s, p, o in description.outgoing
            if p.value == ALT_LABEL and isinstance(o, Literal)
        }
    )
