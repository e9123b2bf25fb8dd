"""`kg serve` as a real process on a free port, for tests that talk HTTP to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

import pyoxigraph

from tests.support.endpoint import DATA, EX, TOKEN


@dataclass
class LiveServer:
    process: subprocess.Popen[str]
    base: str
    output: list[str]  # what the server wrote (only its stderr with ``stderr_apart``)
    reader: threading.Thread  # fills ``output`` until the process ends

    @property
    def endpoint(self) -> str:
        return self.base + "/sparql"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(
    home: Path, store: Path, *args: str, stderr_apart: bool = False
) -> Iterator[LiveServer]:
    """``kg --home home serve --store store ARGS…`` with the update token, until the block ends.

    With ``stderr_apart`` only stderr is collected in ``output``; stdout stays a pipe of its own
    for the test to read once the server has stopped."""
    port = free_port()
    command = [sys.executable, "-m", "kg", "--home", str(home), "serve", "--port", str(port)]
    command += ["--store", str(store), *args]
    env = {**os.environ, "KG_UPDATE_TOKEN": TOKEN}
    stderr = subprocess.PIPE if stderr_apart else subprocess.STDOUT
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    lines: list[str] = []
    collected = process.stderr if stderr_apart else process.stdout
    assert collected is not None
    reader = threading.Thread(target=lambda: lines.extend(collected), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                reader.join(timeout=2)
                raise RuntimeError("kg serve did not come up: " + "".join(lines))
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        yield LiveServer(process, base, lines, reader)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        reader.join(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def http(
    url: str,
    method: str = "GET",
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30,
    source: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request, sent exactly as given: no header is added
    (not even a Content-Type for a body); ``source`` is the local address to send from."""
    parts = urllib.parse.urlsplit(url)
    connection = HTTPConnection(
        parts.hostname or "127.0.0.1",
        parts.port,
        timeout=timeout,
        source_address=(source, 0) if source else None,
    )
    path = parts.path + ("?" + parts.query if parts.query else "")
    try:
        connection.request(method, path, body=data, headers=dict(headers or {}))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def write_filler_store(path: Path, filler: int) -> None:
    """The endpoint test data plus ``filler`` triples in a third graph (so that a cartesian
    product over them runs for ages), written to a new store at ``path`` and closed."""
    store = pyoxigraph.Store(str(path))
    store.load(DATA.encode(), format=pyoxigraph.RdfFormat.TRIG)
    triples = "".join(f'<{EX}s{i}> <{EX}p{i % 5}> "{i}" .\n' for i in range(filler))
    store.load(
        triples.encode(),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(EX + "filler"),
    )
    del store  # release the RocksDB lock for the server
