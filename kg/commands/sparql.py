"""`kg sparql`: run an ad-hoc SPARQL query against the built store.

The query is checked first (nesting and chain limits, no SERVICE; :mod:`kg.rdf.scan`), then
evaluated in a child process that has cut itself off from the network
(:mod:`kg.rdf.sandbox`) before opening the store, so no query can make this command connect
anywhere, and a query that crashes the engine ends the child, not the command.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import click
import pyoxigraph

from kg.config import Settings
from kg.errors import EnvironmentProblem, InputError, KGError, QuerySyntaxError, UsageError
from kg.fileio import read_regular
from kg.rdf import sandbox, scan
from kg.rdf.results import QUERY_FORMAT_NAMES, check_format, serialize_result
from kg.rdf.store import open_store
from kg.rdf.terms import PREFIXES

MAX_QUERY_BYTES = 1_000_000  # as the endpoint's default body limit


def read_query(text: str | None, file: Path | None) -> str:
    """The query text: ``text``, or the regular file ``file`` (at most 1 MB, UTF-8)."""
    if (text is None) == (file is None):
        raise UsageError("give the query as an argument or with -f FILE (one of the two)")
    if file is not None:
        data = read_regular(file, MAX_QUERY_BYTES, "query file")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{file}: the query file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start})"
            ) from None
    assert text is not None
    return text


def run_sparql(store: pyoxigraph.Store, query: str) -> object:
    """Run ``query`` over the union of all graphs, with the project prefixes predeclared."""
    try:
        return store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        raise QuerySyntaxError(f"the query does not parse: {message[:300]}") from None
    except OSError as exc:
        raise EnvironmentProblem(f"the store could not be read: {exc}") from None


@click.command(name="sparql")
@click.argument("query", required=False)
@click.option(
    "--file",
    "-f",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read the query from FILE (a regular file of at most 1 MB).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMAT_NAMES),
    default=None,
    help="Output format (default: table; ttl for CONSTRUCT/DESCRIBE).",
)
@click.pass_obj
def command(settings: Settings, query: str | None, file: Path | None, fmt: str | None) -> None:
    """Run a SPARQL QUERY (or -f FILE) over the union of all graphs of the built store.

    The prefixes of the project (cmkg:, cmkgid:, rdfs:, prov:, oa:, ...) are predeclared.
    """
    text = read_query(query, file)
    scan.check(text, "query")
    if not settings.store.exists():
        open_store(settings.store, read_only=True)  # the usual "no store" error, here
    click.echo(evaluate_sandboxed(settings.store, text, fmt), nl=False)


def _evaluate(store_path: Path, text: str, fmt: str | None) -> bytes:
    store = open_store(store_path, read_only=True)
    result = run_sparql(store, text)
    assert isinstance(
        result, pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples
    )
    chosen = fmt or ("ttl" if isinstance(result, pyoxigraph.QueryTriples) else "table")
    check_format(result, chosen)
    return serialize_result(result, chosen)


def _child(store_path: Path, text: str, fmt: str | None, connection: Connection) -> None:
    faulthandler.disable()  # a crash is reported by the parent, in one line
    layers = sandbox.enter()
    try:
        connection.send(("ok", _evaluate(store_path, text, fmt), layers))
    except KGError as exc:
        connection.send(("error", exc, layers))
    finally:
        connection.close()


def evaluate_sandboxed(store_path: Path, text: str, fmt: str | None) -> bytes:
    """The serialised answer to ``text``, computed in a child with no network."""
    # fork: the child starts with one thread, which the network namespace needs; the parent
    # has not opened the store, so no RocksDB state is shared
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(store_path, text, fmt, sender), daemon=True)
    process.start()
    sender.close()
    try:
        outcome, payload, layers = receiver.recv()
    except EOFError:
        process.join(timeout=10)
        raise EnvironmentProblem(
            f"the query engine crashed on this query (exit status {process.exitcode}); "
            "simplify the query"
        ) from None
    finally:
        receiver.close()
    process.join(timeout=10)
    if not layers:
        click.echo(
            "warning: this machine cannot cut the query off from the network; SERVICE is "
            "refused by a text check only (see docs/security.md)",
            err=True,
        )
    if outcome == "error":
        assert isinstance(payload, KGError)
        raise payload
    assert isinstance(payload, bytes)
    return payload
