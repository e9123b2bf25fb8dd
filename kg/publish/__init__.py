"""Stage 5, publishing what a build holds: exports (export), the VoID/DCAT description
(void), one resource described for /id pages (describe) and the canned queries (canned)."""

from kg.publish.canned import CannedQuery, get_query, load_queries
from kg.publish.describe import describe
from kg.publish.export import export_bytes
from kg.publish.void import void_turtle

__all__ = ["CannedQuery", "describe", "export_bytes", "get_query", "load_queries", "void_turtle"]
