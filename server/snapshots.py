"""A stable, read-only view of the live store for the query workers.

Opening an Oxigraph store read-only while another process writes it is undefined behaviour
(pyoxigraph's ``Store.read_only``): under a stream of writes a worker reopening the server's
store found SST files already compacted away ("Corruption: … MANIFEST may be corrupted") and
the query failed with 500. So the workers never open the store the server writes. They open
``<folder>/current``, a folder the server keeps in step with the store: after every write
(before the store generation is bumped and the write acknowledged) it takes a RocksDB
checkpoint (``Store.backup``: hard links) and links the checkpoint's files into ``current``
— table files first (their numbers are never reused, so an existing name is the same file),
then the small metadata files, each replaced in one ``rename``, ``CURRENT`` last. A worker
opening ``current`` at any moment reads either the old or the new ``CURRENT``/``MANIFEST``,
and every table file either names is there: files are removed only once they have been out
of the newest checkpoint for longer than a query may run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EnvironmentProblem
from kg.fileio import process_alive

VIEW = "current"


class Snapshots:
    """The workers' view (:attr:`path`) of ``store``, kept in ``folder``."""

    def __init__(self, store: ox.Store, folder: Path, keep_seconds: float) -> None:
        self.store = store
        self.folder = folder
        self.keep_seconds = keep_seconds
        self._lock = threading.Lock()
        self._number = 0
        self._taken = False
        self._unused_since: dict[str, float] = {}  # file in the view -> when it left the store
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    @property
    def path(self) -> Path:
        return self.folder / VIEW

    def ensure(self) -> None:
        """Take the first checkpoint if none was taken yet (called before the workers start,
        so that whatever was loaded into the store until then is in it)."""
        if not self._taken:
            self.take()

    def take(self) -> None:
        """Bring the workers' view up to the store's current content."""
        with self._lock:
            self._taken = True
            self._number += 1
            checkpoint = self.folder / f".checkpoint-{self._number}"
            try:
                self.store.flush()
                self.store.backup(str(checkpoint))
                self._merge(checkpoint)
            except OSError as exc:
                raise EnvironmentProblem(
                    f"cannot snapshot the store for the query workers: {exc}"
                ) from None
            finally:
                shutil.rmtree(checkpoint, ignore_errors=True)

    def _merge(self, checkpoint: Path) -> None:
        view = self.path
        view.mkdir(exist_ok=True)
        names = sorted(os.listdir(checkpoint))
        tables = [name for name in names if name.endswith(".sst")]
        metadata = [name for name in names if not name.endswith(".sst") and name != "CURRENT"]
        for name in [*tables, *metadata, *(["CURRENT"] if "CURRENT" in names else [])]:
            target = view / name
            if name in tables and target.exists():
                continue  # the same table file (numbers are never reused)
            staged = view / f".{name}.new"
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()
            try:
                os.link(checkpoint / name, staged)
            except OSError:
                shutil.copy2(checkpoint / name, staged)
            os.replace(staged, target)
        now = time.monotonic()
        current = set(names)
        for name in os.listdir(view):
            if name in current or name.startswith("."):
                self._unused_since.pop(name, None)
                continue
            since = self._unused_since.setdefault(name, now)
            if now - since > self.keep_seconds:
                with contextlib.suppress(FileNotFoundError):
                    (view / name).unlink()
                del self._unused_since[name]

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_stale(parent: Path, prefix: str) -> None:
    """Remove ``<parent>/<prefix><pid>`` folders whose server process is gone (killed)."""
    for stale in parent.glob(f"{prefix}*"):
        pid = stale.name.removeprefix(prefix)
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
