"""Operational routes: /healthz and /stats (the VoID description is served by exports)."""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify

from kg import __version__
from server.app import current_engine, current_store, settings_of

blueprint = Blueprint("operations", __name__)

_GRAPH_SIZES = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def graph_sizes(store: ox.Store) -> tuple[int, list[tuple[str, int]]]:
    """(triples in the store's own default graph, [(named graph IRI, triples)…])."""
    named: list[tuple[str, int]] = []
    solutions = store.query(_GRAPH_SIZES)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        graph, count = solution["g"], solution["n"]
        if isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal):
            named.append((graph.value, int(count.value)))
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(default, ox.QuerySolutions)
    total = next(default)["n"]
    return int(total.value) if isinstance(total, ox.Literal) else 0, named


@blueprint.route("/healthz")
def healthz() -> Response:
    store = current_store()
    store.query("ASK { ?s ?p ?o }")  # raises OSError (-> 500) when the store is unreadable
    engine = current_engine()
    return jsonify(
        {"status": "ok", "store": "reachable", "workers": engine.size, "version": __version__}
    )


@blueprint.route("/stats")
def stats() -> Response:
    store = current_store()
    default, named = graph_sizes(store)
    info_path = settings_of(current_app).build / "build-info.json"
    build: dict[str, object] = {}
    if info_path.is_file():
        try:
            build = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            build = {"error": f"{info_path} is unreadable"}
    return jsonify(
        {
            "triples": default + sum(size for _, size in named),
            "default_graph_triples": default,
            "graphs": [{"graph": iri, "triples": size} for iri, size in named],
            "build": {
                "version": build.get("version"),
                "built": build.get("built"),
                "info": build,
            },
            "server_version": __version__,
        }
    )
