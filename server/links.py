"""Where a browser should go for an IRI (shared by the linked-data pages and HTML query
answers)."""

from __future__ import annotations

import re

from flask import url_for

from kg.rdf.terms import ARTICLE, CMKG, ID, ONTOLOGY

_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)


def href_for(iri: str) -> str:
    """Where a browser should go for ``iri``: this server for our IRIs, else the IRI."""
    if iri.startswith(ID):
        return url_for("linked_data.resource", slug=iri[len(ID) :])
    if iri.startswith(CMKG):
        return url_for("linked_data.ontology") + "#" + iri[len(CMKG) :]
    if iri == ONTOLOGY:
        return url_for("linked_data.ontology")
    if iri.startswith(ARTICLE):
        return url_for("article.reader", article_id=iri[len(ARTICLE) :])
    return iri if _SAFE_LINK.match(iri) else ""
