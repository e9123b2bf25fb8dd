"""Full-text search at ``/search?q=`` (HTML or JSON) and name completion for form pickers.

Both read the index ``kg build`` writes to ``build/search.sqlite``
(:mod:`kg.publish.search`): labels, aliases and evidence quotes, ranked by BM25.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request
from markupsafe import Markup, escape

from kg.errors import KGError, UsageError
from kg.publish.search import CLOSE, INDEX_FILE, OPEN, Hit, complete, search
from kg.rdf.formats import HTML, JSON
from server import negotiation
from server.links import href_for
from server.state import current_settings

blueprint = Blueprint("search", __name__)

SEARCH_OFFERS = (JSON, HTML)
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def highlighted(snippet: str) -> Markup:
    """A snippet as HTML: the text escaped, the matched words in ``<mark>``."""
    html = str(escape(snippet)).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return Markup(html)


def _number(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit():
        raise UsageError(f"{name} must be a whole number; got {raw!r}")
    return max(low, min(high, int(raw)))


def _hit_json(hit: Hit) -> dict[str, object]:
    return {
        "iri": hit.iri,
        "label": hit.label,
        "class": hit.kind,
        "href": href_for(hit.iri),
        "snippet": hit.snippet.replace(OPEN, "").replace(CLOSE, ""),
        "score": round(hit.score, 4),
    }


@blueprint.get("/search")
def search_page() -> Response | str:
    fmt = negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), SEARCH_OFFERS, "search results"
    )
    text = request.args.get("q", "").strip()
    limit = _number("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _number("page", 1, 1, 10_000)
    index = current_settings().build / INDEX_FILE
    if fmt is JSON:
        if not text:
            raise UsageError("add the words to look for: /search?q=putin")
        hits, total = search(index, text, limit, (page - 1) * limit)
        return jsonify(
            {"query": text, "total": total, "page": page, "hits": [_hit_json(h) for h in hits]}
        )
    hits, total, problem = [], 0, ""
    if text:
        try:
            hits, total = search(index, text, limit, (page - 1) * limit)
        except KGError as exc:
            problem = exc.message
    return render_template(
        "search.html",
        search_text=text,
        hits=[(h, href_for(h.iri), highlighted(h.snippet)) for h in hits],
        total=total,
        page=page,
        limit=limit,
        problem=problem,
    )


@blueprint.get("/search/complete")
def complete_names() -> Response:
    """Names starting with ``q`` for a form picker, optionally only instances of ``class``."""
    text = request.args.get("q", "").strip()
    kind = request.args.get("class", "").strip()
    index = current_settings().build / INDEX_FILE
    found = complete(index, text, kind or None) if text else []
    return jsonify([{"iri": h.iri, "label": h.label, "class": h.kind} for h in found])
