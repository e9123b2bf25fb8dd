"""`kg build` while `kg serve` runs: versioned builds, the server's own live store, hot reload.

The load test is the issue's "Done when": `kg build` runs several times, the corpus changing
in between, while clients query and write through a live `kg serve`; no request fails, no
acknowledged write is lost, every store opens afterwards, and the server serves the newest
build without a restart.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from flask.testing import FlaskClient

from kg.build.dataset import build_dataset
from kg.build.layout import current_name
from kg.errors import ConflictError
from kg.rdf.terms import article_graph
from server import create_app
from server.app import shutdown_app
from server.state import state
from tests.server.test_live_server import free_port
from tests.support.tiny_corpus import settings_for, write_tiny_corpus

TOKEN = "reload-token"
WRITES = "urn:cmkg-test:writes"
BUILDS = 3


def _insert(client: FlaskClient, number: int) -> int:
    update = f'INSERT DATA {{ GRAPH <{WRITES}> {{ <urn:w:{number}> <urn:p> "{number}" }} }}'
    response = client.post(
        "/sparql",
        data=update,
        content_type="application/sparql-update",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    return response.status_code


def _written(client: FlaskClient) -> set[str]:
    query = f"SELECT ?n WHERE {{ GRAPH <{WRITES}> {{ ?s <urn:p> ?n }} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    return {row["n"]["value"] for row in response.get_json()["results"]["bindings"]}


def _add_article(home: Path, number: int) -> str:
    """A new article in the corpus (as `kg ingest` writes it), so the next build differs."""
    from tests.support.cli import kg

    source = home / "incoming" / f"extra_{number:03d}.txt"
    source.parent.mkdir(exist_ok=True)
    source.write_text(f"Article number {number} about lithium supply.\n", "utf-8")
    result = kg(home, "ingest", str(source), "--date", "2025-03")
    assert result.exit_code == 0, result.output
    return f"extra_{number:03d}"


def _has_graph(client: FlaskClient, article: str) -> bool:
    query = f"ASK {{ GRAPH <{article_graph(article)}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    return bool(response.get_json()["boolean"])


@pytest.fixture
def built(home: Path) -> Path:
    write_tiny_corpus(home)
    build_dataset(settings_for(home))
    return home


def test_reload_switches_build_and_carries_writes(built: Path) -> None:
    settings = settings_for(built)
    app = create_app({"home": built, "update_token": TOKEN, "timeout": 0})
    try:
        client = app.test_client()
        served = state(app)
        first = served.version
        assert first is not None and served.serving().path == built / "build/live" / first / "store"
        assert _insert(client, 1) == 204
        assert served.reload_if_changed() is False  # nothing new yet
        article = _add_article(built, 1)
        build_dataset(settings)
        assert _has_graph(client, article) is False
        assert served.reload_if_changed() is True
        assert served.version != first
        assert _has_graph(client, article) is True  # the new build, without a restart
        assert _written(client) == {"1"}  # the acknowledged write was carried over
        assert served.reload_if_changed() is False  # the watcher's next tick…
        assert not (built / "build/live" / first).exists()  # …removes the drained live store
        pristine = pyoxigraph.Store.read_only(str(built / "build/store"))
        assert not pristine.contains_named_graph(pyoxigraph.NamedNode(WRITES))  # build untouched
    finally:
        shutdown_app(app)
    # a restart serves the same live store, writes included
    again = create_app({"home": built, "timeout": 0})
    try:
        assert _written(again.test_client()) == {"1"}
    finally:
        shutdown_app(again)


def test_writes_survive_a_build_made_while_the_server_was_stopped(built: Path) -> None:
    app = create_app({"home": built, "update_token": TOKEN, "timeout": 0})
    try:
        assert _insert(app.test_client(), 7) == 204
    finally:
        shutdown_app(app)
    for number in range(3):  # more builds than the garbage collector keeps
        _add_article(built, number)
        build_dataset(settings_for(built))
    app = create_app({"home": built, "timeout": 0})
    try:
        client = app.test_client()
        assert _written(client) == {"7"}
        assert _has_graph(client, "extra_002")
    finally:
        shutdown_app(app)


def test_request_started_before_a_reload_finishes_on_the_old_store(built: Path) -> None:
    app = create_app({"home": built, "timeout": 0})
    try:
        served = state(app)
        with app.test_request_context("/sparql"):
            served.enter("GET")
            before = served.store
            _add_article(built, 1)
            build_dataset(settings_for(built))
            assert served.reload_if_changed() is True
            assert served.store is before  # pinned: the running request keeps its store
            served.leave()
        assert served.store is not before
    finally:
        shutdown_app(app)


def test_second_server_on_the_same_build_is_refused(built: Path) -> None:
    app = create_app({"home": built, "timeout": 0})
    try:
        with pytest.raises(ConflictError, match=r"another `kg serve` \(pid \d+\) is serving"):
            create_app({"home": built, "timeout": 0})
    finally:
        shutdown_app(app)


def test_explicit_store_held_by_another_process_is_one_line(tmp_path: Path) -> None:
    from tests.support.cli import kg

    store = tmp_path / "store"
    held = pyoxigraph.Store(str(store))  # as another server would hold it
    result = kg(tmp_path, "serve", "--store", str(store), "--port", "0")
    del held
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: the store {store} is held by another process (another `kg serve`?); "
        "stop it, or serve a copy with --store DIR"
    )


# -- the load test --------------------------------------------------------------------------


class Load:
    """Clients hammering the endpoint: readers (GET and POST queries) and one writer."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.stop = threading.Event()
        self.sent: Counter[str] = Counter()
        self.failures: list[str] = []
        self.acknowledged: list[int] = []
        self.lock = threading.Lock()

    def _call(
        self, kind: str, request: urllib.request.Request, expect: tuple[int, ...]
    ) -> bytes | None:
        with self.lock:
            self.sent[kind] += 1
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body: bytes = response.read()
                if response.status in expect:
                    return body
                problem = f"{kind}: status {response.status}"
        except urllib.error.HTTPError as exc:
            problem = f"{kind}: {exc.code} {exc.read()[:200]!r}"
        except OSError as exc:
            problem = f"{kind}: {exc}"
        with self.lock:
            self.failures.append(problem)
        return None

    def reader(self, post: bool) -> None:
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        while not self.stop.is_set():
            if post:
                request = urllib.request.Request(
                    self.base + "/sparql",
                    data=query.encode(),
                    headers={"Content-Type": "application/sparql-query"},
                )
            else:
                url = self.base + "/sparql?" + urllib.parse.urlencode({"query": query})
                request = urllib.request.Request(url)
            body = self._call("query", request, (200,))
            if (
                body is not None
                and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) <= 0
            ):
                with self.lock:
                    self.failures.append("query: empty store")

    def writer(self, graph_store: bool) -> None:
        """SPARQL updates (odd numbers) or Graph Store POSTs (even numbers) into WRITES."""
        number = 1 if not graph_store else 0
        while not self.stop.is_set():
            number += 2
            triple = f'<urn:w:{number}> <urn:p> "{number}"'
            auth = {"Authorization": f"Bearer {TOKEN}"}
            if graph_store:
                kind = "graph-store"
                request = urllib.request.Request(
                    self.base + "/store?" + urllib.parse.urlencode({"graph": WRITES}),
                    data=f"{triple} .\n".encode(),
                    headers={"Content-Type": "text/turtle", **auth},
                )
            else:
                kind = "update"
                request = urllib.request.Request(
                    self.base + "/sparql",
                    data=f"INSERT DATA {{ GRAPH <{WRITES}> {{ {triple} }} }}".encode(),
                    headers={"Content-Type": "application/sparql-update", **auth},
                )
            if self._call(kind, request, (201, 204)) is not None:
                with self.lock:
                    self.acknowledged.append(number)
            time.sleep(0.01)


def _kg(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", "--home", str(home), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _ask(base: str, article: str) -> bool:
    query = f"ASK {{ GRAPH <{article_graph(article)}> {{ ?s ?p ?o }} }}"
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=30) as response:
        return bool(json.loads(response.read())["boolean"])


@pytest.mark.slow
def test_builds_under_load_lose_nothing(built: Path) -> None:
    port = free_port()
    env = {**os.environ, "KG_UPDATE_TOKEN": TOKEN, "KG_RELOAD_INTERVAL": "0.2"}
    command = [sys.executable, "-m", "kg", "--home", str(built), "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("kg serve did not come up: " + "".join(lines))
    load = Load(base)
    threads = [threading.Thread(target=load.reader, args=(i % 2 == 1,)) for i in range(4)]
    threads += [threading.Thread(target=load.writer, args=(gsp,)) for gsp in (False, True)]
    try:
        for thread in threads:
            thread.start()
        articles = []
        for number in range(BUILDS):
            time.sleep(0.5)
            articles.append(_add_article(built, number))
            result = _kg(built, "build", "-q")
            assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 60
        while not _ask(base, articles[-1]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _ask(base, articles[-1]), "the server never served the newest build"
        time.sleep(0.5)  # some load on the new build too
    except BaseException:
        print("".join(line for line in lines if " 200 " not in line and " 204 " not in line))
        raise
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert process.poll() is None, "the server stopped"
    query = f"SELECT ?n WHERE {{ GRAPH <{WRITES}> {{ ?s <urn:p> ?n }} }}"
    with urllib.request.urlopen(
        base + "/sparql?" + urllib.parse.urlencode({"query": query}), timeout=30
    ) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    present = {int(row["n"]["value"]) for row in rows}
    lost = sorted(set(load.acknowledged) - present)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    reader.join(timeout=10)
    switches = sum("now serving build" in line for line in lines)
    print(
        f"\nload: {sum(load.sent.values())} requests ({dict(load.sent)}), "
        f"{len(load.failures)} failed; {len(load.acknowledged)} writes acknowledged, "
        f"{len(lost)} lost; {BUILDS} builds, {switches} hot reloads"
    )
    assert load.failures == [], "".join(line for line in lines if " 200 " not in line)
    assert lost == []
    assert len(load.acknowledged) > 10 and load.sent["query"] > 50
    assert switches >= 1
    assert "Traceback" not in "".join(lines)
    # no corruption: every store opens read-write and answers
    stores = sorted((built / "build" / "versions").glob("*/store"))
    stores += sorted((built / "build" / "live").glob("*/store"))
    assert len(stores) >= 3
    for path in stores:
        store = pyoxigraph.Store(str(path))
        assert len(store) > 0
        del store
    assert [p.name for p in (built / "build" / "live").iterdir() if p.is_dir()] == [
        current_name(built / "build")
    ]  # the live stores of older builds were removed
    live = pyoxigraph.Store(
        str(built / "build" / "live" / str(current_name(built / "build")) / "store")
    )
    kept = {
        int(quad.object.value)
        for quad in live.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(WRITES))
    }
    assert set(load.acknowledged) <= kept  # on disk too, after the server stopped


def test_failed_switch_keeps_serving_and_leaves_no_half_made_store(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app({"home": built, "update_token": TOKEN, "timeout": 0})
    try:
        served = state(app)
        first = served.version
        _add_article(built, 1)
        build_dataset(settings_for(built))

        def broken(*_: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("server.live.carry_writes", broken)
        assert _insert(app.test_client(), 3) == 204  # dirty: the switch must carry writes
        assert served.reload_if_changed() is False
        assert served.version == first
        assert sorted(p.name for p in (built / "build/live").iterdir() if p.is_dir()) == [first]
        assert _written(app.test_client()) == {"3"}
    finally:
        shutdown_app(app)


def test_deletions_through_the_endpoint_are_carried_over(built: Path) -> None:
    app = create_app({"home": built, "update_token": TOKEN, "timeout": 0})
    try:
        client = app.test_client()
        served = state(app)
        entities = "https://w3id.org/cmkg/graph/entities"
        russia = "https://w3id.org/cmkg/id/russia"
        label = "http://www.w3.org/2000/01/rdf-schema#label"
        ask = f"ASK {{ GRAPH <{entities}> {{ <{russia}> <{label}> ?l }} }}"

        def has_label() -> bool:
            response = client.get("/sparql", query_string={"query": ask})
            return bool(response.get_json()["boolean"])

        assert has_label()
        update = f"DELETE WHERE {{ GRAPH <{entities}> {{ <{russia}> <{label}> ?l }} }}"
        response = client.post(
            "/sparql",
            data=update,
            content_type="application/sparql-update",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 204 and not has_label()
        _add_article(built, 1)
        build_dataset(settings_for(built))  # the new build has the label again…
        assert served.reload_if_changed() is True
        assert not has_label()  # …but the endpoint's deletion is carried over
        assert _has_graph(client, "extra_001")
    finally:
        shutdown_app(app)
