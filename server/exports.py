"""Dataset dumps under /export: the whole dataset, one article, the VoID description.

``/export/cmkg.{ttl,nt,trig,nq,jsonld}``, ``/export/article/<id>.<fmt>`` and
``/export/void.ttl``. The bytes are those of ``kg export`` (deterministic), so the ``ETag``
is a hash of the content and stays the same across restarts of the same build.
``Last-Modified`` is the ``built`` time recorded in ``build/build-info.json`` (else that
file's, else the store folder's modification time). ``If-None-Match`` and
``If-Modified-Since`` get ``304``; ``Accept-Encoding: gzip`` gets a gzip body (with its
own ETag, ``Vary: Accept-Encoding``).

Serialised bytes are cached per app and per store generation: the cache key holds the
number of quads and ``app.extensions["kg_store_generation"]``, which code that changes the
store (SPARQL Update) bumps through :func:`store_changed`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph
from flask import Blueprint, Flask, Response, current_app, request

from kg.errors import NotFoundError
from kg.publish.export import article_graph_of
from kg.publish.void import void_turtle
from kg.rdf.serialize import FORMATS, MEDIA_TYPES, serialize
from server.app import current_store, public_base, settings_of

blueprint = Blueprint("exports", __name__)

CACHE = "kg_export_cache"
GENERATION = "kg_store_generation"


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


def store_changed(app: Flask) -> None:
    """Tell the caches that the store's content changed (call after a SPARQL Update)."""
    app.extensions[GENERATION] = app.extensions.get(GENERATION, 0) + 1


def cached_payload(
    key: tuple[str, ...], store: pyoxigraph.Store, make: Callable[[], bytes], media_type: str
) -> Payload:
    """The payload for ``key``, re-made only when the store's generation changed."""
    cache: dict[tuple[str, ...], tuple[tuple[int, int], Payload]] = (
        current_app.extensions.setdefault(CACHE, {})
    )
    generation = (current_app.extensions.get(GENERATION, 0), len(store))
    hit = cache.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    payload = Payload(make(), media_type, build_time())
    cache[key] = (generation, payload)
    return payload


def build_time() -> datetime | None:
    """When the build was made: build-info.json's ``built``, else that file's or the store's
    modification time."""
    settings = settings_of(current_app)
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


@blueprint.get("/export/cmkg.<fmt>")
def dataset_dump(fmt: str) -> Response:
    """The whole dataset in one format (TriG/N-Quads keep the named graphs)."""
    if fmt not in FORMATS:
        raise NotFoundError(f"no dump /export/cmkg.{fmt}; formats: {', '.join(FORMATS)}")
    store = current_store()
    payload = cached_payload(
        ("dataset", fmt), store, lambda: serialize(store, fmt), MEDIA_TYPES[fmt]
    )
    return send_payload(payload)


@blueprint.get("/export/article/<name>")
def article_dump(name: str) -> Response:
    """One article's named graph: ``/export/article/<id>.ttl`` (or .nt/.trig/.nq/.jsonld)."""
    article, _, fmt = name.rpartition(".")
    if not article or fmt not in FORMATS:
        raise NotFoundError(
            f"no dump /export/article/{name}; use /export/article/<id>.<fmt> with fmt one of "
            + ", ".join(FORMATS)
        )
    store = current_store()
    graph = article_graph_of(store, article)
    payload = cached_payload(
        ("article", article, fmt),
        store,
        lambda: serialize(store, fmt, graph=graph),
        MEDIA_TYPES[fmt],
    )
    return send_payload(payload)


@blueprint.get("/export/void.ttl")
@blueprint.get("/.well-known/void")
def void_dump() -> Response:
    """The VoID + DCAT description, with this server's endpoint and dump URLs."""
    base = public_base()
    store = current_store()
    payload = cached_payload(
        ("void", base),
        store,
        lambda: void_turtle(store, endpoint_url=base + "sparql", dump_url_base=base + "export/"),
        MEDIA_TYPES["ttl"],
    )
    return send_payload(payload)
