"""The fast paths of the rules give exactly the triples of their SPARQL texts.

ontology/rules/conflict-detect.rq is the specification; kg/graph/conflicts.py evaluates it
with indexed joins; kg/graph/closure.py evaluates the closure rules graph by graph
(kg.graph.inference.infer, what kg build runs). All are run over the same asserted graphs
(the mini KG, the seed build, a generated corpus, an event corpus) and must infer the same
quads.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kg.config import Settings, load_settings
from kg.graph import closure
from kg.graph.assemble import assemble_dataset
from kg.graph.conflicts import detect_conflicts
from kg.graph.inference import (
    apply_rules,
    closure_in_python,
    infer,
    load_rules,
    native_for,
    reads_of,
)
from kg.rdf.terms import INFERRED_GRAPH
from tests.support.event_corpus import write_event_corpus
from tests.support.generated import load_generator
from tests.support.minikg import mini_store
from tests.support.paths import SEED_CORPUS

INFERRED = pyoxigraph.NamedNode(INFERRED_GRAPH)


def asserted(store: pyoxigraph.Store) -> bytes:
    """The store's quads outside the inferred graph, as N-Quads."""
    quads = [q for q in store if q.graph_name != INFERRED]
    out = pyoxigraph.Store()
    out.extend(quads)
    return out.dump(format=pyoxigraph.RdfFormat.N_QUADS)  # type: ignore[no-any-return]


def infer_all(data: bytes, *, native: bool) -> tuple[set[str], dict[str, int]]:
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.N_QUADS)
    counts = apply_rules(store, native=native)
    return {str(q) for q in store.quads_for_pattern(None, None, None, INFERRED)}, counts


def infer_per_graph(data: bytes) -> tuple[set[str], dict[str, int]]:
    """The inference kg build runs: the closure graph by graph, then the other rules."""
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.N_QUADS)
    schema = closure.read_schema(store)
    derived: closure.Derived = {}
    for graph in store.named_graphs():
        quads = store.quads_for_pattern(None, None, None, graph)
        triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
        closure.merge_into(derived, closure.derive(triples, schema))
    counts = infer(store, derived, schema)
    assert counts is not None
    return {str(q) for q in store.quads_for_pattern(None, None, None, INFERRED)}, counts


def assert_same_inference(data: bytes, *, at_least: int) -> None:
    fast, fast_counts = infer_all(data, native=True)
    spec, spec_counts = infer_all(data, native=False)
    assert fast == spec
    assert fast_counts == spec_counts
    assert fast_counts["conflict-detect"] >= at_least  # the comparison is not vacuous
    per_graph, per_graph_counts = infer_per_graph(data)
    assert per_graph == spec
    assert sum(per_graph_counts.values()) == len(spec)
    assert per_graph_counts["conflict-detect"] == spec_counts["conflict-detect"]


def test_the_shipped_closure_rules_are_evaluated_in_python() -> None:
    """Editing a closure rule without updating kg/graph/closure.py (and its hashes) makes
    kg build evaluate the closure in SPARQL over the whole store."""
    assert closure_in_python(load_rules())


def built_store(settings: Settings) -> bytes:
    store = pyoxigraph.Store()
    dataset = settings.build / "current" / "cmkg.nq"
    store.load(path=str(dataset), format=pyoxigraph.RdfFormat.N_QUADS)
    return asserted(store)


def test_the_shipped_conflict_rule_has_its_fast_path() -> None:
    """Editing conflict-detect.rq without updating kg/graph/conflicts.py (and the hash in
    kg/graph/inference.py) would silently fall back to the slow evaluation."""
    rule = next(r for r in load_rules() if r.name == "conflict-detect")
    assert native_for(rule) is detect_conflicts


def test_mini_kg(tmp_path: Path) -> None:
    assert_same_inference(asserted(mini_store(infer=False)), at_least=10)


def test_seed_build(seed_build: Settings) -> None:
    assert_same_inference(built_store(seed_build), at_least=10)


def assembled(home: Path) -> bytes:
    """The asserted graphs of a corpus (assembled, not validated: no build needed)."""
    store = pyoxigraph.Store()
    for iri, graph in assemble_dataset(load_settings({"home": home}, environ={})).graphs.items():
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(iri))
    return store.dump(format=pyoxigraph.RdfFormat.N_QUADS)  # type: ignore[no-any-return]


def test_event_corpus(tmp_path: Path) -> None:
    assert_same_inference(assembled(write_event_corpus(tmp_path, 60)), at_least=10)


def test_generated_corpus(tmp_path: Path) -> None:
    module = load_generator()
    module.generate(tmp_path, 300, 12, SEED_CORPUS / "entities.ttl")  # 300: some conflicts
    assert_same_inference(assembled(tmp_path), at_least=10)


@pytest.mark.parametrize("date", ['"2024"^^xsd:gYear', '"2024-05-01Z"^^xsd:date'])
def test_a_date_that_is_not_a_plain_xsd_date_is_left_to_oxigraph(date: str) -> None:
    store = mini_store()  # inferred: its proposals are typed cmkg:Proposal
    store.update(
        "PREFIX cmkg: <https://w3id.org/cmkg/ontology#> "
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
        "INSERT { GRAPH <https://example.org/g> { ?p cmkg:date " + date + " } } "
        "WHERE { GRAPH ?g { ?p a cmkg:Proposal } }"
    )
    assert detect_conflicts(store) is None
    assert_same_inference(asserted(store), at_least=0)


def test_the_shipped_later_rules_declare_what_they_read() -> None:
    """kg build skips evaluating conflict-detect and explain-conflict again when nothing they
    read was added; an edited rule text (without a new declaration) is always evaluated."""
    for rule in load_rules():
        if rule.stratum > 1:
            assert reads_of(rule) is not None, rule.name


def test_same_event_blocks_give_the_same_matches(tmp_path: Path) -> None:
    from kg.graph.assemble import assemble_dataset as assemble
    from kg.graph.assemble import read_registry
    from kg.graph.events import World, propose_same_events, propose_same_events_by_block

    home = write_event_corpus(tmp_path, 40)
    assembly = assemble(load_settings({"home": home}, environ={}))
    registry = read_registry(home / "corpus" / "entities.ttl")
    assert registry is not None
    world = World.from_registry(registry)
    events = assembly.local_events
    whole = propose_same_events(events, world)
    first, blocks = propose_same_events_by_block(events, world)
    again, _ = propose_same_events_by_block(events[:-1], world, blocks)
    assert sorted(map(str, first)) == sorted(map(str, whole)) and whole
    assert sorted(map(str, again)) == sorted(map(str, propose_same_events(events[:-1], world)))


@pytest.mark.parametrize("added", [1, 3, 12])
def test_a_block_with_events_added_at_the_end_compares_only_those(
    tmp_path: Path, added: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (+1 build at 10k: 4 s re-comparing the new event's whole block): a block
    that gained events after its old ones continues from its old clusters, with the same
    matches as comparing everything again, and without comparing old events with each other."""
    from kg.graph import events as module
    from kg.graph.assemble import assemble_dataset as assemble
    from kg.graph.assemble import read_registry

    home = write_event_corpus(tmp_path, 40)
    assembly = assemble(load_settings({"home": home}, environ={}))
    registry = read_registry(home / "corpus" / "entities.ttl")
    assert registry is not None
    world = module.World.from_registry(registry)
    events = assembly.local_events
    _, blocks = module.propose_same_events_by_block(events[:-added], world)
    compared: list[tuple[str, str]] = []
    real = module._same_event

    def counting(a: module.LocalEvent, b: module.LocalEvent, w: module.World) -> object:
        compared.append((a.slug, b.slug))
        return real(a, b, w)

    monkeypatch.setattr(module, "_same_event", counting)
    again, _ = module.propose_same_events_by_block(events, world, blocks)
    new = {e.slug for e in events[-added:]}
    assert compared and all(second in new for _, second in compared)
    monkeypatch.setattr(module, "_same_event", real)
    assert sorted(map(str, again)) == sorted(map(str, module.propose_same_events(events, world)))
