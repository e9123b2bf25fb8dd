"""`kg query`: list the canned queries, or run one against the built store."""

from __future__ import annotations

import click

from kg.config import Settings
from kg.errors import UsageError
from kg.publish.canned import CannedQuery, get_query, load_queries, run_query
from kg.rdf.results import (
    QUERY_FORMAT_NAMES,
    Cell,
    Table,
    check_format,
    render_text_table,
    serialize_result,
)
from kg.rdf.store import open_store


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``("as_of=2020-01-01", ...)`` -> ``{"as_of": "2020-01-01"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(
                f"--param takes NAME=VALUE, e.g. --param as_of=2025-01-01; got {pair!r}"
            )
        params[key.strip()] = value
    return params


def _signature(query: CannedQuery) -> str:
    parts = []
    for p in query.params:
        text = f"{p.name}:{p.type}"
        parts.append(text if p.required else f"[{text}]")
    return " ".join(parts)


def list_table() -> Table:
    return Table(
        ["query", "parameters", "summary"],
        [[Cell(q.name), Cell(_signature(q)), Cell(q.summary)] for q in load_queries().values()],
    )


@click.command(name="query")
@click.argument("name", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter; repeat for several (see `kg query` for each query's list).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(QUERY_FORMAT_NAMES),
    default=None,
    help="Output format (default: table; ttl for CONSTRUCT queries).",
)
@click.pass_obj
def command(settings: Settings, name: str | None, params: tuple[str, ...], fmt: str | None) -> None:
    """List the canned queries, or run NAME against the built store."""
    if name is None:
        if params or fmt:
            raise UsageError("give a query NAME to use --param or --format; `kg query` lists them")
        click.echo(render_text_table(list_table(), max_width=90), nl=False)
        return
    query = get_query(name)
    raw = parse_params(params)
    store = open_store(settings.store, read_only=True)
    result = run_query(store, query, raw)
    chosen = fmt or ("ttl" if query.form in ("construct", "describe") else "table")
    check_format(result, chosen)
    click.echo(serialize_result(result, chosen), nl=False)
