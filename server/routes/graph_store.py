"""SPARQL 1.1 Graph Store HTTP Protocol at /store (``?graph=IRI`` or ``?default``).

GET and HEAD are open; PUT (replace), POST (merge) and DELETE need the update token.
``?default`` is the store's own default graph (not the union that queries see by default).
Writes are one Oxigraph update each, so a failed PUT leaves the graph as it was.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import UnsupportedMediaType

from kg.errors import NotFoundError, UsageError
from kg.rdf.formats import GRAPH_OFFERS, by_media_type
from server import negotiation
from server.protocol import check_charset, require_token
from server.state import current_store, note_store_changed, settings_of

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
    ntriples = _read_body(target)
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


def _read_body(target: Target) -> str:
    """The request's RDF graph, checked by Oxigraph, as N-Triples text (blank nodes fresh)."""
    check_charset(request)
    sent = by_media_type(request.mimetype, GRAPH_OFFERS) if request.mimetype else None
    rdf_format = sent.rdf if sent is not None else None
    if rdf_format is None or rdf_format.supports_datasets:
        raise UnsupportedMediaType(
            f"{request.mimetype or 'no Content-Type'} is not an RDF graph format; send "
            + ", ".join(f.media_type for f in GRAPH_OFFERS if not f.supports_datasets)
        )
    base = None if isinstance(target, ox.DefaultGraph) else target.value
    try:
        quads = list(
            ox.parse(request.get_data(), format=rdf_format, base_iri=base, rename_blank_nodes=True)
        )
    except SyntaxError as exc:
        raise UsageError(f"the {request.mimetype} body does not parse: {exc}") from None
    return (ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
