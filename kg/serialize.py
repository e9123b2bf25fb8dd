"""Deterministic serialisation of the store: same content, byte-identical output."""

from __future__ import annotations

import pyoxigraph

FORMATS: dict[str, pyoxigraph.RdfFormat] = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


def serialize(store: pyoxigraph.Store, fmt: str, *, graph: str | None = None) -> bytes:
    """Serialise the whole dataset (or one named graph) in ``fmt`` (a key of FORMATS).

    TriG and N-Quads keep the named graphs; Turtle, N-Triples and JSON-LD give the union
    of all graphs, or ``graph`` alone when given.
    """
    # Minimal first version: sorted N-Quads only. To be completed (all formats, prefixes).
    if fmt != "nq":
        raise NotImplementedError(fmt)
    lines = sorted(
        set(
            (pyoxigraph.serialize(list(store), format=pyoxigraph.RdfFormat.N_QUADS) or b"")
            .decode()
            .splitlines()
        )
    )
    return ("\n".join(lines) + "\n").encode() if lines else b""
