"""SHACL validation of instance data against ontology/shapes.ttl."""

from __future__ import annotations

import rdflib


def shacl_problems(data: rdflib.Graph) -> list[str]:
    """One readable line per SHACL violation in ``data`` (empty when it conforms)."""
    return []  # first version: no shapes yet
