"""Inference: SPARQL CONSTRUCT rules from ontology/rules, applied to a fixpoint."""

from __future__ import annotations

import pyoxigraph


def apply_rules(store: pyoxigraph.Store) -> dict[str, int]:
    """Add every derived triple to the inferred graph; return triples added per rule."""
    return {}  # first version: no rules yet
