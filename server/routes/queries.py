"""Canned queries: /queries, /queries/<name>, /openapi.json.

A canned query runs like a /sparql query: in the query workers, with the hard timeout (503)
and the row cap (``X-Result-Truncated``/``X-Result-Limit``) and through the answer cache; its
parameters travel as Oxigraph ``substitutions``, never as query text.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from kg.errors import UsageError
from kg.publish.canned import CannedQuery, Substitutions, bind_params, get_query, load_queries
from kg.rdf.results import (
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    TEXT_FORMATS,
    Table,
    render_text_table,
    to_table,
    triples_table,
)
from server import negotiation, spool
from server.answers import answer_headers, answer_job, reply_response
from server.evaluation import QueryJob, QueryReply, substitution_pairs
from server.links import href_for
from server.openapi import openapi_document
from server.state import settings_of

blueprint = Blueprint("queries", __name__)

GRAPH_FORMS = ("construct", "describe")
#: Formats the query workers write themselves, by media type.
_WIRE_MEDIA = {
    "json": negotiation.RESULTS_JSON,
    "csv": negotiation.CSV,
    "tsv": negotiation.TSV,
    "xml": negotiation.RESULTS_XML,
    "ttl": negotiation.TURTLE,
    "nt": negotiation.N_TRIPLES,
    "jsonld": negotiation.JSON_LD,
}

#: Media types a client may ask for by ``Accept``, with the format name each one means.
_MEDIA_TO_FORMAT = {media: fmt for fmt, media in _WIRE_MEDIA.items()} | {
    "application/json": "json",
    "text/html": "html",
}


def _describe(query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "form": query.form,
        "iri": query.iri,
        "url": url_for("queries.run", name=query.name),
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "default": p.default,
                "description": p.description,
            }
            for p in query.params
        ],
    }


def _preferred(offered: list[str]) -> str | None:
    """The offered media type the client ranks highest by name; wildcards choose nothing."""
    ranked = [
        (quality, -index, value)
        for index, (value, quality) in enumerate(request.accept_mimetypes)
        if value in offered and quality > 0
    ]
    return max(ranked)[2] if ranked else None


def _wants_html() -> bool:
    requested = request.args.get("format")
    if requested not in (None, "json", "html"):
        raise UsageError("format must be json or html for /queries")
    if requested:
        return requested == "html"
    return _preferred(["application/json", "text/html"]) == "text/html"


@blueprint.get("/queries")
def index() -> Response | str:
    queries = load_queries()
    if _wants_html():
        return render_template("queries.html", queries=[_describe(q) for q in queries.values()])
    return jsonify({"queries": [_describe(q) for q in queries.values()]})


def _formats(query: CannedQuery) -> list[str]:
    """The format names that can express the answer of ``query`` (known before running it)."""
    if query.form in GRAPH_FORMS:
        return [*GRAPH_FORMATS, *TEXT_FORMATS]
    return [*SOLUTION_FORMATS, *TEXT_FORMATS]


def _choose_format(query: CannedQuery) -> str:
    allowed = _formats(query)
    requested = request.args.get("format")
    if requested:
        if requested not in allowed:
            kind = "a graph (CONSTRUCT)" if query.form in GRAPH_FORMS else "rows"
            raise UsageError(
                f"format {requested!r} cannot express {kind}; use one of {', '.join(allowed)}"
            )
        return requested
    best = _preferred([m for m, fmt in _MEDIA_TO_FORMAT.items() if fmt in allowed])
    return _MEDIA_TO_FORMAT[best] if best else allowed[0]  # json for rows, ttl for graphs


def _job(query: CannedQuery, substitutions: Substitutions, fmt: str) -> QueryJob:
    """The engine job: text formats ask for JSON results / N-Triples and are rendered here."""
    graph = query.form in GRAPH_FORMS
    media = _WIRE_MEDIA.get(fmt) or (negotiation.N_TRIPLES if graph else negotiation.RESULTS_JSON)
    return QueryJob(
        query=query.text,
        results_type=None if graph else media,
        graph_type=media if graph else None,
        max_rows=settings_of(current_app).max_rows,
        substitutions=substitution_pairs(substitutions),
    )


def _table(reply: QueryReply) -> Table:
    """Rows for the HTML page or the text table, parsed back from the worker's bytes."""
    body = spool.read_spooled(reply)
    if reply.media_type == negotiation.N_TRIPLES:
        return triples_table(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    return to_table(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))


@blueprint.get("/queries/<name>")
def run(name: str) -> Response:
    """Run a canned query in the query workers: same timeout (503) and row cap as /sparql."""
    query = get_query(name)
    raw = {key: value for key, value in request.args.items() if key != "format"}
    substitutions = bind_params(query, raw)
    fmt = _choose_format(query)
    reply, cache_state = answer_job(_job(query, substitutions, fmt), f"canned query {name}")
    if fmt not in TEXT_FORMATS:
        return reply_response(reply, cache_state)
    table = _table(reply)
    if fmt == "html":
        body = render_template(
            "query.html",
            query=_describe(query),
            text=query.text,
            values=raw,
            table=table,
            href=href_for,
            formats=[f for f in _formats(query) if f != "html"],
        )
    else:
        body = render_text_table(table)
    response = Response(body, content_type=TEXT_FORMATS[fmt])
    answer_headers(response, reply, cache_state)
    return response


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(load_queries()))
