"""RDFS/OWL-RL closure rules (ontology/rules/closure-*.rq) on small inline graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import BuildError, InputError
from kg.graph import closure
from kg.graph.inference import apply_rules, infer, load_rules
from kg.rdf.terms import INFERRED_GRAPH

PREFIXES = """
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
INFERRED = pyoxigraph.NamedNode(INFERRED_GRAPH)
CMKG = "https://w3id.org/cmkg/ontology#"
EX = "https://example.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def store_with(trig_body: str) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(
        (PREFIXES + trig_body).encode(),
        format=pyoxigraph.RdfFormat.TRIG,
    )
    return store


def inferred(store: pyoxigraph.Store, s: str, p: str, o: str) -> bool:
    quad = pyoxigraph.Quad(
        pyoxigraph.NamedNode(s), pyoxigraph.NamedNode(p), pyoxigraph.NamedNode(o), INFERRED
    )
    return quad in store


CASES = [
    pytest.param(
        "ex:g { cmkg:Sanction rdfs:subClassOf cmkg:RestrictiveMeasure . "
        "cmkg:RestrictiveMeasure rdfs:subClassOf cmkg:Measure . ex:s a cmkg:Sanction . }",
        [(EX + "s", RDF_TYPE, CMKG + "RestrictiveMeasure"), (EX + "s", RDF_TYPE, CMKG + "Measure")],
        id="subclass-typing-is-transitive",
    ),
    pytest.param(
        "ex:g { cmkg:Sanction rdfs:subClassOf cmkg:RestrictiveMeasure . "
        "cmkg:RestrictiveMeasure rdfs:subClassOf cmkg:Measure . }",
        [(CMKG + "Sanction", SUBCLASS, CMKG + "Measure")],
        id="subclass-transitive",
    ),
    pytest.param(
        "ex:g { cmkg:coversResource rdfs:subPropertyOf cmkg:concernsResource . "
        "ex:m cmkg:coversResource ex:tungsten . }",
        [(EX + "m", CMKG + "concernsResource", EX + "tungsten")],
        id="subproperty",
    ),
    pytest.param(
        "ex:g { cmkg:holdsRole owl:inverseOf cmkg:roleOf . ex:role cmkg:roleOf ex:bessent . "
        "ex:other cmkg:holdsRole ex:role2 . }",
        [
            (EX + "bessent", CMKG + "holdsRole", EX + "role"),
            (EX + "role2", CMKG + "roleOf", EX + "other"),
        ],
        id="inverse-both-ways",
    ),
    pytest.param(
        "ex:g { cmkg:conflictsWith a owl:SymmetricProperty . ex:p cmkg:conflictsWith ex:m . }",
        [(EX + "m", CMKG + "conflictsWith", EX + "p")],
        id="symmetric",
    ),
    pytest.param(
        "ex:g { cmkg:locatedIn a owl:TransitiveProperty . ex:a cmkg:locatedIn ex:b . "
        "ex:b cmkg:locatedIn ex:c . ex:c cmkg:locatedIn ex:d . }",
        [(EX + "a", CMKG + "locatedIn", EX + "c"), (EX + "a", CMKG + "locatedIn", EX + "d")],
        id="transitive",
    ),
    pytest.param(
        "ex:g { cmkg:proposedBy rdfs:domain cmkg:Proposal ; rdfs:range cmkg:Actor . "
        "ex:offer cmkg:proposedBy ex:putin . }",
        [(EX + "offer", RDF_TYPE, CMKG + "Proposal"), (EX + "putin", RDF_TYPE, CMKG + "Actor")],
        id="cmkg-domain-and-range",
    ),
]


@pytest.mark.parametrize(("data", "expected"), CASES)
def test_closure_rule_derives_into_the_inferred_graph(
    data: str, expected: list[tuple[str, str, str]]
) -> None:
    store = store_with(data)
    apply_rules(store)
    for triple in expected:
        assert inferred(store, *triple), triple


def test_domain_and_range_outside_the_cmkg_namespace_type_nothing() -> None:
    store = store_with(
        "ex:g { prov:wasAssociatedWith rdfs:domain prov:Activity ; rdfs:range prov:Agent . "
        "ex:p rdfs:domain ex:Thing . cmkg:claimant rdfs:range ex:Junk . "
        "ex:a prov:wasAssociatedWith ex:b . ex:x ex:p ex:y . ex:c cmkg:claimant ex:d . }"
    )
    apply_rules(store)
    assert len(store) == 7  # the seven asserted triples, nothing derived
    assert not store.contains_named_graph(INFERRED) or not list(
        store.quads_for_pattern(None, None, None, INFERRED)
    )


def test_literals_are_never_typed_or_flipped() -> None:
    store = store_with(
        "ex:g { cmkg:label2 rdfs:range cmkg:Thing . cmkg:sym a owl:SymmetricProperty . "
        'ex:a cmkg:label2 "text" . ex:a cmkg:sym "lit" . }'
    )
    apply_rules(store)
    assert list(store.quads_for_pattern(None, None, None, INFERRED)) == []


def test_asserted_triples_are_not_copied_and_rerun_is_stable() -> None:
    store = store_with(
        "ex:g { cmkg:Sanction rdfs:subClassOf cmkg:Measure . "
        "ex:s a cmkg:Sanction , cmkg:Measure . ex:t a cmkg:Sanction . }"
    )
    first = apply_rules(store)
    quads = sorted(str(q) for q in store.quads_for_pattern(None, None, None, INFERRED))
    assert quads == [f"<{EX}t> <{RDF_TYPE}> <{CMKG}Measure> <{INFERRED_GRAPH}>"]
    assert apply_rules(store) == first
    assert sorted(str(q) for q in store.quads_for_pattern(None, None, None, INFERRED)) == quads


def test_inferred_graph_is_recomputed_from_scratch() -> None:
    store = store_with("ex:g { cmkg:Sanction rdfs:subClassOf cmkg:Measure . ex:s a cmkg:Sanction }")
    apply_rules(store)
    store.remove_graph(pyoxigraph.NamedNode(EX + "g"))
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode(EX + "stale"),
            pyoxigraph.NamedNode(RDF_TYPE),
            pyoxigraph.NamedNode(CMKG + "Measure"),
            INFERRED,
        )
    )
    apply_rules(store)
    assert list(store.quads_for_pattern(None, None, None, INFERRED)) == []


def test_counts_per_rule_name_every_rule() -> None:
    counts = apply_rules(store_with("ex:g { ex:a ex:b ex:c }"))
    assert set(counts) == {rule.name for rule in load_rules()}
    assert all(number == 0 for number in counts.values())


def test_rules_are_stratified_closure_first_then_conflicts_then_explanations() -> None:
    strata = {rule.name: rule.stratum for rule in load_rules()}
    assert strata["conflict-detect"] == 2 and strata["explain-conflict"] == 3
    assert {s for name, s in strata.items() if name.startswith("closure-")} == {1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#+ stratum: first\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "stratum"),
        ("#+ stratum: [\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "not valid YAML"),
    ],
)
def test_bad_rule_header_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.rq").write_text(text)
    with pytest.raises(InputError, match=message):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CONSTRUCT { ?s ?p }", "does not parse"),
        ("SELECT * WHERE { ?s ?p ?o }", "must be a CONSTRUCT"),
        ("CONSTRUCT { ?s <http://e/p> _:b } WHERE { ?s ?p ?o }", "blank node"),
        (
            "CONSTRUCT { ?n <http://e/p> ?s } WHERE { ?s ?p ?o "
            'BIND(IRI(CONCAT(STR(?s), "x")) AS ?n) }',
            "fixpoint",
        ),
    ],
)
def test_broken_rules_stop_the_build_with_a_clear_error(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "rule.rq").write_text(text)
    with pytest.raises(BuildError, match=message):
        apply_rules(store_with("ex:g { ex:a ex:b ex:c }"), tmp_path)


def test_inference_on_the_mini_kg_reaches_a_fixpoint() -> None:
    """Running the rules again adds nothing (speed is measured in bench/, not here)."""
    from tests.support.minikg import mini_store

    store = mini_store(infer=False)
    apply_rules(store)
    size = len(store)
    apply_rules(store)
    assert len(store) == size


def _infer_per_graph(
    store: pyoxigraph.Store,
    previous: set[pyoxigraph.Triple] | None,
    replaced: set[pyoxigraph.Triple] | None = None,
    holds: set[pyoxigraph.Triple] | None = None,
) -> object:
    schema = closure.read_schema(store, skip=INFERRED if previous is not None else None)
    derived: closure.Derived = {}
    for graph in store.named_graphs():
        if graph != INFERRED:
            quads = store.quads_for_pattern(None, None, None, graph)
            triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
            closure.merge_into(derived, closure.derive(triples, schema))
    return infer(store, derived, schema, previous=previous, replaced=replaced, holds=holds)


SCHEMA = (
    "ex:o { cmkg:Sanction rdfs:subClassOf cmkg:RestrictiveMeasure . "
    "cmkg:RestrictiveMeasure rdfs:subClassOf cmkg:Measure . "
    "cmkg:locatedIn a owl:TransitiveProperty . }"
)
BEFORE = (
    "ex:a { ex:s a cmkg:Sanction . ex:x cmkg:locatedIn ex:y . ex:y cmkg:locatedIn ex:z . }"
    "ex:b { ex:t a cmkg:Sanction . }"
)
AFTER = (  # ex:s is no longer a sanction, the chain is cut, ex:t's supertype is now asserted
    "ex:a { ex:u a cmkg:Sanction . ex:x cmkg:locatedIn ex:y . ex:t a cmkg:Measure . }"
    "ex:b { ex:t a cmkg:Sanction . }"
)


@pytest.mark.parametrize("told", [False, True], ids=["looked-up", "told-what-was-written"])
def test_inference_over_the_previous_inferred_graph_gives_the_fresh_result(told: bool) -> None:
    """An incremental build keeps the previous inferred graph in the store and has
    :func:`infer` write only the difference: stale closure triples (a cut transitive chain,
    a type whose premise went away, a triple asserted now) must go, as from scratch."""
    store = store_with(SCHEMA + BEFORE)
    assert _infer_per_graph(store, None) is not None
    previous = {
        pyoxigraph.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, INFERRED)
    }
    assert (
        pyoxigraph.Triple(
            pyoxigraph.NamedNode(EX + "x"),
            pyoxigraph.NamedNode(CMKG + "locatedIn"),
            pyoxigraph.NamedNode(EX + "z"),
        )
        in previous
    )  # the stale chain is there to remove
    store.remove_graph(pyoxigraph.NamedNode(EX + "a"))
    store.load((PREFIXES + AFTER.split("ex:b")[0]).encode(), format=pyoxigraph.RdfFormat.TRIG)
    written = {
        pyoxigraph.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(EX + "a"))
    }
    fresh = store_with(SCHEMA + AFTER)
    expected = _infer_per_graph(fresh, None)
    junk = pyoxigraph.Triple(
        pyoxigraph.NamedNode(EX + "junk"),
        pyoxigraph.NamedNode(RDF_TYPE),
        pyoxigraph.NamedNode(EX + "C"),
    )
    holds = {junk}  # infer replaces what it is given, and leaves `previous` alone
    previous_given = set(previous)
    assert _infer_per_graph(store, previous, written if told else None, holds) == expected
    assert previous == previous_given
    got = sorted(map(str, store.quads_for_pattern(None, None, None, INFERRED)))
    assert got == sorted(map(str, fresh.quads_for_pattern(None, None, None, INFERRED)))
    # what the inferred graph holds in the end, as the caller is told it
    assert sorted(f"{t} {INFERRED}" for t in holds) == [g.rstrip(" .") for g in got]
    assert not inferred(store, EX + "s", RDF_TYPE, CMKG + "Measure")
    assert inferred(store, EX + "u", RDF_TYPE, CMKG + "Measure")
