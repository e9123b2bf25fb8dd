"""SPARQL 1.1 Graph Store HTTP Protocol at /store (``?graph=IRI`` or ``?default``).

GET and HEAD are open; PUT (replace), POST (merge) and DELETE need the update token.
``?default`` is the store's own default graph (not the union that queries see by default).
Writes are one Oxigraph update each, so a failed PUT leaves the graph as it was.

Bodies are checked before they are stored: brackets nested deeper than
:data:`kg.rdf.scan.MAX_DEPTH` (Turtle lists, blank nodes) or XML elements nested past twice
that, XML entity declarations (entity expansion), and a parsed graph larger than
:data:`EXPANSION` times the body limit are refused with 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import UnsupportedMediaType

from kg.errors import NotFoundError, UsageError
from kg.rdf import scan
from kg.rdf.formats import GRAPH_OFFERS, by_media_type
from server import negotiation
from server.protocol import check_charset, require_token
from server.state import current_store, note_store_changed, settings_of
from server.writes import LARGE_WRITE, compact

#: A parsed graph may be at most this many times the body limit, as N-Triples text.
EXPANSION = 8
_XML_TAG = re.compile(rb"<(/?)[^!?/][^>]*?(/?)>|</[^>]*>")

blueprint = Blueprint("graph_store", __name__)

Target = ox.NamedNode | ox.DefaultGraph


def _target() -> Target:
    graphs = request.args.getlist("graph")
    has_default = "default" in request.args
    if len(graphs) > 1 or (graphs and has_default):
        raise UsageError("name exactly one graph: ?graph=IRI or ?default")
    if has_default:
        return ox.DefaultGraph()
    if not graphs:
        raise UsageError("name the graph: /store?graph=IRI, or /store?default")
    try:
        return ox.NamedNode(graphs[0])
    except ValueError:
        raise UsageError(f"graph={graphs[0]!r} is not a valid absolute IRI") from None


def _exists(store: ox.Store, target: Target) -> bool:
    return isinstance(target, ox.DefaultGraph) or store.contains_named_graph(target)


def _name(target: Target) -> str:
    return "the default graph" if isinstance(target, ox.DefaultGraph) else f"<{target.value}>"


@blueprint.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    target = _target()
    store = current_store()
    if request.method in ("GET", "HEAD"):
        return _read(store, target)
    require_token(request, settings_of(current_app))
    existed = _exists(store, target)
    if request.method == "DELETE":
        if not existed:
            raise NotFoundError(f"there is no graph {_name(target)} in the store")
        if isinstance(target, ox.DefaultGraph):
            store.clear_graph(target)
        else:
            store.remove_graph(target)
        note_store_changed()
        return Response(status=204)
    ntriples = _read_body(target, settings_of(current_app).max_body_bytes * EXPANSION)
    scope = "DEFAULT" if isinstance(target, ox.DefaultGraph) else f"GRAPH <{target.value}>"
    steps = [] if isinstance(target, ox.DefaultGraph) else [f"CREATE SILENT GRAPH <{target.value}>"]
    if request.method == "PUT":
        steps.append(f"CLEAR SILENT {scope}")
    if ntriples:
        inner = ntriples if isinstance(target, ox.DefaultGraph) else f"{scope} {{ {ntriples} }}"
        steps.append(f"INSERT DATA {{ {inner} }}")
    if steps:
        store.update(" ;\n".join(steps))
    note_store_changed()
    if len(ntriples) > LARGE_WRITE:
        compact(store)
    return Response(status=204 if existed else 201)


def _read(store: ox.Store, target: Target) -> Response:
    fmt = negotiation.graph_type(
        request.headers.get("Accept"),
        request.args.get("format"),
        "a graph can be sent as one of: ",
    )
    if not _exists(store, target):
        raise NotFoundError(f"there is no graph {_name(target)} in the store")
    rdf_format = fmt.rdf
    assert rdf_format is not None
    if rdf_format.supports_datasets:
        body = ox.serialize(store.quads_for_pattern(None, None, None, target), format=rdf_format)
    else:
        body = store.dump(format=rdf_format, from_graph=target)
    response = Response(body or b"", content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response


def _check_shape(body: bytes, rdf_format: ox.RdfFormat) -> None:
    """Refuse bodies whose nesting would make every later export slow, and XML entities."""
    if rdf_format == ox.RdfFormat.RDF_XML:
        if b"<!ENTITY" in body:
            raise UsageError(
                "the RDF/XML body declares XML entities; they are refused (entity expansion "
                "can turn a small body into a huge graph): write the IRIs out in full"
            )
        depth = deepest = 0
        for match in _XML_TAG.finditer(body):
            closing, empty = match.group(1), match.group(2)
            if match.group(0).startswith(b"</") or closing:
                depth -= 1
            elif not empty:
                depth += 1
                deepest = max(deepest, depth)
        if deepest > 2 * scan.MAX_DEPTH + 2:
            raise UsageError(
                f"the RDF/XML body nests elements {deepest} deep; at most "
                f"{2 * scan.MAX_DEPTH + 2} are accepted: flatten it"
            )
    elif rdf_format != ox.RdfFormat.N_TRIPLES:
        text = body.decode("utf-8", errors="replace")
        scan.check_depth(scan.tokenize(text), f"{rdf_format.name} body", chains=False)


def _capped(quads: Iterator[ox.Quad], limit: int) -> Iterator[ox.Quad]:
    size = 0
    for quad in quads:
        size += len(str(quad))
        if size > limit:
            raise UsageError(
                f"the parsed graph is larger than {limit} bytes of N-Triples; "
                "send it in several smaller requests"
            )
        yield quad


def _read_body(target: Target, limit: int) -> str:
    """The request's RDF graph, checked by Oxigraph, as N-Triples text (blank nodes fresh),
    at most ``limit`` bytes of it."""
    check_charset(request)
    sent = by_media_type(request.mimetype, GRAPH_OFFERS) if request.mimetype else None
    rdf_format = sent.rdf if sent is not None else None
    if rdf_format is None or rdf_format.supports_datasets:
        raise UnsupportedMediaType(
            f"{request.mimetype or 'no Content-Type'} is not an RDF graph format; send "
            + ", ".join(f.media_type for f in GRAPH_OFFERS if not f.supports_datasets)
        )
    base = None if isinstance(target, ox.DefaultGraph) else target.value
    body = request.get_data()
    _check_shape(body, rdf_format)
    try:
        quads = list(
            _capped(
                ox.parse(body, format=rdf_format, base_iri=base, rename_blank_nodes=True), limit
            )
        )
    except SyntaxError as exc:
        raise UsageError(f"the {request.mimetype} body does not parse: {exc}") from None
    return (ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
