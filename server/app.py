"""Flask app factory: no globals, everything hangs off the app it builds."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import pyoxigraph
from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from kg.config import Settings, load_settings
from kg.errors import KGError
from kg.rdf.store import open_store
from server.engine import InProcessEngine, QueryEngine
from server.result_cache import ResultCache

ENGINE = "kg_engine"
CACHE = "kg_result_cache"
CORS_PATHS = ("/sparql",)


def error_response(message: str, status: int) -> Response:
    """The one JSON error shape of the server: ``{"error": ..., "status": ...}``."""
    response = jsonify({"error": message, "status": status})
    response.status_code = status
    return response


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
    # Blueprint modules import the accessors below, so they are imported once this module
    # is complete.
    from server import exports, graph_store, linked_data, operations, queries, sparql

    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    app.config["KG_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    store = open_store(settings.store, create=True)
    app.extensions["kg_store"] = store
    if settings.timeout > 0:
        app.extensions[ENGINE] = QueryEngine(
            settings.store, worker_count(settings), settings.timeout
        )
    else:
        app.extensions[ENGINE] = InProcessEngine(store)
    app.extensions[CACHE] = ResultCache(settings.result_cache)

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

    for blueprint in (
        sparql.blueprint,
        graph_store.blueprint,
        operations.blueprint,
        queries.blueprint,
        exports.blueprint,
        linked_data.blueprint,
    ):
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
    engine: QueryEngine | InProcessEngine = app.extensions[ENGINE]
    engine.close()


def settings_of(app: Flask) -> Settings:
    settings: Settings = app.config["KG_SETTINGS"]
    return settings


def public_base() -> str:
    """This server's public root URL, ending in ``/``: ``settings.base_url`` if set, else the
    request's host."""
    base = settings_of(current_app).base_url or request.host_url
    return base.rstrip("/") + "/"


def current_store() -> pyoxigraph.Store:
    """The Oxigraph store of the app handling the current request."""
    store: pyoxigraph.Store = current_app.extensions["kg_store"]
    return store


def current_engine() -> QueryEngine | InProcessEngine:
    """The query executor (worker pool, or in-process when the timeout is off)."""
    engine: QueryEngine | InProcessEngine = current_app.extensions[ENGINE]
    return engine


def current_cache() -> ResultCache:
    """The cache of serialised query answers."""
    cache: ResultCache = current_app.extensions[CACHE]
    return cache


def note_store_changed() -> None:
    """After a write: workers reopen their snapshot, cached answers and exports are dropped."""
    from server.exports import store_changed

    current_engine().note_write()
    current_cache().clear()
    store_changed(current_app)
