"""The server's one state object, kept in ``app.extensions`` (no module globals).

It holds the settings and the current :class:`Serving` — store, query engine, answer and
export caches, store generation — which a hot reload swaps as a whole when ``kg build``
publishes a new version (see :mod:`server.live`).

:func:`server.app.create_app` makes a :class:`ServerState` and registers it; route modules
reach it through :func:`state` (or the small accessors below) for the app handling the
current request. This module imports no route module, so there is no import cycle (the same
idea as the accessor in the Flask tutorial's ``flaskr/db.py``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph
from flask import Flask, Response, current_app, g, has_request_context, jsonify, request

from kg.build import layout
from kg.config import Settings
from kg.errors import KGError
from server.engine import Engine
from server.generation import StoreGeneration
from server.live import LiveStores
from server.result_cache import ResultCache
from server.snapshots import Snapshots

EXTENSION = "cmkg"
_PINNED = "cmkg_serving"
_WRITER = "cmkg_writer"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
log = logging.getLogger("cmkg.reload")

#: makes the query engine for an open store: (store, folder for the workers' snapshots,
#: generation) -> (engine, snapshots or None when queries run in-process)
EngineFactory = Callable[[pyoxigraph.Store, Path, StoreGeneration], tuple[Engine, Snapshots | None]]


@dataclass
class Serving:
    """One store and everything that depends on it; replaced as a whole by a hot reload."""

    store: pyoxigraph.Store
    engine: Engine
    cache: ResultCache
    generation: StoreGeneration
    path: Path
    version: str | None = None  # the build version in build/versions/, when serving build/
    #: serialised dumps by key: ((generation, quads), payload)
    exports: dict[tuple[str, ...], tuple[tuple[int, int], Any]] = field(default_factory=dict)
    users: int = 0  # requests that started on this store and have not finished
    retired: bool = False
    snapshots: Snapshots | None = None  # what the query workers read (server.snapshots)

    def close(self) -> None:
        self.engine.close()
        if self.snapshots is not None:
            self.snapshots.remove()


class ServerState:
    """Settings and the current :class:`Serving` (store, query engine, caches, generation).

    Every request is pinned to the :class:`Serving` that was current when it started, so a
    hot reload (:meth:`reload_if_changed`) never changes the store under a running request;
    the old engine is closed once its last request has finished. Requests that may write
    (any method but GET/HEAD/OPTIONS) and a reload exclude each other: a reload waits for
    writing requests in flight and holds new ones at the door until the switch is done, so
    an acknowledged write always lands in the store that is carried forward.
    """

    def __init__(
        self,
        settings: Settings,
        serving: Serving,
        *,
        live: LiveStores | None = None,
        make_engine: EngineFactory | None = None,
    ) -> None:
        self.settings = settings
        self.live = live
        self._make_engine = make_engine
        self._current = serving
        self._cond = threading.Condition()
        self._writers = 0
        self._reloading = False
        self._reload_lock = threading.Lock()
        self._drained: list[str] = []
        self._failed: str | None = None
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self.reloads = 0

    # -- what requests see -------------------------------------------------------------

    def serving(self) -> Serving:
        """The request's pinned :class:`Serving` (outside a request: the current one)."""
        if has_request_context():
            pinned: Serving | None = g.get(_PINNED)
            if pinned is not None:
                return pinned
        return self._current

    @property
    def store(self) -> pyoxigraph.Store:
        return self.serving().store

    @property
    def engine(self) -> Engine:
        """The query engine; its workers' first snapshot is taken on first use, so that
        whatever was loaded into the store before is in it."""
        serving = self.serving()
        if serving.snapshots is not None:
            serving.snapshots.ensure()
        return serving.engine

    @property
    def cache(self) -> ResultCache:
        return self.serving().cache

    @property
    def generation(self) -> StoreGeneration:
        return self.serving().generation

    @property
    def exports(self) -> dict[tuple[str, ...], tuple[tuple[int, int], Any]]:
        return self.serving().exports

    @property
    def version(self) -> str | None:
        return self._current.version

    def store_changed(self) -> None:
        """After a write: one new generation; workers reopen their snapshot, cached answers
        and dumps are dropped; the live store is marked as holding writes (carried over to
        the next build)."""
        serving = self.serving()
        if self.live is not None and serving.version is not None:
            self.live.mark_dirty(serving.version)
        if serving.snapshots is not None:
            serving.snapshots.take()
        serving.generation.bump()
        serving.cache.clear()
        serving.exports.clear()

    def start(self) -> None:
        """Start the query workers now (otherwise the first query does)."""
        self.engine.start()

    # -- request lifecycle -------------------------------------------------------------

    def enter(self, method: str) -> None:
        """Pin the request to the current store (a writer waits while a reload runs)."""
        writer = method.upper() not in SAFE_METHODS
        with self._cond:
            if writer:
                while self._reloading:
                    self._cond.wait()
                self._writers += 1
            serving = self._current
            serving.users += 1
        g.setdefault(_PINNED, serving)
        g.setdefault(_WRITER, writer)

    def leave(self) -> None:
        serving: Serving | None = g.pop(_PINNED, None)
        writer = bool(g.pop(_WRITER, False))
        if serving is None:
            return
        with self._cond:
            serving.users -= 1
            if writer:
                self._writers -= 1
                self._cond.notify_all()
            finished = serving.retired and serving.users == 0
        if finished:
            self._finish(serving)

    # -- hot reload ----------------------------------------------------------------------

    def reload_if_changed(self) -> bool:
        """Switch to the build ``build/current`` points to, if it changed; True if switched.

        A failed switch is logged and the server keeps serving the old store.
        """
        if self.live is None or self._make_engine is None:
            return False
        with self._reload_lock:
            self._sweep()
            new = layout.current_name(self.live.build)
            old = self._current
            if new is None or new == old.version or new == self._failed:
                return False
            with self._cond:
                self._reloading = True
                while self._writers:
                    self._cond.wait()
            failure: str | None = None
            try:
                fresh = self._open(new, old)
            except (KGError, OSError) as exc:
                failure = str(exc)
            finally:
                with self._cond:
                    self._reloading = False
                    self._cond.notify_all()
            if failure is not None:
                # a half-made live store must not pass for the current one at the next start
                self.live.discard(new)
                self._failed = new
                log.error(
                    "could not switch to build %s, still serving %s: %s", new, old.version, failure
                )
                return False
            with self._cond:
                self._current = fresh
                old.retired = True
                finished = old.users == 0
            self.reloads += 1
            log.warning("now serving build %s (was %s)", new, old.version)
        if finished:
            self._finish(old)
        return True

    def _open(self, new: str, old: Serving) -> Serving:
        assert self.live is not None and self._make_engine is not None
        store = self.live.rebase(old.version, old.store, new)
        path = self.live.store_path(new)
        generation = StoreGeneration()
        engine, snapshots = self._make_engine(store, path.parent / "snapshots", generation)
        if snapshots is not None:
            snapshots.ensure()
        engine.start()
        return Serving(
            store=store,
            engine=engine,
            cache=ResultCache(self.settings.result_cache, generation),
            generation=generation,
            path=path,
            version=new,
            snapshots=snapshots,
        )

    def _finish(self, serving: Serving) -> None:
        """The last request on a retired store is done: stop its engine; its live folder
        is removed by the next sweep, once nothing refers to the store any more."""
        serving.close()
        if serving.version is not None:
            with self._cond:
                self._drained.append(serving.version)

    def _sweep(self) -> None:
        if self.live is None:
            return
        with self._cond:
            drained, self._drained = self._drained, []
        for version in drained:
            if version != self._current.version:
                self.live.discard(version)

    def start_watcher(self, interval: float) -> None:
        """Check ``build/current`` every ``interval`` seconds in a background thread."""
        if self.live is None or self._watcher is not None:
            return

        def watch() -> None:
            while not self._stop.wait(interval):
                try:
                    self.reload_if_changed()
                except Exception:  # never let the watcher die silently
                    log.exception("hot reload failed")

        self._watcher = threading.Thread(target=watch, name="cmkg-reload", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        """Stop the watcher and the engine; release ``build/live/``."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=30)
        self._current.close()
        self._sweep()
        del self._current  # drops the store: its RocksDB lock goes with the last reference
        if self.live is not None:
            self.live.release()


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
