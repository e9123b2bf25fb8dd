"""The one format registry: every format the CLI and the server read or write.

Each format is registered once, with its short name (for ``--format``, ``?format=`` and file
extensions), the media types clients send for it (canonical first, then aliases), and the
pyoxigraph format that reads and writes it. Everything else (the CLI's ``--format`` choices,
content negotiation on every endpoint, the Service Description, VoID dumps, OpenAPI) looks
formats up here, the way rdflib's plugin registry names each parser once.

Adding a format: append a :class:`Format` to :data:`FORMATS` and offer it where it fits
(the ``*_OFFERS`` tuples below say, default first, what each kind of answer can be sent as).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pyoxigraph

from kg.errors import UsageError

#: ``rdf``: an RDF syntax (graphs, and datasets when it supports them); ``results``: SPARQL
#: SELECT/ASK results; ``page``: HTML for browsers; ``text``: an aligned text table;
#: ``data``: plain JSON (API listings).
Kind = Literal["rdf", "results", "page", "text", "data"]
W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    kind: Kind
    media_types: tuple[str, ...]
    names: tuple[str, ...] = ()
    rdf: pyoxigraph.RdfFormat | None = None
    results: pyoxigraph.QueryResultsFormat | None = None
    #: the format's IRI under http://www.w3.org/ns/formats/ (for the Service Description)
    w3c: str | None = None

    @property
    def media_type(self) -> str:
        """The canonical media type (no parameters)."""
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The Content-Type of an answer: text types say UTF-8."""
        media = self.media_type
        return f"{media}; charset=utf-8" if media.startswith("text/") else media

    @property
    def dump_content_type(self) -> str:
        """The Content-Type of our exports and pages: always UTF-8."""
        return f"{self.media_type}; charset=utf-8"

    @property
    def extension(self) -> str:
        if self.rdf is not None:
            return self.rdf.file_extension
        return self.name

    @property
    def supports_datasets(self) -> bool:
        """True for syntaxes that keep named graphs (TriG, N-Quads, JSON-LD)."""
        return self.rdf is not None and self.rdf.supports_datasets

    @property
    def keeps_graphs(self) -> bool:
        """True where an export keeps the named graphs (TriG, N-Quads); the others are
        written as the union of the graphs."""
        return self.name in ("trig", "nq")

    def accepts_name(self, name: str) -> bool:
        return name == self.name or name in self.names or name in self.media_types


def _rdf(
    fmt: pyoxigraph.RdfFormat, name: str, *aliases: str, names: Sequence[str] = (), w3c: str
) -> Format:
    return Format(
        name,
        fmt.name,
        "rdf",
        (fmt.media_type, *aliases),
        tuple(names),
        rdf=fmt,
        w3c=W3C_FORMATS + w3c,
    )


def _results(fmt: pyoxigraph.QueryResultsFormat, name: str, *aliases: str, w3c: str) -> Format:
    media = fmt.media_type.split(";")[0]
    return Format(name, fmt.name, "results", (media, *aliases), results=fmt, w3c=W3C_FORMATS + w3c)


TURTLE = _rdf(
    pyoxigraph.RdfFormat.TURTLE,
    "ttl",
    "application/x-turtle",
    "text/n3",
    names=("turtle", "n3", "text/n3"),
    w3c="Turtle",
)
N_TRIPLES = _rdf(
    pyoxigraph.RdfFormat.N_TRIPLES,
    "nt",
    "text/plain",
    names=("ntriples", "n-triples"),
    w3c="N-Triples",
)
JSON_LD = _rdf(
    pyoxigraph.RdfFormat.JSON_LD,
    "jsonld",
    "application/json",
    names=("json-ld", "json"),
    w3c="JSON-LD",
)
RDF_XML = _rdf(
    pyoxigraph.RdfFormat.RDF_XML,
    "rdfxml",
    "application/xml",
    "text/xml",
    names=("rdf", "xml", "rdf+xml", "rdf/xml"),
    w3c="RDF_XML",
)
TRIG = _rdf(pyoxigraph.RdfFormat.TRIG, "trig", "application/x-trig", w3c="TriG")
N_QUADS = _rdf(
    pyoxigraph.RdfFormat.N_QUADS, "nq", "text/x-nquads", names=("nquads", "n-quads"), w3c="N-Quads"
)
RESULTS_JSON = _results(
    pyoxigraph.QueryResultsFormat.JSON, "json", "application/json", w3c="SPARQL_Results_JSON"
)
RESULTS_XML = _results(
    pyoxigraph.QueryResultsFormat.XML,
    "xml",
    "application/xml",
    "text/xml",
    w3c="SPARQL_Results_XML",
)
CSV = _results(pyoxigraph.QueryResultsFormat.CSV, "csv", w3c="SPARQL_Results_CSV")
TSV = _results(pyoxigraph.QueryResultsFormat.TSV, "tsv", w3c="SPARQL_Results_TSV")
HTML = Format("html", "HTML", "page", ("text/html", "application/xhtml+xml"))
TABLE = Format("table", "text table", "text", ("text/plain",))
JSON = Format("json", "JSON", "data", ("application/json",))

#: Every registered format, in the server's order of preference (the negotiator's last
#: tie-break, so that every endpoint breaks a tie the same way).
FORMATS: tuple[Format, ...] = (
    RESULTS_JSON,
    RESULTS_XML,
    CSV,
    TSV,
    TURTLE,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    TRIG,
    N_QUADS,
    HTML,
    TABLE,
    JSON,
)

#: What each kind of answer can be sent as, default first.
RESULT_OFFERS = (RESULTS_JSON, RESULTS_XML, CSV, TSV)
GRAPH_OFFERS = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML, TRIG, N_QUADS)
#: What ``kg export`` and ``/export/cmkg.<ext>`` write.
EXPORT_OFFERS = (TURTLE, N_TRIPLES, TRIG, N_QUADS, JSON_LD)
#: What canned queries and ``kg sparql``/``kg query`` answer with (besides HTML / text).
QUERY_RESULT_OFFERS = (RESULTS_JSON, CSV, TSV, RESULTS_XML)
QUERY_GRAPH_OFFERS = (TURTLE, N_TRIPLES, JSON_LD)
#: Linked-data pages (``/id/…``, ``/ontology``), default first.
PAGE_OFFERS = (HTML, TURTLE, JSON_LD, N_TRIPLES)


def by_name(name: str, offers: Iterable[Format] = FORMATS) -> Format | None:
    """The first of ``offers`` called ``name`` (short name, alias or media type)."""
    wanted = name.strip().lower()
    return next((fmt for fmt in offers if fmt.accepts_name(wanted)), None)


def by_media_type(media: str, offers: Iterable[Format] = FORMATS) -> Format | None:
    """The one of ``offers`` whose own type is ``media`` (parameters ignored), else the first
    that answers to it as an alias."""
    wanted = media.split(";")[0].strip().lower()
    candidates = list(offers)
    own = next((fmt for fmt in candidates if fmt.media_type == wanted), None)
    return own or next((fmt for fmt in candidates if wanted in fmt.media_types), None)


def by_extension(extension: str, offers: Iterable[Format] = EXPORT_OFFERS) -> Format | None:
    """The first of ``offers`` whose file extension is ``extension`` (``ttl``, ``jsonld``…)."""
    return next((fmt for fmt in offers if fmt.extension == extension), None)


def require(name: str, offers: Sequence[Format], what: str) -> Format:
    """``by_name`` or a UsageError listing what ``what`` can be."""
    found = by_name(name, offers)
    if found is None:
        raise UsageError(f"unknown format {name!r} for {what}; use one of: {names(offers)}")
    return found


def names(offers: Iterable[Format]) -> str:
    return ", ".join(fmt.name for fmt in offers)
