"""The one content negotiator: ``Accept`` with q-values, and the ``format=`` override.

Every endpoint (``/sparql``, ``/store``, ``/queries``, ``/id``, ``/ontology``) chooses among
formats of the registry (:mod:`kg.rdf.formats`) with :func:`choose`, so one ``Accept``
header means the same thing everywhere. The one tie-break rule: the highest q-value wins;
among equal q-values, the most specific range (``text/turtle`` over ``text/*`` over ``*/*``);
then the type the client listed first; then a format's own media type over an alias it
also answers to (``application/xhtml+xml`` for HTML, ``text/xml`` for SPARQL XML); then the
endpoint's default; then the registry's order of preference (:data:`kg.rdf.formats.FORMATS`),
the same for every endpoint. A type refused by name (``q=0``) is never chosen through an
alias.
So ``Accept: text/turtle, text/html`` gets Turtle wherever Turtle is offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.exceptions import NotAcceptable

from kg.errors import UsageError
from kg.rdf.formats import FORMATS, GRAPH_OFFERS, RESULT_OFFERS, Format, by_name, names


@dataclass(frozen=True)
class _Range:
    media: str
    q: float
    order: int

    def matches(self, offer: str) -> int:
        """Specificity of the match (2 exact, 1 ``type/*``, 0 ``*/*``), -1 for none."""
        if self.media == offer:
            return 2
        if self.media == "*/*":
            return 0
        kind, _, sub = self.media.partition("/")
        if sub == "*" and offer.partition("/")[0] == kind:
            return 1
        return -1


def _parse_accept(header: str) -> list[_Range]:
    ranges: list[_Range] = []
    for order, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(_Range(media.lower(), q, order))
    return ranges


def choose(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The best of ``offers`` (default first) for an ``Accept`` header; None when none fits.

    Each offer is matched by all its media types (aliases such as ``application/json``
    included); the rule is in the module docstring.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int, bool, bool, int] | None = None
    chosen: Format | None = None
    for rank, offer in enumerate(offers):
        if any(r.q <= 0 and r.matches(offer.media_type) == 2 for r in ranges):
            continue  # refused by name: an alias such as application/json must not bring it back
        for alias, media in enumerate(offer.media_types):
            matching = [(r.matches(media), r) for r in ranges if r.matches(media) >= 0]
            if not matching:
                continue
            specificity, winner = max(matching, key=lambda pair: (pair[0], -pair[1].order))
            if winner.q <= 0:
                continue
            preference = -FORMATS.index(offer) if offer in FORMATS else -len(FORMATS)
            key = (winner.q, specificity, -winner.order, alias == 0, rank == 0, preference)
            if best is None or key > best:
                best, chosen = key, offer
    return chosen


def pick(
    accept: str | None, format_param: str | None, offers: Sequence[Format], what: str
) -> Format:
    """``format=`` (a name, alias or media type) if given, else the best for ``Accept``.

    An unknown ``format=`` is a 400 listing the names; nothing acceptable is a 406 listing
    the media types ``what`` is offered as.
    """
    if format_param:
        found = by_name(format_param, offers)
        if found is None:
            raise UsageError(
                f"format {format_param!r} cannot express {what}; use one of: {names(offers)}"
            )
        return found
    chosen = choose(accept, offers)
    if chosen is None:
        offered = ", ".join(offer.media_type for offer in offers)
        raise NotAcceptable(f"no acceptable representation; {what} is offered as {offered}")
    return chosen


def negotiate(accept: str | None, format_param: str | None) -> tuple[Format | None, Format | None]:
    """(format for SELECT/ASK results, format for graphs); None where nothing acceptable."""
    if format_param:
        results = by_name(format_param, RESULT_OFFERS)
        graph = by_name(format_param, GRAPH_OFFERS)
        if results is None and graph is None:
            known = sorted(
                {n for offer in (*RESULT_OFFERS, *GRAPH_OFFERS) for n in (offer.name, *offer.names)}
            )
            raise UsageError(
                f"unknown format={format_param!r}; use one of {', '.join(known)} or a media type"
            )
        return results, graph
    return choose(accept, RESULT_OFFERS), choose(accept, GRAPH_OFFERS)


def graph_type(accept: str | None, format_param: str | None, refusal: str) -> Format:
    """The format to send an RDF graph as: ``format=`` if given, else the ``Accept`` header.

    Nothing acceptable is a 406 whose message is ``refusal`` followed by the graph types.
    """
    if format_param:
        chosen = negotiate(None, format_param)[1]
        if chosen is None:
            raise UsageError(f"format={format_param} cannot express an RDF graph")
    else:
        chosen = choose(accept, GRAPH_OFFERS)
    if chosen is None:
        raise NotAcceptable(refusal + ", ".join(offer.media_type for offer in GRAPH_OFFERS))
    return chosen


def with_charset(media: str) -> str:
    """The Content-Type header value for a media type (text types say UTF-8)."""
    return f"{media}; charset=utf-8" if media.startswith("text/") else media
