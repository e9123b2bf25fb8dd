"""Content negotiation: ``Accept`` with q-values, and the ``format=`` override."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.exceptions import NotAcceptable

from kg.errors import UsageError

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
TRIG = "application/trig"
N_QUADS = "application/n-quads"

#: What SELECT/ASK results can be sent as, default first; aliases map to a canonical type.
RESULT_TYPES = (RESULTS_JSON, RESULTS_XML, CSV, TSV)
RESULT_ALIASES = {"application/json": RESULTS_JSON}
#: What CONSTRUCT/DESCRIBE graphs (and Graph Store reads) can be sent as, default first.
GRAPH_TYPES = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML, TRIG, N_QUADS)
GRAPH_ALIASES = {"application/x-turtle": TURTLE, "text/n3": TURTLE, "application/json": JSON_LD}

#: ``format=`` short names: (results type, graph type); either may be None.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": (RESULTS_JSON, JSON_LD),
    "xml": (RESULTS_XML, RDF_XML),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "ntriples": (None, N_TRIPLES),
    "nt": (None, N_TRIPLES),
    "jsonld": (None, JSON_LD),
    "json-ld": (None, JSON_LD),
    "rdfxml": (None, RDF_XML),
    "rdf": (None, RDF_XML),
    "trig": (None, TRIG),
    "nquads": (None, N_QUADS),
    "nq": (None, N_QUADS),
}


@dataclass(frozen=True)
class _Range:
    media: str
    q: float
    order: int

    def matches(self, offer: str) -> int:
        """Specificity of the match (2 exact, 1 ``type/*``, 0 ``*/*``), -1 for none."""
        if self.media == offer:
            return 2
        if self.media == "*/*":
            return 0
        kind, _, sub = self.media.partition("/")
        if sub == "*" and offer.partition("/")[0] == kind:
            return 1
        return -1


def _parse_accept(header: str) -> list[_Range]:
    ranges: list[_Range] = []
    for order, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(_Range(media.lower(), q, order))
    return ranges


def choose(accept: str | None, offers: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    """The best of ``offers`` (default first) for an ``Accept`` header; None when none fits."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    candidates = [(offer, offer) for offer in offers]
    candidates += list(aliases.items())
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for rank, (offer, canonical) in enumerate(candidates):
        matching = [(r.matches(offer), r) for r in ranges if r.matches(offer) >= 0]
        if not matching:
            continue
        specificity, winner = max(matching, key=lambda pair: (pair[0], -pair[1].order))
        if winner.q <= 0:
            continue
        key = (winner.q, specificity, -winner.order, -rank)
        if best is None or key > best:
            best, chosen = key, canonical
    return chosen


def negotiate(accept: str | None, format_param: str | None) -> tuple[str | None, str | None]:
    """(type for SELECT/ASK results, type for graphs); None where nothing acceptable exists."""
    if format_param:
        name = format_param.strip().lower()
        if name in FORMAT_NAMES:
            return FORMAT_NAMES[name]
        media = RESULT_ALIASES.get(name, name)
        graph = GRAPH_ALIASES.get(name, name)
        if media in RESULT_TYPES or graph in GRAPH_TYPES:
            return (
                media if media in RESULT_TYPES else None,
                graph if graph in GRAPH_TYPES else None,
            )
        known = ", ".join(sorted(FORMAT_NAMES))
        raise UsageError(f"unknown format={format_param!r}; use one of {known} or a media type")
    return (
        choose(accept, RESULT_TYPES, RESULT_ALIASES),
        choose(accept, GRAPH_TYPES, GRAPH_ALIASES),
    )


def graph_type(accept: str | None, format_param: str | None, refusal: str) -> str:
    """The type to send an RDF graph as: ``format=`` if given, else the ``Accept`` header.

    Nothing acceptable is a 406 whose message is ``refusal`` followed by the graph types.
    """
    if format_param:
        media = negotiate(None, format_param)[1]
        if media is None:
            raise UsageError(f"format={format_param} cannot express an RDF graph")
    else:
        media = choose(accept, GRAPH_TYPES, GRAPH_ALIASES)
    if media is None:
        raise NotAcceptable(refusal + ", ".join(GRAPH_TYPES))
    return media


def with_charset(media: str) -> str:
    """The Content-Type header value for a media type (text types say UTF-8)."""
    return f"{media}; charset=utf-8" if media.startswith("text/") else media
