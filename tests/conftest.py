"""Shared fixtures: a temporary project home, the app, its test client and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from kg.config import Settings, load_settings
from tests.support.paths import SEED_CORPUS


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
