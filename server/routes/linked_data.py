"""Dereferenceable IRIs: /id/<slug> and /ontology.

``https://w3id.org/cmkg/id/X`` is answered at ``/id/X`` (X may hold ``/``, as evidence IRIs
do). The representation is chosen by ``?format=html|ttl|jsonld|nt`` when given, else by the
``Accept`` header with q-values (``text/html``, ``text/turtle``, ``application/ld+json``,
``application/n-triples``; ``*/*`` or no header gives HTML); nothing acceptable gives 406.
The RDF is the description built by :func:`kg.publish.describe.describe`; the page shows the same
facts with labels, the incoming links and the evidence quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph
from flask import Blueprint, Response, current_app, render_template, request, url_for

from kg.errors import NotFoundError
from kg.publish.describe import (
    ALT_LABEL,
    LABEL,
    RDF_TYPE,
    Description,
    Quote,
    alt_labels,
    describe,
    resource_iri,
)
from kg.rdf.formats import HTML, PAGE_OFFERS, TURTLE, Format
from kg.rdf.serialize import serialize_quads
from server import negotiation
from server.links import href_for
from server.ontology_page import ontology_html, ontology_path
from server.payloads import Payload, build_time, send_payload
from server.state import current_store

blueprint = Blueprint("linked_data", __name__)

HIDDEN = {RDF_TYPE, LABEL, ALT_LABEL}  # shown as the page's title, types and aliases
_SLUG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.~-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.~-]*)*$")


def chosen_format() -> Format:
    """HTML, Turtle, JSON-LD or N-Triples from ``?format=`` or the ``Accept`` header."""
    return negotiation.pick(
        request.headers.get("Accept"), request.args.get("format"), PAGE_OFFERS, "this resource"
    )


def _represent(data: bytes, media_type: str, last_modified: datetime | None) -> Response:
    response = send_payload(Payload(data, media_type, last_modified))
    response.vary.add("Accept")
    return response


@blueprint.get("/id/<path:slug>")
def resource(slug: str) -> Response:
    """One resource as HTML, Turtle, JSON-LD or N-Triples; 404 when the IRI is unknown."""
    fmt = chosen_format()
    iri = resource_iri(slug)
    try:
        if not _SLUG.match(slug):
            raise NotFoundError(f"no resource <{iri}> in the dataset")
        description = describe(current_store(), iri)
    except NotFoundError as exc:
        if fmt is not HTML:
            raise
        page = render_template("not_found.html", message=exc.message, iri=iri)
        return Response(page, status=404, content_type=HTML.dump_content_type)
    if fmt is HTML:
        html = render_template("resource.html", page=page_model(description, slug))
        return _represent(html.encode("utf-8"), HTML.dump_content_type, build_time())
    data = serialize_quads(description.quads(), fmt.name)
    return _represent(data, fmt.dump_content_type, build_time())


@blueprint.get("/ontology")
def ontology() -> Response:
    """The OWL ontology: Turtle as shipped, JSON-LD/N-Triples, or pyLODE HTML with anchors."""
    fmt = chosen_format()
    path = ontology_path()
    modified = datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
    if fmt is HTML:
        page = with_site_header(ontology_html(current_app))
        return _represent(page, HTML.dump_content_type, modified)
    if fmt is TURTLE:
        return _represent(path.read_bytes(), TURTLE.dump_content_type, modified)
    quads = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    data = serialize_quads(
        (pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in quads), fmt.name
    )
    return _represent(data, fmt.dump_content_type, modified)


def with_site_header(page: bytes) -> bytes:
    """pyLODE's page with the workbench's navigation header on top of its content column
    (the table of contents stays at the right), else first in its body."""
    header = render_template("_site_header.html").encode("utf-8")
    for anchor in (b'<div id="content">', b"<body>"):
        head, found, rest = page.partition(anchor)
        if found:
            return head + found + b"\n" + header + rest
    return page


# --- the page model ---------------------------------------------------------------------------


@dataclass
class Link:
    text: str
    href: str = ""
    note: str = ""
    note_class: str = ""


@dataclass
class Row:
    iri: str
    label: str
    href: str
    values: list[Link] = field(default_factory=list)


def _value(term: object, description: Description) -> Link:
    if isinstance(term, pyoxigraph.NamedNode):
        return Link(description.label(term.value), href_for(term.value))
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Link(term.value, note=term.language, note_class="lang")
        datatype = term.datatype.value
        if datatype.endswith("#string"):
            return Link(term.value)
        return Link(term.value, note=description.label(datatype), note_class="dt")
    return Link(str(term))


def _rows(triples: list[tuple[object, ...]], description: Description) -> list[Row]:
    rows: dict[str, Row] = {}
    for predicate, value in triples:
        assert isinstance(predicate, pyoxigraph.NamedNode)
        row = rows.get(predicate.value)
        if row is None:
            label = description.label(predicate.value)
            row = rows[predicate.value] = Row(predicate.value, label, href_for(predicate.value))
        row.values.append(_value(value, description))
    for row in rows.values():
        row.values.sort(key=lambda link: (link.text, link.href, link.note))
    return sorted(rows.values(), key=lambda row: (row.label.lower(), row.iri))


def _quote_view(quote: Quote) -> dict[str, str]:
    view = dict(vars(quote))
    view["supports_href"] = href_for(quote.supports)
    view["article_href"] = href_for(quote.article) if quote.article else ""
    view["evidence_href"] = href_for(quote.evidence)
    return view


def page_model(description: Description, slug: str) -> dict[str, object]:
    """Everything resource.html shows; the template escapes every string."""
    iri = description.iri
    types = [o for _, p, o in description.outgoing if p.value == RDF_TYPE]
    outgoing = [(p, o) for _, p, o in description.outgoing if p.value not in HIDDEN]
    incoming = [(p, s) for s, p, _ in description.incoming]
    base = url_for("linked_data.resource", slug=slug)
    return {
        "iri": iri,
        "title": description.label(iri) if iri in description.labels else slug,
        "types": [_value(t, description) for t in types],
        "alt_labels": alt_labels(description),
        "properties": _rows(outgoing, description),  # type: ignore[arg-type]
        "incoming": _rows(incoming, description),  # type: ignore[arg-type]
        "quotes": [_quote_view(q) for q in description.quotes],
        "formats": [
            {"name": f.label, "href": f"{base}?format={f.name}", "media_type": f.dump_content_type}
            for f in PAGE_OFFERS
            if f is not HTML
        ],
    }
