"""Answering queries, shared by /sparql and /queries: the answer cache, the engine, the
headers of every answer, syntax errors naming line and column, and graph-name checks."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Response, request
from werkzeug.exceptions import NotAcceptable

from kg.errors import KGError, QuerySyntaxError, UsageError
from server import negotiation, spool
from server.evaluation import QueryJob, QueryReply
from server.state import current_cache, current_engine

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


def graph_node(iri: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"{what} {iri!r} is not a valid absolute IRI") from None


def answer_job(job: QueryJob, what: str = "query") -> tuple[QueryReply, str]:
    """``job``'s reply from the answer cache or the engine (hard timeout: 503), and ``hit`` or
    ``miss``; a failed reply is raised as the matching error (``what`` names the query)."""
    cache = current_cache()
    reply = cache.get(job)
    cache_state = "hit"
    if reply is None:
        cache_state = "miss"
        generation = cache.generation
        reply = current_engine().run(job, client=request.remote_addr or "")
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
