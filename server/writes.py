"""SPARQL updates with the queries' time limit, and compaction after large writes.

Oxigraph cannot interrupt an update, and the server process holds the only read-write handle
on the store. So an update is first *tried*: the server takes a checkpoint of its store
(``Store.backup``: hard links, a few milliseconds), a query worker opens that copy read-write,
runs the update on it and is killed if it passes the time limit (503, nothing changed). Only
an update whose trial finished in time is applied to the live store, as one Oxigraph
transaction (all or nothing). Updates run one at a time; one that waits longer than the time
limit for its turn gets a 503.

After a write of more than :data:`LARGE_WRITE` bytes of text the store is compacted
(``Store.optimize``), as it is when the server starts, so that a long write-ahead log never
makes the next open slow.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import shutil
import threading
from pathlib import Path

import pyoxigraph as ox
from flask import current_app, request

from kg.errors import EnvironmentProblem, KGError, QueryTimeoutError, UsageError
from kg.fileio import process_alive
from server.answers import syntax_error
from server.evaluation import UpdateJob
from server.state import (
    configured_base,
    current_engine,
    current_store,
    note_store_changed,
    state,
)

log = logging.getLogger("cmkg.writes")

#: Writes with more text than this many bytes are followed by a compaction of the store.
LARGE_WRITE = 256 * 1024
_CHECKPOINT = ".cmkg-update-"
_LOCK_KEY = "cmkg.writes.lock"
_counter = itertools.count()


def _lock() -> threading.Lock:
    lock: threading.Lock = current_app.extensions.setdefault(_LOCK_KEY, threading.Lock())
    return lock


def sweep_checkpoints(store_path: Path) -> None:
    """Remove the trial checkpoints beside ``store_path`` left by servers that died."""
    with contextlib.suppress(OSError):
        for folder in store_path.parent.glob(_CHECKPOINT + "*"):
            owner = folder.name[len(_CHECKPOINT) :].split("-", 1)[0]
            if owner.isdigit() and (int(owner) == os.getpid() or process_alive(int(owner))):
                continue
            shutil.rmtree(folder, ignore_errors=True)


def compact(store: ox.Store) -> None:
    """Flush and compact ``store`` (merges the write-ahead log into the tables)."""
    try:
        store.flush()
        store.optimize()
    except OSError as exc:
        log.error("could not compact the store: %s", exc)


def endpoint_iri() -> str:
    """The endpoint's own IRI, the base of relative IRIs in updates: under the configured
    public base (``KG_BASE_URL``), else the address the server listens on; never taken from
    the request's Host header."""
    return configured_base() + "sparql"


def run_update(text: str, base_iri: str) -> None:
    """Apply the SPARQL update ``text`` to the store within the time limit, or raise."""
    store = current_store()
    engine = current_engine()
    lock = _lock()
    if not lock.acquire(timeout=engine.timeout if engine.timeout > 0 else -1):
        raise QueryTimeoutError(
            f"another update kept the store busy for {engine.timeout:g} s; try again later"
        )
    try:
        if engine.timeout > 0:
            _trial(store, state().serving().path, text, base_iri)
        try:
            store.update(text, base_iri=base_iri)
        except SyntaxError as exc:
            raise syntax_error(str(exc), "update") from None
        except (ValueError, RuntimeError) as exc:
            raise UsageError(f"the update failed and was not applied: {exc}") from None
        except OSError as exc:
            raise KGError(f"the update failed and was not applied: {exc}") from None
        note_store_changed()
        if len(text.encode("utf-8")) > LARGE_WRITE:
            compact(store)
    finally:
        lock.release()


def _trial(store: ox.Store, store_path: Path, text: str, base_iri: str) -> None:
    checkpoint = store_path.parent / f"{_CHECKPOINT}{os.getpid()}-{next(_counter)}"
    try:
        store.backup(str(checkpoint))
    except OSError as exc:
        raise EnvironmentProblem(
            f"could not take a checkpoint to try the update on: {exc}"
        ) from None
    try:
        reply = current_engine().run(
            UpdateJob(text, str(checkpoint), base_iri), client=request.remote_addr or ""
        )
    finally:
        shutil.rmtree(checkpoint, ignore_errors=True)
    if reply.outcome == "syntax":
        raise syntax_error(reply.message, "update")
    if reply.outcome == "unavailable":
        raise EnvironmentProblem(reply.message)
    if reply.outcome != "ok":
        # the update itself failed on the copy (the live store could not have done better)
        raise UsageError(reply.message)
