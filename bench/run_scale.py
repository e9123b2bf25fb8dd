"""Scale benchmark: build, export and canned-query figures for N generated articles.

    python bench/run_scale.py --articles 1000 [--home DIR] [--skip-build] [--note TEXT]

For each size it (re)uses ``HOME`` (default: a folder under the system temp dir), generates
the corpus with ``bench/generate_corpus.py`` unless one of that size is there, then measures:

* ``kg build``: wall time and peak RSS (``os.wait4`` of the child: the process and its waited
  children);
* ``kg export --format ttl`` (and ``jsonld``): time and peak RSS, next to ``rapper`` (N-Quads
  to Turtle) and ``oxigraph convert`` (N-Quads to TriG and to JSON-LD: it cannot write the
  union of the graphs as Turtle) on the build's ``cmkg.nq`` in the same run;
* canned-query latency, uncached: ``kg serve --result-cache 0`` (``/queries/<name>``) next to
  ``oxigraph serve --union-default-graph`` loaded with the same N-Quads (then ``oxigraph
  optimize``d, as ``kg build`` compacts its store), the same bound query
  text, median of ``--repeat`` runs per query (the servers asked in turn, round by round, so
  the machine's load falls on both alike), then the median of the per-call ratios over the
  queries, with the load average at the start and the end;
* parameter binding in-process: each canned query with parameters, bound with Oxigraph
  ``substitutions`` (the old way) and with the leading ``VALUES`` (the current way); each
  run in a child process stopped at ``--binding-timeout`` seconds.

The results are appended to ``bench/RESULTS.md`` with the machine and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.publish.canned import CannedQuery, Param, bind_params, bound_text, load_queries

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS.md"
BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: int


def measure(command: list[str], *, cwd: Path | None = None, stdout: Path | None = None) -> Run:
    """Run ``command``; wall time and peak RSS (MB) of the child and its waited children."""
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()  # type: ignore[union-attr]
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode)


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.is_file() else (shutil.which(name) or name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(port: int, path: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


#: Seconds a benchmark request may take (our server's --timeout too).
LIMIT = 60.0
NAN = float("nan")


def get(port: int, path: str, accept: str = "application/sparql-results+json") -> float:
    """Seconds to the full answer; NaN for an error status or no answer within LIMIT."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=LIMIT + 5)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        response.read()
    except OSError:
        return NAN
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    return elapsed if response.status == 200 else NAN


def timed_side_by_side(targets: list[tuple[int, str]], accept: str, repeat: int) -> list[float]:
    """Median seconds of ``repeat`` requests to each (port, path) target, interleaved: one
    round asks every target once, each round starting at the next target, so a change in the
    machine's load falls on all of them alike. One warm-up request per target first (it
    starts the workers and fills caches); a target whose warm-up gets no answer is not asked
    again (NaN)."""
    answers = [get(port, path, accept) for port, path in targets]
    live = [i for i, warm in enumerate(answers) if warm == warm]
    times: list[list[float]] = [[] for _ in targets]
    for round_ in range(repeat):
        for k in range(len(live)):
            i = live[(round_ + k) % len(live)]
            times[i].append(get(*targets[i], accept))
    return [median(t) if i in live else NAN for i, t in enumerate(times)]


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{v:.1f}" for v in os.getloadavg())


def median(values: list[float]) -> float:
    """The median of the values that are numbers (NaN if none)."""
    kept = [v for v in values if v == v]
    return statistics.median(kept) if kept else NAN


CMKG = "https://w3id.org/cmkg/ontology#"
#: Values of the parameters that name no entity (the same in both samples).
FIXED = {"as_of": "2026-03-01", "type": "Sanction"}


@dataclass(frozen=True)
class Samples:
    """Parameter values that name something in this build: the entities most facts name
    (``frequent``) and entities few facts name (``rare``), so the figures show both."""

    frequent: dict[str, str]
    rare: dict[str, str]


def ranked(store: ox.Store, cls: str) -> list[str]:
    """Slugs of the members of ``cls``, the most often named by a fact first (links counted
    over the union of the graphs, as the canned queries see them; article mentions left out)."""
    query = f"""
        SELECT ?e (COUNT(?fact) AS ?n) WHERE {{
          ?e a <{CMKG}{cls}> .
          ?fact ?link ?e .
          FILTER(?link != <https://schema.org/mentions>)
        }} GROUP BY ?e ORDER BY DESC(?n) ?e"""
    rows = store.query(query, use_default_graph_as_union=True)
    return [str(row[0].value).rsplit("/", 1)[-1] for row in rows]  # type: ignore[union-attr]


def once_reported(store: ox.Store) -> str | None:
    """A proposal with a single piece of evidence (the first by IRI), or ``None``."""
    query = f"""
        SELECT ?s WHERE {{ ?s a <{CMKG}Proposal> ; <{CMKG}evidence> ?e }}
        GROUP BY ?s HAVING (COUNT(DISTINCT ?e) = 1) ORDER BY ?s LIMIT 1"""
    for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
        return str(row[0].value).rsplit("/", 1)[-1]  # type: ignore[union-attr]
    return None


def sample_values(store: ox.Store) -> Samples:
    """The frequent and the rare value of each entity parameter of the canned queries.

    ``subject`` (evidence): the most named actor, and a proposal reported by one article.
    """
    actors = ranked(store, "Actor") or ["china"]
    resources = ranked(store, "Resource") or ["rare-earth-elements"]
    frequent = {"actor": actors[0], "resource": resources[0], "subject": actors[0], **FIXED}
    rare = {
        "actor": actors[-1],
        "resource": resources[-1],
        "subject": once_reported(store) or actors[-1],
        **FIXED,
    }
    return Samples(frequent, rare)


def get_param(query: CannedQuery, name: str) -> Param:
    return next(p for p in query.params if p.name == name)


def canned_paths(samples: Samples) -> list[tuple[str, str, str, str]]:
    """(name, value shown, /queries path, bound query text) for every canned query: twice for
    a query with an entity parameter (the frequent and the rare value), once otherwise."""
    out = []
    for name, query in load_queries().items():
        entity = [p.name for p in query.params if p.name not in FIXED and p.type == "iri"]
        # the required entity parameters, or the first optional one: two optional filters
        # (proposals: actor and resource) from two independent rankings may match nothing
        entity = [p for p in entity if get_param(query, p).required] or entity[:1]
        variants = [samples.frequent, samples.rare] if entity else [samples.frequent]
        for values in variants:
            raw = {
                p.name: values[p.name]
                for p in query.params
                if p.name in values and (p.name in entity or p.name in FIXED)
            }
            text = bound_text(query, bind_params(query, raw))
            shown = ", ".join(f"{k}={raw[k]}" for k in entity) or "-"
            path = f"/queries/{name}?{urllib.parse.urlencode(raw)}"
            out.append((name, shown, path, text))
    return out


def accept_for(text: str) -> str:
    graph = "CONSTRUCT" in text.upper().split("WHERE")[0]
    return "application/n-triples" if graph else "application/sparql-results+json"


def latency(home: Path, nq: Path, repeat: int, work: Path) -> dict[str, object]:
    store = ox.Store.read_only(str(home / "build" / "store"))
    samples = sample_values(store)
    print(f"values: frequent {samples.frequent}, rare {samples.rare}", file=sys.stderr)
    paths = canned_paths(samples)
    del store
    location = work / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    load = measure([tool("oxigraph"), "load", "--location", str(location), "--file", str(nq)])
    # compacted like the store `kg build` writes (it calls optimize): same storage on both sides
    measure([tool("oxigraph"), "optimize", "--location", str(location)])
    kg_port, ox_port = free_port(), free_port()
    kg_server = subprocess.Popen(
        [
            *(tool("kg"), "serve", "--store", str(home / "build" / "store")),
            *("--port", str(kg_port), "--result-cache", "0", "--timeout", f"{LIMIT:g}"),
        ],
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ox_server = subprocess.Popen(
        [
            *(tool("oxigraph"), "serve-read-only", "--location", str(location)),
            *("--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    loads: list[str] = []
    try:
        wait_for(kg_port, "/healthz")
        wait_for(ox_port, "/query?query=ASK%7B%7D")
        loads.append(load_average())
        for name, shown, path, text in paths:
            accept = accept_for(text)
            encoded = "/query?" + urllib.parse.urlencode({"query": text})
            sparql = "/sparql?" + urllib.parse.urlencode({"query": text})
            ours, raw, theirs = timed_side_by_side(
                [(kg_port, path), (kg_port, sparql), (ox_port, encoded)], accept, repeat
            )
            rows.append((name, shown, ours, raw, theirs))
            print(
                f"latency {name} ({shown}): {ours:.4f} {raw:.4f} {theirs:.4f} "
                f"load {load_average()}",
                file=sys.stderr,
                flush=True,
            )
        loads.append(load_average())
    finally:
        for process in (kg_server, ox_server):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # still busy with an abandoned query
                process.kill()
                process.wait()
    answered = [r for r in rows if r[2] == r[2] and r[4] == r[4]]  # both answered in time
    return {
        "oxigraph_load_s": load.seconds,
        "rows": rows,
        "loads": loads,
        "answered": len(answered),
        "median_kg": median([r[2] for r in answered]),
        "median_oxigraph": median([r[4] for r in answered]),
        "median_ratio": median([r[2] / r[4] for r in answered]),
        "median_sparql_ratio": median([r[3] / r[4] for r in answered if r[3] == r[3]]),
    }


def _timed_query(path: str, text: str, substitutions: dict[str, str], answer: object) -> None:
    store = ox.Store.read_only(path)
    bound = {
        ox.Variable(k): next(
            ox.parse(f"<urn:s> <urn:p> {v} .".encode(), format=ox.RdfFormat.N_TRIPLES)
        ).object
        for k, v in substitutions.items()
    }
    started = time.perf_counter()
    result = store.query(text, use_default_graph_as_union=True, substitutions=bound or None)
    for _ in result:  # type: ignore[union-attr]
        pass
    answer.value = time.perf_counter() - started  # type: ignore[attr-defined]


def timed_in_child(path: str, text: str, subs: dict[str, str], limit: float) -> float | None:
    context = multiprocessing.get_context("spawn")
    answer = context.Value("d", -1.0)
    child = context.Process(target=_timed_query, args=(path, text, subs, answer))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return answer.value if answer.value >= 0 else None


def binding(home: Path, limit: float) -> list[tuple[str, float | None, float | None]]:
    path = str(home / "build" / "store")
    store = ox.Store.read_only(path)
    values = sample_values(store).frequent
    del store
    out = []
    for name, query in load_queries().items():
        if not query.params:
            continue
        raw = {p.name: values[p.name] for p in query.params if p.name in values}
        bound = bind_params(query, raw)
        subs = {k.value: str(v) for k, v in bound.items()}
        old = timed_in_child(path, query.text, subs, limit)
        new = timed_in_child(path, bound_text(query, bound), {}, limit)
        out.append((name, old, new))
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().split()[1]
        ram = f"{int(memory) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        ram = "unknown RAM"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {ram}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}"
    )


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value == value else f"no answer in {LIMIT:g} s"


def fmt_s(value: float | None) -> str:
    return "> limit" if value is None else f"{value:.3f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binding-timeout", type=float, default=120.0)
    parser.add_argument("--skip-build", action="store_true", help="measure the existing build")
    parser.add_argument("--skip", default="", help="comma list: export,latency,binding")
    parser.add_argument("--note", default="")
    parser.add_argument("--limit", type=float, default=LIMIT, help="seconds per request")
    args = parser.parse_args(argv)
    globals()["LIMIT"] = args.limit
    skip = set(filter(None, args.skip.split(",")))
    home = args.home or Path(tempfile.gettempdir()) / f"cmkg-scale-{args.articles}"
    work = home / "bench-work"
    work.mkdir(parents=True, exist_ok=True)
    lines = [
        f"\n## Scale run: {args.articles:,} generated articles ({dt.date.today().isoformat()})\n",
        f"Machine: {machine()}.",
    ]
    if args.note:
        lines.append(f"Note: {args.note}")
    articles = home / "corpus" / "articles"
    if not articles.is_dir() or len(list(articles.glob("*.txt"))) != args.articles:
        gen = measure(
            [
                *(sys.executable, str(BENCH / "generate_corpus.py")),
                *("--articles", str(args.articles), "--home", str(home), "--seed", str(args.seed)),
            ]
        )
        lines.append(f"- generate: {gen.seconds:.1f} s")
    words = sum(len(p.read_text().split()) for p in articles.glob("*.txt"))
    lines.append(f"- corpus: {args.articles:,} articles, {words:,} words")
    if not args.skip_build:
        build = measure([tool("kg"), "build", "-q"], cwd=home)
        lines.append(
            f"- `kg build`: {build.seconds:.1f} s, peak RSS {build.peak_mb:,.0f} MB"
            + ("" if build.status == 0 else f" (FAILED, exit {build.status})")
        )
    nq = home / "build" / "cmkg.nq"
    quads = sum(1 for _ in nq.open("rb"))
    lines.append(f"- build size: {quads:,} quads in cmkg.nq ({nq.stat().st_size / 1e6:.0f} MB)")
    if "export" not in skip:
        lines.append("\n| export | time | peak RSS |\n| --- | --- | --- |")
        for fmt in ("ttl", "jsonld"):
            run = measure(
                [tool("kg"), "export", "--format", fmt, "-o", str(work / f"cmkg.{fmt}")],
                cwd=home,
            )
            lines.append(
                f"| `kg export --format {fmt}` | {run.seconds:.1f} s | {run.peak_mb:,.0f} MB |"
            )
        rapper = measure(
            ["rapper", "-q", "-i", "nquads", "-o", "turtle", str(nq)], stdout=work / "rapper.ttl"
        )
        lines.append(
            f"| `rapper -i nquads -o turtle` | {rapper.seconds:.1f} s | {rapper.peak_mb:,.0f} MB |"
        )
        for fmt in ("trig", "jsonld"):  # convert has no union: Turtle of N-Quads fails
            convert = measure(
                [
                    *(tool("oxigraph"), "convert", "--from-file", str(nq)),
                    *("--to-file", str(work / f"ox.{fmt}"), "--to-format", fmt),
                ]
            )
            lines.append(
                f"| `oxigraph convert` to {fmt} | {convert.seconds:.1f} s "
                f"| {convert.peak_mb:,.0f} MB |"
            )
    if "latency" not in skip:
        result = latency(home, nq, args.repeat, work)
        lines.append(
            f"\nCanned queries, uncached, median of {args.repeat} per query, the three servers "
            f"asked in turn (oxigraph load took {result['oxigraph_load_s']:.1f} s; load average "
            f"{' then '.join(map(str, result['loads']))} at the start and the end of the "
            "queries); a query with an entity parameter runs with "
            "the entity most facts name and with a rarely named one:\n\n| query | value "
            "| `kg serve` /queries | `kg serve` /sparql | `oxigraph serve` | ratio |"
            "\n| --- | --- | --- | --- | --- | --- |"
        )
        for name, shown, ours, raw, theirs in result["rows"]:  # type: ignore[attr-defined]
            cells = [shown, ms(ours), ms(raw), ms(theirs), f"{ours / theirs:.2f}"]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append(
            f"\nMedian over the {result['answered']} canned-query calls both answered within "
            f"{LIMIT:g} s: `kg serve` {result['median_kg'] * 1000:.1f} ms, "
            f"`oxigraph serve` {result['median_oxigraph'] * 1000:.1f} ms; median per-query "
            f"ratio {result['median_ratio']:.2f} (/sparql: {result['median_sparql_ratio']:.2f})."
        )
    if "binding" not in skip:
        lines.append(
            "\nParameter binding in-process (full answer read; a child process, stopped at "
            f"{args.binding_timeout:g} s):\n\n| query | substitutions | leading VALUES | speed-up |"
            "\n| --- | --- | --- | --- |"
        )
        for name, old, new in binding(home, args.binding_timeout):
            speedup = f"{old / new:.1f}x" if old and new else "-"
            lines.append(f"| {name} | {fmt_s(old)} | {fmt_s(new)} | {speedup} |")
    text = "\n".join(lines) + "\n"
    print(text)
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
