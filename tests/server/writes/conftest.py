"""Writes through the endpoint (SPARQL Update, Graph Store): a fresh writable app per test,
one query worker, and the update token ``tests.support.endpoint.TOKEN``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.app import shutdown_app
from tests.support.endpoint import TOKEN, make_app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = make_app(tmp_path, timeout=20, workers=1, update_token=TOKEN)
    yield application
    shutdown_app(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
