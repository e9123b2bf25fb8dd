"""ontology/README.md "Extending the schema", performed on a temporary copy.

The Turtle added here is read from the README itself, so the recipe cannot drift from
what is tested.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.shapes import shacl_problems
from kg.resources import ontology_dir

README = ontology_dir() / "README.md"


def readme_block(target: str) -> str:
    """The ```turtle block of the README whose first line is ``# in ontology/<target>``."""
    blocks = re.findall(r"```turtle\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if b.startswith(f"# in ontology/{target}\n")]
    assert len(found) == 1, f"README needs exactly one turtle block for {target}"
    return found[0]


@pytest.fixture
def extended(tmp_path: Path) -> Path:
    """A copy of ontology/ with the README's InvestmentBan class and shape added."""
    copy = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), copy)
    for name in ("cmkg.ttl", "shapes.ttl"):
        with (copy / name).open("a", encoding="utf-8") as handle:
            handle.write("\n" + readme_block(name))
    return copy


@pytest.mark.slow  # HermiT, the OWL API and pyLODE: about 4 s, more on a busy machine
def test_readme_recipe_passes_check_and_docs(
    runner: CliRunner, extended: Path, tmp_path: Path
) -> None:
    ontology, shapes = extended / "cmkg.ttl", extended / "shapes.ttl"
    check = runner.invoke(
        cli, ["ontology", "check", "--ontology", str(ontology), "--shapes", str(shapes)]
    )
    assert check.exit_code == 0, check.output
    assert "HermiT: consistent; unsatisfiable classes: none" in check.stdout

    docs = runner.invoke(
        cli, ["ontology", "docs", "--ontology", str(ontology), "-o", str(tmp_path / "docs")]
    )
    assert docs.exit_code == 0, docs.output
    page = html.unescape((tmp_path / "docs" / "index.html").read_text(encoding="utf-8"))
    assert "Investment ban" in page and "banned sector" in page


def test_new_class_is_a_restrictive_measure(extended: Path) -> None:
    graph = rdflib.Graph().parse(extended / "cmkg.ttl", format="turtle")
    cmkg = rdflib.Namespace("https://w3id.org/cmkg/ontology#")
    supers = set(graph.transitive_objects(cmkg.InvestmentBan, rdflib.RDFS.subClassOf))
    assert {cmkg.RestrictiveMeasure, cmkg.Measure} <= supers


def test_new_shape_and_inherited_shapes_apply_to_instance_data(extended: Path) -> None:
    data = rdflib.Graph().parse(
        format="turtle",
        data="""
        @prefix cmkg: <https://w3id.org/cmkg/ontology#> .
        @prefix cmkgid: <https://w3id.org/cmkg/id/> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        cmkgid:ban a cmkg:InvestmentBan ; cmkg:bannedSector 42 ;
            prov:wasDerivedFrom <https://w3id.org/cmkg/article/a1> .
        """,
    )
    problems = shacl_problems(data, shapes=extended / "shapes.ttl", ontology=extended / "cmkg.ttl")
    expected = [
        "cmkgid:ban cmkg:bannedSector: cmkg:bannedSector must be a plain string",  # new shape
        "cmkgid:ban cmkg:targets: an InvestmentBan needs cmkg:targets",  # new shape
        "cmkgid:ban cmkg:imposedBy: a RestrictiveMeasure needs cmkg:imposedBy",  # inherited
        "cmkgid:ban -: needs at least one cmkg:evidence",  # inherited from Measure
    ]
    for start in expected:
        assert any(line.startswith(start) for line in problems), (start, problems)
    assert len(problems) == len(expected)


def test_shipped_shapes_do_not_know_the_new_class_yet(extended: Path) -> None:
    """Without its shape, a new class only gets the inherited checks: the README step matters."""
    data = rdflib.Graph().parse(
        format="turtle",
        data="""
        @prefix cmkg: <https://w3id.org/cmkg/ontology#> .
        <https://w3id.org/cmkg/id/ban> a cmkg:InvestmentBan .
        """,
    )
    with_ontology_only = shacl_problems(data, ontology=extended / "cmkg.ttl")
    assert not any("cmkg:targets" in line for line in with_ontology_only)
    assert any("cmkg:imposedBy" in line for line in with_ontology_only)
