"""Benchmark the SPARQL endpoint against raw pyoxigraph and `oxigraph serve` (not a CI test).

Usage (from the repository root, with the dev venv)::

    python bench/run_bench.py [--data build/cmkg.nq] [--requests 500] [--duration 10]

The data is the seed build's ``build/cmkg.nq``; when it is missing the script runs
``kg build`` on the checkout's ``corpus/`` in a temporary folder first. Each server gets its
own copy of the data in a fresh store. Measured:

* median / p90 latency of N sequential requests of a canned-style join query (proposals x
  proposer x resource x evidence quote) over one keep-alive HTTP connection, for (a) raw
  pyoxigraph in-process (query + JSON serialisation), (b) ``kg serve``, (c) ``oxigraph serve
  --union-default-graph``; all return the same JSON bytes;
* requests per second with 16 concurrent connections (``wrk -t2 -c16``) for (b) and (c).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]

QUERY = """PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?proposal ?proposalLabel ?proposerLabel ?resourceLabel ?quote WHERE {
  ?proposal a cmkg:Proposal ;
    rdfs:label ?proposalLabel ;
    cmkg:proposedBy ?proposer ;
    cmkg:concernsResource ?resource ;
    cmkg:evidence ?evidence .
  ?proposer rdfs:label ?proposerLabel .
  ?resource rdfs:label ?resourceLabel .
  ?evidence oa:hasSelector ?selector .
  ?selector a oa:TextQuoteSelector ; oa:exact ?quote .
}
ORDER BY ?proposal ?proposerLabel ?resourceLabel ?quote
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def find_data(given: Path | None, scratch: Path) -> tuple[Path, str]:
    if given is not None:
        return given, f"given file {given}"
    seed = REPO / "build" / "cmkg.nq"
    if seed.is_file():
        return seed, "the seed build build/cmkg.nq"
    home = scratch / "seed"
    shutil.copytree(REPO / "corpus", home / "corpus")
    subprocess.run(
        [sys.executable, "-m", "kg", "--home", str(home), "build"],
        check=True,
        capture_output=True,
    )
    return home / "build" / "cmkg.nq", "the seed build (kg build of corpus/ in a temp folder)"


def load_store(data: Path, location: Path) -> ox.Store:
    store = ox.Store(str(location))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return store


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            parsed = urllib.parse.urlsplit(url)
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=1)
            conn.request("GET", parsed.path + "?query=ASK%7B%7D")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def fetch(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status}: {body[:200]!r}")
    return body


def timed(n: int, call: Callable[[], bytes]) -> tuple[list[float], bytes]:
    body = b""
    for _ in range(20):  # warm-up
        body = call()
    times = []
    for _ in range(n):
        started = time.perf_counter()
        body = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, body


def http_latency(url: str, n: int) -> tuple[list[float], bytes]:
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    path = parsed.path + "?" + urllib.parse.urlencode({"query": QUERY})
    return timed(n, lambda: fetch(conn, path))


def wrk(url: str, duration: int, connections: int) -> float:
    target = url + "?" + urllib.parse.urlencode({"query": QUERY})
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "-H",
            "Accept: application/sparql-results+json",
            target,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses:\n{done.stdout}")
    if match is None:
        raise SystemExit(done.stdout + done.stderr)
    return float(match.group(1))


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p90_ms": round(ordered[int(len(ordered) * 0.9)], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="kg serve --workers")
    args = parser.parse_args()
    oxigraph_bin = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__ if hasattr(ox, "__version__") else "?",
    }
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        data, source = find_data(args.data, scratch)
        results["data"] = source
        store = load_store(data, scratch / "raw")
        results["quads"] = len(store)

        def raw() -> bytes:
            solutions = store.query(QUERY, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            return solutions.serialize(format=ox.QueryResultsFormat.JSON) or b""

        raw_times, raw_body = timed(args.requests, raw)
        results["rows"] = len(json.loads(raw_body)["results"]["bindings"])
        results["raw_pyoxigraph"] = summary(raw_times)

        load_store(data, scratch / "kg")  # closed when collected: the server opens it
        kg_port, ox_port = free_port(), free_port()
        kg_cmd = [
            sys.executable,
            "-m",
            "kg",
            "--home",
            str(scratch),
            "serve",
            "--port",
            str(kg_port),
            "--store",
            str(scratch / "kg"),
        ]
        if args.workers:
            kg_cmd += ["--workers", str(args.workers)]
        subprocess.run(
            [oxigraph_bin, "load", "--location", str(scratch / "ox"), "--file", str(data)],
            check=True,
            capture_output=True,
        )
        ox_cmd = [
            oxigraph_bin,
            "serve",
            "--location",
            str(scratch / "ox"),
            "--bind",
            f"127.0.0.1:{ox_port}",
            "--union-default-graph",
        ]
        nocache_port = free_port()
        nocache_cmd = [*kg_cmd, "--result-cache", "0"]
        nocache_cmd[nocache_cmd.index(str(kg_port))] = str(nocache_port)
        servers = {
            "kg_serve": (kg_cmd, f"http://127.0.0.1:{kg_port}/sparql"),
            "kg_serve_no_cache": (nocache_cmd, f"http://127.0.0.1:{nocache_port}/sparql"),
            "oxigraph_serve": (ox_cmd, f"http://127.0.0.1:{ox_port}/query"),
        }
        results["commands"] = {name: " ".join(cmd) for name, (cmd, _) in servers.items()}
        for name, (cmd, url) in servers.items():
            process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_until_up(url, process)
                times, body = http_latency(url, args.requests)
                if json.loads(body) != json.loads(raw_body):
                    raise SystemExit(f"{name} answered differently from raw pyoxigraph")
                results[name] = {
                    **summary(times),
                    "requests_per_s": wrk(url, args.duration, args.connections),
                }
            finally:
                process.terminate()
                process.wait(timeout=20)
    oxi = results["oxigraph_serve"]
    assert isinstance(oxi, dict)
    for name in ("kg_serve", "kg_serve_no_cache"):
        kg = results[name]
        assert isinstance(kg, dict)
        results[f"{name}_latency_ratio"] = round(kg["median_ms"] / oxi["median_ms"], 2)
        results[f"{name}_throughput_ratio"] = round(kg["requests_per_s"] / oxi["requests_per_s"], 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
