"""The ``kg`` command: a click group whose subcommands live in ``kg.commands``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.commands import (
    build,
    eval,
    export,
    extract,
    ingest,
    ontology,
    publish,
    query,
    review,
    serve,
    sparql,
)
from kg.config import load_settings
from kg.errors import KGError


class _Group(click.Group):
    """Turns every :class:`KGError` into one ``error:`` line and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # pipeline order, not alphabetical


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KG_HOME",
    default=None,
    help="Project folder holding corpus/ and build/ (default: current directory).",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """Critical Minerals Knowledge Graph: articles in, evidence-backed RDF and SPARQL out."""
    ctx.obj = load_settings({"home": home})


for _module in (
    ingest,
    extract,
    review,
    build,
    eval,
    query,
    sparql,
    export,
    publish,
    serve,
    ontology,
):
    cli.add_command(_module.command)


def main() -> None:
    try:
        cli.main(prog_name="kg", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
