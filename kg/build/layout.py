"""The folder layout of ``build/``: immutable versions, one pointer, stable names.

::

    build/versions/<version>/      one folder per build: store/, cmkg.trig, cmkg.nq,
                                   void.ttl, build-info.json, search.sqlite; never changed
                                   once published
    build/current -> versions/<v>  the pointer: a relative symlink, replaced with os.replace
    build/cmkg.nq -> current/cmkg.nq   (and cmkg.trig, void.ttl, build-info.json, search.sqlite,
                                   store):
                                   the names users and tools read, resolved through the pointer
    build/live/<version>/store     the running server's own store (see server.live); no build
                                   ever writes there

A build writes a new version folder next to the others and then switches the pointer in one
``rename``; a reader resolving ``build/cmkg.nq`` sees the old build or the new one, never a
mix. Old versions are removed, keeping the newest :data:`KEEP`, the current one and every one
a server's live store was made from.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pyoxigraph

from kg.errors import BuildError, ConflictError

KEEP = 2  # newest versions kept by the garbage collector (the current one is always kept)
PUBLISHED = ("cmkg.trig", "cmkg.nq", "void.ttl", "build-info.json", "search.sqlite", "store")
POINTER = "current"
VERSIONS = "versions"
LIVE = "live"
TMP_PREFIX = ".tmp-"


def versions_dir(build: Path) -> Path:
    return build / VERSIONS


def live_dir(build: Path) -> Path:
    return build / LIVE


def current_name(build: Path) -> str | None:
    """The name of the current version, or None when there is no (valid) pointer."""
    try:
        target = os.readlink(build / POINTER)
    except OSError:
        return None
    name = Path(target).name
    return name if (versions_dir(build) / name).is_dir() else None


def current_version(build: Path) -> Path | None:
    """The folder of the current version, or None before the first build."""
    name = current_name(build)
    return None if name is None else versions_dir(build) / name


def is_versioned(build: Path) -> bool:
    """True when ``build`` has the versioned layout with a valid pointer."""
    return current_name(build) is not None


def new_version_name(build: Path, stamp: str, digest: str) -> str:
    """``<stamp>-<digest[:12]>``, with ``-2``, ``-3``… if that name is taken."""
    base = f"{stamp}-{digest[:12]}"
    name, number = base, 1
    while (versions_dir(build) / name).exists():
        number += 1
        name = f"{base}-{number}"
    return name


def _replace_with_symlink(path: Path, target: str) -> None:
    """Make ``path`` a symlink to ``target`` in one rename (a legacy folder is moved away)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():  # a store folder of the old layout
        aside = path.with_name(f".legacy-{path.name}-{os.getpid()}")
        os.rename(path, aside)
        shutil.rmtree(aside, ignore_errors=True)
    tmp = path.with_name(f".{path.name}.link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _refuse_if_open(store: Path) -> None:
    """A server started before versioned builds may still have this store open."""
    try:
        handle = pyoxigraph.Store(str(store))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise ConflictError(
                f"{store} is in use (a `kg serve` started before versioned builds?); stop "
                "it, then run `kg build` again"
            ) from None
        return  # not a usable store: nothing can be using it
    except RuntimeError:  # RocksDB reports a damaged store this way
        return
    del handle


def publish(build: Path, name: str) -> None:
    """Make version ``name`` the current build (one atomic rename of the pointer)."""
    for entry in PUBLISHED:  # checked before anything is switched
        legacy = build / entry
        if legacy.is_dir() and not legacy.is_symlink():
            _refuse_if_open(legacy)
    try:
        _replace_with_symlink(build / POINTER, f"{VERSIONS}/{name}")
        for entry in PUBLISHED:
            _replace_with_symlink(build / entry, f"{POINTER}/{entry}")
    except OSError as exc:
        raise BuildError(f"cannot switch {build} to the new build {name}: {exc}") from None
    # a refused switch (ConflictError) leaves the new version unpublished; the next build
    # or the garbage collector removes it


def live_versions(build: Path) -> set[str]:
    """Versions that a server's live store was made from (kept by the garbage collector)."""
    folder = live_dir(build)
    if not folder.is_dir():
        return set()
    return {entry.name for entry in folder.iterdir() if entry.is_dir()}


def collect_garbage(build: Path, keep: int = KEEP) -> list[str]:
    """Remove old versions and leftovers of killed builds; return the names removed.

    Kept: the newest ``keep`` versions, the current one and every version a server's live
    store derives from (``build/live/<version>``).
    """
    folder = versions_dir(build)
    if not folder.is_dir():
        return []
    removed = []
    for stale in folder.glob(f"{TMP_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale.name)
    names = sorted(entry.name for entry in folder.iterdir() if entry.is_dir())
    protected = set(names[-keep:]) | live_versions(build)
    current = current_name(build)
    if current is not None:
        protected.add(current)
    for name in names:
        if name not in protected:
            shutil.rmtree(folder / name, ignore_errors=True)
            removed.append(name)
    return removed
