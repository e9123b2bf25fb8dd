"""Canned queries: /queries, /queries/<name>, /openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from kg.canned import CannedQuery, get_query, load_queries, run_query
from kg.errors import UsageError
from kg.iris import BASE
from kg.results import (
    Result,
    check_format,
    formats_for,
    media_type,
    serialize_result,
    to_table,
)
from server.openapi import openapi_document

blueprint = Blueprint("queries", __name__)

_MEDIA_TO_FORMAT = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "text/html": "html",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}


def local_href(iri: str) -> str:
    """Project IRIs link to this server's own pages (``/id/X``, ``/ontology``)."""
    return "/" + iri.removeprefix(BASE) if iri.startswith(BASE) else iri


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


def _choose_format(result: Result) -> str:
    allowed = formats_for(result)
    requested = request.args.get("format")
    if requested:
        check_format(result, requested)
        return requested
    best = _preferred([m for m, fmt in _MEDIA_TO_FORMAT.items() if fmt in allowed])
    return _MEDIA_TO_FORMAT[best] if best else allowed[0]  # json for rows, ttl for graphs


@blueprint.get("/queries/<name>")
def run(name: str) -> Response | str:
    from server.app import current_store  # the app module imports this blueprint

    query = get_query(name)
    raw = {key: value for key, value in request.args.items() if key != "format"}
    result = run_query(current_store(), query, raw)
    fmt = _choose_format(result)
    if fmt == "html":
        return render_template(
            "query.html",
            query=_describe(query),
            text=query.text,
            values=raw,
            table=to_table(result),
            href=local_href,
            formats=[f for f in formats_for(result) if f != "html"],
        )
    response = Response(serialize_result(result, fmt), mimetype=media_type(result, fmt))
    response.headers["Vary"] = "Accept"
    return response


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(load_queries()))
