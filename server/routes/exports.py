"""Dataset dumps under /export: the whole dataset, one article, the VoID description.

``/export/cmkg.{ttl,nt,trig,nq,jsonld}``, ``/export/article/<id>.<fmt>`` and
``/export/void.ttl``. The bytes are those of ``kg export`` (deterministic), so the ``ETag``
is a hash of the content and stays the same across restarts of the same build.
``Last-Modified`` is the ``built`` time recorded in ``build/build-info.json`` (else that
file's, else the store folder's modification time). ``If-None-Match`` and
``If-Modified-Since`` get ``304``; ``Accept-Encoding: gzip`` gets a gzip body (with its
own ETag, ``Vary: Accept-Encoding``).

Serialised bytes are cached per store generation (:mod:`server.payloads`): every write
through the endpoint starts a new generation (:meth:`server.state.ServerState.store_changed`).
"""

from __future__ import annotations

from flask import Blueprint, Response

from kg.errors import NotFoundError
from kg.publish.export import article_graph_of
from kg.publish.void import void_turtle
from kg.rdf.formats import EXPORT_OFFERS, TURTLE, by_extension
from kg.rdf.stream import serialize
from server.payloads import cached_payload, send_payload
from server.state import configured_base, current_store

blueprint = Blueprint("exports", __name__)
_EXTENSIONS = ", ".join(fmt.extension for fmt in EXPORT_OFFERS)


@blueprint.get("/export/cmkg.<fmt>")
def dataset_dump(fmt: str) -> Response:
    """The whole dataset in one format (TriG/N-Quads keep the named graphs)."""
    found = by_extension(fmt)
    if found is None:
        raise NotFoundError(f"no dump /export/cmkg.{fmt}; formats: {_EXTENSIONS}")
    store = current_store()
    payload = cached_payload(
        ("dataset", fmt), store, lambda: serialize(store, found.name), found.dump_content_type
    )
    return send_payload(payload)


@blueprint.get("/export/article/<name>")
def article_dump(name: str) -> Response:
    """One article's named graph: ``/export/article/<id>.ttl`` (or .nt/.trig/.nq/.jsonld)."""
    article, _, fmt = name.rpartition(".")
    found = by_extension(fmt)
    if not article or found is None:
        raise NotFoundError(
            f"no dump /export/article/{name}; use /export/article/<id>.<fmt> with fmt one of "
            + _EXTENSIONS
        )
    store = current_store()
    graph = article_graph_of(store, article)
    payload = cached_payload(
        ("article", article, fmt),
        store,
        lambda: serialize(store, found.name, graph=graph),
        found.dump_content_type,
    )
    return send_payload(payload)


@blueprint.get("/export/void.ttl")
@blueprint.get("/.well-known/void")
def void_dump() -> Response:
    """The VoID + DCAT description, with this server's endpoint and dump URLs under its
    configured base (``KG_BASE_URL``, else the address it listens on): never the request's
    Host header, which the client chooses."""
    base = configured_base()
    store = current_store()
    payload = cached_payload(
        ("void", base),
        store,
        lambda: void_turtle(store, endpoint_url=base + "sparql", dump_url_base=base + "export/"),
        TURTLE.dump_content_type,
    )
    return send_payload(payload)
