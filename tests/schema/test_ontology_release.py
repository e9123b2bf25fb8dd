"""`kg ontology release VERSION`: version IRIs, CHANGELOG, exports others can read, serving."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner, Result
from flask import Flask
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from kg.cli import cli
from kg.config import load_settings
from kg.schema.release import stamp
from tests.support.paths import REPO

ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/cmkg/ontology")
NEW_CLASS = """
cmkg:PriceFloor a owl:Class ;
    rdfs:subClassOf cmkg:SupportMeasure ;
    rdfs:label "Price floor"@en ;
    skos:definition "A support measure guaranteeing a minimum price."@en .
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    for name in ("ontology", "queries"):
        shutil.copytree(REPO / name, folder / name)
    (folder / "ontology" / "CHANGELOG.md").unlink(missing_ok=True)
    return folder


def release(runner: CliRunner, project: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--home", str(project), "ontology", "release", *args])


def header(path: Path) -> dict[str, str]:
    graph = rdflib.Graph().parse(path, format="turtle")
    return {
        str(p).rsplit("#", 1)[-1]: str(o)
        for p, o in graph.predicate_objects(ONTOLOGY_IRI)
        if p in (OWL.versionIRI, OWL.versionInfo, OWL.priorVersion)
    }


@pytest.fixture
def released(runner: CliRunner, project: Path) -> Path:
    """The project after `release 0.1.0`, a new class, and `release 0.2.0`."""
    first = release(runner, project, "0.1.0")
    assert first.exit_code == 0, first.output
    with (project / "ontology" / "cmkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_CLASS)
    second = release(runner, project, "0.2.0")
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines()[0] == "released ontology 0.2.0 (prior version 0.1.0)"
    return project


def test_release_sets_the_version_header_and_keeps_the_rest(released: Path) -> None:
    path = released / "ontology" / "cmkg.ttl"
    assert header(path) == {
        "versionIRI": "https://w3id.org/cmkg/ontology/0.2.0",
        "versionInfo": "0.2.0",
        "priorVersion": "https://w3id.org/cmkg/ontology/0.1.0",
    }
    before = (REPO / "ontology" / "cmkg.ttl").read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [line for line in after if line not in before]
    assert all(
        "owl:versionIRI" in x or "owl:versionInfo" in x or "owl:priorVersion" in x or x in NEW_CLASS
        for x in changed
    ), changed


def test_changelog_has_the_diff_newest_first(released: Path) -> None:
    text = (released / "ontology" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Ontology changelog\n")
    assert text.index("## 0.2.0") < text.index("## 0.1.0")
    newest = text[text.index("## 0.2.0") : text.index("## 0.1.0")]
    assert "Prior version: <https://w3id.org/cmkg/ontology/0.1.0>" in newest
    assert "#### Added terms (1)" in newest
    assert '- cmkg:PriceFloor (class) "Price floor"' in newest
    assert "First recorded release" in text[text.index("## 0.1.0") :]
    assert str(released) not in text  # no machine paths in a file that is committed


def test_exports_hold_the_same_triples(released: Path) -> None:
    folder = released / "build" / "ontology" / "0.2.0"
    assert sorted(p.name for p in folder.iterdir()) == ["cmkg.jsonld", "cmkg.rdf", "cmkg.ttl"]
    assert (folder / "cmkg.ttl").read_bytes() == (released / "ontology" / "cmkg.ttl").read_bytes()
    graphs = {
        name: rdflib.Graph().parse(folder / name, format=fmt)
        for name, fmt in (("cmkg.ttl", "turtle"), ("cmkg.rdf", "xml"), ("cmkg.jsonld", "json-ld"))
    }
    reference = graphs["cmkg.ttl"]
    for name, graph in graphs.items():
        assert isomorphic(graph, reference), name
    quads = pyoxigraph.parse(path=str(folder / "cmkg.jsonld"), format=pyoxigraph.RdfFormat.JSON_LD)
    assert len(set(quads)) == len(reference)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper not installed (raptor2-utils)")
@pytest.mark.parametrize(("name", "syntax"), [("cmkg.ttl", "turtle"), ("cmkg.rdf", "rdfxml")])
def test_rapper_reads_the_exports(released: Path, name: str, syntax: str) -> None:
    path = released / "build" / "ontology" / "0.2.0" / name
    done = subprocess.run(
        ["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    count = int(done.stderr.split("returned ")[1].split()[0])
    assert count == len(
        rdflib.Graph().parse(path, format="turtle" if syntax == "turtle" else "xml")
    )


def test_owlready2_reads_the_rdfxml(released: Path) -> None:
    import owlready2

    world = owlready2.World()
    try:
        path = released / "build" / "ontology" / "0.2.0" / "cmkg.rdf"
        onto = world.get_ontology(path.as_uri()).load()
        names = {c.name for c in onto.classes()}
        assert {"PriceFloor", "SupportMeasure", "Sanction"} <= names
    finally:
        world.close()


@pytest.mark.needs_java
@pytest.mark.slow  # one JVM
@pytest.mark.skipif(shutil.which("javac") is None, reason="the OWL API program needs a JDK")
def test_the_owl_api_reads_the_rdfxml_as_owl2_dl(released: Path) -> None:
    from kg.schema.profile import profile_violations

    rdfxml = (released / "build" / "ontology" / "0.2.0" / "cmkg.rdf").read_bytes()
    assert profile_violations(rdfxml) == []


def test_a_released_version_cannot_be_released_again(runner: CliRunner, released: Path) -> None:
    files = [released / "ontology" / "cmkg.ttl", released / "ontology" / "CHANGELOG.md"]
    before = [p.read_bytes() for p in files]
    again = release(runner, released, "0.2.0")
    assert again.exit_code == 2
    assert again.stderr.strip().splitlines() == [
        f"error: {files[1]} already has a section for 0.2.0; pick a new version"
    ]
    assert [p.read_bytes() for p in files] == before


@pytest.mark.parametrize("version", ["2", "v1.0.0", "1.0", "../1.0.0"])
def test_a_bad_version_is_a_usage_error(runner: CliRunner, project: Path, version: str) -> None:
    result = release(runner, project, version)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: version {version!r} is not MAJOR.MINOR.PATCH")
    assert not (project / "build").exists()


def test_stamp_adds_prior_version_once() -> None:
    text = (REPO / "ontology" / "cmkg.ttl").read_text(encoding="utf-8")
    once = stamp(text, "0.3.0", "https://w3id.org/cmkg/ontology/0.2.0")
    twice = stamp(once, "0.3.0", "https://w3id.org/cmkg/ontology/0.2.0")
    assert once == twice
    assert once.count("owl:priorVersion") == 1 and once.count("owl:versionIRI") == 1


# --- the server answers version IRIs --------------------------------------------------------


@pytest.fixture
def versions_app(released: Path) -> Iterator[Flask]:
    from server import create_app
    from server.app import shutdown_app

    app = create_app(load_settings({"home": released, "timeout": 0}, environ={}))
    yield app
    shutdown_app(app)


@pytest.mark.parametrize(
    ("accept", "media", "name"),
    [
        ("text/turtle", "text/turtle", "cmkg.ttl"),
        ("application/rdf+xml", "application/rdf+xml", "cmkg.rdf"),
        ("application/ld+json", "application/ld+json", "cmkg.jsonld"),
        ("*/*", "text/turtle", "cmkg.ttl"),
    ],
)
def test_server_answers_the_version_iri(
    versions_app: Flask, released: Path, accept: str, media: str, name: str
) -> None:
    for version in ("0.1.0", "0.2.0"):
        response = versions_app.test_client().get(
            f"/ontology/{version}", headers={"Accept": accept}
        )
        assert response.status_code == 200
        assert response.mimetype == media
        assert response.data == (released / "build" / "ontology" / version / name).read_bytes()


def test_old_version_lacks_the_new_class(versions_app: Flask) -> None:
    client = versions_app.test_client()
    assert b"PriceFloor" not in client.get("/ontology/0.1.0?format=ttl").data
    assert b"PriceFloor" in client.get("/ontology/0.2.0?format=ttl").data


def test_unknown_version_is_404_listing_the_released_ones(versions_app: Flask) -> None:
    response = versions_app.test_client().get("/ontology/9.9.9")
    assert response.status_code == 404
    assert response.get_json()["error"] == (
        "no released ontology version '9.9.9'; released: 0.1.0, 0.2.0"
    )


def test_since_names_the_prior_version_not_a_path(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "somewhere" / "old.ttl"
    baseline.parent.mkdir()
    shutil.copy(project / "ontology" / "cmkg.ttl", baseline)
    with (project / "ontology" / "cmkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_CLASS)
    result = release(runner, project, "0.2.0", "--since", str(baseline))
    assert result.exit_code == 0, result.output
    text = (project / "ontology" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "### Ontology changes: `0.1.0` → `0.2.0`" in text
    assert str(tmp_path) not in text


def test_release_refuses_the_installed_copy(runner: CliRunner, home: Path) -> None:
    result = release(runner, home, "0.2.0")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: no ontology/cmkg.ttl in the project folder {home}"
    )
    assert not (home / "build").exists()
