"""The hard query timeout: a runaway query is killed at the limit, the server keeps serving."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask

from server.app import shutdown_app
from server.engine import GENERAL_NICENESS, QueryEngine
from server.evaluation import QueryJob, QueryReply
from server.state import state
from tests.support.endpoint import EX, make_app

# Four independent triple patterns over 2,000 triples: 1.6e13 combinations.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = "ASK { ?s ?p ?o }"
LIMIT = 1.5


def many_triples(n: int) -> str:
    return "".join(f"<{EX}s{i}> <{EX}p{i % 7}> {i} .\n" for i in range(n))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = make_app(tmp_path, data=many_triples(2000), timeout=LIMIT, workers=2)
    yield application
    shutdown_app(application)


def test_runaway_query_gets_503_at_the_limit_while_others_are_served(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": CHEAP}).status_code == 200  # warm up
    outcome: dict[str, object] = {}

    def run_runaway() -> None:
        started = time.monotonic()
        response = app.test_client().get("/sparql", query_string={"query": CARTESIAN})
        outcome["seconds"] = time.monotonic() - started
        outcome["status"] = response.status_code
        outcome["body"] = response.json

    runaway = threading.Thread(target=run_runaway)
    runaway.start()
    time.sleep(0.3)
    cheap_times = []
    for _ in range(3):
        started = time.monotonic()
        cheap = client.get("/sparql", query_string={"query": CHEAP})
        cheap_times.append(time.monotonic() - started)
        assert cheap.status_code == 200
        assert cheap.data == b'{"head":{},"boolean":true}'
    runaway.join(timeout=LIMIT + 5)
    assert not runaway.is_alive()
    assert max(cheap_times) < 0.5
    assert outcome["status"] == 503
    assert outcome["body"] == {"error": outcome["body"]["error"], "status": 503}  # type: ignore[index]
    assert "limit" in outcome["body"]["error"]  # type: ignore[index]
    assert LIMIT - 0.1 <= outcome["seconds"] <= LIMIT + 1.0  # type: ignore[operator]


def test_the_pool_recovers_after_a_kill(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": CARTESIAN}).status_code == 503
    assert client.get("/sparql", query_string={"query": CARTESIAN}).status_code == 503
    time.sleep(0.5)  # the replacements start in the background
    for _ in range(4):
        response = client.get(
            "/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
        )
        assert response.status_code == 200
        assert json.loads(response.data)["results"]["bindings"][0]["n"]["value"] == "2000"
    assert state(app).engine.alive() == 2 + 1  # the pool and the reserved lane


def _priority(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


#: A COUNT over 16 million pairs of 4,000 triples: a job that runs for a while.
PAIRS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def _watched_run(
    engine: QueryEngine, pid: int, during: Callable[[], None] = lambda: None
) -> tuple[QueryReply, list[int]]:
    """Run PAIRS on ``engine``; the priorities of worker ``pid`` seen while it ran. ``during``
    is called from another thread once the job is past ``demote_after``."""
    seen: list[int] = []
    answered = threading.Event()

    def watch() -> None:  # the priority while the long query runs, until it answers
        while not answered.wait(0.05):
            try:
                seen.append(_priority(pid))
            except OSError:  # the worker was already replaced
                return

    def meanwhile() -> None:
        if not answered.wait(engine.demote_after + 0.3):
            during()

    threads = [threading.Thread(target=watch), threading.Thread(target=meanwhile)]
    for thread in threads:
        thread.start()
    try:
        reply = engine.run(QueryJob(PAIRS, "application/sparql-results+json", None, 60))
    finally:
        answered.set()
        for thread in threads:
            thread.join()
    return reply, seen


def test_a_long_query_drops_its_worker_to_a_lower_priority_only_beside_another_request(
    tmp_path: Path,
) -> None:
    """Short queries run at the normal CPU priority (as fast as Oxigraph's own server), and so
    does a long one alone in the engine; a job still running after ``demote_after`` while
    another request comes in is niced, and its worker replaced afterwards (keeping the answer
    it spooled)."""
    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.load(many_triples(4000).encode(), format=pyoxigraph.RdfFormat.TURTLE)
    del store
    engine = QueryEngine(
        tmp_path / "store", 1, 60, spool_threshold=1, demote_after=0.2, reserved_lane=False
    )
    try:
        engine.start()
        (worker,) = engine._all
        pid = worker.process.pid
        assert pid is not None
        cheap = engine.run(QueryJob(CHEAP, "application/sparql-results+json", None, 10))
        assert cheap.outcome == "ok"
        assert engine._all == {worker} and _priority(pid) == 0
        alone, seen_alone = _watched_run(engine, pid)
        assert alone.outcome == "ok" and len(seen_alone) > 4  # it ran well past demote_after
        assert set(seen_alone) == {0}, seen_alone  # alone: never niced
        assert engine._all == {worker} and not worker.demoted
        beside: list[QueryReply] = []

        def other_request() -> None:  # waits for the one worker: contention
            beside.append(engine.run(QueryJob(CHEAP, "application/sparql-results+json", None, 1)))

        waiting = threading.Thread(target=other_request)
        reply, seen = _watched_run(engine, pid, waiting.start)
        waiting.join()
        assert reply.outcome == "ok" and reply.spool  # every answer is spooled here
        assert GENERAL_NICENESS in seen, seen  # demoted once another request came in
        assert [r.outcome for r in beside] == ["ok"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (worker in engine._all or engine.alive() != 1):
            time.sleep(0.05)
        assert worker not in engine._all and not worker.process.is_alive()
        (fresh,) = engine._all
        assert fresh.process.pid is not None and _priority(fresh.process.pid) == 0
        # the retired worker's answer is still there to be sent
        assert b"16000000" in Path(reply.spool).read_bytes()
    finally:
        engine.close()
