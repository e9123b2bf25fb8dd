"""`kg sparql`: run an ad-hoc SPARQL query against the built store."""

from __future__ import annotations

from pathlib import Path

import click
import pyoxigraph

from kg.config import Settings
from kg.errors import EnvironmentProblem, InputError, QuerySyntaxError, UsageError
from kg.fileio import read_regular
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
    store = open_store(settings.store, read_only=True)
    result = run_sparql(store, text)
    assert isinstance(
        result, pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples
    )
    chosen = fmt or ("ttl" if isinstance(result, pyoxigraph.QueryTriples) else "table")
    check_format(result, chosen)
    click.echo(serialize_result(result, chosen), nl=False)
