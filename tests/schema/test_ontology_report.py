"""`kg ontology report`: ROBOT-style findings, one line each with its severity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.namespace import OWL, RDF, RDFS

from kg.cli import cli
from kg.config import Settings
from kg.schema.report import Finding, build_report, data_findings, term_findings
from kg.schema.usage import Usage, terms_in_sparql
from tests.support.paths import REPO

ONTOLOGY = (REPO / "ontology" / "cmkg.ttl").read_text(encoding="utf-8")
GRAPH = rdflib.Graph().parse(data=ONTOLOGY, format="turtle")
CMKG = "https://w3id.org/cmkg/ontology#"


def findings_lines(result: Result) -> list[list[str]]:
    return [line.split("\t") for line in result.stdout.splitlines()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    for name in ("ontology", "queries"):
        shutil.copytree(REPO / name, folder / name)
    return folder


def report(runner: CliRunner, project: Path) -> Result:
    return runner.invoke(cli, ["--home", str(project), "ontology", "report"])


def test_report_on_the_repository_ontology_is_clean(runner: CliRunner, project: Path) -> None:
    result = report(runner, project)
    assert result.exit_code == 0, result.output
    levels = {line[0] for line in findings_lines(result)}
    assert levels <= {"INFO"}
    assert all(len(line) == 4 for line in findings_lines(result))
    assert result.stderr.strip().splitlines()[-1].startswith("ok: ontology report is clean")


def test_report_is_clean_against_a_build(runner: CliRunner, tiny: Path) -> None:
    for name in ("ontology", "queries"):
        shutil.copytree(REPO / name, tiny / name)
    built = runner.invoke(cli, ["--home", str(tiny), "build", "-q"])
    assert built.exit_code == 0, built.output
    result = report(runner, tiny)
    assert result.exit_code == 0, result.output
    assert "data_not_checked" not in result.stdout


def test_report_is_clean_against_the_seed_build(runner: CliRunner, seed_build: Settings) -> None:
    """Regression: the registry's EU institutions answer to the European Union, which the
    range of cmkg:jurisdiction (then countries only) did not allow: a range clash in CI."""
    result = report(runner, seed_build.home)
    assert result.exit_code == 0, result.output
    assert [line for line in findings_lines(result) if line[0] != "INFO"] == []


_DEF = 'skos:definition "For the test."@en'

BROKEN = [
    pytest.param(
        f"cmkg:Nameless a owl:Class ; {_DEF} .",
        ["ERROR", "missing_label", "cmkg:Nameless", "no rdfs:label@en"],
        id="missing-label",
    ),
    pytest.param(
        'cmkg:Undefined a owl:Class ; rdfs:label "Undefined"@en .',
        ["ERROR", "missing_definition", "cmkg:Undefined", "no skos:definition@en"],
        id="missing-definition",
    ),
    pytest.param(
        f'cmkg:Twice a owl:Class ; rdfs:label "Twice"@en , "Two times"@en ; {_DEF} .',
        ["ERROR", "multiple_labels", "cmkg:Twice", 'labels "Twice", "Two times"'],
        id="multiple-labels",
    ),
    pytest.param(
        f'cmkg:Spaced a owl:Class ; rdfs:label "Spaced  out"@en ; {_DEF} .',
        ["WARN", "label_whitespace", "cmkg:Spaced", 'label "Spaced  out" has stray spaces'],
        id="label-whitespace",
    ),
    pytest.param(
        f'cmkg:Zanction a owl:Class ; rdfs:label "sanction"@en ; {_DEF} .',
        [
            "ERROR",
            "duplicate_label",
            "cmkg:Zanction",
            'class label "sanction" is also the label of cmkg:Sanction',
        ],
        id="duplicate-label",
    ),
]


@pytest.mark.parametrize(("addition", "expected"), BROKEN)
def test_each_rule_gives_one_line(
    runner: CliRunner, project: Path, addition: str, expected: list[str]
) -> None:
    with (project / "ontology" / "cmkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\n" + addition + "\n")
    result = report(runner, project)
    bad = [line for line in findings_lines(result) if line[0] != "INFO"]
    assert bad == [expected]
    assert result.exit_code == 4
    assert result.stderr.strip().splitlines()[-1].startswith("error: ontology report: ")


def test_a_term_a_query_uses_but_nobody_declared_is_an_error(
    runner: CliRunner, project: Path
) -> None:
    (project / "queries" / "typo.rq").write_text(
        "#+ summary: a typo\nPREFIX cmkg: <https://w3id.org/cmkg/ontology#>\n"
        "SELECT ?x WHERE { ?x a cmkg:Sanktion }\n",
        encoding="utf-8",
    )
    result = report(runner, project)
    assert result.exit_code == 4
    assert ["ERROR", "undeclared_term", "cmkg:Sanktion"] in [
        line[:3] for line in findings_lines(result)
    ]
    assert "queries/typo.rq" in result.stdout


def test_deprecated_terms_in_use_are_warnings_and_unused_terms_info(project: Path) -> None:
    graph = rdflib.Graph().parse(data=ONTOLOGY, format="turtle")
    graph.add((rdflib.URIRef(CMKG + "Sanction"), OWL.deprecated, rdflib.Literal(True)))
    usage = Usage()
    usage.add(CMKG + "Sanction", "queries/x.rq")
    found = build_report(graph, usage, None)
    assert (
        Finding(
            "WARN", "deprecated_term_used", "cmkg:Sanction", "deprecated but used by queries/x.rq"
        )
        in found
    )
    unused = {f.subject for f in found if f.rule == "unused_term"}
    assert "cmkg:Sanction" not in unused and "cmkg:Tariff" in unused
    assert all(f.level == "INFO" for f in found if f.rule == "unused_term")
    assert found[-1].rule in {"unused_term", "data_not_checked"}  # INFO last


def test_the_repository_ontology_has_no_label_problems() -> None:
    assert term_findings(GRAPH) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"PREFIX cmkg: <{CMKG}>\nSELECT * {{ ?x cmkg:proposedBy ?y }}", {"proposedBy"}),
        (f"PREFIX c: <{CMKG}>\nSELECT * {{ ?x a c:Proposal }}", {"Proposal"}),
        (f"SELECT * {{ ?x a <{CMKG}Sanction> }}", {"Sanction"}),
        ("# cmkg:Commented\nSELECT * { ?x a cmkg:Tariff . }", {"Tariff"}),
        ("SELECT * { ?x a cmkg:Tariff. }", {"Tariff"}),
    ],
)
def test_terms_named_in_sparql(text: str, expected: set[str]) -> None:
    assert terms_in_sparql(text) == {CMKG + name for name in expected}


def _disjoint_domain_case() -> tuple[str, str, str]:
    """(property, its domain, a class disjoint with that domain), read from the ontology."""
    for prop, domain in sorted(GRAPH.subject_objects(RDFS.domain)):
        if not str(prop).startswith(CMKG):
            continue
        for a, b in GRAPH.subject_objects(OWL.disjointWith):
            if domain in (a, b):
                other = b if domain == a else a
                return str(prop), str(domain), str(other)
    raise AssertionError("the ontology has no property whose domain has a disjoint class")


def _store(tmp_path: Path, turtle: str) -> Path:
    path = tmp_path / "store"
    store = pyoxigraph.Store(str(path))
    store.load(
        turtle.encode("utf-8"),
        format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode("https://w3id.org/cmkg/graph/a1"),
    )
    store.flush()
    del store
    return path


def test_data_clashes_with_domains_and_ranges(tmp_path: Path) -> None:
    prop, domain, other = _disjoint_domain_case()
    object_prop = next(
        str(p)
        for p in sorted(GRAPH.subjects(RDF.type, OWL.ObjectProperty))
        if str(p).startswith(CMKG)
    )
    index = CMKG + "sentenceIndex"  # range xsd:nonNegativeInteger
    store = _store(
        tmp_path,
        f"""
        <urn:x> a <{other}> ; <{prop}> <urn:y> .
        <urn:z> <{object_prop}> "a literal" .
        <urn:e1> <{index}> 3 .
        <urn:e2> <{index}> -1 .
        <urn:e3> <{index}> "three" .
        """,
    )
    found = {(f.rule, f.subject, f.message.split(" (e.g.")[0]) for f in data_findings(GRAPH, store)}
    short = lambda iri: "cmkg:" + iri[len(CMKG) :]  # noqa: E731
    assert (
        "domain_clash",
        short(prop),
        f"1 subject(s) typed {short(other)}, disjoint with {short(domain)}",
    ) in found
    assert ("range_clash", short(object_prop), "object property has 1 literal value(s)") in found
    assert ("range_clash", "cmkg:sentenceIndex", "2 value(s) not xsd:nonNegativeInteger") in found
    assert len(found) == 3


def test_clean_data_has_no_clashes(tmp_path: Path) -> None:
    prop, domain, _other = _disjoint_domain_case()
    store = _store(tmp_path, f"<urn:x> a <{domain}> ; <{prop}> <urn:y> .")
    assert data_findings(GRAPH, store) == []
