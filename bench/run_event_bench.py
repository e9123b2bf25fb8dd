"""Build generated corpora in which the same 10 known events are reported over and over.

Usage (from the repository root, with the dev venv)::

    python bench/run_event_bench.py [--articles 100 1000]

For each size N it writes N articles with tests/support/event_corpus.py (each of the 10 known events
of corpus/events.ttl reported N/10 times, plus one article-local meeting every tenth article)
into a temporary project, runs ``kg build`` in-process and prints: build seconds, triples in
the dataset and in the inferred graph, event nodes with evidence (known / local), conflicts,
and ``sameEventAs`` candidates. Not a CI test; tests/test_event_resolution.py checks the
counts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.build.dataset import build_dataset  # noqa: E402
from kg.config import load_settings  # noqa: E402
from kg.rdf.store import open_store  # noqa: E402
from kg.rdf.terms import INFERRED_GRAPH  # noqa: E402
from tests.support.event_corpus import KNOWN, write_event_corpus  # noqa: E402

COUNTS = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?known) AS ?known_events)
  (COUNT(DISTINCT ?evidence) AS ?evidence)
WHERE {
  ?event cmkg:evidence ?evidence ; a ?type .
  VALUES ?type { cmkg:Sanction cmkg:Tariff cmkg:ExportControl cmkg:Agreement cmkg:Proposal
                 cmkg:Meeting }
  OPTIONAL { ?event a cmkg:KnownEvent . BIND(?event AS ?known) }
}"""
CONFLICTS = f"""
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT (COUNT(DISTINCT ?c) AS ?conflicts)
WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?c a cmkg:Conflict }} }}"""
SAME = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT (COUNT(*) AS ?matches) WHERE { ?m a cmkg:EventMatch }"""


def measure(articles: int, scratch: Path) -> dict[str, object]:
    home = write_event_corpus(scratch / f"n{articles}", articles)
    settings = load_settings({"home": home}, environ={})
    started = time.monotonic()
    summary = build_dataset(settings)
    seconds = time.monotonic() - started
    store = open_store(settings.store, read_only=True)
    try:
        rows = {}
        for query in (COUNTS, CONFLICTS, SAME):
            result = store.query(query, use_default_graph_as_union=True)
            row = next(iter(result))  # type: ignore[call-overload]
            rows.update({v.value: int(row[v].value) for v in result.variables})  # type: ignore[union-attr]
    finally:
        del store
    return {
        "articles": articles,
        "build seconds": round(seconds, 1),
        "triples": summary.total_triples,
        "inferred triples": summary.triples.get(INFERRED_GRAPH, 0),
        "conflict-rule triples": summary.inferred.get("conflict-detect", 0),
        "event nodes": rows["events"],
        "known event nodes": rows["known_events"],
        "local event nodes": rows["events"] - rows["known_events"],
        "evidence nodes": rows["evidence"],
        "conflicts": rows["conflicts"],
        "sameEventAs candidates": rows["matches"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    print(f"known events in the generator: {len(KNOWN)}")
    with tempfile.TemporaryDirectory() as scratch:
        for n in args.articles:
            for key, value in measure(n, Path(scratch)).items():
                print(f"{key:>24}: {value}")
            print()


if __name__ == "__main__":
    main()
