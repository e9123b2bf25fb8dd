"""The compiled shape checks (kg.graph.shape_rules) give exactly pyshacl's violations.

Every case runs both: a ShapeChecker with the compiled checks and one with pyshacl only, on
the same data, and compares the violation lists. The cases: every bad-data case of
test_shapes.py, deliberately broken values for each constraint component (including the
literals only pyshacl decides), the seed corpus's assembled graphs and a generated corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.config import Settings
from kg.graph.shape_rules import check_rules, compile_shapes
from kg.graph.shapes import ShapeChecker, ShapeViolation
from kg.graph.vocabulary import load_ontology
from kg.rdf.turtle import read_turtle
from kg.resources import ontology_file, shapes_file
from tests.graph.test_shapes import INVALID, VALID
from tests.support.minikg import mini_trig

ONTOLOGY = load_ontology(ontology_file())

# (old, new) edits of VALID, one constraint component each; several hit the values whose
# verdict the compiled checks leave to pyshacl (ill-typed, non-numeric, language-tagged...)
BROKEN = [
    pytest.param(old, new, id=f"{component}-{n}")
    for component, edits in {
        "minCount": [("cmkg:proposedBy cmkgid:putin ;", "")],
        "maxCount": [("cmkg:sentenceIndex 4 ;", "cmkg:sentenceIndex 4 , 5 ;")],
        "datatype": [
            ("cmkg:quantity 3.8 ;", 'cmkg:quantity "3.8" ;'),
            ("cmkg:quantity 3.8 ;", 'cmkg:quantity "many"^^xsd:decimal ;'),
            ("cmkg:quantity 3.8 ;", "cmkg:quantity cmkgid:russia ;"),
            ("cmkg:quantity 3.8 ;", "cmkg:quantity 4 ;"),
            ('cmkg:unit "Mt" ;', 'cmkg:unit "Mt"@en ;'),
            ('cmkg:unit "Mt" ;', 'cmkg:unit "Mt"^^xsd:string ;'),
            ('cmkg:startDate "2023-01-01"^^xsd:date', 'cmkg:startDate "2023-13-45"^^xsd:date'),
            ('cmkg:startDate "2023-01-01"^^xsd:date', 'cmkg:startDate "2023"^^xsd:gYear'),
            ('cmkg:date "2025-02-24"^^xsd:date', 'cmkg:date "2025-02-24"'),
        ],
        "class": [
            ("cmkg:proposedTo cmkgid:us-companies", "cmkg:proposedTo cmkgid:nobody"),
            ("cmkg:proposedTo cmkgid:us-companies", 'cmkg:proposedTo "US companies"'),
            ("cmkg:dependsOn cmkgid:russia", "cmkg:dependsOn [ a cmkg:Country ]"),
        ],
        "in": [
            ("cmkg:status cmkg:InForce", "cmkg:status cmkg:Repealed"),
            ("cmkg:status cmkg:InForce", 'cmkg:status "InForce"'),
            ('cmkg:datePrecision "month"', 'cmkg:datePrecision "month"^^xsd:string'),
            ('cmkg:datePrecision "month"', 'cmkg:datePrecision "week"'),
            ('cmkg:datePrecision "month"', 'cmkg:datePrecision "month"@en'),
        ],
        "nodeKind": [
            ("cmkg:evidence cmkgid:ev1 .\n\ncmkgid:talks", 'cmkg:evidence "ev1" .\n\ncmkgid:talks'),
            ("cmkg:evidence cmkgid:ev1 .\n\ncmkgid:talks", "cmkg:evidence [] .\n\ncmkgid:talks"),
        ],
        "pattern": [
            ('cmkg:sha256 "3f2a', 'cmkg:sha256 "Z3f2a'),
            ('cmkg:sha256 "3f2a', 'cmkg:sha256 "3f2a3f2a"^^xsd:token ; cmkg:x "'),
        ],
        "minLength": [('oa:exact "Putin has suggested"', 'oa:exact ""')],
        "minInclusive": [
            ("cmkg:sentenceIndex 4", "cmkg:sentenceIndex -1"),
            ("cmkg:confidence 0.6", "cmkg:confidence -0.5"),
            ("cmkg:confidence 0.6", 'cmkg:confidence "0.6"'),
            ("cmkg:confidence 0.6", "cmkg:confidence 1.5"),
            ("cmkg:confidence 0.6", "cmkg:confidence 1"),
            ("cmkg:confidence 0.6", "cmkg:confidence 1.0e0"),
            ("cmkg:sentenceIndex 4", "cmkg:sentenceIndex cmkgid:four"),
        ],
        "lessThan": [
            ('oa:start "512"', 'oa:start "600"'),
            ('oa:start "512"', 'oa:start "531"'),
            ('oa:start "512"^^xsd:nonNegativeInteger', 'oa:start "x"'),
            ('oa:end "531"^^xsd:nonNegativeInteger', 'oa:end "531"^^xsd:nonNegativeInteger , 500'),
        ],
        "or": [
            (
                "prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .\n\ncmkgid:talks",
                ".\n\ncmkgid:talks",
            ),
            ("cmkg:claimant article:a1", "cmkg:claimant cmkgid:nobody"),
            ("cmkg:claimant article:a1", 'cmkg:claimant "the article"'),
            ('oa:end "531"^^xsd:nonNegativeInteger', 'oa:end "531"^^xsd:long'),
        ],
        "unsure-with-other-focus": [  # pyshacl must see the whole focus list (regression)
            ("cmkg:claimant article:a1 ; cmkg:about", "cmkg:claimant cmkgid:talks ; cmkg:about"),
            ('cmkg:unit "Mt" ;', 'cmkg:unit "Mt"@en ; cmkg:claimant cmkgid:talks ;'),
        ],
        "qualifiedMinCount": [
            ("cmkgid:ev1-quote a oa:TextQuoteSelector", "cmkgid:ev1-quote a oa:Thing"),
            ("oa:hasSelector cmkgid:ev1-quote , cmkgid:ev1-position", "oa:hasSelector 7"),
        ],
    }.items()
    for n, (old, new) in enumerate(edits)
]


def _pair(context: list[rdflib.Graph]) -> tuple[ShapeChecker, ShapeChecker]:
    return ShapeChecker(context), ShapeChecker(context, compiled=False)


def _same(data: rdflib.Graph, context: list[rdflib.Graph]) -> list[ShapeViolation]:
    fast, reference = _pair(context)
    assert fast.rules is not None, "the shipped shapes must compile"
    expected = reference.check(data)
    assert fast.check(data) == expected
    return expected


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def test_the_shipped_shapes_compile() -> None:
    rules = compile_shapes(read_turtle(shapes_file(), "shapes"))
    assert rules is not None and len(rules) >= 20


def test_the_valid_fixture_is_decided_without_pyshacl() -> None:
    rules = compile_shapes(read_turtle(shapes_file(), "shapes"))
    assert rules is not None
    data = _graph(VALID)
    focus = [s for s in set(data.subjects()) if isinstance(s, rdflib.URIRef)]
    found, unsure = check_rules(rules, [ONTOLOGY, data], focus)
    assert found == [] and unsure == set()
    assert _same(_graph(VALID), [ONTOLOGY]) == []


@pytest.mark.parametrize(("old", "new", "expected"), INVALID)
def test_every_bad_data_case_gives_pyshacls_violations(old: str, new: str, expected: str) -> None:
    found = _same(_graph(VALID.replace(old, new)), [ONTOLOGY])
    assert any(str(v).startswith(expected) for v in found)


@pytest.mark.parametrize(("old", "new"), BROKEN)
def test_each_constraint_component_gives_pyshacls_violations(old: str, new: str) -> None:
    assert VALID.count(old) == 1, "the fixture edit must be unambiguous"
    _same(_graph(VALID.replace(old, new)), [ONTOLOGY])


def test_the_mini_kg_gives_pyshacls_violations() -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=mini_trig(), format="trig")
    for graph in dataset.graphs():
        if len(graph):
            _same(rdflib.Graph() + graph, [ONTOLOGY])


def test_shapes_with_an_unsupported_feature_fall_back_to_pyshacl(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        shapes_file().read_text(encoding="utf-8")
        + "\ncmkgsh:X a sh:NodeShape ; sh:targetClass cmkg:Claim ; "
        + 'sh:property [ sh:path cmkg:unit ; sh:maxLength 1 ; sh:message "short unit" ] .\n'
    )
    checker = ShapeChecker([ONTOLOGY], shapes=shapes)
    assert checker.rules is None
    found = checker.check(_graph(VALID))
    assert [v.message for v in found] == ["short unit"]  # the feature is not skipped


def test_the_seed_corpus_gives_pyshacls_violations(seed_build: Settings) -> None:
    from kg.graph.assemble import assemble_dataset
    from kg.graph.events import EVENTS_GRAPH
    from kg.rdf.terms import ENTITIES_GRAPH, ONTOLOGY_GRAPH, article_graph

    assembly = assemble_dataset(seed_build)
    context = [assembly.graphs[g] for g in (ONTOLOGY_GRAPH, ENTITIES_GRAPH, EVENTS_GRAPH)]
    fast, reference = _pair(context)
    for article_id in assembly.articles:
        graph = assembly.graphs[article_graph(article_id)]
        assert fast.check(graph) == reference.check(graph), article_id
        broken = rdflib.Graph() + graph  # and with every second literal made a bad string
        for n, (s, p, o) in enumerate(sorted(graph)):
            if isinstance(o, rdflib.Literal) and n % 2:
                broken.remove((s, p, o))
                broken.add((s, p, rdflib.Literal("-1x")))
        assert fast.check(broken) == reference.check(broken), article_id
