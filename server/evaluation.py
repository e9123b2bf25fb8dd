"""Evaluate one SPARQL query on a pyoxigraph store and serialise the answer with Oxigraph;
try one SPARQL update on a checkpoint of the store.

This runs inside the query worker processes (and in-process when the timeout is off). The
row cap is applied here: results are first written as TSV / N-Triples (one row or triple per
line, newlines inside literals escaped), counted, cut at ``max_rows`` if needed, then
re-serialised by Oxigraph into the negotiated format. No per-row Python conversion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from kg.rdf.formats import (
    GRAPH_OFFERS,
    N_TRIPLES,
    RESULT_OFFERS,
    TSV,
    Format,
    by_media_type,
)


def _results_format(media: str) -> ox.QueryResultsFormat:
    found = by_media_type(media, RESULT_OFFERS)
    assert found is not None and found.results is not None, media
    return found.results


def _rdf_format(media: str) -> ox.RdfFormat:
    found = by_media_type(media, GRAPH_OFFERS)
    assert found is not None and found.rdf is not None, media
    return found.rdf


@dataclass(frozen=True)
class QueryJob:
    """Everything a worker needs to answer one query (picklable)."""

    query: str
    results_type: str | None
    graph_type: str | None
    max_rows: int
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    generation: int = 0
    union_default: bool = True  # False when the query has FROM / FROM NAMED
    #: (variable name, term in N-Triples syntax) pairs bound with Oxigraph's ``substitutions``
    substitutions: tuple[tuple[str, str], ...] = ()
    #: the IRI relative IRIs in the query resolve against (the endpoint's own IRI)
    base_iri: str | None = None


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def substitution_pairs(bound: Mapping[ox.Variable, Term]) -> tuple[tuple[str, str], ...]:
    """Picklable, hashable form of ``{Variable: term}`` for :attr:`QueryJob.substitutions`."""
    return tuple(sorted((variable.value, str(value)) for variable, value in bound.items()))


def rebuild_substitutions(pairs: tuple[tuple[str, str], ...]) -> dict[ox.Variable, Term]:
    """The terms back from their N-Triples text (parsed as objects of a one-line document)."""
    if not pairs:
        return {}
    document = "".join(f"<urn:cmkg:s> <urn:cmkg:p> {text} .\n" for _, text in pairs)
    quads = list(ox.parse(document.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return {ox.Variable(name): quad.object for (name, _), quad in zip(pairs, quads, strict=True)}


#: What became of a query: answered, a syntax error, no acceptable format, failed, or the
#: worker could not open the store (unavailable).
Outcome = Literal["ok", "syntax", "not-acceptable", "failed", "unavailable"]


@dataclass(frozen=True)
class QueryReply:
    """``outcome`` is ``ok``, ``syntax``, ``not-acceptable``, ``failed`` (the query or update
    failed) or ``unavailable`` (the worker could not open what it needed).

    A large answer is not in ``body`` but in the spool file ``spool`` (``spool_bytes`` long),
    which the receiver deletes once it has been sent (see :mod:`server.spool`).
    """

    outcome: Outcome
    media_type: str = ""
    body: bytes = b""
    rows: int = 0
    truncated: bool = False
    message: str = ""
    spool: str = ""
    spool_bytes: int = 0


@dataclass(frozen=True)
class UpdateJob:
    """A SPARQL update to try on the throw-away checkpoint at ``checkpoint`` (picklable).

    The server applies the update to its own store only when this trial finished in time,
    so a runaway update is killed with its worker and the live store never sees it.
    """

    update: str
    checkpoint: str
    base_iri: str | None = None
    generation: int = 0


def try_update(job: UpdateJob) -> QueryReply:
    """Run ``job`` on its checkpoint (opened read-write here, closed after); never raises."""
    try:
        store = ox.Store(job.checkpoint)
    except OSError as exc:
        return QueryReply("unavailable", message=f"the update could not be tried: {exc}")
    try:
        store.update(job.update, base_iri=job.base_iri)
        return QueryReply("ok")
    except SyntaxError as exc:
        return QueryReply("syntax", message=str(exc))
    except (OSError, ValueError, RuntimeError) as exc:
        return QueryReply("failed", message=f"the update failed and was not applied: {exc}")
    finally:
        del store


def evaluate(store: ox.Store, job: QueryJob) -> QueryReply:
    """Run ``job`` on ``store``; every expected failure becomes a reply, never an exception."""
    try:
        substitutions = rebuild_substitutions(job.substitutions)
    except (SyntaxError, ValueError) as exc:
        return QueryReply("failed", message=f"a query parameter could not be rebuilt: {exc}")
    try:
        if job.default_graphs is None and job.named_graphs is None:
            results = store.query(
                job.query,
                base_iri=job.base_iri,
                use_default_graph_as_union=job.union_default,
                substitutions=substitutions or None,
            )
        else:
            results = store.query(
                job.query,
                base_iri=job.base_iri,
                default_graph=[ox.NamedNode(iri) for iri in job.default_graphs or ()],
                named_graphs=[ox.NamedNode(iri) for iri in job.named_graphs or ()],
                substitutions=substitutions or None,
            )
        return shape(results, job)
    except SyntaxError as exc:
        return QueryReply("syntax", message=str(exc))
    except (OSError, ValueError, RuntimeError) as exc:
        return QueryReply("failed", message=f"query evaluation failed: {exc}")


def shape(
    results: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, job: QueryJob
) -> QueryReply:
    """The reply for an evaluated (or parsed remote) answer: negotiated format, row cap."""
    if isinstance(results, ox.QueryBoolean):
        if job.results_type is None:
            return _not_acceptable("an ASK result", RESULT_OFFERS)
        body = results.serialize(format=_results_format(job.results_type)) or b""
        return QueryReply("ok", job.results_type, body, rows=1)
    if isinstance(results, ox.QuerySolutions):
        if job.results_type is None:
            return _not_acceptable("SELECT results", RESULT_OFFERS)
        return _serialize_solutions(results, job.results_type, job.max_rows)
    if job.graph_type is None:
        return _not_acceptable("a CONSTRUCT/DESCRIBE graph", GRAPH_OFFERS)
    return _serialize_triples(results, job.graph_type, job.max_rows)


def _not_acceptable(what: str, offers: tuple[Format, ...]) -> QueryReply:
    return QueryReply(
        "not-acceptable",
        message=f"{what} can be sent as one of: {', '.join(o.media_type for o in offers)}",
    )


def _cut(lines: bytes, keep: int) -> tuple[bytes, int, bool]:
    """Keep the first ``keep`` newline-terminated lines; (text, lines in input, truncated)."""
    total = lines.count(b"\n")
    if total <= keep:
        return lines, total, False
    end = -1
    for _ in range(keep):
        end = lines.index(b"\n", end + 1)
    return lines[: end + 1], total, True


def _serialize_solutions(results: ox.QuerySolutions, media: str, max_rows: int) -> QueryReply:
    tsv = results.serialize(format=ox.QueryResultsFormat.TSV) or b""
    kept, lines, truncated = _cut(tsv, max_rows + 1)  # + the header line
    rows = min(lines - 1, max_rows)
    if media == TSV.media_type:
        return QueryReply("ok", media, kept, rows, truncated)
    reparsed = ox.parse_query_results(kept, format=ox.QueryResultsFormat.TSV)
    assert isinstance(reparsed, ox.QuerySolutions)
    body = reparsed.serialize(format=_results_format(media)) or b""
    return QueryReply("ok", media, body, rows, truncated)


def _serialize_triples(results: ox.QueryTriples, media: str, max_rows: int) -> QueryReply:
    return triples_reply(results.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", media, max_rows)


def triples_reply(ntriples: bytes, media: str, max_rows: int) -> QueryReply:
    """A graph answer given as N-Triples (one triple a line), cut at ``max_rows`` triples and
    written in ``media``."""
    kept, lines, truncated = _cut(ntriples, max_rows)
    rows = min(lines, max_rows)
    if media == N_TRIPLES.media_type:
        return QueryReply("ok", media, kept, rows, truncated)
    quads = ox.parse(kept, format=ox.RdfFormat.N_TRIPLES)
    body = ox.serialize(quads, format=_rdf_format(media)) or b""
    return QueryReply("ok", media, body, rows, truncated)
