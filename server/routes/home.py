"""The landing page at ``/``: what the graph holds and where to go from here."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from kg.publish.canned import load_queries
from kg.rdf.formats import EXPORT_OFFERS, HTML, JSON
from server import negotiation
from server.labels import counts_by_class, latest_articles
from server.payloads import cached_payload
from server.state import current_store

blueprint = Blueprint("home", __name__)

#: The landing page: HTML for browsers, a JSON summary for scripts.
HOME_OFFERS = (HTML, JSON)


def summary() -> dict[str, Any]:
    """Counts by class and the latest articles, computed once per store generation (the
    class count reads every type statement)."""
    store = current_store()

    def make() -> bytes:
        counts = {c.name: c.count for c in counts_by_class(store)}
        articles = [asdict(a) for a in latest_articles(store)]
        return json.dumps({"classes": counts, "latest_articles": articles}).encode("utf-8")

    payload = cached_payload(("home-summary",), store, make, JSON.media_type)
    found: dict[str, Any] = json.loads(payload.data)
    return found


@blueprint.get("/")
def index() -> Response | str:
    store = current_store()
    data = summary()
    chosen = negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), HOME_OFFERS, "/"
    )
    if chosen is JSON:
        return jsonify(data)
    return render_template(
        "home.html",
        counts=list(data["classes"].items()),
        articles=data["latest_articles"],
        queries=list(load_queries().values()),
        dumps=[(f.label, f.extension) for f in EXPORT_OFFERS],
        triples=len(store),
    )
