"""The RDF core every stage shares: IRIs and prefixes (terms), the one format registry
(formats), the one Turtle reader (turtle), the ``#+`` header of .rq files (query_files),
deterministic serialisation (serialize), query results for people (results) and the
embedded Oxigraph store (store). Imports nothing above it."""

from kg.rdf.formats import FORMATS, Format, by_media_type, by_name
from kg.rdf.store import open_store
from kg.rdf.terms import PREFIXES, curie, split_iri
from kg.rdf.turtle import read_turtle

__all__ = [
    "FORMATS",
    "PREFIXES",
    "Format",
    "by_media_type",
    "by_name",
    "curie",
    "open_store",
    "read_turtle",
    "split_iri",
]
