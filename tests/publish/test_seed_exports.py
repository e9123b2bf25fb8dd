"""Exports and linked data on a real build of the curated seed corpus (built once here)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from kg.build.dataset import build_dataset
from kg.cli import cli
from kg.config import Settings, load_settings
from kg.publish.canned import get_query, run_query
from kg.publish.describe import describe
from server import create_app
from server.state import state
from tests.support.paths import REPO

SEED_CORPUS = REPO / "corpus"
PUTIN = "https://w3id.org/cmkg/id/vladimir-putin"
PROPOSED_BY = pyoxigraph.NamedNode("https://w3id.org/cmkg/ontology#proposedBy")
PROPOSAL = pyoxigraph.NamedNode("https://w3id.org/cmkg/ontology#Proposal")
RDF_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp("seed")
    shutil.copytree(SEED_CORPUS, home / "corpus")
    settings = load_settings({"home": home}, environ={})
    build_dataset(settings)
    return settings


@pytest.fixture(scope="module")
def seed_app(seed: Settings) -> Iterator[Flask]:
    app = create_app(seed)
    app.config["TESTING"] = True
    yield app


@pytest.fixture
def seed_client(seed_app: Flask) -> FlaskClient:
    return seed_app.test_client()


# GROUP_CONCAT order is unspecified in SPARQL: compare these columns as sets.
CONCATENATED = {
    "proposer": "; ",
    "imposer": "; ",
    "basis": ", ",
    "proposalEvidence": " | ",
    "measureEvidence": " | ",
}


def _cell(name: str, term: object) -> object:
    if term is None:
        return None
    if name in CONCATENATED and isinstance(term, pyoxigraph.Literal):
        return frozenset(term.value.split(CONCATENATED[name]))
    return str(term)


def _putins_proposals(store: pyoxigraph.Store) -> set[str]:
    proposed = {
        q.subject.value
        for q in store.quads_for_pattern(None, PROPOSED_BY, None, None)
        if q.object == pyoxigraph.NamedNode(PUTIN)
    }
    return {
        s
        for s in proposed
        if any(store.quads_for_pattern(pyoxigraph.NamedNode(s), RDF_TYPE, PROPOSAL, None))
    }


def test_kg_export_twice_is_byte_identical_and_rapper_clean(seed: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a.ttl", "b.ttl"):
        result = runner.invoke(
            cli, ["--home", str(seed.home), "export", "--format", "ttl", "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    first = (tmp_path / "a.ttl").read_bytes()
    assert first == (tmp_path / "b.ttl").read_bytes()
    if shutil.which("rapper") is None:
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    checked = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(tmp_path / "a.ttl")], capture_output=True, check=False
    )
    assert checked.returncode == 0, checked.stderr.decode()
    assert b"error" not in checked.stderr.lower()


def test_build_files_equal_the_export_of_the_built_store(seed: Settings, seed_app: Flask) -> None:
    client = seed_app.test_client()
    assert client.get("/export/cmkg.trig").data == (seed.build / "cmkg.trig").read_bytes()
    assert client.get("/export/cmkg.nq").data == (seed.build / "cmkg.nq").read_bytes()


def test_loaded_turtle_export_answers_the_conflict_query_like_the_store(
    seed_app: Flask, seed_client: FlaskClient
) -> None:
    live: pyoxigraph.Store = state(seed_app).store
    reloaded = pyoxigraph.Store()
    reloaded.load(seed_client.get("/export/cmkg.ttl").data, format=pyoxigraph.RdfFormat.TURTLE)
    query = get_query("proposals-conflicting-with-sanctions")

    def answers(store: pyoxigraph.Store) -> list[dict[str, object]]:
        solutions = run_query(store, query, {"as_of": "2026-03-01"})
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        names = [v.value for v in solutions.variables]
        return [{name: _cell(name, row[name]) for name in names} for row in solutions]

    expected = answers(live)
    assert len(expected) >= 1  # the seed corpus has conflicts in force on that date
    assert answers(reloaded) == expected


def test_putins_turtle_names_his_proposals(seed_app: Flask, seed_client: FlaskClient) -> None:
    store: pyoxigraph.Store = state(seed_app).store
    proposals = _putins_proposals(store)
    assert len(proposals) >= 3
    response = seed_client.get("/id/vladimir-putin", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    named = {
        t.subject.value
        for t in pyoxigraph.parse(response.data, format=pyoxigraph.RdfFormat.TURTLE)
        if t.predicate == PROPOSED_BY and t.object == pyoxigraph.NamedNode(PUTIN)
    }
    assert named == proposals


def test_putins_page_shows_his_proposals_and_their_quotes(
    seed_app: Flask, seed_client: FlaskClient
) -> None:
    store: pyoxigraph.Store = state(seed_app).store
    page = seed_client.get("/id/vladimir-putin", headers={"Accept": BROWSER}).data.decode()
    description = describe(store, PUTIN)
    for proposal in _putins_proposals(store):
        assert f'href="/id/{proposal.rsplit("/", 1)[1]}"' in page
        assert str(escape(description.labels[proposal])) in page
    quotes = [q for q in description.quotes if q.supports in _putins_proposals(store)]
    assert quotes
    for quote in quotes:
        assert str(escape(quote.exact)) in page
        assert str(escape(quote.article_title)) in page
        assert f'<time datetime="{quote.article_date}">' in page
