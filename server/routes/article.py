"""The article reader at ``/article/<id>``: the stored text with every extracted fact
highlighted at its offsets, and curator decisions (``POST /article/<id>/review``).

Decisions need the update token and are written to ``corpus/review/<id>.yaml`` exactly as
``kg review --accept/--reject`` writes them (same functions, atomic write); they reach the
graph with the next ``kg build``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from kg.corpus.files import is_article_id, read_meta, read_text, require_article, review_path
from kg.corpus.review import load_review, record_decisions, save_review
from kg.errors import InputError, NotFoundError, UsageError
from kg.rdf.formats import HTML
from kg.rdf.terms import article_iri
from server.labels import COLOURS, OTHER
from server.protocol import require_token
from server.reader import facts_of, segments
from server.state import current_settings, settings_of

blueprint = Blueprint("article", __name__)

#: What a curator may record here, by the name the page sends.
DECISIONS = {"accept": "accepted", "reject": "rejected", "reset": "candidate"}


def _require(article_id: str) -> None:
    if not is_article_id(article_id):
        raise NotFoundError(f"no article {article_id!r}")
    require_article(current_settings(), article_id)


@blueprint.get("/article/<article_id>")
def reader(article_id: str) -> Response:
    settings = current_settings()
    try:
        _require(article_id)
    except NotFoundError as exc:
        page = render_template("not_found.html", message=exc.message, iri=article_iri(article_id))
        return Response(page, status=404, content_type=HTML.content_type)
    text = read_text(settings, article_id)
    try:
        meta = read_meta(settings, article_id)
        title, date = meta.title, meta.date
    except InputError:
        title, date = article_id, ""
    path = review_path(settings, article_id)
    review = load_review(path) if path.is_file() else None
    facts = facts_of(review, text)
    kinds = sorted({f.type for f in facts})
    body = render_template(
        "article.html",
        article_id=article_id,
        iri=article_iri(article_id),
        title=title,
        date=date,
        facts=facts,
        segments=segments(text, facts),
        legend=[(kind, COLOURS.get(kind, OTHER)) for kind in kinds],
        has_review=review is not None,
        can_review=bool(settings.update_token),
    )
    return Response(body, content_type=HTML.content_type)


def _ids(payload: dict[str, Any], key: str) -> list[str]:
    value = payload.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"`{key}` must be a list of candidate ids")
    return list(value)


@blueprint.post("/article/<article_id>/review")
def review(article_id: str) -> Response:
    """Record decisions sent as JSON ``{"accept": [ids], "reject": [ids], "reset": [ids]}``."""
    settings = settings_of(current_app)
    require_token(request, settings)
    _require(article_id)
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise UsageError('send JSON like {"accept": ["candidate-id"], "reject": []}')
    unknown = sorted(set(payload) - set(DECISIONS))
    if unknown:
        raise UsageError(f"unknown key {unknown[0]!r}; use {', '.join(DECISIONS)}")
    decisions = {status: _ids(payload, key) for key, status in DECISIONS.items()}
    if not any(decisions.values()):
        raise UsageError("no decision given; name candidate ids under accept, reject or reset")
    path = review_path(settings, article_id)
    if not path.is_file():
        raise UsageError(f"{article_id} has no review file yet; run `kg extract {article_id}`")
    current = load_review(path)
    changed = record_decisions(current, decisions)
    save_review(path, current)
    return jsonify(
        {
            "article": article_id,
            "recorded": changed,
            "statuses": {c.id: c.status for c in current.candidates},
            "note": "decisions take effect in the graph with the next `kg build`",
        }
    )
