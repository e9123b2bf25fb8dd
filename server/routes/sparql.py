"""SPARQL 1.1 Protocol at /sparql: query, update and the Service Description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import NotAcceptable

from kg.errors import UsageError
from kg.rdf import scan
from kg.rdf.formats import GRAPH_OFFERS, RESULT_OFFERS
from server import negotiation
from server.answers import answer_job, graph_node, reply_response
from server.evaluation import QueryJob
from server.protocol import read_sparql_request, require_token
from server.service_description import describe_service
from server.state import settings_of
from server.writes import endpoint_iri, run_update

blueprint = Blueprint("sparql", __name__)


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql_endpoint() -> Response:
    parsed = read_sparql_request(request)
    if parsed.kind == "description":
        return describe_service(parsed.format)
    if parsed.kind == "update":
        return _run_update(parsed.text, parsed.graphs, parsed.named)
    return _run_query(parsed.text, parsed.graphs, parsed.named, parsed.format)


def _run_query(text: str, graphs: list[str], named: list[str], fmt: str | None) -> Response:
    tokens = scan.check(text, "query", settings_of(current_app).allow_service)
    from_graphs, from_named = scan.dataset_clauses(tokens)
    # Graph names in FROM and in the dataset parameters are names of graphs in this store,
    # never addresses to fetch: a graph the store lacks is simply empty.
    for iri in graphs:
        graph_node(iri, "default-graph-uri")
    for iri in named:
        graph_node(iri, "named-graph-uri")
    results_type, graph_type = negotiation.negotiate(request.headers.get("Accept"), fmt)
    if results_type is None and graph_type is None:
        raise NotAcceptable(_offer_text())
    has_dataset = bool(graphs or named)
    job = QueryJob(
        query=text,
        results_type=results_type.media_type if results_type else None,
        graph_type=graph_type.media_type if graph_type else None,
        max_rows=settings_of(current_app).max_rows,
        default_graphs=tuple(graphs) if has_dataset else None,
        named_graphs=tuple(named) if has_dataset else None,
        union_default=not (from_graphs or from_named),
        base_iri=endpoint_iri(),
    )
    reply, cache_state = answer_job(job)
    return reply_response(reply, cache_state)


def _offer_text() -> str:
    return (
        "cannot produce any type in the Accept header; SELECT/ASK results: "
        f"{', '.join(f.media_type for f in RESULT_OFFERS)}; CONSTRUCT/DESCRIBE graphs: "
        f"{', '.join(f.media_type for f in GRAPH_OFFERS)}"
    )


def _run_update(text: str, using: list[str], using_named: list[str]) -> Response:
    settings = settings_of(current_app)
    require_token(request, settings)
    tokens = scan.check(text, "update", settings.allow_service)
    if using or using_named:
        if scan.has_dataset_clause(tokens):
            raise UsageError(
                "the update has USING/WITH and the request has using-graph-uri or "
                "using-named-graph-uri; use one or the other"
            )
        for iri in using:
            graph_node(iri, "using-graph-uri")
        for iri in using_named:
            graph_node(iri, "using-named-graph-uri")
        text = scan.add_using(text, tokens, using, using_named)
    text = scan.silence_graph_operations(text, scan.tokenize(text))
    # relative IRIs in the update resolve against the endpoint's own IRI
    run_update(text, endpoint_iri())
    return Response(status=204)
