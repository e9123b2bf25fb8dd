"""Flask app factory: no globals, everything hangs off the app it builds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph
from flask import Flask, Response, current_app, jsonify
from werkzeug.exceptions import HTTPException

from kg.config import Settings, load_settings
from kg.errors import KGError
from kg.store import open_store
from server import exports, linked_data, operations, queries, sparql


def error_response(message: str, status: int) -> Response:
    """The one JSON error shape of the server: ``{"error": ..., "status": ...}``."""
    response = jsonify({"error": message, "status": status})
    response.status_code = status
    return response


def create_app(config: Mapping[str, Any] | Settings | None = None) -> Flask:
    """Build the app: settings = defaults < ``KG_*`` environment < ``config``."""
    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    app.config["KG_SETTINGS"] = settings
    app.extensions["kg_store"] = open_store(settings.store, create=True)

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
        operations.blueprint,
        queries.blueprint,
        exports.blueprint,
        linked_data.blueprint,
    ):
        app.register_blueprint(blueprint)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        app.logger.exception("unhandled error")
        return error_response("internal server error; see the server log", 500)

    return app


def settings_of(app: Flask) -> Settings:
    settings: Settings = app.config["KG_SETTINGS"]
    return settings


def current_store() -> pyoxigraph.Store:
    """The Oxigraph store of the app handling the current request."""
    store: pyoxigraph.Store = current_app.extensions["kg_store"]
    return store
