"""Queries rewritten for speed answer like before.

An event reported by many articles states its status, label and dates once per report in the
union of the graphs, so `evidence`, `actor-profile` and `resource-profile` look them up one step
at a time, each step a ``SELECT DISTINCT`` sub-query with the parameters bound in the innermost
one (``#@params``); `contested-claims` pairs claims by one hash join. Their earlier
formulations are kept in tests/fixtures/queries; this compares both on the seed build for many
parameter values, with and without candidates.
"""

from __future__ import annotations

import dataclasses
import re

import pyoxigraph
import pytest

from kg.config import Settings
from kg.publish.canned import BIND_MARK, CannedQuery, bind_params, bound_text, get_query
from kg.rdf.store import open_store
from tests.support.paths import REPO

FORMER = REPO / "tests" / "fixtures" / "queries"
CMKG = "https://w3id.org/cmkg/ontology#"


def members(cls: str, limit: int = 1000) -> str:
    """SPARQL for the members of ``cls``, the most often linked first."""
    return (
        f"SELECT ?v WHERE {{ ?v a <{CMKG}{cls}> . ?x ?p ?v }} "
        f"GROUP BY ?v ORDER BY DESC(COUNT(?x)) ?v LIMIT {limit}"
    )


#: (query, parameter, SPARQL selecting the values to try on the seed build)
CASES = [
    ("evidence", "subject", f"SELECT DISTINCT ?v WHERE {{ ?v <{CMKG}evidence> ?e }}"),
    ("evidence", "subject", members("Actor", 40)),
    ("evidence", "subject", f"SELECT ?v WHERE {{ ?v a <{CMKG}Conflict> }}"),
    ("actor-profile", "actor", members("Actor", 80)),
    ("resource-profile", "resource", members("Resource")),
    ("contested-claims", None, "SELECT ?v WHERE { VALUES ?v { 1 } }"),  # no entity parameter
]
Rows = list[tuple[str | None, ...]]


def answer(
    store: pyoxigraph.Store, query: CannedQuery, raw: dict[str, str]
) -> tuple[list[str], Rows]:
    result = store.query(
        bound_text(query, bind_params(query, raw)), use_default_graph_as_union=True
    )
    assert isinstance(result, pyoxigraph.QuerySolutions)
    names = [v.value for v in result.variables]
    return names, [tuple(None if r[n] is None else str(r[n]) for n in names) for r in result]


def order_keys(text: str) -> list[str]:
    return re.findall(r"\?(\w+)", text.rsplit("ORDER BY", 1)[-1])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "param", "values"), CASES)
def test_stepwise_query_answers_like_its_former_formulation(
    seed_build: Settings, name: str, param: str | None, values: str
) -> None:
    query = get_query(name)
    assert param is None or BIND_MARK in query.text
    former = dataclasses.replace(query, text=(FORMER / f"{name}.rq").read_text(encoding="utf-8"))
    store = open_store(seed_build.store, read_only=True)
    tried = answered = 0
    for row in store.query(values, use_default_graph_as_union=True):  # type: ignore[union-attr]
        for candidates in ("false", "true"):
            raw = {"include_candidates": candidates}
            if param:
                raw[param] = str(row[0].value)  # type: ignore[union-attr]
            names, new = answer(store, query, raw)
            old_names, old = answer(store, former, raw)
            assert names == old_names
            assert sorted(new, key=repr) == sorted(old, key=repr), raw
            keys = [names.index(k) for k in order_keys(former.text)]
            assert [[r[k] for k in keys] for r in new] == [[r[k] for k in keys] for r in old], raw
            tried += 1
            answered += bool(new)
    assert tried and answered, f"no value of {param} gives {name} any rows on the seed build"
