"""Shared fixtures: a temporary project home, the app, its test client and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from kg.config import Settings, load_settings
from tests.support.paths import SEED_CORPUS

JAVA_REASON = "needs Java (HermiT and the OWL API run in Java): `java` is not on PATH"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_java: runs HermiT or the OWL API (else skipped)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``needs_java`` skip with one reason when ``java`` is not on PATH."""
    if item.get_closest_marker("needs_java") is not None and shutil.which("java") is None:
        pytest.skip(JAVA_REASON)


@pytest.fixture(autouse=True)
def _resource_home() -> Iterator[None]:
    """`kg --home` and create_app choose the project folder resources are read from, for the
    process; put the previous choice back after each test so none leaks into the next."""
    from kg.resources import use_home

    previous = use_home(None)
    yield
    use_home(previous)


if TYPE_CHECKING:
    from spacy.language import Language

    from kg.extract.pipeline import Extractor


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty project folder (no corpus, no build)."""
    (tmp_path / "project").mkdir()
    return tmp_path / "project"


@pytest.fixture
def seed_home(tmp_path: Path) -> Path:
    """A project folder holding a copy of the repository's curated seed corpus."""
    project = tmp_path / "seed-project"
    shutil.copytree(SEED_CORPUS, project / "corpus")
    return project


@pytest.fixture
def tiny(home: Path) -> Path:
    """A project folder holding the small inline corpus of tests/tiny_corpus.py."""
    from tests.support.tiny_corpus import write_tiny_corpus

    write_tiny_corpus(home)
    return home


@pytest.fixture
def settings(home: Path) -> Settings:
    return load_settings({"home": home}, environ={})


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    from server import create_app
    from server.app import shutdown_app

    application = create_app(settings)
    application.config["TESTING"] = True
    yield application
    shutdown_app(application)  # stop any query workers the test started


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The seed corpus built once per test session (read-only: do not write to it)."""
    from kg.build import build_dataset

    project = tmp_path_factory.mktemp("seed-build")
    shutil.copytree(SEED_CORPUS, project / "corpus")
    built = load_settings({"home": project}, environ={})
    build_dataset(built)
    return built


@pytest.fixture(scope="session")
def spacy_model() -> Language:
    """The pinned statistical model, loaded once for the whole test session."""
    from kg.extract.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def news_extractor(spacy_model: Language) -> Extractor:
    """An extractor over the shipped registry (built once: the model is shared)."""
    from kg.extract.gazetteer import load_registry
    from kg.extract.pipeline import make_extractor

    return make_extractor(load_registry(SEED_CORPUS / "entities.ttl"))
