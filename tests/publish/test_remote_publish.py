"""kg.publish.remote against a recording Graph Store: one PUT per changed graph, a Bearer
token, deletions, digests independent of triple order, one-line errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest

from kg.errors import UsageError
from kg.publish.remote import (
    PublishState,
    RemoteStoreError,
    digest,
    graph_store_url,
    publish,
)

EX = "http://example.org/"


class Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str, str, bytes]]] = []  # method, graph, auth, body
    fail = False

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        graph = query.get("graph", ["(default)" if "default" in query else "?"])[0]
        type(self).requests.append(
            (self.command, graph, self.headers.get("Authorization", ""), body)
        )
        status = 500 if type(self).fail else 204
        self.send_response(status)
        if status == 500:
            message = b"store exploded\nwith a traceback"
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)
        else:
            self.end_headers()

    do_PUT = do_DELETE = _record

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def graph_store() -> Iterator[str]:
    Recorder.requests = []
    Recorder.fail = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def store_with(graphs: dict[str, list[str]]) -> ox.Store:
    store = ox.Store()
    for name, objects in graphs.items():
        for value in objects:
            store.add(
                ox.Quad(
                    ox.NamedNode(EX + "s"),
                    ox.NamedNode(EX + "p"),
                    ox.Literal(value),
                    ox.NamedNode(EX + name),
                )
            )
    return store


def test_only_changed_graphs_travel_and_removed_ones_are_deleted(
    graph_store: str, tmp_path: Path
) -> None:
    state = PublishState.read(tmp_path / "state.json")
    first = publish(store_with({"a": ["1"], "b": ["2", "3"]}), graph_store, state, token="t0k")
    assert first.pushed == [EX + "a", EX + "b"] and first.triples == 3
    assert [(m, g, a) for m, g, a, _ in Recorder.requests] == [
        ("PUT", EX + "a", "Bearer t0k"),
        ("PUT", EX + "b", "Bearer t0k"),
    ]
    assert Recorder.requests[1][3].count(b"\n") == 2  # N-Triples, one line a triple

    Recorder.requests.clear()
    again = publish(
        store_with({"a": ["1"], "b": ["3", "2"]}), graph_store, PublishState.read(state.path)
    )
    assert again.pushed == [] and again.unchanged == [EX + "a", EX + "b"]
    assert Recorder.requests == []

    changed = publish(
        store_with({"a": ["1", "new"], "c": ["4"]}), graph_store, PublishState.read(state.path)
    )
    assert changed.pushed == [EX + "a", EX + "c"] and changed.deleted == [EX + "b"]
    assert [(m, g) for m, g, *_ in Recorder.requests] == [
        ("PUT", EX + "a"),
        ("PUT", EX + "c"),
        ("DELETE", EX + "b"),
    ]
    forced = publish(store_with({"a": ["1", "new"], "c": ["4"]}), graph_store, state, force=True)
    assert forced.pushed == [EX + "a", EX + "c"]


def test_a_refusal_is_one_line_with_the_status_and_the_answer(
    graph_store: str, tmp_path: Path
) -> None:
    Recorder.fail = True
    state = PublishState.read(tmp_path / "state.json")
    with pytest.raises(RemoteStoreError) as caught:
        publish(store_with({"a": ["1"]}), graph_store, state)
    message = caught.value.message
    assert "\n" not in message
    assert "HTTP 500" in message and "store exploded with a traceback" in message
    assert f"<{EX}a>" in message


def test_digests_ignore_line_order_but_not_content() -> None:
    lines = [b"<a> <b> <c> .", b"<a> <b> <d> .", b'<a> <b> "x" .']
    assert digest(b"\n".join(lines) + b"\n") == digest(b"\n".join(reversed(lines)) + b"\n")
    assert digest(b"\n".join(lines)) != digest(b"\n".join(lines[:2]))


@pytest.mark.parametrize(
    ("endpoint", "graph_store", "expected"),
    [
        ("http://h:7878/query", None, "http://h:7878/store"),
        ("http://h:3030/ds/sparql", "http://h:3030/ds/data", "http://h:3030/ds/data"),
    ],
)
def test_the_graph_store_url(endpoint: str, graph_store: str | None, expected: str) -> None:
    assert graph_store_url(endpoint, graph_store) == expected


@pytest.mark.parametrize("endpoint", ["http://h:3030/ds/sparql", "ftp://h/query"])
def test_an_unknown_graph_store_url_is_a_usage_error(endpoint: str) -> None:
    with pytest.raises(UsageError):
        graph_store_url(endpoint, None)
