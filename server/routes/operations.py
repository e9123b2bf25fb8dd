"""Operational routes: /healthz and /stats (the VoID description is served by exports)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify

from kg import __version__
from kg.rdf.store import graph_sizes
from server.state import current_engine, current_store, settings_of

blueprint = Blueprint("operations", __name__)


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
