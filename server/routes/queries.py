"""Canned queries: /queries, /queries/<name>, /openapi.json.

A canned query runs like a /sparql query: in the query workers, with the hard timeout (503)
and the row cap (``X-Result-Truncated``/``X-Result-Limit``) and through the answer cache; its
parameters are bound by a leading ``VALUES`` clause written from typed RDF terms
(:func:`kg.publish.canned.bound_text`), never by pasting the raw input into the query.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from kg.publish.canned import (
    CannedQuery,
    Substitutions,
    bind_params,
    bound_text,
    get_query,
    load_queries,
)
from kg.rdf.formats import HTML, JSON, N_TRIPLES, RESULTS_JSON, Format
from kg.rdf.results import (
    Table,
    offers_for,
    render_text_table,
    to_table,
    triples_table,
)
from server import negotiation, spool
from server.answers import answer_headers, answer_job, reply_response
from server.evaluation import QueryJob, QueryReply
from server.links import href_for
from server.openapi import openapi_document
from server.state import settings_of

blueprint = Blueprint("queries", __name__)

GRAPH_FORMS = ("construct", "describe")
#: The query list (``/queries``): plain JSON, or the HTML page.
LISTING_OFFERS = (JSON, HTML)


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


def _wants_html() -> bool:
    chosen = negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), LISTING_OFFERS, "/queries"
    )
    return chosen is HTML


@blueprint.get("/queries")
def index() -> Response | str:
    queries = load_queries()
    if _wants_html():
        return render_template("queries.html", queries=[_describe(q) for q in queries.values()])
    return jsonify({"queries": [_describe(q) for q in queries.values()]})


def _offers(query: CannedQuery) -> tuple[Format, ...]:
    """The formats that can express the answer of ``query`` (known before running it)."""
    return offers_for(query.form in GRAPH_FORMS)


def _choose_format(query: CannedQuery) -> Format:
    kind = "a graph (CONSTRUCT)" if query.form in GRAPH_FORMS else "rows"
    return negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), _offers(query), kind
    )


def _job(query: CannedQuery, substitutions: Substitutions, fmt: Format) -> QueryJob:
    """The engine job: HTML and text ask for JSON results / N-Triples and are rendered here."""
    graph = query.form in GRAPH_FORMS
    wire = fmt if fmt.kind in ("rdf", "results") else (N_TRIPLES if graph else RESULTS_JSON)
    media = wire.media_type
    return QueryJob(
        query=bound_text(query, substitutions),
        results_type=None if graph else media,
        graph_type=media if graph else None,
        max_rows=settings_of(current_app).max_rows,
    )


def _table(reply: QueryReply) -> Table:
    """Rows for the HTML page or the text table, parsed back from the worker's bytes."""
    body = spool.read_spooled(reply)
    if reply.media_type == N_TRIPLES.media_type:
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
    if fmt.kind in ("rdf", "results"):
        return reply_response(reply, cache_state)
    table = _table(reply)
    if fmt is HTML:
        body = render_template(
            "query.html",
            query=_describe(query),
            text=query.text,
            values=raw,
            table=table,
            href=href_for,
            formats=[f.name for f in _offers(query) if f is not HTML],
        )
    else:
        body = render_text_table(table)
    response = Response(body, content_type=fmt.content_type)
    answer_headers(response, reply, cache_state)
    return response


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(load_queries()))
