"""Serialised payloads with validators (ETag, Last-Modified), 304s and gzip, cached per store
generation; shared by the dumps under /export and the linked-data pages."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph
from flask import Response, request

from server.state import current_settings, state


@dataclass
class Payload:
    """Serialised bytes with their validators; the gzip body is made on first use."""

    data: bytes
    media_type: str
    last_modified: datetime | None
    etag: str = ""
    _gzipped: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.etag:
            self.etag = hashlib.sha256(self.data).hexdigest()[:32]

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.data, compresslevel=6, mtime=0)
        return self._gzipped


def cached_payload(
    key: tuple[str, ...], store: pyoxigraph.Store, make: Callable[[], bytes], media_type: str
) -> Payload:
    """The payload for ``key``, re-made only when the store's generation changed."""
    server = state()
    generation = server.generation.value
    hit = server.exports.get(key)
    if hit is not None and hit[0] == (generation, len(store)):
        payload: Payload = hit[1]
        return payload
    payload = Payload(make(), media_type, build_time())
    server.exports[key] = ((generation, len(store)), payload)
    return payload


def build_time() -> datetime | None:
    """When the build was made: build-info.json's ``built``, else that file's or the store's
    modification time."""
    settings = current_settings()
    info = settings.build / "build-info.json"
    built = _built_at(info)
    if built is not None:
        return built
    for candidate in (info, settings.store):
        if candidate.exists():
            return datetime.fromtimestamp(int(candidate.stat().st_mtime), tz=UTC)
    return None


def _built_at(info: Path) -> datetime | None:
    try:
        stamp = json.loads(info.read_text(encoding="utf-8")).get("built")
        parsed = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except (OSError, ValueError, AttributeError):
        return None
    return parsed.astimezone(UTC).replace(microsecond=0) if parsed.tzinfo else None


def send_payload(payload: Payload) -> Response:
    """The payload as a response: validators, ``304`` when the client has it, gzip if asked."""
    gzip_ok = "gzip" in request.accept_encodings and request.accept_encodings["gzip"] > 0
    etag = payload.etag + ("-gzip" if gzip_ok else "")
    headers = {"Vary": "Accept-Encoding", "Cache-Control": "public, max-age=0, must-revalidate"}
    if _client_has(payload):
        response = Response(status=304, headers=headers)
    elif gzip_ok:
        response = Response(payload.gzipped(), headers=headers, content_type=payload.media_type)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(payload.data, headers=headers, content_type=payload.media_type)
    response.set_etag(etag)
    if payload.last_modified is not None:
        response.last_modified = payload.last_modified
    return response


def _client_has(payload: Payload) -> bool:
    tags = request.if_none_match
    if tags:
        return tags.contains(payload.etag) or tags.contains(payload.etag + "-gzip") or tags.star_tag
    since = request.if_modified_since
    return (
        since is not None and payload.last_modified is not None and payload.last_modified <= since
    )
