"""Canned queries: the .rq files in queries/ with their grlc-style ``#+`` headers."""

from __future__ import annotations


def query_descriptions_turtle() -> str:
    """SHACL ``sh:SPARQLExecutable`` descriptions of every canned query, as Turtle."""
    return ""  # first version
