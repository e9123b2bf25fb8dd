"""Read a SPARQL 1.1 Protocol request (query or update) off a Flask request, strictly.

Every way a request can be malformed ends in a 4xx with a message saying what to send
instead: more than one ``query``, a missing or wrong media type, a charset other than
UTF-8, an update sent with GET, a body that is not UTF-8.
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


def _parse_form(request: Request) -> MultiDict[str, str]:
    raw = _decode(request.get_data(cache=True), "form body")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise UsageError("a percent-encoded form value is not valid UTF-8") from None
    return MultiDict(pairs)


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
    if mimetype == FORM:
        params = _parse_form(request)
        query = _single(params, "query")
        update = _single(params, "update")
        if query is not None and update is not None:
            raise UsageError("send either `query` or `update`, not both")
        fmt = _single(params, "format") or request.args.get("format")
        if query is not None:
            return _sparql_request("query", query, params, request.args, fmt=fmt)
        if update is not None:
            return _sparql_request("update", update, params, request.args)
        raise UsageError("the form has neither a `query` nor an `update` parameter")
    if mimetype == SPARQL_QUERY:
        query = _decode(request.get_data(cache=True), "query")
        return _sparql_request("query", query, request.args, fmt=request.args.get("format"))
    if mimetype == SPARQL_UPDATE:
        update = _decode(request.get_data(cache=True), "update")
        return _sparql_request("update", update, request.args)
    shown = mimetype or "no Content-Type"
    raise UnsupportedMediaType(
        f"{shown} is not a SPARQL protocol media type; POST a query as {SPARQL_QUERY} or "
        f"{FORM} (query=…), an update as {SPARQL_UPDATE} or {FORM} (update=…)"
    )


def _read_get(request: Request) -> SparqlRequest:
    if "update" in request.args:
        raise UsageError("updates must be sent with POST, never GET")
    query = _single(request.args, "query")
    if query is None:
        if "default-graph-uri" in request.args or "named-graph-uri" in request.args:
            raise UsageError("the request names graphs but has no `query` parameter")
        return SparqlRequest("description", format=request.args.get("format"))
    return _sparql_request("query", query, request.args, fmt=request.args.get("format"))


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
