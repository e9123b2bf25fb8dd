"""The server's one state object, kept in ``app.extensions`` (no module globals).

:func:`server.app.create_app` makes a :class:`ServerState` and registers it; route modules
reach it through :func:`state` (or the small accessors below) for the app handling the
current request. This module imports no route module, so there is no import cycle (the same
idea as the accessor in the Flask tutorial's ``flaskr/db.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph
from flask import Flask, Response, current_app, jsonify, request

from kg.config import Settings
from server.engine import Engine
from server.generation import StoreGeneration
from server.result_cache import ResultCache

EXTENSION = "cmkg"


@dataclass
class ServerState:
    """Settings, the store, the query engine, the caches and the store's generation."""

    settings: Settings
    store: pyoxigraph.Store
    engine: Engine
    cache: ResultCache
    generation: StoreGeneration
    #: serialised dumps by key: ((generation, quads), payload)
    exports: dict[tuple[str, ...], tuple[tuple[int, int], Any]] = field(default_factory=dict)

    def store_changed(self) -> None:
        """After a write: one new generation; workers reopen their snapshot, cached answers
        and dumps are dropped."""
        self.generation.bump()
        self.cache.clear()
        self.exports.clear()


def state(app: Flask | None = None) -> ServerState:
    """The state of ``app`` (default: the app handling the current request)."""
    owner = app if app is not None else current_app
    found: ServerState = owner.extensions[EXTENSION]
    return found


def settings_of(app: Flask) -> Settings:
    return state(app).settings


def current_settings() -> Settings:
    return state().settings


def current_store() -> pyoxigraph.Store:
    """The Oxigraph store of the app handling the current request."""
    return state().store


def current_engine() -> Engine:
    """The query executor (worker pool, or in-process when the timeout is off)."""
    return state().engine


def current_cache() -> ResultCache:
    """The cache of serialised query answers."""
    return state().cache


def note_store_changed() -> None:
    """After a write through the endpoint (SPARQL Update, Graph Store)."""
    state().store_changed()


def public_base() -> str:
    """This server's public root URL, ending in ``/``: ``settings.base_url`` if set, else the
    request's host."""
    base = current_settings().base_url or request.host_url
    return base.rstrip("/") + "/"


def configured_base() -> str:
    """This server's root URL from its configuration alone, ending in ``/``:
    ``settings.base_url`` if set, else the address it listens on. Never the request's Host
    header (the client chooses that), so it is safe to write into data and dumps."""
    settings = current_settings()
    base = settings.base_url or f"http://{settings.host}:{settings.port}/"
    return base.rstrip("/") + "/"


def error_response(message: str, status: int) -> Response:
    """The one JSON error shape of the server: ``{"error": ..., "status": ...}``."""
    response = jsonify({"error": message, "status": status})
    response.status_code = status
    return response
