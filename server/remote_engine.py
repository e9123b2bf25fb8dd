"""Serving from an existing SPARQL 1.1 store (``kg serve --backend URL``).

:class:`RemoteEngine` is an :class:`server.engine.Engine`: every query (``/sparql``, the canned
``/queries``) is sent to the remote endpoint with the SPARQL 1.1 Protocol, and our limits are
kept on our side: the request is abandoned at the timeout (503, as with the local workers) and
the answer is parsed by Oxigraph, cut at the row cap and written in the negotiated format by
the same code as a local answer (:func:`server.evaluation.shape`).

:class:`RemoteStore` stands in for the pyoxigraph store where the server reads the store
directly: pattern lookups (linked-data pages, one graph's export, ``/store`` reads),
``contains_named_graph``, counts (``/stats``). What would need the whole dataset in this
process (a full dump, VoID over every triple) or would write (SPARQL Update, Graph Store
writes) answers 501 with a message saying what to do instead.

The remote store must answer queries over the union of its graphs, as our embedded store does
(``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``); the
engine checks this when it starts.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, cast

import pyoxigraph as ox

from kg.config import Settings
from kg.errors import (
    EnvironmentProblem,
    KGError,
    NotSupportedError,
    QueryTimeoutError,
    UsageError,
)
from kg.publish.remote import RemoteStoreError, excerpt
from kg.rdf.formats import N_TRIPLES, RESULTS_JSON
from server.evaluation import QueryJob, QueryReply, UpdateJob, shape, triples_reply

ACCEPT = f"{RESULTS_JSON.media_type}, {N_TRIPLES.media_type};q=0.9"
#: Read at most this many bytes of one remote answer.
MAX_ANSWER_BYTES = 1 << 30


def _remote_post(
    endpoint: str, query: str, timeout: float, extra: list[tuple[str, str]] | None = None
) -> tuple[int, str, bytes]:
    """POST ``query`` (SPARQL 1.1 Protocol, form-encoded); (status, content type, body).

    4xx/5xx answers are returned, not raised, so the caller can tell syntax from failure.
    """
    import urllib.error
    import urllib.request

    body = urllib.parse.urlencode([("query", query), *(extra or [])]).encode("utf-8")
    request = urllib.request.Request(
        endpoint,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_ANSWER_BYTES + 1)
            if len(data) > MAX_ANSWER_BYTES:
                raise KGError(f"the remote answer is over {MAX_ANSWER_BYTES} bytes; add a LIMIT")
            return response.status, response.headers.get("Content-Type", ""), data
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteStoreError(f"cannot reach the backend {endpoint}: {reason}") from None


def parse_answer(content_type: str, body: bytes) -> ox.QueryBoolean | ox.QuerySolutions | bytes:
    """A remote answer as Oxigraph results; a graph stays N-Triples bytes."""
    media = content_type.split(";")[0].strip().lower()
    if media == N_TRIPLES.media_type:
        return body
    if media in (RESULTS_JSON.media_type, "application/json"):
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    raise RemoteStoreError(f"the backend answered {media or 'no content type'}: {excerpt(body)}")


class RemoteEngine:
    """Queries sent to the SPARQL endpoint ``endpoint``, at most ``size`` at a time."""

    def __init__(self, endpoint: str, size: int, timeout: float) -> None:
        self.endpoint = endpoint
        self.size = max(1, size)
        self.timeout = timeout
        self.sandbox_layers: tuple[str, ...] = ()  # no workers here: nothing to sandbox
        self._pool = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="cmkg-remote")
        self._slots = threading.BoundedSemaphore(self.size)
        self._started = False
        self._closed = False

    def start(self) -> None:
        """Check that the backend answers and queries the union of its graphs."""
        if self._started:
            return
        if self._closed:
            raise EnvironmentProblem("the remote query engine has been shut down")
        check_union_default(self.endpoint, self._limit())
        self._started = True

    def _limit(self) -> float:
        return self.timeout if self.timeout > 0 else 3600.0

    def run(self, job: QueryJob | UpdateJob, client: str = "") -> QueryReply:
        """Answer ``job`` from the backend within the timeout or raise QueryTimeoutError.
        Updates are not sent: writes go to the backend itself (``kg publish``)."""
        if isinstance(job, UpdateJob):
            raise NotSupportedError(
                "this server serves a remote --backend read-only; write to the backend itself"
            )
        if job.substitutions:
            return QueryReply("failed", message="a remote backend cannot bind substitutions")
        extra = [("default-graph-uri", iri) for iri in job.default_graphs or ()]
        extra += [("named-graph-uri", iri) for iri in job.named_graphs or ()]
        limit = self._limit()
        if not self._slots.acquire(timeout=limit):
            raise QueryTimeoutError(
                f"all {self.size} backend connections stayed busy for {limit:g} s; try again"
            )
        future: Future[tuple[int, str, bytes]] | None = None
        try:
            future = self._pool.submit(_remote_post, self.endpoint, job.query, limit, extra)
            status, content_type, body = future.result(timeout=limit)
        except FutureTimeout:
            raise QueryTimeoutError(
                f"the query ran longer than the {limit:g} s limit and was abandoned; "
                "make it more selective (LIMIT, more specific patterns)"
            ) from None
        finally:
            self._slots.release()
        if status == 400:
            return QueryReply("syntax", message=excerpt(body, 500))
        if status != 200:
            return QueryReply(
                "failed", message=f"the backend answered HTTP {status}: {excerpt(body)}"
            )
        try:
            answer = parse_answer(content_type, body)
        except (SyntaxError, ValueError) as exc:
            return QueryReply("failed", message=f"the backend's answer does not parse: {exc}")
        if isinstance(answer, bytes):
            if job.graph_type is None:
                return QueryReply("not-acceptable", message="a graph cannot be sent as rows")
            return triples_reply(answer, job.graph_type, job.max_rows)
        return shape(answer, job)

    def alive(self) -> int:
        return 0 if self._closed else self.size

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)


def check_union_default(endpoint: str, timeout: float) -> None:
    """Refuse a backend whose default graph is not the union of its named graphs."""
    found = select(endpoint, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", timeout)
    if not found:
        return  # an empty store: nothing to tell
    row = found[0]
    triple = " ".join(str(row[name]) for name in ("s", "p", "o"))
    if not ask(endpoint, f"ASK {{ {triple} }}", timeout):
        raise EnvironmentProblem(
            f"the backend {endpoint} does not query the union of its graphs by default, as "
            "the canned queries need: start it with `oxigraph serve --union-default-graph` "
            "(Fuseki: tdb2:unionDefaultGraph true)"
        )


def _answer(endpoint: str, query: str, timeout: float) -> ox.QueryBoolean | ox.QuerySolutions:
    status, content_type, body = _remote_post(endpoint, query, timeout)
    if status != 200:
        raise RemoteStoreError(f"the backend answered HTTP {status}: {excerpt(body)}")
    answer = parse_answer(content_type, body)
    if isinstance(answer, bytes):
        raise RemoteStoreError("the backend answered a graph where rows were expected")
    return answer


def select(endpoint: str, query: str, timeout: float) -> list[ox.QuerySolution]:
    answer = _answer(endpoint, query, timeout)
    assert isinstance(answer, ox.QuerySolutions), query
    return list(answer)


def ask(endpoint: str, query: str, timeout: float) -> bool:
    answer = _answer(endpoint, query, timeout)
    assert isinstance(answer, ox.QueryBoolean), query
    return bool(answer)


Pattern = ox.NamedNode | ox.BlankNode | ox.Literal | None


class RemoteStore:
    """The parts of ``pyoxigraph.Store`` the server uses directly, answered by the backend."""

    def __init__(self, endpoint: str, timeout: float) -> None:
        self.endpoint = endpoint
        self.timeout = timeout if timeout > 0 else 3600.0

    def query(self, query: str, **_options: Any) -> ox.QueryBoolean | ox.QuerySolutions:
        """SELECT or ASK on the backend (its default graph: the union of its graphs)."""
        return _answer(self.endpoint, query, self.timeout)

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return ask(self.endpoint, f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}", self.timeout)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        rows = select(
            self.endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", self.timeout
        )
        for row in rows:
            graph = row["g"]
            if isinstance(graph, ox.NamedNode):
                yield graph

    def __len__(self) -> int:
        rows = select(
            self.endpoint,
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            self.timeout,
        )
        count = rows[0]["n"] if rows else None
        return int(count.value) if isinstance(count, ox.Literal) else 0

    def quads_for_pattern(
        self,
        subject: Pattern,
        predicate: ox.NamedNode | None,
        obj: Pattern,
        graph: ox.NamedNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching the pattern; with no graph, the union (as ``DefaultGraph`` quads)."""
        if subject is None and predicate is None and obj is None and graph is None:
            raise whole_dataset("this listing")
        terms = [
            str(term) if term is not None else f"?{name}"
            for term, name in ((subject, "s"), (predicate, "p"), (obj, "o"))
        ]
        pattern = " ".join(terms)
        if isinstance(graph, ox.NamedNode):
            pattern = f"GRAPH {graph} {{ {pattern} }}"
        rows = select(self.endpoint, f"SELECT * WHERE {{ {pattern} }}", self.timeout)
        target = graph if isinstance(graph, ox.NamedNode) else ox.DefaultGraph()
        for row in rows:
            s = subject if subject is not None else row["s"]
            p = predicate if predicate is not None else row["p"]
            o = obj if obj is not None else row["o"]
            yield ox.Quad(s, p, o, target)  # type: ignore[arg-type]

    def dump(self, *, format: ox.RdfFormat, from_graph: ox.NamedNode | ox.DefaultGraph) -> bytes:
        """One graph, serialised here (``/store?graph=`` reads)."""
        if not isinstance(from_graph, ox.NamedNode):
            raise whole_dataset("the default graph")
        quads = self.quads_for_pattern(None, None, None, from_graph)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        return ox.serialize(triples, format=format) or b""

    def _refuse_write(self, *_args: Any, **_options: Any) -> None:
        raise NotSupportedError(
            f"this server reads from the backend {self.endpoint} and does not write to it; "
            "update the build and push it with `kg publish`"
        )

    update = clear_graph = remove_graph = load = add = remove = _refuse_write


def whole_dataset(what: str) -> NotSupportedError:
    return NotSupportedError(
        f"{what} needs the whole dataset, which this server does not read from its remote "
        "backend; use `kg export` on the build, or the backend's own dump"
    )


def remote_backend(settings: Settings, size: int) -> tuple[ox.Store, RemoteEngine]:
    """The stand-in store and the engine for ``settings.backend``."""
    assert settings.backend
    endpoint = settings.backend
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise UsageError(f"--backend {endpoint!r} is not an http(s) URL")
    store = RemoteStore(endpoint, settings.timeout)
    return cast(ox.Store, store), RemoteEngine(endpoint, size, settings.timeout)
