"""No way out: a local listener counts the connections every SERVICE/LOAD variant makes.

Each variant is tried through the HTTP endpoint (GET and POST, with and without the update
token), then *past* the text check, straight into a query worker and into `kg sparql`'s
child, to show that the network barrier holds even when the scanner is fooled.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.errors import KGError
from kg.rdf import sandbox
from server.app import shutdown_app
from server.evaluation import QueryJob, UpdateJob
from server.state import state
from tests.support.cli import kg
from tests.support.endpoint import AUTH, EX, TOKEN, listening, make_app
from tests.support.outbound import QUERIES, UPDATES, fill

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the network sandbox is Linux-only"
)

SETTLE = 0.3  # seconds for a connection attempt, if any, to land


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(
        tmp_path_factory.mktemp("outbound"), timeout=10, workers=1, update_token=TOKEN
    )
    yield application
    shutdown_app(application)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_the_workers_report_a_network_barrier(app: Flask) -> None:
    engine = state(app).engine
    engine.start()
    assert engine.sandbox_layers, "no worker could cut itself off from the network"


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_make_no_connection(client: FlaskClient, name: str, method: str) -> None:
    with listening() as listener:
        query = fill(QUERIES[name], listener)
        if method == "GET":
            response = client.get("/sparql", query_string={"query": query})
        else:
            response = client.post("/sparql", data=query, content_type="application/sparql-query")
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert response.status_code == 400
    assert response.json is not None and "SERVICE" in response.json["error"]


@pytest.mark.parametrize(
    "request_args",
    [
        {"query": "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"},
        {"query": "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        {"query": "ASK {{ ?s ?p ?o }}", "default-graph-uri": "{url}"},
        {"query": "ASK {{ GRAPH ?g {{ ?s ?p ?o }} }}", "named-graph-uri": "{url}"},
    ],
)
def test_dataset_iris_are_graph_names_never_fetched(
    client: FlaskClient, request_args: dict[str, str]
) -> None:
    with listening() as listener:
        args = {key: fill(value, listener) for key, value in request_args.items()}
        response = client.get("/sparql", query_string=args, headers={"Accept": "text/csv"})
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert response.status_code == 200  # an absent graph is an empty graph
    assert response.data.strip().count(b"\n") == 0 or response.data.strip() == b"_askResult"


@pytest.mark.parametrize("token", [True, False], ids=["with-token", "without-token"])
@pytest.mark.parametrize("name", sorted(UPDATES))
def test_updates_make_no_connection(
    client: FlaskClient, app: Flask, name: str, token: bool
) -> None:
    before = len(state(app).store)
    with listening() as listener:
        response = client.post(
            "/sparql",
            data=fill(UPDATES[name], listener),
            content_type="application/sparql-update",
            headers=AUTH if token else {},
        )
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert response.status_code == (400 if token else 401)
    assert len(state(app).store) == before


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_query_past_the_scanner_still_makes_no_connection(app: Flask, name: str) -> None:
    """The barrier does not depend on reading the query right: straight into a worker."""
    engine = state(app).engine
    with listening() as listener:
        job = QueryJob(
            query=fill(QUERIES[name], listener).replace("SERVIC\\u0045", "SERVICE"),
            results_type="application/sparql-results+json",
            graph_type=None,
            max_rows=10,
        )
        reply = engine.run(job)
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert reply.outcome in ("failed", "ok")  # SILENT turns the failure into no rows


@pytest.mark.parametrize("name", ["load", "load-escaped-iri", "service-in-where"])
def test_an_update_past_the_scanner_still_makes_no_connection(
    app: Flask, tmp_path: Path, name: str
) -> None:
    checkpoint = tmp_path / "checkpoint"
    state(app).store.backup(str(checkpoint))
    with listening() as listener:
        reply = state(app).engine.run(UpdateJob(fill(UPDATES[name], listener), str(checkpoint)))
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert reply.outcome == "failed"


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-outbound")
    (home / "build").mkdir()
    store = pyoxigraph.Store(str(home / "build" / "store"))
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode(EX + "s"), pyoxigraph.NamedNode(EX + "p"), pyoxigraph.Literal("o")
        )
    )
    del store
    return home


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_kg_sparql_makes_no_connection(cli_home: Path, name: str) -> None:
    with listening() as listener:
        result = kg(cli_home, "sparql", fill(QUERIES[name], listener))
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_kg_sparql_past_the_scanner_still_makes_no_connection(cli_home: Path, name: str) -> None:
    from kg.commands.sparql import evaluate_sandboxed

    with listening() as listener:
        query = fill(QUERIES[name], listener).replace("SERVIC\\u0045", "SERVICE")
        # the connection fails inside the child: an error, never a connection
        with contextlib.suppress(KGError):
            evaluate_sandboxed(cli_home / "build" / "store", query, "csv")
        time.sleep(SETTLE)
        assert listener.connections == 0


@pytest.mark.parametrize("layers", [("namespace",), ("seccomp",), sandbox.LAYERS])
def test_each_layer_alone_blocks_internet_sockets_but_not_pipes(layers: tuple[str, ...]) -> None:
    """In a forked child: after enter(layers), TCP to a live local listener fails, AF_UNIX
    works; each layer is a barrier on its own."""
    with listening() as listener:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: report one byte per check, never return into pytest
            code = b"?"
            try:
                done = sandbox.enter(layers)
                try:
                    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
                        code = b"C"
                except OSError:
                    left, right = socket.socketpair()
                    left.sendall(b"x")
                    code = b"U" if right.recv(1) == b"x" and done == layers else b"N"
            finally:
                os.write(writer, code)
                os._exit(0)
        os.close(writer)
        outcome = os.read(reader, 1)
        os.waitpid(pid, 0)
        os.close(reader)
        time.sleep(SETTLE)
        assert listener.connections == 0
    assert outcome == b"U"


def test_allow_service_lets_only_the_listed_hosts_through(tmp_path: Path) -> None:
    application = make_app(
        tmp_path, timeout=10, workers=1, allow_service=("127.0.0.1",), update_token=TOKEN
    )
    client = application.test_client()
    try:
        with listening() as listener:
            allowed = client.get(
                "/sparql", query_string={"query": fill(QUERIES["plain"], listener)}
            )
            refused = client.get(
                "/sparql",
                query_string={
                    "query": "SELECT * WHERE { SERVICE <http://localhost:9/x> { ?s ?p ?o } }"
                },
            )
            load = client.post(
                "/sparql",
                data=fill(UPDATES["load"], listener),
                content_type="application/sparql-update",
                headers=AUTH,
            )
            time.sleep(SETTLE)
            assert listener.connections >= 1  # the federated query did go out
        assert allowed.status_code != 400
        assert refused.status_code == 400 and "127.0.0.1" in refused.json["error"]  # type: ignore[index]
        assert load.status_code == 400  # LOAD stays refused
    finally:
        shutdown_app(application)


def test_an_engine_that_requires_the_sandbox_refuses_to_start_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a machine where neither layer can be set up: the workers report none."""
    from kg.errors import EnvironmentProblem
    from server import engine as engine_module

    ready = engine_module._Worker.wait_ready

    def without_layers(self: engine_module._Worker, timeout: float = 60.0) -> None:
        ready(self, timeout)
        self.layers = ()

    monkeypatch.setattr(engine_module._Worker, "wait_ready", without_layers)
    pyoxigraph.Store(str(tmp_path / "store"))
    strict = engine_module.QueryEngine(tmp_path / "store", 1, 5, require_sandbox=True)
    with pytest.raises(EnvironmentProblem, match="--no-sandbox"):
        strict.start()
    assert strict.alive() == 0
    strict.close()
    lenient = engine_module.QueryEngine(tmp_path / "store", 1, 5, require_sandbox=False)
    lenient.start()
    assert lenient.sandbox_layers == ()
    lenient.close()


def test_kg_serve_with_no_timeout_needs_no_sandbox(tmp_path: Path) -> None:
    result = kg(tmp_path, "serve", "--store", str(tmp_path / "store"), "--timeout", "0")
    assert result.exit_code == 2
    assert "--no-sandbox" in result.stderr


def test_allow_service_comes_from_the_environment_too() -> None:
    from kg.config import load_settings

    settings = load_settings(environ={"KG_ALLOW_SERVICE": " Example.org, dbpedia.org ,"})
    assert settings.allow_service == ("dbpedia.org", "example.org")
