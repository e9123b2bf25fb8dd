"""Shared helpers for the SPARQL endpoint tests: a small dataset and an app built over it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph
from flask import Flask

from kg.config import load_settings
from server import create_app
from server.state import state

EX = "http://example.org/"
G1 = EX + "g1"
G2 = EX + "g2"
TOKEN = "correct-horse-battery-staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

DATA = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:g1 {{
  ex:putin ex:proposed ex:offer ; rdfs:label "Vladimir Putin"@en .
  ex:offer ex:concerns ex:rare-earths ; rdfs:label "rare-earth offer, multi\\nline"@en .
}}
ex:g2 {{
  ex:tariff ex:imposedBy ex:us ; rdfs:label "2023 tariff"@en ; ex:rate 25 .
}}
"""
#: Triples in DATA: g1 has 4, g2 has 3.
G1_SIZE, G2_SIZE = 4, 3


def make_app(base: Path, data: str = DATA, **overrides: Any) -> Flask:
    """An app over a fresh store at ``base/store`` holding ``data`` (TriG)."""
    settings = load_settings({"home": base, "store_dir": base / "store", **overrides}, environ={})
    app = create_app(settings)
    app.config["TESTING"] = True
    store: pyoxigraph.Store = state(app).store
    if data:
        store.load(data.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    return app


class Listener:
    """A local TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/data.ttl"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@contextmanager
def listening() -> Iterator[Listener]:
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()
