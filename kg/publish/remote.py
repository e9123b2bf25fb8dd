"""Push a build to an existing triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph of the build goes in one ``PUT <graph-store>?graph=<IRI>`` (the default graph, if
not empty, in ``PUT <graph-store>?default``) with an N-Triples body: the protocol says PUT
replaces the graph's content, so each graph is swapped whole and a reader never sees half of
it. Any standards-compliant store works (Oxigraph server, Apache Jena Fuseki, GraphDB,
Virtuoso, QLever, Amazon Neptune).

Only changed graphs travel on later runs: a digest per graph (order-independent: the sum of
the SHA-256 of its N-Triples lines, so it does not depend on the order Oxigraph writes them)
is kept in a state file per target store, written every few seconds and when the run ends
(also on an error), so an interrupted run resumes about where it stopped. Graphs that were
published before and are no longer in the build are deleted from the store. ``force`` pushes
every graph again (e.g. after the store was wiped behind our back).

Errors are one line: the HTTP status and the start of the store's answer.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, UsageError
from kg.fileio import write_bytes_atomic

#: Seconds to wait for the store to take one graph.
PUT_TIMEOUT = 600.0
STATE_VERSION = 1
#: Seconds between two writes of the state file while pushing (and always at the end).
STATE_EVERY = 2.0
N_TRIPLES = "application/n-triples"


class RemoteStoreError(KGError):
    """The remote store refused a request or could not be reached."""

    exit_code = 6
    http_status = 502


def graph_store_url(endpoint: str, graph_store: str | None) -> str:
    """The Graph Store Protocol URL: ``graph_store``, else derived from an Oxigraph-style
    endpoint (``…/query`` → ``…/store``); other stores must name it."""
    for url in (endpoint, graph_store):
        if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise UsageError(f"{url!r} is not an http(s) URL")
    if graph_store:
        return graph_store
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path == "/query":
        return urllib.parse.urlunsplit(parts._replace(path="/store", query=""))
    raise UsageError(
        f"cannot tell the Graph Store Protocol URL of {endpoint}; give --graph-store "
        "(Oxigraph: http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data)"
    )


def excerpt(body: bytes, limit: int = 200) -> str:
    """The start of a response body on one line."""
    text = " ".join(body.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def http(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = PUT_TIMEOUT,
    what: str = "request",
) -> tuple[int, str, bytes]:
    """One HTTP request: (status, content type, body); an unreachable host or a 4xx/5xx
    answer (except 404 on DELETE) raises :class:`RemoteStoreError` with one line."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        data = exc.read()
        if method == "DELETE" and exc.code == 404:
            return 404, "", data
        raise RemoteStoreError(
            f"{what} failed: HTTP {exc.code} {exc.reason} from {url}: {excerpt(data)}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteStoreError(f"{what} failed: cannot reach {url}: {reason}") from None


def bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def graph_data(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> bytes:
    """The N-Triples of one graph, as Oxigraph writes it (no Python per triple)."""
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""


def digest(data: bytes) -> str:
    """Order-independent digest of N-Triples lines: the sum of their SHA-256, mod 2^256."""
    total = 0
    for line in data.splitlines():
        if line:
            total += int.from_bytes(hashlib.sha256(line).digest(), "big")
    return f"{total % (1 << 256):064x}"


def graphs_of(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    """The build's graphs, named ones sorted, then the default graph if it is not empty."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    named: list[ox.NamedNode | ox.DefaultGraph] = [ox.NamedNode(name) for name in names]
    default = ox.DefaultGraph()
    if next(iter(store.quads_for_pattern(None, None, None, default)), None) is not None:
        named.append(default)
    return named


def graph_key(graph: ox.NamedNode | ox.DefaultGraph) -> str:
    return graph.value if isinstance(graph, ox.NamedNode) else ""


def graph_url(base: str, key: str) -> str:
    separator = "&" if "?" in base else "?"
    if not key:
        return f"{base}{separator}default"
    return f"{base}{separator}graph={urllib.parse.quote(key, safe='')}"


@dataclass
class PublishState:
    """Digests of the graphs last pushed to each graph store URL."""

    path: Path
    targets: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> PublishState:
        if not path.is_file():
            return cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            targets = {
                str(url): {str(k): str(v) for k, v in graphs.items()}
                for url, graphs in raw["targets"].items()
            }
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            raise UsageError(
                f"{path} is not a publish state file; delete it to push every graph again"
            ) from None
        return cls(path, targets)

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"version": STATE_VERSION, "targets": self.targets}, indent=1, sort_keys=True
        )
        write_bytes_atomic(self.path, (text + "\n").encode("utf-8"))


@dataclass
class PublishReport:
    target: str
    pushed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    triples: int = 0  # in the pushed graphs


Step = Callable[[str, str], None]  # (graph key, what happened)


def publish(
    store: ox.Store,
    target: str,
    state: PublishState,
    *,
    token: str | None = None,
    force: bool = False,
    step: Step | None = None,
) -> PublishReport:
    """PUT every changed graph of ``store`` to the graph store ``target``; delete the graphs
    published earlier that the build no longer has. ``step`` hears about each graph."""
    report = PublishReport(target)
    known = state.targets.setdefault(target, {})
    graphs = graphs_of(store)
    keys = {graph_key(g) for g in graphs}
    headers = {"Content-Type": N_TRIPLES, **bearer(token)}
    try:
        _push(store, target, graphs, known, headers, force, report, state, step)
        for key in sorted(set(known) - keys):
            name = f"<{key}>" if key else "the default graph"
            http("DELETE", graph_url(target, key), headers=bearer(token), what=f"DELETE {name}")
            del known[key]
            report.deleted.append(key)
            if step:
                step(key, "deleted")
    finally:  # what was pushed stays recorded, also when a later graph fails
        state.write()
    return report


def _push(
    store: ox.Store,
    target: str,
    graphs: list[ox.NamedNode | ox.DefaultGraph],
    known: dict[str, str],
    headers: dict[str, str],
    force: bool,
    report: PublishReport,
    state: PublishState,
    step: Step | None,
) -> None:
    written = time.monotonic()
    for graph in graphs:
        key = graph_key(graph)
        data = graph_data(store, graph)
        stamp = digest(data)
        name = f"<{key}>" if key else "the default graph"
        if not force and known.get(key) == stamp:
            report.unchanged.append(key)
            if step:
                step(key, "unchanged")
            continue
        http("PUT", graph_url(target, key), body=data, headers=headers, what=f"PUT {name}")
        known[key] = stamp
        if time.monotonic() - written > STATE_EVERY:
            state.write()
            written = time.monotonic()
        report.pushed.append(key)
        report.triples += data.count(b"\n")
        if step:
            step(key, "pushed")


def check_reachable(endpoint: str, token: str | None = None, timeout: float = 30.0) -> None:
    """Ask the endpoint ``ASK {}``: a clear error before anything is pushed if it is down."""
    body = urllib.parse.urlencode({"query": "ASK {}"}).encode("ascii")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
        **bearer(token),
    }
    http("POST", endpoint, body=body, headers=headers, timeout=timeout, what="SPARQL endpoint")
