"""Canned queries: /queries, /queries/<name>, /openapi.json.

A canned query runs like a /sparql query: in the query workers, with the hard timeout (503)
and the row cap (``X-Result-Truncated``/``X-Result-Limit``) and through the answer cache; its
parameters are bound by a leading ``VALUES`` clause written from typed RDF terms
(:func:`kg.publish.canned.bound_text`), never by pasting the raw input into the query.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from markupsafe import Markup, escape

from kg.errors import UsageError
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
    Cell,
    Table,
    offers_for,
    render_text_table,
    to_table,
    triples_table,
)
from server import negotiation, spool, views
from server.answers import answer_headers, answer_job, reply_response
from server.evaluation import QueryJob, QueryReply
from server.labels import labels_for
from server.links import href_for
from server.openapi import openapi_document
from server.state import current_store, settings_of

blueprint = Blueprint("queries", __name__)

GRAPH_FORMS = ("construct", "describe")
#: Request parameters of the HTML page itself, never passed to the query.
PAGE_PARAMS = ("format", "view", "page", "sort", "order", "per_page")
PER_PAGE = 50
MAX_PER_PAGE = 1000
#: The query list (``/queries``): plain JSON, or the HTML page.
LISTING_OFFERS = (JSON, HTML)


_CODE = re.compile(r"`([^`]+)`")


@blueprint.app_template_filter("markdown_code")
def markdown_code(text: str) -> Markup:
    """Query descriptions' Markdown code spans (`as_of`) as <code>; everything else escaped."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


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
                "values": list(p.values),
                "class": p.cls,
            }
            for p in query.params
        ],
        "views": [{"name": v.name, "title": v.title} for v in views.views_of(query.name)],
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
    raw = {key: value for key, value in request.args.items() if key not in PAGE_PARAMS}
    view = request.args.get("view")
    fmt = HTML if view else _choose_format(query)
    if fmt is HTML:
        return _page(query, raw, view)
    substitutions = bind_params(query, raw)
    reply, cache_state = answer_job(_job(query, substitutions, fmt), f"canned query {name}")
    if fmt.kind in ("rdf", "results"):
        return reply_response(reply, cache_state)
    response = Response(render_text_table(_table(reply)), content_type=fmt.content_type)
    answer_headers(response, reply, cache_state)
    return response


def _missing(query: CannedQuery, raw: dict[str, str]) -> list[str]:
    return [p.name for p in query.params if p.required and not raw.get(p.name)]


def _page(query: CannedQuery, raw: dict[str, str], view_name: str | None) -> Response:
    """The query's HTML page: its form, then the answer as a sortable, paged table or as
    the view ``view_name``. A missing parameter shows the form; a bad one the form with the
    message (status 400), never a bare JSON error."""
    view = views.find_view(query.name, view_name) if view_name else None
    if view_name and view is None:
        offered = ", ".join(v.name for v in views.views_of(query.name)) or "none"
        raise UsageError(f"query {query.name} has no view {view_name!r}; its views: {offered}")
    context: dict[str, Any] = {
        "query": _describe(query),
        "text": query.text,
        "values": raw,
        "formats": [f.name for f in _offers(query) if f is not HTML],
        "view": view,
        "problem": "",
        "missing": _missing(query, raw),
        "table": None,
    }
    status = 200
    answered: tuple[QueryReply, str] | None = None
    if not context["missing"]:
        try:
            substitutions = bind_params(query, raw)
        except UsageError as exc:
            context["problem"], status = exc.message, 400
        else:
            reply, cache_state = answer_job(
                _job(query, substitutions, HTML), f"canned query {query.name}"
            )
            table = _table(reply)
            if view is not None:
                context.update(_view_context(view, table, reply))
            else:
                context.update(_table_context(_without_params(table, query)))
            context["truncated"] = reply.truncated
            answered = (reply, cache_state)
    template = "query_view.html" if view is not None else "query.html"
    response = Response(
        render_template(template, **context), status=status, content_type=HTML.content_type
    )
    if answered is not None:
        answer_headers(response, *answered)
    response.headers["Vary"] = "Accept"
    return response


def _view_context(view: views.View, table: Table, reply: QueryReply) -> dict[str, Any]:
    if view.name == "network":
        body = spool.read_spooled(reply)
        triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return {"elements": views.network(current_store(), triples), "rows": len(table.rows)}
    spec = views.chart_spec(table) if view.name == "chart" else views.timeline_spec(table)
    return {"spec": spec, "rows": len(table.rows)}


def _without_params(table: Table, query: CannedQuery) -> Table:
    """The table without the columns that only echo a parameter (Oxigraph binds a parameter
    only when the query projects it); the form above shows those values."""
    names = {p.name for p in query.params}
    keep = [i for i, column in enumerate(table.columns) if column not in names]
    if len(keep) in (0, len(table.columns)):
        return table
    return Table([table.columns[i] for i in keep], [[row[i] for i in keep] for row in table.rows])


def _number(name: str, default: int, high: int) -> int:
    raw = request.args.get(name, "")
    return max(1, min(high, int(raw))) if raw.isdigit() else default


def _sort_key(column: int, numeric: bool) -> Any:
    def key(row: list[Cell]) -> tuple[int, Any]:
        text = row[column].text
        if not text:
            return (1, 0.0 if numeric else "")
        return (0, float(text) if numeric else text.casefold())

    return key


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _table_context(table: Table) -> dict[str, Any]:
    """Sorting (``sort``, ``order``), paging (``page``, ``per_page``) and labels for IRIs."""
    rows = table.rows
    sort = request.args.get("sort", "")
    order = "desc" if request.args.get("order") == "desc" else "asc"
    if sort in table.columns:
        column = table.columns.index(sort)
        numeric = all(_is_number(r[column].text) for r in rows if r[column].text)
        rows = sorted(rows, key=_sort_key(column, numeric), reverse=order == "desc")
    per_page = _number("per_page", PER_PAGE, MAX_PER_PAGE)
    pages = max(1, -(-len(rows) // per_page))
    page = min(_number("page", 1, 1_000_000), pages)
    shown = rows[(page - 1) * per_page : page * per_page]
    labels = labels_for(current_store(), (c.iri for r in shown for c in r if c.iri))
    cells = [
        [
            {
                "text": labels.get(c.iri, c.text) if c.iri else c.text,
                "iri": c.iri or "",
                "href": href_for(c.iri) if c.iri else "",
            }
            for c in row
        ]
        for row in shown
    ]
    return {
        "table": {"columns": table.columns, "rows": cells, "total": len(table.rows)},
        "sort": sort if sort in table.columns else "",
        "order": order,
        "page": page,
        "pages": pages,
        "per_page": per_page,
    }


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(load_queries()))
