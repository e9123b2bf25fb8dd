"""`kg ontology check` and `kg ontology docs`: what an ontologist sees when things go wrong."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.cli import cli
from kg.rdf.terms import CMKG
from kg.resources import ontology_file, shapes_file
from kg.schema.check import JAVA_MISSING, check_shapes, term_problems
from kg.schema.profile import dl_profile_violations

ONTOLOGY_GRAPH = rdflib.Graph().parse(ontology_file(), format="turtle")


# --- kg ontology check -----------------------------------------------------------------------


@pytest.mark.slow  # two JVMs (OWL API, HermiT): ~3 s, more on a busy machine
@pytest.mark.needs_java
def test_check_cli_reports_consistent(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    assert "HermiT: consistent; unsatisfiable classes: none" in result.stdout
    assert "parsed with rdflib" in result.stdout and "parsed with Oxigraph" in result.stdout


_DEFINED = 'rdfs:label "Broken"@en ; skos:definition "A class for the test."@en'

BROKEN = [
    pytest.param(
        f"cmkg:Broken a owl:Class ; {_DEFINED} ; rdfs:subClassOf cmkg:Person , cmkg:Organization .",
        "HermiT: class cmkg:Broken is unsatisfiable",
        id="subclass-of-two-disjoint-classes",
    ),
    pytest.param(
        "cmkg:Accepted a cmkg:MeasureStatus .",
        "HermiT: the ontology is inconsistent",
        id="individual-in-disjoint-classes",
    ),
    pytest.param(
        'cmkg:Broken a owl:Class ; rdfs:label "Broken"@en .',
        "cmkg:Broken has no skos:definition in English",
        id="term-without-definition",
    ),
    pytest.param(
        "cmkg:Broken a owl:Class ; rdfs:label",
        "is not valid Turtle: line",
        id="turtle-syntax-error",
    ),
    pytest.param(
        "cmkg:Person rdfs:subClassOf schema:Thing .",
        "not OWL 2 DL: Use of undeclared class: schema:Thing",
        id="undeclared-external-class-leaves-owl2-dl",
        marks=pytest.mark.skipif(shutil.which("javac") is None, reason="needs a JDK"),
    ),
]


# Broken in ways the house rules catch without Java: checked through term_problems (fast).
HOUSE_RULES = [
    pytest.param(
        'cmkg:Broken a owl:Class ; skos:definition "x"@en ; rdfs:label "Broken" .',
        'cmkg:Broken has no rdfs:label in English (add rdfs:label "…"@en)',
        id="label-without-language",
    ),
    pytest.param(
        f"cmkg:Broken a owl:Class ; {_DEFINED} ; rdfs:subClassOf cmkg:Mesure .",
        "cmkg:Mesure is used but not declared (add `cmkg:Mesure a owl:Class` or fix it)",
        id="typo-in-a-term",
    ),
    pytest.param(
        f"cmkg:broken a owl:DatatypeProperty ; {_DEFINED} .",
        "datatype property cmkg:broken has no rdfs:range (e.g. xsd:string)",
        id="datatype-property-without-range",
    ),
    pytest.param(
        f"cmkg:broken a owl:DatatypeProperty , owl:ObjectProperty ; {_DEFINED} ; "
        "rdfs:range xsd:string .",
        "cmkg:broken is declared both an object and a datatype property",
        id="object-and-datatype-property",
    ),
]


@pytest.mark.parametrize(("addition", "problem"), HOUSE_RULES)
def test_house_rules_name_the_term_and_the_fix(addition: str, problem: str) -> None:
    turtle = ontology_file().read_text(encoding="utf-8") + "\n" + addition + "\n"
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert term_problems(graph) == [problem]


def test_house_rules_require_the_ontology_header() -> None:
    graph = rdflib.Graph()
    for triple in ONTOLOGY_GRAPH:
        if triple[1] not in (OWL.versionIRI, DCTERMS.license):
            graph.add(triple)
    assert term_problems(graph) == [
        "the ontology header lacks owl:versionIRI",
        "the ontology header lacks dcterms:license",
    ]


def _copy_with(tmp_path: Path, addition: str) -> Path:
    copy = tmp_path / "cmkg.ttl"
    copy.write_text(ontology_file().read_text(encoding="utf-8") + "\n" + addition + "\n")
    return copy


def _assert_one_line_failure(result: Result, fragment: str) -> None:
    stderr = result.stderr
    assert result.exit_code == 4, result.output
    problems = [line for line in stderr.splitlines() if line.startswith("problem: ")]
    assert any(fragment in line for line in problems), stderr
    assert stderr.splitlines()[-1].startswith("error: ontology check found")
    assert all(line.startswith(("problem: ", "error: ")) for line in stderr.splitlines())
    assert "Traceback" not in result.output


@pytest.mark.slow  # two JVMs (OWL API, HermiT): ~3 s, more on a busy machine
@pytest.mark.needs_java
@pytest.mark.parametrize(("addition", "fragment"), BROKEN)
def test_check_fails_on_a_broken_copy(
    runner: CliRunner, tmp_path: Path, addition: str, fragment: str
) -> None:
    copy = _copy_with(tmp_path, addition)
    result = runner.invoke(cli, ["ontology", "check", "--ontology", str(copy)])
    _assert_one_line_failure(result, fragment)


@pytest.mark.slow  # two JVMs (OWL API, HermiT): ~3 s, more on a busy machine
@pytest.mark.needs_java
def test_check_fails_on_shapes_that_are_not_valid_shacl(runner: CliRunner, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    addition = (
        "cmkgsh:X a sh:NodeShape ; sh:targetClass cmkg:Claim ; sh:property cmkgsh:XP .\n"
        'cmkgsh:XP sh:path cmkg:unit ; sh:minCount "one" .'
    )
    shapes.write_text(shapes_file().read_text(encoding="utf-8") + "\n" + addition + "\n")
    result = runner.invoke(cli, ["ontology", "check", "--shapes", str(shapes)])
    _assert_one_line_failure(
        result,
        "shapes: <https://w3id.org/cmkg/shapes#XP> sh:minCount: Value is not Literal with "
        'datatype xsd:integer (value: "one")',
    )


BROKEN_SHAPES = [
    pytest.param(
        "cmkgsh:X a sh:NodeShape ; sh:targetClass cmkg:Sanktion .",
        "shapes use cmkg:Sanktion, which the ontology does not declare",
        id="shape-targets-unknown-class",
    ),
    pytest.param(
        "cmkgsh:X a sh:NodeShape ;",
        "is not valid Turtle: line",
        id="shapes-syntax-error",
    ),
]


@pytest.mark.parametrize(("addition", "fragment"), BROKEN_SHAPES)
def test_shape_problems_are_one_line_each(tmp_path: Path, addition: str, fragment: str) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(shapes_file().read_text(encoding="utf-8") + "\n" + addition + "\n")
    declared = {str(s) for s in ONTOLOGY_GRAPH.subjects(RDF.type, None)}
    problems = check_shapes(shapes, declared)
    assert len(problems) == 1 and fragment in problems[0] and "\n" not in problems[0]


def test_check_without_java_skips_hermit_with_one_reason_and_runs_the_rest(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java
    result = runner.invoke(cli, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    skipped = [line for line in lines[:-1] if "skipped" in line]
    assert skipped == [f"OWL 2 DL profile and HermiT: skipped ({JAVA_MISSING})"]
    assert "parsed with Oxigraph" in result.stdout and "shapes " in result.stdout
    assert lines[-1].startswith("ok: ontology is well-formed; HermiT skipped (no Java)")


def test_check_without_java_still_finds_house_rule_problems(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_with(tmp_path, 'cmkg:Broken a owl:Class ; rdfs:label "Broken"@en .')
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = runner.invoke(cli, ["ontology", "check", "--ontology", str(copy)])
    _assert_one_line_failure(result, "cmkg:Broken has no skos:definition in English")


@pytest.mark.skipif(shutil.which("javac") is None, reason="the profile check needs a JDK")
def test_owl_api_finds_the_ontology_in_the_owl2_dl_profile() -> None:
    assert dl_profile_violations(ONTOLOGY_GRAPH) == []


@pytest.mark.slow  # HermiT's JVM: ~2 s, more on a busy machine
@pytest.mark.needs_java
def test_check_on_a_jre_skips_the_profile_with_a_note(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java = Path(str(shutil.which("java"))).resolve()
    (tmp_path / "java").symlink_to(java)
    monkeypatch.setenv("PATH", str(tmp_path))  # java without javac, as on a JRE
    result = runner.invoke(cli, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    assert "OWL 2 DL profile: skipped (it needs a JDK 11+: javac on PATH)" in result.stdout
    assert "HermiT: consistent" in result.stdout


def test_check_of_a_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ontology", "check", "--ontology", str(tmp_path / "no.ttl")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# --- kg ontology docs ------------------------------------------------------------------------


def test_docs_name_every_class_and_are_byte_stable(runner: CliRunner, tmp_path: Path) -> None:
    first = runner.invoke(cli, ["ontology", "docs", "-o", str(tmp_path / "a")])
    second = runner.invoke(cli, ["ontology", "docs", "-o", str(tmp_path / "b")])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    page = (tmp_path / "a" / "index.html").read_bytes()
    assert page == (tmp_path / "b" / "index.html").read_bytes()
    text = html.unescape(page.decode("utf-8"))
    for cls in ONTOLOGY_GRAPH.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(CMKG):
            assert str(ONTOLOGY_GRAPH.value(cls, RDFS.label)) in text, cls
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["index.html"]


def test_docs_of_a_broken_ontology_keep_the_previous_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "docs"
    assert runner.invoke(cli, ["ontology", "docs", "-o", str(out)]).exit_code == 0
    before = (out / "index.html").read_bytes()
    broken = _copy_with(tmp_path, "cmkg:Broken a owl:Class ; rdfs:label")
    result = runner.invoke(cli, ["ontology", "docs", "--ontology", str(broken), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ontology ") and "not valid Turtle" in result.stderr
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
