"""Open the embedded Oxigraph store that ``kg build`` writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from kg.errors import EnvironmentProblem, NotFoundError


def open_store(path: Path, *, read_only: bool = False, create: bool = False) -> pyoxigraph.Store:
    """Open the Oxigraph store at ``path``.

    ``create`` allows a new, empty directory; otherwise a missing store is a
    :class:`NotFoundError` telling the user to run ``kg build``.
    """
    if not path.exists() and not create:
        raise NotFoundError(f"no Oxigraph store at {path}; run `kg build` first")
    try:
        if read_only:
            return pyoxigraph.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as exc:
        raise EnvironmentProblem(f"cannot open the Oxigraph store at {path}: {exc}") from None


_GRAPH_SIZES = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def graph_sizes(store: pyoxigraph.Store) -> tuple[int, list[tuple[str, int]]]:
    """(triples in the store's own default graph, [(named graph IRI, triples)…])."""
    named: list[tuple[str, int]] = []
    solutions = store.query(_GRAPH_SIZES)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    for solution in solutions:
        graph, count = solution["g"], solution["n"]
        if isinstance(graph, pyoxigraph.NamedNode) and isinstance(count, pyoxigraph.Literal):
            named.append((graph.value, int(count.value)))
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(default, pyoxigraph.QuerySolutions)
    total = next(default)["n"]
    return int(total.value) if isinstance(total, pyoxigraph.Literal) else 0, named
