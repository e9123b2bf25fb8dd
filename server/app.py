"""Flask app factory: no globals, everything hangs off the app it builds.

The factory makes one :class:`server.state.ServerState` (settings, store, engine, caches,
store generation) and registers one blueprint per module of :mod:`server.routes`. Route
modules reach the state through :mod:`server.state`; none of them imports this module.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kg.build import layout
from kg.config import Settings, load_settings
from kg.errors import KGError
from kg.resources import use_home
from server import writes
from server.engine import Engine, InProcessEngine, QueryEngine
from server.generation import StoreGeneration
from server.live import LiveStores, open_rw
from server.remote_engine import remote_backend
from server.result_cache import ResultCache
from server.routes import (
    article,
    exports,
    graph_store,
    home,
    linked_data,
    ontology_versions,
    operations,
    queries,
    search,
    sparql,
)
from server.snapshots import Snapshots, remove_stale
from server.state import EXTENSION, ServerState, Serving, error_response, state

CORS_PATHS = ("/sparql",)
BLUEPRINTS = (
    sparql.blueprint,
    graph_store.blueprint,
    operations.blueprint,
    queries.blueprint,
    exports.blueprint,
    linked_data.blueprint,
    ontology_versions.blueprint,
    home.blueprint,
    search.blueprint,
    article.blueprint,
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

    Without an explicit ``store_dir``, on a versioned ``build/``, the app serves its own live
    copy of the current build (:mod:`server.live`) and can switch to a newer build without a
    restart (:meth:`ServerState.reload_if_changed`, or the watcher of
    :meth:`ServerState.start_watcher`). With ``store_dir`` it serves that store as it is.
    """
    settings = config if isinstance(config, Settings) else load_settings(config)
    use_home(settings.home)  # ontology and canned queries: the project's when it has them
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes

    def make_engine(
        store: pyoxigraph.Store, snapshot_dir: Path, generation: StoreGeneration
    ) -> tuple[Engine, Snapshots | None]:
        if settings.timeout <= 0:
            return InProcessEngine(store), None
        snapshots = Snapshots(store, snapshot_dir, keep_seconds=settings.timeout + 30)
        engine = QueryEngine(
            snapshots.path,
            worker_count(settings),
            settings.timeout,
            generation=generation,
            network=bool(settings.allow_service),
            require_sandbox=settings.sandbox,
        )
        return engine, snapshots

    live: LiveStores | None = None
    version: str | None = None
    # --- remote backend (kg serve --backend URL): see server/remote_engine.py -------------
    if settings.backend:
        settings = replace(settings, result_cache=0)  # the backend may change under us
        generation = StoreGeneration()
        remote_store, remote_engine = remote_backend(settings, worker_count(settings))
        serving = Serving(
            store=remote_store,
            engine=remote_engine,
            cache=ResultCache(0, generation),
            generation=generation,
            path=settings.store,
        )
    # --- end remote backend ---------------------------------------------------------------
    else:
        if settings.store_dir is None and layout.is_versioned(settings.build):
            live = LiveStores(settings.build)
            live.acquire()
            try:
                version, store = live.start()
            except BaseException:
                live.release()
                raise
            path = live.store_path(version)
            snapshot_dir = path.parent / "snapshots"
        else:
            path = settings.store
            store = open_rw(path)
            prefix = f".{path.name}.snapshots-"
            if os.access(path.parent, os.W_OK):  # next to the store: checkpoints are hard links
                remove_stale(path.parent, prefix)
                snapshot_dir = path.with_name(f"{prefix}{os.getpid()}")
            else:
                snapshot_dir = Path(tempfile.mkdtemp(prefix="cmkg-snapshots-"))
        writes.compact(store)  # a long write-ahead log left by a crash would slow every open
        writes.sweep_checkpoints(path)
        generation = StoreGeneration()
        engine, snapshots = make_engine(store, snapshot_dir, generation)
        serving = Serving(
            store=store,
            engine=engine,
            cache=ResultCache(settings.result_cache, generation),
            generation=generation,
            path=path,
            version=version,
            snapshots=snapshots,
        )
    app.extensions[EXTENSION] = ServerState(settings, serving, live=live, make_engine=make_engine)

    @app.before_request
    def _pin_store() -> None:
        state(app).enter(request.method)

    @app.teardown_request
    def _unpin_store(_exc: BaseException | None) -> None:
        state(app).leave()

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
    """Stop the reload watcher and the query workers; release ``build/live/`` (``kg serve``
    calls this on exit)."""
    state(app).close()
