"""The server's own store when it serves ``build/``: a copy no build ever touches.

``kg serve`` without ``--store`` does not open the build's store. It holds ``build/live/``
(an exclusive lock: a second server on the same folder is refused with one line) and serves
``build/live/<version>/store``, a RocksDB checkpoint of ``build/versions/<version>/store``
(hard links: instant, no extra space until it is written to). SPARQL Update and Graph Store
writes go there; ``kg build`` only ever writes new version folders.

When ``build/current`` moves to a new version, the server *rebases*: it checkpoints the new
version, and if the live store has been written to (a ``dirty`` marker, set before any
write is acknowledged), carries the writes over as a difference — every quad the live store
has that its base build lacks is added, every quad of the base build the live store lacks is
removed. A ``ready`` marker is written when the new live store is complete; a server killed
mid-rebase redoes it on the next start. The old live folder is removed once the requests
still using it have finished. Blank nodes that the old build made cannot be matched in the
new one, so removing one of *those* triples is not carried over.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.build import layout
from kg.errors import ConflictError, EnvironmentProblem

log = logging.getLogger("cmkg.live")

READY = "ready"
DIRTY = "dirty"
LOCK = ".lock"


def open_rw(path: Path) -> ox.Store:
    """Open a store read-write; a store held by another process is one clear line."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise ConflictError(
                f"the store {path} is held by another process (another `kg serve`?); "
                "stop it, or serve a copy with --store DIR"
            ) from None
        raise EnvironmentProblem(f"cannot open the Oxigraph store at {path}: {exc}") from None


def carry_writes(base: ox.Store, live: ox.Store, target: ox.Store) -> tuple[int, int]:
    """Apply to ``target`` what the endpoint changed in ``live`` relative to ``base``;
    return (quads added, quads removed)."""
    removed = [quad for quad in base if quad not in live]
    added = [quad for quad in live if quad not in base]
    for quad in removed:
        target.remove(quad)
    target.extend(added)
    target.flush()
    return len(added), len(removed)


class LiveStores:
    """``build/live/``: the lock, and one live store per build version being served."""

    def __init__(self, build: Path) -> None:
        self.build = build
        self.folder = layout.live_dir(build)
        self._lock: IO[bytes] | None = None

    # -- ownership ---------------------------------------------------------------------

    def acquire(self) -> None:
        """Take ``build/live/`` for this process, or refuse with one line."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle = open(self.folder / LOCK, "a+b")  # noqa: SIM115 - held for the server's life
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().decode("ascii", "replace").strip() or "?"
            handle.close()
            raise ConflictError(
                f"another `kg serve` (pid {holder}) is serving {self.build}; stop it first, "
                "or serve a copy with --store DIR"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode("ascii"))
        handle.flush()
        self._lock = handle

    def release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    # -- paths and markers -------------------------------------------------------------

    def store_path(self, version: str) -> Path:
        return self.folder / version / "store"

    def _ready(self, version: str) -> bool:
        return (self.folder / version / READY).exists()

    def is_dirty(self, version: str) -> bool:
        return (self.folder / version / DIRTY).exists()

    def mark_dirty(self, version: str) -> None:
        marker = self.folder / version / DIRTY
        if not marker.exists():
            marker.touch()
            _fsync_dir(marker.parent)

    def discard(self, version: str) -> None:
        shutil.rmtree(self.folder / version, ignore_errors=True)

    # -- making live stores ------------------------------------------------------------

    def start(self) -> tuple[str, ox.Store]:
        """At server start: the live store of the current build, carrying over the writes
        of a live store made from an older build (the server was stopped across a build)."""
        current = layout.current_name(self.build)
        if current is None:
            raise EnvironmentProblem(f"{self.build} holds no build; run `kg build`")
        if self._ready(current):
            store = open_rw(self.store_path(current))
            for other in self._others(current):
                self.discard(other)
            return current, store
        older = [v for v in self._others(current) if self._ready(v)]
        previous = older[-1] if older else None
        old_store = open_rw(self.store_path(previous)) if previous else None
        store = self.rebase(previous, old_store, current)
        del old_store
        for other in self._others(current):
            self.discard(other)
        return current, store

    def _others(self, version: str) -> list[str]:
        return sorted(v for v in layout.live_versions(self.build) if v != version)

    def rebase(self, old: str | None, old_store: ox.Store | None, new: str) -> ox.Store:
        """A ready live store for build ``new``, with the writes of ``old_store`` (the live
        store of build ``old``) carried over when it has any."""
        folder = self.folder / new
        shutil.rmtree(folder, ignore_errors=True)  # an unfinished earlier attempt
        folder.mkdir(parents=True)
        source = layout.versions_dir(self.build) / new / "store"
        try:
            ox.Store.read_only(str(source)).backup(str(self.store_path(new)))
        except OSError as exc:
            raise EnvironmentProblem(f"cannot copy the build's store {source}: {exc}") from None
        store = open_rw(self.store_path(new))
        if old is not None and old_store is not None and self.is_dirty(old):
            base_path = layout.versions_dir(self.build) / old / "store"
            if not base_path.is_dir():
                raise EnvironmentProblem(
                    f"the live store has writes made on build {old}, whose folder "
                    f"{base_path} is gone, so they cannot be carried over; keep "
                    f"{self.folder / old} and restore the build, or delete it to drop them"
                )
            base = ox.Store.read_only(str(base_path))
            added, removed = carry_writes(base, old_store, store)
            del base
            log.warning(
                "carried the endpoint's writes on build %s over to build %s: "
                "%d quads added, %d removed",
                old,
                new,
                added,
                removed,
            )
            self.mark_dirty(new)
        (folder / READY).touch()
        _fsync_dir(folder)
        return store


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
