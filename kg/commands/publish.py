"""`kg publish`: push the build, graph by graph, to an existing triple store."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.config import Settings
from kg.errors import UsageError
from kg.progress import Progress
from kg.publish.remote import PublishState, check_reachable, graph_store_url, graphs_of, publish
from kg.rdf.store import open_store

STATE_FILE = "publish-state.json"


@click.command(name="publish")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's SPARQL query endpoint (checked before anything is pushed).",
)
@click.option(
    "--graph-store",
    metavar="URL",
    help="Its Graph Store Protocol URL [default: derived from an Oxigraph endpoint, "
    ".../query -> .../store; Fuseki: http://HOST:3030/DATASET/data].",
)
@click.option(
    "--token-env",
    metavar="VAR",
    help="Environment variable holding a token sent as `Authorization: Bearer`.",
)
@click.option("--force", is_flag=True, help="Push every graph, changed or not.")
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"File recording what was pushed where [default: {STATE_FILE} in the project home].",
)
@click.pass_obj
def command(
    settings: Settings,
    endpoint: str,
    graph_store: str | None,
    token_env: str | None,
    force: bool,
    state_path: Path | None,
) -> None:
    """Push the build to a SPARQL 1.1 store: one PUT per named graph (each replaced whole),
    only the graphs that changed since the last publish to that store; graphs no longer in
    the build are deleted there.

    Works with any standards-compliant store (Oxigraph server, Apache Jena Fuseki, GraphDB,
    Virtuoso, QLever, Amazon Neptune). Serve it with `kg serve --backend URL`.
    """
    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise UsageError(f"--token-env {token_env}: that environment variable is not set")
    target = graph_store_url(endpoint, graph_store)
    store = open_store(settings.store, read_only=True)
    state = PublishState.read(state_path or settings.home / STATE_FILE)
    check_reachable(endpoint, token)
    total = len(graphs_of(store))
    with Progress("publishing graphs", total, unit="graph") as progress:
        report = publish(
            store,
            target,
            state,
            token=token,
            force=force,
            step=lambda key, what: progress.advance(
                1 if what != "deleted" else 0, f"{what} {key or 'default graph'}"
            ),
        )
    click.echo(
        f"published to {target}: {len(report.pushed)} graph(s) pushed ({report.triples} "
        f"triples), {len(report.unchanged)} unchanged, {len(report.deleted)} deleted"
    )
