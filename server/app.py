"""Flask app factory: no globals, everything hangs off the app it builds.

The factory makes one :class:`server.state.ServerState` (settings, store, engine, caches,
store generation) and registers one blueprint per module of :mod:`server.routes`. Route
modules reach the state through :mod:`server.state`; none of them imports this module.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kg.config import Settings, load_settings
from kg.errors import KGError
from kg.rdf.store import open_store
from server.engine import Engine, InProcessEngine, QueryEngine
from server.generation import StoreGeneration
from server.remote_engine import remote_backend
from server.result_cache import ResultCache
from server.routes import exports, graph_store, linked_data, operations, queries, sparql
from server.state import EXTENSION, ServerState, error_response, state

CORS_PATHS = ("/sparql",)
BLUEPRINTS = (
    sparql.blueprint,
    graph_store.blueprint,
    operations.blueprint,
    queries.blueprint,
    exports.blueprint,
    linked_data.blueprint,
)


def worker_count(settings: Settings) -> int:
    """Query worker processes: the setting, else one per CPU (at least 2, at most 8)."""
    if settings.workers > 0:
        return settings.workers
    return max(2, min(8, os.cpu_count() or 2))


def create_app(config: Mapping[str, Any] | Settings | None = None) -> Flask:
    """Build the app: settings = defaults < ``KG_*`` environment < ``config``.

    Queries run in worker processes that are killed at ``settings.timeout`` (they start on
    the first query); with ``timeout <= 0`` they run in-process without a limit. Call
    :func:`shutdown_app` to stop the workers.
    """
    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    generation = StoreGeneration()
    engine: Engine
    # --- remote backend (kg serve --backend URL): see server/remote_engine.py -------------
    if settings.backend:
        store, engine = remote_backend(settings, worker_count(settings))
        settings = replace(settings, result_cache=0)  # the backend may change under us
    # --- end remote backend ---------------------------------------------------------------
    elif settings.timeout > 0:
        store = open_store(settings.store, create=True)
        engine = QueryEngine(
            settings.store, worker_count(settings), settings.timeout, generation=generation
        )
    else:
        store = open_store(settings.store, create=True)
        engine = InProcessEngine(store)
    app.extensions[EXTENSION] = ServerState(
        settings=settings,
        store=store,
        engine=engine,
        cache=ResultCache(settings.result_cache, generation),
        generation=generation,
    )

    @app.errorhandler(KGError)
    def _kg_error(exc: KGError) -> Response:
        return error_response(exc.message, exc.http_status)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        response = error_response(exc.description or exc.name, exc.code or 500)
        headers = dict(exc.get_headers())
        for name in ("Allow", "WWW-Authenticate"):
            if name in headers:
                response.headers[name] = headers[name]
        return response

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

    if settings.cors:
        app.after_request(_add_cors_headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        app.logger.exception("unhandled error")
        return error_response("internal server error; see the server log", 500)

    return app


def _add_cors_headers(response: Response) -> Response:
    if request.path in CORS_PATHS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Authorization, Content-Type"
        response.headers["Access-Control-Expose-Headers"] = (
            "X-Result-Truncated, X-Result-Limit, X-Cache"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def shutdown_app(app: Flask) -> None:
    """Stop the app's query workers (``kg serve`` calls this on exit)."""
    state(app).engine.close()
