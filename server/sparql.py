"""SPARQL 1.1 Protocol at /sparql: query, update and the Service Description."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import NotAcceptable

from kg.errors import KGError, QuerySyntaxError, UsageError
from server import negotiation, scan, spool
from server.app import (
    current_cache,
    current_engine,
    current_store,
    note_store_changed,
    settings_of,
)
from server.evaluation import QueryJob, QueryReply
from server.protocol import read_sparql_request, require_token
from server.service_description import describe_service

blueprint = Blueprint("sparql", __name__)

_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.DOTALL)


def syntax_error(message: str, what: str) -> QuerySyntaxError:
    """pyoxigraph's ``error at 3:7: expected …`` as a message naming line and column."""
    match = _POSITION.match(message)
    if match:
        line, column, detail = match.groups()
        return QuerySyntaxError(
            f"SPARQL {what} syntax error at line {line}, column {column}: {detail}"
        )
    return QuerySyntaxError(f"SPARQL {what} syntax error: {message}")


def _graph_node(iri: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"{what} {iri!r} is not a valid absolute IRI") from None


def check_local_graphs(store: ox.Store, iris: list[str], what: str) -> None:
    """Refuse datasets naming graphs this store lacks: nothing is ever fetched from the web."""
    for iri in iris:
        if not store.contains_named_graph(_graph_node(iri, what)):
            raise UsageError(
                f"{what} <{iri}> is not a graph in this store and this endpoint never "
                "fetches remote data; list the local graphs at /stats"
            )


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql_endpoint() -> Response:
    parsed = read_sparql_request(request)
    if parsed.kind == "description":
        return describe_service(parsed.format)
    if parsed.kind == "update":
        return _run_update(parsed.text, parsed.graphs, parsed.named)
    return _run_query(parsed.text, parsed.graphs, parsed.named, parsed.format)


def _run_query(text: str, graphs: list[str], named: list[str], fmt: str | None) -> Response:
    store = current_store()
    from_graphs: list[str] = []
    from_named: list[str] = []
    if scan.may_need_checks(text):
        tokens = scan.tokenize(text)
        scan.refuse_outbound(tokens)
        from_graphs, from_named = scan.dataset_clauses(tokens)
    check_local_graphs(store, from_graphs, "FROM")
    check_local_graphs(store, from_named, "FROM NAMED")
    check_local_graphs(store, graphs, "default-graph-uri")
    check_local_graphs(store, named, "named-graph-uri")
    results_type, graph_type = negotiation.negotiate(request.headers.get("Accept"), fmt)
    if results_type is None and graph_type is None:
        raise NotAcceptable(_offer_text())
    has_dataset = bool(graphs or named)
    job = QueryJob(
        query=text,
        results_type=results_type,
        graph_type=graph_type,
        max_rows=settings_of(current_app).max_rows,
        default_graphs=tuple(graphs) if has_dataset else None,
        named_graphs=tuple(named) if has_dataset else None,
        union_default=not (from_graphs or from_named),
    )
    reply, cache_state = answer_job(job)
    return reply_response(reply, cache_state)


def answer_job(job: QueryJob, what: str = "query") -> tuple[QueryReply, str]:
    """``job``'s reply from the answer cache or the engine (hard timeout: 503), and ``hit`` or
    ``miss``; a failed reply is raised as the matching error (``what`` names the query)."""
    cache = current_cache()
    reply = cache.get(job)
    cache_state = "hit"
    if reply is None:
        cache_state = "miss"
        generation = cache.generation
        reply = current_engine().run(job)
        cache.put(job, reply, generation)
    if reply.outcome == "syntax":
        raise syntax_error(reply.message, what)
    if reply.outcome == "not-acceptable":
        raise NotAcceptable(reply.message)
    if reply.outcome != "ok":
        raise KGError(reply.message)
    return reply, cache_state


def answer_headers(response: Response, reply: QueryReply, cache_state: str) -> None:
    """The headers of every query answer: ``Vary``, ``X-Cache`` and, when the answer was cut
    at the row cap, ``X-Result-Truncated``/``X-Result-Limit``."""
    response.headers["Vary"] = "Accept"
    response.headers["X-Cache"] = cache_state
    if reply.truncated:
        response.headers["X-Result-Truncated"] = "true"
        response.headers["X-Result-Limit"] = str(reply.rows)


def reply_response(reply: QueryReply, cache_state: str) -> Response:
    """The HTTP response carrying a successful ``reply`` as the worker serialised it; a
    spooled (large) answer is streamed from its file, which is deleted once the response
    is closed."""
    content_type = negotiation.with_charset(reply.media_type)
    if reply.spool:
        response = spool.streamed_response(reply, content_type)
    else:
        response = Response(reply.body, content_type=content_type)
    answer_headers(response, reply, cache_state)
    return response


def _offer_text() -> str:
    return (
        "cannot produce any type in the Accept header; SELECT/ASK results: "
        f"{', '.join(negotiation.RESULT_TYPES)}; CONSTRUCT/DESCRIBE graphs: "
        f"{', '.join(negotiation.GRAPH_TYPES)}"
    )


def _run_update(text: str, using: list[str], using_named: list[str]) -> Response:
    require_token(request, settings_of(current_app))
    tokens = scan.tokenize(text)
    scan.refuse_outbound(tokens)
    if using or using_named:
        if scan.has_dataset_clause(tokens):
            raise UsageError(
                "the update has USING/WITH and the request has using-graph-uri or "
                "using-named-graph-uri; use one or the other"
            )
        for iri in using:
            _graph_node(iri, "using-graph-uri")
        for iri in using_named:
            _graph_node(iri, "using-named-graph-uri")
        text = scan.add_using(text, tokens, using, using_named)
    store = current_store()
    try:
        store.update(text)
    except SyntaxError as exc:
        raise syntax_error(str(exc), "update") from None
    except OSError as exc:
        raise KGError(f"the update failed and was not applied: {exc}") from None
    note_store_changed()
    return Response(status=204)
