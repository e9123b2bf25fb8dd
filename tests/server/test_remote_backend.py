"""`kg publish` to a live `oxigraph serve`, then the server over it (`kg serve --backend`).

The Oxigraph server (PyPI ``oxigraph``, in the test extra) is started and stopped here. Every
canned query must give the same rows through the remote backend as through the embedded store.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask

from kg.config import Settings
from kg.publish.canned import load_queries
from server import create_app
from server.app import shutdown_app
from tests.support.cli import kg
from tests.support.live import free_port

pytestmark = pytest.mark.slow


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with the test extra (next to this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    assert found, "the `oxigraph` server is missing: pip install '.[test]'"
    return found


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "oxigraph serve exited early"
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"oxigraph serve did not answer at {url}")


def start_oxigraph(location: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(location)]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/query?query=ASK%7B%7D", process)
    return process, base


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running ``oxigraph serve --union-default-graph``; its base URL."""
    process, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def project(seed_build: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of the seed build: the embedded app opens its store read-write, and other
    tests' apps may hold the shared one."""
    home = tmp_path_factory.mktemp("remote-project")
    shutil.copytree(seed_build.home / "corpus", home / "corpus")
    shutil.copytree(seed_build.build, home / "build", ignore=shutil.ignore_patterns("LOCK"))
    return replace(seed_build, home=home)


@pytest.fixture(scope="module")
def published(project: Settings, oxigraph: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed build pushed to the Oxigraph server; its query endpoint."""
    state = tmp_path_factory.mktemp("publish") / "state.json"
    endpoint = oxigraph + "/query"
    result = kg(project.home, "publish", "--endpoint", endpoint, "--state", str(state))
    assert result.exit_code == 0, result.output
    assert "0 unchanged, 0 deleted" in result.stdout
    again = kg(project.home, "publish", "--endpoint", endpoint, "--state", str(state))
    assert again.exit_code == 0, again.output
    assert "published to" in again.stdout and "0 graph(s) pushed" in again.stdout
    return endpoint


def make_app(settings: Settings) -> Flask:
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="module")
def apps(project: Settings, published: str) -> Iterator[tuple[Flask, Flask]]:
    """(embedded, remote): the same build served from the store and from the backend."""
    embedded = make_app(replace(project, timeout=30.0, result_cache=0))
    remote = make_app(replace(project, timeout=30.0, backend=published))
    yield embedded, remote
    shutdown_app(embedded)
    shutdown_app(remote)


def rows(app: Flask, path: str) -> list[object]:
    response = app.test_client().get(path, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    if response.mimetype == "application/sparql-results+json":
        return list(json.loads(response.get_data())["results"]["bindings"])
    return sorted(response.get_data(as_text=True).splitlines())  # a graph: N-Triples lines


#: Values for the parameters of the canned queries that name something in the seed build.
SEED_VALUES = {
    "actor": "vladimir-putin",
    "resource": "rare-earth-elements",
    "subject": "putin-aluminium-offer-2026",
    "as_of": "2026-03-01",
    "type": "Sanction",
}


@pytest.mark.parametrize("name", sorted(load_queries()))
@pytest.mark.parametrize("candidates", [False, True], ids=["accepted", "with-candidates"])
def test_every_canned_query_answers_the_same_rows_over_the_backend(
    apps: tuple[Flask, Flask], name: str, candidates: bool
) -> None:
    embedded, remote = apps
    query = load_queries()[name]
    values = {p.name: SEED_VALUES[p.name] for p in query.params if p.name in SEED_VALUES}
    if candidates and any(p.name == "include_candidates" for p in query.params):
        values["include_candidates"] = "true"
    if query.form in ("construct", "describe"):
        values["format"] = "nt"
    path = f"/queries/{name}?{urllib.parse.urlencode(values)}"
    expected = rows(embedded, path)
    assert expected, f"{name} answers nothing on the seed build: the comparison would be empty"
    assert rows(remote, path) == expected


def test_sparql_pages_and_refusals_over_the_backend(apps: tuple[Flask, Flask]) -> None:
    embedded, remote = apps
    query = "/sparql?query=SELECT+%3Fs+WHERE+%7B%3Fs+a+%3Fo%7D+ORDER+BY+%3Fs+LIMIT+5"
    assert rows(remote, query) == rows(embedded, query)
    page = remote.test_client().get("/id/vladimir-putin", headers={"Accept": "text/turtle"})
    local = embedded.test_client().get("/id/vladimir-putin", headers={"Accept": "text/turtle"})
    assert page.status_code == 200 and page.get_data() == local.get_data()
    dump = remote.test_client().get("/export/cmkg.ttl")
    assert dump.status_code == 501 and "kg export" in dump.get_json()["error"]


def test_the_row_cap_is_enforced_on_our_side(project: Settings, published: str) -> None:
    app = make_app(replace(project, timeout=30.0, backend=published, max_rows=3))
    try:
        response = app.test_client().get(
            "/sparql?query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200
        assert len(response.get_json()["results"]["bindings"]) == 3
        assert response.headers["X-Result-Truncated"] == "true"
    finally:
        shutdown_app(app)


def test_a_backend_without_the_union_default_graph_is_refused(
    project: Settings, tmp_path: Path
) -> None:
    process, base = start_oxigraph(tmp_path / "plain")
    try:
        state = tmp_path / "state.json"
        result = kg(project.home, "publish", "--endpoint", base + "/query", "--state", str(state))
        assert result.exit_code == 0, result.output
        app = make_app(replace(project, timeout=30.0, backend=base + "/query"))
        try:
            from server.state import state as server_state

            with pytest.raises(Exception, match="--union-default-graph"):
                server_state(app).engine.start()
        finally:
            shutdown_app(app)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_publish_errors_are_one_line(project: Settings, oxigraph: str, tmp_path: Path) -> None:
    state = str(tmp_path / "state.json")
    bad = kg(
        project.home,
        *("publish", "--endpoint", oxigraph + "/query", "--graph-store", oxigraph + "/nope"),
        *("--state", state),
    )
    assert bad.exit_code == 6
    assert bad.stderr.count("\n") == 1 and "HTTP 404" in bad.stderr
    down = kg(project.home, "publish", "--endpoint", "http://127.0.0.1:9/query")
    assert down.exit_code == 6 and "cannot reach" in down.stderr
    missing = kg(
        project.home,
        *("publish", "--endpoint", oxigraph + "/query", "--token-env", "CMKG_NO_SUCH_VAR"),
    )
    assert missing.exit_code == 2 and "CMKG_NO_SUCH_VAR" in missing.stderr
    assert "CMKG_NO_SUCH_VAR" not in os.environ
