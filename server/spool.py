"""Large query answers travel through files, not the worker pipe, and stream to the client.

A worker whose serialised answer is over :data:`SPOOL_THRESHOLD` bytes writes it to the
engine's spool directory (``<pid>-<job>.part``, then renamed to ``<pid>-<job>.answer``) and
replies with the path and size. The request thread streams the file in :data:`CHUNK` pieces
with a ``Content-Length`` and deletes it when the response is closed, also when the client
goes away early. Files of a killed worker are swept by its pid; the directory itself is made
when the engine starts and removed when it shuts down. Its name carries the server's pid
(``cmkg-spool-<pid>-…``), so the next server to start removes the folders of servers that
died without cleaning up (:func:`sweep_stale_dirs`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from flask import Response

from kg.errors import KGError
from kg.fileio import process_alive
from server.evaluation import QueryReply

log = logging.getLogger("cmkg.spool")

#: Answers larger than this many bytes are spooled to a file and streamed.
SPOOL_THRESHOLD = 256 * 1024
#: Bytes read from a spool file per chunk of the response.
CHUNK = 64 * 1024


PREFIX = "cmkg-spool-"
#: A folder in the old naming (no pid) is swept when empty and older than this many seconds.
STALE_AFTER = 3600


def make_spool_dir() -> Path:
    """A fresh private directory for one engine's spool files."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def sweep_stale_dirs(root: Path | None = None) -> int:
    """Remove the spool folders left in ``root`` (the temp folder) by servers that are no
    longer running; how many. A folder without a pid in its name is removed only when it
    is empty and older than :data:`STALE_AFTER`."""
    removed = 0
    base = root or Path(tempfile.gettempdir())
    try:
        candidates = list(base.glob(PREFIX + "*"))
    except OSError:
        return 0
    for folder in candidates:
        owner = folder.name[len(PREFIX) :].split("-", 1)[0]
        try:
            if not folder.is_dir() or folder.is_symlink():
                continue
            if owner.isdigit():
                if int(owner) == os.getpid() or process_alive(int(owner)):
                    continue
            elif any(folder.iterdir()) or time.time() - folder.stat().st_mtime < STALE_AFTER:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed


def remove_spool_dir(directory: Path) -> None:
    """Remove ``directory`` and whatever is left in it (open files stay readable)."""
    shutil.rmtree(directory, ignore_errors=True)


def spool_reply(reply: QueryReply, directory: Path, stem: str, threshold: int) -> QueryReply:
    """``reply`` with its body moved to ``directory/<stem>.answer`` if it is over ``threshold``.

    Written to ``<stem>.part`` first and renamed, so a file named ``.answer`` is complete.
    If the file cannot be written the answer stays inline (and the failure is logged).
    """
    if reply.outcome != "ok" or len(reply.body) <= threshold:
        return reply
    partial = directory / f"{stem}.part"
    final = directory / f"{stem}.answer"
    try:
        with partial.open("wb") as handle:
            handle.write(reply.body)
        os.replace(partial, final)
    except OSError as exc:
        log.error("could not spool a %d-byte answer, sending it inline: %s", len(reply.body), exc)
        with contextlib.suppress(OSError):
            partial.unlink()
        return reply
    return replace(reply, body=b"", spool=str(final), spool_bytes=len(reply.body))


def sweep(directory: Path, pid: int) -> int:
    """Delete the spool files of the worker with ``pid`` (after it was killed); how many."""
    removed = 0
    for path in directory.glob(f"{pid}-*"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed


def _open(reply: QueryReply) -> tuple[Path, int]:
    path = Path(reply.spool)
    try:
        return path, os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise KGError(
            f"the query answer could not be read back from its spool file: {exc}"
        ) from None


def read_spooled(reply: QueryReply) -> bytes:
    """The whole body of ``reply`` (inline, or read from its spool file, which is deleted)."""
    if not reply.spool:
        return reply.body
    path, descriptor = _open(reply)
    try:
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read()
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def streamed_response(reply: QueryReply, content_type: str) -> Response:
    """A response streaming ``reply``'s spool file; the file is deleted when it is closed.

    The file is opened here, so a later sweep of the directory cannot take the bytes away.
    """
    path, descriptor = _open(reply)
    handle = os.fdopen(descriptor, "rb")

    def chunks() -> Iterator[bytes]:
        while chunk := handle.read(CHUNK):
            yield chunk

    def discard() -> None:
        handle.close()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    response = Response(chunks(), content_type=content_type)
    response.headers["Content-Length"] = str(reply.spool_bytes)
    response.call_on_close(discard)
    return response
