"""SPARQL 1.1 Protocol at /sparql: query, update and the Service Description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import NotAcceptable

from kg.errors import UsageError
from kg.publish.canned import load_queries
from kg.rdf import scan
from kg.rdf.formats import GRAPH_OFFERS, HTML, RESULT_OFFERS
from kg.rdf.terms import PREFIXES
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
    if request.method == "GET" and _prefers_html():
        return _editor(request.args.get("query", ""))
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


#: Prefixes the editor predeclares in a new query (the rest are offered by completion).
EDITOR_PREFIXES = ("cmkg", "cmkgid", "rdf", "rdfs", "skos", "dcterms", "prov", "oa", "xsd")


def _prefers_html() -> bool:
    """A browser asking for a page: ``format=html``, or an ``Accept`` header under which the
    one negotiator ranks HTML above every protocol answer. HTML is offered last, so no
    ``Accept``, ``*/*`` or any SPARQL media type still gets the protocol answer."""
    fmt = request.args.get("format")
    if fmt:
        return fmt.strip().lower() in (*HTML.names, HTML.name, *HTML.media_types)
    offers = (*RESULT_OFFERS, *GRAPH_OFFERS, HTML)
    return negotiation.choose(request.headers.get("Accept"), offers) is HTML


def _editor(query: str) -> Response:
    """The YASGUI editor: protocol requests to this endpoint, results linked to /id/ pages."""
    prefixes = {name: PREFIXES[name] for name in EDITOR_PREFIXES}
    header = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
    examples = [
        {"name": q.name, "summary": q.summary, "query": q.text} for q in load_queries().values()
    ]
    body = render_template(
        "sparql.html",
        config={
            "endpoint": request.path,
            "query": query
            or header
            + "\nSELECT ?s ?label WHERE {\n  ?s a cmkg:Proposal ;"
            " rdfs:label ?label .\n}\nLIMIT 100\n",
            "run": bool(query),
            "prefixes": dict(PREFIXES),
            "examples": examples,
        },
    )
    response = Response(body, content_type=HTML.content_type)
    response.vary.add("Accept")
    return response


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
