"""Released ontology versions at their version IRIs: ``/ontology/<version>``.

``kg ontology release VERSION`` exports ``build/ontology/VERSION/cmkg.ttl``, ``cmkg.rdf``
(RDF/XML) and ``cmkg.jsonld``; ``https://w3id.org/cmkg/ontology/VERSION`` is answered here
with one of them, chosen by ``?format=ttl|rdf|jsonld`` or the ``Accept`` header (Turtle when
nothing more specific is asked, as for a browser). An unknown version is 404 and lists the
released ones; the current, unreleased ontology stays at ``/ontology``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, Response, request
from werkzeug.exceptions import NotAcceptable

from kg.errors import NotFoundError, UsageError
from server.payloads import Payload, send_payload
from server.state import current_settings

blueprint = Blueprint("ontology_versions", __name__)

_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
FILES = {  # format name: (file, media type)
    "ttl": ("cmkg.ttl", "text/turtle; charset=utf-8"),
    "rdf": ("cmkg.rdf", "application/rdf+xml"),
    "jsonld": ("cmkg.jsonld", "application/ld+json"),
}
OFFERS = [
    ("text/turtle", "ttl"),
    ("application/rdf+xml", "rdf"),
    ("application/ld+json", "jsonld"),
    ("application/x-turtle", "ttl"),
    ("application/xml", "rdf"),
    ("application/json", "jsonld"),
    ("text/html", "ttl"),
    ("text/plain", "ttl"),
]


def releases_folder() -> Path:
    return current_settings().build / "ontology"


def released_versions() -> list[str]:
    folder = releases_folder()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if _VERSION.match(p.name) and p.is_dir())


def _chosen_format() -> str:
    asked = request.args.get("format")
    if asked is not None:
        if asked not in FILES:
            raise UsageError(f"unknown format {asked!r}; use one of: {', '.join(FILES)}")
        return asked
    if not request.accept_mimetypes:
        return "ttl"
    best = request.accept_mimetypes.best_match([media for media, _ in OFFERS])
    if best is None:
        raise NotAcceptable(
            "a released ontology is offered as text/turtle, "
            "application/rdf+xml or application/ld+json"
        )
    return dict(OFFERS)[best]


@blueprint.get("/ontology/<version>")
def release(version: str) -> Response:
    """The ontology as released under ``version``, in Turtle, RDF/XML or JSON-LD."""
    fmt = _chosen_format()
    name, media = FILES[fmt]
    path = releases_folder() / version / name
    if not _VERSION.match(version) or not path.is_file():
        known = ", ".join(released_versions()) or "none yet (kg ontology release VERSION)"
        raise NotFoundError(f"no released ontology version {version!r}; released: {known}")
    modified = datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
    response = send_payload(Payload(path.read_bytes(), media, modified))
    response.vary.add("Accept")
    return response
