"""SHACL shapes (ontology/shapes.ttl) through kg.graph.shapes.shacl_problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.errors import ValidationError
from kg.graph.shapes import shacl_problems
from kg.resources import shapes_file

PREFIXES = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix article: <https://w3id.org/cmkg/article/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# A small article graph in the shape docs/data-model.md fixes; every invalid case below
# changes one thing in it.
VALID = (
    PREFIXES
    + """
cmkgid:putin a cmkg:Person . cmkgid:bessent a cmkg:Person .
cmkgid:us-companies a cmkg:Company . cmkgid:us-treasury a cmkg:GovernmentBody .
cmkgid:united-states a cmkg:Country . cmkgid:russia a cmkg:Country .
cmkgid:rare-earth-elements a cmkg:Resource .

article:a1 a cmkg:Article ; dcterms:title "Putin proposes deals"@en ;
    dcterms:date "2026-02-15"^^xsd:date ; cmkg:datePrecision "month" ;
    dcterms:source "a1.txt" ;
    cmkg:sha256 "3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a3f2a" .

cmkgid:offer a cmkg:Proposal ;
    cmkg:proposedBy cmkgid:putin ; cmkg:proposedTo cmkgid:us-companies ;
    cmkg:concernsResource cmkgid:rare-earth-elements ;
    cmkg:condition "if the 2023 duties are scrapped" ; cmkg:conditionOnMeasure cmkgid:duties ;
    cmkg:date "2025-02-24"^^xsd:date ;
    cmkg:reviewStatus cmkg:Candidate ; cmkg:confidence 0.6 ; cmkg:candidateId "proposal-1" ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:duties a cmkg:Tariff ; cmkg:imposedBy cmkgid:united-states ;
    cmkg:targets cmkgid:russia ; cmkg:coversResource cmkgid:rare-earth-elements ;
    cmkg:status cmkg:InForce ; cmkg:startDate "2023-01-01"^^xsd:date ;
    cmkg:reviewStatus cmkg:Accepted ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:talks a cmkg:Meeting ; cmkg:participant cmkgid:putin , cmkgid:bessent ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:reserves a cmkg:Claim ; cmkg:claimant article:a1 ; cmkg:about cmkgid:russia ;
    cmkg:claimKind "reserves" ; cmkg:quantity 3.8 ; cmkg:unit "Mt" ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:bessent-role a cmkg:Role ; rdfs:label "Treasury Secretary"@en ;
    cmkg:roleOf cmkgid:bessent ; cmkg:roleIn cmkgid:us-treasury ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:dep a cmkg:Dependency ; cmkg:dependent cmkgid:united-states ;
    cmkg:dependsOn cmkgid:russia ; cmkg:forActivity "refining" ;
    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .

cmkgid:ev1 a oa:SpecificResource ; oa:hasSource article:a1 ; cmkg:sentenceIndex 4 ;
    oa:hasSelector cmkgid:ev1-quote , cmkgid:ev1-position .
cmkgid:ev1-quote a oa:TextQuoteSelector ; oa:exact "Putin has suggested" ;
    oa:prefix "Russian President " ; oa:suffix " joint projects" .
cmkgid:ev1-position a oa:TextPositionSelector ;
    oa:start "512"^^xsd:nonNegativeInteger ; oa:end "531"^^xsd:nonNegativeInteger .

cmkgid:conflict-offer-duties a cmkg:Conflict ;
    cmkg:proposal cmkgid:offer ; cmkg:measure cmkgid:duties ;
    cmkg:basis cmkg:ConditionRequiresRemoval ; cmkg:reason "The offer asks to lift duties."@en ;
    prov:wasDerivedFrom cmkgid:offer , cmkgid:duties .
"""
)


def _problems(turtle: str) -> list[str]:
    return shacl_problems(rdflib.Graph().parse(data=turtle, format="turtle"))


def test_valid_fixture_conforms() -> None:
    assert _problems(VALID) == []


# (what to replace in VALID, with what, the start of the expected problem line)
INVALID = [
    pytest.param(
        "cmkg:proposedBy cmkgid:putin ; ",
        "",
        "cmkgid:offer cmkg:proposedBy: a Proposal needs at least one cmkg:proposedBy",
        id="proposal-without-proposedBy",
    ),
    pytest.param(
        "cmkg:proposedBy cmkgid:putin ;",
        "cmkg:proposedBy cmkgid:rare-earth-elements ;",
        "cmkgid:offer cmkg:proposedBy: a Proposal needs at least one cmkg:proposedBy that is "
        "a known Actor",
        id="proposer-is-not-an-actor",
    ),
    pytest.param(
        'cmkg:date "2025-02-24"^^xsd:date ;\n    cmkg:reviewStatus cmkg:Candidate ; '
        'cmkg:confidence 0.6 ; cmkg:candidateId "proposal-1" ;\n'
        "    prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .",
        'cmkg:date "2025-02-24"^^xsd:date ; prov:wasDerivedFrom article:a1 .',
        "cmkgid:offer -: needs at least one cmkg:evidence",
        id="proposal-without-evidence",
    ),
    pytest.param(
        'cmkg:date "2025-02-24"^^xsd:date',
        'cmkg:date "24 February 2025"',
        "cmkgid:offer cmkg:date: cmkg:date must be an xsd:date",
        id="date-not-xsd-date",
    ),
    pytest.param(
        'cmkg:startDate "2023-01-01"^^xsd:date',
        'cmkg:startDate "2023-01-01T00:00:00"^^xsd:dateTime',
        "cmkgid:duties cmkg:startDate: cmkg:startDate must be one xsd:date",
        id="start-date-is-datetime",
    ),
    pytest.param(
        'dcterms:date "2026-02-15"^^xsd:date',
        'dcterms:date "2026-02"',
        "article:a1 dcterms:date: dcterms:date must be an xsd:date",
        id="publication-date-not-xsd-date",
    ),
    pytest.param(
        "cmkg:imposedBy cmkgid:united-states ;",
        "",
        "cmkgid:duties cmkg:imposedBy: a RestrictiveMeasure needs cmkg:imposedBy",
        id="tariff-without-imposer-subclass-target",
    ),
    pytest.param(
        "cmkg:status cmkg:InForce",
        "cmkg:status cmkg:Accepted",
        "cmkgid:duties cmkg:status: cmkg:status must be one of cmkg:InForce",
        id="status-outside-measure-statuses",
    ),
    pytest.param(
        "cmkg:quantity 3.8 ;",
        "",
        "cmkgid:reserves cmkg:quantity: a Claim needs exactly one cmkg:quantity",
        id="claim-without-quantity",
    ),
    pytest.param(
        "cmkg:quantity 3.8 ;",
        'cmkg:quantity "3.8 Mt" ;',
        "cmkgid:reserves cmkg:quantity: a Claim needs exactly one cmkg:quantity as xsd:decimal",
        id="quantity-not-decimal",
    ),
    pytest.param(
        "cmkg:claimant article:a1 ;",
        "",
        "cmkgid:reserves cmkg:claimant: a Claim needs a cmkg:claimant",
        id="claim-without-claimant",
    ),
    pytest.param(
        "cmkg:claimant article:a1 ;",
        "cmkg:claimant cmkgid:rare-earth-elements ;",
        "cmkgid:reserves cmkg:claimant: a Claim needs a cmkg:claimant that is an Actor or the "
        "Article",
        id="claimant-neither-actor-nor-article",
    ),
    pytest.param(
        'oa:exact "Putin has suggested" ;',
        "",
        "cmkgid:ev1-quote oa:exact: a TextQuoteSelector needs exactly one non-empty oa:exact",
        id="evidence-without-exact",
    ),
    pytest.param(
        "oa:hasSource article:a1 ;",
        "",
        "cmkgid:ev1 oa:hasSource: evidence needs exactly one oa:hasSource",
        id="evidence-without-source",
    ),
    pytest.param(
        "oa:hasSelector cmkgid:ev1-quote , cmkgid:ev1-position .",
        "oa:hasSelector cmkgid:ev1-quote .",
        "cmkgid:ev1 oa:hasSelector: evidence needs an oa:hasSelector that is an "
        "oa:TextPositionSelector",
        id="evidence-without-position-selector",
    ),
    pytest.param(
        'oa:end "531"^^xsd:nonNegativeInteger',
        'oa:end "500"^^xsd:nonNegativeInteger',
        "cmkgid:ev1-position oa:start: a TextPositionSelector needs one integer oa:start >= 0, "
        "less than oa:end",
        id="start-after-end",
    ),
    pytest.param(
        'oa:start "512"^^xsd:nonNegativeInteger',
        'oa:start "512"',
        "cmkgid:ev1-position oa:start: a TextPositionSelector needs one integer oa:start",
        id="start-not-integer",
    ),
    pytest.param(
        "cmkg:reviewStatus cmkg:Candidate",
        "cmkg:reviewStatus cmkg:Maybe",
        "cmkgid:offer cmkg:reviewStatus: cmkg:reviewStatus must be one of cmkg:Accepted, "
        "cmkg:Candidate, cmkg:Rejected (value: cmkg:Maybe)",
        id="review-status-outside-the-three",
    ),
    pytest.param(
        "cmkg:confidence 0.6",
        "cmkg:confidence 1.5",
        "cmkgid:offer cmkg:confidence: cmkg:confidence must be one xsd:decimal between 0 and 1",
        id="confidence-above-one",
    ),
    pytest.param(
        "cmkg:participant cmkgid:putin , cmkgid:bessent ;",
        "",
        "cmkgid:talks cmkg:participant: a Meeting needs at least one cmkg:participant",
        id="meeting-without-participant",
    ),
    pytest.param(
        "cmkg:roleOf cmkgid:bessent ;",
        "",
        "cmkgid:bessent-role cmkg:roleOf: a Role needs exactly one cmkg:roleOf that is a Person",
        id="role-without-roleOf",
    ),
    pytest.param(
        "cmkg:dependsOn cmkgid:russia ;",
        "",
        "cmkgid:dep cmkg:dependsOn: a Dependency needs a cmkg:dependsOn",
        id="dependency-without-dependsOn",
    ),
    pytest.param(
        "prov:wasDerivedFrom article:a1 ; cmkg:evidence cmkgid:ev1 .\n\ncmkgid:reserves",
        "cmkg:evidence cmkgid:ev1 .\n\ncmkgid:reserves",
        "cmkgid:talks -: needs prov:wasDerivedFrom <article>",
        id="event-without-wasDerivedFrom",
    ),
    pytest.param(
        'cmkg:sha256 "3f2a',
        'cmkg:sha256 "XYZ',
        "article:a1 cmkg:sha256: an Article needs one cmkg:sha256",
        id="article-sha256-not-hex",
    ),
    pytest.param(
        "cmkg:basis cmkg:ConditionRequiresRemoval ;",
        "",
        "cmkgid:conflict-offer-duties cmkg:basis: a Conflict needs at least one cmkg:basis",
        id="conflict-without-basis",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), INVALID)
def test_invalid_fixture_is_rejected_with_a_readable_line(
    old: str, new: str, expected: str
) -> None:
    assert VALID.count(old) == 1, "the fixture edit must be unambiguous"
    problems = _problems(VALID.replace(old, new))
    assert any(line.startswith(expected) for line in problems), problems
    assert all("\n" not in line for line in problems)


def test_problems_are_sorted_and_deterministic() -> None:
    broken = VALID.replace("cmkg:quantity 3.8 ;", "").replace("cmkg:roleOf cmkgid:bessent ;", "")
    first = _problems(broken)
    assert first == sorted(first) == _problems(broken)
    assert len(first) == 2


def test_a_few_thousand_triples_validate() -> None:
    """Many copies of a valid proposal stay valid (speed is measured in bench/, not here)."""
    body = VALID.split("cmkgid:offer a cmkg:Proposal", 1)[1]
    proposal = "cmkgid:offer a cmkg:Proposal" + body.split("cmkgid:duties a cmkg:Tariff")[0]
    copies = [proposal.replace("cmkgid:offer ", f"cmkgid:offer-{i} ") for i in range(300)]
    graph = rdflib.Graph().parse(data=VALID + "\n".join(copies), format="turtle")
    assert len(graph) > 3000
    assert shacl_problems(graph) == []


def test_a_malformed_shape_is_reported_as_such_not_as_a_crash(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        shapes_file().read_text(encoding="utf-8")
        + "\ncmkgsh:X a sh:NodeShape ; sh:targetClass cmkg:Claim ; sh:property cmkgsh:XP .\n"
        + 'cmkgsh:XP sh:path cmkg:unit ; sh:minCount "one" .\n'
    )
    data = rdflib.Graph().parse(data=VALID, format="turtle")
    with pytest.raises(ValidationError) as caught:
        shacl_problems(data, shapes=shapes)
    message = caught.value.message
    assert "sh:minCount must be a literal with datatype xsd:integer" in message
    assert "kg ontology check" in message and "\n" not in message


def test_shape_checker_checks_one_graph_and_leaves_the_context_as_it_was() -> None:
    from kg.graph.shapes import ShapeChecker
    from kg.graph.vocabulary import load_ontology
    from kg.resources import ontology_file

    ontology = load_ontology(ontology_file())
    checker = ShapeChecker([ontology])
    size = len(checker.work)
    article = rdflib.Graph().parse(
        data="""
        @prefix cmkg: <https://w3id.org/cmkg/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://w3id.org/cmkg/id/article/x> a cmkg:Article .
        """,
        format="turtle",
    )
    found = checker.check(article)
    assert found and all(v.focus == "https://w3id.org/cmkg/id/article/x" for v in found)
    assert len(checker.work) == size
    assert checker.check(rdflib.Graph()) == []  # no focus node: nothing validated
