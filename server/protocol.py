"""Read a SPARQL 1.1 Protocol request (query or update) off a Flask request, strictly.

Every way a request can be malformed ends in a 4xx with a message saying what to send
instead: more than one ``query``, a missing or wrong media type, a charset other than
UTF-8, an update sent with GET, a body or query string that is not UTF-8 (``%FF`` is a 400
in a GET query string as in a POSTed form).

``format`` may be repeated when the values agree: SPARQLWrapper sends ``format=tsv`` and
``format=text/tab-separated-values`` (and a comma-separated list for JSON-LD).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from flask import Request
from werkzeug.datastructures import MultiDict, WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized, UnsupportedMediaType

from kg.config import Settings
from kg.errors import UsageError
from kg.rdf.formats import GRAPH_OFFERS, RESULT_OFFERS, by_name

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class SparqlRequest:
    """``kind`` is ``query``, ``update`` or ``description`` (a bare GET)."""

    kind: str
    text: str = ""
    graphs: list[str] = field(default_factory=list)  # default-graph-uri / using-graph-uri
    named: list[str] = field(default_factory=list)  # named-graph-uri / using-named-graph-uri
    format: str | None = None


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"the {what} is not valid UTF-8 (byte {exc.start}); send UTF-8 text"
        ) from None


def check_charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(
            f"charset {charset} is not supported; send the request body as UTF-8 (charset=utf-8)"
        )


def _parse_pairs(raw: str, what: str) -> MultiDict[str, str]:
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise UsageError(f"a percent-encoded {what} value is not valid UTF-8") from None
    return MultiDict(pairs)


def _parse_form(request: Request) -> MultiDict[str, str]:
    return _parse_pairs(_decode(request.get_data(cache=True), "form body"), "form")


def _query_args(request: Request) -> MultiDict[str, str]:
    """The URL's query parameters, decoded strictly (werkzeug's ``request.args`` replaces
    bytes that are not UTF-8)."""
    return _parse_pairs(_decode(request.query_string, "query string"), "query string")


def _format(*sources: MultiDict[str, str]) -> str | None:
    """The ``format`` parameter: one value, or several that name the same format."""
    values = [
        item.strip()
        for source in sources
        for value in source.getlist("format")
        for item in value.split(",")
        if item.strip()
    ]
    if len(values) <= 1:
        return values[0] if values else None
    known = [
        (value, by_name(value, RESULT_OFFERS), by_name(value, GRAPH_OFFERS)) for value in values
    ]
    known = [entry for entry in known if entry[1] is not None or entry[2] is not None]
    if not known:
        return values[0]  # unknown: the negotiator says which names it knows
    results = {entry[1].name for entry in known if entry[1] is not None}
    graphs = {entry[2].name for entry in known if entry[2] is not None}
    if len(results) > 1 or len(graphs) > 1:
        raise UsageError(
            f"the request has `format` parameters that disagree ({', '.join(values)}); "
            "send one format"
        )
    return max(known, key=lambda entry: (entry[1] is not None) + (entry[2] is not None))[0]


def _single(params: MultiDict[str, str], name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise UsageError(f"the request has {len(values)} `{name}` parameters; send exactly one")
    return values[0] if values else None


#: The parameters naming a request's dataset: (graphs, named graphs), by kind of request.
_DATASET_PARAMS = {
    "query": ("default-graph-uri", "named-graph-uri"),
    "update": ("using-graph-uri", "using-named-graph-uri"),
}


def _sparql_request(
    kind: str, text: str, *sources: MultiDict[str, str], fmt: str | None = None
) -> SparqlRequest:
    """A request of ``kind`` whose dataset parameters are gathered from ``sources`` in order."""
    graphs, named = _DATASET_PARAMS[kind]
    return SparqlRequest(
        kind,
        text,
        [iri for source in sources for iri in source.getlist(graphs)],
        [iri for source in sources for iri in source.getlist(named)],
        fmt,
    )


def read_sparql_request(request: Request) -> SparqlRequest:
    """Classify and validate a request to ``/sparql``."""
    if request.method in ("GET", "HEAD"):
        return _read_get(request)
    check_charset(request)
    mimetype = request.mimetype
    args = _query_args(request)
    if mimetype == FORM:
        params = _parse_form(request)
        query = _single(params, "query")
        update = _single(params, "update")
        if query is not None and update is not None:
            raise UsageError("send either `query` or `update`, not both")
        if query is not None:
            return _sparql_request("query", query, params, args, fmt=_format(params, args))
        if update is not None:
            return _sparql_request("update", update, params, args)
        raise UsageError("the form has neither a `query` nor an `update` parameter")
    if mimetype == SPARQL_QUERY:
        query = _decode(request.get_data(cache=True), "query")
        return _sparql_request("query", query, args, fmt=_format(args))
    if mimetype == SPARQL_UPDATE:
        update = _decode(request.get_data(cache=True), "update")
        return _sparql_request("update", update, args)
    shown = mimetype or "no Content-Type"
    raise UnsupportedMediaType(
        f"{shown} is not a SPARQL protocol media type; POST a query as {SPARQL_QUERY} or "
        f"{FORM} (query=…), an update as {SPARQL_UPDATE} or {FORM} (update=…)"
    )


def _read_get(request: Request) -> SparqlRequest:
    args = _query_args(request)
    if "update" in args:
        raise UsageError("updates must be sent with POST, never GET")
    query = _single(args, "query")
    if query is None:
        if "default-graph-uri" in args or "named-graph-uri" in args:
            raise UsageError("the request names graphs but has no `query` parameter")
        return SparqlRequest("description", format=_format(args))
    return _sparql_request("query", query, args, fmt=_format(args))


def require_token(request: Request, settings: Settings) -> None:
    """Allow a write only with ``Authorization: Bearer <the configured token>``."""
    if not settings.update_token:
        raise Forbidden(
            "updates are disabled on this server; start it with --update-token "
            "(or KG_UPDATE_TOKEN) to allow them"
        )
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    expected = settings.update_token.encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected
    ):
        raise Unauthorized(
            "this request changes the store: send `Authorization: Bearer <update token>`",
            www_authenticate=WWWAuthenticate("bearer", {"realm": "cmkg"}),
        )
