"""`kg ingest`."""

from __future__ import annotations

import click

from kg.errors import NotImplementedYetError


@click.command(name="ingest", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Not implemented yet."""
    raise NotImplementedYetError("`kg ingest` is not implemented yet")
