"""`kg ontology diff OLD NEW`: added, removed, renamed and changed terms; breaking changes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.schema.diff import Version, diff_ontologies, render_markdown, render_text
from tests.support.paths import REPO

ONTOLOGY = (REPO / "ontology" / "cmkg.ttl").read_text(encoding="utf-8")
GRAPH = rdflib.Graph().parse(data=ONTOLOGY, format="turtle")
CMKG = rdflib.Namespace("https://w3id.org/cmkg/ontology#")

NEW_CLASS = """
cmkg:PriceFloor a owl:Class ;
    rdfs:subClassOf cmkg:SupportMeasure ;
    rdfs:label "Price floor"@en ;
    skos:definition "A support measure guaranteeing a minimum price."@en .
"""


def without_term(text: str, name: str) -> str:
    """``text`` with the Turtle statement ``cmkg:<name> a …`` cut out."""
    start = text.index(f"\ncmkg:{name} a ")
    end = text.index(" .\n", start) + 3
    return text[:start] + "\n" + text[end:]


def renamed(text: str, old: str, new: str) -> str:
    return re.sub(rf"cmkg:{old}\b", f"cmkg:{new}", text)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run_diff(runner: CliRunner, home: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--home", str(home), "ontology", "diff", *args])


def a_property_used_by_a_canned_query() -> str:
    """An object property of the ontology that some queries/*.rq names (found, not assumed)."""
    texts = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "queries").glob("*.rq"))
    for prop in sorted(GRAPH.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty)):
        local = str(prop).rsplit("#", 1)[-1]
        if str(prop).startswith(str(CMKG)) and re.search(rf"cmkg:{local}\b", texts):
            return local
    raise AssertionError("no canned query uses an object property")


def test_an_added_class_is_listed_exactly(tmp_path: Path) -> None:
    diff = diff_ontologies(
        Version("old", GRAPH),
        Version("new", rdflib.Graph().parse(data=ONTOLOGY + NEW_CLASS, format="turtle")),
    )
    assert [c.iri for c in diff.added] == [str(CMKG.PriceFloor)]
    assert diff.added[0].kind == "class" and diff.added[0].label == "Price floor"
    assert not (diff.removed or diff.renamed or diff.relabelled or diff.axioms or diff.header)
    text = render_text(diff)
    assert text.splitlines()[1:3] == ["Added terms (1):", '  cmkg:PriceFloor (class) "Price floor"']
    assert "cmkg:PriceFloor rdfs:subClassOf cmkg:SupportMeasure" in text
    markdown = render_markdown(diff)
    assert markdown.startswith("## Ontology changes: `old` → `new`")
    assert "### Added terms (1)" in markdown
    assert '- cmkg:PriceFloor (class) "Price floor"' in markdown


def test_identical_versions_have_no_changes(tmp_path: Path, runner: CliRunner) -> None:
    old = write(tmp_path, "old.ttl", ONTOLOGY)
    result = run_diff(runner, tmp_path, str(old), str(REPO / "ontology" / "cmkg.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "no changes"


@pytest.mark.parametrize(
    ("change", "section", "fragment"),
    [
        pytest.param(
            lambda t: t.replace('rdfs:label "Support measure"@en', 'rdfs:label "Aid"@en'),
            "Changed labels (1):",
            '"Support measure" → "Aid"',
            id="label",
        ),
        pytest.param(
            lambda t: t.replace("price floors, subsidies", "subsidies"),
            "Changed definitions (1):",
            "→",
            id="definition",
        ),
        pytest.param(
            lambda t: t + "\ncmkg:SupportMeasure owl:disjointWith cmkg:Conflict .\n",
            "Changed axioms (1):",
            "+ cmkg:SupportMeasure owl:disjointWith cmkg:Conflict",
            id="axiom",
        ),
    ],
)
def test_changed_terms_are_listed_under_their_section(
    tmp_path: Path, runner: CliRunner, change: object, section: str, fragment: str
) -> None:
    assert callable(change)
    old, new = write(tmp_path, "old.ttl", ONTOLOGY), write(tmp_path, "new.ttl", change(ONTOLOGY))
    result = run_diff(runner, tmp_path, str(old), str(new))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert section in lines, result.stdout
    body = lines[lines.index(section) + 1 :]
    assert body[0].startswith("  cmkg:SupportMeasure (class)")
    assert fragment in "\n".join(body[:3])


def test_removing_a_property_a_canned_query_uses_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    name = a_property_used_by_a_canned_query()
    old, new = (
        write(tmp_path, "old.ttl", ONTOLOGY),
        write(tmp_path, "new.ttl", without_term(ONTOLOGY, name)),
    )
    result = run_diff(runner, REPO, str(old), str(new))
    assert result.exit_code == 1, result.output
    assert f"  cmkg:{name} (object property)" in result.stdout
    assert "queries/" in result.stdout
    error = result.stderr.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("error: breaking change:")
    assert name in error[0] and "--allow-breaking" in error[0]
    allowed = run_diff(runner, REPO, str(old), str(new), "--allow-breaking")
    assert allowed.exit_code == 0, allowed.output


def test_removing_an_unused_term_is_not_breaking(tmp_path: Path, runner: CliRunner) -> None:
    addition = 'cmkg:Spare a owl:Class ; rdfs:label "Spare"@en ; skos:definition "x"@en .\n'
    old = write(tmp_path, "old.ttl", ONTOLOGY + addition)
    new = write(tmp_path, "new.ttl", ONTOLOGY)
    result = run_diff(runner, REPO, str(old), str(new))
    assert result.exit_code == 0, result.output
    assert 'Removed terms (1):\n  cmkg:Spare (class) "Spare"\n' in result.stdout


def test_a_rename_is_found_by_its_label_and_is_breaking(tmp_path: Path, runner: CliRunner) -> None:
    name = a_property_used_by_a_canned_query()
    old = write(tmp_path, "old.ttl", ONTOLOGY)
    new = write(tmp_path, "new.ttl", renamed(ONTOLOGY, name, name + "Renamed"))
    result = run_diff(runner, REPO, str(old), str(new))
    assert result.exit_code == 1, result.output
    assert f"  cmkg:{name} → cmkg:{name}Renamed (object property)" in result.stdout
    assert "Added terms" not in result.stdout and "Removed terms" not in result.stdout


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose tag v0.1.0 holds the ontology; the working tree adds a class."""
    folder = tmp_path / "repo"
    (folder / "ontology").mkdir(parents=True)
    write(folder / "ontology", "cmkg.ttl", ONTOLOGY)
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "first")
    git(folder, "tag", "v0.1.0")
    write(folder / "ontology", "cmkg.ttl", ONTOLOGY + NEW_CLASS)
    return folder


@pytest.mark.parametrize("old", ["v0.1.0", "HEAD:ontology/cmkg.ttl"])
def test_git_revisions_against_the_working_tree(repo: Path, runner: CliRunner, old: str) -> None:
    result = run_diff(runner, repo, old)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"ontology diff {old} → working tree"
    assert "Added terms (1):\n  cmkg:PriceFloor (class)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.ttl"], "error: missing.ttl: no such file"),
        (["v9.9.9"], "error: git show v9.9.9:ontology/cmkg.ttl:"),
        ([":ontology/cmkg.ttl"], "error: no revision before ':ontology/cmkg.ttl'"),
        (["broken.ttl"], "error: broken.ttl is not valid Turtle"),
    ],
)
def test_bad_versions_are_one_line_errors(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    write(repo, "broken.ttl", "cmkg:X a")
    monkeypatch.chdir(repo)
    result = run_diff(runner, repo, *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
