"""One source of truth: the project folder's ontology/ and queries/, else the installed copy.

An ontologist edits ontology/cmkg.ttl or adds queries/*.rq in the project folder and sees
the change in `kg ontology check`, `kg build`, `kg query`, /ontology and /queries with no
reinstall; `kg --version` says which folders are read.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from flask import Flask

import kg
from kg.cli import cli
from kg.config import load_settings
from kg.resources import (
    ontology_dir,
    ontology_file,
    project_home,
    queries_dir,
    rules_dir,
    shapes_file,
    sources,
    use_home,
)
from tests.support.paths import REPO

PACKAGE = Path(kg.__file__).resolve().parent

NEW_CLASS = """
cmkg:PriceFloor a owl:Class ;
    rdfs:subClassOf cmkg:SupportMeasure ;
    rdfs:label "Price floor"@en ;
    skos:definition "A support measure guaranteeing producers a minimum price."@en .
"""
NEW_QUERY = """#+ summary: How many support measures there are
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT (COUNT(?m) AS ?n) WHERE { ?m a cmkg:SupportMeasure }
"""


def installed(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


@pytest.fixture
def project(tiny: Path) -> Path:
    """The tiny corpus plus copies of ontology/ and queries/, the class and query added."""
    for name in ("ontology", "queries"):
        shutil.copytree(REPO / name, tiny / name)
    with (tiny / "ontology" / "cmkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_CLASS)
    (tiny / "queries" / "my-count.rq").write_text(NEW_QUERY, encoding="utf-8")
    return tiny


def test_a_project_folder_with_the_files_is_read(project: Path) -> None:
    use_home(project)
    assert project_home() == project
    assert ontology_file() == (project / "ontology" / "cmkg.ttl").resolve()
    assert shapes_file().parent == rules_dir().parent == ontology_dir()
    assert queries_dir() == (project / "queries").resolve()
    assert [s.origin for s in sources()] == ["project", "project"]


def test_a_folder_without_them_falls_back_to_the_installed_copy(home: Path) -> None:
    use_home(home)
    assert ontology_dir() == installed("ontology")
    assert queries_dir() == installed("queries")
    assert [s.origin for s in sources()] == ["package", "package"]


def test_kg_home_env_and_cwd_choose_the_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_HOME", str(project))
    assert ontology_dir() == (project / "ontology").resolve()
    monkeypatch.delenv("KG_HOME")
    monkeypatch.chdir(project)
    assert ontology_dir() == (project / "ontology").resolve()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert ontology_dir() == installed("ontology")


def test_version_says_which_folders_are_read(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["--home", str(project), "--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"kg {kg.__version__}",
        f"ontology: {(project / 'ontology').resolve()} (from the project)",
        f"queries: {(project / 'queries').resolve()} (from the project)",
    ]


def test_check_reads_the_project_ontology(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's regression: a broken class appended to the project's file is found."""
    with (project / "ontology" / "cmkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write('\ncmkg:Broken a owl:Class ; rdfs:label "Broken"@en .\n')
    monkeypatch.setenv("PATH", str(project / "no-java"))  # house rules need no Java
    result = runner.invoke(cli, ["--home", str(project), "ontology", "check"])
    assert result.exit_code == 4, result.output
    assert result.stdout.splitlines()[0] == (
        f"reading ontology: {(project / 'ontology').resolve()} (from the project)"
    )
    assert "problem: cmkg:Broken has no skos:definition in English" in result.stderr


def test_build_and_query_use_the_project_files(runner: CliRunner, project: Path) -> None:
    built = runner.invoke(cli, ["--home", str(project), "build", "-q"])
    assert built.exit_code == 0, built.output
    store = pyoxigraph.Store.read_only(str(project / "build" / "store"))
    ask = (
        "ASK { GRAPH <https://w3id.org/cmkg/graph/ontology> { "
        "<https://w3id.org/cmkg/ontology#PriceFloor> a <http://www.w3.org/2002/07/owl#Class> } }"
    )
    assert bool(store.query(ask))
    del store
    listing = runner.invoke(cli, ["--home", str(project), "query"])
    assert "my-count" in listing.stdout
    counted = runner.invoke(cli, ["--home", str(project), "query", "my-count", "--format", "csv"])
    assert counted.exit_code == 0, counted.output
    assert counted.stdout.splitlines()[0] == "n"


@pytest.fixture
def project_app(project: Path) -> Iterator[Flask]:
    from server import create_app
    from server.app import shutdown_app

    app = create_app(load_settings({"home": project, "timeout": 0}, environ={}))
    yield app
    shutdown_app(app)


def test_server_shows_the_project_ontology_and_queries(project_app: Flask) -> None:
    client = project_app.test_client()
    assert b"cmkg:PriceFloor" in client.get("/ontology?format=ttl").data
    assert "my-count" in [q["name"] for q in client.get("/queries").get_json()["queries"]]


@pytest.mark.slow  # pyLODE renders the page twice: ~3 s
def test_ontology_page_follows_edits_without_a_restart(project_app: Flask, project: Path) -> None:
    client = project_app.test_client()
    page = html.unescape(client.get("/ontology", headers={"Accept": "text/html"}).text)
    assert "Price floor" in page and "Export floor" not in page
    path = project / "ontology" / "cmkg.ttl"
    text = path.read_text(encoding="utf-8").replace('"Price floor"@en', '"Export floor"@en')
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    page = html.unescape(client.get("/ontology", headers={"Accept": "text/html"}).text)
    assert "Export floor" in page


def test_an_installed_kg_run_in_a_project_reads_its_files(project: Path) -> None:
    """A real process (the console entry point's module) started in the project folder."""
    env = {k: v for k, v in os.environ.items() if k != "KG_HOME"}
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--version"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"ontology: {(project / 'ontology').resolve()} (from the project)" in done.stdout
