"""The landing page at ``/``: what the graph holds and where to go from here."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from kg.publish.canned import load_queries
from kg.rdf.formats import EXPORT_OFFERS, HTML, JSON
from server import negotiation
from server.labels import counts_by_class, latest_articles
from server.state import current_store

blueprint = Blueprint("home", __name__)

#: The landing page: HTML for browsers, a JSON summary for scripts.
HOME_OFFERS = (HTML, JSON)


@blueprint.get("/")
def index() -> Response | str:
    store = current_store()
    counts = counts_by_class(store)
    articles = latest_articles(store)
    chosen = negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), HOME_OFFERS, "/"
    )
    if chosen is JSON:
        return jsonify(
            {
                "classes": {c.name: c.count for c in counts},
                "latest_articles": [vars(a) for a in articles],
            }
        )
    return render_template(
        "home.html",
        counts=counts,
        articles=articles,
        queries=list(load_queries().values()),
        dumps=[(f.label, f.extension) for f in EXPORT_OFFERS],
        triples=len(store),
    )
