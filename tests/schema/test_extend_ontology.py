"""ontology/README.md "Extending the schema", performed in a temporary project folder.

The Turtle, YAML, SPARQL and article text added here are read from the README itself, so
the recipe cannot drift from what is tested. The project folder is a copy of this checkout's
``ontology/`` and ``queries/`` plus the tiny corpus; ``kg --home`` makes every command read
the copy (the point of the recipe: edits show without reinstalling).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import rdflib
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.shapes import shacl_problems
from tests.support.paths import REPO

README = REPO / "ontology" / "README.md"


def readme_block(target: str) -> str:
    """The fenced block of the README whose first line is ``# in <target>``."""
    blocks = re.findall(r"```[a-z]+\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if b.startswith(f"# in {target}")]
    assert len(found) == 1, f"README needs exactly one block for {target}"
    return found[0]


def readme_article() -> str:
    blocks = re.findall(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "README needs exactly one ```text block (the example article)"
    return blocks[0]


def invoke(runner: CliRunner, project: Path, *args: str) -> str:
    result = runner.invoke(cli, ["--home", str(project), *args])
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: copies of ontology/ and queries/, and the tiny corpus."""
    from tests.support.tiny_corpus import write_tiny_corpus

    folder = tmp_path / "project"
    for name in ("ontology", "queries"):
        shutil.copytree(REPO / name, folder / name)
    (folder / "ontology" / "CHANGELOG.md").unlink(missing_ok=True)  # not released here yet
    write_tiny_corpus(folder)
    return folder


def apply_recipe(runner: CliRunner, project: Path) -> None:
    """Steps 1-4 of the README: class, shape, curated candidate, canned query."""
    for name in ("cmkg.ttl", "shapes.ttl"):
        with (project / "ontology" / name).open("a", encoding="utf-8") as handle:
            handle.write("\n" + readme_block(f"ontology/{name}"))
    (project / "queries" / "price-floors.rq").write_text(
        readme_block("queries/price-floors.rq").split("\n", 1)[1], encoding="utf-8"
    )
    article = project.parent / "price_floor.txt"
    article.write_text(readme_article(), encoding="utf-8")
    invoke(runner, project, "ingest", str(article), "--date", "2025-06")
    entry = yaml.safe_load(readme_block("corpus/review/<article>.yaml"))
    review = {"article": "price_floor", "extractor": None, "candidates": entry}
    (project / "corpus" / "review" / "price_floor.yaml").write_text(
        yaml.safe_dump(review, sort_keys=False), encoding="utf-8"
    )


def test_readme_recipe_end_to_end(runner: CliRunner, project: Path) -> None:
    invoke(runner, project, "ontology", "release", "0.1.0")  # the last release
    apply_recipe(runner, project)

    check = invoke(runner, project, "ontology", "check")
    assert check.splitlines()[0] == f"reading ontology: {project / 'ontology'} (from the project)"
    assert check.splitlines()[-1].startswith("ok: ontology is ")

    released = project / "build" / "ontology" / "0.1.0" / "cmkg.ttl"
    diff = invoke(runner, project, "ontology", "diff", str(released))
    entries = [line for line in diff.splitlines() if line.startswith("  ") and line[2] != " "]
    assert re.findall(r"^\w[\w ]+ \(\d+\):$", diff, re.M) == ["Added terms (1):"]
    assert entries == ['  cmkg:PriceFloor (class) "Price floor"']

    invoke(runner, project, "build")
    report = runner.invoke(cli, ["--home", str(project), "ontology", "report"])
    assert report.exit_code == 0, report.output
    assert not re.search(r"^(ERROR|WARN)\t", report.stdout, re.M)
    assert "data_not_checked" not in report.stdout  # the data checks ran on the build
    assert "cmkg:PriceFloor" not in report.stdout  # used by shapes, the query and the data

    rows = invoke(runner, project, "query", "price-floors", "--format", "csv")
    assert "US price floor for rare earth elements" in rows
    assert "United States" in rows and "rare earth elements" in rows


@pytest.mark.slow  # HermiT, the OWL API and pyLODE: about 4 s, more on a busy machine
@pytest.mark.needs_java
def test_readme_recipe_passes_hermit_and_docs(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    apply_recipe(runner, project)
    check = invoke(runner, project, "ontology", "check")
    assert "HermiT: consistent; unsatisfiable classes: none" in check
    docs = invoke(runner, project, "ontology", "docs", "-o", str(tmp_path / "docs"))
    assert docs.startswith("wrote ")
    page = html.unescape((tmp_path / "docs" / "index.html").read_text(encoding="utf-8"))
    assert "Price floor" in page and "minimum price" in page


def test_new_class_is_a_support_measure(runner: CliRunner, project: Path) -> None:
    apply_recipe(runner, project)
    graph = rdflib.Graph().parse(project / "ontology" / "cmkg.ttl", format="turtle")
    cmkg = rdflib.Namespace("https://w3id.org/cmkg/ontology#")
    supers = set(graph.transitive_objects(cmkg.PriceFloor, rdflib.RDFS.subClassOf))
    assert {cmkg.SupportMeasure, cmkg.Measure} <= supers


def test_new_shape_and_inherited_shapes_apply_to_instance_data(
    runner: CliRunner, project: Path
) -> None:
    apply_recipe(runner, project)
    data = rdflib.Graph().parse(
        format="turtle",
        data="""
        @prefix cmkg: <https://w3id.org/cmkg/ontology#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://w3id.org/cmkg/id/floor> a cmkg:PriceFloor ;
            prov:wasDerivedFrom <https://w3id.org/cmkg/article/a1> .
        """,
    )
    folder = project / "ontology"
    problems = shacl_problems(data, shapes=folder / "shapes.ttl", ontology=folder / "cmkg.ttl")
    expected = [
        "cmkgid:floor cmkg:coversResource: a PriceFloor needs cmkg:coversResource",  # new
        "cmkgid:floor cmkg:imposedBy: a PriceFloor needs cmkg:imposedBy",  # new shape
        "cmkgid:floor -: needs at least one cmkg:evidence",  # inherited (Measure)
    ]
    for start in expected:
        assert any(line.startswith(start) for line in problems), (start, problems)
    assert len(problems) == len(expected)
